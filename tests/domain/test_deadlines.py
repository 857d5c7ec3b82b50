"""Deadlines worked out by hand across Christmas, Easter and August bank holidays."""

from datetime import date

from cpdesk.domain.deadlines import deadlines_for
from cpdesk.domain.enums import IntervalUnit
from cpdesk.domain.profiles import load_profile
from cpdesk.domain.working_days import calendar_for

from .facts import make_facts

ENG = load_profile("england-default")
SCT = load_profile("scotland")
WLS = load_profile("wales")
SEF = load_profile("sefton")
TODAY = date(2026, 12, 18)


def test_new_plan_at_christmas_england() -> None:
    d = deadlines_for(make_facts(), ENG, TODAY)
    # Visit and seen alone: Fri 18 Dec 2026 + 14 calendar days = Fri 1 Jan 2027 (a holiday,
    # but calendar days are calendar days).
    assert d.next_visit_due == date(2027, 1, 1)
    assert d.next_seen_alone_due == date(2027, 1, 1) and not d.seen_alone_means_awake
    # First core group: 10 working days, skipping 25, 28 Dec and 1 Jan -> Wed 6 Jan 2027.
    assert d.next_core_group_due == date(2027, 1, 6)
    # First review: 3 months -> Thu 18 Mar 2027.
    assert d.next_review_due == date(2027, 3, 18)
    assert d.bedroom_due is None  # England does not require it
    assert d.minutes_due == () and d.overdue_actions == ()


def test_new_plan_at_christmas_scotland() -> None:
    d = deadlines_for(make_facts(), SCT, TODAY)
    # 15 working days from Fri 18 Dec 2026 in Scotland: 21-24 Dec (4), 29-31 Dec (7),
    # [1 Jan, Mon 4 Jan substitute for Sat 2 Jan], 5-8 Jan (11), 11-14 Jan (15) -> Thu 14 Jan.
    assert d.next_core_group_due == date(2027, 1, 14)
    # First review within 6 months in Scotland -> Fri 18 Jun 2027.
    assert d.next_review_due == date(2027, 6, 18)


def test_new_plan_at_christmas_wales_matches_england_dates() -> None:
    d = deadlines_for(make_facts(), WLS, TODAY, calendar_for("wales"))
    assert d.next_core_group_due == date(2027, 1, 6)
    assert d.next_review_due == date(2027, 3, 18)


def test_first_core_group_across_easter() -> None:
    facts = make_facts(start_date=date(2027, 3, 25), latest_conference_date=date(2027, 3, 25))
    # England from Thu 25 Mar 2027: Good Friday 26, Easter Monday 29 are holidays;
    # 30 (1), 31 (2), 1 Apr (3), 2 (4), 5-9 (9), Mon 12 Apr (10).
    assert deadlines_for(facts, ENG, facts.start_date).next_core_group_due == date(2027, 4, 12)
    # Scotland has no Easter Monday holiday; 15 days: 29 Mar-2 Apr (5), 5-9 (10), 12-16 (15).
    assert deadlines_for(facts, SCT, facts.start_date).next_core_group_due == date(2027, 4, 16)


def test_first_core_group_across_the_august_bank_holidays() -> None:
    # England's is the last Monday (31 Aug 2026). From Fri 21 Aug: 24-28 (5), [31 Aug],
    # 1-4 Sep (9), Mon 7 Sep (10).
    late = make_facts(start_date=date(2026, 8, 21), latest_conference_date=date(2026, 8, 21))
    assert deadlines_for(late, ENG, late.start_date).next_core_group_due == date(2026, 9, 7)
    # Scotland's is the first Monday (3 Aug 2026). From Fri 24 Jul, 15 days: 27-31 Jul (5),
    # [3 Aug], 4-7 Aug (9), 10-14 Aug (14), Mon 17 Aug (15).
    early = make_facts(start_date=date(2026, 7, 24), latest_conference_date=date(2026, 7, 24))
    assert deadlines_for(early, SCT, early.start_date).next_core_group_due == date(2026, 8, 17)
    # England from Fri 24 Jul, 10 days: 27-31 Jul (5), 3-7 Aug (10) -> Fri 7 Aug.
    assert deadlines_for(early, ENG, early.start_date).next_core_group_due == date(2026, 8, 7)


