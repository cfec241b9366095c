"""The pages every import has: upload, preview and confirmation, the rows with errors as a file,
and the page of a stored file that cannot be read (any more). An import's views subclass these
and name its model, its reader and its services; its own pages (the register's template file,
the column mapping of supplier payments, delete) use :class:`ImportObjectMixin`."""

from django import forms
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
from collab.imports import jobs as import_jobs
from collab.imports.reader import ReadLimits, check_file, file_too_large_message
from collab.job_views import redirect_to_job
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
    """The file of an import. A subclass names its ``limits`` (the size allowed, checked here
    and stated in the help text). Only what needs no reading is checked here (size, type):
    the file is read and checked row by row in the background (:mod:`collab.imports.jobs`)."""

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
        self.content = b""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.limits.max_size:
            raise forms.ValidationError(file_too_large_message(upload.size, self.limits.max_size))
        self.content = b"".join(upload.chunks())
        check_file(upload.name, self.content, self.limits)
        return upload


class ImportUploadView(OrganisationAccessMixin, FormView):
    """Upload a file: a background job reads it, stores it as a pending import and analyses
    it (``import_kind``); the user follows its progress and then sees the preview. The page
    lists the organisation's latest imports."""

    required_access = Access.EDIT
    model = None  # the import's model, a subclass of collab.models.UploadedImport
    import_kind: import_jobs.ImportKind
    recent_count = 10

    def form_valid(self, form):
        job = import_jobs.start_upload(
            self.import_kind,
            request=self.request,
            file_name=form.cleaned_data["file"].name,
            content=form.content,
        )
        return redirect_to_job(self.request, job)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_imports"] = self.model.objects.defer("content").select_related(
            "uploaded_by"
        )[: self.recent_count]
        return context


class ImportObjectMixin(OrganisationAccessMixin):
    """A stored import, looked up through the scoped manager: another organisation's is a 404.
    ``upload_url_name`` is the page to upload a file again, ``delete_url_name`` the import's
    delete page. Its analysis is made in the background (:meth:`analysis_or_job`)."""

    required_access = Access.EDIT
    model = None
    import_kind: import_jobs.ImportKind
    upload_url_name = ""
    delete_url_name = ""

    def get_queryset(self):
        # Not the stored file (up to 50 MB): the pages show the analysis the job kept.
        return self.model.objects.select_related("uploaded_by").defer("content")

    def analysis_or_job(self, uploaded):
        """(analysis, None) when the import's current analysis is stored; else (None, the
        response that sends the user to the job making it). An analysis of a file that cannot
        be read (any more) is the page that says so."""
        analysis = import_jobs.stored_analysis(self.import_kind, uploaded)
        if analysis is None:
            job = import_jobs.start_analysis(
                self.import_kind, request=self.request, uploaded=uploaded
            )
            if job.status == job.Status.DONE:  # done already (an idle worker)
                analysis = import_jobs.stored_analysis(self.import_kind, uploaded)
        if analysis is None:
            return None, HttpResponseRedirect(job.get_absolute_url())
        if isinstance(analysis, import_jobs.Unreadable):
            return None, self.unreadable(ValidationError(analysis.messages))
        return analysis, None

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
    """GET: the preview of every row (``self.analysis``, made in the background). POST:
    confirm; the import is carried out in the background and its job's page says how it
    went (what was imported, or why nothing was)."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.analysis, response = self.analysis_or_job(self.object)
        if response is not None:
            return response
        return self.render_to_response(self.get_context_data(object=self.object))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        job = import_jobs.start_apply(
            self.import_kind,
            request=request,
            uploaded=self.object,
            expected=request.POST.get("fingerprint"),
        )
        return redirect_to_job(request, job)


class ImportErrorsView(ImportObjectMixin, SingleObjectMixin, View):
    """The rows with errors as CSV (same columns plus "fel"), to fix and upload again."""

    def error_rows_csv(self, analysis) -> bytes:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        analysis, response = self.analysis_or_job(self.object)
        if response is not None:
            return response
        response = HttpResponse(self.error_rows_csv(analysis), content_type="text/csv")
        stem = self.object.file_name.rsplit(".", 1)[0] or "import"
        safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in stem)
        response["Content-Disposition"] = f'attachment; filename="fel-{safe[:60]}.csv"'
        return response

    def post(self, request, *args, **kwargs):
        self.get_object()  # another organisation's import does not exist, whatever the method
        return self.http_method_not_allowed(request, *args, **kwargs)
