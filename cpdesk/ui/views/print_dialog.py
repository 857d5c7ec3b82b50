"""File > Print or export: one printed document of the child open (or a manager's caseload
compliance report) saved as a PDF in a folder the user chooses.

Owns the dialog (`PrintDialog`), the list of documents on offer for the child, the selected
meeting and visit (`document_choices`, pure Python, no Qt), the suggested file name
(`suggest_file_name`: case number, document and date, never a child's name) and
`selection_in(child_view)`, which reads the meeting and visit selected in the child's record.

The PDF is made by `services.documents.export_document` on the app's worker (off the GUI
thread, its own session); that service also records the "export" audit event naming who printed
what. The system's PDF viewer is the preview ("Open" after saving). Imports services, domain
and PySide6; never SQLAlchemy or ReportLab.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QProcess, QSettings, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.child_record import ChildRecord
from cpdesk.domain.core_group import MeetingDetail
from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import RecordStatus, Role
from cpdesk.domain.errors import CpdeskError
from cpdesk.domain.profiles import Profile
from cpdesk.domain.staff import StaffMember
from cpdesk.services.changes import Changes
from cpdesk.services.documents import export_document
from cpdesk.ui.errors import describe, log_exception
from cpdesk.ui.views.printing import can_print
from cpdesk.ui.widgets.dates import date_edit, from_qdate
from cpdesk.ui.widgets.error_summary import ErrorSummary
from cpdesk.ui.widgets.fields import heading, secondary
from cpdesk.ui.workspace import Workspace

FOLDER_KEY = "documents/folder"
# Characters Windows (and so a shared drive) does not allow in a file name.
NOT_ALLOWED = '\\/:*?"<>|'


# --- what can be printed ------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentChoice:
    """One document the dialog offers: what it is called, the export kind and its scope."""

    key: str  # "plan", "visit", "visits", "pro-forma", "pro-forma-filled", "minutes", ...
    kind: str  # the export kind (services.documents.KINDS)
    label: str  # what the radio button says
    about: str  # one line under the list: what the document holds
    file_words: str  # the middle of the file name: "plan", "minutes"
    meeting_id: str | None = None
    visit_id: str | None = None
    enabled: bool = True
    needs_held_meeting: bool = False  # the filled-in pro forma: refuse if none was held


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _latest_held(record: ChildRecord) -> tuple[str, date] | None:
    held = [(m.held_on, m.meeting_id) for m in record.meetings
            if m.held_on is not None and m.status is not RecordStatus.VOIDED]
    if not held:
        return None
    on, meeting_id = max(held)
    return meeting_id, on


def _next_meeting_words(record: ChildRecord) -> str:
    pending = [m for m in record.meetings
               if m.held_on is None and m.status is not RecordStatus.VOIDED]
    if pending:
        m = min(pending, key=lambda m: m.due_date)
        if m.scheduled_for is not None:
            return f"the next meeting, on {format_date(m.scheduled_for)}"
        return f"the next meeting, due by {format_date(m.due_date)}"
    due = record.next_dates.next_core_group_due
    return f"the next meeting, due by {format_date(due)}" if due else "the next meeting"


def document_choices(
    user: StaffMember, profile: Profile, record: ChildRecord | None, *,
    meeting: MeetingDetail | None = None, visit_id: str | None = None,
) -> list[DocumentChoice]:
    """The documents on offer, in the order the dialog lists them.

    With a child open: the plan, the child's copy, the selected visit (enabled only when one
    is selected), visits between two dates, the pro forma (blank for the next meeting, or
    the selected meeting if it is not yet held; filled in from the selected held meeting or
    else the latest held), the minutes (of the selected held meeting, else the latest held),
    the written agreement and the review report. Managers and administrators also get the
    caseload compliance report (a manager's own team; an administrator's every team).
    """
    out: list[DocumentChoice] = []
    if record is not None:
        plan_name = _capital(profile.plan_name)
        out.append(DocumentChoice(
            "plan", "plan", f"The {profile.plan_name}",
            f"{plan_name}: the current version in full, with the core group members and "
            "any disagreements recorded.", "plan"))
        out.append(DocumentChoice(
            "child-plan", "child-plan", "The child's copy of the plan",
            "The plan in the child's own words, in large type, to give to the child.",
            "childs copy"))
        visit = next((v for v in record.visits if v.visit_id == visit_id), None)
        if visit_id is not None:
            when = (f"the visit on {format_date(visit.visit_date)}"
                    if visit is not None and visit.visit_date else "the selected visit")
            out.append(DocumentChoice(
                "visit", "visits", f"Visit record: {when}",
                "Every recorded detail of the visit chosen in the Visits tab, with addenda "
                "and countersignature.", "visit record", visit_id=visit_id))
        else:
            out.append(DocumentChoice(
                "visit", "visits",
                "Visit record: the selected visit (choose one in the Visits tab first)",
                "Choose a visit in the Visits tab first, then print it here.",
                "visit record", enabled=False))
        out.append(DocumentChoice(
            "visits", "visits", "Visit records between two dates",
            "Every visit to the child from the first date to the second, oldest first.",
            "visit records"))

        selected_held = meeting is not None and meeting.held_on is not None
        if meeting is not None and not selected_held:
            blank_words = f"the meeting on {format_date(meeting.meeting_date)}"
            blank_id: str | None = meeting.meeting_id
        else:
            blank_words, blank_id = _next_meeting_words(record), None
        out.append(DocumentChoice(
            "pro-forma", "pro-forma", f"Core group pro forma for {blank_words}",
            "To print before the meeting: the header filled in, with space to write "
            "progress, attendance and decisions by hand.", "pro forma", meeting_id=blank_id))
        latest = _latest_held(record)
        if selected_held and meeting is not None and meeting.held_on is not None:
            held: tuple[str, date] | None = (meeting.meeting_id, meeting.held_on)
            which = "the meeting held on"
        else:
            held, which = latest, "the latest meeting, held on"
        out.append(DocumentChoice(
            "pro-forma-filled", "pro-forma",
            f"Core group pro forma filled in from {which} {format_date(held[1])}" if held
            else "Core group pro forma filled in from the latest meeting held",
            "The pro forma with what was recorded at the meeting written in.",
            "pro forma filled in", meeting_id=held[0] if held else None,
            needs_held_meeting=True))
        out.append(DocumentChoice(
            "minutes", "minutes",
            f"Core group minutes of {which} {format_date(held[1])}" if held
            else "Core group minutes of the latest meeting held",
            "The minutes: attendance, progress on each outcome and action, decisions, "
            "disagreements and the next meeting.", "minutes",
            meeting_id=held[0] if held else None))
        out.append(DocumentChoice(
            "agreement", "agreement", "The written agreement",
            "The plan as an agreement, with a line for every core group member to sign and "
            "date.", "written agreement"))
        out.append(DocumentChoice(
            "review-report", "review-report",
            f"Report of the core group for the review {profile.conference_name}",
            f"Progress outcome by outcome, visits, core group attendance, incidents and "
            f"disagreements since the last {profile.conference_name}.", "review report"))
    if user.role in (Role.MANAGER, Role.ADMINISTRATOR):
        scope = user.team_name if user.role is Role.MANAGER and user.team_name else None
        out.append(DocumentChoice(
            "compliance", "compliance", "Caseload compliance report",
            f"Every open plan in {scope or 'every team'} with its alerts, the most serious "
            "first.", "caseload compliance"))
    return out


def _safe_name(text: str) -> str:
    return "".join("-" if ch in NOT_ALLOWED or ord(ch) < 32 else ch for ch in text).strip()


def suggest_file_name(choice: DocumentChoice, case_number: str | None, team: str | None,
                      today: date, folder: Path | None = None) -> str:
    """"NB-204384 plan 2026-11-25.pdf": case number, document, date; no child's name.

    The compliance report is named by its team. If `folder` already holds that name, " (2)"
    and so on is added, so an earlier export is never overwritten.
    """
    who = case_number if choice.kind != "compliance" else (team or "All teams")
    stem = _safe_name(f"{who} {choice.file_words} {today.isoformat()}")
    name, n = f"{stem}.pdf", 1
    while folder is not None and (folder / name).exists():
        n += 1
        name = f"{stem} ({n}).pdf"
    return name


def default_folder(settings: QSettings) -> str:
    """The folder saved to last time, else the user's Documents folder, else (a new account
    with no Documents folder yet) their home folder: never a folder that is not there."""
    saved = settings.value(FOLDER_KEY)
    if saved and Path(str(saved)).is_dir():
        return str(saved)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return docs if docs and Path(docs).is_dir() else str(Path.home())


def selection_in(child_view: QWidget) -> tuple[MeetingDetail | None, str | None]:
    """The core group meeting and the visit selected in the child's record (ChildRecordView),
    read from its tabs' public tables; (None, None) when nothing is chosen."""
    meeting = None
    core_group = getattr(child_view, "core_group", None)
    table = getattr(core_group, "meetings_table", None)
    model = getattr(core_group, "meetings_model", None)
    if table is not None and model is not None:
        rows = table.selectionModel().selectedRows()
        meeting = model.row_at(rows[0].row()) if rows else None
    visits = getattr(child_view, "visits", None)
    selected = getattr(visits, "selected_visit_id", None)
    visit_id = selected() if callable(selected) else None
    return meeting, visit_id