def test_visit_due_from_last_visit() -> None:
    facts = make_facts(last_visit_date=date(2027, 1, 6), last_visit_child_seen=True)
    assert deadlines_for(facts, ENG, TODAY).next_visit_due == date(2027, 1, 20)


def test_conference_set_shorter_visit_interval_overrides_profile() -> None:
    ten = make_facts(last_visit_date=date(2027, 1, 6), visit_interval=10,
                     visit_interval_unit=IntervalUnit.CALENDAR_DAYS)
    # Wed 6 Jan + 10 days = Sat 16 Jan 2027.
    assert deadlines_for(ten, ENG, TODAY).next_visit_due == date(2027, 1, 16)
    five = make_facts(last_visit_date=date(2027, 1, 6), visit_interval=5,
                      visit_interval_unit=IntervalUnit.WORKING_DAYS)
    # Wed 6 Jan + 5 working days: 7, 8, 11, 12, 13 -> Wed 13 Jan 2027.
    assert deadlines_for(five, ENG, TODAY).next_visit_due == date(2027, 1, 13)
    # Interval without a unit is ignored: the profile's 14 days apply.
    half = make_facts(last_visit_date=date(2027, 1, 6), visit_interval=5)
    assert deadlines_for(half, ENG, TODAY).next_visit_due == date(2027, 1, 20)


def test_sefton_seen_alone_every_four_weeks() -> None:
    facts = make_facts(last_seen_alone_date=date(2027, 1, 6))
    # Wed 6 Jan + 28 days = Wed 3 Feb 2027.
    assert deadlines_for(facts, SEF, TODAY).next_seen_alone_due == date(2027, 2, 3)
    assert deadlines_for(facts, ENG, TODAY).next_seen_alone_due == date(2027, 1, 20)


def test_baby_seen_awake_counts() -> None:
    facts = make_facts(date_of_birth=date(2026, 10, 1), last_seen_awake_date=date(2027, 1, 10))
    d = deadlines_for(facts, ENG, TODAY)
    # Seen awake Sun 10 Jan + 14 = Sun 24 Jan 2027; still under one then.
    assert d.next_seen_alone_due == date(2027, 1, 24) and d.seen_alone_means_awake


def test_child_turning_one_needs_to_be_seen_alone() -> None:
    facts = make_facts(date_of_birth=date(2026, 1, 20), last_seen_awake_date=date(2027, 1, 10))
    d = deadlines_for(facts, ENG, TODAY)
    # Seen awake due Sun 24 Jan 2027, but the child is one on Wed 20 Jan 2027, so being
    # seen awake no longer counts: never seen alone, so start + 14 = Fri 1 Jan 2027.
    assert d.next_seen_alone_due == date(2027, 1, 1) and not d.seen_alone_means_awake


def test_unborn_child_has_visits_but_no_seen_alone() -> None:
    facts = make_facts(date_of_birth=None, expected_date_of_birth=date(2027, 3, 1))
    d = deadlines_for(facts, SEF, TODAY)
    assert d.next_visit_due == date(2027, 1, 1)
    assert d.next_seen_alone_due is None and d.bedroom_due is None


