"""The core group's practice rules and records: members, meetings, what is recorded at a meeting,
and the calendar items built from them (002 sections 4 and 6; 003).

- The first core group is due within the profile's `first_core_group_within` of the initial
  conference (England: 10 working days; Scotland: 15), later ones the core group interval
  (the conference's, else the profile's) after the last one held (002 6.3, 6.4).
- A meeting may be moved, but moving it past its due date needs a reason.
- A member who sends apologies must give a written summary of their involvement with the family
  since the last core group meeting (002 6.7).
- A parent excluded from the core group must be told of its discussions and outcomes (002 s4).

Records here are frozen and plain: services fill them, the UI reads them. No Qt, no SQLAlchemy,
no clock (callers pass `today`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import IntervalUnit, MemberKind, RecordStatus
from cpdesk.domain.profiles import Profile
from cpdesk.domain.visit_validation import FieldIssue
from cpdesk.domain.working_days import WorkingCalendar

__all__ = [
    "AttendanceRecord", "CalendarItem", "CalendarKind", "DisagreementRecord", "FieldIssue",
    "MeetingDetail", "MeetingRecord", "MemberDraft", "MemberRecord", "OutcomeLine",
    "ProgressRecord", "check_meeting_move", "check_meeting_record", "check_member",
    "excluded_parent_reminder", "first_core_group_due", "minutes_due", "next_core_group_due",
]


# --- records -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberDraft:
    """What the worker types for a core group member (add or change)."""

    name: str = ""
    kind: MemberKind = MemberKind.PROFESSIONAL
    agency: str = ""
    job_title: str = ""
    role_in_plan: str = ""
    contact_frequency: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    excluded: bool = False
    excluded_reason: str = ""
    joined_on: date | None = None
    agreement_signed_on: date | None = None


@dataclass(frozen=True)
class MemberRecord:
    """A member of a child's core group, as stored."""

    member_id: str
    plan_id: str
    name: str
    kind: MemberKind
    agency: str | None
    job_title: str | None
    role_in_plan: str | None
    contact_frequency: str | None
    phone: str | None
    email: str | None
    address: str | None
    excluded: bool
    excluded_reason: str | None
    joined_on: date | None
    left_on: date | None
    agreement_signed_on: date | None
    revision: int

    def is_current(self, today: date) -> bool:
        """Still a member on `today` (ended members stay on the record, marked as left)."""
        return self.left_on is None or self.left_on > today

    @property
    def is_excluded_parent(self) -> bool:
        return self.excluded and self.kind is MemberKind.FAMILY

    @property
    def contact(self) -> str:
        """Phone and email on one line, for the members table."""
        return ", ".join(p for p in (self.phone, self.email) if p)

    def to_draft(self) -> MemberDraft:
        return MemberDraft(
            name=self.name, kind=self.kind, agency=self.agency or "",
            job_title=self.job_title or "", role_in_plan=self.role_in_plan or "",
            contact_frequency=self.contact_frequency or "", phone=self.phone or "",
            email=self.email or "", address=self.address or "", excluded=self.excluded,
            excluded_reason=self.excluded_reason or "", joined_on=self.joined_on,
            agreement_signed_on=self.agreement_signed_on,
        )


@dataclass(frozen=True)
class AttendanceRecord:
    """One person at one meeting: attended, or sent apologies with their summary (002 6.7)."""

    name: str
    attended: bool = False
    apologies: bool = False
    summary_of_involvement: str = ""
    member_id: str | None = None


@dataclass(frozen=True)
class ProgressRecord:
    """Progress against one outcome or one action of the current plan."""

    progress: str
    outcome_id: str | None = None
    action_id: str | None = None
    label: str = ""  # the outcome's or action's words, for reading back


@dataclass(frozen=True)
class DisagreementRecord:
    """A disagreement with the plan, recorded specifically (002 6.5; 003)."""

    who: str
    about: str


@dataclass(frozen=True)
class OutcomeLine:
    """An outcome or action of the current plan that progress is recorded against."""

    label: str
    outcome_id: str | None = None
    action_id: str | None = None

    @property
    def is_outcome(self) -> bool:
        return self.action_id is None


@dataclass(frozen=True)
class MeetingRecord:
    """What the worker records about a meeting that was held."""

    held_on: date | None = None
    chair: str = ""
    venue: str = ""
    attendance: tuple[AttendanceRecord, ...] = ()
    progress: tuple[ProgressRecord, ...] = ()
    decisions: str = ""
    disagreements: tuple[DisagreementRecord, ...] = ()
    changes_to_plan: str = ""
    next_meeting_date: date | None = None
    # Needed when the next meeting is set later than the core group interval allows.
    next_meeting_reason: str = ""
    minutes_circulated_on: date | None = None


