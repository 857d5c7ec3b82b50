"""The Core group tab, the record-meeting dialog and the calendar, used as a worker would:
typing and clicking with qtbot on real services over a test store, then checking the store,
the alerts and the exported .ics file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cpdesk.domain.actor import Actor
from cpdesk.domain.core_group import (
    AttendanceRecord,
    CalendarItem,
    CalendarKind,
    MeetingRecord,
    MemberDraft,
    ProgressRecord,
)
from cpdesk.domain.enums import AlertKind, MemberKind, RecordStatus, Role
from cpdesk.models.db import Store
from cpdesk.services import core_group as cg
from cpdesk.services.alerts import alerts_as_of
from cpdesk.services.profile import set_profile
from cpdesk.ui.table_models.core_group import CalendarTableModel
from cpdesk.ui.views.calendar_view import CalendarView
from cpdesk.ui.views.core_group_dialogs import ErrorSummary
from cpdesk.ui.views.core_group_view import CoreGroupTabView
from tests.case_factory import CaseIds, make_case, make_team

CONFERENCE = date(2026, 12, 18)  # Friday before Christmas
ADMIN = Actor(staff_id=None, name="Admin", role=Role.ADMINISTRATOR)


@pytest.fixture
def store(sqlite_store: Store) -> Store:
    return sqlite_store


def setup_case(store: Store) -> tuple[Actor, CaseIds]:
    team = make_team(store)
    jo = Actor(staff_id=team.workers["Jo Bloggs"], name="Jo Bloggs", role=Role.SOCIAL_WORKER,
               team_id=team.team_id)
    case = make_case(store, lead_worker_id=jo.staff_id or "", team_id=team.team_id,
                     start=CONFERENCE, case_number="CP-3003", given_names="Amy",
                     family_name="Smith")
    return jo, case


def named(root: QWidget, kind: type, name: str) -> QWidget:
    found = [w for w in root.findChildren(kind) if w.accessibleName() == name]
    assert found, f"no {kind.__name__} named {name!r}"
    return found[0]


def with_dialog(qtbot: QtBot, act: Callable[[QDialog], None]) -> list[str]:
    """Run `act` on the next modal dialog once it is showing; returns any failure text."""
    problems: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, run)
            return
        try:
            act(dialog)
        except Exception as exc:  # noqa: BLE001 - reported by the test; never leave it open
            problems.append(repr(exc))
            dialog.reject()

    QTimer.singleShot(0, run)
    return problems


def set_date(edit: QDateEdit, d: date) -> None:
    edit.setDate(QDate(d.year, d.month, d.day))


def click_primary(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.mouseClick(dialog.primary_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("profile", "due", "due_words"), [
    # England: 10 working days after Fri 18 Dec 2026, skipping Fri 25 Dec, Mon 28 Dec (Boxing
    # Day substitute) and Fri 1 Jan: Mon 21-Thu 24 (4), Tue 29-Thu 31 (7), Mon 4-Wed 6 (10).
    ("england-default", date(2027, 1, 6), "Wed 6 Jan 2027"),
    # Scotland: 15 working days, also skipping Mon 4 Jan (2 January's substitute):
    # Mon 21-Thu 24 (4), Tue 29-Thu 31 (7), Tue 5-Fri 8 (11), Mon 11-Thu 14 (15).
    ("scotland", date(2027, 1, 14), "Thu 14 Jan 2027"),
])
def test_arrange_the_first_core_group_after_a_christmas_conference(
    qtbot: QtBot, store: Store, profile: str, due: date, due_words: str
) -> None:
    set_profile(store, ADMIN, profile)
    jo, case = setup_case(store)
    view = CoreGroupTabView(store, jo, case.plan_id, CONFERENCE)
    qtbot.addWidget(view)
    view.load()
    assert view.next_due.text() == f"Next meeting due by {due_words}; none arranged yet."

    seen: dict[str, str] = {}

    def arrange(dialog: QDialog) -> None:
        seen["hint"] = " ".join(w.text() for w in dialog.findChildren(type(view.next_due)))
        # a date after the due date needs a reason
        date_box = named(dialog, QDateEdit, "Date of the meeting")
        set_date(date_box, due.replace(day=due.day + 1))
        click_primary(qtbot, dialog)
        summary = dialog.findChild(ErrorSummary)
        seen["error"] = " | ".join(summary.messages)
        set_date(date_box, due)  # on the due date: no reason needed
        click_primary(qtbot, dialog)

    problems = with_dialog(qtbot, arrange)
    qtbot.mouseClick(view.arrange_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert f"Due by {due_words}" in seen["hint"]
    assert seen["error"] == f"Enter why the meeting is later than its due date of {due_words}"
    [meeting] = cg.list_meetings(store, case.plan_id)
    assert meeting.due_date == due and meeting.meeting_date == due
    assert view.message.text() == f"Core group meeting arranged for {due_words}."
    assert view.meetings_model.rowCount() == 1


def test_record_a_meeting_with_apologies_and_minutes(qtbot: QtBot, store: Store) -> None:
    jo, case = setup_case(store)
    cg.add_member(store, jo, case.plan_id, MemberDraft(
        name="Pat Health", agency="NHS", job_title="Health visitor",
        role_in_plan="Weighs Amy fortnightly", phone="01234 567890"))
    cg.add_member(store, jo, case.plan_id, MemberDraft(
        name="Lee Smith", kind=MemberKind.FAMILY, job_title="Father", excluded=True,
        excluded_reason="Threatened staff at the conference"))
    cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE)
    today = date(2027, 1, 6)

    def core_group_alerts(on: date) -> set[AlertKind]:
        return {a.kind for a in alerts_as_of(store, on, child_id=case.child_id)} & {
            AlertKind.CORE_GROUP_OVERDUE, AlertKind.MINUTES_OVERDUE}

    assert core_group_alerts(date(2027, 1, 7)) == {AlertKind.CORE_GROUP_OVERDUE}

    view = CoreGroupTabView(store, jo, case.plan_id, today)
    qtbot.addWidget(view)
    view.load()
    assert [m.name for m in view.members_model.rows] == ["Pat Health", "Lee Smith"]
    assert view.members_model.data(view.members_model.index(1, 5)) == "Excluded parent"
    assert "Lee Smith" in view.reminder.text()
    view.meetings_table.selectRow(0)
    assert view.record_button.isEnabled()

    seen: dict[str, object] = {}

    def record(dialog: QDialog) -> None:
        # the worker recording the meeting chairs it and is marked as attending
        assert named(dialog, QLineEdit, "Who chaired the meeting?").text() == "Jo Bloggs"
        assert named(dialog, QComboBox, "Did Jo Bloggs attend?").currentText() == "Attended"
        named(dialog, QComboBox, "Did Pat Health attend?").setCurrentText("Sent apologies")
        assert named(dialog, QComboBox, "Did Lee Smith attend?").currentText() == "Not present"
        # someone who is not a member came too
        add = next(b for b in dialog.findChildren(type(view.add_member_button))
               if b.text() == "Add someone else")
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(named(dialog, QLineEdit, "Name of someone else at the meeting"),
                        "Dr Rao")
        named(dialog, QComboBox, "Did this person attend?").setCurrentText("Attended")
        qtbot.keyClicks(named(dialog, QPlainTextEdit, "Progress: Amy is safe at night"),
                        "Night-time carer started on 2 Jan")
        qtbot.keyClicks(named(dialog, QPlainTextEdit, "Decisions"),
                        "Health visitor to visit weekly")
        click_primary(qtbot, dialog)
        summary = dialog.findChild(ErrorSummary)
        seen["errors"] = summary.messages
        # choosing the error moves focus to the summary box it names
        box = named(dialog, QPlainTextEdit,
                    "Pat Health's summary of involvement since the last meeting")
        item = summary.list.item(0)
        seen["focus"] = summary.fields[item.data(Qt.ItemDataRole.UserRole)] is box
        summary.list.itemActivated.emit(item)
        qtbot.keyClicks(box, "Two home visits; Amy's weight is up")
        minutes = named(dialog, QCheckBox, "Minutes circulated?")
        minutes.setChecked(True)
        click_primary(qtbot, dialog)
        seen["result"] = dialog.result()

    problems = with_dialog(qtbot, record)
    qtbot.mouseClick(view.record_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert seen["errors"] == [
        ("Enter Pat Health's summary of their involvement with the family since the last core "
        "group meeting")]
    assert seen["focus"] is True
    assert seen["result"] == QDialog.DialogCode.Accepted

    stored = cg.get_meeting(store, cg.list_meetings(store, case.plan_id)[0].meeting_id)
    assert stored.status is RecordStatus.FINAL and stored.held_on == today
    assert stored.minutes_circulated_on == today
    apologies = [a for a in stored.attendance if a.apologies]
    assert [(a.name, a.summary_of_involvement) for a in apologies] == [
        ("Pat Health", "Two home visits; Amy's weight is up")]
    assert [p.progress for p in stored.progress] == ["Night-time carer started on 2 Jan"]
    assert [a.name for a in stored.attendance if a.attended] == ["Jo Bloggs", "Dr Rao"]
    # the excluded parent reminder comes with the confirmation (002 s4)
    assert "Lee Smith is excluded from the core group: tell them about the discussions and " \
        "outcomes of this meeting" in view.message.text()
    # held and minutes circulated: no core group or minutes alert until the next is due
    assert core_group_alerts(date(2027, 1, 7)) == set()
    assert core_group_alerts(date(2027, 1, 22)) == set()
    assert core_group_alerts(date(2027, 2, 4)) == {AlertKind.CORE_GROUP_OVERDUE}


def test_minutes_circulated_later_clears_the_alert(qtbot: QtBot, store: Store) -> None:
    jo, case = setup_case(store)
    cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE)
    [m] = cg.list_meetings(store, case.plan_id)
    lines = cg.plan_outcomes(store, case.plan_id)
    cg.record_meeting(store, jo, m.meeting_id, MeetingRecord(
        held_on=date(2027, 1, 6), chair="Jo Bloggs",
        attendance=(AttendanceRecord("Jo Bloggs", attended=True),),
        progress=(ProgressRecord("Carer in place", outcome_id=lines[0].outcome_id),),
        decisions="Continue"), today=date(2027, 1, 6))
    kinds = {a.kind for a in alerts_as_of(store, date(2027, 1, 22), child_id=case.child_id)}
    assert AlertKind.MINUTES_OVERDUE in kinds

    view = CoreGroupTabView(store, jo, case.plan_id, date(2027, 1, 22))
    qtbot.addWidget(view)
    view.load()
    row = next(n for n, x in enumerate(view.meetings_model.rows) if x.is_held)
    status = view.meetings_model.data(view.meetings_model.index(row, 3))
    assert status == "Overdue: due by Thu 21 Jan 2027"
    view.meetings_table.selectRow(row)
    problems = with_dialog(qtbot, lambda d: click_primary(qtbot, d))
    qtbot.mouseClick(view.minutes_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert view.message.text() == ("Minutes of the meeting on Wed 6 Jan 2027 circulated on "
                                   "Fri 22 Jan 2027.")
    kinds = {a.kind for a in alerts_as_of(store, date(2027, 1, 22), child_id=case.child_id)}
    assert AlertKind.MINUTES_OVERDUE not in kinds


def test_calendar_month_agenda_open_and_export(qtbot: QtBot, store: Store,
                                               tmp_path: Path) -> None:
    jo, case = setup_case(store)
    cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE)
    today = date(2027, 1, 4)
    view = CalendarView(store, jo, today)
    qtbot.addWidget(view)
    view.load()
    rows = view.model.rows
    words = [(r.date, r.title, r.status_text) for r in rows]
    assert (date(2027, 1, 1), "Visit due", "Overdue") in words  # 14 days after 18 Dec
    assert (date(2027, 1, 6), "Core group meeting", "Due") in words
    assert view.agenda_heading.text() == "January 2027"
    # the status column says Overdue in words
    overdue_row = next(n for n, r in enumerate(rows) if r.overdue)
    assert view.model.data(view.model.index(overdue_row, 5)) == "Overdue"

    # clicking a day selects its first item; activating it asks to open it
    view.calendar.setSelectedDate(QDate(2027, 1, 6))
    view._day_chosen(QDate(2027, 1, 6))
    selected = view.table.selectionModel().selectedRows()[0].row()
    with qtbot.waitSignal(view.item_activated) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    item = opened.args[0]
    assert isinstance(item, CalendarItem) and item is rows[selected]
    assert (item.kind, item.date, item.child_id) == (CalendarKind.CORE_GROUP, date(2027, 1, 6),
                                                     case.child_id)

    # the next month: the review conference is due 3 months after the conference (March)
    view.calendar.setCurrentPage(2027, 3)
    assert view.agenda_heading.text() == "March 2027"
    assert [r.title for r in view.model.rows] == ["Review child protection conference due"]

    out = tmp_path / "jo.ics"

    def export(dialog: QDialog) -> None:
        path = named(dialog, QLineEdit, "Save the calendar as")
        path.clear()
        qtbot.keyClicks(path, str(out))
        assert not named(dialog, QCheckBox, "Put children's initials in event titles").isChecked()
        click_primary(qtbot, dialog)

    problems = with_dialog(qtbot, export)
    with qtbot.waitSignal(view.changed) as saved:
        qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert "Calendar saved:" in saved.args[0].message
    events = {str(e["SUMMARY"]): str(e["UID"])
              for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert "Core group meeting, CP-3003" in events
    assert events["Core group meeting, CP-3003"] == f"{case.plan_id}-next-core_group@cpdesk"
    assert "Amy" not in out.read_text() and "Smith" not in out.read_text()


def test_calendar_table_model(qtmodeltester: object, store: Store) -> None:
    jo, _ = setup_case(store)
    model = CalendarTableModel()
    model.set_rows(cg.calendar_items(store, jo, date(2026, 12, 1), date(2027, 3, 31),
                                     date(2027, 1, 4)))
    assert model.rowCount() >= 4
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_main_window_hosts_the_core_group_and_the_calendar(
    qtbot: QtBot, team: object, open_window: Callable[..., object]
) -> None:
    from cpdesk.ui.main_window import MainWindow

    from .conftest import TODAY

    jo = team.member("Jo Bloggs")  # type: ignore[attr-defined]
    window = open_window(team.store, jo)  # type: ignore[attr-defined]
    assert isinstance(window, MainWindow)
    window.open_child(team.amy.child_id, "Core group")  # type: ignore[attr-defined]
    tab = window.child.core_group
    assert isinstance(tab, CoreGroupTabView)
    assert [m.name for m in tab.member_records] == ["Pat Health"]
    # a change made in the tab reaches the window's bus (the caseload and banner refresh)
    with qtbot.waitSignal(window.bus.changed) as published:
        tab._done(cg.add_member(team.store, jo.actor, team.amy.plan_id,  # type: ignore
                                MemberDraft(name="Sue Lin", job_title="Class teacher")))
    assert published.args[0].message == "Sue Lin added to the core group."
    assert [m.name for m in window.child.core_group.member_records] == ["Pat Health", "Sue Lin"]
    menus = {a.text(): a for top in window.menuBar().actions() if top.menu()
             for a in top.menu().actions()}
    assert "&Export calendar…" in menus and "&Calendar" in menus
    menus["&Calendar"].trigger()
    calendar = window.calendar_window
    assert isinstance(calendar, CalendarView) and calendar.today == TODAY
    assert {i.case_number for i in calendar.items} <= {team.amy.case_number,  # type: ignore
                                                       team.ben.case_number}  # type: ignore
    calendar.close()
