"""Pages of the register import: upload, template, preview and confirmation, error rows.

Thin: reading, validating and writing live in :mod:`enterprises.importing`.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from collab.forms import SubmitHelperMixin
from collab.generic import OrganisationAccessMixin
from collab.models import Access
from enterprises import importing
from enterprises.models import EnterpriseImport

PREVIEW_PAGE_SIZE = 200


def unreadable_import(request, uploaded, exc: ValidationError, *, start_over_url, delete_url=None):
    """The page of a stored import whose file cannot be read (any more): the reason, a way to
    upload the file again and, where the import may be deleted, a way to delete it. Used by
    every page of both imports (register, supplier payments) instead of an error page."""
    return render(
        request,
        "enterprises/import_unreadable.html",
        {
            "title": _("Import: %(file)s") % {"file": uploaded.file_name},
            "object": uploaded,
            "problems": exc.messages,
            "start_over_url": start_over_url,
            "delete_url": delete_url,
        },
    )


class ImportUploadForm(SubmitHelperMixin, forms.Form):
    submit_label = gettext_lazy("Upload and preview")

    file = forms.FileField(
        label=gettext_lazy("File to import"),
        help_text=gettext_lazy(
            "CSV (UTF-8 or Windows-1252, separated by semicolons or commas) or Excel workbook "
            "(.xlsx), at most 10 MB. The first row holds the column headings."
        ),
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

    # What reads and limits the file; the supplier-payment import reuses this form with its own.
    max_file_size = importing.MAX_FILE_SIZE
    too_large_message = staticmethod(importing.too_large_message)
    read_upload = staticmethod(importing.read_upload)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper()
        self.parsed = None
        self.content = b""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_file_size:
            raise forms.ValidationError(self.too_large_message(upload.size))
        self.content = b"".join(upload.chunks())
        self.parsed = self.read_upload(upload.name, self.content)
        return upload


class ImportUploadView(OrganisationAccessMixin, FormView):
    required_access = Access.EDIT
    form_class = ImportUploadForm
    template_name = "enterprises/import_upload.html"

    def form_valid(self, form):
        enterprise_import = importing.create_import(
            organisation=self.request.organisation,
            user=self.request.user,
            parsed=form.parsed,
            content=form.content,
        )
        return HttpResponseRedirect(enterprise_import.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "title": _("Import social enterprises"),
                "columns": importing.COLUMNS,
                "valid_values": importing.valid_values(),
                "recent_imports": EnterpriseImport.objects.defer("content").select_related(
                    "uploaded_by"
                )[:10],
            }
        )
        return context


class ImportTemplateView(OrganisationAccessMixin, View):
    """The empty template with the column headings: CSV, or ``?format=xlsx``."""

    required_access = Access.EDIT

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(
                importing.template_xlsx(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = 'attachment; filename="sociala-foretag-mall.xlsx"'
        else:
            response = HttpResponse(importing.template_csv(), content_type="text/csv")
            response["Content-Disposition"] = 'attachment; filename="sociala-foretag-mall.csv"'
        return response


class ImportObjectMixin(OrganisationAccessMixin):
    """Imports are looked up through the scoped manager: another organisation's is a 404."""

    required_access = Access.EDIT
    model = EnterpriseImport

    def get_queryset(self):
        return EnterpriseImport.objects.select_related("uploaded_by")


def _unreadable(request, enterprise_import, exc):
    return unreadable_import(
        request,
        enterprise_import,
        exc,
        start_over_url=reverse("enterprises:import_upload"),
        delete_url=None
        if enterprise_import.is_applied
        else reverse("enterprises:import_delete", kwargs={"pk": enterprise_import.pk}),
    )


class ImportPreviewView(ImportObjectMixin, DetailView):
    """GET: every row as new, update or error. POST: confirm and import."""

    template_name = "enterprises/import_preview.html"
    context_object_name = "enterprise_import"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            self.analysis = importing.analyse_import(self.object)
        except ValidationError as exc:
            return _unreadable(request, self.object, exc)
        return self.render_to_response(self.get_context_data(object=self.object))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            done = importing.apply_import(
                enterprise_import=self.object,
                user=request.user,
                expected=request.POST.get("fingerprint"),
            )
        except importing.ImportRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _(
                    "The import is done. New enterprises: %(new)s. Updated: %(updated)s. "
                    "Rows with errors, not imported: %(errors)s."
                )
                % {"new": done.new_count, "updated": done.update_count, "errors": done.error_count},
            )
        return HttpResponseRedirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        analysis = self.analysis
        show = self.request.GET.get("show", "")
        if show not in {importing.NEW, importing.UPDATE, importing.ERROR}:
            show = ""
        rows = analysis.of(show) if show else analysis.rows
        page = Paginator(rows, PREVIEW_PAGE_SIZE).get_page(self.request.GET.get("page"))
        counts = analysis.counts
        context.update(
            {
                "title": (
                    _("Import: %(file)s")
                    if self.object.is_applied
                    else _("Import preview: %(file)s")
                )
                % {"file": self.object.file_name},
                "analysis": analysis,
                "counts": counts,
                "total": len(analysis.rows),
                "errors": analysis.errors(),
                "to_import": counts[importing.NEW] + counts[importing.UPDATE],
                "fingerprint": analysis.fingerprint,
                "show": show,
                "filters": [
                    ("", _("All rows"), len(analysis.rows)),
                    (importing.NEW, _("New"), counts[importing.NEW]),
                    (importing.UPDATE, _("Updates"), counts[importing.UPDATE]),
                    (importing.ERROR, _("Errors"), counts[importing.ERROR]),
                ],
                "page_obj": page,
                "paginator": page.paginator,
                "page_query": f"show={show}&" if show else "",
                "ignored_headers": analysis.parsed.ignored_headers,
            }
        )
        return context


class ImportErrorsView(ImportObjectMixin, SingleObjectMixin, View):
    """The rows with errors as CSV (same columns plus "fel"), to fix and upload again."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            analysis = importing.analyse_import(self.object)
        except ValidationError as exc:
            return _unreadable(request, self.object, exc)
        response = HttpResponse(importing.error_rows_csv(analysis), content_type="text/csv")
        stem = self.object.file_name.rsplit(".", 1)[0] or "import"
        safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in stem)
        response["Content-Disposition"] = f'attachment; filename="fel-{safe[:60]}.csv"'
        return response

    def post(self, request, *args, **kwargs):
        self.get_object()  # another organisation's import does not exist, whatever the method
        return self.http_method_not_allowed(request, *args, **kwargs)


class ImportDeleteView(ImportObjectMixin, SingleObjectMixin, TemplateView):
    """Delete an import that has not been carried out (e.g. its file cannot be read): the
    register is not touched. An import that was carried out stays as the record of it."""

    template_name = "generic/confirm_delete.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "title": _("Delete %(name)s") % {"name": self.object},
                "refuse_reason": _(
                    "This file has been imported; the import is kept as the record of it."
                )
                if self.object.is_applied
                else None,
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not importing.delete_import(enterprise_import=self.object):
            messages.error(
                request, _("This file has been imported; the import is kept as the record of it.")
            )
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(request, _("%(name)s was deleted.") % {"name": self.object})
        return HttpResponseRedirect(reverse("enterprises:import_upload"))
