"""File > Print or export as a user: the dialog on the demo caseload with real services.

Each document is chosen in turn, saved into a temporary folder on the app's worker, and read
back with pypdf (the child's case number and the document's heading in it, the export audited
as the signed-in worker); the manager's caseload compliance report; documents that cannot be
made say why in the dialog and leave no file; the form's own checks; Open and Show in folder;
the folder remembered; and in the main window, Ctrl+P unavailable to a social worker with no
child open, the selected meeting offered, Esc closing. Runs on SQLite, and on PostgreSQL too
when CPDESK_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QSettings, Qt, QUrl
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import RecordStatus, Role
from cpdesk.domain.staff import StaffMember
from cpdesk.models import AuditEvent, Child, CoreGroupMeeting, Plan, Visit, VisitChild
from cpdesk.models.db import Store
from cpdesk.services.child_record import load_child_record
from cpdesk.services.demo import write_demo_data
from cpdesk.services.profile import current_profile
from cpdesk.services.staff import list_staff
from cpdesk.ui.event_bus import EventBus
from cpdesk.ui.main_window import MainWindow, _db_key
from cpdesk.ui.views.core_group_dialogs import to_qdate
from cpdesk.ui.views.print_dialog import FOLDER_KEY, PrintDialog, default_folder
from cpdesk.ui.worker import Worker
from cpdesk.ui.workspace import Workspace
from tests.case_factory import make_case
from tests.ui.conftest import wait_idle

TODAY = date(2026, 11, 25)
KAYDEN = "NB-204384"  # Asha's: a child's copy written, seven core groups held
ALFIE = "NB-204497"  # Asha's: no child's copy written yet


@pytest.fixture
def demo(store: Store) -> Store:
    write_demo_data(store, TODAY)
    return store


def _member(store: Store, name: str) -> StaffMember:
    return next(m for m in list_staff(store) if m.name == name)


def _child_id(store: Store, case_number: str) -> str:
    with store.session() as s:
        child_id = s.scalar(select(Child.id).where(Child.case_number == case_number))
    assert child_id is not None
    return child_id


def _text(path: Path) -> str:
    """The PDF's text with all white space removed (cells and headings wrap)."""
    reader = PdfReader(str(path))
    return "".join("".join(page.extract_text() or "" for page in reader.pages).split())


def _has(text: str, words: str) -> bool:
    return "".join(words.split()) in text


def _dialog(qtbot: QtBot, store: Store, user: StaffMember, settings: QSettings,
            case_number: str | None = None, **kw: object) -> PrintDialog:
    record = (load_child_record(store, _child_id(store, case_number), TODAY)
              if case_number else None)
    workspace = Workspace(store=store, user=user, today=TODAY, profile=current_profile(store),
                          bus=EventBus(), worker=Worker())
    dialog = PrintDialog(workspace, settings, record=record, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _save(qtbot: QtBot, dialog: PrintDialog) -> None:
    """Click Save and wait for the worker (the dialog stays responsive meanwhile)."""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    if not dialog.error_messages:  # the click returns at once: the PDF is made in the background
        assert dialog.busy and dialog.progress_row.isVisible()
        assert not dialog.save_button.isEnabled() and dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    dialog.workspace.worker.wait()


def _exports(store: Store) -> list[AuditEvent]:
    with store.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == "export")
                              .order_by(AuditEvent.sequence)))


