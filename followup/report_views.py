"""The status report (lägesrapport) as a PDF, the page to choose its year or period, and the
one-page PDF profile of a register entry."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from areas.handbook import AREAS
from collab import jobs, pdf
from collab.generic import (
    Column,
    OrganisationAccessMixin,
    OrgCreateView,
    OrgDeleteView,
    OrgDetailView,
    OrgListView,
    OrgUpdateView,
)
from enterprises import selectors as enterprise_selectors
from enterprises.models import SocialEnterprise
from followup import report, report_pdf, tasks
from followup.models import StatusReport
from followup.report_forms import (
    MAX_YEARS,
    PublishForm,
    ReportPeriodForm,
    ReportYearForm,
    StatusReportFilter,
    StatusReportForm,
    form_errors,
    form_for,
)


class ReportView(OrganisationAccessMixin, TemplateView):
    """Choose the year or the period of the status report."""

    template_name = "followup/report/choose.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        params = self.request.GET
        # Back from an invalid request: the form shows what was asked for, with its errors.
        is_period = "from" in params or "to" in params
        year_form = ReportYearForm(params if params and not is_period else None, today=today)
        period_form = ReportPeriodForm(params if is_period else None, today=today)
        for form in (year_form, period_form):
            if form.is_bound:
                form.is_valid()
        context.update(
            {
                "title": _("Status report"),
                "year_form": year_form,
                "period_form": period_form,
                "max_years": MAX_YEARS,
                "pdf_url": reverse("followup:report_pdf"),
                "written_url": reverse("followup:statusreport_list"),
                "archive_url": reverse("followup:statusreport_archive"),
            }
        )
        return context


REPORT_JOB = "followup.report_pdf"


class ReportPdfView(OrganisationAccessMixin, View):
    """``?year=2026`` or ``?from=2022&to=2026``: the status report as a PDF attachment, made
    in the background (:mod:`followup.tasks`) unless it is made already."""

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        form = form_for(request.GET, today=today)
        if not form.is_valid():
            for error in form_errors(form):
                messages.error(request, error)
            return HttpResponseRedirect(f"{reverse('followup:report')}?{request.GET.urlencode()}")
        first_year, last_year = form.period()
        return report_pdf_or_job(
            request,
            first_year,
            last_year,
            title=_("Status report %(period)s")
            % {
                "period": str(last_year) if first_year == last_year else f"{first_year}–{last_year}"
            },
            back_url=reverse("followup:report"),
        )


def report_pdf_or_job(request, first_year, last_year, *, title, back_url, written=None):
    """The status report as of today as a PDF attachment if it is made already (in this
    process, or by a job for today's records and texts); else the page of the job making it
    in the background (:mod:`followup.tasks`), which then downloads it. ``written``: a draft's
    texts (a written report not yet published)."""
    organisation = request.organisation
    filename = report.report_filename(organisation, report.Period(first_year, last_year))
    document = report_pdf.cached_pdf(organisation, first_year, last_year, written)
    if document is not None:
        return pdf.pdf_response(document, filename)
    subject = report_pdf.cache_key(
        organisation, first_year, last_year, timezone.localdate(), written
    )
    made = jobs.finished_file(subject, REPORT_JOB)
    if made is not None:
        return pdf.pdf_response(bytes(made.result), made.result_name)
    params = {
        "first_year": first_year,
        "last_year": last_year,
        "base_url": request.build_absolute_uri("/"),
        "back_url": back_url,
    }
    if written is not None:
        params["written"] = written.pk
    job = jobs.active_job(subject, REPORT_JOB) or jobs.start_job(
        organisation=organisation,
        user=request.user,
        kind=REPORT_JOB,
        title=title,
        task=tasks.report_pdf_task,
        subject=subject,
        params=params,
    )
    if job.status == job.Status.DONE:  # done already (an idle worker)
        made = jobs.finished_file(subject, REPORT_JOB)
        return pdf.pdf_response(bytes(made.result), made.result_name)
    return HttpResponseRedirect(job.get_absolute_url())


class EnterpriseProfilePdfView(OrgDetailView):
    """One A4 page about a register entry, for a meeting or a committee (scoped: another
    organisation's enterprise is a 404)."""

    model = SocialEnterprise

    def get_queryset(self):
        return enterprise_selectors.enterprise_detail().select_related("organisation")

    def get_context_data(self, **kwargs):
        # Not OrgDetailView's: the profile shows no change history or edit links.
        return super(OrgDetailView, self).get_context_data(**kwargs)

    def render_to_response(self, context, **response_kwargs):
        enterprise = self.object
        html = render_to_string(
            "followup/report/profile.html",
            report.profile_context(enterprise, timezone.localdate()),
        )
        document = pdf.render_pdf(html, self.request.build_absolute_uri("/"))
        return pdf.pdf_response(document, report.profile_filename(enterprise))


# --- the written report (a committee document) -----------------------------------------------


class StatusReportListView(OrgListView):
    model = StatusReport
    title = gettext_lazy("Written status reports")
    intro = gettext_lazy(
        "Status reports with the coordinator's summary, an assessment per area and proposed "
        "decisions. A published report is kept unchanged in the archive."
    )
    empty_text = gettext_lazy("No status report has been written yet.")
    filterset_class = StatusReportFilter
    template_name = "followup/report/statusreport_list.html"
    columns = [
        Column("__str__", gettext_lazy("Report"), link=True),
        Column("state", gettext_lazy("Status")),
        Column("decision_date", gettext_lazy("Decision date"), sort="decision_date"),
        Column("case_number", gettext_lazy("Case number"), sort="case_number"),
    ]
    default_sort = None
    create_url_name = "followup:statusreport_create"
    export_name = "lagesrapporter"

    def get_queryset(self):
        return super().get_queryset().defer("pdf")


class StatusReportArchiveView(OrganisationAccessMixin, ListView):
    """Archive: the published reports, newest first, with their stored PDFs (every member,
    the politicians' role included)."""

    template_name = "followup/report/archive.html"

    def get_queryset(self):
        return (
            StatusReport.objects.filter(published_at__isnull=False)
            .defer("pdf")
            .order_by("-decision_date", "-published_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Archive: adopted status reports")
        return context


class StatusReportDetailView(OrgDetailView):
    model = StatusReport
    template_name = "followup/report/statusreport_detail.html"
    list_url_name = "followup:statusreport_list"
    update_url_name = "followup:statusreport_update"
    delete_url_name = "followup:statusreport_delete"

    def get_queryset(self):
        return super().get_queryset().defer("pdf")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        if obj.is_published:
            context["update_url"] = context["delete_url"] = None
        context["areas"] = [
            {
                "number": area.number,
                "title": area.title,
                "text": getattr(obj, f"assessment_{area.number}"),
            }
            for area in AREAS
        ]
        context["pdf_url"] = reverse("followup:statusreport_pdf", kwargs={"pk": obj.pk})
        context["publish_url"] = (
            reverse("followup:statusreport_publish", kwargs={"pk": obj.pk})
            if not obj.is_published and context["can_edit"]
            else None
        )
        return context


class StatusReportFormMixin:
    model = StatusReport
    form_class = StatusReportForm
    list_url_name = "followup:statusreport_list"


class StatusReportCreateView(StatusReportFormMixin, OrgCreateView):
    pass


class RefusePublishedMixin:
    """A published report is kept unchanged: its edit, publish and delete pages refuse."""

    def refuse_if_published(self):
        obj = self.get_object()
        if obj.is_published:
            messages.error(self.request, str(PUBLISHED_MESSAGE))
            return HttpResponseRedirect(obj.get_absolute_url())
        return None

    def get(self, request, *args, **kwargs):
        return self.refuse_if_published() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_if_published() or super().post(request, *args, **kwargs)


PUBLISHED_MESSAGE = gettext_lazy(
    "The report has been published and is kept unchanged: it can no longer be edited or deleted."
)


class StatusReportUpdateView(RefusePublishedMixin, StatusReportFormMixin, OrgUpdateView):
    def get_queryset(self):
        return super().get_queryset().defer("pdf")


class StatusReportPublishView(RefusePublishedMixin, OrgUpdateView):
    """Publish with the decision date and the case number: the PDF is made once and kept."""

    model = StatusReport
    form_class = PublishForm
    template_name = "followup/report/publish.html"
    success_message = gettext_lazy("The report has been published.")

    def get_queryset(self):
        return super().get_queryset().defer("pdf")

    def save(self, form):
        return report_pdf.publish(
            self.object,
            decision_date=form.cleaned_data["decision_date"],
            case_number=form.cleaned_data["case_number"],
            base_url=self.request.build_absolute_uri("/"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Publish %(name)s") % {"name": self.object}
        context["preview_url"] = reverse("followup:statusreport_pdf", kwargs={"pk": self.object.pk})
        return context


class StatusReportDeleteView(RefusePublishedMixin, OrgDeleteView):
    model = StatusReport
    list_url_name = "followup:statusreport_list"

    def get_queryset(self):
        return super().get_queryset().defer("pdf")

    def refuse_reason(self, obj):
        if obj.stored_is_published():
            return str(PUBLISHED_MESSAGE)
        return super().refuse_reason(obj)


class StatusReportPdfView(OrganisationAccessMixin, SingleObjectMixin, View):
    """A written report's PDF: a published one's stored file, byte for byte; a draft's
    preview made from today's records in the background, as the status report's
    (:func:`report_pdf_or_job`; reused while nothing changed)."""

    model = StatusReport

    def get_queryset(self):
        return StatusReport.objects.all()

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        if obj.is_published:
            period = report.Period(obj.first_year, obj.last_year)
            filename = report.report_filename(request.organisation, period)
            return pdf.pdf_response(bytes(obj.pdf), filename)
        return report_pdf_or_job(
            request,
            obj.first_year,
            obj.last_year,
            title=_("Draft: %(report)s") % {"report": obj},
            back_url=obj.get_absolute_url(),
            written=obj,
        )
