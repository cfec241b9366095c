"""IOP partnerships (idéburet offentligt partnerskap): list, detail, create, edit, delete."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from areas import selectors, services
from areas.filters.partnerships import PartnershipFilter
from areas.forms.partnerships import PartnershipForm
from areas.models import PARTNER_KIND, CriterionAnswer, Partnership
from areas.views.records import MarkedListView
from collab import formatting
from collab.generic import (
    Column,
    OrgCreateView,
    OrgDeleteView,
    OrgDetailView,
    OrgUpdateView,
)
from collab.registry import HomeCard, RelatedSection


class PartnershipListView(MarkedListView):
    model = Partnership
    filterset_class = PartnershipFilter
    title = _("IOP partnerships")
    intro = _(
        "Idea-based public partnerships (IOP) with non-profit organisations: what they are "
        "for, what each party contributes, and whether they meet Forum's criteria."
    )
    empty_text = _(
        "No IOP partnerships yet. Add one when a non-profit organisation in the register "
        "proposes a partnership."
    )
    columns = [
        Column("title", _("Title"), sort="title", link=True),
        Column("partner", _("Partner"), sort="partner__name"),
        Column("challenge", _("Societal challenge"), sort="challenge__position"),
        Column("get_status_display", _("Status"), sort="status"),
        Column("period_text", _("Period"), sort="start_date"),
        Column(
            "municipality_contribution",
            _("Municipality's contribution per year (kr)"),
            sort="municipality_contribution",
        ),
        Column("next_follow_up", _("Next follow-up"), sort="next_follow_up"),
        Column("criteria_summary", _("IOP criteria")),
    ]
    default_sort = "title"
    create_url_name = "areas:partnership_create"
    export_name = "iop-partnerskap"

    def get_queryset(self):
        return super().get_queryset().select_related("partner", "challenge")

    def row_marks(self, obj, today):
        return [str(_("Follow-up overdue"))] if obj.is_follow_up_overdue(today) else []


class PartnershipDetailView(OrgDetailView):
    model = Partnership
    template_name = "areas/partnership_detail.html"
    update_url_name = "areas:partnership_update"
    delete_url_name = "areas:partnership_delete"
    list_url_name = "areas:partnership_list"

    def get_queryset(self):
        return selectors.partnership_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.object.criteria_rows()
        context["criteria_rows"] = rows
        context["unmet_criteria"] = [row for row in rows if row.is_not_met]
        context["not_assessed_count"] = sum(
            row.answer == CriterionAnswer.NOT_ASSESSED for row in rows
        )
        context["all_met"] = all(row.is_met for row in rows)
        context["partner_is_ideburen"] = self.object.partner.kind == PARTNER_KIND
        context["follow_up_overdue"] = self.object.is_follow_up_overdue()
        return context


class PartnershipFormMixin:
    model = Partnership
    form_class = PartnershipForm
    template_name = "areas/partnership_form.html"
    list_url_name = "areas:partnership_list"


class PartnershipCreateView(PartnershipFormMixin, OrgCreateView):
    initial_from_query = ("partner",)

    def save(self, form):
        return services.create_partnership(
            organisation=self.request.organisation, **form.model_values()
        )


class PartnershipUpdateView(PartnershipFormMixin, OrgUpdateView):
    def get_queryset(self):
        return selectors.partnership_detail()

    def save(self, form):
        return services.update_partnership(partnership=self.object, **form.model_values())


class PartnershipDeleteView(OrgDeleteView):
    model = Partnership
    list_url_name = "areas:partnership_list"


def enterprise_partnerships(enterprise) -> list[RelatedSection]:
    """The enterprise page's section: its IOP partnerships (one query)."""
    partnerships = selectors.partnerships_of_enterprise(enterprise)
    if not partnerships and enterprise.kind != PARTNER_KIND:
        return []
    add_url = None
    if enterprise.kind == PARTNER_KIND:
        add_url = reverse("areas:partnership_create") + f"?partner={enterprise.pk}"
    return [
        RelatedSection(
            title=str(_("IOP partnerships")),
            rows=[
                (f"{p.title} ({p.get_status_display()})", p.get_absolute_url())
                for p in partnerships
            ],
            empty_text=str(_("No IOP partnership with this organisation.")),
            add_url=add_url,
            add_label=str(_("New IOP with this organisation")),
        )
    ]


IOP_CARD = HomeCard(
    "iop_active",
    detail_keys=("iop_kronor",),
    detail=lambda v: (
        _("%(kronor)s kr a year from the municipality")
        % {"kronor": formatting.number(v["iop_kronor"] or 0)}
    ),
)
