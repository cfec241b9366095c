"""Status against target: one rule for every indicator, shown to users (``TARGET_RULE``).

- **On track**: the value has reached the target (at least the target; for an indicator where
  lower is better, at most the target).
- **At risk**: the value is short of the target by at most 10 % of the target.
- **Off track**: the value is short by more than 10 %.
A target of 0 is reached by any value (higher is better) or by 0 (lower is better).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

AT_RISK_MARGIN = Decimal("0.10")

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"

STATUS_LABELS = {
    ON_TRACK: _("On track"),
    AT_RISK: _("At risk"),
    OFF_TRACK: _("Off track"),
}

TARGET_RULE = _(
    "On track: the target is reached. At risk: short of the target by at most 10 % of the "
    "target. Off track: short by more than 10 %. (Where lower is better, reaching means at "
    "most the target.)"
)


@dataclass(frozen=True)
class TargetStatus:
    key: str

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.key])


def target_status(value, target, *, higher_is_better: bool = True) -> TargetStatus | None:
    """The status of ``value`` against ``target``; None when either is missing."""
    if value is None or target is None:
        return None
    value, target = Decimal(value), Decimal(target)
    margin = abs(target) * AT_RISK_MARGIN
    if higher_is_better:
        shortfall = target - value
    else:
        shortfall = value - target
    if shortfall <= 0:
        return TargetStatus(ON_TRACK)
    if shortfall <= margin:
        return TargetStatus(AT_RISK)
    return TargetStatus(OFF_TRACK)
