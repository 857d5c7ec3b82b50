"""Alerts from hand-made PlanFacts: every kind, severities, wording and order."""

import dataclasses
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cpdesk.domain.alerts import alerts_for, alerts_for_plans, severity_for, sort_alerts
from cpdesk.domain.enums import AlertKind, IntervalUnit, Nation, Severity
from cpdesk.domain.profiles import load_profile
from cpdesk.domain.records import Alert
from cpdesk.domain.working_days import calendar_for

from .facts import make_facts

ENG = load_profile("england-default")
SCT = load_profile("scotland")
WLS = load_profile("wales")
SEF = load_profile("sefton")
CAL = calendar_for("england")


def kinds(alerts: list[Alert]) -> list[AlertKind]:
    return [a.kind for a in alerts]


def test_a_new_plan_raises_nothing_on_its_first_day() -> None:
    assert alerts_for(make_facts(), ENG, date(2026, 12, 18), CAL) == []


def test_visit_due_soon_then_overdue() -> None:
    facts = make_facts(last_visit_date=date(2027, 1, 6), last_visit_child_seen=True,
                       last_seen_alone_date=date(2027, 1, 6),
                       core_groups_held=1, last_core_group_held=date(2027, 1, 6))
    # Due Wed 20 Jan 2027. On Fri 15 Jan: working days 18, 19, 20 = 3 -> due soon.
    alerts = alerts_for(facts, ENG, date(2027, 1, 15), CAL)
    # Seen alone falls due the same day; same severity and date, so kinds sort by name.
    assert kinds(alerts) == [AlertKind.NOT_SEEN_ALONE, AlertKind.VISIT_OVERDUE]
    soon = alerts[1]
    assert soon.kind is AlertKind.VISIT_OVERDUE and soon.severity is Severity.DUE_SOON
    assert soon.message == "Visit due soon: last visit Wed 6 Jan 2027, due by Wed 20 Jan 2027."
    assert soon.days_overdue == 0
    # On Thu 14 Jan: 15, 18, 19, 20 = 4 working days -> nothing yet.
    assert alerts_for(facts, ENG, date(2027, 1, 14), CAL) == []
    # On Mon 25 Jan: 5 days late.
    late = alerts_for(facts, ENG, date(2027, 1, 25), CAL)
    visit = next(a for a in late if a.kind is AlertKind.VISIT_OVERDUE)
    assert visit.severity is Severity.OVERDUE and visit.days_overdue == 5
    assert visit.message == "Visit overdue: last visit Wed 6 Jan 2027, due by Wed 20 Jan 2027."
    assert visit.due == date(2027, 1, 20)


def test_visit_due_today_is_due_soon() -> None:
    facts = make_facts(last_visit_date=date(2027, 1, 6), last_seen_alone_date=date(2027, 1, 6),
                       core_groups_held=1, last_core_group_held=date(2027, 1, 6))
    [a, b] = alerts_for(facts, ENG, date(2027, 1, 20), CAL)
    assert {a.kind, b.kind} == {AlertKind.VISIT_OVERDUE, AlertKind.NOT_SEEN_ALONE}
    assert a.severity is b.severity is Severity.DUE_SOON


def test_conference_set_shorter_interval_makes_the_visit_late_sooner() -> None:
    facts = make_facts(last_visit_date=date(2027, 1, 6), last_seen_alone_date=date(2027, 1, 12),
                       visit_interval=7, visit_interval_unit=IntervalUnit.CALENDAR_DAYS,
                       core_groups_held=1, last_core_group_held=date(2027, 1, 6))
    # Wed 6 Jan + 7 = Wed 13 Jan; on Mon 18 Jan it is 5 days late (profile's 14 would not be).
    [visit] = alerts_for(facts, ENG, date(2027, 1, 18), CAL)
    assert visit.kind is AlertKind.VISIT_OVERDUE and visit.days_overdue == 5
    assert visit.due == date(2027, 1, 13)


def test_no_visit_yet_wording() -> None:
    alerts = alerts_for(make_facts(), ENG, date(2027, 1, 4), CAL)
    visit = next(a for a in alerts if a.kind is AlertKind.VISIT_OVERDUE)
    assert visit.message == (
        "Visit overdue: no visit since the child protection conference on Fri 18 Dec 2026, "
        "due by Fri 1 Jan 2027.")


def test_ended_plan_raises_nothing() -> None:
    facts = make_facts(end_date=date(2027, 1, 10), last_visit_child_seen=False,
                       last_visit_date=date(2027, 1, 1), plan_missing=("review points",))
    assert alerts_for(facts, ENG, date(2027, 3, 1), CAL) == []
    assert alerts_for(facts, ENG, date(2027, 1, 10), CAL) == []  # ends today
    # The day before it ends, it still raises alerts.
    assert alerts_for(facts, ENG, date(2027, 1, 9), CAL) != []


