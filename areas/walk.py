"""The seven-area walk: where the organisation stands in each area, and why.

The **level rule** (shown to users on the overview page, ``LEVEL_RULE``) combines the area's
checklist (steps marked not started / started / done / evaluated) with the criteria that the
apps' evidence providers compute from live records (``collab.registry.area_evidence``):

- **0 Not started**: no step is started and no criterion is met.
- **1 Started**: at least one step is started, or at least one criterion is met.
- **2 Under way**: at least half of the steps are done (done or evaluated) and at least one
  criterion is met.
- **3 Established**: every step is done and every criterion is met.
- **4 Established and evaluated**: every step is evaluated and every criterion is met.

An area without criteria (no evidence registered) needs only its steps; an area without steps
cannot go beyond level 1 from the records alone, so that "done" always means someone has
checked the steps.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from areas.handbook import AREAS, Area
from areas.models import STEP_RANK, AreaStep, StepProgress, StepStatus
from collab import figures, registry

LEVEL_NAMES = {
    0: gettext_lazy("Not started"),
    1: gettext_lazy("Started"),
    2: gettext_lazy("Under way"),
    3: gettext_lazy("Established"),
    4: gettext_lazy("Established and evaluated"),
}

LEVEL_RULE = (
    gettext_lazy("0 Not started: no step is started and no criterion from the records is met."),
    gettext_lazy("1 Started: at least one step is started, or at least one criterion is met."),
    gettext_lazy(
        "2 Under way: at least half of the steps are done and at least one criterion is met."
    ),
    gettext_lazy("3 Established: every step is done and every criterion is met."),
    gettext_lazy(
        "4 Established and evaluated: every step is evaluated and every criterion is met."
    ),
)

DONE_RANK = STEP_RANK[StepStatus.DONE]
EVALUATED_RANK = STEP_RANK[StepStatus.EVALUATED]


@dataclass
class StepRow:
    step: AreaStep
    progress: StepProgress | None

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else StepStatus.NOT_STARTED

    @property
    def rank(self) -> int:
        return STEP_RANK[StepStatus(self.status)]

    def get_status_display(self) -> str:
        return StepStatus(self.status).label


@dataclass
class Level:
    value: int
    reasons: list[str] = field(default_factory=list)  # why the area is at this level
    to_next: list[str] = field(default_factory=list)  # what is missing for the next level

    @property
    def name(self) -> str:
        return str(LEVEL_NAMES[self.value])


def compute_level(ranks: list[int], criteria: list[registry.Criterion]) -> Level:
    """The documented rule, from the steps' ranks (0–3) and the evidence criteria."""
    total = len(ranks)
    started = sum(rank >= 1 for rank in ranks)
    done = sum(rank >= DONE_RANK for rank in ranks)
    evaluated = sum(rank >= EVALUATED_RANK for rank in ranks)
    met = sum(c.met for c in criteria)
    all_met = met == len(criteria)
    some_met = met >= 1 or not criteria
    has_steps = total > 0

    if has_steps and evaluated == total and all_met:
        value = 4
    elif has_steps and done == total and all_met:
        value = 3
    elif has_steps and done * 2 >= total and some_met:
        value = 2
    elif started or met:
        value = 1
    else:
        value = 0
    level = Level(value=value)

    steps_text = ngettext(
        "%(done)s of %(total)s step is done",
        "%(done)s of %(total)s steps are done",
        total,
    ) % {"done": done, "total": total}
    if evaluated:
        steps_text += " " + ngettext(
            "(%(count)s evaluated)", "(%(count)s evaluated)", evaluated
        ) % {"count": evaluated}
    level.reasons.append(steps_text)
    if criteria:
        level.reasons.append(
            ngettext(
                "%(met)s of %(total)s criterion from the records is met",
                "%(met)s of %(total)s criteria from the records are met",
                len(criteria),
            )
            % {"met": met, "total": len(criteria)}
        )

    unmet = [c.hint or c.text for c in criteria if not c.met]
    if value == 0:
        level.to_next.append(_("Start one of the steps below, or record the evidence."))
    elif value == 1:
        needed = max(0, (total + 1) // 2 - done)
        if needed:
            level.to_next.append(
                ngettext("Finish %(count)s more step.", "Finish %(count)s more steps.", needed)
                % {"count": needed}
            )
        if not some_met:
            level.to_next.extend(unmet)
    elif value == 2:
        if done < total:
            level.to_next.append(
                ngettext(
                    "Finish the last step.", "Finish the remaining %(count)s steps.", total - done
                )
                % {"count": total - done}
            )
        level.to_next.extend(unmet)
    elif value == 3:
        level.to_next.append(
            ngettext(
                "Evaluate the last step.",
                "Evaluate the remaining %(count)s steps.",
                total - evaluated,
            )
            % {"count": total - evaluated}
        )
    return level


@dataclass
class AreaStatus:
    area: Area
    steps: list[StepRow]
    evidence: list[registry.Evidence]
    level: Level

    @property
    def criteria(self) -> list[registry.Criterion]:
        return [c for e in self.evidence for c in e.criteria]

    def next_step(self) -> str:
        """The one thing to do next: the first unfinished step, else an unmet criterion's
        hint, else the first step not yet evaluated."""
        for row in self.steps:
            if row.rank < DONE_RANK:
                return row.step.title
        for criterion in self.criteria:
            if not criterion.met:
                return criterion.hint or criterion.text
        for row in self.steps:
            if row.rank < EVALUATED_RANK:
                return _("Evaluate: %(step)s") % {"step": row.step.title}
        return _("Keep following up and evaluating the area.")


def step_rows(organisation, areas: list[int] | None = None) -> dict[int, list[StepRow]]:
    """Every checklist step with the organisation's progress, by area (two queries)."""
    steps = AreaStep.objects.all()
    progress_qs = StepProgress.objects.filter(organisation=organisation)
    if areas is not None:
        steps = steps.filter(area__in=areas)
        progress_qs = progress_qs.filter(step__area__in=areas)
    progress = {p.step_id: p for p in progress_qs}
    rows: dict[int, list[StepRow]] = {area.number: [] for area in AREAS}
    for step in steps:
        rows.setdefault(step.area, []).append(StepRow(step=step, progress=progress.get(step.pk)))
    return rows


def area_status(area: Area, organisation, today: datetime.date, steps=None) -> AreaStatus:
    if steps is None:
        steps = step_rows(organisation, [area.number])[area.number]
    evidence = registry.area_evidence(area.number, organisation=organisation, today=today)
    criteria = [c for e in evidence for c in e.criteria]
    level = compute_level([row.rank for row in steps], criteria)
    return AreaStatus(area=area, steps=steps, evidence=evidence, level=level)


def walk_status(organisation, today: datetime.date, *, state=None) -> list[AreaStatus]:
    """All seven areas (the home page, the overview, the dashboard and the report), kept in
    the cache until the organisation's records change or the day ends."""

    def compute():
        rows = step_rows(organisation)
        return [area_status(area, organisation, today, rows[area.number]) for area in AREAS]

    return figures.cached(organisation, "walk", compute, today=today, state=state)
