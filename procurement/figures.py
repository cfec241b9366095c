"""Procurement's figures: procurements with social considerations, employment requirements
and spend with social enterprises (one definition each; ``collab.figures`` stores them per
year)."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from collab.figures import KRONOR, SHARE, Figure, count, in_year
from collab.formatting import Unit
from procurement.models import EmploymentReport, Procurement, SupplierPayment
from procurement.querysets import ProcurementQuerySet

LIST = "procurement:procurement_list"


def _procurements():
    """Counted procurements (not cancelled) with a contract start: the year is its year."""
    return Procurement.objects.counted().filter(planned_start__isnull=False)


STARTS_IN_YEAR = in_year("planned_start")
BOOKED_IN_YEAR = in_year("booking_date")


def _amount(**kwargs):
    return Sum("amount", **kwargs)


FIGURES = (
    Figure(
        "procurements_social",
        _("Procurements with social considerations"),
        Unit("procurement", "procurements"),
        _(
            "Recorded procurements, not cancelled, whose contract starts in the year and that "
            "are reserved, have an employment requirement, are divided into lots, had a market "
            "dialogue or state other social requirements."
        ),
        area=6,
        queryset=_procurements,
        condition=lambda year: STARTS_IN_YEAR(year) & ProcurementQuerySet.social_considerations_q(),
        aggregate=count,
        list_url_name=LIST,
        order=50,
    ),
    Figure(
        "procurements_all",
        _("Recorded procurements"),
        Unit("procurement", "procurements"),
        _("Recorded procurements, not cancelled, whose contract starts in the year."),
        area=6,
        queryset=_procurements,
        condition=STARTS_IN_YEAR,
        aggregate=count,
        list_url_name=LIST,
        indicator=False,
        order=55,
    ),
    Figure(
        "procurements_social_share",
        _("Share of procurements with social considerations"),
        SHARE,
        _(
            "Procurements with social considerations as a share of all recorded procurements, "
            "not cancelled, whose contract starts in the year. No value for a year without "
            "procurements."
        ),
        area=6,
        share_of=("procurements_social", "procurements_all"),
        order=60,
    ),
    Figure(
        "procurements_reserved",
        _("Reserved procurements"),
        Unit("procurement", "procurements"),
        _(
            "Recorded procurements, not cancelled, whose contract starts in the year and that "
            "are reserved under LOU 4 kap. 18 §, 19 kap. 25 § or 19 kap. 25 a §."
        ),
        area=6,
        queryset=_procurements,
        condition=lambda year: STARTS_IN_YEAR(year) & ProcurementQuerySet.reserved_q(),
        aggregate=count,
        list_url_name=LIST,
        order=70,
    ),
    Figure(
        "spend_social",
        _("Kronor bought from social enterprises"),
        KRONOR,
        _(
            "Imported supplier payments (excluding VAT) booked in the year to suppliers whose "
            "organisation number is in the register. No value for a year without imported "
            "payments."
        ),
        area=6,
        queryset=lambda: SupplierPayment.objects.filter(matched_enterprise__isnull=False),
        condition=BOOKED_IN_YEAR,
        aggregate=_amount,
        data=SupplierPayment.objects.all,
        order=80,
    ),
    Figure(
        "spend_all",
        _("Kronor in imported supplier payments"),
        KRONOR,
        _(
            "Every imported supplier payment (excluding VAT) booked in the year. No value for a "
            "year without imported payments."
        ),
        area=6,
        queryset=SupplierPayment.objects.all,
        condition=BOOKED_IN_YEAR,
        aggregate=_amount,
        data=SupplierPayment.objects.all,
        indicator=False,
        order=85,
    ),
    Figure(
        "spend_social_share",
        _("Share of purchasing from social enterprises"),
        SHARE,
        _(
            "Kronor bought from social enterprises as a share of all imported supplier payments "
            "booked in the year. No value for a year without payments."
        ),
        area=6,
        share_of=("spend_social", "spend_all"),
        order=90,
    ),
    Figure(
        "employment_months",
        _("Months of employment delivered"),
        Unit("month", "months"),
        _(
            "Months of full-time work reported under employment requirements, for report "
            "periods ending in the year. No value for a year without reports."
        ),
        area=6,
        queryset=EmploymentReport.objects.all,
        condition=in_year("period_end"),
        aggregate=lambda **kw: Sum("months_delivered", **kw),
        data=EmploymentReport.objects.all,
        list_url_name="procurement:employmentreport_list",
        order=100,
    ),
)
