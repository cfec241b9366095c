"""The pages every import has: upload, preview and confirmation, the rows with errors as a file,
and the page of a stored file that cannot be read (any more). An import's views subclass these
and name its model, its reader and its services; its own pages (the register's template file,
the column mapping of supplier payments, delete) use :class:`ImportObjectMixin`."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView
from django.views.generic.detail import SingleObjectMixin

from collab import formatting
from collab.forms import SubmitHelperMixin
from collab.generic import OrganisationAccessMixin
from collab.imports.reader import ReadLimits, file_too_large_message
from collab.imports.services import ImportRefused
from collab.models import Access


def unreadable_import(request, uploaded, exc: ValidationError, *, start_over_url, delete_url=None):
    """The page of a stored import whose file cannot be read (any more): the reason, a way to
    upload the file again and, where the import may be deleted, a way to delete it. Used by
    every page of every import instead of an error page."""
    return render(
        request,
        "imports/unreadable.html",
        {
            "title": _("Import: %(file)s") % {"file": uploaded.file_name},
            "object": uploaded,
            "problems": exc.messages,
            "start_over_url": start_over_url,
            "delete_url": delete_url,
        },
    )


class ImportUploadForm(SubmitHelperMixin, forms.Form):
    """The file of an import. A subclass names what reads it: ``limits`` (the size allowed,
    checked here and stated in the help text) and ``read_upload(file_name, content)``."""

    submit_label = gettext_lazy("Upload and preview")
    file_label = gettext_lazy("File to import")
    limits: ReadLimits

    file = forms.FileField(
        error_messages={
            "required": gettext_lazy("Choose a file to import."),
            "empty": gettext_lazy("The file is empty."),
        },
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = self.file_label
        self.fields["file"].help_text = _(
            "CSV (UTF-8 or Windows-1252, separated by semicolons or commas) or Excel workbook "
            "(.xlsx), at most %(max)s MB. The first row holds the column headings."
        ) % {"max": formatting.number(self.limits.max_size // (1024 * 1024))}
        self.helper = self.build_helper()
        self.parsed = None
        self.content = b""

    def read_upload(self, file_name: str, content: bytes):
        raise NotImplementedError

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.limits.max_size:
            raise forms.ValidationError(file_too_large_message(upload.size, self.limits.max_size))
        self.content = b"".join(upload.chunks())
        self.parsed = self.read_upload(upload.name, self.content)
        return upload


class ImportUploadView(OrganisationAccessMixin, FormView):
    """Upload a file: it is stored as a pending import (see ``create_import``) and the user
    goes on to its preview. The page lists the organisation's latest imports."""

    required_access = Access.EDIT
    model = None  # the import's model, a subclass of collab.models.UploadedImport
    recent_count = 10

    def create_import(self, *, organisation, user, parsed, content):
        raise NotImplementedError

    def next_url(self, uploaded) -> str:
        return uploaded.get_absolute_url()

    def form_valid(self, form):
        uploaded = self.create_import(
            organisation=self.request.organisation,
            user=self.request.user,
            parsed=form.parsed,
            content=form.content,
        )
        return HttpResponseRedirect(self.next_url(uploaded))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_imports"] = self.model.objects.defer("content").select_related(
            "uploaded_by"
        )[: self.recent_count]
        return context


class ImportObjectMixin(OrganisationAccessMixin):
    """A stored import, looked up through the scoped manager: another organisation's is a 404.
    ``upload_url_name`` is the page to upload a file again, ``delete_url_name`` the import's
    delete page; ``analyse`` reads the stored file again (``ValidationError`` if it cannot)."""

    required_access = Access.EDIT
    model = None
    upload_url_name = ""
    delete_url_name = ""

    def get_queryset(self):
        return self.model.objects.select_related("uploaded_by")

    def analyse(self, uploaded):
        raise NotImplementedError

    def may_delete(self, uploaded) -> bool:
        return True

    def unreadable(self, exc: ValidationError):
        uploaded = self.object
        return unreadable_import(
            self.request,
            uploaded,
            exc,
            start_over_url=reverse(self.upload_url_name),
            delete_url=reverse(self.delete_url_name, kwargs={"pk": uploaded.pk})
            if self.may_delete(uploaded)
            else None,
        )


class ImportPreviewView(ImportObjectMixin, DetailView):
    """GET: the preview of every row (``self.analysis``). POST: confirm and import (``apply``),
    or the reason nothing was imported (:class:`ImportRefused`)."""

    def apply(self, uploaded, *, user, expected: str | None):
        raise NotImplementedError

    def done_message(self, done) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            self.analysis = self.analyse(self.object)
        except ValidationError as exc:
            return self.unreadable(exc)
        return self.render_to_response(self.get_context_data(object=self.object))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            done = self.apply(
                self.object, user=request.user, expected=request.POST.get("fingerprint")
            )
        except ImportRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, self.done_message(done))
        return HttpResponseRedirect(self.object.get_absolute_url())


class ImportErrorsView(ImportObjectMixin, SingleObjectMixin, View):
    """The rows with errors as CSV (same columns plus "fel"), to fix and upload again."""

    def error_rows_csv(self, analysis) -> bytes:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            analysis = self.analyse(self.object)
        except ValidationError as exc:
            return self.unreadable(exc)
        response = HttpResponse(self.error_rows_csv(analysis), content_type="text/csv")
        stem = self.object.file_name.rsplit(".", 1)[0] or "import"
        safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in stem)
        response["Content-Disposition"] = f'attachment; filename="fel-{safe[:60]}.csv"'
        return response

    def post(self, request, *args, **kwargs):
        self.get_object()  # another organisation's import does not exist, whatever the method
        return self.http_method_not_allowed(request, *args, **kwargs)
