"""How dates and ages read on screen and in documents (UI.md: "Tue 6 Jan 2027").

ISO dates are for files only. Never reads the clock: callers pass `today`.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from dateutil.relativedelta import relativedelta

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(d: date) -> str:
    """'Tue 6 Jan 2027': weekday, day without a leading zero, short month, year."""
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def format_optional_date(d: date | None, empty: str = "none") -> str:
    return format_date(d) if d is not None else empty


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def age_text(dob: date | None, expected_dob: date | None, today: date) -> str:
    """A child's age in words: '3 years', '7 months', '12 days', 'unborn, due Tue 6 Jan 2027'.

    Under one: months (or days under a month). From one year: whole years.
    """
    if dob is None or dob > today:
        if expected_dob is not None:
            return f"unborn, due {format_date(expected_dob)}"
        if dob is not None:
            return f"unborn, due {format_date(dob)}"
        return "age not known"
    age = relativedelta(today, dob)
    if age.years >= 1:
        return _plural(age.years, "year")
    if age.months >= 1:
        return _plural(age.months, "month")
    return _plural((today - dob).days, "day")


def add_months(d: date, months: int) -> date:
    """`d` plus whole calendar months, the day kept or, past the month's end, its last day
    (31 Jan + 1 month = 28 or 29 Feb), exactly as dateutil's relativedelta(months=...) adds,
    at a fraction of the cost: the whole authority's deadlines add months for every plan."""
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    day = d.day
    if day > 28:  # only then can the month be too short (monthrange works out a weekday too)
        day = min(day, monthrange(year, month)[1])
    return date(year, month, day)


def is_under_one(dob: date | None, on: date) -> bool:
    """True when a born child has not yet reached their first birthday on `on` (a child born
    on 29 February is one on 28 February)."""
    return dob is not None and dob <= on < add_months(dob, 12)
