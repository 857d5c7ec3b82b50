"""Issue 9 on screen, with real services on a test team database whose staff have passwords:
signing in, the idle lock, the manager's countersign queue, addenda, returning, roles, voiding
and the audit history. Typed and clicked with qtbot as a user would; the store is checked.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpdesk.domain.actor import SYSTEM
from cpdesk.domain.countersign import CountersignState, content_hash
from cpdesk.domain.enums import CountersignDecision, CountersignSubject, RecordStatus
from cpdesk.domain.errors import NotAllowed
from cpdesk.domain.staff import StaffMember
from cpdesk.models import Countersignature, Visit
from cpdesk.models.db import Store
from cpdesk.services.countersign import countersign, countersign_queue, return_record
from cpdesk.services.records import subject_content
from cpdesk.services.review import review_record
from cpdesk.services.signin import (
    MAX_FAILED_SIGN_INS,
    SignInFailed,
    set_password,
    sign_in,
)
from cpdesk.services.staff import list_staff, passwords_in_use
from cpdesk.ui.idle_lock import DEFAULT_IDLE_MINUTES, IDLE_KEY, LockScreen, idle_minutes
from cpdesk.ui.main_window import MainWindow
from cpdesk.ui.sign_in import SignInDialog, StaffPickerDialog
from cpdesk.ui.views.countersign_queue import ReviewDialog
from cpdesk.ui.views.visit_form import VisitFormDialog

from .conftest import TODAY, TeamCaseload, wait_idle

PASSWORDS = {"Ann Okafor": "ann-password-1", "Jo Bloggs": "jo-password-12",
             "Sam Patel": "sam-password-1"}
VISIT = CountersignSubject.VISIT
Opener = Callable[[Store, StaffMember], MainWindow]


@pytest.fixture
def locked_team(team: TeamCaseload) -> TeamCaseload:
    """The UI tests' team, with a password for everyone: a team database."""
    for member in list_staff(team.store):
        set_password(team.store, SYSTEM, member.staff_id, PASSWORDS[member.name])
    assert passwords_in_use(team.store)
    return team


def _queue_row(window: MainWindow, child: str, record_start: str) -> int:
    view = window.queue_window
    assert view is not None
    for row in range(view.proxy.rowCount()):
        if (view.proxy.index(row, 0).data() == child
                and view.proxy.index(row, 2).data().startswith(record_start)):
            return row
    raise AssertionError(f"{child} {record_start} is not in the queue")


def _amy_waiting_visit(team: TeamCaseload) -> str:
    ann = team.member("Ann Okafor").actor
    return next(i.record_id for i in countersign_queue(team.store, ann)
                if i.child_id == team.amy.child_id and i.kind is VISIT)


# --- sign-in -----------------------------------------------------------------------------

def test_sign_in_says_what_is_wrong_and_locks_after_five_failures(
    qtbot: QtBot, locked_team: TeamCaseload
) -> None:
    dialog = SignInDialog(locked_team.store, "")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message == "Enter your username"
    qtbot.keyClicks(dialog.username, "jo.bloggs")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message == "Enter your password"
    for _ in range(MAX_FAILED_SIGN_INS):
        qtbot.keyClicks(dialog.password, "not my password")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert dialog.message == "The username or password is not right."
        assert dialog.password.text() == ""  # typed again from scratch
        assert dialog.result() != SignInDialog.DialogCode.Accepted
    # the right password no longer works: the account is locked, and the message says until when
    qtbot.keyClicks(dialog.password, PASSWORDS["Jo Bloggs"])
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert "locked after 5 failed attempts" in dialog.message
    assert "Try again after " in dialog.message
    assert dialog.member is None


def test_opening_a_team_database_asks_for_a_password_and_signs_in(
    qtbot: QtBot, locked_team: TeamCaseload, settings: QSettings
) -> None:
    window = MainWindow(settings, TODAY)  # the real sign-in step
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(dialog.windowTitle())
        dialog.username.setText("Sam.Patel")  # usernames are not case-sensitive
        qtbot.keyClicks(dialog.password, PASSWORDS["Sam Patel"])
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)
    window.open_database(locked_team.store.url, remember=False)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20_000)
    wait_idle(qtbot, window)
    assert seen == ["Sign in - cpdesk"]
    assert window.user_label.text() == "Sam Patel · Social worker"
    assert window.idle_lock.armed
    window.worker.wait()


