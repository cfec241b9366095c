"""Pages for spend with social enterprises: the yearly result, upload, column mapping, preview
and confirmation, error rows, matching again. Thin: the work is in :mod:`procurement.spend`."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from collab import figures, formatting
from collab.forms import SubmitHelperMixin
from collab.generic import OrganisationAccessMixin
from collab.imports import views as imports
from collab.models import Access
from procurement import spend, tasks
from procurement.models import SpendImport


class SpendView(OrganisationAccessMixin, TemplateView):
    """The result for one year: bought from social enterprises, share, top suppliers, and
    suppliers that look like social enterprises but are not in the register."""

    template_name = "procurement/spend_result.html"

    def get(self, request, *args, **kwargs):
        # ?year=2025&export=csv|xlsx: the year's payments in the open-data specification's
        # columns (one data set per calendar year, as the specification recommends).
        file_format = request.GET.get("export")
        year = request.GET.get("year", "")
        if file_format in {"csv", "xlsx"} and year.isascii() and year.isdigit():
            if int(year) in spend.spend_years():
                return self.export(int(year), file_format)
        return super().get(request, *args, **kwargs)

    def export(self, year: int, file_format: str) -> HttpResponse:
        organisation = self.request.organisation
        name = f"leverantorsreskontra-{organisation.slug}-{year}.{file_format}"
        if file_format == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            spend.write_open_data_csv(organisation, year, response)
        else:
            response = HttpResponse(
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            spend.write_open_data_xlsx(organisation, year, response)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = spend.spend_years()
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            year = None
        if year not in years:
            year = years[0] if years else None
        context.update(
            {
                "title": _("Spend with social enterprises"),
                "years": years,
                "year": year,
                "recent_imports": SpendImport.objects.defer("content").select_related(
                    "uploaded_by"
                )[:5],
            }
        )
        if year is not None:
            summary = spend.year_summary(year)
            # The year's figures as the catalogue stores them (the dashboard's and the
            # report's); a closed year says when today's payments give other sums.
            stored = figures.values(
                self.request.organisation,
                ["spend_social", "spend_all", "spend_social_share"],
                [year],
                state=figures.request_state(self.request),
            )
            stored = {key: by_year[year] for key, by_year in stored.items()}
            context.update(
                {
                    "figures": stored,
                    "closed_differs": year < timezone.localdate().year
                    and (
                        Decimal(stored["spend_social"] or 0) != Decimal(summary.social)
                        or Decimal(stored["spend_all"] or 0) != Decimal(summary.total)
                    ),
                    "recalculate_url": reverse("collab:figures_recalculate", kwargs={"year": year})
                    + "?"
                    + urlencode({"next": f"{reverse('procurement:spend')}?year={year}"}),
                    "summary": summary,
                    "top_social": list(spend.top_social_enterprises(year)),
                    "top_suppliers": spend.top_suppliers(year),
                    "lookalikes": list(spend.lookalike_suppliers(year)),
                }
            )
        return context


class SpendUploadForm(imports.ImportUploadForm):
    """The platform's upload form with the supplier-payment reader and its 50 MB limit."""

    file_label = gettext_lazy("Supplier-payment file")
    limits = spend.LIMITS


class SpendUploadView(imports.ImportUploadView):
    model = SpendImport
    import_kind = tasks.IMPORT
    form_class = SpendUploadForm
    template_name = "procurement/spend_upload.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"title": _("Import supplier payments"), "fields": spend.FIELDS})
        return context


class SpendImportMixin(imports.ImportObjectMixin):
    """Imports are looked up through the scoped manager: another organisation's is a 404."""

    model = SpendImport
    import_kind = tasks.IMPORT
    upload_url_name = "procurement:spendimport_create"
    delete_url_name = "procurement:spendimport_delete"


class SpendImportDetailView(SpendImportMixin, imports.ImportPreviewView):
    """GET: the preview (totals, errors by row, the first rows). POST: confirm and import."""

    template_name = "procurement/spend_preview.html"
    context_object_name = "spend_import"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        preview = self.analysis  # the compact summary the analysis job kept (spend.Preview)
        missing = spend.missing_fields(list(obj.mapping))
        columns = [
            (header, str(spend.FIELD_BY_NAME[name].label) if name else "")
            for header, name in zip(preview.headers, obj.mapping, strict=False)
        ]
        # The rows with errors a page at a time: only that page's part is read.
        page = Paginator(preview.errors, spend.PREVIEW_ERROR_ROWS).get_page(
            self.request.GET.get("page")
        )
        context.update(
            {
                "title": (
                    _("Import: %(file)s") if obj.is_applied else _("Import preview: %(file)s")
                )
                % {"file": obj.file_name},
                "analysis": preview,
                "missing": [str(spend.FIELD_BY_NAME[name].label) for name in missing],
                "columns": columns,
                "errors": [(row, problem) for row in page.object_list for problem in row.problems],
                "error_rows": len(preview.errors),
                "page_obj": page,
                "paginator": page.paginator,
                "sample": preview.sample,
                "fingerprint": preview.fingerprint,
            }
        )
        return context