def test_baby_seen_awake_wording() -> None:
    facts = make_facts(date_of_birth=date(2026, 10, 1), last_seen_awake_date=date(2027, 1, 10),
                       last_visit_date=date(2027, 1, 10), last_visit_child_seen=True,
                       core_groups_held=1, last_core_group_held=date(2027, 1, 10))
    # Seen awake due Sun 24 Jan 2027; Wed 20 Jan: working days 21, 22 -> due soon.
    alerts = alerts_for(facts, ENG, date(2027, 1, 20), CAL)
    awake = next(a for a in alerts if a.kind is AlertKind.NOT_SEEN_ALONE)
    assert awake.severity is Severity.DUE_SOON
    assert awake.message == (
        "Seen awake due soon: last seen awake Sun 10 Jan 2027, due by Sun 24 Jan 2027.")
    late = alerts_for(facts, ENG, date(2027, 1, 26), CAL)
    awake = next(a for a in late if a.kind is AlertKind.NOT_SEEN_ALONE)
    assert awake.message.startswith("Not seen awake: last seen awake Sun 10 Jan 2027")
    assert awake.days_overdue == 2


def test_unborn_child_gets_visit_alerts_but_not_seen_alone_or_unseen() -> None:
    facts = make_facts(date_of_birth=None, expected_date_of_birth=date(2027, 3, 1),
                       last_visit_date=date(2027, 1, 4), last_visit_child_seen=False,
                       core_groups_held=1, last_core_group_held=date(2027, 1, 4))
    # Visit due Mon 18 Jan 2027; Wed 20 Jan -> 2 days late.
    alerts = alerts_for(facts, SEF, date(2027, 1, 20), CAL)
    assert kinds(alerts) == [AlertKind.VISIT_OVERDUE]
    assert alerts[0].days_overdue == 2


