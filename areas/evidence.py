"""Evidence for the seven-area walk from collab's own records (areas 1–5, IOP in 6, and 7).

Each provider takes the organisation and today's date and returns ``Evidence`` with the
criteria the level rule counts (``areas.walk``). A provider makes a fixed number of queries,
whatever the number of rows. Other apps register their evidence the same way (procurement for
area 6, follow-up for area 7).
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from areas.models import (
    CORE_FUNCTIONS,
    Activity,
    ActivityStatus,
    CoordinatingFunction,
    CoordinationGroup,
    DocumentStatus,
    GoverningDocument,
    GroupKind,
    GroupMember,
    Meeting,
    Partnership,
    PoliticalDecision,
)
from areas.querysets import ActivityQuerySet, MeetingQuerySet
from collab import figures, formatting
from collab.registry import Criterion, Evidence

# How many meetings a standing group holds in twelve months to count as meeting regularly.
MIN_MEETINGS_PER_YEAR = 2
ROW_LIMIT = 5


def _date(value: datetime.date | None) -> str:
    return formatting.date(value)


def completion_text(organisation, year: int) -> str:
    """The catalogue's action-plan completion for the year with what it counts: "60 % (3 of 5
    activities due by 31 December are done)"."""
    keys = ["action_plan_completion", "activities_done", "activities_due"]
    stored = figures.values(organisation, keys, [year])
    values = {key: by_year[year] for key, by_year in stored.items()}
    if values["action_plan_completion"] is None:
        return _("no activity is due by 31 December %(year)s") % {"year": year}
    return _("%(percent)s (%(done)s of %(due)s due by 31 December %(year)s are done)") % {
        "percent": formatting.percent(values["action_plan_completion"]),
        "done": values["activities_done"],
        "due": values["activities_due"],
        "year": year,
    }


def _active(today: datetime.date) -> Q:
    return Q(ended_on__isnull=True) | Q(ended_on__gt=today)


def area_1(*, organisation, today) -> list[Evidence]:
    decisions = list(PoliticalDecision.objects.in_force(today).order_by("-decided_on")[:ROW_LIMIT])
    return [
        Evidence(
            title=_("Political decision"),
            rows=[
                (
                    f"{d.committee} ({d.get_committee_kind_display()}), {_date(d.decided_on)}"
                    + (f", {d.case_number}" if d.case_number else ""),
                    d.get_absolute_url(),
                )
                for d in decisions
            ],
            criteria=[
                Criterion(
                    met=bool(decisions),
                    text=_("A decision in force names the committee with political responsibility"),
                    hint=_(
                        "Record the decision on which committee holds political responsibility."
                    ),
                )
            ],
            empty_text=_("No decision in force is recorded."),
            url=reverse("areas:politicaldecision_list"),
            add_url=reverse("areas:politicaldecision_create"),
            add_label=_("Record a decision"),
        )
    ]


def area_2(*, organisation, today) -> list[Evidence]:
    functions = list(
        CoordinatingFunction.objects.filter(_active(today))
        .annotate(people=Count("members"), share=Sum("members__share_of_full_time"))
        .order_by("name")
    )
    share = sum(f.share or 0 for f in functions)
    with_mandate = [f for f in functions if f.mandate.strip()]
    return [
        Evidence(
            title=_("Coordinating function"),
            rows=[
                (
                    f"{f.name} – {f.get_placement_display()}, {formatting.people(f.people)}, "
                    + formatting.full_time_equivalents_text(f.share),
                    f.get_absolute_url(),
                )
                for f in functions[:ROW_LIMIT]
            ],
            figures=[(_("Full-time equivalents"), formatting.full_time_equivalents(share))],
            criteria=[
                Criterion(
                    met=bool(with_mandate),
                    text=_("A coordinating function is appointed with a written mandate"),
                    hint=_("Record the coordinating function and write down its mandate."),
                ),
                Criterion(
                    met=share > 0,
                    text=_("People give the function working time"),
                    hint=_("Add the people in the function and their share of full time."),
                ),
            ],
            empty_text=_("No coordinating function is recorded."),
            url=reverse("areas:coordinatingfunction_list"),
            add_url=reverse("areas:coordinatingfunction_create"),
            add_label=_("Record the coordinating function"),
        )
    ]


