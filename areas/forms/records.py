"""Forms for the records of the handbook's areas 1, 2 and 4: political decisions, the
coordinating function and its people, governing documents and the action plan."""

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from areas import documents
from areas.models import (
    Activity,
    CoordinatingFunction,
    FunctionMember,
    GoverningDocument,
    PoliticalDecision,
)
from collab.forms import DownloadLinkFileInput, ScopedModelForm


class PoliticalDecisionForm(ScopedModelForm):
    class Meta:
        model = PoliticalDecision
        fields = [
            "committee",
            "committee_kind",
            "decided_on",
            "case_number",
            "decision",
            "repealed_on",
        ]
        widgets = {
            "decision": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Row(
                Column("committee", css_class="col-md-6"),
                Column("committee_kind", css_class="col-md-6"),
            ),
            Row(
                Column("decided_on", css_class="col-md-6"),
                Column("case_number", css_class="col-md-6"),
            ),
            "decision",
            "repealed_on",
        )


class CoordinatingFunctionForm(ScopedModelForm):
    class Meta:
        model = CoordinatingFunction
        fields = ["name", "placement", "unit", "mandate", "established_on", "ended_on"]
        widgets = {
            "mandate": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "name",
            Row(
                Column("placement", css_class="col-md-6"),
                Column("unit", css_class="col-md-6"),
            ),
            "mandate",
            Row(
                Column("established_on", css_class="col-md-6"),
                Column("ended_on", css_class="col-md-6"),
            ),
        )


class FunctionMemberForm(ScopedModelForm):
    class Meta:
        model = FunctionMember
        fields = ["function", "name", "title", "email", "share_of_full_time"]
        error_messages = {
            "share_of_full_time": {
                "min_value": _("The share of full time is between 1 and 100 per cent."),
                "max_value": _("The share of full time is between 1 and 100 per cent."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["function"].queryset = self.fields["function"].queryset.order_by("name")
        self.helper.layout = Layout(
            "function",
            Row(
                Column("name", css_class="col-md-6"),
                Column("title", css_class="col-md-6"),
            ),
            Row(
                Column("email", css_class="col-md-8"),
                Column("share_of_full_time", css_class="col-md-4"),
            ),
        )


class GoverningDocumentForm(ScopedModelForm):
    class Meta:
        model = GoverningDocument
        fields = [
            "title",
            "kind",
            "status",
            "adopted_by",
            "adopted_on",
            "case_number",
            "valid_from",
            "valid_to",
            "next_review",
            "review_owner_user",
            "summary",
            "file",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored file before this form changes it: deleted after commit if replaced.
        self.previous_file = self.instance.file.name or ""
        if self.instance.pk and self.instance.file:
            self.fields["file"].widget = DownloadLinkFileInput(
                download_url=reverse(
                    "areas:governingdocument_download", kwargs={"pk": self.instance.pk}
                ),
                file_name=self.instance.file_name,
            )
            self.fields["file"].widget.is_required = self.fields["file"].required
        self.fields["file"].widget.attrs["accept"] = documents.ACCEPT
        self.helper.layout = Layout(
            Fieldset(
                _("The document"),
                "title",
                Row(
                    Column("kind", css_class="col-md-6"),
                    Column("status", css_class="col-md-6"),
                ),
                "summary",
            ),
            Fieldset(
                _("Adoption"),
                Row(
                    Column("adopted_by", css_class="col-md-4"),
                    Column("adopted_on", css_class="col-md-4"),
                    Column("case_number", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Validity and review"),
                Row(
                    Column("valid_from", css_class="col-md-4"),
                    Column("valid_to", css_class="col-md-4"),
                    Column("next_review", css_class="col-md-4"),
                ),
                "review_owner_user",
            ),
            Fieldset(_("File"), "file"),
        )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            documents.check_document(file, file.name)
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


class ActivityForm(ScopedModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "area",
            "document",
            "description",
            "owner_user",
            "owner",
            "start_date",
            "due_date",
            "status",
            "percent_complete",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "percent_complete": _(
                "0 while not started, 100 when done. In between: an estimate of how far the "
                "activity has come."
            ),
        }
        error_messages = {
            "percent_complete": {
                "max_value": _("The per cent complete is between 0 and 100."),
                "min_value": _("The per cent complete is between 0 and 100."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = self.fields["document"].queryset.order_by("title")
        self.helper.layout = Layout(
            "title",
            Row(
                Column("area", css_class="col-md-6"),
                Column("document", css_class="col-md-6"),
            ),
            "description",
            Row(
                Column("owner_user", css_class="col-md-6"),
                Column("owner", css_class="col-md-6"),
            ),
            Row(
                Column("start_date", css_class="col-md-6"),
                Column("due_date", css_class="col-md-6"),
            ),
            Row(
                Column("status", css_class="col-md-6"),
                Column("percent_complete", css_class="col-md-6"),
            ),
        )