def test_every_alert_kind_and_their_order() -> None:
    facts = make_facts(
        last_visit_date=date(2027, 2, 20), last_visit_child_seen=False,
        last_seen_alone_date=date(2027, 1, 30),
        draft_visits=(("v9", date(2027, 3, 10)),),
        core_groups_held=2, last_core_group_held=date(2027, 2, 1),
        minutes_pending=(("m2", date(2027, 2, 1)),),
        open_actions=(("a1", "Refer to speech therapy", date(2027, 3, 1)),),
        pending_countersign=(("visit", "v8", date(2027, 3, 8)),),
        plan_missing=("a contingency plan", "review points"),
    )
    today = date(2027, 3, 15)  # Monday
    alerts = alerts_for(facts, SEF, today, CAL)
    got = [(a.kind, a.severity, a.due, a.days_overdue, a.record_id) for a in alerts]
    URG, LATE, SOON = Severity.URGENT, Severity.OVERDUE, Severity.DUE_SOON
    # Most serious first: severity, then the duty's closeness to the child's safety (seeing
    # the child before paperwork), then the days late.
    assert got == [
        # Child not seen at the Sat 20 Feb visit: urgent, 23 days ago.
        (AlertKind.CHILD_UNSEEN, URG, date(2027, 2, 20), 23, None),
        # Sefton: seen alone every 28 days, Sat 30 Jan + 28 = Sat 27 Feb: 16 days.
        (AlertKind.NOT_SEEN_ALONE, LATE, date(2027, 2, 27), 16, None),
        # Visit: Sat 20 Feb + 14 = Sat 6 Mar: 9 days.
        (AlertKind.VISIT_OVERDUE, LATE, date(2027, 3, 6), 9, None),
        # Core group (1 Feb + 28 = Mon 1 Mar): 14 days.
        (AlertKind.CORE_GROUP_OVERDUE, LATE, date(2027, 3, 1), 14, None),
        # Action by Mon 1 Mar: 14 days.
        (AlertKind.ACTION_OVERDUE, LATE, date(2027, 3, 1), 14, "a1"),
        # Minutes of 1 Feb due 16 Feb: 27 days.
        (AlertKind.MINUTES_OVERDUE, LATE, date(2027, 2, 16), 27, "m2"),
        # Draft of Wed 10 Mar due Fri 12 Mar (2 working days): 3 days.
        (AlertKind.VISIT_NOT_WRITTEN_UP, LATE, date(2027, 3, 12), 3, "v9"),
        # Plan detail due by the first core group: Wed 6 Jan 2027; 25 + 28 + 15 = 68 days.
        (AlertKind.PLAN_INCOMPLETE, LATE, date(2027, 1, 6), 68, None),
        # Review due 18 Mar (3 months); bedroom by then too: 16, 17, 18 = 3 working days.
        (AlertKind.BEDROOM_NOT_SEEN, SOON, date(2027, 3, 18), 0, None),
        (AlertKind.REVIEW_CONFERENCE_DUE, SOON, date(2027, 3, 18), 0, None),
        # Finalised Mon 8 Mar + 5 working days = Mon 15 Mar (today): due soon.
        (AlertKind.COUNTERSIGN_PENDING, SOON, date(2027, 3, 15), 0, "v8"),
    ]
    assert set(kinds(alerts)) == set(AlertKind)
    messages = {a.kind: a.message for a in alerts}
    assert messages[AlertKind.CHILD_UNSEEN] == (
        "Child not seen at the visit on Sat 20 Feb 2027, a serious breach of the child "
        "protection plan: discuss with your manager today.")
    assert messages[AlertKind.PLAN_INCOMPLETE] == (
        "Child protection plan incomplete: missing a contingency plan and review points, "
        "due by Wed 6 Jan 2027.")
    assert messages[AlertKind.MINUTES_OVERDUE] == (
        "Core group minutes overdue: meeting on Mon 1 Feb 2027, due by Tue 16 Feb 2027.")
    assert messages[AlertKind.NOT_SEEN_ALONE] == (
        "Not seen alone: last seen alone Sat 30 Jan 2027, due by Sat 27 Feb 2027.")
    assert messages[AlertKind.ACTION_OVERDUE] == (
        "Action overdue: 'Refer to speech therapy', due by Mon 1 Mar 2027.")
    assert messages[AlertKind.CORE_GROUP_OVERDUE] == (
        "Core group overdue: last met Mon 1 Feb 2027, due by Mon 1 Mar 2027.")
    assert messages[AlertKind.VISIT_NOT_WRITTEN_UP] == (
        "Visit not written up: visit on Wed 10 Mar 2027, due by Fri 12 Mar 2027.")
    assert messages[AlertKind.COUNTERSIGN_PENDING] == (
        "Waiting for countersignature: visit record finalised Mon 8 Mar 2027, "
        "due by Mon 15 Mar 2027.")
    assert messages[AlertKind.BEDROOM_NOT_SEEN] == (
        "Bedroom to be seen soon: not seen since the child protection conference on "
        "Fri 18 Dec 2026, due by Thu 18 Mar 2027.")
    assert messages[AlertKind.REVIEW_CONFERENCE_DUE] == (
        "Review child protection conference due soon: last child protection conference on "
        "Fri 18 Dec 2026, due by Thu 18 Mar 2027.")
    for a in alerts:
        assert (a.child, a.child_id, a.child_name, a.plan) == (
            "C0001", "child-1", "Amy Smith", "plan-1")


def test_fresh_draft_is_not_an_alert() -> None:
    facts = make_facts(last_visit_date=date(2027, 1, 6), last_seen_alone_date=date(2027, 1, 6),
                       core_groups_held=1, last_core_group_held=date(2027, 1, 6),
                       draft_visits=(("v1", date(2027, 1, 6)),))
    # Due Fri 8 Jan (2 working days): nothing on the 8th, overdue on Mon 11th.
    assert alerts_for(facts, ENG, date(2027, 1, 8), CAL) == []
    [late] = alerts_for(facts, ENG, date(2027, 1, 11), CAL)
    assert late.kind is AlertKind.VISIT_NOT_WRITTEN_UP and late.days_overdue == 3


def test_first_core_group_wording_scotland() -> None:
    facts = make_facts(last_visit_date=date(2027, 1, 11), last_seen_alone_date=date(2027, 1, 11))
    # Scotland: first core group due Thu 14 Jan 2027 (15 working days, see deadlines tests).
    # On Mon 11 Jan: 12, 13, 14 = 3 working days -> due soon.
    [cg] = alerts_for(facts, SCT, date(2027, 1, 11), calendar_for("scotland"))
    assert cg.kind is AlertKind.CORE_GROUP_OVERDUE and cg.severity is Severity.DUE_SOON
    assert cg.message == (
        "Core group due soon: first meeting within 15 working days of the Child Protection "
        "Planning Meeting on Fri 18 Dec 2026, due by Thu 14 Jan 2027.")


