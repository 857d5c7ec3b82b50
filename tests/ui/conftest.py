"""UI test set-up: one screen at a time, with real services on a test database.

`team` writes a small team's caseload through tests/case_factory.py; `window` is the main
window on it with a signed-in user and no dialogs; settings go to a temporary ini file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from cpdesk.domain.enums import CountersignSubject, RecordStatus
from cpdesk.domain.staff import StaffMember
from cpdesk.models.db import Store
from cpdesk.services.staff import list_staff
from cpdesk.ui.main_window import MainWindow
from tests.case_factory import (
    CaseIds,
    TeamIds,
    add_countersignature,
    add_meeting,
    add_member,
    add_plan_version,
    add_visit,
    make_case,
    make_team,
)

TODAY = date(2026, 11, 25)


@dataclass(frozen=True)
class TeamCaseload:
    store: Store
    team: TeamIds
    amy: CaseIds  # Jo's: an overdue visit, a full history
    ben: CaseIds  # Jo's: visited last week, nothing late
    cara: CaseIds  # Sam's
    unborn: CaseIds  # Sam's: an unborn baby

    def member(self, name: str) -> StaffMember:
        return next(m for m in list_staff(self.store) if m.name == name)


@pytest.fixture
def team(sqlite_store: Store) -> TeamCaseload:
    store = sqlite_store
    team = make_team(store)
    jo, sam = team.workers["Jo Bloggs"], team.workers["Sam Patel"]
    amy = make_case(store, lead_worker_id=jo, team_id=team.team_id, given_names="Amy",
                    family_name="Smith", date_of_birth=date(2019, 5, 1), start=date(2026, 9, 1),
                    manager_id=team.manager_id)
    add_plan_version(store, amy, 1, date(2026, 9, 1), made_by_id=jo)
    add_meeting(store, amy, date(2026, 9, 14))
    add_member(store, amy, "Pat Health", agency="NHS", job_title="Health visitor")
    v1 = add_visit(store, amy, date(2026, 9, 20), author_id=jo,
                   incident="Bruise on the left arm", injury="Left forearm")
    add_visit(store, amy, date(2026, 10, 9), author_id=jo, seen_alone=False,
              not_seen_alone_reason="Amy would not leave her mother")
    add_countersignature(store, CountersignSubject.VISIT, v1, team.manager_id, date(2026, 9, 22))
    ben = make_case(store, lead_worker_id=jo, team_id=team.team_id, given_names="Ben",
                    family_name="Jones", date_of_birth=date(2015, 2, 3), start=date(2026, 11, 2))
    add_visit(store, ben, date(2026, 11, 20), author_id=jo)
    add_meeting(store, ben, date(2026, 11, 13))
    cara = make_case(store, lead_worker_id=sam, team_id=team.team_id, given_names="Cara",
                     family_name="Brown", date_of_birth=date(2012, 7, 7), start=date(2026, 10, 1))
    add_visit(store, cara, date(2026, 11, 19), author_id=sam, status=RecordStatus.DRAFT)
    unborn = make_case(store, lead_worker_id=sam, team_id=team.team_id, given_names="Baby",
                       family_name="Green", date_of_birth=None,
                       expected_date_of_birth=date(2027, 1, 5), start=date(2026, 11, 16))
    return TeamCaseload(store, team, amy, ben, cara, unborn)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.is_busy, timeout=20_000)


@pytest.fixture
def open_window(
    qtbot: QtBot, settings: QSettings
) -> Iterator[Callable[[Store, StaffMember], MainWindow]]:
    """Make the main window on a store, signed in as someone, with the caseload loaded."""
    windows: list[MainWindow] = []

    def make(store: Store, user: StaffMember) -> MainWindow:
        window = MainWindow(settings, TODAY)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.use_store(store, user)
        wait_idle(qtbot, window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.worker.wait()
        window.store = None  # the fixture closes the store
