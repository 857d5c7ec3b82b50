"""The plan editor's dialogs: save a new version (and why), the versions list, reading one
version, the side-by-side comparison of two versions, recording a disagreement, adding a core
group member.

Dialogs collect input and show errors; the plan editor calls the services. Each dialog is opened
with `open()` (window-modal, never blocking the event loop) so tests drive them like a user.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import MemberKind
from cpdesk.domain.plan import (
    ACTION_STATUS_WORDS,
    ORIGIN_WORDS,
    SIGNS_OF_SAFETY_SECTIONS,
    TEXT_SECTIONS,
    ChangeKind,
    SectionDiff,
    VersionReason,
)
from cpdesk.services.plans import VersionSummary
from cpdesk.ui.widgets.dates import date_edit
from cpdesk.ui.widgets.fields import secondary


def labelled(text: str, widget: QWidget) -> QLabel:
    """A label bound to `widget`; the widget's accessible name equals the label."""
    label = QLabel(text)
    label.setBuddy(widget)
    label.setWordWrap(True)
    widget.setAccessibleName(text.replace("&", ""))
    return label


class ErrorSummary(QLabel):
    """GOV.UK error summary: 'There is a problem' and each error, at the top of the dialog."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setAccessibleName("There is a problem")
        self.setStyleSheet("QLabel { border-left: 6px solid #b10e1e; background: #fbeaea;"
                           " padding: 8px; }")
        self.hide()

    def show_errors(self, messages: Sequence[str]) -> None:
        items = "".join(f"<li>{html.escape(m)}</li>" for m in messages)
        self.setText(f"<b>There is a problem</b><ul style='margin:0'>{items}</ul>")
        self.setVisible(bool(messages))

    @property
    def messages(self) -> str:
        return self.text() if self.isVisible() else ""


class _FormDialog(QDialog):
    """A dialog with an error summary, a form and OK/Cancel; OK emits `submitted` (not accept)."""

    submitted = Signal()

    def __init__(self, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(8)
        self.errors = ErrorSummary()
        self.layout_.addWidget(self.errors)
        self.form = QVBoxLayout()
        self.form.setSpacing(4)
        self.layout_.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setAccessibleName(ok_text)
        self.ok.setDefault(False)
        self.ok.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        self.ok.clicked.connect(self.submitted.emit)
        self.layout_.addWidget(self.buttons)

    def add_field(self, label: str, widget: QWidget, hint_text: str = "") -> None:
        self.form.addWidget(labelled(label, widget))
        if hint_text:
            self.form.addWidget(secondary(hint_text))
        self.form.addWidget(widget)
        self.form.addSpacing(6)


class SaveVersionDialog(_FormDialog):
    """Asks why a new version is being saved, and its date."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__("Save as a new version of the plan", "Save new version", parent)
        question = QLabel("Why is a new version being saved?")
        question.setProperty("role", "subheading")
        self.form.addWidget(question)
        self.reasons = QButtonGroup(self)
        self.reason_buttons: dict[VersionReason, QRadioButton] = {}
        for reason in VersionReason:
            button = QRadioButton(reason.value)
            button.setAccessibleName(reason.value)
            self.reasons.addButton(button)
            self.reason_buttons[reason] = button
            self.form.addWidget(button)
        self.form.addSpacing(6)
        self.note = QLineEdit()
        self.add_field("What has changed? (needed for a change of circumstances)", self.note,
                       "For example: mother has moved to a new address")
        self.made_on = date_edit("Date of this version", today)
        self.add_field("Date of this version", self.made_on)
        self.resize(460, 0)

    @property
    def reason(self) -> VersionReason | None:
        return next((r for r, b in self.reason_buttons.items() if b.isChecked()), None)


class DisagreementDialog(_FormDialog):
    """Records a disagreement with the plan against one version (002 6.5)."""

    def __init__(self, versions: Sequence[VersionSummary], today: date,
                 parent: QWidget | None = None, selected: str | None = None) -> None:
        super().__init__("Record a disagreement with the plan", "Record disagreement", parent)
        self.version = QComboBox()
        for v in versions:
            self.version.addItem(f"Version {v.number}, {format_date(v.made_on)} ({v.reason})",
                                 v.version_id)
        if not versions:
            self.version.addItem("The plan as it is now (no version saved yet)", None)
        if selected is not None:
            self.version.setCurrentIndex(max(0, self.version.findData(selected)))
        self.add_field("Which version of the plan?", self.version)
        self.who = QLineEdit()
        self.add_field("Who disagrees?", self.who, "Their name and role, for example "
                                                  "Kim Smith (mother)")
        self.about = QPlainTextEdit()
        self.about.setTabChangesFocus(True)
        self.about.setFixedHeight(90)
        self.add_field("What do they disagree with, and why?", self.about,
                       "In their words where you can")
        self.on = date_edit("Date the disagreement was raised", today)
        self.add_field("Date the disagreement was raised", self.on)
        self.resize(520, 0)


