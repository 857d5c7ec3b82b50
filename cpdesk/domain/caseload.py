"""One row of a caseload: a child on a plan, their dates, and their most serious alert."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cpdesk.domain.alerts import seriousness
from cpdesk.domain.enums import AlertKind, Category, Severity


@dataclass(frozen=True)
class CaseloadRow:
    child_id: str
    plan_id: str
    case_number: str
    child_name: str
    date_of_birth: date | None
    expected_date_of_birth: date | None
    age: str  # "3 years", "7 months", "unborn, due Tue 6 Jan 2027"
    plan_start: date
    category: Category
    lead_worker_id: str | None
    lead_worker: str
    last_visit: date | None
    last_seen_alone: date | None
    next_visit_due: date | None
    next_core_group: date | None
    next_review_conference: date | None
    status: str  # the most serious alert in words ("Child not seen", "Visit overdue"), or ""
    severity: str | None  # "urgent" | "overdue" | "due_soon" | None
    alert_count: int
    has_draft_visit: bool
    # The worst alert's kind and lateness, so the caseload sorts rows as the alerts are sorted.
    worst_kind: AlertKind | None = None
    worst_days_overdue: int = 0
    # Where the row sorts by its status, worked out with the row (off the screen's thread), not
    # when a column header is clicked: most serious first in the alerts' own order, then the
    # most alerts; None for a row without alerts.
    status_rank: tuple[int, ...] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rank = None
        if self.severity and self.worst_kind is not None:
            rank = (*seriousness(Severity(self.severity), self.worst_kind,
                                 self.worst_days_overdue), -self.alert_count)
        object.__setattr__(self, "status_rank", rank)