# --- the dialog -----------------------------------------------------------------------------


class PrintDialog(QDialog):
    """Which document, which folder, what file name; Save makes the PDF in the background.

    `open_url` opens a file or folder in the system's application (tests replace it).
    `saved_path` is the last file saved; `error_messages` what the error summary says.
    """

    def __init__(
        self, workspace: Workspace, settings: QSettings, *, record: ChildRecord | None = None,
        meeting: MeetingDetail | None = None, visit_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self.record = record
        self.today = workspace.today
        self.user = workspace.user
        self.saved_path: Path | None = None
        self.busy = False
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._suggested = ""
        self.setWindowTitle("Print or export")
        self.setAccessibleName("Print or export")
        self.setMinimumWidth(640)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(heading("Print or export"))
        if record is not None:
            about = f"{record.name}, case number {record.case_number}"
        else:
            about = "No child is open: you can print the caseload compliance report."
        self.about_child = secondary(about)
        self.about_child.setAccessibleName("Printing for")
        layout.addWidget(self.about_child)
        self.summary = ErrorSummary()
        self.summary.chosen.connect(self._focus_field)
        layout.addWidget(self.summary)

        # which document
        self.choices = document_choices(self.user, workspace.profile, record,
                                        meeting=meeting, visit_id=visit_id)
        box = QGroupBox("Which document?")
        box.setAccessibleName("Which document?")
        box_layout = QVBoxLayout(box)
        box_layout.setSpacing(4)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for n, choice in enumerate(self.choices):
            radio = QRadioButton(choice.label)
            radio.setAccessibleName(choice.label)
            radio.setEnabled(choice.enabled)
            self.group.addButton(radio, n)
            box_layout.addWidget(radio)
            self.radios[choice.key] = radio
        self.about_document = secondary()
        self.about_document.setAccessibleName("About this document")
        self.about_document.setContentsMargins(0, 4, 0, 0)
        box_layout.addWidget(self.about_document)
        # the dates, for visit records between two dates
        self.dates = QWidget()
        dates = QHBoxLayout(self.dates)
        dates.setContentsMargins(24, 0, 0, 0)
        start = record.plan.start_date if record is not None and record.plan else self.today
        self.date_from = date_edit("Visits from", start)
        self.date_to = date_edit("Visits to", self.today)
        for text, edit in (("Visits from", self.date_from), ("Visits to", self.date_to)):
            label = QLabel(text)
            label.setBuddy(edit)
            dates.addWidget(label)
            dates.addWidget(edit)
        dates.addStretch(1)
        box_layout.addWidget(self.dates)
        layout.addWidget(box)

        # where
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        self.folder = QLineEdit(default_folder(settings))
        self.folder.setAccessibleName("Folder")
        folder_label = QLabel("Folder")
        folder_label.setBuddy(self.folder)
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setAccessibleName("Choose a folder")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_folder)
        self.file_name = QLineEdit()
        self.file_name.setAccessibleName("File name")
        name_label = QLabel("File name")
        name_label.setBuddy(self.file_name)
        grid.addWidget(folder_label, 0, 0)
        grid.addWidget(self.folder, 0, 1)
        grid.addWidget(self.choose_button, 0, 2)
        grid.addWidget(name_label, 1, 0)
        grid.addWidget(self.file_name, 1, 1, 1, 2)
        name_hint = secondary("File names carry case numbers, never children's names, in "
                              "case they are sent on or left on a shared drive.")
        grid.addWidget(name_hint, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

        # working, then done
        self.progress_row = QWidget()
        progress = QHBoxLayout(self.progress_row)
        progress.setContentsMargins(0, 0, 0, 0)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # rendering reports no steps: busy
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName("Making the PDF")
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        progress.addWidget(self.progress)
        progress.addWidget(self.progress_label, 1)
        self.progress_row.hide()
        layout.addWidget(self.progress_row)

        self.done_box = QFrame()
        self.done_box.setProperty("role", "banner-info")
        done = QHBoxLayout(self.done_box)
        done.setContentsMargins(12, 8, 8, 8)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setAccessibleName("Saved")
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open")
        self.open_button.setToolTip("Open the PDF in the computer's PDF viewer to check or "
                                    "print it")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_saved)
        self.show_button = QPushButton("Show in folder")
        self.show_button.setAccessibleName("Show in folder")
        self.show_button.setAutoDefault(False)
        self.show_button.clicked.connect(self.show_in_folder)
        done.addWidget(self.done_label, 1)
        done.addWidget(self.open_button)
        done.addWidget(self.show_button)
        self.done_box.hide()
        layout.addWidget(self.done_box)

        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

        self.fields: dict[str, QWidget] = {"folder": self.folder, "file_name": self.file_name,
                                           "date_from": self.date_from}
        self.group.idToggled.connect(self._toggled)
        self.folder.editingFinished.connect(self._suggest)
        first = next((c for c in self.choices if c.enabled), None)
        if first is not None:
            self.choose(first.key)
        self.save_button.setEnabled(first is not None)

    # --- choosing ---
    @property
    def choice(self) -> DocumentChoice | None:
        n = self.group.checkedId()
        return self.choices[n] if n >= 0 else None

    def choose(self, key: str) -> None:
        """Select the document `key` (as clicking its radio button does)."""
        self.radios[key].setChecked(True)

    def _toggled(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        choice = self.choice
        assert choice is not None
        self.about_document.setText(choice.about)
        self.dates.setVisible(choice.key == "visits")
        self._suggest()
        self._fit()

    def _suggest(self) -> None:
        """Suggest a file name for the document, unless the user has typed their own."""
        choice = self.choice
        if choice is None:
            return
        typed = self.file_name.text().strip()
        if typed and typed != self._suggested:
            return
        folder = Path(self.folder.text().strip()) if self.folder.text().strip() else None
        self._suggested = suggest_file_name(
            choice, self.record.case_number if self.record else None, self.user.team_name,
            self.today, folder)
        self.file_name.setText(self._suggested)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder", self.folder.text())
        if folder:
            self.folder.setText(folder)
            self._suggest()

    def _focus_field(self, field: str) -> None:
        widget = self.fields.get(field)
        if widget is not None:
            widget.setFocus()

    # --- checking and saving ---
    def _problems(self) -> list[tuple[str, str]]:
        """(field, message) for each thing to put right before saving, in the form's order."""
        problems: list[tuple[str, str]] = []

        def add(field: str, message: str) -> None:
            problems.append((field, message))

        folder_text = self.folder.text().strip()
        name = self.file_name.text().strip()
        choice = self.choice
        if choice is not None and choice.key == "visits" and (
                from_qdate(self.date_from.date()) > from_qdate(self.date_to.date())):
            add("date_from", "The first date of the visits must be the same as or before the "
                "second date")
        if (choice is not None and choice.needs_held_meeting and choice.meeting_id is None
                and self.record is not None):
            add("", f"No core group meeting has been held for {self.record.case_number} "
                "yet. Print the pro forma for the next meeting instead")
        if not folder_text:
            add("folder", "Choose a folder to save the document in")
        elif not Path(folder_text).is_dir():
            add("folder", f"The folder {folder_text} does not exist. Choose another folder")
        elif not os.access(folder_text, os.W_OK):
            add("folder", f"cpdesk cannot save in {folder_text}. Choose another folder")
        pdf = self._pdf_name(name)
        if not name:
            add("file_name", "Enter a file name")
        elif any(ch in NOT_ALLOWED for ch in name):
            add("file_name", "File name must not contain any of " + " ".join(NOT_ALLOWED))
        elif folder_text and (Path(folder_text) / pdf).exists():
            add("file_name", f"A file called {pdf} is already in this folder. Enter a "
                "different file name")
        return problems

    @staticmethod
    def _pdf_name(name: str) -> str:
        return name if name.lower().endswith(".pdf") else f"{name}.pdf"

    def save(self) -> None:
        """Check the form, then make the PDF on the worker; the result comes back by signal."""
        choice = self.choice
        if self.busy or choice is None:
            return
        problems = self._problems()
        self.summary.set_entries(problems)
        self._fit()
        if problems:
            self.summary.links[0].setFocus()  # read first, as the GOV.UK summary is
            return
        self.done_box.hide()
        folder = Path(self.folder.text().strip())
        out = folder / self._pdf_name(self.file_name.text().strip())
        store, actor, today = self.workspace.store, self.user.actor, self.today
        team = self.user.team_name if self.user.role is Role.MANAGER else None
        date_from = date_to = None
        if choice.key == "visits":
            date_from = from_qdate(self.date_from.date())
            date_to = from_qdate(self.date_to.date())
        case_number = self.record.case_number if self.record and choice.kind != "compliance" \
            else None

        def work() -> Path:
            return export_document(
                store, actor, choice.kind, child_case_number=case_number,
                meeting_id=choice.meeting_id, visit_id=choice.visit_id, date_from=date_from,
                date_to=date_to, team=team if choice.kind == "compliance" else None, out=out,
                today=today)

        self._set_busy(True, f"Making the PDF: {choice.label}… You can close this window; "
                             "it will still be saved.")
        # a purpose of its own: a second dialog's export must not supersede this one's
        self.workspace.worker.run(f"print-{id(self)}", "Making the PDF", work,
                                  lambda path: self._saved(path, choice, folder), self._failed)

    def _fit(self) -> None:
        """Grow to show what was just shown (the summary, the dates, the saved line) rather
        than squeezing the wrapped text above it; after the layout has caught up."""
        QTimer.singleShot(0, self._grow)  # a bound slot: dropped if the dialog is deleted

    def _grow(self) -> None:
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.progress_label.setText(text)
        self.progress_row.setVisible(busy)
        self._fit()
        for widget in (self.save_button, self.folder, self.file_name, self.choose_button,
                       self.dates):
            widget.setEnabled(not busy)
        for choice in self.choices:
            self.radios[choice.key].setEnabled(choice.enabled and not busy)

    def _saved(self, path: Path, choice: DocumentChoice, folder: Path) -> None:
        self._set_busy(False)
        self.saved_path = Path(path)
        self.settings.setValue(FOLDER_KEY, str(folder))
        self.done_label.setText(f"Saved to {self.saved_path}. Open it to check it and print "
                                "it.")
        self.done_box.show()
        self._fit()
        self.open_button.setFocus()
        self._suggest()  # the next save of the same document gets a new name
        if not self.isVisible():  # closed while it was being made: say so in the window
            self.workspace.bus.publish(Changes(message=f"{choice.label}: saved to {path}"))

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if not isinstance(error, CpdeskError | OSError):
            log_exception(error)
        message = describe(error)
        self.summary.set_entries([("", message)])
        self.summary.links[0].setFocus()
        if not self.isVisible():
            self.workspace.bus.publish(Changes(message=f"The PDF was not saved. {message}"))

    @property
    def error_messages(self) -> list[str]:
        return self.summary.messages

    # --- after saving ---
    def open_saved(self) -> None:
        """Open the PDF in the system's viewer: the preview, and where it is printed from."""
        if self.saved_path is not None:
            self.open_url(QUrl.fromLocalFile(str(self.saved_path)))

    def show_in_folder(self) -> None:
        """Show the file in the file manager (selected, where the platform allows)."""
        if self.saved_path is None:
            return
        path = str(self.saved_path)
        if sys.platform == "win32" and QProcess.startDetached(
                "explorer.exe", ["/select,", os.path.normpath(path)]):
            return
        if sys.platform == "darwin" and QProcess.startDetached("open", ["-R", path]):
            return
        self.open_url(QUrl.fromLocalFile(str(self.saved_path.parent)))


def show_print_dialog(
    parent: QWidget, workspace: Workspace, settings: QSettings, record: ChildRecord | None,
    child_view: QWidget | None = None, previous: PrintDialog | None = None,
) -> PrintDialog:
    """Open the dialog (window-modal, not blocking) for `record` and what is selected in
    `child_view`; the previous dialog is released unless it is still making a PDF."""
    if previous is not None and not previous.busy:
        previous.deleteLater()
    meeting, visit_id = selection_in(child_view) if child_view and record else (None, None)
    dialog = PrintDialog(workspace, settings, record=record, meeting=meeting,
                         visit_id=visit_id, parent=parent)
    dialog.open()
    return dialog


__all__ = ["DocumentChoice", "PrintDialog", "can_print", "default_folder", "document_choices",
           "selection_in", "show_print_dialog", "suggest_file_name"]
