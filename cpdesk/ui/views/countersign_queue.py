"""The manager's countersign queue (002 s5: the manager reads and countersigns records, reports
and the plan) and the record read in full before deciding.

- `CountersignQueueView`: a window of its own listing what waits (child, case number, record,
  author, finalised, state), oldest first. Enter, double-click or Open reads the record.
- `ReviewDialog`: the record in full and read-only (a visit in the visit form itself; plan
  versions, minutes and reports as the words the signature covers), its addenda and earlier
  signatures, then "Countersign" (the password again, as a signature, and an optional comment)
  or "Return to author" (a comment is required). The decision buttons exist only for someone
  whose role may countersign; the services refuse everyone else anyway.
- `QueueCountLabel` ("3 to countersign" in the status bar) lives in queue_count.py, loaded at
  start-up without this window.
Every change goes out as `Changes` on `changed`; the main window publishes it on the bus.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.domain.countersign import CountersignState
from cpdesk.domain.enums import CountersignDecision, CountersignSubject
from cpdesk.domain.errors import CpdeskError, ValidationFailed
from cpdesk.domain.permissions import Permission, can
from cpdesk.models.db import Store
from cpdesk.services.changes import Changes
from cpdesk.services.countersign import QueueItem, countersign, countersign_queue, return_record
from cpdesk.services.review import ReviewRecord, review_record
from cpdesk.services.signin import SignInFailed
from cpdesk.ui.errors import describe
from cpdesk.ui.event_bus import touches
from cpdesk.ui.table_models.countersign_queue import CountersignQueueTableModel
from cpdesk.ui.table_models.rows import format_when
from cpdesk.ui.views.queue_count import QUEUE_KINDS
from cpdesk.ui.views.visit_form import VisitFormDialog
from cpdesk.ui.widgets.banner import Banner
from cpdesk.ui.widgets.error_line import ErrorLine
from cpdesk.ui.widgets.fields import heading, labelled, secondary
from cpdesk.ui.widgets.tables import OpenRowTable, chosen_record, proxy_sorted_table


class CountersignQueueView(QWidget):
    """The queue, in its own window (View > Countersign queue, Ctrl+Shift+K)."""

    changed = Signal(object)  # Changes after each countersignature or return

    def __init__(self, store: Store, actor: Actor, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor, self.today = store, actor, today
        self.review: ReviewDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(heading("Countersign queue"))
        layout.addWidget(secondary(
            "Final records of your team waiting for you to read and countersign, oldest first: "
            "visit records, plan versions, core group minutes and reports for review "
            "conferences. A record comes back here when its author adds an addendum."))
        self.banner = Banner()
        layout.addWidget(self.banner)
        row = QHBoxLayout()
        self.open_button = QPushButton("Open and read")
        self.open_button.setAccessibleName("Open and read")
        self.open_button.clicked.connect(self.open_selected)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setAccessibleName("Refresh")
        self.refresh_button.clicked.connect(self.load)
        self.summary = QLabel()
        self.summary.setAccessibleName("Queue summary")
        row.addWidget(self.open_button)
        row.addWidget(self.refresh_button)
        row.addWidget(self.summary, 1)
        layout.addLayout(row)
        self.model = CountersignQueueTableModel(self)
        self.table = OpenRowTable()
        self.proxy, _ = proxy_sorted_table(  # oldest finalised first
            self.model, "Records to countersign", (190, 110, 260, 150, 170),
            self.model.column_named("Finalised"), Qt.SortOrder.AscendingOrder, table=self.table)
        self.table.setWordWrap(False)
        self.table.open_requested.connect(self.open_selected)
        layout.addWidget(self.table, 1)

    def load(self) -> None:
        try:
            items = countersign_queue(self.store, self.actor)
        except CpdeskError as exc:
            self.banner.show_error(str(exc))
            items = []
        self.model.set_rows(items)
        self.summary.setText(f"{len(items)} record{'s' if len(items) != 1 else ''} to read."
                             if items else "Nothing is waiting for you to countersign.")
        self.open_button.setEnabled(bool(items))
        if items and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def on_changed(self, changes: Changes) -> None:
        # A closed queue (or one left from a previous sign-in) reloads when shown again.
        if self.isVisible() and touches(changes, *QUEUE_KINDS):
            self.load()

    def selected_item(self) -> QueueItem | None:
        return chosen_record(self.table)

    def open_selected(self) -> ReviewDialog | None:
        item = self.selected_item()
        return self.open_item(item) if item else None

    def open_item(self, item: QueueItem) -> ReviewDialog | None:
        try:
            dialog = ReviewDialog(self.store, self.actor, item.kind, item.record_id, self.today,
                                  self)
        except CpdeskError as exc:
            self.banner.show_error(str(exc))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.decided.connect(self._decided)
        self.review = dialog
        dialog.show()
        return dialog

    def _decided(self, changes: Changes) -> None:
        self.review = None
        self.load()
        self.banner.show_info(changes.message)
        self.changed.emit(changes)


class _ReadOnlyVisit(VisitFormDialog):
    """The visit form itself, read-only, set inside the review dialog instead of a window."""

    def __init__(self, store: Store, actor: Actor, visit_id: str, today: date) -> None:
        super().__init__(store, actor, visit_id, today)
        self.setWindowFlags(Qt.WindowType.Widget)
        for widget in (self.close_button, self.save_button, self.finalise_button,
                       self.addendum_question, self.addendum_button):
            widget.hide()
        self.banner.hide()  # the review dialog says what the manager can do

    def reject(self) -> None:  # Esc inside the form closes the review dialog, not the form
        outer = self.parentWidget()
        if outer is not None:
            outer.window().close()


def _record_html(record: ReviewRecord) -> str:
    parts = []
    for section in record.sections:
        lines = "".join(f"<p style='margin: 2px 0 6px 0'>{html.escape(line)}</p>"
                        for line in section.lines)
        parts.append(f"<h3 style='margin: 14px 0 2px 0'>{html.escape(section.heading)}</h3>"
                     f"{lines}")
    return "".join(parts)


class ReviewDialog(QDialog):
    """One record read in full, its addenda and signatures, and the manager's decision."""

    decided = Signal(object)  # Changes, after countersigning or returning

    def __init__(self, store: Store, actor: Actor, kind: CountersignSubject, record_id: str,
                 today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor, self.today = store, actor, today
        self.kind, self.record_id = CountersignSubject(kind), record_id
        self.record = review_record(store, actor, self.kind, record_id)
        r = self.record
        self.setWindowTitle(f"{r.title}: {r.child_name} - Countersign - cpdesk")
        self.setAccessibleName(f"{r.title} for {r.child_name}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        header = QFrame()
        header.setProperty("role", "record-header")
        head = QVBoxLayout(header)
        head.setContentsMargins(20, 10, 20, 10)
        head.setSpacing(2)
        head.addWidget(heading(f"{r.title}: {r.child_name}"))
        self.facts = secondary(
            f"Case number {r.case_number}   ·   Written by {r.author}   ·   Finalised "
            f"{format_when(r.finalised_at)}   ·   {r.state.label}")
        self.facts.setAccessibleName("About this record")
        head.addWidget(self.facts)
        outer.addWidget(header)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        if self.kind is CountersignSubject.VISIT:
            self.content: QWidget = _ReadOnlyVisit(store, actor, record_id, today)
        else:
            browser = QTextBrowser()
            browser.setAccessibleName("The record")
            browser.setOpenLinks(False)
            browser.setHtml(_record_html(r))
            browser.setStyleSheet("QTextBrowser { border: none; padding: 12px 20px; "
                                  "font-size: 11pt; }")
            self.content = browser
        splitter.addWidget(self.content)
        splitter.addWidget(self._side_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)

        bottom = QFrame()
        bottom.setStyleSheet("QFrame { border-top: 1px solid #b1b4b6; }")
        row = QHBoxLayout(bottom)
        row.setContentsMargins(20, 8, 20, 8)
        row.addStretch(1)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        row.addWidget(self.close_button)
        outer.addWidget(bottom)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(1280, screen.width() - 40) if screen else 1280,
                    min(860, screen.height() - 60) if screen else 860)

    # --- the side panel ---
    def _side_panel(self) -> QWidget:
        r = self.record
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(360)
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(16, 12, 20, 12)
        layout.setSpacing(6)

        layout.addWidget(heading("Addenda", "subheading"))
        if r.addenda:
            last_signed = max((s.signed_at for s in r.signatures), default=None)
            for a in r.addenda:
                new = last_signed is not None and a.written_at > last_signed
                label = QLabel(f"<b>{html.escape(format_when(a.written_at))}, "
                               f"{html.escape(a.author)}</b>"
                               + (" — <b>new since the last countersignature</b>" if new else "")
                               + f"<br>{html.escape(a.text)}")
                label.setWordWrap(True)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                label.setStyleSheet("border-left: 4px solid #1d70b8; padding: 4px 8px;"
                                    if new else "border-left: 4px solid #b1b4b6; "
                                    "padding: 4px 8px;")
                layout.addWidget(label)
        else:
            layout.addWidget(secondary("No addenda."))
        self.addenda_count = len(r.addenda)

        layout.addWidget(heading("Earlier decisions", "subheading"))
        if r.signatures:
            for s in r.signatures:
                what = ("Countersigned" if s.decision is CountersignDecision.COUNTERSIGNED
                        else "Returned to the author")
                text = f"<b>{what} by {html.escape(s.manager)}</b>, {format_when(s.signed_at)}"
                if s.comment:
                    text += f"<br>“{html.escape(s.comment)}”"
                label = QLabel(text)
                label.setWordWrap(True)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                layout.addWidget(label)
        else:
            layout.addWidget(secondary("Not countersigned or returned before."))

        self.decision_box: QGroupBox | None = None
        may_decide = (can(self.actor, Permission.COUNTERSIGN) and r.state.in_queue
                      and r.author_id != self.actor.staff_id)
        if may_decide:
            layout.addSpacing(8)
            layout.addWidget(self._decision_box())
        else:
            layout.addSpacing(8)
            layout.addWidget(secondary(self._why_no_decision()))
        layout.addStretch(1)
        scroll.setWidget(panel)
        return scroll

    def _why_no_decision(self) -> str:
        r = self.record
        if not can(self.actor, Permission.COUNTERSIGN):
            return "Only a manager can countersign or return this record."
        if r.author_id == self.actor.staff_id:
            return "This is your own record: another manager countersigns it."
        if r.state is CountersignState.COUNTERSIGNED:
            return "This record is countersigned. It comes back to the queue if its author " \
                   "adds an addendum."
        return "This record is not waiting for countersignature."

    def _decision_box(self) -> QGroupBox:
        box = QGroupBox("Your decision")
        self.decision_box = box
        lay = QVBoxLayout(box)
        lay.setSpacing(6)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setMinimumHeight(80)
        self.comment.setMaximumHeight(140)
        comment_label = labelled("&Comment", self.comment)
        comment_label.setStyleSheet("font-weight: 700;")
        lay.addWidget(comment_label)
        lay.addWidget(secondary(
            "Optional when you countersign. Needed when you return the record: say what the "
            "author should change or add."))
        self.comment_error = ErrorLine()
        lay.addWidget(self.comment_error)
        lay.addWidget(self.comment)
        row = QHBoxLayout()
        self.countersign_button = QPushButton("Countersign…")
        self.countersign_button.setAccessibleName("Countersign")
        self.countersign_button.setAutoDefault(False)
        self.countersign_button.setStyleSheet(
            "QPushButton { background: #00703c; color: white; font-weight: 600;"
            " padding: 6px 14px; } QPushButton:focus { background: #ffdd00; color: #0b0c0c; }")
        self.countersign_button.clicked.connect(self.start_signing)
        self.return_button = QPushButton("Return to author")
        self.return_button.setAccessibleName("Return to author")
        self.return_button.setAutoDefault(False)
        self.return_button.clicked.connect(self.return_to_author)
        row.addWidget(self.countersign_button)
        row.addWidget(self.return_button)
        row.addStretch(1)
        lay.addLayout(row)

        # The signature: the password again, only once the manager chooses to countersign.
        self.sign_box = QFrame()
        self.sign_box.setStyleSheet("QFrame#signBox { border-left: 5px solid #00703c; }")
        self.sign_box.setObjectName("signBox")
        sign = QVBoxLayout(self.sign_box)
        sign.setContentsMargins(12, 6, 6, 6)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        password_label = labelled("Your &password", self.password)
        password_label.setStyleSheet("font-weight: 700;")
        sign.addWidget(password_label)
        sign.addWidget(secondary("Countersigning is your signature, so cpdesk asks for your "
                                 "password again. The record is then locked: corrections are "
                                 "added as addenda by its author."))
        self.password_error = ErrorLine()
        sign.addWidget(self.password_error)
        sign.addWidget(self.password)
        sign_row = QHBoxLayout()
        self.confirm_button = QPushButton("Confirm and countersign")
        self.confirm_button.setAccessibleName("Confirm and countersign")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm_countersign)
        self.cancel_sign_button = QPushButton("Cancel")
        self.cancel_sign_button.setAccessibleName("Cancel signing")
        self.cancel_sign_button.setAutoDefault(False)
        self.cancel_sign_button.clicked.connect(self.cancel_signing)
        sign_row.addWidget(self.confirm_button)
        sign_row.addWidget(self.cancel_sign_button)
        sign_row.addStretch(1)
        sign.addLayout(sign_row)
        self.password.returnPressed.connect(self.confirm_countersign)
        self.sign_box.hide()
        lay.addWidget(self.sign_box)
        return box

    @property
    def may_decide(self) -> bool:
        return self.decision_box is not None

    # --- actions ---
    def start_signing(self) -> None:
        self.comment_error.hide()
        self.sign_box.show()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel_signing(self) -> None:
        self.password.clear()
        self.password_error.hide()
        self.sign_box.hide()
        self.countersign_button.setFocus()

    def confirm_countersign(self) -> None:
        if not self.password.text():
            self._password_error("Enter your password to sign")
            return
        try:
            changes = countersign(self.store, self.actor, self.kind, self.record_id,
                                  self.password.text(), self.comment.toPlainText())
        except SignInFailed as exc:
            self._password_error(f"{exc} Nothing has been signed.")
            return
        except CpdeskError as exc:
            self._password_error(describe(exc))
            return
        self._done(changes)

    def return_to_author(self) -> None:
        try:
            changes = return_record(self.store, self.actor, self.kind, self.record_id,
                                    self.comment.toPlainText())
        except ValidationFailed as exc:
            self.comment_error.say(exc.issues[0].message)
            self.comment.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except CpdeskError as exc:
            self.comment_error.say(describe(exc))
            return
        self._done(changes)

    def _password_error(self, text: str) -> None:
        self.password_error.say(text)
        self.password.clear()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _done(self, changes: Changes) -> None:
        r = self.record
        message = (f"{r.title} for {r.child_name} countersigned. It is now locked; its author "
                   "can add addenda, which come back to this queue."
                   if "Countersigned" in changes.message else
                   f"{r.title} for {r.child_name} returned to {r.author} with your comment.")
        self.decided.emit(Changes(changes.kinds, changes.ids, changes.child_ids | {r.child_id},
                                  message))
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # Enter never countersigns or returns by accident
            return
        super().keyPressEvent(event)
