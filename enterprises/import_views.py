"""Pages of the register import: upload, template, preview and confirmation, error rows.

Thin: the pages are the platform's (:mod:`collab.imports.views`); reading, validating and
writing live in :mod:`enterprises.importing`.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django.views.generic.detail import SingleObjectMixin

from collab.generic import OrganisationAccessMixin
from collab.imports import views as imports
from collab.models import Access
from enterprises import importing, tasks
from enterprises.models import EnterpriseImport

PREVIEW_PAGE_SIZE = importing.PREVIEW_PAGE_SIZE
ERRORS_SHOWN = 100  # rows with errors listed above the rows


class ImportUploadForm(imports.ImportUploadForm):
    limits = importing.LIMITS


class ImportUploadView(imports.ImportUploadView):
    model = EnterpriseImport
    import_kind = tasks.IMPORT
    form_class = ImportUploadForm
    template_name = "enterprises/import_upload.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "title": _("Import social enterprises"),
                "columns": importing.COLUMNS,
                "valid_values": importing.valid_values(),
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


class ImportObjectMixin(imports.ImportObjectMixin):
    """Imports are looked up through the scoped manager: another organisation's is a 404."""

    model = EnterpriseImport
    import_kind = tasks.IMPORT
    upload_url_name = "enterprises:import_upload"
    delete_url_name = "enterprises:import_delete"

    def may_delete(self, uploaded) -> bool:
        return not uploaded.is_applied  # an import carried out stays as the record of it


class ImportPreviewView(ImportObjectMixin, imports.ImportPreviewView):
    """GET: every row as new, update or error. POST: confirm and import."""

    template_name = "enterprises/import_preview.html"
    context_object_name = "enterprise_import"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        preview = self.analysis  # the compact summary the analysis job kept
        show = self.request.GET.get("show", "")
        if show not in {importing.NEW, importing.UPDATE, importing.UNCHANGED, importing.ERROR}:
            show = ""
        # Only the page shown is read (the rows are kept in parts of a page each).
        page = Paginator(preview.rows[show], PREVIEW_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        counts = preview.counts
        # The first rows with errors are listed above the rows; every one is on the pages of
        # "Errors" (?show=error).
        first_errors = preview.rows[importing.ERROR][:ERRORS_SHOWN]
        context.update(
            {
                "title": (
                    _("Import: %(file)s")
                    if self.object.is_applied
                    else _("Import preview: %(file)s")
                )
                % {"file": self.object.file_name},
                "analysis": preview,
                "counts": counts,
                "total": preview.total,
                "errors": [(row, error) for row in first_errors for error in row.errors],
                "more_errors": counts[importing.ERROR] > len(first_errors),
                "to_import": counts[importing.NEW] + counts[importing.UPDATE],
                "fingerprint": preview.fingerprint,
                "show": show,
                "filters": [
                    ("", _("All rows"), preview.total),
                    (importing.NEW, _("New"), counts[importing.NEW]),
                    (importing.UPDATE, _("Updates"), counts[importing.UPDATE]),
                    (importing.UNCHANGED, _("No changes"), counts[importing.UNCHANGED]),
                    (importing.ERROR, _("Errors"), counts[importing.ERROR]),
                ],
                "page_obj": page,
                "paginator": page.paginator,
                "page_query": f"show={show}&" if show else "",
                "ignored_headers": preview.ignored_headers,
            }
        )
        return context


class ImportErrorsView(ImportObjectMixin, imports.ImportErrorsView):
    """The rows with errors as CSV (same columns plus "fel"), to fix and upload again."""

    def error_rows_csv(self, preview) -> bytes:
        return importing.error_rows_csv(preview)


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