class MappingForm(SubmitHelperMixin, forms.Form):
    """One select per file column: which of our fields it holds."""

    submit_label = gettext_lazy("Use these columns")

    def __init__(self, *args, headers, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not used)"))] + [(f.name, f.label) for f in spend.FIELDS]
        self.headers = headers
        for index, header in enumerate(headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header or _("(column %(n)s, no heading)") % {"n": index + 1},
                choices=choices,
                required=False,
                initial=mapping[index] if index < len(mapping) else "",
            )
        self.helper = self.build_helper()

    def clean(self):
        cleaned = super().clean()
        mapping = [cleaned.get(f"column_{index}", "") for index in range(len(self.headers))]
        used = [name for name in mapping if name]
        doubled = {name for name in used if used.count(name) > 1}
        if doubled:
            raise forms.ValidationError(
                _("Each field can be chosen for one column only: %(fields)s.")
                % {"fields": ", ".join(str(spend.FIELD_BY_NAME[n].label) for n in doubled)}
            )
        missing = spend.missing_fields(mapping)
        if missing:
            raise forms.ValidationError(
                _("Choose a column for: %(fields)s.")
                % {"fields": ", ".join(str(spend.FIELD_BY_NAME[n].label) for n in missing)}
            )
        self.mapping = mapping
        return cleaned


class SpendImportMappingView(SpendImportMixin, SingleObjectMixin, FormView):
    template_name = "procurement/spend_mapping.html"
    form_class = MappingForm
    context_object_name = "spend_import"

    def dispatch(self, request, *args, **kwargs):
        # Access is checked by the mixin's dispatch; the file is read once access is granted.
        self.parsed = None
        return super().dispatch(request, *args, **kwargs)

    def _read(self, request):
        # The header and a few example rows: only the start of the stored file is read.
        self.object = self.get_object()
        try:
            self.parsed = spend.read_stored_head(self.object)
        except ValidationError as exc:
            return self.unreadable(exc)
        return None

    def get(self, request, *args, **kwargs):
        return self._read(request) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_applied:
            messages.error(
                request, _("This file has already been imported; its columns are fixed.")
            )
            return HttpResponseRedirect(self.object.get_absolute_url())
        return self._read(request) or super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(headers=self.parsed.headers, mapping=list(self.object.mapping))
        return kwargs

    def form_valid(self, form):
        spend.save_mapping(spend_import=self.object, mapping=form.mapping)
        messages.success(
            self.request,
            _("The columns are saved and will be used for your next file with the same headings."),
        )
        return HttpResponseRedirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        examples = {}
        for index in range(len(self.parsed.headers)):
            examples[index] = [
                cells[index]
                for _line, cells in self.parsed.rows[: spend.EXAMPLE_ROWS]
                if index < len(cells)
            ]
        form = context["form"]
        context.update(
            {
                "title": _("Columns of %(file)s") % {"file": self.object.file_name},
                "rows": [
                    (form[f"column_{index}"], examples[index])
                    for index in range(len(self.parsed.headers))
                ],
            }
        )
        return context


class SpendImportErrorsView(SpendImportMixin, imports.ImportErrorsView):
    """The rows with errors as CSV (same columns plus "fel"), to fix and upload again."""

    def error_rows_csv(self, preview) -> bytes:
        return spend.error_rows_csv(preview)


class SpendImportDeleteView(SpendImportMixin, SingleObjectMixin, TemplateView):
    """Delete an import with the payments it imported (e.g. a file with wrong dates): the
    spend figures are as if the file had never been imported."""

    template_name = "generic/confirm_delete.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        payments = self.object.payments.count()
        context.update(
            {
                "title": _("Delete %(name)s") % {"name": self.object},
                "cascade": [
                    ngettext(
                        "%(count)s imported supplier payment",
                        "%(count)s imported supplier payments",
                        payments,
                    )
                    % {"count": formatting.number(payments)}
                ]
                if payments
                else [],
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        name = str(self.object)
        payments = spend.delete_import(spend_import=self.object)
        messages.success(
            request,
            ngettext(
                "%(name)s was deleted with its %(count)s supplier payment.",
                "%(name)s was deleted with its %(count)s supplier payments.",
                payments,
            )
            % {"name": name, "count": formatting.number(payments)},
        )
        return HttpResponseRedirect(reverse("procurement:spendimport_create"))


class SpendMatchView(OrganisationAccessMixin, TemplateView):
    """Match every payment to the register again (after enterprises were added)."""

    required_access = Access.EDIT
    template_name = "procurement/spend_match.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Match payments to the register again")
        return context

    def post(self, request, *args, **kwargs):
        spend.match_payments()
        messages.success(request, _("The payments are matched to the current register."))
        return HttpResponseRedirect(reverse("procurement:spend"))
