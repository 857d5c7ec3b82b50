"""The working-day calendar: weekends and the bank holidays of one UK nation.

Uses the `holidays` package's GB calendar with the nation's subdivision, so substitute days
("Boxing Day (observed)") count as holidays and Scotland's 2 January, St Andrew's Day and
first-Monday-of-August bank holiday differ from England's. Holiday years are cached, with a
running count of the working days through each day of the year, so counting and adding working
days are a lookup and a binary search rather than a walk day by day (a whole authority's alerts
ask this tens of thousands of times: issue 10).

The package's answers for 2000-2050 are kept in bank_holidays.py and used while the installed
package is the version they came from: loading the GB calendar imports every country the package
knows, which the first screen's alerts would otherwise wait for (issue 10, start-up). Other
years, or another version of the package, ask the package itself.
"""

from __future__ import annotations

import importlib.metadata
from bisect import bisect_left
from datetime import date, timedelta
from functools import cache

from cpdesk.domain import bank_holidays
from cpdesk.domain.enums import IntervalUnit, Nation


def package_holidays(subdivision: str, year: int) -> frozenset[date]:
    """The bank holidays (with substitute days) the `holidays` package gives for `year`."""
    import holidays  # loaded only when the table below cannot answer (see the docstring)

    table = holidays.country_holidays("GB", subdiv=subdivision, years=year)
    return frozenset(d for d in table if d.year == year)


def _installed_version(name: str) -> str:
    """importlib.metadata.version(name), read from the metadata's `Version:` header line: the
    email parser that .version reads the whole file with, imported for it, cost the first
    screen's alerts ~5 ms (issue 10, start-up)."""
    found = importlib.metadata.distribution(name)
    for line in (found.read_text("METADATA") or "").splitlines():
        if not line:
            break  # the headers end at the first empty line; Version is one of them
        if line.startswith("Version:"):
            return line[len("Version:"):].strip()
    return found.version


@cache
def _table_matches_package() -> bool:
    """Whether bank_holidays.py was made from the installed version of `holidays`."""
    try:
        return _installed_version("holidays") == bank_holidays.HOLIDAYS_VERSION
    except importlib.metadata.PackageNotFoundError:  # e.g. a frozen build without metadata
        return False


def bank_holidays_in(subdivision: str, year: int) -> frozenset[date]:
    """The bank holidays of `subdivision` in `year`: the package's answer, from the table when
    it holds the year and was made from the installed package."""
    days = bank_holidays.DAYS.get(subdivision, {}).get(year)
    if days is None or not _table_matches_package():
        return package_holidays(subdivision, year)
    return frozenset(date(year, int(d[:2]), int(d[3:])) for d in days.split())


class WorkingCalendar:
    """Working days for one nation. `add_working_days(d, 0) == d`."""

    def __init__(self, nation: Nation | str) -> None:
        self.nation = Nation(nation)
        self._years: dict[int, frozenset[date]] = {}
        # year -> working days from 1 January through each day of the year (index: day - 1)
        self._counts: dict[int, list[int]] = {}

    def holidays_in(self, year: int) -> frozenset[date]:
        """Bank holidays (with substitute days) of the nation in `year`, cached."""
        found = self._years.get(year)
        if found is None:
            found = bank_holidays_in(self.nation.holiday_subdivision, year)
            self._years[year] = found
        return found

    def is_holiday(self, d: date) -> bool:
        return d in self.holidays_in(d.year)

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and not self.is_holiday(d)

    def _running_count(self, year: int) -> list[int]:
        counts = self._counts.get(year)
        if counts is None:
            counts = []
            total = 0
            day = date(year, 1, 1)
            while day.year == year:
                total += self.is_working_day(day)
                counts.append(total)
                day += timedelta(days=1)
            self._counts[year] = counts
        return counts

    def _through(self, d: date) -> int:
        """Working days from 1 January of d's year up to and including `d`."""
        return self._running_count(d.year)[d.toordinal() - date(d.year, 1, 1).toordinal()]

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after `d` (n < 0: before). Day 0 is `d` itself."""
        if n == 0:
            return d
        year = d.year
        if n > 0:
            # the first day whose running count reaches `wanted` is that working day
            wanted = self._through(d) + n
            while True:
                counts = self._running_count(year)
                if wanted <= counts[-1]:
                    return date(year, 1, 1) + timedelta(days=bisect_left(counts, wanted))
                wanted -= counts[-1]
                year += 1
        back = -n
        before = self._through(d) - self.is_working_day(d)  # working days before d, this year
        while back > before:
            back -= before
            year -= 1
            before = self._running_count(year)[-1]
        counts = self._running_count(year)
        return date(year, 1, 1) + timedelta(days=bisect_left(counts, before - back + 1))

    def working_days_between(self, a: date, b: date) -> int:
        """Working days after `a` up to and including `b`; negative when `b` is before `a`.

        The inverse of `add_working_days`: `working_days_between(d, add_working_days(d, n)) == n`.
        """
        if b < a:
            return -self.working_days_between(b, a)
        count = self._through(b) - self._through(a)
        for year in range(a.year, b.year):
            count += self._running_count(year)[-1]
        return count

    def add_interval(self, d: date, n: int, unit: IntervalUnit | str) -> date:
        """`d` plus `n` calendar days or `n` working days."""
        # the members themselves first: converting costs more than the rest (issue 10)
        if unit is IntervalUnit.WORKING_DAYS or (
                unit is not IntervalUnit.CALENDAR_DAYS
                and IntervalUnit(unit) is IntervalUnit.WORKING_DAYS):
            return self.add_working_days(d, n)
        return d + timedelta(days=n)


_SHARED: dict[Nation, WorkingCalendar] = {}


def calendar_for(nation: Nation | str) -> WorkingCalendar:
    """A shared calendar per nation, so the holiday cache is kept between calls."""
    key = Nation(nation)
    if key not in _SHARED:
        _SHARED[key] = WorkingCalendar(key)
    return _SHARED[key]
