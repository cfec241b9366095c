"""Forms. Every form for organisation-owned data derives from :class:`ScopedModelForm`."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from collab.models import Membership, Organisation, OrganisationOwned, Role


def _scoped_formfield(db_field, **kwargs):
    """Build relation fields without querying at import time (no scope is active then)."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if db_field.is_relation and issubclass(db_field.related_model, OrganisationOwned):
        form_class = SafeModelMultipleChoiceField if db_field.many_to_many else SafeModelChoiceField
        return db_field.formfield(form_class=form_class, **kwargs)
    return db_field.formfield(**kwargs)


class SubmitHelperMixin:
    submit_label = _("Save")

    def build_helper(self) -> FormHelper:
        helper = FormHelper(self)
        # The server's Swedish messages next to each field, not the browser's own bubbles.
        helper.attrs = {"novalidate": ""}
        helper.add_input(Submit("submit", self.submit_label))
        return helper


class ScopedModelFormMetaclass(forms.models.ModelFormMetaclass):
    """Gives every subclass's ``Meta`` the scope-safe ``formfield_callback``.

    Django reads ``formfield_callback`` only from the class's own ``Meta``; without this a
    subclass would build its relation fields by querying at import time, outside any scope.
    """

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = _scoped_formfield
        return super().__new__(mcs, name, bases, attrs)


class ScopedModelForm(SubmitHelperMixin, forms.ModelForm, metaclass=ScopedModelFormMetaclass):
    """A model form whose foreign-key choices are limited to the active organisation."""

    def __init__(self, *args, organisation=None, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields:
            raise ImproperlyConfigured("The organisation comes from the request, not from a form.")
        for form_field in self.fields.values():
            if isinstance(form_field, forms.ModelChoiceField):
                model = form_field.queryset.model
                if issubclass(model, OrganisationOwned):
                    form_field.queryset = model.objects.all()
        self.helper = self.build_helper()


class AddMemberForm(SubmitHelperMixin, forms.Form):
    """Invite a person by e-mail; an existing account is added, a new one is created."""

    submit_label = _("Add member")

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Work e-mail. A new person receives an e-mail with a link to set a password."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.COORDINATOR,
        help_text=Membership._meta.get_field("role").help_text,
    )

    def __init__(self, *args, organisation=None, instance=None, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member of the organisation."))
        return email


class MembershipRoleForm(ScopedModelForm):
    submit_label = _("Save role")

    class Meta:
        model = Membership
        fields = ["role"]


class OrganisationForm(SubmitHelperMixin, forms.ModelForm):
    """An administrator keeps the organisation's own details up to date."""

    class Meta:
        model = Organisation
        fields = ["name", "population"]

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper()
