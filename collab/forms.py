"""Forms. Every form for organisation-owned data derives from :class:`ScopedModelForm`."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from collab import files
from collab.dates import date_widget
from collab.formatting import person_name
from collab.models import (
    Attachment,
    Membership,
    Organisation,
    OrganisationOwned,
    Role,
)
from collab.selectors import member_users


def _scoped_formfield(db_field, **kwargs):
    """Build relation fields without querying at import time (no scope is active then); give
    every date field the browser's date picker."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("widget", date_widget())
    if db_field.is_relation and db_field.related_model is get_user_model():
        # An owner who is a member: the choices are set per organisation in the form.
        return db_field.formfield(form_class=MemberChoiceField, **kwargs)
    if db_field.is_relation and issubclass(db_field.related_model, OrganisationOwned):
        form_class = SafeModelMultipleChoiceField if db_field.many_to_many else SafeModelChoiceField
        return db_field.formfield(form_class=form_class, **kwargs)
    return db_field.formfield(**kwargs)


class DownloadLink:
    """A stored file as a form shows it: the link to the view that serves it, and its name."""

    def __init__(self, url: str, name: str):
        self.url = url
        self.name = name

    def __str__(self) -> str:
        return self.name


class DownloadLinkFileInput(forms.ClearableFileInput):
    """A file field whose current file links to the view that downloads it (with the
    organisation's access checks), named by its original file name, instead of the storage's
    internal path, which no view serves."""

    def __init__(self, *, download_url: str, file_name: str, attrs=None):
        super().__init__(attrs)
        self.download_url = download_url
        self.file_name = file_name

    def format_value(self, value):
        if self.is_initial(value):
            return DownloadLink(self.download_url, self.file_name or str(value))
        return None


class MemberChoiceField(forms.ModelChoiceField):
    """A member of the organisation (e.g. an activity's owner), shown by name.

    :class:`ScopedModelForm` limits its choices to :func:`collab.selectors.member_users`; a
    user of another organisation is refused like any choice not in the list."""

    default_error_messages = {
        "invalid_choice": _("Choose a member of the organisation from the list."),
    }

    def label_from_instance(self, obj) -> str:
        return person_name(obj)


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
        if organisation is not None and isinstance(self.instance, OrganisationOwned):
            if self.instance.organisation_id is None:
                # Known before validation, so that the unique checks below can use it.
                self.instance.organisation = organisation
        for name, form_field in self.fields.items():
            if isinstance(form_field, MemberChoiceField):
                form_field.queryset = member_users(
                    organisation or self._instance_organisation(),
                    keep=getattr(self.instance, f"{name}_id", None),
                )
            elif isinstance(form_field, forms.ModelChoiceField):
                model = form_field.queryset.model
                if issubclass(model, OrganisationOwned):
                    form_field.queryset = model.objects.all()
        self.helper = self.build_helper()

    def _instance_organisation(self):
        if isinstance(self.instance, OrganisationOwned) and self.instance.organisation_id:
            return self.instance.organisation
        return None

    def _post_clean(self):
        super()._post_clean()
        self.validate_constraints_beyond_form()

    def validate_constraints_beyond_form(self) -> None:
        """Unique constraints with a field that is not in the form (the organisation, always).

        Django's model form skips such a constraint, so a duplicate (e.g. an organisation
        number already in the register) would only be found by the database. Checked here
        instead, with the message next to the field the user can change."""
        if self.errors:
            return  # a form with errors is not saved; its own duplicate checks come first
        excluded = set(self._get_validation_exclusions())
        instance = self.instance
        for model_class, constraints in instance.get_constraints():
            for constraint in constraints:
                if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
                    continue
                fields = set(constraint.fields)
                in_form = sorted(fields & set(self.fields))
                if not (fields & excluded) or not in_form:
                    continue  # Django checked it, or the user cannot change it
                try:
                    constraint.validate(model_class, instance)
                except forms.ValidationError as exc:
                    self.add_error(in_form[0] if len(in_form) == 1 else None, exc.messages)


class InviteMemberForm(SubmitHelperMixin, forms.Form):
    """Invite a person by e-mail. Always an invitation they accept, account or not."""

    submit_label = _("Send invitation")

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "Work e-mail. The person receives a link to accept the invitation; someone without "
            "an account chooses a user name and password there."
        ),
    )
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
        # Only the organisation's own members (whose addresses the member list shows anyway).
        existing = Membership.objects.filter(user__email__iexact=email)
        if existing.active().exists():
            raise forms.ValidationError(_("This person is already a member of the organisation."))
        if existing.exists():
            raise forms.ValidationError(
                _(
                    "This person is a deactivated member of the organisation: reactivate them "
                    "on their page in the member list."
                )
            )
        return email


class NewAccountForm(SubmitHelperMixin, UserCreationForm):
    """The invited person without an account chooses a user name and a password."""

    submit_label = _("Create account and accept")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["first_name", "last_name", "username"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.helper = self.build_helper()


class MembershipRoleForm(ScopedModelForm):
    submit_label = _("Save role")

    class Meta:
        model = Membership
        fields = ["role"]


class OrganisationForm(SubmitHelperMixin, forms.ModelForm):
    """An administrator keeps the organisation's own details up to date."""

    class Meta:
        model = Organisation
        fields = ["name", "population", "require_two_factor"]

    def __init__(self, *args, organisation=None, user_has_two_factor=True, **kwargs):
        self.user_has_two_factor = user_has_two_factor
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper()

    def clean_require_two_factor(self) -> bool:
        required = self.cleaned_data["require_two_factor"]
        if required and not self.instance.require_two_factor and not self.user_has_two_factor:
            raise forms.ValidationError(
                _("Turn on two-factor authentication for your own account first.")
            )
        return required


# --- login security ------------------------------------------------------------------------------


class OneTimeCodeForm(forms.Form):
    """The six-digit code from the authenticator app."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
    )


class RecoveryCodeForm(forms.Form):
    """One of the user's single-use recovery codes, instead of the app's code."""

    recovery_code = forms.CharField(
        label=_("Recovery code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )


class PasswordConfirmForm(forms.Form):
    """The user's current password, to confirm a change to their own login security."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class AttachmentForm(ScopedModelForm):
    """An attachment's title and description, and its file: required for a new attachment,
    a new version (the earlier file is kept) when editing. The file rules are
    ``collab.attachments.check_upload``'s (content, extension and size)."""

    file = forms.FileField(label=_("File"), required=True)

    class Meta:
        model = Attachment
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        file_field = self.fields["file"]
        file_field.required = not editing
        file_field.widget.attrs["accept"] = files.accept(files.ATTACHMENT_KINDS)
        file_field.help_text = files.ATTACHMENT_HELP
        if editing:
            file_field.label = _("New version of the file")
            file_field.help_text = format_lazy(
                "{} {}",
                _("Leave empty to keep the current file; the earlier file stays downloadable."),
                files.ATTACHMENT_HELP,
            )
        self.fields["title"].required = False
        self.fields["title"].help_text = _("E.g. “Minutes 12 March”. Empty: the file's name.")
        if editing:
            self.fields["title"].required = True
            self.fields["title"].help_text = ""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            files.check_file(file, file.name, files.ATTACHMENT_KINDS)
        return file

    def full_clean(self):
        super().full_clean()
        # A browser cannot keep a chosen file when the page comes back with errors: say so.
        if (
            self.is_bound
            and self._errors
            and "file" not in self._errors
            and self.files.get(self.add_prefix("file"))
        ):
            self.add_error(
                "file",
                _("The file was not saved because of the errors in the form; choose it again."),
            )
