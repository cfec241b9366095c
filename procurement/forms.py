from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from collab.forms import ScopedModelForm
from collab.widgets import SearchableSelectMultiple
from enterprises import orgnr
from enterprises.models import SocialEnterprise
from procurement.models import Bid, EmploymentReport, Procurement

NOT_NEGATIVE = _("An amount cannot be negative.")
NOT_NEGATIVE_NUMBER = _("The number cannot be negative.")


def _not_negative(form, names, message=NOT_NEGATIVE):
    """A clear message for negative numbers, instead of the generic "at least 0"."""
    for name in names:
        field = form.fields[name]
        field.validators = [v for v in field.validators if not isinstance(v, MinValueValidator)] + [
            MinValueValidator(0, message=message)
        ]
        field.min_value = None
        field.widget.attrs.pop("min", None)


class ProcurementForm(ScopedModelForm):
    # Saved by the view through the organisation-owned DialogueInvitation rows.
    invited_enterprises = forms.ModelMultipleChoiceField(
        label=_("Enterprises invited to the dialogue"),
        queryset=SocialEnterprise.objects.none(),
        required=False,
        widget=SearchableSelectMultiple,
        help_text=_("Search and choose; ended enterprises are not offered."),
    )

    class Meta:
        model = Procurement
        fields = [
            "title",
            "reference",
            "description",
            "category",
            "cpv_code",
            "estimated_value",
            "planned_start",
            "planned_end",
            "responsible_unit",
            "responsible_person",
            "procedure",
            "status",
            "status_date",
            "employment_requirement",
            "employment_target_type",
            "employment_target",
            "next_employment_report",
            "employment_report_owner_user",
            "divided_into_lots",
            "market_dialogue_held",
            "market_dialogue_date",
            "other_social_requirements",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "other_social_requirements": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        invited = list(self.instance.invited_enterprises.all()) if self.instance.pk else []
        if self.instance.pk:
            self.initial["invited_enterprises"] = invited
        # Already invited enterprises stay chosen after they ended, so an unchanged save keeps them.
        self.fields["invited_enterprises"].queryset = (
            SocialEnterprise.objects.offered(kept=[e.pk for e in invited])
            .only("pk", "name")
            .order_by("name")
        )
        _not_negative(self, ["estimated_value"])
        _not_negative(self, ["employment_target"], NOT_NEGATIVE_NUMBER)
        self.helper.layout = Layout(
            Fieldset(
                _("The procurement"),
                Row(
                    Column("title", css_class="col-md-8"),
                    Column("reference", css_class="col-md-4"),
                ),
                "description",
                Row(
                    Column("category", css_class="col-md-6"),
                    Column("cpv_code", css_class="col-md-6"),
                ),
                Row(
                    Column("procedure", css_class="col-md-6"),
                    Column("estimated_value", css_class="col-md-6"),
                ),
                Row(
                    Column("planned_start", css_class="col-md-6"),
                    Column("planned_end", css_class="col-md-6"),
                ),
                Row(
                    Column("responsible_unit", css_class="col-md-6"),
                    Column("responsible_person", css_class="col-md-6"),
                ),
                Row(
                    Column("status", css_class="col-md-6"),
                    Column("status_date", css_class="col-md-6"),
                ),
            ),
            Fieldset(
                _("Social considerations"),
                "employment_requirement",
                Row(
                    Column("employment_target_type", css_class="col-md-6"),
                    Column("employment_target", css_class="col-md-6"),
                ),
                Row(
                    Column("next_employment_report", css_class="col-md-6"),
                    Column("employment_report_owner_user", css_class="col-md-6"),
                ),
                "divided_into_lots",
                Row(
                    Column("market_dialogue_held", css_class="col-md-6"),
                    Column("market_dialogue_date", css_class="col-md-6"),
                ),
                "invited_enterprises",
                "other_social_requirements",
            ),
        )


class BidForm(ScopedModelForm):
    supplier_org_number = forms.CharField(
        label=Bid._meta.get_field("supplier_org_number").verbose_name.capitalize(),
        help_text=_("NNNNNN-NNNN; also accepted with a 16 or SE prefix."),
        max_length=20,
        required=False,
    )

    class Meta:
        model = Bid
        fields = [
            "procurement",
            "supplier",
            "supplier_name",
            "supplier_org_number",
            "bid_value",
            "awarded",
            "contract_value",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procurement"].queryset = Procurement.objects.order_by("title")
        self.fields["supplier"].queryset = SocialEnterprise.objects.order_by("name")
        _not_negative(self, ["bid_value", "contract_value"])

    def clean_supplier_org_number(self) -> str:
        value = self.cleaned_data.get("supplier_org_number", "")
        return orgnr.normalise(value) if value else ""


class EmploymentReportForm(ScopedModelForm):
    class Meta:
        model = EmploymentReport
        fields = [
            "procurement",
            "period_start",
            "period_end",
            "months_delivered",
            "people_delivered",
            "placements_delivered",
            "comment",
        ]
        widgets = {
            "comment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procurement"].queryset = Procurement.objects.filter(
            employment_requirement=True
        ).order_by("title")
        _not_negative(
            self,
            ["months_delivered", "people_delivered", "placements_delivered"],
            NOT_NEGATIVE_NUMBER,
        )
