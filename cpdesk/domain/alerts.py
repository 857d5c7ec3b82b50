"""Alerts: what on a plan is late (overdue), nearly late (due soon) or a serious breach
(urgent), each said in one sentence in the profile's words.

Severity: overdue when today is after the due date; due soon when the due date is today or
within the next `profile.due_soon_working_days` working days. Exceptions, by design:
- child_unseen is always urgent (002 s4: a child unseen is "a serious breach of the plan");
- visit_not_written_up is raised only once the draft is late (drafts are normal for a day or
  two, and a due-soon alert on every fresh draft would be noise);
- countersign_pending and plan_incomplete are raised for every pending item / missing part,
  due soon until their due date, then overdue. Countersigning is due 5 working days after the
  record was finalised (`countersign_within_working_days`, a local choice: 002 gives no
  timescale); a plan's missing parts are due by the first core group, which 002 s6.3 says
  completes the detail of the plan.
An ended plan (end date on or before today) raises nothing. Never reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from cpdesk.domain.dates import format_date
from cpdesk.domain.deadlines import deadlines_for
from cpdesk.domain.enums import AlertKind, CountersignSubject, Severity
from cpdesk.domain.profiles import Profile
from cpdesk.domain.records import Alert, Deadlines, PlanFacts
from cpdesk.domain.working_days import WorkingCalendar

# A whole authority raises some 25,000 alerts (issue 10): the few hundred distinct dates they
# name are formatted once each, and the sort key reads no enum properties (Severity.rank and
# `.value` are Python-level properties; a StrEnum member compares as its value already).
fd = lru_cache(maxsize=4096)(format_date)
_URGENT, _OVERDUE = Severity.URGENT, Severity.OVERDUE
assert (Severity.URGENT.rank, Severity.OVERDUE.rank, Severity.DUE_SOON.rank) == (0, 1, 2)


@lru_cache(maxsize=64)
def _too_far_to_be_due_soon(calendar: WorkingCalendar, today: date, window: int) -> date:
    """The first due date outside a due-soon window of `window` working days: the working days
    after today up to a due date count past `window` exactly from this day on. Worked out once
    per day rather than counted for each of an authority's ~25,000 due dates (issue 10)."""
    return calendar.add_working_days(today, window + 1)


def severity_for(
    due: date, today: date, profile: Profile, calendar: WorkingCalendar
) -> Severity | None:
    """Overdue, due soon (within `due_soon_working_days` working days of today), or None when
    the due date is further off than that."""
    return _severity(due, today,
                     _too_far_to_be_due_soon(calendar, today, profile.due_soon_working_days))


def _severity(due: date, today: date, too_far: date) -> Severity | None:
    """severity_for, given the day `_too_far_to_be_due_soon` works out."""
    if today > due:
        return Severity.OVERDUE
    if due < too_far:
        return Severity.DUE_SOON
    return None


def _days_overdue(due: date, today: date) -> int:
    return max(0, (today - due).days)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _countersign_subjects(profile: Profile) -> dict[str, str]:
    """What each kind of countersigned record is called, in the profile's words."""
    return _subject_names(profile.plan_name, profile.conference_name)


@lru_cache(maxsize=16)
def _subject_names(plan_name: str, conference_name: str) -> dict[str, str]:
    # read-only: shared by every plan with a record awaiting countersignature
    return {
        CountersignSubject.VISIT.value: "visit record",
        CountersignSubject.PLAN_VERSION.value: plan_name,
        CountersignSubject.CORE_GROUP_MINUTES.value: "core group minutes",
        CountersignSubject.REVIEW_REPORT.value: f"report for the review {conference_name}",
    }


def _countersign_subject(kind: str, names: dict[str, str]) -> str:
    name = names.get(kind)
    return name if name is not None else str(kind).replace("_", " ")


class _Builder:
    """Collects alerts for one plan, filling the fields every alert shares."""

    def __init__(self, facts: PlanFacts, today: date) -> None:
        self.facts = facts
        self.today = today
        self.alerts: list[Alert] = []

    def add(
        self, kind: AlertKind, severity: Severity, due: date, message: str,
        record_id: str | None = None,
    ) -> None:
        facts = self.facts
        # positional, in Alert's order: keywords cost more than making it (issue 10)
        self.alerts.append(Alert(
            kind, severity, facts.case_number, facts.child_id, facts.child_name,
            facts.plan_id, due, _days_overdue(due, self.today), message, record_id,
        ))


