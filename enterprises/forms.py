from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from collab.forms import ScopedModelForm
from enterprises import orgnr
from enterprises.models import ContactPerson, SocialEnterprise


def _criterion_row(name):
    return Row(
        Column(name, css_class="col-md-3"),
        Column(f"{name}_checked", css_class="col-md-3"),
        Column(f"{name}_note", css_class="col-md-6"),
    )


class SocialEnterpriseForm(ScopedModelForm):
    # Longer than the stored NNNNNN-NNNN: people paste "SE556000016701" or "16556000-0167".
    org_number = forms.CharField(
        label=SocialEnterprise._meta.get_field("org_number").verbose_name.capitalize(),
        help_text=_(
            "NNNNNN-NNNN; also accepted with a 16 or SE prefix. May be empty for an "
            "enterprise that is being formed."
        ),
        max_length=20,
        required=False,
    )

    class Meta:
        model = SocialEnterprise
        fields = [
            "name",
            "org_number",
            "legal_form",
            "kind",
            "status",
            "identified_on",
            "challenges",
            "sdgs",
            "categories",
            "offer",
            "cpv_codes",
            "work_training_places",
            "employees",
            "participants",
            "integration_share",
            "integration_share_confirmed",
            "surplus_reinvested",
            "surplus_reinvested_checked",
            "surplus_reinvested_note",
            "mission_in_statutes",
            "mission_in_statutes_checked",
            "mission_in_statutes_note",
            "independent",
            "independent_checked",
            "independent_note",
            "employee_participation",
            "employee_participation_checked",
            "employee_participation_note",
            "certifications",
            "address",
            "postal_code",
            "postal_town",
            "operates_in",
            "website",
            "notes",
            "tags",
            "public_listing",
        ]
        widgets = {
            "challenges": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple(attrs={"class": "sdg-list"}),
            "categories": forms.CheckboxSelectMultiple,
            "offer": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "surplus_reinvested_note": forms.Textarea(attrs={"rows": 1}),
            "mission_in_statutes_note": forms.Textarea(attrs={"rows": 1}),
            "independent_note": forms.Textarea(attrs={"rows": 1}),
            "employee_participation_note": forms.Textarea(attrs={"rows": 1}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["integration_share"].widget.attrs.update({"min": 0, "max": 100, "step": 1})
        self.helper.layout = Layout(
            Fieldset(
                _("The enterprise"),
                Row(
                    Column("name", css_class="col-md-8"), Column("org_number", css_class="col-md-4")
                ),
                Row(
                    Column("legal_form", css_class="col-md-4"),
                    Column("kind", css_class="col-md-4"),
                    Column("status", css_class="col-md-2"),
                    Column("identified_on", css_class="col-md-2"),
                ),
            ),
            Fieldset(
                _("What it sells"),
                Field("categories", wrapper_class="checkbox-columns"),
                "offer",
                "cpv_codes",
            ),
            Fieldset(
                _("Capacity"),
                Row(
                    Column("work_training_places", css_class="col-md-4"),
                    Column("employees", css_class="col-md-4"),
                    Column("participants", css_class="col-md-4"),
                ),
                Row(
                    Column("integration_share", css_class="col-md-8"),
                    Column("integration_share_confirmed", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Societal challenges and Agenda 2030"),
                Field("challenges", wrapper_class="checkbox-columns"),
                Field("sdgs", wrapper_class="checkbox-columns"),
            ),
            Fieldset(
                _("Social-enterprise criteria"),
                HTML(
                    format_html(
                        "<p class='small'>{}</p>",
                        _(
                            "Answer yes, no or unknown, note the evidence (e.g. the statutes) "
                            "and the date you checked."
                        ),
                    )
                ),
                _criterion_row("surplus_reinvested"),
                _criterion_row("mission_in_statutes"),
                _criterion_row("independent"),
                _criterion_row("employee_participation"),
                "certifications",
            ),
            Fieldset(
                _("Address and area"),
                "address",
                Row(
                    Column("postal_code", css_class="col-md-3"),
                    Column("postal_town", css_class="col-md-9"),
                ),
                "operates_in",
                "website",
            ),
            Fieldset(_("Notes"), "notes", "tags"),
            Fieldset(_("Open data"), "public_listing"),
        )

    def clean_org_number(self) -> str:
        value = self.cleaned_data.get("org_number", "")
        return orgnr.normalise(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        share = cleaned.get("integration_share")
        confirmed = cleaned.get("integration_share_confirmed")
        if confirmed is not None and share is None and "integration_share" not in self.errors:
            self.add_error(
                "integration_share",
                _("Enter the share that was confirmed, or clear the date."),
            )
        if confirmed is not None and confirmed > timezone.localdate():
            self.add_error(
                "integration_share_confirmed",
                _("The date the share was confirmed cannot be in the future."),
            )
        number = cleaned.get("org_number")
        if number:
            clash = SocialEnterprise.objects.filter(org_number=number)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            existing = clash.first()
            if existing is not None:
                self.add_error(
                    "org_number",
                    _("%(name)s already has this organisation number in the register.")
                    % {"name": existing.name},
                )
        return cleaned


class ContactPersonForm(ScopedModelForm):
    class Meta:
        model = ContactPerson
        fields = ["enterprise", "name", "role", "email", "phone", "is_public"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = SocialEnterprise.objects.order_by("name")