def _group_evidence(kind: str, today: datetime.date):
    """Active groups of a kind with their meetings in the last twelve months (two queries)."""
    groups = list(
        CoordinationGroup.objects.filter(_active(today), kind=kind)
        .annotate(
            recent_meetings=Count(
                "meetings",
                filter=MeetingQuerySet.last_twelve_months_q(today, prefix="meetings__"),
                distinct=True,
            )
        )
        .order_by("name")
    )
    meetings = list(
        Meeting.objects.in_last_twelve_months(today)
        .filter(group__kind=kind)
        .select_related("group")
        .order_by("-date")[:ROW_LIMIT]
    )
    return groups, meetings


def area_3(*, organisation, today) -> list[Evidence]:
    groups, meetings = _group_evidence(GroupKind.INTERNAL, today)
    covering = set(
        CoordinationGroup.objects.filter(_active(today), kind=GroupKind.INTERNAL)
        .annotate(
            **{
                f"has_{function}": Exists(
                    GroupMember.objects.current(today).filter(
                        group=OuterRef("pk"), represents=function
                    )
                )
                for function in CORE_FUNCTIONS
            }
        )
        .filter(**{f"has_{function}": True for function in CORE_FUNCTIONS})
        .values_list("pk", flat=True)
    )
    meeting_count = sum(g.recent_meetings for g in groups)
    regular = any(g.recent_meetings >= MIN_MEETINGS_PER_YEAR for g in groups)
    return [
        Evidence(
            title=_("Internal coordination group"),
            rows=[(g.name, g.get_absolute_url()) for g in groups[:ROW_LIMIT]]
            + [(str(m), m.get_absolute_url()) for m in meetings],
            figures=[(_("Meetings in the last 12 months"), str(meeting_count))],
            criteria=[
                Criterion(
                    met=bool(covering),
                    text=_(
                        "An internal group has members from business, purchasing and the "
                        "labour market"
                    ),
                    hint=_(
                        "Add members who represent business, purchasing and the labour market "
                        "to the internal group."
                    ),
                ),
                Criterion(
                    met=regular,
                    text=_("The internal group has met at least twice in the last 12 months"),
                    hint=_("Hold the internal group's meetings and record them."),
                ),
            ],
            empty_text=_("No internal coordination group is recorded."),
            url=reverse("areas:coordinationgroup_list") + f"?kind={GroupKind.INTERNAL}",
            add_url=reverse("areas:coordinationgroup_create"),
            add_label=_("Create a group"),
        )
    ]


def area_4(*, organisation, today) -> list[Evidence]:
    documents = list(GoverningDocument.objects.in_force(today).order_by("-adopted_on")[:ROW_LIMIT])
    due = GoverningDocument.objects.due_for_review(today).count()
    plan = Activity.objects.exclude(status=ActivityStatus.CANCELLED).aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=ActivityStatus.DONE)),
        overdue=Count("id", filter=ActivityQuerySet.overdue_q(today)),
    )
    return [
        Evidence(
            title=_("Governing documents"),
            rows=[
                (f"{d.title} ({d.get_kind_display()}), {_date(d.adopted_on)}", d.get_absolute_url())
                for d in documents
            ],
            criteria=[
                Criterion(
                    met=bool(documents),
                    text=_("A governing document is adopted and in force"),
                    hint=_("Adopt a policy, strategy, programme or guideline and record it."),
                ),
                Criterion(
                    met=bool(documents) and due == 0,
                    text=_("No adopted document is past its review date"),
                    hint=_("Review the documents whose review date has passed."),
                ),
            ],
            empty_text=_("No adopted governing document in force."),
            url=reverse("areas:governingdocument_list"),
            add_url=reverse("areas:governingdocument_create"),
            add_label=_("Add a governing document"),
        ),
        Evidence(
            title=_("Action plan"),
            figures=[
                (_("Activities"), str(plan["total"])),
                (_("Done"), str(plan["done"])),
                (_("Overdue"), str(plan["overdue"])),
                (_("Completion"), completion_text(organisation, today.year)),
            ],
            criteria=[
                Criterion(
                    met=plan["total"] > 0,
                    text=_("The action plan has activities with owners and due dates"),
                    hint=_("Add the action plan's activities."),
                )
            ],
            empty_text=_("The action plan has no activities.") if not plan["total"] else "",
            url=reverse("areas:activity_list"),
            add_url=reverse("areas:activity_create"),
            add_label=_("Add an activity"),
        ),
    ]


