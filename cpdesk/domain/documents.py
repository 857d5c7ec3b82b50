"""The printed documents as plain records: what each PDF says, built by services/documents.py
and drawn by cpdesk/reports/. Also the one pure rule the review report needs: visit gaps
against the plan's interval.

Frozen dataclasses only, with texts already in the profile's words and dates as `date`s (the
renderer formats them as "Tue 6 Jan 2027"). No SQLAlchemy, no ReportLab, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from cpdesk.domain.enums import IntervalUnit
from cpdesk.domain.working_days import WorkingCalendar

MARKING = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class DocumentHeader:
    """What every page of a document carries, and the wording of the profile it was made under.

    `child_name`/`case_number` are None only on a caseload document (compliance), which names
    its `scope` instead ("North team", "All teams").
    """

    title: str  # "Child protection plan"
    child_name: str | None
    case_number: str | None
    printed_on: date
    printed_by: str
    worker_title: str  # "Lead Social Worker" / "Key Worker"
    plan_name: str  # "child protection plan"
    conference_name: str  # "child protection conference"
    authority: str = ""  # the profile's display name
    scope: str | None = None
    marking: str = MARKING

    @property
    def subject_line(self) -> str:
        """'Amy Smith, case number CP-0001' (or the scope of a caseload document)."""
        if self.child_name is None:
            return self.scope or ""
        return f"{self.child_name}, case number {self.case_number}"


# --- shared parts ------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildDetails:
    name: str
    known_as: str | None
    date_of_birth: date | None
    expected_date_of_birth: date | None
    age: str  # "7 years", "unborn, due Tue 6 Jan 2027"
    gender: str
    address: str | None
    preferred_language: str | None


@dataclass(frozen=True)
class FamilyLine:
    name: str
    relationship: str
    parental_responsibility: bool
    lives_with_child: bool


@dataclass(frozen=True)
class ActionLine:
    action_id: str
    number: str  # "1.2": outcome 1, action 2
    what: str
    why: str | None
    who: str | None
    by_when: date | None
    status: str  # "Not started", "In progress", "Done", "Not done"


@dataclass(frozen=True)
class OutcomeLine:
    outcome_id: str
    number: int
    description: str
    origin: str  # "Agreed at conference" / "Added by the core group"
    progress_measure: str | None
    actions: tuple[ActionLine, ...]


@dataclass(frozen=True)
class MemberLine:
    member_id: str
    name: str
    family: bool  # a family member rather than a professional
    agency: str | None
    job_title: str | None
    role_in_plan: str | None
    contact_frequency: str | None
    phone: str | None
    email: str | None
    excluded: bool = False

    @property
    def role(self) -> str:
        """'Health visitor, Northbridge NHS Trust' (job title and agency, either may be absent)."""
        return ", ".join(p for p in (self.job_title, self.agency) if p) or (
            "Family" if self.family else "Professional")


@dataclass(frozen=True)
class DisagreementLine:
    recorded_on: date
    who: str
    about: str


@dataclass(frozen=True)
class SignatureLine:
    """A manager's countersignature (or a return to the author) of a record."""

    manager: str
    signed_at: datetime
    decision: str  # "Countersigned" / "Returned to the author"
    comment: str | None


@dataclass(frozen=True)
class AddendumLine:
    written_at: datetime
    author: str
    text: str


@dataclass(frozen=True)
class VersionLine:
    number: int
    made_on: date
    made_by: str | None
    reason: str


# --- 1 and 6: the plan and the written agreement --------------------------------------------


@dataclass(frozen=True)
class PlanDocument:
    header: DocumentHeader
    child: ChildDetails
    family: tuple[FamilyLine, ...]
    category: str
    start_date: date
    lead_worker: str | None
    manager: str | None
    conference_chair: str | None
    lead_statutory_body: str | None
    version: VersionLine | None  # None: no version saved yet
    countersigned: SignatureLine | None
    concerns: tuple[str, ...]
    outcomes: tuple[OutcomeLine, ...]
    danger_statements: tuple[tuple[str, str | None], ...]  # Signs of Safety (statement, goal)
    contingency_plan: str | None
    when_child_seen: str | None
    visit_frequency: str  # "At least every 14 days; seen alone at least every 14 days"
    developmental_needs: str | None
    therapeutic_services: str | None
    review_points: str | None
    family_involvement: str | None
    next_review_date: date | None
    members: tuple[MemberLine, ...]
    disagreements: tuple[DisagreementLine, ...]
    childs_copy: str | None


