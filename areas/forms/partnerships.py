"""The IOP partnership form with Forum's criteria."""

from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row
from django import forms
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from areas.models import (
    IOP_CRITERIA,
    PARTNER_KIND,
    CriterionAnswer,
    Partnership,
)
from collab.forms import ScopedModelForm

# --- IOP partnerships ---------------------------------------------------------------------------


class PartnershipForm(ScopedModelForm):
    """The IOP with Forum's criteria: for each criterion an answer and a note.

    The criteria are data (``collab.models.IOP_CRITERIA``); the form makes two fields for each
    (``criterion_<key>`` and ``criterion_<key>_note``) and :meth:`criteria` packs them into the
    model's ``criteria`` value.
    """

    class Meta:
        model = Partnership
        fields = [
            "title",
            "partner",
            "challenge",
            "status",
            "purpose",
            "goals",
            "start_date",
            "end_date",
            "municipality_contribution",
            "partner_contribution_money",
            "partner_volunteer_hours",
            "partner_contribution_other",
            "committee",
            "decision_date",
            "case_number",
            "next_follow_up",
            "follow_up_owner_user",
            "follow_up_notes",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "partner_contribution_other": forms.Textarea(attrs={"rows": 2}),
            "follow_up_notes": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            name: {"min_value": _("An amount cannot be negative.")}
            for name in (
                "municipality_contribution",
                "partner_contribution_money",
                "partner_volunteer_hours",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partner = self.fields["partner"]
        # Only idéburna organisations from the own register (the current partner stays
        # selectable, so that the service can explain if its kind has changed since).
        condition = models.Q(kind=PARTNER_KIND)
        if self.instance.partner_id:
            condition |= models.Q(pk=self.instance.partner_id)
        partner.queryset = partner.queryset.filter(condition).order_by("name")
        self.fields["challenge"].queryset = self.fields["challenge"].queryset.order_by(
            "position", "name"
        )
        stored = self.instance.criteria or {}
        criterion_rows = []
        for criterion in IOP_CRITERIA:
            item = stored.get(criterion.key, {})
            name = f"criterion_{criterion.key}"
            self.fields[name] = forms.ChoiceField(
                label=criterion.label,
                choices=CriterionAnswer.choices,
                initial=item.get("answer", CriterionAnswer.NOT_ASSESSED),
                help_text=criterion.help_text,
            )
            self.fields[f"{name}_note"] = forms.CharField(
                label=_("Note"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 1}),
                initial=item.get("note", ""),
            )
            criterion_rows.append(
                Row(
                    Column(name, css_class="col-md-5"),
                    Column(f"{name}_note", css_class="col-md-7"),
                )
            )
        self.helper.layout = Layout(
            Fieldset(
                _("The partnership"),
                "title",
                Row(
                    Column("partner", css_class="col-md-6"),
                    Column("challenge", css_class="col-md-4"),
                    Column("status", css_class="col-md-2"),
                ),
                "purpose",
                "goals",
                Row(
                    Column("start_date", css_class="col-md-6"),
                    Column("end_date", css_class="col-md-6"),
                ),
            ),
            Fieldset(
                _("Contributions"),
                Field("municipality_contribution"),
                Row(
                    Column("partner_contribution_money", css_class="col-md-6"),
                    Column("partner_volunteer_hours", css_class="col-md-6"),
                ),
                "partner_contribution_other",
            ),
            Fieldset(
                _("Decision"),
                Row(
                    Column("committee", css_class="col-md-6"),
                    Column("decision_date", css_class="col-md-3"),
                    Column("case_number", css_class="col-md-3"),
                ),
            ),
            Fieldset(
                _("Forum's IOP criteria"),
                HTML(
                    format_html(
                        "<p class='small'>{}</p>",
                        _(
                            "IOP is not regulated by law. Assess each criterion and note why; "
                            "where one is not met, the partnership page explains which route "
                            "(procurement or a grant) may be right instead."
                        ),
                    )
                ),
                *criterion_rows,
            ),
            Fieldset(
                _("Follow-up"),
                Row(
                    Column("next_follow_up", css_class="col-md-6"),
                    Column("follow_up_owner_user", css_class="col-md-6"),
                ),
                "follow_up_notes",
            ),
        )

    def _post_clean(self):
        """The model's rules (a decided partnership has every criterion assessed) check the
        answers in this form, not the stored ones; the stored ones are put back afterwards (the
        service writes the change to the history)."""
        stored = self.instance.criteria
        if all(f"criterion_{c.key}" in self.cleaned_data for c in IOP_CRITERIA):
            self.instance.criteria = self.criteria()
        try:
            super()._post_clean()
        finally:
            self.instance.criteria = stored

    def criteria(self) -> dict:
        """The checklist as stored on the model: {key: {"answer": ..., "note": ...}}."""
        data = self.cleaned_data
        return {
            criterion.key: {
                "answer": data[f"criterion_{criterion.key}"],
                "note": data.get(f"criterion_{criterion.key}_note", "").strip(),
            }
            for criterion in IOP_CRITERIA
        }

    def model_values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["criteria"] = self.criteria()
        return values