def test_every_document_for_a_child(qtbot: QtBot, demo: Store, settings: QSettings,
                                    tmp_path: Path) -> None:
    asha = _member(demo, "Asha Patel")
    profile = current_profile(demo)
    with demo.session() as s:
        visit_id, visit_date = s.execute(
            select(Visit.id, Visit.visit_date).join(VisitChild, VisitChild.visit_id == Visit.id)
            .join(Child, Child.id == VisitChild.child_id)
            .where(Child.case_number == KAYDEN, Visit.status == RecordStatus.FINAL)
            .order_by(Visit.visit_date.desc())).first()  # type: ignore[misc]
    dialog = _dialog(qtbot, demo, asha, settings, KAYDEN, visit_id=visit_id)
    assert dialog.windowTitle() == "Print or export"
    # a social worker is not offered the caseload compliance report
    assert "compliance" not in dialog.radios
    headings = {
        "plan": profile.plan_name, "child-plan": "My plan", "visit": "Visit records",
        "visits": "Visit records", "pro-forma": "Core group pro forma",
        "pro-forma-filled": "Core group pro forma", "minutes": "Core group minutes",
        "agreement": "Written agreement",
        "review-report": f"Report for the review {profile.conference_name}",
    }
    assert list(dialog.radios) == list(headings)
    dialog.folder.setText(str(tmp_path))
    saved: dict[str, Path] = {}
    for key, title in headings.items():
        radio = dialog.radios[key]  # click its round button, as a user would
        qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
        assert dialog.choice is not None and dialog.choice.key == key
        assert dialog.dates.isVisible() == (key == "visits")
        if key == "visits":
            dialog.date_from.setDate(to_qdate(date(2026, 10, 1)))
            dialog.date_to.setDate(to_qdate(date(2026, 11, 20)))
        name = dialog.file_name.text()
        assert name.startswith(f"{KAYDEN} ") and name.endswith(" 2026-11-25.pdf"), name
        _save(qtbot, dialog)
        assert dialog.error_messages == [], (key, dialog.error_messages)
        assert dialog.saved_path == tmp_path / name
        assert dialog.done_label.text() == (f"Saved to {tmp_path / name}. Open it to check "
                                            "it and print it.")
        assert dialog.open_button.isVisible() and dialog.show_button.isVisible()
        text = _text(tmp_path / name)
        assert _has(text, KAYDEN), key
        assert _has(text, title[:1].upper() + title[1:]), (key, title)
        saved[key] = tmp_path / name

    assert saved["plan"].name == f"{KAYDEN} plan 2026-11-25.pdf"
    kayden = load_child_record(demo, _child_id(demo, KAYDEN), TODAY)
    first_name = kayden.name.split()[0]
    assert all(first_name not in p.name for p in saved.values())  # no names in file names
    assert _has(_text(saved["visit"]), format_date(visit_date))
    assert _has(_text(saved["pro-forma"]), "to complete at the meeting")
    assert _has(_text(saved["pro-forma-filled"]), "filled in from the meeting record")
    visits_text = _text(saved["visits"])
    assert _has(visits_text, format_date(date(2026, 10, 1)))
    # every export audited as the worker who is signed in, naming the file
    events = _exports(demo)
    assert len(events) == len(headings)
    assert all(e.actor_id == asha.staff_id for e in events)
    assert all('"printed_by": "Asha Patel"' in (e.after or "") for e in events)
    assert {p.name for p in saved.values()} == {p.name for p in tmp_path.glob("*.pdf")}


def test_the_manager_prints_the_caseload_compliance_report(
    qtbot: QtBot, demo: Store, settings: QSettings, tmp_path: Path
) -> None:
    helen = _member(demo, "Helen Ashworth")
    assert helen.role is Role.MANAGER
    dialog = _dialog(qtbot, demo, helen, settings)  # no child open
    assert list(dialog.radios) == ["compliance"]
    assert dialog.radios["compliance"].isChecked()
    assert dialog.about_child.text().startswith("No child is open")
    dialog.folder.setText(str(tmp_path))
    assert dialog.file_name.text() == f"{helen.team_name} caseload compliance 2026-11-25.pdf"
    _save(qtbot, dialog)
    assert dialog.error_messages == []
    assert dialog.saved_path is not None
    text = _text(dialog.saved_path)
    assert _has(text, "Caseload compliance") and _has(text, str(helen.team_name))
    assert _has(text, KAYDEN) and _has(text, ALFIE)  # every open plan in the team
    assert [e.subject_kind for e in _exports(demo)] == ["caseload"]