@dataclass(frozen=True)
class ChildsCopyDocument:
    """The child's own copy: plain words, large type (002 section 3)."""

    header: DocumentHeader
    first_name: str
    paragraphs: tuple[str, ...]
    worker_name: str | None
    helpers: tuple[tuple[str, str], ...]  # (name, what they do, in plain words)
    next_meeting: date | None


@dataclass(frozen=True)
class AgreementDocument:
    """The written agreement from the plan, to be signed by every core group member (003)."""

    header: DocumentHeader
    child: ChildDetails
    start_date: date
    version: VersionLine | None
    lead_worker: str | None
    concerns: tuple[str, ...]
    outcomes: tuple[OutcomeLine, ...]
    contingency_plan: str | None
    when_child_seen: str | None
    members: tuple[MemberLine, ...]  # every current member signs, including the lead worker
    next_review_date: date | None


# --- 3: visit records ---------------------------------------------------------------------


@dataclass(frozen=True)
class ObservationLine:
    concern: str
    observation: str | None
    risk_trend: str | None  # "Increased", "The same", "Reduced"


@dataclass(frozen=True)
class VisitLine:
    visit_id: str
    visit_date: date | None
    start_time: time | None
    visit_type: str | None  # "Announced" / "Unannounced"
    status: str  # "Final", "Draft (not finalised)", "Voided"
    author: str | None
    finalised_at: datetime | None
    void_reason: str | None
    present: str | None
    others_visited: tuple[str, ...]  # brothers and sisters visited at the same time
    delegated_to: str | None
    delegation_agreed_by: str | None
    child_seen: bool | None
    not_seen_reason: str | None
    seen_alone: bool | None
    not_seen_alone_reason: str | None
    seen_awake: bool | None
    bedroom_seen: bool | None
    sleeping_arrangements: str | None
    meals: str | None
    presentation_and_behaviour: str | None
    wishes_and_feelings: str | None
    new_incidents: bool | None
    incident_details: str | None
    injury_location: str | None
    observations: tuple[ObservationLine, ...]
    next_planned_visit: date | None
    addenda: tuple[AddendumLine, ...]
    countersignatures: tuple[SignatureLine, ...]


@dataclass(frozen=True)
class VisitRecordDocument:
    header: DocumentHeader
    date_from: date | None
    date_to: date | None
    visits: tuple[VisitLine, ...]


# --- 4 and 5: the core group pro forma and minutes ------------------------------------------


@dataclass(frozen=True)
class ProgressRow:
    """One outcome or one action of the plan, with progress recorded against it (if any)."""

    number: str  # "1" for an outcome, "1.2" for an action
    is_outcome: bool
    text: str
    who: str | None
    by_when: date | None
    status: str | None
    progress: str | None


@dataclass(frozen=True)
class AttendanceLine:
    name: str
    role: str
    attended: bool | None  # None: not yet known (a blank pro forma)
    apologies: bool | None
    summary_of_involvement: str | None


@dataclass(frozen=True)
class MeetingDetails:
    meeting_id: str | None  # None: a meeting due but not yet scheduled
    number: int  # the n-th core group meeting of this plan
    due_date: date
    scheduled_for: datetime | None
    held_on: date | None
    chair: str | None
    venue: str | None
    status: str  # "Not yet held", "Draft", "Final", "Voided"

    @property
    def meeting_date(self) -> date:
        if self.held_on is not None:
            return self.held_on
        if self.scheduled_for is not None:
            return self.scheduled_for.date()
        return self.due_date


@dataclass(frozen=True)
class ProFormaDocument:
    """The core group pro forma (002 section 4, 6.5): blank before a meeting, filled after."""

    header: DocumentHeader
    meeting: MeetingDetails
    lead_worker: str | None
    version: VersionLine | None
    next_review_date: date | None
    rows: tuple[ProgressRow, ...]
    attendance: tuple[AttendanceLine, ...]
    decisions: str | None
    changes_to_plan: str | None
    disagreements: tuple[DisagreementLine, ...]
    next_meeting_date: date | None

    @property
    def filled(self) -> bool:
        return self.meeting.held_on is not None


