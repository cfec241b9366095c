"""Forms for the effect chains (effektkedjor) and the dashboard's year choice."""

import django_filters
from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row
from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from collab.filters import WordSearchFilter
from collab.forms import ScopedModelForm
from followup.indicators import INDICATOR_CHOICES
from followup.models import EffectChain, EffectStep, Stage


class EffectChainFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["title", "description"],
        help_text=_("Title or description"),
    )

    class Meta:
        model = EffectChain
        fields = ["q"]


class EffectChainForm(ScopedModelForm):
    class Meta:
        model = EffectChain
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "title": _("E.g. Work integration through social enterprises."),
            "description": _(
                "What the chain is about: the target group, the intended change, the period."
            ),
        }


class EffectStepForm(ScopedModelForm):
    """One box in the chain: its stage, text, place in the column and the indicators that
    measure it (computed ones from the catalogue, the organisation's manual ones)."""

    indicator_keys = forms.MultipleChoiceField(
        label=_("Computed indicators"),
        choices=INDICATOR_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Indicators that Samverka computes from the records."),
    )

    class Meta:
        model = EffectStep
        fields = [
            "chain",
            "stage",
            "title",
            "description",
            "position",
            "indicator_keys",
            "manual_indicators",
        ]
        widgets = {
            "stage": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "manual_indicators": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "stage": _(
                "Resources: what is put in (money, staff, premises). Activities: what is done. "
                "Outputs: what the activities deliver, counted (places, procurements). Outcomes: "
                "the change for the participants or the enterprises. Impacts: the lasting change "
                "in society."
            ),
            "title": _("E.g. 40 work-training places at social enterprises."),
            "position": _("Lower numbers come first in the column."),
            "manual_indicators": _("Indicators the organisation measures itself."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chain"].queryset = self.fields["chain"].queryset.order_by("title")
        manual = self.fields["manual_indicators"]
        manual.queryset = manual.queryset.order_by("name")
        if not manual.queryset.exists():
            manual.help_text = _(
                "The organisation has no manual indicators yet. Add them from the indicator "
                "list, then link them here."
            )
        self.fields["stage"].choices = Stage.choices
        self.helper.layout = Layout(
            Fieldset(
                _("The step"),
                Row(
                    Column("chain", css_class="col-md-9"),
                    Column("position", css_class="col-md-3"),
                ),
                "stage",
                "title",
                "description",
            ),
            Fieldset(
                _("Indicators that measure the step"),
                HTML(
                    "<p class='small'>"
                    + escape(
                        _(
                            "Their names are shown in the diagram and their values for the "
                            "year in the list below it."
                        )
                    )
                    + "</p>"
                ),
                Field("indicator_keys", wrapper_class="checkbox-columns"),
                Field("manual_indicators", wrapper_class="checkbox-columns"),
            ),
        )