def test_a_document_that_cannot_be_made_says_why_and_writes_nothing(
    qtbot: QtBot, demo: Store, settings: QSettings, tmp_path: Path
) -> None:
    asha = _member(demo, "Asha Patel")
    out = tmp_path / "out"  # tmp_path holds the SQLite database too
    out.mkdir()
    dialog = _dialog(qtbot, demo, asha, settings, ALFIE)
    dialog.folder.setText(str(out))
    dialog.choose("child-plan")
    _save(qtbot, dialog)
    assert dialog.error_messages == [(f"The plan for {ALFIE} has no child's copy written yet: "
                                      "write it in the plan first")]
    assert dialog.summary.isVisible() and not dialog.done_box.isVisible()
    assert dialog.saved_path is None and dialog.save_button.isEnabled()

    # minutes for a child whose core group has not met yet
    with demo.session() as s:
        team_id = s.scalar(select(Child.team_id).where(Child.case_number == ALFIE))
    make_case(demo, lead_worker_id=asha.staff_id, team_id=team_id, case_number="NB-999001",
              given_names="Noah", family_name="Reed", start=date(2026, 11, 20))
    new = _dialog(qtbot, demo, asha, settings, "NB-999001")
    new.folder.setText(str(out))
    new.choose("minutes")
    assert new.choice is not None and new.choice.label == ("Core group minutes of the latest "
                                                           "meeting held")
    _save(qtbot, new)
    assert new.error_messages == ["No core group meeting has been held for NB-999001 yet"]
    # a filled-in pro forma needs a held meeting too: said before anything is made
    new.choose("pro-forma-filled")
    _save(qtbot, new)
    assert new.error_messages == [("No core group meeting has been held for NB-999001 yet. "
                                   "Print the pro forma for the next meeting instead")]
    assert list(out.iterdir()) == []
    assert _exports(demo) == []


def test_the_form_checks_folder_file_name_and_dates(
    qtbot: QtBot, demo: Store, settings: QSettings, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, demo, _member(demo, "Asha Patel"), settings, KAYDEN)
    dialog.choose("visits")
    dialog.date_from.setDate(to_qdate(date(2026, 11, 20)))
    dialog.date_to.setDate(to_qdate(date(2026, 11, 1)))
    dialog.folder.setText(str(tmp_path / "not there"))
    dialog.file_name.setText("a/b")
    _save(qtbot, dialog)
    assert dialog.focusWidget() is dialog.summary.links[0]  # the summary is read first
    assert dialog.error_messages == [
        "The first date of the visits must be the same as or before the second date",
        f"The folder {tmp_path / 'not there'} does not exist. Choose another folder",
        'File name must not contain any of \\ / : * ? " < > |',
    ]
    dialog.summary.links[1].click()  # choosing an entry moves focus to its field
    assert dialog.focusWidget() is dialog.folder

    # an earlier export is never overwritten: the suggestion moves on, a typed name is refused
    (tmp_path / f"{KAYDEN} plan 2026-11-25.pdf").write_bytes(b"earlier")
    dialog.folder.setText(str(tmp_path))
    dialog.file_name.clear()
    dialog.choose("plan")
    assert dialog.file_name.text() == f"{KAYDEN} plan 2026-11-25 (2).pdf"
    dialog.file_name.setText(f"{KAYDEN} plan 2026-11-25")  # ".pdf" is added
    _save(qtbot, dialog)
    assert dialog.error_messages == [(f"A file called {KAYDEN} plan 2026-11-25.pdf is already "
                                      "in this folder. Enter a different file name")]
    assert (tmp_path / f"{KAYDEN} plan 2026-11-25.pdf").read_bytes() == b"earlier"
    assert _exports(demo) == []


