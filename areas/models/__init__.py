"""The records behind the handbook's seven areas, one module per sub-domain:

- :mod:`.governance` — area 1: :class:`PoliticalDecision` (which committee holds political
  responsibility); area 2: :class:`CoordinatingFunction` and the people in it
  (:class:`FunctionMember`);
- :mod:`.groups` — areas 3 and 5: :class:`CoordinationGroup` (internal group or external
  forum), its members (:class:`GroupMember`), :class:`Meeting` with attendance and decided
  actions (:class:`MeetingAction`);
- :mod:`.documents` — area 4: :class:`GoverningDocument` and its file versions;
- :mod:`.actionplan` — area 4: the action plan's :class:`Activity`;
- :mod:`.partnerships` — area 6: IOP partnerships (:class:`Partnership`) with Forum's criteria;
- :mod:`.walk` — the walk's checklist: :class:`AreaStep` (shared data, editable in the admin)
  and each organisation's progress on it (:class:`StepProgress`).
"""

from areas.models.actionplan import OPEN_ACTIVITY_STATUSES, Activity, ActivityStatus
from areas.models.documents import (
    DocumentFileVersion,
    DocumentKind,
    DocumentStatus,
    GoverningDocument,
    document_path,
)
from areas.models.governance import (
    CommitteeKind,
    CoordinatingFunction,
    FunctionMember,
    FunctionPlacement,
    PoliticalDecision,
)
from areas.models.groups import (
    CORE_FUNCTIONS,
    INTERNAL_FUNCTIONS,
    OPEN_ACTION_STATUSES,
    ActionStatus,
    CoordinationGroup,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingAction,
    Represents,
)
from areas.models.partnerships import (
    ACTIVE_PARTNERSHIP_STATUSES,
    IOP_CRITERIA,
    IOP_CRITERIA_BY_KEY,
    PARTNER_KIND,
    CriterionAnswer,
    CriterionRow,
    IopCriterion,
    Partnership,
    PartnershipStatus,
    validate_criteria,
)
from areas.models.walk import STEP_RANK, AreaStep, StepProgress, StepStatus

__all__ = [
    "ACTIVE_PARTNERSHIP_STATUSES",
    "CORE_FUNCTIONS",
    "INTERNAL_FUNCTIONS",
    "IOP_CRITERIA",
    "IOP_CRITERIA_BY_KEY",
    "OPEN_ACTION_STATUSES",
    "OPEN_ACTIVITY_STATUSES",
    "PARTNER_KIND",
    "STEP_RANK",
    "ActionStatus",
    "Activity",
    "ActivityStatus",
    "AreaStep",
    "CommitteeKind",
    "CoordinatingFunction",
    "CoordinationGroup",
    "CriterionAnswer",
    "CriterionRow",
    "DocumentFileVersion",
    "DocumentKind",
    "DocumentStatus",
    "FunctionMember",
    "FunctionPlacement",
    "GoverningDocument",
    "GroupKind",
    "GroupMember",
    "IopCriterion",
    "Meeting",
    "MeetingAction",
    "Partnership",
    "PartnershipStatus",
    "PoliticalDecision",
    "Represents",
    "StepProgress",
    "StepStatus",
    "document_path",
    "validate_criteria",
]
