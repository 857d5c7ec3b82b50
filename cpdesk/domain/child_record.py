"""The child's record as the screens read it: header, plan, visits, conferences, core group.

Plain frozen records filled by services/child_record.py; no Qt, no SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cpdesk.domain.enums import (
    ActionStatus,
    Category,
    ConferenceKind,
    EndReason,
    MemberKind,
    OutcomeOrigin,
    PlanStatus,
    RecordStatus,
    VisitType,
)
from cpdesk.domain.records import Alert


@dataclass(frozen=True)
class ActionSummary:
    action_id: str
    what: str
    who: str | None
    by_when: date | None
    status: ActionStatus


@dataclass(frozen=True)
class OutcomeSummary:
    outcome_id: str
    description: str
    origin: OutcomeOrigin
    progress_measure: str | None
    actions: tuple[ActionSummary, ...]


@dataclass(frozen=True)
class PlanSummary:
    plan_id: str
    start_date: date
    category: Category
    latest_category: Category | None
    status: PlanStatus
    end_date: date | None
    end_reason: EndReason | None
    manager: str | None
    conference_chair: str | None
    when_child_seen: str | None
    contingency_plan: str | None
    concerns: tuple[str, ...]
    outcomes: tuple[OutcomeSummary, ...]

    @property
    def current_category(self) -> Category:
        return self.latest_category or self.category


@dataclass(frozen=True)
class VisitSummary:
    visit_id: str
    visit_date: date | None
    visit_type: VisitType | None
    status: RecordStatus
    author: str | None
    present: str | None
    child_seen: bool | None
    not_seen_reason: str | None
    seen_alone: bool | None
    not_seen_alone_reason: str | None
    bedroom_seen: bool | None
    new_incidents: bool | None
    incident_details: str | None
    injury_location: str | None
    next_planned_visit: date | None


@dataclass(frozen=True)
class ConferenceSummary:
    conference_id: str
    kind: ConferenceKind
    held_on: date
    chair: str | None
    category: Category | None
    next_review_date: date | None
    decisions: str | None


@dataclass(frozen=True)
class CoreGroupMemberSummary:
    member_id: str
    name: str
    kind: MemberKind
    agency: str | None
    job_title: str | None
    contact_frequency: str | None
    phone: str | None
    email: str | None
    excluded: bool


@dataclass(frozen=True)
class MeetingSummary:
    meeting_id: str
    due_date: date
    scheduled_for: date | None
    held_on: date | None
    chair: str | None
    venue: str | None
    status: RecordStatus
    minutes_circulated_on: date | None
    attended: tuple[str, ...]
    apologies: tuple[str, ...]


@dataclass(frozen=True)
class PlanVersionSummary:
    version_id: str
    number: int
    made_on: date
    made_by: str | None
    reason: str
    status: RecordStatus


@dataclass(frozen=True)
class NextDates:
    """What falls due next on the plan (None: not required or not known)."""

    next_visit_due: date | None
    next_seen_alone_due: date | None
    next_core_group_due: date | None
    next_review_due: date | None


@dataclass(frozen=True)
class ChildRecord:
    """Everything the child's screen shows, read in one unit of work."""

    child_id: str
    case_number: str
    name: str
    known_as: str | None
    date_of_birth: date | None
    expected_date_of_birth: date | None
    age: str  # "3 years" or "unborn, due Tue 6 Jan 2027"
    address: str | None
    lead_worker: str | None
    worker_title: str  # the profile's words: "Lead Social Worker", "Key Worker"
    plan_name: str  # the profile's words: "child protection plan"
    plan: PlanSummary | None
    visits: tuple[VisitSummary, ...]  # newest first
    conferences: tuple[ConferenceSummary, ...]  # newest first
    members: tuple[CoreGroupMemberSummary, ...]
    meetings: tuple[MeetingSummary, ...]  # newest due date first
    versions: tuple[PlanVersionSummary, ...]  # newest first
    next_dates: NextDates
    alerts: tuple[Alert, ...]  # most serious first