def test_scheduled_meeting_wording() -> None:
    facts = make_facts(last_visit_date=date(2027, 2, 15), last_seen_alone_date=date(2027, 2, 15),
                       core_groups_held=1, last_core_group_held=date(2027, 2, 1),
                       next_core_group_scheduled=date(2027, 2, 17))
    [cg] = alerts_for(facts, ENG, date(2027, 2, 15), CAL)
    assert cg.message == (
        "Core group due soon: meeting arranged for Wed 17 Feb 2027, due by Wed 17 Feb 2027.")


def test_scotland_review_wording() -> None:
    facts = make_facts(last_visit_date=date(2027, 6, 14), last_seen_alone_date=date(2027, 6, 14),
                       core_groups_held=3, last_core_group_held=date(2027, 6, 1))
    # Review due Fri 18 Jun 2027 (6 months); Tue 15 Jun: 16, 17, 18 -> due soon.
    [review] = alerts_for(facts, SCT, date(2027, 6, 15), calendar_for("scotland"))
    assert review.message == (
        "Review Child Protection Planning Meeting due soon: last Child Protection Planning "
        "Meeting on Fri 18 Dec 2026, due by Fri 18 Jun 2027.")


def test_wales_plan_wording() -> None:
    facts = make_facts(last_visit_date=date(2026, 12, 30), last_seen_alone_date=date(2026, 12, 30),
                       plan_missing=("a contingency plan",))
    alerts = alerts_for(facts, WLS, date(2026, 12, 30), calendar_for("wales"))
    plan = next(a for a in alerts if a.kind is AlertKind.PLAN_INCOMPLETE)
    assert plan.severity is Severity.DUE_SOON
    assert plan.message == ("Care and support protection plan incomplete: missing a contingency "
                            "plan, due by Wed 6 Jan 2027.")


def test_to_json_uses_iso_dates_and_values() -> None:
    facts = make_facts(last_visit_date=date(2027, 1, 1), last_visit_child_seen=False)
    alert = next(a for a in alerts_for(facts, ENG, date(2027, 1, 4), CAL)
                 if a.kind is AlertKind.CHILD_UNSEEN)
    assert alert.to_json() == {
        "kind": "child_unseen", "severity": "urgent", "child": "C0001", "child_id": "child-1",
        "child_name": "Amy Smith", "plan": "plan-1", "record_id": None, "due": "2027-01-01",
        "days_overdue": 3, "message": alert.message,
    }


def _alert(severity: Severity, due: date, days: int, name: str = "A") -> Alert:
    return Alert(kind=AlertKind.VISIT_OVERDUE, severity=severity, child="C", child_id="c",
                 child_name=name, plan="p", due=due, days_overdue=days, message="m")


def test_sort_alerts() -> None:
    soon_late = _alert(Severity.DUE_SOON, date(2027, 1, 9), 0)
    soon_early = _alert(Severity.DUE_SOON, date(2027, 1, 7), 0)
    over_few = _alert(Severity.OVERDUE, date(2027, 1, 5), 1)
    over_many = _alert(Severity.OVERDUE, date(2027, 1, 1), 5)
    urgent = _alert(Severity.URGENT, date(2027, 1, 6), 0)
    assert sort_alerts([soon_late, over_few, soon_early, urgent, over_many]) == [
        urgent, over_many, over_few, soon_early, soon_late]


@given(today=st.dates(date(2020, 1, 1), date(2040, 12, 31)), ahead=st.integers(-40, 60),
       window=st.integers(0, 15), nation=st.sampled_from(list(Nation)))
def test_due_soon_is_within_the_window_of_working_days(
    today: date, ahead: int, window: int, nation: Nation
) -> None:
    # severity_for finds "due soon" from one date per day; it must agree with counting the
    # working days after today up to the due date, as the profile's window is defined
    calendar = calendar_for(nation)
    profile = dataclasses.replace(ENG, due_soon_working_days=window)
    due = today + timedelta(days=ahead)
    if today > due:
        expected = Severity.OVERDUE
    elif calendar.working_days_between(today, due) <= window:
        expected = Severity.DUE_SOON
    else:
        expected = None
    assert severity_for(due, today, profile, calendar) is expected


def test_alerts_for_plans_is_each_plans_alerts_in_one_order() -> None:
    plans = [make_facts(plan_id=f"plan-{n}", child_name=name, last_visit_date=date(2027, 1, 1))
             for n, name in enumerate(("Cara Lee", "Amy Smith", "Ben Ode"))]
    today = date(2027, 2, 1)
    each = [a for facts in plans for a in alerts_for(facts, ENG, today, CAL)]
    together = alerts_for_plans(plans, ENG, today, CAL)
    assert together == sort_alerts(each) and len(together) > len(plans)
