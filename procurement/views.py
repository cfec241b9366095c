from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from collab.generic import (
    ChildFormMixin,
    Column,
    OrganisationAccessMixin,
    OrgCreateView,
    OrgDeleteView,
    OrgDetailView,
    OrgListView,
    OrgUpdateView,
    many_to_many_changes,
)
from procurement import selectors, services
from procurement.filters import BidFilter, EmploymentReportFilter, ProcurementFilter
from procurement.forms import BidForm, EmploymentReportForm, ProcurementForm
from procurement.models import Bid, EmploymentReport, Procurement
from procurement.querysets import supplier_rule_text


class ProcurementListView(OrgListView):
    model = Procurement
    filterset_class = ProcurementFilter
    select_related = ("category",)
    title = _("Procurements")
    intro = _(
        "The organisation's procurements and how they open the door to social enterprises: "
        "reserved contracts, employment requirements, lots and market dialogues."
    )
    empty_text = _("No procurements yet. Add the procurements that are planned or running.")
    columns = [
        Column("title", _("Title"), sort="title", link=True),
        Column("reference", _("Reference number"), sort="reference"),
        Column("get_procedure_display", _("Procedure"), sort="procedure"),
        Column("category", _("Service category"), sort="category__name"),
        Column("estimated_value", _("Estimated value (kr)"), sort="estimated_value"),
        Column("planned_start", _("Contract start"), sort="planned_start"),
        Column("employment_requirement", _("Employment requirement")),
        Column("get_status_display", _("Status"), sort="status"),
        Column("status_date", _("Status date"), sort="status_date"),
    ]
    default_sort = "-planned_start"
    create_url_name = "procurement:procurement_create"
    export_name = "upphandlingar"
    template_name = "procurement/procurement_list.html"


class ProcurementBoardView(OrganisationAccessMixin, TemplateView):
    """The pipeline: one column per status, each a section with a heading and a list."""

    template_name = "procurement/procurement_board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Procurement board")
        context["columns"] = selectors.procurement_board()
        return context


class ProcurementDetailView(OrgDetailView):
    model = Procurement
    template_name = "procurement/procurement_detail.html"
    update_url_name = "procurement:procurement_update"
    delete_url_name = "procurement:procurement_delete"
    list_url_name = "procurement:procurement_list"

    def get_queryset(self):
        return selectors.procurement_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        reports = list(obj.employment_reports.all())
        bids = list(obj.bids.all())
        context.update(
            {
                "advice": selectors.advice_for(obj),
                "suppliers": list(selectors.suppliers_for_category(obj.category, obj.procedure)),
                "supplier_rule": supplier_rule_text(obj.procedure),
                "unconfirmed_suppliers": selectors.unconfirmed_suppliers_for_category(
                    obj.category, obj.procedure
                ),
                "bids": bids,
                "bid_rows": selectors.bids_with_warnings(obj, bids),
                "invited": list(obj.invited_enterprises.all()),
                "reports": reports,
                "follow_up": selectors.employment_follow_up(obj, reports),
                "add_bid_url": reverse("procurement:bid_create") + f"?procurement={obj.pk}",
                "add_report_url": reverse("procurement:employmentreport_create")
                + f"?procurement={obj.pk}",
            }
        )
        return context


class ProcurementFormMixin:
    model = Procurement
    form_class = ProcurementForm
    template_name = "procurement/procurement_form.html"
    list_url_name = "procurement:procurement_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        data = getattr(form, "cleaned_data", None) if form.is_bound else None
        if data is not None:
            context["advice"] = selectors.procurement_advice(
                procedure=data.get("procedure"),
                estimated_value=data.get("estimated_value"),
                planned_start=data.get("planned_start"),
                category=data.get("category"),
            )
        elif form.instance.pk:
            context["advice"] = selectors.advice_for(form.instance)
        return context

    def save(self, form):
        reason = many_to_many_changes(form)
        previous = form.initial.get("status") if form.instance.pk else None
        obj = form.save(commit=False)
        if reason:
            obj._change_reason = reason
        return services.save_procurement(
            procurement=obj,
            previous_status=previous,
            invited=form.cleaned_data["invited_enterprises"],
        )


class ProcurementCreateView(ProcurementFormMixin, OrgCreateView):
    pass


class ProcurementUpdateView(ProcurementFormMixin, OrgUpdateView):
    pass


class ProcurementDeleteView(OrgDeleteView):
    model = Procurement
    list_url_name = "procurement:procurement_list"


# --- bids ---------------------------------------------------------------------------------------


