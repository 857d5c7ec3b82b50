"""Record consistency checks across plan histories: things that cannot be right in a case
record (issue 3), reported as `Breach`es for an administrator to correct. Never reads the clock.

Rules (`Breach.rule`):
- same_day_start_end: a plan that starts and ends on the same day;
- ends_before_start: a plan that ends before it starts;
- overlapping_plans: one child with two open plans, or two plans whose dates overlap (a plan
  may start on the day the previous one ended);
- start_not_initial_conference: plan start differs from the initial conference date;
- review_before_start: a review conference on or before the plan start;
- conference_not_working_day: an initial conference on a weekend or bank holiday;
- late_initial_conference: the initial conference more than N working days after the strategy
  discussion (N from the profile, Working Together: 15) with no reason recorded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cpdesk.domain.dates import format_date as fd
from cpdesk.domain.working_days import WorkingCalendar


@dataclass(frozen=True)
class PlanHistory:
    child_id: str
    case_number: str
    plan_id: str
    start_date: date
    end_date: date | None
    initial_conference_date: date | None
    strategy_discussion_date: date | None
    late_conference_reason: str
    review_conference_dates: tuple[date, ...] = ()


@dataclass(frozen=True)
class Breach:
    case_number: str
    plan_id: str
    rule: str
    message: str


def check_consistency(
    histories: Iterable[PlanHistory],
    calendar: WorkingCalendar,
    conference_within_working_days: int = 15,
) -> list[Breach]:
    """Every breach found, ordered by case number, plan and rule."""
    histories = list(histories)
    out: list[Breach] = []
    for h in histories:
        def add(rule: str, message: str, h: PlanHistory = h) -> None:
            out.append(Breach(h.case_number, h.plan_id, rule, message))

        if h.end_date is not None and h.end_date == h.start_date:
            add("same_day_start_end",
                f"The plan starts and ends on the same day, {fd(h.start_date)}.")
        if h.end_date is not None and h.end_date < h.start_date:
            add("ends_before_start",
                f"The plan ends on {fd(h.end_date)}, before it starts on {fd(h.start_date)}.")
        if h.initial_conference_date is not None and h.initial_conference_date != h.start_date:
            add("start_not_initial_conference",
                f"The plan starts on {fd(h.start_date)} but the initial conference was on "
                f"{fd(h.initial_conference_date)}; a plan starts at its initial conference.")
        for review in h.review_conference_dates:
            if review <= h.start_date:
                add("review_before_start",
                    f"A review conference on {fd(review)} is on or before the plan start, "
                    f"{fd(h.start_date)}.")
        conference = h.initial_conference_date
        if conference is not None and not calendar.is_working_day(conference):
            add("conference_not_working_day",
                f"The initial conference on {fd(conference)} is not a working day.")
        if conference is not None and h.strategy_discussion_date is not None:
            gap = calendar.working_days_between(h.strategy_discussion_date, conference)
            if gap > conference_within_working_days and not h.late_conference_reason.strip():
                add("late_initial_conference",
                    f"The initial conference was {gap} working days after the strategy "
                    f"discussion on {fd(h.strategy_discussion_date)} (the limit is "
                    f"{conference_within_working_days}); record the reason for the delay.")

    by_child: dict[str, list[PlanHistory]] = defaultdict(list)
    for h in histories:
        by_child[h.child_id].append(h)
    for plans in by_child.values():
        plans.sort(key=lambda p: (p.start_date, p.plan_id))
        for i, a in enumerate(plans):
            for b in plans[i + 1:]:
                if a.end_date is None and b.end_date is None:
                    message = (f"The child has two open plans, from {fd(a.start_date)} and "
                               f"{fd(b.start_date)}.")
                elif a.end_date is None or b.start_date < a.end_date:
                    message = (f"The plan from {fd(a.start_date)} overlaps the plan from "
                               f"{fd(b.start_date)}.")
                else:
                    continue
                out.append(Breach(b.case_number, b.plan_id, "overlapping_plans", message))
    return sorted(out, key=lambda x: (x.case_number, x.plan_id, x.rule))
