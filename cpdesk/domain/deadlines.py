"""When each duty on a child's plan next falls due, from `PlanFacts` and a `Profile`.

Rules (procedure lines in resources/profiles/england-default.toml):
- visit: last final visit (or the plan start) + visit interval; the conference's interval on
  the plan overrides the profile's.
- seen alone: last seen alone (or the plan start) + the profile's seen-alone interval; for a
  baby under one on that due date, being seen awake counts too. None for an unborn child.
- bedroom (where the profile requires it): due by the next review conference unless seen since
  the latest conference (then None).
- core group: the first within `first_core_group_within` of the plan start; later ones the
  core group interval (plan's, else profile's) after the last held; a meeting already
  scheduled earlier than that brings the due date forward.
- minutes: held date + `minutes_within`.
- review conference: the first within `first_review_within_months` of the start, later ones
  `review_interval_months` after the latest conference, or the date the last conference set if
  that is earlier.
- write-up: a draft visit is due to be finalised `visit_write_up_working_days` after the visit.
- countersignature: `countersign_within_working_days` after the record was finalised.

Plain Python: never reads the clock.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from cpdesk.domain.dates import add_months, is_under_one
from cpdesk.domain.enums import IntervalUnit
from cpdesk.domain.profiles import Profile
from cpdesk.domain.records import Deadlines, PlanFacts
from cpdesk.domain.working_days import WorkingCalendar, calendar_for


@lru_cache(maxsize=8192)
def _working_days_after(calendar: WorkingCalendar, d: date, n: int) -> date:
    """`calendar.add_working_days(d, n)`, remembered: an authority's ~20,000 pending
    countersignatures fall on a few hundred dates (issue 10)."""
    return calendar.add_working_days(d, n)


def visit_interval(facts: PlanFacts, profile: Profile) -> tuple[int, IntervalUnit]:
    """The plan's own visit interval when the conference set one, else the profile's."""
    if facts.visit_interval is not None and facts.visit_interval_unit is not None:
        return facts.visit_interval, IntervalUnit(facts.visit_interval_unit)
    return profile.visit_interval, profile.visit_interval_unit


def core_group_interval(facts: PlanFacts, profile: Profile) -> tuple[int, IntervalUnit]:
    """The plan's own core group interval when the conference set one, else the profile's."""
    if facts.core_group_interval is not None and facts.core_group_interval_unit is not None:
        return facts.core_group_interval, IntervalUnit(facts.core_group_interval_unit)
    return profile.core_group_interval, profile.core_group_interval_unit


def next_visit_due(facts: PlanFacts, profile: Profile, calendar: WorkingCalendar) -> date:
    n, unit = visit_interval(facts, profile)
    return calendar.add_interval(facts.last_visit_date or facts.start_date, n, unit)


def next_seen_alone_due(
    facts: PlanFacts, profile: Profile, calendar: WorkingCalendar
) -> tuple[date | None, bool]:
    """(due date, whether seen awake counts because the child is a baby on that date)."""
    if facts.is_unborn:
        return None, False
    n, unit = profile.seen_alone_interval, profile.seen_alone_interval_unit
    alone_base = facts.last_seen_alone_date or facts.start_date
    if profile.baby_seen_awake and facts.date_of_birth is not None:
        awake_base = max(alone_base, facts.last_seen_awake_date or alone_base)
        due_awake = calendar.add_interval(awake_base, n, unit)
        if is_under_one(facts.date_of_birth, due_awake):
            return due_awake, True
    return calendar.add_interval(alone_base, n, unit), False


def next_core_group_due(facts: PlanFacts, profile: Profile, calendar: WorkingCalendar) -> date:
    if facts.core_groups_held <= 0 or facts.last_core_group_held is None:
        due = calendar.add_interval(
            facts.start_date, profile.first_core_group_within, profile.first_core_group_within_unit
        )
    else:
        n, unit = core_group_interval(facts, profile)
        due = calendar.add_interval(facts.last_core_group_held, n, unit)
    if facts.next_core_group_scheduled is not None and facts.next_core_group_scheduled < due:
        due = facts.next_core_group_scheduled
    return due


def next_review_due(facts: PlanFacts, profile: Profile) -> date:
    if facts.review_conferences_held <= 0:
        due = add_months(facts.start_date, profile.first_review_within_months)
    else:
        latest = facts.latest_conference_date or facts.start_date
        due = add_months(latest, profile.review_interval_months)
    if facts.next_review_date_set is not None and facts.next_review_date_set < due:
        due = facts.next_review_date_set
    return due


def bedroom_due(facts: PlanFacts, profile: Profile, review_due: date) -> date | None:
    if not profile.bedroom_seen_between_conferences or facts.is_unborn:
        return None
    since = facts.latest_conference_date or facts.start_date
    if facts.last_bedroom_seen_date is not None and facts.last_bedroom_seen_date >= since:
        return None
    return review_due


def deadlines_for(
    facts: PlanFacts, profile: Profile, today: date, calendar: WorkingCalendar | None = None
) -> Deadlines:
    """Every deadline on the plan. `calendar` defaults to the profile nation's shared one."""
    cal = calendar or calendar_for(profile.nation)
    seen_alone, awake = next_seen_alone_due(facts, profile, cal)
    review = next_review_due(facts, profile)
    return Deadlines(
        next_visit_due=next_visit_due(facts, profile, cal),
        next_seen_alone_due=seen_alone,
        seen_alone_means_awake=awake,
        bedroom_due=bedroom_due(facts, profile, review),
        next_core_group_due=next_core_group_due(facts, profile, cal),
        minutes_due=tuple(
            (meeting_id,
             cal.add_interval(held, profile.minutes_within, profile.minutes_within_unit))
            for meeting_id, held in facts.minutes_pending
        ),
        next_review_due=review,
        overdue_actions=tuple(a for a in facts.open_actions if a[2] < today),
        write_up_due=tuple(
            (visit_id, visited,
             _working_days_after(cal, visited, profile.visit_write_up_working_days))
            for visit_id, visited in facts.draft_visits
        ),
        countersign_due=tuple(
            (kind, record_id, done,
             _working_days_after(cal, done, profile.countersign_within_working_days))
            for kind, record_id, done in facts.pending_countersign
        ),
    )
