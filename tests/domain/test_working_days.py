"""The working-day calendar across Christmas, Easter and August bank holidays."""

from datetime import date

import pytest

from cpdesk.domain.enums import IntervalUnit, Nation
from cpdesk.domain.working_days import WorkingCalendar, calendar_for

ENG = WorkingCalendar(Nation.ENGLAND)
SCT = WorkingCalendar(Nation.SCOTLAND)
WLS = WorkingCalendar(Nation.WALES)


def test_day_zero_is_the_day_itself() -> None:
    assert ENG.add_working_days(date(2026, 12, 19), 0) == date(2026, 12, 19)


def test_england_christmas_conference_plus_ten_working_days() -> None:
    # Fri 18 Dec 2026. Working days: Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4);
    # Fri 25 Christmas; Mon 28 Boxing Day (substitute, 26th is a Saturday);
    # Tue 29 (5), Wed 30 (6), Thu 31 (7); Fri 1 Jan New Year; Mon 4 (8), Tue 5 (9), Wed 6 (10).
    assert ENG.add_working_days(date(2026, 12, 18), 10) == date(2027, 1, 6)


def test_scotland_christmas_conference_plus_ten_working_days() -> None:
    # As England to Thu 31 Dec (7); Fri 1 Jan holiday; Sat 2 Jan is Scotland's 2 January
    # holiday, so its substitute is Mon 4 Jan; Tue 5 (8), Wed 6 (9), Thu 7 (10).
    assert SCT.add_working_days(date(2026, 12, 18), 10) == date(2027, 1, 7)


def test_wales_follows_england_bank_holidays() -> None:
    assert WLS.add_working_days(date(2026, 12, 18), 10) == date(2027, 1, 6)


def test_easter_monday_is_a_holiday_in_england_not_scotland() -> None:
    # Easter 2027: Good Friday 26 Mar, Easter Monday 29 Mar.
    # England from Thu 25 Mar: Tue 30 (1), Wed 31 (2), Thu 1 Apr (3).
    assert ENG.add_working_days(date(2027, 3, 25), 3) == date(2027, 4, 1)
    # Scotland: Mon 29 (1), Tue 30 (2), Wed 31 (3).
    assert SCT.add_working_days(date(2027, 3, 25), 3) == date(2027, 3, 31)
    assert not ENG.is_working_day(date(2027, 3, 29))
    assert SCT.is_working_day(date(2027, 3, 29))
    assert not SCT.is_working_day(date(2027, 3, 26))


def test_august_bank_holiday_first_monday_scotland_last_monday_england() -> None:
    assert not SCT.is_working_day(date(2026, 8, 3))
    assert ENG.is_working_day(date(2026, 8, 3))
    assert not ENG.is_working_day(date(2026, 8, 31))
    assert SCT.is_working_day(date(2026, 8, 31))
    # From Fri 28 Aug 2026, 1 working day: England skips Mon 31 Aug -> Tue 1 Sep.
    assert ENG.add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 1)
    assert SCT.add_working_days(date(2026, 8, 28), 1) == date(2026, 8, 31)
    # From Fri 31 Jul 2026: Scotland skips Mon 3 Aug -> Tue 4 Aug.
    assert SCT.add_working_days(date(2026, 7, 31), 1) == date(2026, 8, 4)
    assert ENG.add_working_days(date(2026, 7, 31), 1) == date(2026, 8, 3)


def test_st_andrews_day_is_scottish_only() -> None:
    # 30 Nov 2026 is a Monday.
    assert not SCT.is_working_day(date(2026, 11, 30))
    assert ENG.is_working_day(date(2026, 11, 30))


def test_weekends_are_not_working_days() -> None:
    assert not ENG.is_working_day(date(2027, 1, 9))  # Saturday
    assert not ENG.is_working_day(date(2027, 1, 10))  # Sunday
    assert ENG.is_working_day(date(2027, 1, 11))


def test_negative_working_days_go_back() -> None:
    # Back from Wed 6 Jan 2027 by 10 working days lands on Fri 18 Dec 2026 (see above).
    assert ENG.add_working_days(date(2027, 1, 6), -10) == date(2026, 12, 18)


@pytest.mark.parametrize("n", [0, 1, 5, 10, 15, 40])
def test_working_days_between_inverts_add(n: int) -> None:
    start = date(2026, 12, 18)
    assert ENG.working_days_between(start, ENG.add_working_days(start, n)) == n
    assert SCT.working_days_between(start, SCT.add_working_days(start, n)) == n


def test_working_days_between_counts_after_a_up_to_b() -> None:
    # Fri 18 Dec 2026 to Wed 6 Jan 2027 = 10 (above); reversed is negative.
    assert ENG.working_days_between(date(2026, 12, 18), date(2027, 1, 6)) == 10
    assert ENG.working_days_between(date(2027, 1, 6), date(2026, 12, 18)) == -10
    assert ENG.working_days_between(date(2027, 1, 6), date(2027, 1, 6)) == 0


def test_add_interval_units() -> None:
    assert ENG.add_interval(date(2026, 12, 18), 14, IntervalUnit.CALENDAR_DAYS) == date(2027, 1, 1)
    assert ENG.add_interval(date(2026, 12, 18), 10, "working_days") == date(2027, 1, 6)


def test_calendar_for_is_shared() -> None:
    assert calendar_for(Nation.SCOTLAND) is calendar_for("scotland")