def alerts_for(
    facts: PlanFacts, profile: Profile, today: date, calendar: WorkingCalendar,
    deadlines: Deadlines | None = None,
) -> list[Alert]:
    """Every alert on one plan, sorted most serious first. `deadlines`: the plan's
    `deadlines_for(facts, profile, today, calendar)` when the caller has them already."""
    return sort_alerts(_plan_alerts(facts, profile, today, calendar, deadlines))


def alerts_for_plans(
    plans: Iterable[PlanFacts], profile: Profile, today: date, calendar: WorkingCalendar,
) -> list[Alert]:
    """Every alert on each of `plans`, most serious first (sorted once, all together)."""
    alerts: list[Alert] = []
    for facts in plans:
        alerts.extend(_plan_alerts(facts, profile, today, calendar, None))
    return sort_alerts(alerts)


def _plan_alerts(
    facts: PlanFacts, profile: Profile, today: date, calendar: WorkingCalendar,
    deadlines: Deadlines | None,
) -> list[Alert]:
    if facts.end_date is not None and facts.end_date <= today:
        return []
    if deadlines is None:
        deadlines = deadlines_for(facts, profile, today, calendar)
    out = _Builder(facts, today)
    conference = profile.conference_name
    too_far = _too_far_to_be_due_soon(calendar, today, profile.due_soon_working_days)

    def sev(due: date) -> Severity | None:
        return _severity(due, today, too_far)  # severity_for, its day worked out once a plan

    # Visits (002 s4: at most 2 weeks apart; an unborn baby's plan still needs visits).
    due = deadlines.next_visit_due
    if (s := sev(due)) is not None:
        since = (f"last visit {fd(facts.last_visit_date)}" if facts.last_visit_date
                 else f"no visit since the {conference} on {fd(facts.start_date)}")
        title = "Visit overdue" if s is Severity.OVERDUE else "Visit due soon"
        out.add(AlertKind.VISIT_OVERDUE, s, due, f"{title}: {since}, due by {fd(due)}.")

    # Seen alone, or a baby seen awake (002 s4; Sefton 4 weeks).
    if deadlines.next_seen_alone_due is not None:
        due = deadlines.next_seen_alone_due
        if (s := sev(due)) is not None:
            how = "seen awake" if deadlines.seen_alone_means_awake else "seen alone"
            last = facts.last_seen_alone_date
            if deadlines.seen_alone_means_awake and facts.last_seen_awake_date is not None:
                last = max(last or facts.last_seen_awake_date, facts.last_seen_awake_date)
            since = (f"last {how} {fd(last)}" if last
                     else f"not {how} since the {conference} on {fd(facts.start_date)}")
            title = f"Not {how}" if s is Severity.OVERDUE else f"{_capitalise(how)} due soon"
            out.add(AlertKind.NOT_SEEN_ALONE, s, due, f"{title}: {since}, due by {fd(due)}.")

    # Bedroom seen between conferences (Sefton 003).
    if deadlines.bedroom_due is not None:
        due = deadlines.bedroom_due
        if (s := sev(due)) is not None:
            latest = facts.latest_conference_date or facts.start_date
            title = "Bedroom not seen" if s is Severity.OVERDUE else "Bedroom to be seen soon"
            out.add(AlertKind.BEDROOM_NOT_SEEN, s, due,
                    f"{title}: not seen since the {conference} on {fd(latest)}, "
                    f"due by {fd(due)}.")

    # Child unseen at the latest visit: a serious breach (002 s4).
    if (facts.last_visit_child_seen is False and facts.last_visit_date is not None
            and not facts.is_unborn):
        when = facts.last_visit_date
        out.add(AlertKind.CHILD_UNSEEN, Severity.URGENT, when,
                f"Child not seen at the visit on {fd(when)}, a serious breach of the "
                f"{profile.plan_name}: discuss with your manager today.")

    # Visits not written up.
    for visit_id, visited, due in deadlines.write_up_due:
        if today > due:
            out.add(AlertKind.VISIT_NOT_WRITTEN_UP, Severity.OVERDUE, due,
                    f"Visit not written up: visit on {fd(visited)}, due by {fd(due)}.",
                    record_id=visit_id)

    # Core group (002 s6.3, s6.4).
    due = deadlines.next_core_group_due
    if (s := sev(due)) is not None:
        title = "Core group overdue" if s is Severity.OVERDUE else "Core group due soon"
        if facts.next_core_group_scheduled is not None and facts.next_core_group_scheduled == due:
            since = f"meeting arranged for {fd(due)}"
        elif facts.core_groups_held <= 0 or facts.last_core_group_held is None:
            unit = profile.first_core_group_within_unit.value.replace("_", " ")
            since = (f"first meeting within {profile.first_core_group_within} {unit} of the "
                     f"{conference} on {fd(facts.start_date)}")
        else:
            since = f"last met {fd(facts.last_core_group_held)}"
        out.add(AlertKind.CORE_GROUP_OVERDUE, s, due, f"{title}: {since}, due by {fd(due)}.")

    # Core group minutes (002 s6.5: within 15 days).
    held_on = dict(facts.minutes_pending)
    for meeting_id, due in deadlines.minutes_due:
        if (s := sev(due)) is not None:
            title = ("Core group minutes overdue" if s is Severity.OVERDUE
                     else "Core group minutes due soon")
            out.add(AlertKind.MINUTES_OVERDUE, s, due,
                    f"{title}: meeting on {fd(held_on[meeting_id])}, due by {fd(due)}.",
                    record_id=meeting_id)

    # Review conference (Working Together: 3 months, then 6).
    due = deadlines.next_review_due
    if (s := sev(due)) is not None:
        title = f"Review {conference} " + ("overdue" if s is Severity.OVERDUE else "due soon")
        latest = facts.latest_conference_date or facts.start_date
        out.add(AlertKind.REVIEW_CONFERENCE_DUE, s, due,
                f"{title}: last {conference} on {fd(latest)}, due by {fd(due)}.")

    # Actions in the plan.
    for action_id, what, by_when in facts.open_actions:
        if (s := sev(by_when)) is not None:
            title = "Action overdue" if s is Severity.OVERDUE else "Action due soon"
            out.add(AlertKind.ACTION_OVERDUE, s, by_when,
                    f"{title}: '{what.strip()}', due by {fd(by_when)}.", record_id=action_id)

    # Countersigning by the manager (002 s5).
    subjects = _countersign_subjects(profile) if deadlines.countersign_due else {}
    for kind, record_id, finalised, due in deadlines.countersign_due:
        s = Severity.OVERDUE if today > due else Severity.DUE_SOON
        title = ("Countersignature overdue" if s is Severity.OVERDUE
                 else "Waiting for countersignature")
        out.add(AlertKind.COUNTERSIGN_PENDING, s, due,
                f"{title}: {_countersign_subject(kind, subjects)} finalised {fd(finalised)}, "
                f"due by {fd(due)}.", record_id=record_id)

    # Plan completeness (002 s1; detail completed at the first core group, s6.3).
    if facts.plan_missing:
        due = calendar.add_interval(facts.start_date, profile.first_core_group_within,
                                    profile.first_core_group_within_unit)
        s = Severity.OVERDUE if today > due else Severity.DUE_SOON
        out.add(AlertKind.PLAN_INCOMPLETE, s, due,
                f"{_capitalise(profile.plan_name)} incomplete: missing "
                f"{_join(facts.plan_missing)}, due by {fd(due)}.")

    return out.alerts


