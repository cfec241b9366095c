"""The seven areas' figures: IOP partnerships, meetings, governing documents and the action
plan (one definition each; ``collab.figures`` stores them per year)."""

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from areas.handbook import AREAS
from areas.models import (
    Activity,
    ActivityStatus,
    GoverningDocument,
    GroupKind,
    Meeting,
    Partnership,
)
from areas.querysets import GoverningDocumentQuerySet, PartnershipQuerySet
from collab.figures import SHARE, Figure, count, in_year, year_end
from collab.formatting import Unit


def _meetings():
    # "Held": a meeting planned for later in the current year does not count yet.
    return Meeting.objects.filter(
        Q(group__kind=GroupKind.EXTERNAL) | Q(attending_enterprises__isnull=False),
        date__lte=timezone.localdate(),
    )


def _activities():
    return Activity.objects.exclude(status=ActivityStatus.CANCELLED)


def _due_by(year: int) -> Q:
    return Q(due_date__lte=year_end(year))


FIGURES = (
    Figure(
        "iop_active",
        _("Active IOP partnerships"),
        Unit("partnership", "partnerships"),
        _(
            "IOP partnerships with the status decided, ongoing or ended whose period (start "
            "date to end date) covers part of the year."
        ),
        area=6,
        queryset=Partnership.objects.all,
        condition=PartnershipQuerySet.active_in_year_q,
        aggregate=count,
        list_url_name="areas:partnership_list",
        order=30,
    ),
    Figure(
        "iop_kronor",
        _("Kronor to IOP partnerships"),
        "kr",
        _(
            "The municipality's yearly contribution to the same partnerships, added up for the "
            "year."
        ),
        area=6,
        queryset=Partnership.objects.all,
        condition=PartnershipQuerySet.active_in_year_q,
        aggregate=lambda **kw: Sum("municipality_contribution", **kw),
        list_url_name="areas:partnership_list",
        order=40,
    ),
    Figure(
        "meetings_with_enterprises",
        _("Meetings with social enterprises"),
        Unit("meeting", "meetings"),
        _(
            "Meetings held in the year (up to today) by an external forum, or attended by at "
            "least one enterprise from the register."
        ),
        area=5,
        queryset=_meetings,
        condition=in_year("date"),
        aggregate=lambda **kw: Count("id", distinct=True, **kw),
        list_url_name="areas:meeting_list",
        order=110,
    ),
    Figure(
        "documents_adopted",
        _("Adopted governing documents"),
        Unit("document", "documents"),
        _(
            "Governing documents adopted on or before 31 December of the year and valid on that "
            "day: valid from that day or earlier, and either adopted without an end of validity "
            "or valid to 31 December or later. A repealed document counts up to its end of "
            "validity."
        ),
        area=4,
        queryset=GoverningDocument.objects.all,
        condition=lambda year: GoverningDocumentQuerySet.in_force_q(year_end(year)),
        aggregate=count,
        list_url_name="areas:governingdocument_list",
        order=120,
    ),
    Figure(
        "activities_due",
        _("Action-plan activities due"),
        Unit("activity", "activities"),
        _("The action plan's activities, not cancelled, due on or before 31 December of the year."),
        area=4,
        queryset=_activities,
        condition=_due_by,
        aggregate=count,
        list_url_name="areas:activity_list",
        indicator=False,
        order=128,
    ),
    Figure(
        "activities_done",
        _("Action-plan activities done"),
        Unit("activity", "activities"),
        _("Of the same activities, those that are done (by their current status)."),
        area=4,
        queryset=_activities,
        condition=lambda year: _due_by(year) & Q(status=ActivityStatus.DONE),
        aggregate=count,
        list_url_name="areas:activity_list",
        indicator=False,
        order=129,
    ),
    Figure(
        "action_plan_completion",
        _("Action-plan completion"),
        SHARE,
        _(
            "Of the action plan's activities (not cancelled) due on or before 31 December of "
            "the year, the share that is done (by their current status). No value for a year "
            "without such activities."
        ),
        area=4,
        share_of=("activities_done", "activities_due"),
        order=130,
    ),
)


# --- the seven areas' levels ---------------------------------------------------------------------


def level_key(area: int) -> str:
    return f"area_level_{area}"


def _level(area: int):
    """The area's level (0–4) from the seven-area walk, for the current year; an earlier year
    has the level stored while it was open, else no value (levels cannot be computed back)."""

    def compute(organisation, years):
        from areas.walk import walk_status

        today = timezone.localdate()
        result = {year: None for year in years}
        if today.year in result:
            statuses = walk_status(organisation, today)
            result[today.year] = next(s.level.value for s in statuses if s.area.number == area)
        return result

    return compute


LEVEL_FIGURES = tuple(
    Figure(
        level_key(area.number),
        format_lazy(_("Level in area {number}: {title}"), number=area.number, title=area.title),
        "",
        _(
            "The area's level (0–4) in the seven-area walk: the handbook's steps done and "
            "evaluated, and the criteria met by the records. The current year shows today's "
            "level; an earlier year keeps the level it had when the year ended."
        ),
        area=area.number,
        compute_with=_level(area.number),
        indicator=False,
        order=900 + area.number,
    )
    for area in AREAS
)