def test_a_database_without_passwords_keeps_who_are_you(
    qtbot: QtBot, team: TeamCaseload, settings: QSettings
) -> None:
    assert not passwords_in_use(team.store)
    window = MainWindow(settings, TODAY)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StaffPickerDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(dialog.windowTitle())
        dialog.select_name("Jo Bloggs")
        dialog.accept()

    QTimer.singleShot(50, answer)
    window.open_database(team.store.url, remember=False)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20_000)
    wait_idle(qtbot, window)
    assert seen == ["Who are you? - cpdesk"]
    assert not window.idle_lock.armed  # nothing to ask for: no idle lock
    window.worker.wait()


# --- the idle lock -----------------------------------------------------------------------

def test_idle_lock_covers_the_window_and_unlocks_with_the_password(
    qtbot: QtBot, locked_team: TeamCaseload, settings: QSettings, open_window: Opener
) -> None:
    settings.setValue(IDLE_KEY, 0.004)  # about a quarter of a second
    window = open_window(locked_team.store, locked_team.member("Jo Bloggs"))
    filter_box = window.caseload.filter_edit
    qtbot.keyClicks(filter_box, "Am")  # typing in progress when cpdesk locks
    qtbot.waitUntil(lambda: window.idle_lock.is_locked, timeout=5_000)

    screens = [s for s in window.findChildren(LockScreen) if s.isVisible()]
    assert len(screens) == 1
    screen = screens[0]
    assert screen.geometry() == window.rect()  # the whole window, menus included
    assert "Signed in as Jo Bloggs" in screen.explanation.text()
    # nothing underneath can be reached while locked: typing and shortcuts are refused
    qtbot.keyClicks(filter_box, "y")
    assert filter_box.text() == "Am"
    calendar_before = getattr(window, "calendar_window", None)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert getattr(window, "calendar_window", None) is calendar_before

    qtbot.keyClicks(screen.password, "wrong password")
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert window.idle_lock.is_locked
    assert screen.error.text() == "The password is not right."
    qtbot.keyClicks(screen.password, PASSWORDS["Jo Bloggs"])
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not window.idle_lock.is_locked
    qtbot.waitUntil(lambda: not any(s.isVisible() for s in window.findChildren(LockScreen)))
    assert filter_box.text() == "Am"  # nothing typed was lost
    qtbot.keyClicks(filter_box, "y")
    assert filter_box.text() == "Amy"
    # and it locks again after the next idle spell
    qtbot.waitUntil(lambda: window.idle_lock.is_locked, timeout=5_000)
    window.idle_lock.stop()


def test_idle_lock_also_covers_an_open_visit_form_without_losing_its_typing(
    qtbot: QtBot, locked_team: TeamCaseload, settings: QSettings, open_window: Opener
) -> None:
    settings.setValue(IDLE_KEY, 0.004)
    jo = locked_team.member("Jo Bloggs")
    window = open_window(locked_team.store, jo)
    window.idle_lock.timer.stop()
    window.open_child(locked_team.amy.child_id, "Visits")
    form = window.child.visits.new_visit()
    assert form is not None
    qtbot.addWidget(form)
    qtbot.keyClicks(form.meals, "Toast for breakfast")
    window.idle_lock.lock()
    covering = [s for s in form.findChildren(LockScreen) if s.isVisible()]
    assert covering and covering[0].geometry() == form.rect()
    qtbot.keyClicks(form.meals, " and eggs")  # refused while locked
    assert form.meals.text() == "Toast for breakfast"
    assert window.idle_lock.try_unlock(PASSWORDS["Jo Bloggs"], covering[0])
    assert form.isVisible() and form.meals.text() == "Toast for breakfast"
    window.idle_lock.stop()
    form.close()