class BidListView(OrgListView):
    model = Bid
    filterset_class = BidFilter
    select_related = ("procurement", "supplier")
    title = _("Bids and awards")
    intro = _("Every bid on the organisation's procurements, and which were awarded.")
    empty_text = _("No bids yet. Add bids from a procurement's page.")
    columns = [
        Column("supplier_display", _("Supplier"), link=True),
        Column("procurement", _("Procurement"), sort="procurement__title"),
        Column("bid_value", _("Bid value (kr)"), sort="bid_value"),
        Column("awarded", _("Awarded"), sort="awarded"),
        Column("contract_value", _("Contract value (kr)"), sort="contract_value"),
    ]
    default_sort = "procurement__title"
    export_name = "anbud"


class BidDetailView(OrgDetailView):
    model = Bid
    select_related = ("procurement", "supplier")
    update_url_name = "procurement:bid_update"
    delete_url_name = "procurement:bid_delete"
    list_url_name = "procurement:bid_list"
    fields = [
        Column("procurement", _("Procurement")),
        Column("supplier_display", _("Supplier")),
        Column("supplier.org_number", _("Organisation number")),
        Column("supplier_org_number", _("Other supplier's organisation number")),
        Column("bid_value", _("Bid value (kr excl. VAT)")),
        Column("awarded", _("Awarded")),
        Column("contract_value", _("Contract value (kr excl. VAT)")),
        Column("notes", _("Notes")),
    ]
    template_name = "procurement/child_detail.html"


class ProcurementChildMixin(ChildFormMixin):
    """Create and edit a bid or a report from its procurement's page, and go back there."""

    initial_from_query = ("procurement",)
    parent_field = "procurement"
    parent_url_name = "procurement:procurement_detail"
    parent_list_url_name = "procurement:procurement_list"
    success_to_parent = True


class BidFormMixin(ProcurementChildMixin):
    model = Bid
    form_class = BidForm

    def save(self, form):
        bid = form.save(commit=False)
        return services.save_bid(bid=bid)

    def form_valid(self, form):
        response = super().form_valid(form)
        # Saved (a redirect): warn about a supplier that cannot bid on this procurement.
        if response.status_code == 302 and getattr(self, "object", None) is not None:
            if warning := selectors.bid_eligibility_warning(self.object):
                messages.warning(self.request, warning)
        return response


class BidCreateView(BidFormMixin, OrgCreateView):
    pass


class BidUpdateView(BidFormMixin, OrgUpdateView):
    pass


class BidDeleteView(OrgDeleteView):
    model = Bid
    select_related = ("procurement", "supplier")

    def get_success_url(self):
        return self.object.procurement.get_absolute_url()


# --- employment reports ---------------------------------------------------------------------


class EmploymentReportListView(OrgListView):
    model = EmploymentReport
    filterset_class = EmploymentReportFilter
    select_related = ("procurement",)
    title = _("Employment follow-up")
    intro = _(
        "What suppliers delivered under employment requirements (sysselsättningskrav), "
        "period by period."
    )
    empty_text = _("No reports yet. Add reports from a procurement with an employment requirement.")
    columns = [
        Column("procurement", _("Procurement"), sort="procurement__title", link=True),
        Column("period_start", _("Period start"), sort="period_start"),
        Column("period_end", _("Period end"), sort="period_end"),
        Column("months_delivered", _("Months of full-time work"), sort="months_delivered"),
        Column("people_delivered", _("People employed"), sort="people_delivered"),
        Column("placements_delivered", _("Placements"), sort="placements_delivered"),
    ]
    default_sort = "-period_start"
    export_name = "sysselsattningskrav"


class EmploymentReportDetailView(OrgDetailView):
    model = EmploymentReport
    select_related = ("procurement",)
    update_url_name = "procurement:employmentreport_update"
    delete_url_name = "procurement:employmentreport_delete"
    list_url_name = "procurement:employmentreport_list"
    template_name = "procurement/employmentreport_detail.html"
    fields = [
        Column("procurement", _("Procurement")),
        Column("period_start", _("Period start")),
        Column("period_end", _("Period end")),
        Column("months_delivered", _("Months of full-time work")),
        Column("people_delivered", _("People employed")),
        Column("placements_delivered", _("Placements")),
        Column("comment", _("Comment")),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        # Everything reported up to and including this period.
        reports = list(
            EmploymentReport.objects.filter(
                procurement_id=obj.procurement_id, period_start__lte=obj.period_start
            )
        )
        context["follow_up"] = selectors.employment_follow_up(
            obj.procurement, reports, as_of=obj.period_end
        )
        return context


class EmploymentReportFormMixin(ProcurementChildMixin):
    model = EmploymentReport
    form_class = EmploymentReportForm

    def save(self, form):
        report = form.save(commit=False)
        return services.save_employment_report(report=report)


class EmploymentReportCreateView(EmploymentReportFormMixin, OrgCreateView):
    pass


class EmploymentReportUpdateView(EmploymentReportFormMixin, OrgUpdateView):
    pass


class EmploymentReportDeleteView(OrgDeleteView):
    model = EmploymentReport
    select_related = ("procurement",)

    def get_success_url(self):
        return self.object.procurement.get_absolute_url()
