"""Dates and ages as people read them."""

from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from cpdesk.domain.dates import add_months, age_text, format_date, is_under_one

TODAY = date(2027, 1, 20)


def test_format_date_has_no_leading_zero() -> None:
    assert format_date(date(2027, 1, 6)) == "Wed 6 Jan 2027"
    assert format_date(date(2026, 12, 18)) == "Fri 18 Dec 2026"


def test_age_text() -> None:
    assert age_text(date(2023, 11, 2), None, TODAY) == "3 years"
    assert age_text(date(2026, 1, 20), None, TODAY) == "1 year"
    assert age_text(date(2026, 6, 10), None, TODAY) == "7 months"
    assert age_text(date(2026, 12, 20), None, TODAY) == "1 month"
    assert age_text(date(2027, 1, 8), None, TODAY) == "12 days"
    assert age_text(date(2027, 1, 19), None, TODAY) == "1 day"
    assert age_text(None, date(2027, 1, 6), TODAY) == "unborn, due Wed 6 Jan 2027"
    assert age_text(None, None, TODAY) == "age not known"


def test_is_under_one() -> None:
    assert is_under_one(date(2026, 1, 21), TODAY)
    assert not is_under_one(date(2026, 1, 20), TODAY)
    assert not is_under_one(None, TODAY)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
       st.integers(min_value=-60, max_value=60))
def test_add_months_is_relativedeltas_month_arithmetic(d: date, months: int) -> None:
    assert add_months(d, months) == d + relativedelta(months=months)


def test_a_leap_day_baby_turns_one_on_28_february() -> None:
    assert is_under_one(date(2024, 2, 29), date(2025, 2, 27))
    assert not is_under_one(date(2024, 2, 29), date(2025, 2, 28))
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