@dataclass(frozen=True)
class MinutesDocument:
    """The minutes of a held core group meeting, disagreements drawn out (002 section 6.5)."""

    header: DocumentHeader
    meeting: MeetingDetails
    lead_worker: str | None
    author: str | None
    version: VersionLine | None
    next_review_date: date | None
    attendance: tuple[AttendanceLine, ...]
    rows: tuple[ProgressRow, ...]
    decisions: str | None
    changes_to_plan: str | None
    disagreements: tuple[DisagreementLine, ...]
    next_meeting_date: date | None
    minutes_circulated_on: date | None
    minutes_due: date
    addenda: tuple[AddendumLine, ...]
    countersignatures: tuple[SignatureLine, ...]


# --- 7: the core group's report for the review conference ---------------------------------


@dataclass(frozen=True)
class OutcomeProgress:
    outcome: OutcomeLine
    progress: tuple[tuple[date, str, str], ...]  # (meeting date, "1.2" or "1", progress)


@dataclass(frozen=True)
class VisitGap:
    """A stretch longer than the plan allows between two visits (or up to the report date)."""

    after: date  # the visit (or plan start) the gap runs from
    until: date  # the next visit, or the end of the period when none yet
    due: date  # when the next visit was due
    days: int  # calendar days from `after` to `until`
    still_open: bool  # no visit yet


@dataclass(frozen=True)
class VisitsSummary:
    visits: int  # final visits in the period
    seen: int
    not_seen: int
    seen_alone: int
    seen_awake: int
    bedroom_seen: int
    last_bedroom_seen: date | None
    interval_text: str  # "every 14 days"
    seen_alone_interval_text: str
    gaps: tuple[VisitGap, ...]
    seen_alone_gaps: tuple[VisitGap, ...]


@dataclass(frozen=True)
class MeetingAttendanceRow:
    held_on: date
    attended: tuple[str, ...]
    apologies: tuple[str, ...]
    absent: tuple[str, ...]  # invited members neither attending nor sending apologies


@dataclass(frozen=True)
class MemberAttendance:
    name: str
    role: str
    attended: int
    apologies: int
    meetings: int  # meetings held while they were a member


@dataclass(frozen=True)
class IncidentLine:
    visit_date: date
    details: str
    injury_location: str | None


@dataclass(frozen=True)
class ReviewReportDocument:
    header: DocumentHeader
    child: ChildDetails
    category: str
    start_date: date
    lead_worker: str | None
    period_from: date
    period_to: date
    review_due: date | None
    version: VersionLine | None
    outcomes: tuple[OutcomeProgress, ...]
    visits: VisitsSummary
    meetings: tuple[MeetingAttendanceRow, ...]
    members: tuple[MemberAttendance, ...]
    incidents: tuple[IncidentLine, ...]
    disagreements: tuple[DisagreementLine, ...]


# --- 8: caseload compliance ---------------------------------------------------------------


@dataclass(frozen=True)
class ComplianceAlert:
    severity: str  # "Urgent", "Overdue", "Due soon"
    due: date
    days_overdue: int
    message: str


@dataclass(frozen=True)
class CompliancePlan:
    case_number: str
    child_name: str
    lead_worker: str | None
    start_date: date
    alerts: tuple[ComplianceAlert, ...]


@dataclass(frozen=True)
class ComplianceDocument:
    header: DocumentHeader
    as_of: date
    plans: tuple[CompliancePlan, ...]  # every open plan in scope, worst first

    def count(self, severity: str) -> int:
        return sum(1 for p in self.plans for a in p.alerts if a.severity == severity)


# --- the review report's gap rule ---------------------------------------------------------


def interval_text(n: int, unit: IntervalUnit) -> str:
    """'every 14 days' / 'every 10 working days'."""
    word = "working day" if unit is IntervalUnit.WORKING_DAYS else "day"
    return f"every {n} {word}{'' if n == 1 else 's'}"


def visit_gaps(
    dates: list[date], start: date, end: date, n: int, unit: IntervalUnit,
    calendar: WorkingCalendar,
) -> tuple[VisitGap, ...]:
    """Each stretch in [start, end] where the next visit came later than `n` `unit` after the
    previous one (the first measured from `start`), and the open stretch up to `end` when the
    next visit is already overdue on `end`."""
    gaps: list[VisitGap] = []
    previous = start
    for day in sorted(d for d in set(dates) if start <= d <= end):
        due = calendar.add_interval(previous, n, unit)
        if day > due:
            gaps.append(VisitGap(previous, day, due, (day - previous).days, False))
        previous = day
    due = calendar.add_interval(previous, n, unit)
    if end > due:
        gaps.append(VisitGap(previous, end, due, (end - previous).days, True))
    return tuple(gaps)
