"""The status report (lägesrapport) as a PDF, the page to choose its year or period, and the
one-page PDF profile of a register entry."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from collab import pdf
from collab.generic import OrganisationAccessMixin, OrgDetailView
from enterprises import selectors as enterprise_selectors
from enterprises.models import SocialEnterprise
from followup import report
from followup.report_forms import (
    MAX_YEARS,
    ReportPeriodForm,
    ReportYearForm,
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
            }
        )
        return context


class ReportPdfView(OrganisationAccessMixin, View):
    """``?year=2026`` or ``?from=2022&to=2026``: the status report as a PDF attachment."""

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        form = form_for(request.GET, today=today)
        if not form.is_valid():
            for error in form_errors(form):
                messages.error(request, error)
            return HttpResponseRedirect(f"{reverse('followup:report')}?{request.GET.urlencode()}")
        first_year, last_year = form.period()
        organisation = request.organisation
        context = report.report_context(organisation, first_year, last_year, today)
        html = render_to_string("followup/report/report.html", context)
        document = pdf.render_pdf(html, request.build_absolute_uri("/"))
        return pdf.pdf_response(document, report.report_filename(organisation, context["period"]))


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
