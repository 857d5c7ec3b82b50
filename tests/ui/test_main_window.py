"""The main window on a small team's caseload, used as a person would: type, tick, sort,
open a child, switch tabs, and check what is shown against the store."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cpdesk.domain.chronology import ChronologyKind
from cpdesk.domain.dates import format_date
from cpdesk.domain.errors import CpdeskError
from cpdesk.domain.staff import StaffMember
from cpdesk.models.db import Store
from cpdesk.services.caseload import load_caseload
from cpdesk.services.changes import Changes
from cpdesk.services.child_record import load_child_record
from cpdesk.services.chronology import chronology_for
from cpdesk.services.plans import load_plan
from cpdesk.ui.main_window import MainWindow
from tests.case_factory import make_case

from .conftest import TODAY, TeamCaseload, wait_idle

OpenWindow = Callable[[Store, StaffMember], MainWindow]


def by_name(parent: QWidget, kind: type, name: str):  # type: ignore[no-untyped-def]
    """The one widget a screen reader would announce as `name` (accessible name = label)."""
    found = [w for w in parent.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, f"expected one {kind.__name__} named {name!r}, found {len(found)}"
    return found[0]


def shown_names(window: MainWindow) -> list[str]:
    return [r.child_name for r in window.caseload.model.shown_rows]


def double_click_row(qtbot: QtBot, table: QTableView, row: int) -> None:
    table.scrollTo(table.model().index(row, 0))
    rect = table.visualRect(table.model().index(row, 0))
    # a real double-click is a press and release, then the double-click event
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_worker_filters_sorts_and_opens_a_child(
    qtbot: QtBot, team: TeamCaseload, open_window: OpenWindow
) -> None:
    jo = team.member("Jo Bloggs")
    window = open_window(team.store, jo)

    # only Jo's own children, as the caseload service gives them
    expected = load_caseload(team.store, jo.actor, TODAY)
    assert sorted(shown_names(window)) == sorted(r.child_name for r in expected)
    assert sorted(shown_names(window)) == ["Amy Smith", "Ben Jones"]
    assert window.user_label.text() == "Jo Bloggs · Social worker"
    assert window.db_label.text() == f"Database: {team.store.display_name}"
    # a social worker has no worker filter and no lead worker column
    assert not window.caseload.worker_combo.isVisible()

    # type to filter
    filter_edit = by_name(window, QLineEdit, "Filter children")
    qtbot.keyClicks(filter_edit, "ben")
    assert shown_names(window) == ["Ben Jones"]
    assert by_name(window, QLabel, "Children shown").text() == "Showing 1 of 2 children"
    qtbot.keyClick(filter_edit, Qt.Key.Key_Return)  # Enter opens the one child shown
    assert window.child.name_label.text() == "Ben Jones"
    filter_edit.clear()
    assert len(shown_names(window)) == 2

    # only children with alerts: Amy's visit is late, Ben was visited last week
    amy_row = next(r for r in expected if r.child_name == "Amy Smith")
    ben_row = next(r for r in expected if r.child_name == "Ben Jones")
    assert amy_row.alert_count > 0
    window.caseload.only_alerts.click()
    with_alerts = sorted(r.child_name for r in expected if r.alert_count)
    assert sorted(shown_names(window)) == with_alerts
    window.caseload.only_alerts.click()

    # sort by a date column by clicking its header: dates as dates, both ways
    table = window.caseload.table
    column = window.caseload.model.column_named("Plan start")
    header = table.horizontalHeader()
    table.scrollTo(table.model().index(0, column))
    orders = []
    for _ in range(2):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=_section_centre(header, column))
        orders.append([r.plan_start for r in window.caseload.model.shown_rows])
    assert orders[0] != orders[1]
    assert sorted([orders[0], orders[1]]) == sorted(
        [sorted(orders[0]), sorted(orders[0], reverse=True)])
    shown_text = table.model().index(0, column).data()
    assert shown_text == format_date(window.caseload.model.shown_rows[0].plan_start)

    # open Amy by double-clicking her row
    row = shown_names(window).index("Amy Smith")
    double_click_row(qtbot, table, row)
    record = load_child_record(team.store, team.amy.child_id, TODAY)
    assert window.child.name_label.text() == "Amy Smith"
    facts = window.child.facts_label.text()
    assert "7 years, born Wed 1 May 2019" in facts
    assert f"Case number {team.amy.case_number}" in facts
    assert window.child.plan_label.text() == (
        "Neglect, child protection plan since Tue 1 Sep 2026   ·   "
        "Lead Social Worker: Jo Bloggs"
    )
    # the overview's dates are the rules' dates
    next_visit = by_name(window.child, QLabel, "Next visit due")
    assert next_visit.text() == format_date(record.next_dates.next_visit_due)  # type: ignore
    assert len(window.child.overview.alert_lines()) == len(record.alerts)
    assert ben_row.child_name not in window.child.name_label.text()

    # switch tabs: visits, core group, conferences, plan show what is stored
    window.child.select_tab("Visits")
    visits = window.child.visits.model
    assert [visits.index(n, 0).data() for n in range(visits.rowCount())] == [
        "Fri 9 Oct 2026", "Sun 20 Sep 2026"]
    seen_alone = visits.column_named("Seen alone")
    assert visits.index(0, seen_alone).data() == "No: Amy would not leave her mother"
    assert visits.index(1, visits.column_named("Incidents or injuries")).data() == (
        "Bruise on the left arm")
    window.child.select_tab("Core group")
    members = window.child.core_group.members
    assert members.index(0, 0).data() == "Pat Health"
    meetings = window.child.core_group.meetings
    assert meetings.index(0, meetings.column_named("Held on")).data() == "Mon 14 Sep 2026"
    window.child.select_tab("Conferences")
    assert window.child.conferences.model.index(0, 1).data() == "Initial"
    window.child.select_tab("Plan")
    assert window.child.current_tab == "Plan"
    # The Plan tab is the plan editor, showing what is stored.
    concerns = by_name(window.child.plan, QListWidget, "Concerns")
    assert concerns.item(0).text() == "1. The children are left alone at night."
    assert window.child.plan.record() == load_plan(team.store, window.child.plan.plan_id)


def _section_centre(header, column):  # type: ignore[no-untyped-def]
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    return QPoint(x, header.height() // 2)


def test_chronology_filter_and_search(
    qtbot: QtBot, team: TeamCaseload, open_window: OpenWindow
) -> None:
    window = open_window(team.store, team.member("Jo Bloggs"))
    window.open_child(team.amy.child_id, "Chronology")
    assert window.child.current_tab == "Chronology"
    model = window.child.chronology.model
    entries = chronology_for(team.store, team.amy.child_id)
    shown = [(model.index(n, 0).data(), model.index(n, 2).data()) for n in range(model.rowCount())]
    assert shown == [(format_date(e.when), e.title) for e in entries]  # newest first
    assert shown[0] == ("Fri 9 Oct 2026", "Unannounced home visit")

    kind = by_name(window.child, QComboBox, "Show")
    kind.setCurrentIndex(kind.findData(ChronologyKind.INCIDENT))
    assert model.rowCount() == 1
    details = model.column_named("Details")
    assert model.index(0, details).data() == "Bruise on the left arm. Injury: Left forearm."

    kind.setCurrentIndex(0)
    search = by_name(window.child, QLineEdit, "Search the chronology")
    qtbot.keyClicks(search, "countersigned")
    assert [model.index(n, 2).data() for n in range(model.rowCount())] == [
        "Visit of Sun 20 Sep 2026 countersigned"]
    assert model.index(0, model.column_named("By")).data() == "Ann Okafor"
    assert by_name(window.child, QLabel, "Events shown").text() == (
        f"Showing 1 of {len(entries)} events")


def test_manager_sees_the_team_and_filters_by_worker(
    qtbot: QtBot, team: TeamCaseload, open_window: OpenWindow
) -> None:
    window = open_window(team.store, team.member("Ann Okafor"))
    assert window.caseload.title.text() == "Your team's caseload"
    assert sorted(shown_names(window)) == ["Amy Smith", "Baby Green", "Ben Jones", "Cara Brown"]
    combo = by_name(window, QComboBox, "Worker")
    assert not window.caseload.table.isColumnHidden(
        window.caseload.model.column_named("Lead worker"))
    combo.setCurrentIndex(combo.findText("Sam Patel"))
    assert sorted(shown_names(window)) == ["Baby Green", "Cara Brown"]
    # the unborn baby reads as unborn, in the caseload and in the record's header
    row = shown_names(window).index("Baby Green")
    age = window.caseload.model.column_named("Age")
    assert window.caseload.model.index(row, age).data() == "unborn, due Tue 5 Jan 2027"
    window.open_child(team.unborn.child_id)
    assert window.child.facts_label.text().startswith("unborn, due Tue 5 Jan 2027")
    combo.setCurrentIndex(0)
    assert len(shown_names(window)) == 4
    # the alerts panel covers the whole team, most serious first
    alerts = window.alerts.model.shown_rows
    assert {a.child_name for a in alerts} >= {"Amy Smith"}
    ranks = [a.severity.rank for a in alerts]
    assert ranks == sorted(ranks)


def test_alert_double_click_opens_the_child_at_the_right_tab(
    qtbot: QtBot, team: TeamCaseload, open_window: OpenWindow
) -> None:
    window = open_window(team.store, team.member("Jo Bloggs"))
    alerts = window.alerts.model.shown_rows
    row = next(n for n, a in enumerate(alerts) if a.kind.value in ("visit_overdue",
                                                                   "not_seen_alone"))
    double_click_row(qtbot, window.alerts.table, row)
    assert window.child.child_id == alerts[row].child_id
    assert window.child.current_tab == "Visits"


def test_refresh_and_changes_reload_and_errors_show_in_the_window(
    qtbot: QtBot, team: TeamCaseload, open_window: OpenWindow
) -> None:
    window = open_window(team.store, team.member("Jo Bloggs"))
    window.open_child(team.ben.child_id)
    # another change arrives: the caseload reloads, the open child stays open
    make_case(team.store, lead_worker_id=team.team.workers["Jo Bloggs"], given_names="Dora",
              family_name="White")
    window.bus.publish(Changes(kinds=frozenset({"child"}), message="Child added."))
    wait_idle(qtbot, window)
    assert "Dora White" in shown_names(window)
    assert window.banner.message == "Child added."
    assert window.child.child_id == team.ben.child_id
    window.refresh_action.trigger()  # F5
    wait_idle(qtbot, window)
    assert window.refresh_action.shortcut().toString() == "F5"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.print_action.shortcut().toString() == "Ctrl+P"

    window.open_child("00000000-0000-0000-0000-000000000000")
    assert window.banner.message == "This child is no longer in the database"
    assert "Traceback" not in window.banner.message


def test_a_database_that_cannot_be_opened_is_explained(
    qtbot: QtBot, settings: QSettings
) -> None:
    def refuse(url: str | None) -> Store:
        raise CpdeskError("cannot open team.example: connection refused")

    window = MainWindow(settings, TODAY, opener=refuse)
    qtbot.addWidget(window)
    window.open_database("postgresql://team.example/cpdesk")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.banner.isVisibleTo(window))
    assert window.banner.message == "cannot open team.example: connection refused"


def test_layout_and_last_child_persist(
    qtbot: QtBot, team: TeamCaseload, open_window: OpenWindow, settings: QSettings
) -> None:
    window = open_window(team.store, team.member("Jo Bloggs"))
    window.open_child(team.amy.child_id)
    window.splitter.setSizes([400, 900])
    window.caseload.table.setColumnWidth(0, 222)
    sizes = window.splitter.sizes()
    window.close()  # saves the layout

    again = MainWindow(settings, TODAY)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.use_store(team.store, team.member("Jo Bloggs"))
    wait_idle(qtbot, again)
    assert again.caseload.table.columnWidth(0) == 222
    # the split is restored: offscreen Qt may not restore the window's own size, and the
    # panes' minimum widths can nudge it, so compare the caseload's share of the width, which
    # is far from the first-run default (about half)
    restored = again.splitter.sizes()
    assert sizes[0] / sum(sizes) < 0.4
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.08
    assert settings.contains("window/geometry")
    qtbot.waitUntil(lambda: again.child.child_id == team.amy.child_id)
    assert again.child.name_label.text() == "Amy Smith"
    again.store = None


def test_leaving_a_plan_with_changes_not_saved_asks_first(
    qtbot: QtBot, team: TeamCaseload, open_window: OpenWindow
) -> None:
    jo = team.member("Jo Bloggs")
    window = open_window(team.store, jo)
    asked: list[str] = []
    discard = False

    def ask(name: str) -> bool:
        asked.append(name)
        return discard

    window.ask_discard_plan_changes = ask  # type: ignore[method-assign]
    ids = {r.child_name: r.child_id for r in window.caseload.model.all_rows}
    window.open_child(ids["Amy Smith"], "Plan")
    window.open_child(ids["Ben Jones"])  # nothing typed: no question
    assert asked == [] and window.child.name_label.text() == "Ben Jones"

    window.open_child(ids["Amy Smith"], "Plan")
    box = by_name(window.child.plan, QPlainTextEdit, "Contingency plan")
    box.setFocus()
    qtbot.keyClicks(box, "If Kim drinks again, a strategy discussion the same day.")
    assert window.child.unsaved_plan_of() == "Amy Smith"

    # staying keeps the typing on screen, and the row of the child still open selected
    window.open_child(ids["Ben Jones"])
    assert asked == ["Amy Smith"]
    assert window.child.name_label.text() == "Amy Smith"
    assert "strategy discussion" in box.toPlainText()
    assert window.caseload.model.row_at(
        window.caseload.table.currentIndex().row()).child_name == "Amy Smith"
    window.close()
    assert window.isVisible() and len(asked) == 2  # closing asked too, and stayed

    # discarding goes on to the other child and leaves the stored plan as it was
    discard = True
    window.open_child(ids["Ben Jones"])
    assert window.child.name_label.text() == "Ben Jones"
    amy_plan = load_child_record(team.store, ids["Amy Smith"], TODAY).plan
    assert amy_plan is not None
    assert "strategy discussion" not in load_plan(team.store, amy_plan.plan_id).contingency_plan