def area_5(*, organisation, today) -> list[Evidence]:
    groups, meetings = _group_evidence(GroupKind.EXTERNAL, today)
    reached = (
        Meeting.objects.in_last_twelve_months(today)
        .filter(group__kind=GroupKind.EXTERNAL)
        .values("attending_enterprises")
        .exclude(attending_enterprises=None)
        .distinct()
        .count()
    )
    meeting_count = sum(g.recent_meetings for g in groups)
    return [
        Evidence(
            title=_("External forum"),
            rows=[(g.name, g.get_absolute_url()) for g in groups[:ROW_LIMIT]]
            + [(str(m), m.get_absolute_url()) for m in meetings],
            figures=[
                (_("Forum meetings in the last 12 months"), str(meeting_count)),
                (_("Social enterprises reached in the last 12 months"), str(reached)),
            ],
            criteria=[
                Criterion(
                    met=any(g.recent_meetings >= MIN_MEETINGS_PER_YEAR for g in groups),
                    text=_(
                        "A forum with the social enterprises has met at least twice in the "
                        "last 12 months"
                    ),
                    hint=_("Hold dialogue meetings with the social enterprises and record them."),
                ),
                Criterion(
                    met=reached > 0,
                    text=_("Social enterprises from the register took part in the last 12 months"),
                    hint=_("Record which enterprises from the register attend the meetings."),
                ),
            ],
            empty_text=_("No external forum is recorded."),
            url=reverse("areas:coordinationgroup_list") + f"?kind={GroupKind.EXTERNAL}",
            add_url=reverse("areas:coordinationgroup_create"),
            add_label=_("Create a forum"),
        )
    ]


def area_6_partnerships(*, organisation, today) -> list[Evidence]:
    active = Partnership.objects.active_in_year(today.year)
    totals = figures.values(organisation, ["iop_active", "iop_kronor"], [today.year])
    totals = {"count": totals["iop_active"][today.year], "kronor": totals["iop_kronor"][today.year]}
    partnerships = list(active.select_related("partner").order_by("title")[:ROW_LIMIT])
    return [
        Evidence(
            title=_("IOP partnerships"),
            rows=[(f"{p.title} – {p.partner.name}", p.get_absolute_url()) for p in partnerships],
            figures=[
                (_("Active this year"), str(totals["count"])),
                (
                    _("Municipality's contribution per year"),
                    formatting.kronor(totals["kronor"] or 0),
                ),
            ],
            empty_text=_("No IOP partnership is active this year."),
            url=reverse("areas:partnership_list"),
        )
    ]


def area_7(*, organisation, today) -> list[Evidence]:
    plan = Activity.objects.exclude(status=ActivityStatus.CANCELLED).aggregate(
        total=Count("id"),
        overdue=Count("id", filter=ActivityQuerySet.overdue_q(today)),
    )
    documents = GoverningDocument.objects.filter(status=DocumentStatus.ADOPTED).aggregate(
        total=Count("id"), without_review=Count("id", filter=Q(next_review__isnull=True))
    )
    overdue = list(Activity.objects.overdue(today).order_by("due_date")[:ROW_LIMIT])
    return [
        Evidence(
            title=_("Follow-up of the action plan and the governing documents"),
            rows=[
                (
                    _("Overdue: %(title)s (due %(date)s)")
                    % {"title": a.title, "date": _date(a.due_date)},
                    a.get_absolute_url(),
                )
                for a in overdue
            ],
            figures=[
                (_("Action plan completion"), completion_text(organisation, today.year)),
                (_("Overdue activities"), str(plan["overdue"])),
            ],
            criteria=[
                Criterion(
                    met=plan["total"] > 0 and plan["overdue"] == 0,
                    text=_("The action plan is followed up: no activity is overdue"),
                    hint=_("Update the status of the overdue activities, or reschedule them."),
                ),
                Criterion(
                    met=documents["total"] > 0 and documents["without_review"] == 0,
                    text=_("Every adopted governing document has a date for its next review"),
                    hint=_("Give each adopted governing document a review date."),
                ),
            ],
            url=reverse("areas:activity_list"),
        )
    ]