def test_open_show_in_folder_and_the_folder_remembered(
    qtbot: QtBot, demo: Store, settings: QSettings, tmp_path: Path
) -> None:
    asha = _member(demo, "Asha Patel")
    dialog = _dialog(qtbot, demo, asha, settings, KAYDEN)
    opened: list[QUrl] = []
    dialog.open_url = opened.append
    dialog.folder.setText(str(tmp_path))
    dialog.choose("agreement")
    _save(qtbot, dialog)
    assert dialog.saved_path is not None
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(dialog.saved_path))]
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert opened[1] == QUrl.fromLocalFile(str(tmp_path))  # Linux: the folder is opened
    # saving again suggests a new name rather than replacing the one just made
    assert dialog.file_name.text() == f"{KAYDEN} written agreement 2026-11-25 (2).pdf"
    assert settings.value(FOLDER_KEY) == str(tmp_path)
    again = _dialog(qtbot, demo, asha, settings, KAYDEN)
    assert again.folder.text() == str(tmp_path)


def test_print_or_export_from_the_main_window(
    qtbot: QtBot, demo: Store, open_window: Callable[[Store, StaffMember], MainWindow],
    tmp_path: Path,
) -> None:
    window = open_window(demo, _member(demo, "Asha Patel"))
    assert window.child.record is None
    action = window.print_action
    assert action.text() == "&Print or export…" and action.shortcut().toString() == "Ctrl+P"
    assert not action.isEnabled()  # a social worker with no child open: nothing to print

    child_id = _child_id(demo, KAYDEN)
    window.open_child(child_id, "Core group")
    assert action.isEnabled()
    with demo.session() as s:
        held = s.execute(
            select(CoreGroupMeeting.id, CoreGroupMeeting.held_on)
            .join(Plan, Plan.id == CoreGroupMeeting.plan_id)
            .where(Plan.child_id == child_id, CoreGroupMeeting.held_on.is_not(None))
            .order_by(CoreGroupMeeting.held_on)).first()
        held_count = s.scalar(
            select(func.count()).select_from(CoreGroupMeeting)
            .join(Plan, Plan.id == CoreGroupMeeting.plan_id)
            .where(Plan.child_id == child_id, CoreGroupMeeting.held_on.is_not(None)))
    assert held is not None and held_count and held_count > 1
    assert window.child.core_group.select_meeting(held[0])  # the first meeting, not the latest
    action.trigger()
    dialog = window.print_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.radios["minutes"].text() == (
        f"Core group minutes of the meeting held on {format_date(held[1])}")
    dialog.folder.setText(str(tmp_path))
    dialog.choose("minutes")
    _save(qtbot, dialog)
    assert dialog.saved_path is not None
    assert _has(_text(dialog.saved_path), format_date(held[1]))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    # a manager with no child open may print the caseload compliance report
    window.settings.remove(f"{_db_key(demo.url)}/child")  # not the child open last time
    window.use_store(demo, _member(demo, "Helen Ashworth"))
    wait_idle(qtbot, window)
    assert window.child.record is None and action.isEnabled()
    action.trigger()
    assert window.print_dialog is not None and list(window.print_dialog.radios) == ["compliance"]


def test_closing_while_the_pdf_is_made_still_saves_it_and_says_so(
    qtbot: QtBot, demo: Store, settings: QSettings, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, demo, _member(demo, "Asha Patel"), settings, KAYDEN)
    said: list[str] = []
    dialog.workspace.bus.changed.connect(lambda changes: said.append(changes.message))
    dialog.folder.setText(str(tmp_path))
    dialog.choose("plan")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc closes at once
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    path = tmp_path / f"{KAYDEN} plan 2026-11-25.pdf"
    assert path.exists() and _has(_text(path), KAYDEN)
    assert said == [f"The {current_profile(demo).plan_name}: saved to {path}"]


def test_the_folder_offered_first_is_one_that_exists(
    settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    assert default_folder(settings) == str(home)  # a new account: no Documents folder yet
    (home / "Documents").mkdir()
    assert default_folder(settings) == str(home / "Documents")
