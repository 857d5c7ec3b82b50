"""Opening a database the way `cpdesk --demo` does, and choosing who you are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from cpdesk.domain.staff import StaffMember
from cpdesk.models.db import open_store
from cpdesk.services.caseload import load_caseload
from cpdesk.services.demo import write_demo_data
from cpdesk.services.staff import list_staff
from cpdesk.ui.main_window import MainWindow
from cpdesk.ui.recent_databases import recent_databases
from cpdesk.ui.sign_in import StaffPickerDialog

from .conftest import TODAY, TeamCaseload, wait_idle


def test_staff_picker_lists_everyone_and_returns_the_choice(
    qtbot: QtBot, team: TeamCaseload
) -> None:
    staff = list_staff(team.store)
    sam = team.member("Sam Patel")
    dialog = StaffPickerDialog(staff, last_staff_id=sam.staff_id)
    qtbot.addWidget(dialog)
    listing = next(w for w in dialog.findChildren(QListWidget) if w.accessibleName() == "Staff")
    assert [listing.item(n).text() for n in range(listing.count())] == [
        "Ann Okafor, Manager, North team", "Jo Bloggs, Social worker, North team",
        "Sam Patel, Social worker, North team"]
    assert dialog.chosen() == sam  # the last person on this database is chosen already
    listing.setCurrentRow(1)
    qtbot.keyClick(listing, Qt.Key.Key_Return)
    assert dialog.result() == StaffPickerDialog.DialogCode.Accepted
    assert dialog.chosen() == team.member("Jo Bloggs")


class SignInAs:
    """A SignIn step that picks a named person (the real one shows StaffPickerDialog)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.offered: list[str] = []

    def sign_in(self, parent, store, staff: list[StaffMember], last):  # type: ignore[no-untyped-def]
        self.offered = [m.name for m in staff]
        return next(m for m in staff if m.name == self.name)


def test_demo_database_opens_signs_in_and_shows_the_caseload(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    path = tmp_path / "demo.sqlite"
    sign_in = SignInAs("Helen Ashworth")  # the demo team's manager
    window = MainWindow(settings, TODAY, sign_in=sign_in)
    qtbot.addWidget(window)
    window.open_database(str(path), prepare=lambda store: write_demo_data(store, TODAY),
                         remember=False)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30_000)
    wait_idle(qtbot, window)
    assert "Helen Ashworth" in sign_in.offered
    assert window.user_label.text() == "Helen Ashworth · Manager"

    check = open_store(path)
    try:
        manager = next(m for m in list_staff(check) if m.name == "Helen Ashworth")
        expected = load_caseload(check, manager.actor, TODAY)
    finally:
        check.close()
    assert expected, "the demo caseload has children"
    assert sorted(r.child_id for r in window.caseload.model.shown_rows) == sorted(
        r.child_id for r in expected)
    assert window.alerts.model.rowCount() > 0
    # a throwaway demo database is not offered as the last database next time
    assert recent_databases(settings) == []
    assert not settings.contains("databases/last")
    # open the most serious child and read every tab without an error
    first = window.caseload.model.shown_rows[0]
    window.open_child(first.child_id)
    assert window.child.name_label.text() == first.child_name
    for n in range(window.child.tabs.count()):
        window.child.tabs.setCurrentIndex(n)
    assert window.banner.message == ""
    window.worker.wait()
    window.store.close()  # type: ignore[union-attr]
    window.store = None