@dataclass(frozen=True)
class MeetingDetail:
    """A core group meeting as stored: arranged, or held and recorded."""

    meeting_id: str
    plan_id: str
    due_date: date
    scheduled_for: datetime | None  # timezone-aware; None: only the due date is known
    moved_reason: str | None
    held_on: date | None
    chair: str | None
    venue: str | None
    decisions: str | None
    changes_to_plan: str | None
    next_meeting_date: date | None
    minutes_circulated_on: date | None
    minutes_due: date | None  # held meetings only
    status: RecordStatus
    revision: int
    attendance: tuple[AttendanceRecord, ...] = ()
    progress: tuple[ProgressRecord, ...] = ()
    disagreements: tuple[DisagreementRecord, ...] = ()

    @property
    def meeting_date(self) -> date:
        """The date it was held, else the date it is arranged for, else its due date."""
        if self.held_on is not None:
            return self.held_on
        if self.scheduled_for is not None:
            return self.scheduled_for.date()
        return self.due_date

    @property
    def is_held(self) -> bool:
        return self.held_on is not None

    def is_overdue(self, today: date) -> bool:
        """Not held and past its due date."""
        return self.held_on is None and today > self.due_date

    def minutes_overdue(self, today: date) -> bool:
        return (self.minutes_due is not None and self.minutes_circulated_on is None
                and today > self.minutes_due)


class CalendarKind(StrEnum):
    CORE_GROUP = "core_group"
    REVIEW_CONFERENCE = "review_conference"
    VISIT_DONE = "visit_done"
    VISIT_DUE = "visit_due"

    @property
    def label(self) -> str:
        return {"core_group": "Core group", "review_conference": "Conference",
                "visit_done": "Visit", "visit_due": "Visit due"}[self.value]


@dataclass(frozen=True)
class CalendarItem:
    """One thing on the calendar. `title` never holds the child's name (calendars sync to
    phones); `summary()` adds the case number and, only when asked, the child's initials."""

    kind: CalendarKind
    date: date
    child_id: str
    case_number: str
    child_initials: str
    title: str
    overdue: bool
    record_id: str
    starts_at: datetime | None = None  # a meeting arranged for a time, timezone-aware
    plan_id: str | None = None
    done: bool = False  # held / visited: a record of what happened, not a duty
    # What the UID is built from when not the record itself (the plan's next core group).
    uid_base: str | None = None

    @property
    def uid(self) -> str:
        """Stable across exports, so re-importing a calendar file updates its events."""
        return f"{self.uid_base or self.record_id}-{self.kind.value}@cpdesk"

    @property
    def status_text(self) -> str:
        if self.overdue:
            return "Overdue"
        return "Done" if self.done else "Due"

    def summary(self, include_initials: bool = False) -> str:
        prefix = "Overdue: " if self.overdue else ""
        who = self.case_number
        if include_initials and self.child_initials:
            who = f"{who} ({self.child_initials})"
        return f"{prefix}{self.title}, {who}"


def initials(given_names: str, family_name: str) -> str:
    """'Amy Jane', 'Smith' -> 'AJS'."""
    parts = f"{given_names} {family_name}".split()
    return "".join(p[0].upper() for p in parts if p)


# --- due dates -----------------------------------------------------------------------------


def first_core_group_due(
    conference_date: date, profile: Profile, calendar: WorkingCalendar
) -> date:
    """The first core group is due within the profile's limit of the initial conference."""
    return calendar.add_interval(
        conference_date, profile.first_core_group_within, profile.first_core_group_within_unit
    )


def next_core_group_due(
    last_held: date, interval: tuple[int, IntervalUnit] | None, profile: Profile,
    calendar: WorkingCalendar,
) -> date:
    """The next meeting after one held on `last_held`: the conference's interval when it set
    one (`interval`), else the profile's."""
    n, unit = interval or (profile.core_group_interval, profile.core_group_interval_unit)
    return calendar.add_interval(last_held, n, unit)


def minutes_due(held_on: date, profile: Profile, calendar: WorkingCalendar) -> date:
    """Full minutes are circulated within the profile's limit of the meeting (002 6.5)."""
    return calendar.add_interval(held_on, profile.minutes_within, profile.minutes_within_unit)


# --- checks --------------------------------------------------------------------------------


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def check_meeting_move(
    due: date, new_date: date | None, reason: str, today: date | None = None,
    field_name: str = "new_date", reason_field: str = "reason",
) -> list[FieldIssue]:
    """A meeting can be arranged for any date from today; past its due date it needs a reason."""
    if new_date is None:
        return [FieldIssue(field_name, "Enter the date of the meeting")]
    issues: list[FieldIssue] = []
    if today is not None and new_date < today:
        issues.append(FieldIssue(field_name, "Date of the meeting must be today or in the future"))
    if new_date > due and _blank(reason):
        issues.append(FieldIssue(
            reason_field,
            f"Enter why the meeting is later than its due date of {format_date(due)}",
        ))
    return issues


