"""The working-day calendar: weekends and the bank holidays of one UK nation.

Uses the `holidays` package's GB calendar with the nation's subdivision, so substitute days
("Boxing Day (observed)") count as holidays and Scotland's 2 January, St Andrew's Day and
first-Monday-of-August bank holiday differ from England's. Holiday years are cached.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays

from cpdesk.domain.enums import IntervalUnit, Nation


class WorkingCalendar:
    """Working days for one nation. `add_working_days(d, 0) == d`."""

    def __init__(self, nation: Nation | str) -> None:
        self.nation = Nation(nation)
        self._years: dict[int, frozenset[date]] = {}

    def holidays_in(self, year: int) -> frozenset[date]:
        """Bank holidays (with substitute days) of the nation in `year`, cached."""
        found = self._years.get(year)
        if found is None:
            table = holidays.country_holidays(
                "GB", subdiv=self.nation.holiday_subdivision, years=year
            )
            found = frozenset(d for d in table if d.year == year)
            self._years[year] = found
        return found

    def is_holiday(self, d: date) -> bool:
        return d in self.holidays_in(d.year)

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and not self.is_holiday(d)

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after `d` (n < 0: before). Day 0 is `d` itself."""
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        current = d
        while remaining:
            current += timedelta(days=step)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, a: date, b: date) -> int:
        """Working days after `a` up to and including `b`; negative when `b` is before `a`.

        The inverse of `add_working_days`: `working_days_between(d, add_working_days(d, n)) == n`.
        """
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        current = a
        while current < b:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count

    def add_interval(self, d: date, n: int, unit: IntervalUnit | str) -> date:
        """`d` plus `n` calendar days or `n` working days."""
        if IntervalUnit(unit) is IntervalUnit.WORKING_DAYS:
            return self.add_working_days(d, n)
        return d + timedelta(days=n)


_SHARED: dict[Nation, WorkingCalendar] = {}


def calendar_for(nation: Nation | str) -> WorkingCalendar:
    """A shared calendar per nation, so the holiday cache is kept between calls."""
    key = Nation(nation)
    if key not in _SHARED:
        _SHARED[key] = WorkingCalendar(key)
    return _SHARED[key]
