"""The administrator's form for what the organisation publishes as open data."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import OpenDataPublication
from collab.forms import ScopedModelForm

# An OCDS prefix as the Open Contracting Partnership hands them out: "ocds-" and six letters or
# digits (e.g. ocds-213czf).
OCID_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}$")


class PublicationForm(ScopedModelForm):
    class Meta:
        model = OpenDataPublication
        fields = [
            "publish_register",
            "publish_procurements",
            "publish_figures",
            "ocid_prefix",
            "licence",
        ]

    def clean_ocid_prefix(self) -> str:
        value = self.cleaned_data.get("ocid_prefix", "").strip().lower()
        if value and not OCID_PREFIX.match(value):
            raise forms.ValidationError(
                _(
                    "Write the OCID prefix as “ocds-” followed by six letters or digits, e.g. "
                    "ocds-abc123."
                ),
                code="format",
            )
        return value