def check_meeting_record(
    record: MeetingRecord, today: date, *, outcomes: tuple[OutcomeLine, ...] = (),
    next_due: date | None = None,
) -> list[FieldIssue]:
    """Everything wrong with a meeting's record, in form order. Empty: it can be saved.

    `outcomes`: the current plan's outcomes; progress must be recorded against each of them
    (actions are optional). `next_due`: when the next meeting falls due by the interval, so a
    next meeting set later than that needs a reason.
    """
    issues: list[FieldIssue] = []
    held = record.held_on
    if held is None:
        issues.append(FieldIssue("held_on", "Enter the date the meeting was held"))
    elif held > today:
        issues.append(FieldIssue("held_on", "Date the meeting was held must be today or in the past"))
    if _blank(record.chair):
        issues.append(FieldIssue("chair", "Enter who chaired the meeting"))
    if not any(a.attended for a in record.attendance):
        issues.append(FieldIssue("attendance", "Enter who attended the meeting"))
    for i, a in enumerate(record.attendance):
        name = a.name.strip() or "this person"
        if _blank(a.name):
            issues.append(FieldIssue(f"attendance[{i}].name", "Enter the name of each person"))
        if a.attended and a.apologies:
            issues.append(FieldIssue(
                f"attendance[{i}].apologies",
                f"Select whether {name} attended or sent apologies, not both",
            ))
        elif a.apologies and _blank(a.summary_of_involvement):
            issues.append(FieldIssue(
                f"attendance[{i}].summary_of_involvement",
                f"Enter {name}'s summary of their involvement with the family since the last "
                "core group meeting",
            ))
    given = {(p.outcome_id, p.action_id) for p in record.progress if not _blank(p.progress)}
    for i, line in enumerate(outcomes):
        if line.is_outcome and (line.outcome_id, None) not in given:
            issues.append(FieldIssue(
                f"progress[{i}]", f"Enter progress against the outcome '{line.label.strip()}'"
            ))
    if _blank(record.decisions):
        issues.append(FieldIssue("decisions", "Enter the decisions made at the meeting"))
    for i, d in enumerate(record.disagreements):
        if _blank(d.who):
            issues.append(FieldIssue(f"disagreements[{i}].who", "Enter who disagreed"))
        if _blank(d.about):
            issues.append(FieldIssue(f"disagreements[{i}].about",
                                     "Enter what the disagreement is about"))
    if record.next_meeting_date is not None:
        if held is not None and record.next_meeting_date <= held:
            issues.append(FieldIssue(
                "next_meeting_date",
                "Date of the next meeting must be after the date this meeting was held",
            ))
        elif next_due is not None:
            issues.extend(check_meeting_move(
                next_due, record.next_meeting_date, record.next_meeting_reason,
                field_name="next_meeting_date", reason_field="next_meeting_reason",
            ))
    issues.extend(check_minutes_circulated(held, record.minutes_circulated_on, today))
    return issues


def check_minutes_circulated(
    held_on: date | None, circulated_on: date | None, today: date
) -> list[FieldIssue]:
    if circulated_on is None:
        return []
    if circulated_on > today:
        return [FieldIssue("minutes_circulated_on",
                           "Date the minutes were circulated must be today or in the past")]
    if held_on is not None and circulated_on < held_on:
        return [FieldIssue("minutes_circulated_on",
                           "Date the minutes were circulated must be on or after the date the "
                           "meeting was held")]
    return []


def check_member(draft: MemberDraft) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    if _blank(draft.name):
        issues.append(FieldIssue("name", "Enter the member's name"))
    if draft.excluded and _blank(draft.excluded_reason):
        issues.append(FieldIssue("excluded_reason",
                                 "Enter why this person is excluded from the core group"))
    if draft.email.strip() and "@" not in draft.email:
        issues.append(FieldIssue("email",
                                 "Enter an email address in the correct format, like "
                                 "name@example.org"))
    return issues


def check_member_end(joined_on: date | None, left_on: date | None) -> list[FieldIssue]:
    if left_on is None:
        return [FieldIssue("left_on", "Enter the date the member left the core group")]
    if joined_on is not None and left_on < joined_on:
        return [FieldIssue("left_on",
                           "Date the member left must be on or after the date they joined")]
    return []


def excluded_parent_reminder(members: list[MemberRecord] | tuple[MemberRecord, ...]) -> str:
    """The reminder after a meeting when a parent is excluded (002 s4); '' when none is."""
    names = [m.name for m in members if m.is_excluded_parent]
    if not names:
        return ""
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb = "is" if len(names) == 1 else "are"
    return (f"{who} {verb} excluded from the core group: tell them about the discussions and "
            "outcomes of this meeting, as appropriate to the child's welfare and safety.")


def meeting_time_text(starts_at: datetime | None) -> str:
    """'10:30' for a meeting arranged at a time; '' when only the date is known."""
    if starts_at is None:
        return ""
    local = starts_at
    if local.time() == time(0, 0):
        return ""
    return f"{local:%H:%M}"
