"""The working-day calendar's running counts give exactly what walking day by day gives."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from cpdesk.domain.enums import Nation
from cpdesk.domain.working_days import WorkingCalendar


def walk_add(cal: WorkingCalendar, d: date, n: int) -> date:
    step, remaining, current = (1 if n >= 0 else -1), abs(n), d
    while remaining:
        current += timedelta(days=step)
        if cal.is_working_day(current):
            remaining -= 1
    return current


def walk_between(cal: WorkingCalendar, a: date, b: date) -> int:
    if b < a:
        return -walk_between(cal, b, a)
    count, current = 0, a
    while current < b:
        current += timedelta(days=1)
        count += cal.is_working_day(current)
    return count


@pytest.mark.parametrize("nation", list(Nation))
def test_counts_and_additions_match_a_day_by_day_walk(nation: Nation) -> None:
    cal = WorkingCalendar(nation)
    rng = random.Random(10)
    for _ in range(1500):
        d = date(2019, 1, 1) + timedelta(days=rng.randint(0, 3000))
        n = rng.choice([0, 1, -1, 2, -2, 5, 10, 15, -15, 20, 250, -250, 700, -700,
                        rng.randint(-900, 900)])
        assert cal.add_working_days(d, n) == walk_add(cal, d, n), (d, n)
        e = d + timedelta(days=rng.randint(-800, 800))
        assert cal.working_days_between(d, e) == walk_between(cal, d, e), (d, e)


def test_christmas_and_new_year_in_england() -> None:
    cal = WorkingCalendar(Nation.ENGLAND)
    # Fri 23 Dec 2022; 25/26 Dec are a weekend, so 26 and 27 Dec are the bank holidays
    assert cal.add_working_days(date(2022, 12, 23), 1) == date(2022, 12, 28)
    assert cal.add_working_days(date(2022, 12, 28), -1) == date(2022, 12, 23)
    assert cal.working_days_between(date(2022, 12, 23), date(2023, 1, 3)) == 4