class AddMemberDialog(_FormDialog):
    """Adds a core group member so the plan can say their role and contact."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Add a core group member", "Add member", parent)
        self.name = QLineEdit()
        self.add_field("Name", self.name)
        self.job_title = QLineEdit()
        self.add_field("Job or relationship to the child", self.job_title,
                       "For example: Health visitor, Class teacher, Mother")
        self.agency = QLineEdit()
        self.add_field("Agency (for professionals)", self.agency)
        self.kind = QComboBox()
        self.kind.addItem("Professional", MemberKind.PROFESSIONAL)
        self.kind.addItem("Family member", MemberKind.FAMILY)
        self.add_field("Professional or family member?", self.kind)
        self.resize(420, 0)


# --------------------------------------------------------------------------- reading versions


def _esc(text: str | None) -> str:
    return html.escape(text or "").replace("\n", "<br>")


def snapshot_html(snap: dict[str, Any]) -> str:
    """One saved version as readable text, section by section."""
    parts: list[str] = []

    def section(title: str, body: str) -> None:
        parts.append(f"<h3>{html.escape(title)}</h3>{body or '<p><i>Nothing recorded</i></p>'}")

    def items(rows: list[str]) -> str:
        return "<ol>" + "".join(f"<li>{r}</li>" for r in rows) + "</ol>" if rows else ""

    concerns = [c for c in snap.get("concerns", []) if isinstance(c, dict)]
    section("Concerns", items([_esc(c.get("description")) for c in concerns]))
    outcome_rows = []
    for o in (x for x in snap.get("outcomes", []) if isinstance(x, dict)):
        origin = ORIGIN_WORDS.get(o.get("origin"), "")  # type: ignore[call-overload]
        actions = []
        for a in (x for x in o.get("actions", []) if isinstance(x, dict)):
            when = format_date(date.fromisoformat(a["by_when"])) if a.get("by_when") else "no date"
            status = ACTION_STATUS_WORDS.get(a.get("status"), "")  # type: ignore[call-overload]
            actions.append(f"{_esc(a.get('what'))} — why: {_esc(a.get('why')) or 'not said'};"
                           f" who: {_esc(a.get('who')) or 'not said'}; by {when}; {status}")
        outcome_rows.append(
            f"<b>{_esc(o.get('description'))}</b> ({origin})<br>How progress will be judged: "
            f"{_esc(o.get('progress_measure')) or 'not yet said'}{items(actions)}")
    section("Outcomes and actions", items(outcome_rows))
    for key, title in TEXT_SECTIONS:
        section(title, f"<p>{_esc(snap.get(key))}</p>" if snap.get(key) else "")
    members = [m for m in snap.get("members", []) if isinstance(m, dict)]
    section("Core group roles", items([
        f"<b>{_esc(m.get('name'))}</b> {_esc(m.get('job_title'))}: "
        f"{_esc(m.get('role_in_plan')) or 'role not said'}; contact: "
        f"{_esc(m.get('contact_frequency')) or 'not said'}" for m in members]))
    if any(snap.get(k) for k, _ in SIGNS_OF_SAFETY_SECTIONS) or snap.get("danger_statements"):
        for key, title in SIGNS_OF_SAFETY_SECTIONS:
            section(title, f"<p>{_esc(snap.get(key))}</p>" if snap.get(key) else "")
        section("Danger statements and safety goals", items([
            f"{_esc(d.get('danger_statement'))}<br>Safety goal: {_esc(d.get('safety_goal'))}"
            for d in snap.get("danger_statements", []) if isinstance(d, dict)]))
    section("The child's copy", f"<p>{_esc(snap.get('childs_copy'))}</p>"
            if snap.get("childs_copy") else "")
    section("Family's preferred language", _esc(snap.get("family_copy_language")))
    return "".join(parts)


_CHANGE_MARK = {ChangeKind.ADDED: "+ Added", ChangeKind.CHANGED: "~ Changed",
                ChangeKind.REMOVED: "− Removed"}
_CHANGE_BG = {ChangeKind.ADDED: "#e6f2ea", ChangeKind.CHANGED: "#fff7d6",
              ChangeKind.REMOVED: "#f6e3e3"}


def comparison_html(diffs: Sequence[SectionDiff], first: str, second: str,
                    show_unchanged: bool = False) -> str:
    """Side by side: each section, each change named in words (never colour alone)."""
    changed = [d for d in diffs if not d.unchanged]
    parts = [(f"<p>{len(changed)} of {len(diffs)} sections changed from {html.escape(first)} "
             f"to {html.escape(second)}.</p>")]
    for diff in diffs:
        if diff.unchanged and not show_unchanged:
            continue
        parts.append(f"<h3>{html.escape(diff.section)}</h3>")
        if diff.unchanged:
            parts.append("<p>No changes</p>")
            continue
        rows = [(f"<tr><th align='left' width='22%'>What changed</th>"
                f"<th align='left' width='39%'>{html.escape(first)}</th>"
                f"<th align='left' width='39%'>{html.escape(second)}</th></tr>")]
        for c in diff.changes:
            rows.append(
                f"<tr style='background:{_CHANGE_BG[c.kind]}'>"
                f"<td valign='top'><b>{_CHANGE_MARK[c.kind]}</b><br>{_esc(c.label)}</td>"
                f"<td valign='top'>{_esc(c.before) if c.before is not None else '<i>(none)</i>'}"
                f"</td><td valign='top'>"
                f"{_esc(c.after) if c.after is not None else '<i>(none)</i>'}</td></tr>")
        parts.append("<table width='100%' cellpadding='6' cellspacing='0' border='1' "
                     "style='border-collapse:collapse; border-color:#b1b4b6'>"
                     + "".join(rows) + "</table>")
    return "".join(parts)


class CompareDialog(QDialog):
    """Two versions side by side: what was added, changed and removed, section by section."""

    def __init__(self, diffs: Sequence[SectionDiff], n1: int, n2: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diffs = list(diffs)
        self.setWindowTitle(f"Compare version {n1} with version {n2}")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(f"Changes from version {n1} to version {n2}")
        self._names = (f"Version {n1}", f"Version {n2}")
        self.show_all = QPushButton("Show sections with no changes")
        self.show_all.setCheckable(True)
        self.show_all.setAccessibleName("Show sections with no changes")
        self.show_all.toggled.connect(self._render)
        self._render(False)
        layout.addWidget(self.browser, 1)
        row = QHBoxLayout()
        row.addWidget(self.show_all)
        row.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(1000, 600)

    def _render(self, show_unchanged: bool) -> None:
        self.browser.setHtml(comparison_html(self.diffs, *self._names, show_unchanged))


class VersionDialog(QDialog):
    """One saved version, readable as it was saved."""

    def __init__(self, title: str, snap: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(title)
        self.browser.setHtml(snapshot_html(snap))
        layout.addWidget(self.browser)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(800, 600)


class VersionsDialog(QDialog):
    """Every saved version: read one, compare any two, record a disagreement against one."""

    compare_requested = Signal(int, int)
    read_requested = Signal(int)
    disagreement_requested = Signal(str)

    def __init__(self, versions: Sequence[VersionSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Versions of the plan")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.versions = list(versions)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(self.versions), 5)
        self.table.setAccessibleName("Versions of the plan")
        self.table.setHorizontalHeaderLabels(
            ["Version", "Date", "Made by", "Why", "Disagreements"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        for row, v in enumerate(self.versions):
            disagreements = "; ".join(f"{d.who}: {d.about}" for d in v.disagreements) or "None"
            cells = [str(v.number), format_date(v.made_on), v.made_by or "Not recorded",
                     v.reason, disagreements]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        if self.versions:
            self.table.selectRow(0)
        layout.addWidget(self.table, 1)
        if not self.versions:
            layout.addWidget(secondary("No version has been saved yet. Use 'Save as new version' "
                                       "after a core group meeting or a conference."))

        row = QHBoxLayout()
        self.read = QPushButton("Read this version")
        self.read.clicked.connect(lambda: self._selected() and self.read_requested.emit(
            self._selected().number))  # type: ignore[union-attr]
        self.disagree = QPushButton("Record a disagreement with this version…")
        self.disagree.clicked.connect(lambda: self._selected() and self.disagreement_requested
                                      .emit(self._selected().version_id))  # type: ignore[union-attr]
        row.addWidget(self.read)
        row.addWidget(self.disagree)
        row.addStretch(1)
        layout.addLayout(row)

        compare_row = QHBoxLayout()
        self.first = QComboBox()
        self.second = QComboBox()
        for v in sorted(self.versions, key=lambda v: v.number):
            text = f"Version {v.number}, {format_date(v.made_on)}"
            self.first.addItem(text, v.number)
            self.second.addItem(text, v.number)
        if len(self.versions) >= 2:
            self.first.setCurrentIndex(len(self.versions) - 2)
            self.second.setCurrentIndex(len(self.versions) - 1)
        compare_row.addWidget(labelled("Compare", self.first))
        compare_row.addWidget(self.first)
        compare_row.addWidget(labelled("with", self.second))
        self.second.setAccessibleName("Compare with")
        self.first.setAccessibleName("Compare version")
        compare_row.addWidget(self.second)
        self.compare = QPushButton("Compare side by side")
        self.compare.clicked.connect(
            lambda: self.compare_requested.emit(self.first.currentData(),
                                                self.second.currentData()))
        compare_row.addWidget(self.compare)
        compare_row.addStretch(1)
        layout.addLayout(compare_row)
        for w in (self.read, self.disagree, self.compare, self.first, self.second):
            w.setEnabled(bool(self.versions))
        self.compare.setEnabled(len(self.versions) >= 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def _selected(self) -> VersionSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.versions[rows[0].row()] if rows else None
