"""The register's figures (one definition each; ``collab.figures`` stores them per year)."""

from django.db.models import DateField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collab.figures import Figure, count, year_end
from collab.formatting import Unit
from enterprises.models import EnterpriseStatus, SocialEnterprise

LIST = "enterprises:socialenterprise_list"


def _enterprises():
    """Enterprises in the register whose status is not ended, with the day they count from."""
    return SocialEnterprise.objects.exclude(status=EnterpriseStatus.ENDED).annotate(
        identified_date=Coalesce("identified_on", Value(timezone.localdate(), DateField()))
    )


def _identified_by(year: int) -> Q:
    return Q(identified_date__lte=year_end(year))


FIGURES = (
    Figure(
        "enterprises_identified",
        _("Identified social enterprises"),
        Unit("enterprise", "enterprises"),
        _(
            "Social enterprises in the register identified on or before 31 December of the year, "
            "whose status is not ended. An enterprise without an identification date counts "
            "from the current year."
        ),
        area=5,
        queryset=_enterprises,
        condition=_identified_by,
        aggregate=count,
        list_url_name=LIST,
        per_capita=True,
        order=10,
    ),
    Figure(
        "work_training_places",
        _("Work-training places"),
        Unit("place", "places"),
        _(
            "The sum of the work-training places that the same enterprises state in the "
            "register (their current figure)."
        ),
        area=5,
        queryset=_enterprises,
        condition=lambda year: _identified_by(year) & Q(work_training_places__gt=0),
        aggregate=lambda **kw: Sum("work_training_places", **kw),
        list_url_name=LIST,
        per_capita=True,
        order=20,
    ),
    Figure(
        "enterprises_active",
        _("Social enterprises in active collaboration"),
        Unit("enterprise", "enterprises"),
        _(
            "The same enterprises whose status in the register is active collaboration (their "
            "current status)."
        ),
        area=5,
        queryset=_enterprises,
        condition=lambda year: _identified_by(year) & Q(status=EnterpriseStatus.ACTIVE),
        aggregate=count,
        list_url_name=LIST,
        indicator=False,
        order=25,
    ),
)