# Within one severity, the duties closest to the child's safety come first: a child unseen is
# "a serious breach of the plan" (002 s4), then seeing the child (alone), visiting, the bedroom
# (003), the conference and core group that review the plan, then the paperwork around it.
KIND_ORDER = {kind: n for n, kind in enumerate((
    AlertKind.CHILD_UNSEEN, AlertKind.NOT_SEEN_ALONE, AlertKind.VISIT_OVERDUE,
    AlertKind.BEDROOM_NOT_SEEN, AlertKind.REVIEW_CONFERENCE_DUE, AlertKind.CORE_GROUP_OVERDUE,
    AlertKind.ACTION_OVERDUE, AlertKind.MINUTES_OVERDUE, AlertKind.VISIT_NOT_WRITTEN_UP,
    AlertKind.COUNTERSIGN_PENDING, AlertKind.PLAN_INCOMPLETE,
))}


_SEVERITY_ORDER = {Severity.URGENT: 0, Severity.OVERDUE: 1, Severity.DUE_SOON: 2}


def seriousness(severity: Severity, kind: AlertKind, days_overdue: int) -> tuple[int, int, int]:
    """Smaller is more serious: the order alerts, and caseload rows by their worst, are shown."""
    return (_SEVERITY_ORDER[severity], KIND_ORDER[kind], -days_overdue)


def _sort_key(alert: Alert) -> tuple[int, int, int, date, str]:
    severity = alert.severity  # its rank, by identity
    rank = 0 if severity is _URGENT else 1 if severity is _OVERDUE else 2
    return (rank, KIND_ORDER[alert.kind], -alert.days_overdue, alert.due, alert.child_name)


def sort_alerts(alerts: Iterable[Alert]) -> list[Alert]:
    """Urgent first, then overdue by days overdue (most first), then due soon by due date."""
    return sorted(alerts, key=_sort_key)
