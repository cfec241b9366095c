"""Procurement's dated tasks on the agenda (:mod:`collab.agenda`): the supplier's next report
on an employment requirement. One query, whatever the number of rows; which procurements have
a report to follow up is :meth:`ProcurementQuerySet.employment_report_planned_q`."""

from django.utils.translation import gettext as _

from collab.agenda import AgendaItem
from procurement.models import Procurement


def employment_reports(organisation, *, owner=None, start=None, end=None):
    """The next employment report due from the supplier of each running procurement."""
    queryset = Procurement.objects.employment_report_planned().select_related(
        "employment_report_owner_user"
    )
    if owner is not None:
        queryset = queryset.filter(employment_report_owner_user=owner)
    if start is not None:
        queryset = queryset.filter(next_employment_report__gte=start)
    if end is not None:
        queryset = queryset.filter(next_employment_report__lte=end)
    kind = _("Employment report")
    return [
        AgendaItem(
            key=f"procurement.procurement:{p.pk}:employment_report",
            kind=kind,
            title=p.title,
            date=p.next_employment_report,
            url=p.get_absolute_url() + "#employment-heading",
            owner_ids=frozenset({p.employment_report_owner_user_id})
            if p.employment_report_owner_user_id
            else frozenset(),
            owner_text=p.responsible_person,
        )
        for p in queryset
    ]