# --- the countersign queue ---------------------------------------------------------------

def test_manager_countersigns_from_the_queue_then_an_addendum_brings_it_back(
    qtbot: QtBot, locked_team: TeamCaseload, open_window: Opener
) -> None:
    store = locked_team.store
    ann = locked_team.member("Ann Okafor")
    window = open_window(store, ann)
    waiting = countersign_queue(store, ann.actor)
    assert window.queue_action.isVisible()
    assert window.queue_count.isVisible()
    assert window.queue_count.words == f"{len(waiting)} to countersign"

    qtbot.keyClick(window, Qt.Key.Key_K,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.queue_window
    assert view is not None and view.isVisible()
    assert view.model.rowCount() == len(waiting)
    assert [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Child", "Case number", "Record", "Author", "Finalised", "State"]
    visit_id = _amy_waiting_visit(locked_team)
    row = _queue_row(window, "Amy Smith", "Visit record, Fri 9 Oct 2026")
    assert view.proxy.index(row, 1).data() == locked_team.amy.case_number
    assert view.proxy.index(row, 3).data() == "Jo Bloggs"
    assert view.proxy.index(row, 5).data() == "Waiting"
    view.table.setCurrentIndex(view.proxy.index(row, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    review = view.review
    assert isinstance(review, ReviewDialog)
    # the record in full, read-only, in the visit form itself
    assert isinstance(review.content, VisitFormDialog)
    assert not review.content.editable
    assert "Amy would not leave her mother" in review.content.questions[
        "children[0].not_seen_alone_reason"].widget.text()

    qtbot.keyClicks(review.comment, "Please see Amy alone at school next time.")
    qtbot.mouseClick(review.countersign_button, Qt.MouseButton.LeftButton)
    assert review.sign_box.isVisible()
    qtbot.keyClicks(review.password, "not my password")
    qtbot.mouseClick(review.confirm_button, Qt.MouseButton.LeftButton)
    assert "The password is not right." in review.password_error.text()
    with store.session() as session:
        assert session.scalar(select(Countersignature).where(
            Countersignature.subject_id == visit_id)) is None  # nothing signed
    qtbot.keyClicks(review.password, PASSWORDS["Ann Okafor"])
    qtbot.mouseClick(review.confirm_button, Qt.MouseButton.LeftButton)
    assert review.result() == ReviewDialog.DialogCode.Accepted

    with store.session() as session:
        signature = session.scalars(select(Countersignature).where(
            Countersignature.subject_id == visit_id)).one()
        signed_content = content_hash(subject_content(session, VISIT, visit_id))
        assert signature.decision is CountersignDecision.COUNTERSIGNED
        assert signature.manager_id == ann.staff_id
        assert signature.comment == "Please see Amy alone at school next time."
        assert signature.content_hash == signed_content  # a hash of exactly what was signed
    assert visit_id not in {i.record_id for i in countersign_queue(store, ann.actor)}
    assert view.model.rowCount() == len(waiting) - 1
    assert window.queue_count.words == f"{len(waiting) - 1} to countersign"
    assert "countersigned" in view.banner.message

    # Jo adds an addendum from the visit form on her own computer...
    jo = locked_team.member("Jo Bloggs")
    form = VisitFormDialog(store, jo.actor, visit_id, TODAY)
    qtbot.addWidget(form)
    form.show()
    assert form.addendum_button.isVisible()
    qtbot.keyClicks(form.addendum_text, "Amy was seen alone at school on 12 Oct 2026.")
    qtbot.mouseClick(form.addendum_button, Qt.MouseButton.LeftButton)
    # ...and the record is back in Ann's queue, the addendum marked as new
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    row = _queue_row(window, "Amy Smith", "Visit record, Fri 9 Oct 2026")
    assert view.proxy.index(row, 5).data() == "Addendum to read"
    record = review_record(store, ann.actor, VISIT, visit_id)
    assert record.state is CountersignState.ADDENDUM_AWAITING
    assert [a.text for a in record.addenda] == ["Amy was seen alone at school on 12 Oct 2026."]
    assert [s.manager for s in record.signatures] == ["Ann Okafor"]
    view.table.setCurrentIndex(view.proxy.index(row, 0))
    again = view.open_selected()
    assert again is not None
    assert again.addenda_count == 1 and again.may_decide
    again.close()
    form.close()


def test_returning_needs_a_comment(
    qtbot: QtBot, locked_team: TeamCaseload, open_window: Opener
) -> None:
    store = locked_team.store
    ann = locked_team.member("Ann Okafor")
    window = open_window(store, ann)
    window.show_countersign_queue()
    view = window.queue_window
    assert view is not None
    row = _queue_row(window, "Ben Jones", "Visit record")
    view.table.setCurrentIndex(view.proxy.index(row, 0))
    review = view.open_selected()
    assert review is not None
    visit_id = review.record_id
    qtbot.mouseClick(review.return_button, Qt.MouseButton.LeftButton)
    assert review.comment_error.text() == "Enter why you are returning the record"
    assert review.isVisible()
    with store.session() as session:
        assert session.scalar(select(Countersignature).where(
            Countersignature.subject_id == visit_id)) is None
    qtbot.keyClicks(review.comment, "Say what Ben told you about school.")
    qtbot.mouseClick(review.return_button, Qt.MouseButton.LeftButton)
    with store.session() as session:
        returned = session.scalars(select(Countersignature).where(
            Countersignature.subject_id == visit_id)).one()
        assert returned.decision is CountersignDecision.RETURNED
        assert returned.comment == "Say what Ben told you about school."
    assert visit_id not in {i.record_id for i in countersign_queue(store, ann.actor)}
    assert "returned to Jo Bloggs" in view.banner.message


def test_a_social_worker_has_no_queue_and_the_services_refuse(
    qtbot: QtBot, locked_team: TeamCaseload, open_window: Opener
) -> None:
    store = locked_team.store
    jo = locked_team.member("Jo Bloggs")
    visit_id = _amy_waiting_visit(locked_team)
    window = open_window(store, jo)
    assert not window.queue_action.isVisible()
    assert not window.audit_action.isVisible()
    assert not window.queue_count.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_K,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    window.show_countersign_queue()
    assert window.queue_window is None
    with pytest.raises(NotAllowed, match="cannot countersign"):
        countersign(store, jo.actor, VISIT, visit_id, PASSWORDS["Jo Bloggs"])
    with pytest.raises(NotAllowed, match="cannot return records"):
        return_record(store, jo.actor, VISIT, visit_id, "Please redo")
    with pytest.raises(NotAllowed):
        ReviewDialog(store, jo.actor, VISIT, visit_id, TODAY)
    with store.session() as session:
        assert session.scalar(select(Countersignature).where(
            Countersignature.subject_id == visit_id)) is None


# --- voiding and the audit history ------------------------------------------------------

def test_void_a_visit_from_the_visits_tab_keeps_it_marked_voided(
    qtbot: QtBot, locked_team: TeamCaseload, open_window: Opener
) -> None:
    store = locked_team.store
    window = open_window(store, locked_team.member("Jo Bloggs"))
    window.open_child(locked_team.ben.child_id, "Visits")
    tab = window.child.visits
    assert tab.model.rowCount() == 1
    tab.table.selectRow(0)
    assert tab.void_button.isVisible() and tab.void_button.isEnabled()
    visit_id = tab.selected_visit_id()
    said: list[str] = []

    def answer() -> None:
        dialog = tab.void_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, answer)
            return
        qtbot.mouseClick(dialog.void_button, Qt.MouseButton.LeftButton)  # no reason yet
        said.append(dialog.message)
        qtbot.keyClicks(dialog.reason, "Entered on Ben's record by mistake: this was Cara.")
        qtbot.mouseClick(dialog.void_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)
    qtbot.mouseClick(tab.void_button, Qt.MouseButton.LeftButton)
    assert said == ["Enter why the record is being voided"]
    with store.session() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None  # never deleted
        assert visit.status is RecordStatus.VOIDED
        assert visit.void_reason == "Entered on Ben's record by mistake: this was Cara."
    assert tab.model.rowCount() == 1
    record_column = tab.model.column_named("Record")
    assert tab.model.index(0, record_column).data() == (
        "Voided: Entered on Ben's record by mistake: this was Cara.")
    assert "1 voided" in tab.summary.text()
    tab.table.selectRow(0)
    assert not tab.void_button.isEnabled()  # already voided
    # Opened again, the record says it is voided and why.
    jo = locked_team.member("Jo Bloggs")
    form = VisitFormDialog(store, jo.actor, visit_id, TODAY)
    qtbot.addWidget(form)
    assert form.status_label.text().startswith(
        "Voided: Entered on Ben's record by mistake: this was Cara.")


def test_manager_reads_the_audit_history_of_the_childs_records(
    qtbot: QtBot, locked_team: TeamCaseload, open_window: Opener
) -> None:
    store = locked_team.store
    ann = locked_team.member("Ann Okafor")
    visit_id = _amy_waiting_visit(locked_team)
    countersign(store, ann.actor, VISIT, visit_id, PASSWORDS["Ann Okafor"], "Good record")
    window = open_window(store, ann)
    window.open_child(locked_team.amy.child_id)
    assert window.audit_action.isVisible()
    window.audit_action.trigger()
    dialog = window.audit_dialog
    qtbot.addWidget(dialog)
    rows = [[dialog.proxy.index(r, c).data() for c in range(4)]
            for r in range(dialog.proxy.rowCount())]
    assert ["Ann Okafor", "Countersigned", "Visit record"] in [r[1:] for r in rows]
    # choosing the event shows what it recorded, in words
    row = next(i for i, r in enumerate(rows) if r[2] == "Countersigned")
    dialog.table.selectRow(row)
    assert "Comment: Good record" in dialog.after.toPlainText()
    # nothing about another child's records
    bens = {i.record_id for i in countersign_queue(store, ann.actor)
            if i.child_id == locked_team.ben.child_id}
    assert not {e.subject_id for e in dialog.model.entries} & bens


def test_idle_time_comes_from_the_settings(settings: QSettings) -> None:
    """The idle time is read from QSettings: an unset or broken value means 10 minutes."""
    assert idle_minutes(settings) == DEFAULT_IDLE_MINUTES == 10
    settings.setValue(IDLE_KEY, "soon")
    assert idle_minutes(settings) == 10
    settings.setValue(IDLE_KEY, "2.5")
    assert idle_minutes(settings) == 2.5


def test_a_worker_changes_their_own_password(
    qtbot: QtBot, locked_team: TeamCaseload, open_window: Opener
) -> None:
    store = locked_team.store
    window = open_window(store, locked_team.member("Jo Bloggs"))
    assert window.password_action.isVisible()
    window.password_action.trigger()
    dialog = window.password_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.fields["current"], "not my password")
    qtbot.keyClicks(dialog.fields["password"], "a new long password")
    qtbot.keyClicks(dialog.fields["password_again"], "a new long password")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert [link.text() for link in dialog.summary.links] == [
        "Your current password is not right"]
    dialog.fields["current"].setText(PASSWORDS["Jo Bloggs"])
    dialog.fields["password_again"].setText("something else entirely")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert [link.text() for link in dialog.summary.links] == [
        "The two passwords are different. Type the same password in both boxes"]
    dialog.fields["password_again"].setText("a new long password")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert window.banner.message.startswith("Your password has been changed.")
    assert sign_in(store, "jo.bloggs", "a new long password").name == "Jo Bloggs"
    with pytest.raises(SignInFailed):
        sign_in(store, "jo.bloggs", PASSWORDS["Jo Bloggs"])


def test_no_password_menu_on_a_database_without_passwords(
    team: TeamCaseload, open_window: Opener
) -> None:
    window = open_window(team.store, team.member("Jo Bloggs"))
    assert not window.password_action.isVisible()
