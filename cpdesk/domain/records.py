"""Read-only records the rules read: `PlanFacts` (one open plan, as the store sees it),
`Deadlines` (what falls due next) and `Alert` (something late or nearly late).

The store layer fills `PlanFacts` with set-based queries; the rules never query anything.

Each is a NamedTuple, not a frozen dataclass: as immutable, but a whole authority's alerts make
some 2,000 facts, 2,000 deadlines and 9,000 alerts at a time, and a frozen dataclass spends a
microsecond or more per field setting them one by one (issue 10: about 40 ms of 500).
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from cpdesk.domain.enums import AlertKind, Category, IntervalUnit, Severity

__all__ = ["Alert", "AlertKind", "Deadlines", "PlanFacts", "Severity"]


class PlanFacts(NamedTuple):
    """What the alert and deadline rules need to know about one child's plan."""

    plan_id: str
    child_id: str
    case_number: str
    child_name: str
    date_of_birth: date | None
    expected_date_of_birth: date | None
    lead_worker_id: str | None
    lead_worker_name: str | None
    team_id: str | None
    category: Category
    start_date: date  # = initial conference date
    end_date: date | None
    # set by the conference; when both are set they override the profile
    visit_interval: int | None
    visit_interval_unit: IntervalUnit | None
    core_group_interval: int | None
    core_group_interval_unit: IntervalUnit | None
    last_visit_date: date | None  # latest FINAL visit for this child
    last_visit_child_seen: bool | None  # was the child seen at that latest final visit
    last_seen_alone_date: date | None
    last_seen_awake_date: date | None
    last_bedroom_seen_date: date | None
    latest_conference_date: date | None  # initial or review
    review_conferences_held: int
    next_review_date_set: date | None  # date the last conference set for the next review
    core_groups_held: int
    last_core_group_held: date | None
    next_core_group_scheduled: date | None  # a scheduled, not yet held meeting
    minutes_pending: tuple[tuple[str, date], ...] = ()  # (meeting_id, held_date)
    draft_visits: tuple[tuple[str, date], ...] = ()  # (visit_id, visit date)
    open_actions: tuple[tuple[str, str, date], ...] = ()  # (action_id, what, by_when)
    pending_countersign: tuple[tuple[str, str, date], ...] = ()  # (kind, record id, finalised)
    plan_missing: tuple[str, ...] = ()  # from plan_completeness.missing_items

    @property
    def is_unborn(self) -> bool:
        """No date of birth yet, but an expected one: the plan is for an unborn baby."""
        return self.date_of_birth is None and self.expected_date_of_birth is not None


class Deadlines(NamedTuple):
    """When each duty on a plan next falls due (None: not required or not applicable)."""

    next_visit_due: date
    next_seen_alone_due: date | None  # None for an unborn child
    seen_alone_means_awake: bool  # a baby under one on the due date: seen awake counts
    bedroom_due: date | None  # None if the profile doesn't require it or it is done
    next_core_group_due: date
    minutes_due: tuple[tuple[str, date], ...]  # (meeting_id, due)
    next_review_due: date
    overdue_actions: tuple[tuple[str, str, date], ...]  # (action_id, what, by_when)
    write_up_due: tuple[tuple[str, date, date], ...] = ()  # (visit_id, visit date, due)
    countersign_due: tuple[tuple[str, str, date, date], ...] = ()  # (kind, id, finalised, due)


class Alert(NamedTuple):
    """One thing on a caseload that is late or nearly late, said in the profile's words."""

    kind: AlertKind
    severity: Severity
    child: str  # case number
    child_id: str
    child_name: str
    plan: str  # plan id
    due: date
    days_overdue: int  # calendar days past `due`; 0 when not late
    message: str
    record_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        """A plain dict for files and the CLI: enum values as strings, dates as ISO."""
        return {
            "kind": self.kind.value,
            "severity": self.severity.value,
            "child": self.child,
            "child_id": self.child_id,
            "child_name": self.child_name,
            "plan": self.plan,
            "record_id": self.record_id,
            "due": self.due.isoformat(),
            "days_overdue": self.days_overdue,
            "message": self.message,
        }
