"""The bank-holiday table (cpdesk/domain/bank_holidays.py) is the `holidays` package's answer,
day for day, and is used only while the installed package is the version it was made from."""

import importlib.metadata
from datetime import date

import holidays
import pytest

from cpdesk.domain import bank_holidays, working_days
from cpdesk.domain.enums import Nation
from cpdesk.domain.working_days import WorkingCalendar, bank_holidays_in, package_holidays

SUBDIVISIONS = [n.holiday_subdivision for n in Nation]


def test_the_table_was_made_from_the_installed_package() -> None:
    assert holidays.__version__ == bank_holidays.HOLIDAYS_VERSION, (
        "holidays was upgraded: run `python -m cpdesk.domain.bank_holidays` to remake the table"
    )


@pytest.mark.parametrize("subdivision", SUBDIVISIONS)
def test_every_year_of_the_table_is_the_package_s_answer(subdivision: str) -> None:
    years = bank_holidays.DAYS[subdivision]
    assert sorted(years) == list(range(bank_holidays.FIRST_YEAR, bank_holidays.LAST_YEAR + 1))
    for year in years:
        assert bank_holidays_in(subdivision, year) == package_holidays(subdivision, year), year


def test_one_off_days_are_in_the_table() -> None:
    # Platinum Jubilee (England) and Scotland's 2026 World Cup final holiday
    assert date(2022, 6, 3) in bank_holidays_in("ENG", 2022)
    assert date(2026, 6, 15) in bank_holidays_in("SCT", 2026)
    assert date(2026, 6, 15) not in bank_holidays_in("ENG", 2026)


def test_years_outside_the_table_ask_the_package() -> None:
    year = bank_holidays.LAST_YEAR + 1
    assert year not in bank_holidays.DAYS["ENG"]
    assert date(year, 12, 25) in WorkingCalendar(Nation.ENGLAND).holidays_in(year)


def test_another_version_of_the_package_is_asked_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, int]] = []

    def package(subdivision: str, year: int) -> frozenset[date]:
        asked.append((subdivision, year))
        return frozenset({date(year, 3, 3)})

    monkeypatch.setattr(working_days, "package_holidays", package)
    monkeypatch.setattr(bank_holidays, "HOLIDAYS_VERSION", "0.0-not-installed")
    working_days._table_matches_package.cache_clear()
    try:
        assert bank_holidays_in("ENG", 2026) == frozenset({date(2026, 3, 3)})
        assert asked == [("ENG", 2026)]
    finally:
        working_days._table_matches_package.cache_clear()


@pytest.mark.parametrize("name", ["holidays", "SQLAlchemy", "python-dateutil"])
def test_the_installed_version_is_the_metadata_s(name: str) -> None:
    assert working_days._installed_version(name) == importlib.metadata.version(name)