def test_later_core_groups_and_a_scheduled_meeting() -> None:
    facts = make_facts(core_groups_held=2, last_core_group_held=date(2027, 2, 1))
    # Mon 1 Feb + 28 = Mon 1 Mar 2027.
    assert deadlines_for(facts, ENG, TODAY).next_core_group_due == date(2027, 3, 1)
    earlier = make_facts(core_groups_held=2, last_core_group_held=date(2027, 2, 1),
                         next_core_group_scheduled=date(2027, 2, 22))
    assert deadlines_for(earlier, ENG, TODAY).next_core_group_due == date(2027, 2, 22)
    later = make_facts(core_groups_held=2, last_core_group_held=date(2027, 2, 1),
                       next_core_group_scheduled=date(2027, 3, 8))
    assert deadlines_for(later, ENG, TODAY).next_core_group_due == date(2027, 3, 1)
    weekly = make_facts(core_groups_held=1, last_core_group_held=date(2027, 2, 1),
                        core_group_interval=14,
                        core_group_interval_unit=IntervalUnit.CALENDAR_DAYS)
    assert deadlines_for(weekly, ENG, TODAY).next_core_group_due == date(2027, 2, 15)


def test_minutes_due_fifteen_days_after_the_meeting() -> None:
    facts = make_facts(minutes_pending=(("m1", date(2027, 1, 6)),))
    # Wed 6 Jan + 15 = Thu 21 Jan 2027.
    assert deadlines_for(facts, ENG, TODAY).minutes_due == (("m1", date(2027, 1, 21)),)


def test_later_review_six_months_or_the_date_the_conference_set() -> None:
    facts = make_facts(review_conferences_held=1, latest_conference_date=date(2027, 3, 10))
    assert deadlines_for(facts, ENG, TODAY).next_review_due == date(2027, 9, 10)
    set_earlier = make_facts(review_conferences_held=1, latest_conference_date=date(2027, 3, 10),
                             next_review_date_set=date(2027, 8, 1))
    assert deadlines_for(set_earlier, ENG, TODAY).next_review_due == date(2027, 8, 1)
    # A first review set for earlier than 3 months is honoured too.
    first = make_facts(next_review_date_set=date(2027, 2, 1))
    assert deadlines_for(first, ENG, TODAY).next_review_due == date(2027, 2, 1)


def test_month_end_review_dates() -> None:
    facts = make_facts(start_date=date(2026, 11, 30), latest_conference_date=date(2026, 11, 30))
    # 30 Nov 2026 + 3 months = 28 Feb 2027 (relativedelta clips to the month's end).
    assert deadlines_for(facts, ENG, facts.start_date).next_review_due == date(2027, 2, 28)


def test_sefton_bedroom_due_by_next_review_unless_seen_since_conference() -> None:
    facts = make_facts(last_bedroom_seen_date=date(2026, 12, 1))
    assert deadlines_for(facts, SEF, TODAY).bedroom_due == date(2027, 3, 18)
    seen = make_facts(last_bedroom_seen_date=date(2027, 1, 6))
    assert deadlines_for(seen, SEF, TODAY).bedroom_due is None


def test_write_up_and_countersign_due_in_working_days() -> None:
    facts = make_facts(draft_visits=(("v1", date(2026, 12, 23)),),
                       pending_countersign=(("visit", "v0", date(2026, 12, 22)),))
    d = deadlines_for(facts, ENG, TODAY)
    # Wed 23 Dec + 2 working days: Thu 24 (1), [25, 28 holidays] Tue 29 (2).
    assert d.write_up_due == (("v1", date(2026, 12, 23), date(2026, 12, 29)),)
    # Tue 22 Dec + 5: 23, 24, 29, 30, 31 -> Thu 31 Dec 2026.
    assert d.countersign_due == (("visit", "v0", date(2026, 12, 22), date(2026, 12, 31)),)


def test_overdue_actions_are_those_past_their_date() -> None:
    facts = make_facts(open_actions=(("a1", "Refer", date(2027, 1, 4)),
                                     ("a2", "Visit GP", date(2027, 1, 5))))
    assert deadlines_for(facts, ENG, date(2027, 1, 5)).overdue_actions == (
        ("a1", "Refer", date(2027, 1, 4)),)
