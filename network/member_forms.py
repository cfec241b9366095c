"""Forms of a network's membership: the network itself, the invitation and the consent."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from collab.dates import date_widget, validate_date_in_range
from collab.forms import SubmitHelperMixin
from collab.models import Network, NetworkMembership
from network.models import ReferenceOrganisation

# Paths under /natverk/ that are pages, not networks.
RESERVED_SLUGS = {"ny", "inbjudningar"}


class NetworkForm(SubmitHelperMixin, forms.ModelForm):
    coordinators = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("network coordinators"),
        help_text=_(
            "Network coordinators invite members and read what the members share; they never "
            "open a member's own records."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Network
        fields = ["name", "slug", "description"]
        help_texts = {"slug": _("Part of the network's address, e.g. modellkommuner.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinators"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("last_name", "username")
        )
        if self.instance.pk:
            self.initial.setdefault("coordinators", list(self.instance.coordinators.all()))
        self.helper = self.build_helper()

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved; choose another."))
        return slug


class InviteForm(forms.Form):
    reference = forms.ModelChoiceField(
        queryset=ReferenceOrganisation.objects.all(),
        label=_("municipality or region"),
        error_messages={"invalid_choice": _("Choose a municipality or region from the list.")},
    )


class SharingForm(SubmitHelperMixin, forms.ModelForm):
    """What a member shares with a network: each kind off unless ticked, and a contact."""

    submit_label = _("Save what we share")

    class Meta:
        model = NetworkMembership
        fields = [
            *[name for name, _label in NetworkMembership.SHARE_KINDS],
            "contact_name",
            "contact_email",
        ]
        help_texts = {
            "contact_name": _(
                "Shown to the network and its members only when you share contact persons."
            ),
        }

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if submit_label:
            self.submit_label = submit_label
        self.helper = self.build_helper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("share_contacts") and not (
            cleaned.get("contact_name") and cleaned.get("contact_email")
        ):
            self.add_error(
                "contact_name",
                _("Give a contact person's name and e-mail address to share contact persons."),
            )
        return cleaned

    def sharing(self) -> dict:
        return dict(self.cleaned_data)


class PopulationForm(SubmitHelperMixin, forms.Form):
    """A dated population of a member's kommun or region (editable, dated data)."""

    submit_label = _("Save the population")

    reference = forms.ModelChoiceField(
        queryset=ReferenceOrganisation.objects.none(),
        label=_("municipality or region"),
        error_messages={"invalid_choice": _("Choose a municipality or region from the list.")},
    )
    date = forms.DateField(
        label=_("date"),
        widget=date_widget(),
        validators=[validate_date_in_range],
        help_text=_("SCB publishes the population per 31 December."),
    )
    inhabitants = forms.IntegerField(label=_("inhabitants"), min_value=1, max_value=10_000_000)
    source = forms.CharField(
        label=_("source"),
        max_length=200,
        required=False,
        help_text=_("E.g. SCB, Folkmängd 31 december 2025."),
    )

    def __init__(self, *args, references=None, **kwargs):
        super().__init__(*args, **kwargs)
        if references is not None:
            self.fields["reference"].queryset = references
        self.helper = self.build_helper()
