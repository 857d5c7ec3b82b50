"""Unfinished visit records are offered back on sign-in, and the caseload marks them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpdesk.domain.staff import StaffMember
from cpdesk.models.db import Store
from cpdesk.ui.main_window import MainWindow

from .conftest import TeamCaseload, wait_idle

OpenWindow = Callable[[Store, StaffMember], MainWindow]


def test_drafts_are_offered_back_and_open_in_the_visit_form(
    qtbot: QtBot, team: TeamCaseload, open_window: OpenWindow
) -> None:
    window = open_window(team.store, team.member("Sam Patel"))
    dialog = window.drafts_dialog
    assert dialog is not None and dialog.isVisible()
    assert [dialog.list.item(n).text() for n in range(dialog.list.count())] == [
        "Cara: visit on Thu 19 Nov 2026"]
    model = window.caseload.model
    draft = model.column_named("Draft visit")
    marks = {model.index(n, 0).data(): model.index(n, draft).data()
             for n in range(model.rowCount())}
    assert marks == {"Cara Brown": "Unfinished", "Baby Green": ""}

    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert window.child.child_id == team.cara.child_id
    assert window.child.current_tab == "Visits"
    [form] = window.child.visits.forms.values()
    assert form.isVisible() and form.record.status.value == "draft"
    form.close()


def test_no_drafts_no_dialog(team: TeamCaseload, open_window: OpenWindow) -> None:
    window = open_window(team.store, team.member("Jo Bloggs"))
    assert window.drafts_dialog is None
    window.offer_drafts(always=True)
    assert window.drafts_dialog is None
    assert window.banner.message == "You have no unfinished visit records."
