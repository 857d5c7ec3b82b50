"""The core group's smaller dialogs: a member's details, ending a membership, arranging or
moving a meeting, the date the minutes were circulated; and the pieces the meeting dialog
shares (an error summary in the GOV.UK pattern, an optional date); plain date fields are in
cpdesk.ui.widgets.dates.

Each dialog gathers what the worker types and calls one service; the rules (and their
messages) come from cpdesk.domain.core_group through the service's ValidationFailed. Enter
never submits (buttons are not default); Esc closes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.core_group import MemberDraft, MemberRecord
from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import MemberKind
from cpdesk.domain.errors import CpdeskError, ValidationFailed
from cpdesk.services.changes import Changes
from cpdesk.ui.widgets.dates import date_edit, from_qdate, to_qdate
from cpdesk.ui.widgets.fields import secondary


def text_box(name: str, lines: int = 3) -> QPlainTextEdit:
    """Multi-line: Enter is a new line, Tab moves on."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setAccessibleName(name)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


class OptionalDate(QWidget):
    """A date that may be left out: a tick box saying what it is, then the date."""

    toggled = Signal(bool)

    def __init__(self, question: str, value: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(question)
        self.check.setAccessibleName(question)
        self.edit = date_edit(question.rstrip("?") + ": date", value)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.toggled)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    @property
    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))


class ErrorSummary(QFrame):
    """'There is a problem' and each error; choosing one moves focus to its field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner-error")
        self.setStyleSheet("ErrorSummary { border: 3px solid #b10e1e; background: white; }")
        layout = QVBoxLayout(self)
        title = QLabel("There is a problem")
        title.setProperty("role", "subheading")
        layout.addWidget(title)
        self.list = QListWidget()
        self.list.setAccessibleName("There is a problem")
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setStyleSheet("QListWidget { color: #b10e1e; text-decoration: underline; }")
        self.list.itemActivated.connect(self._go)
        self.list.itemClicked.connect(self._go)
        layout.addWidget(self.list)
        self.fields: dict[str, QWidget] = {}
        self.hide()

    def show_issues(self, issues: list[tuple[str, str]], fields: dict[str, QWidget]) -> None:
        self.fields = fields
        self.list.clear()
        for field, message in issues:
            item = QListWidgetItem(message)
            item.setData(Qt.ItemDataRole.UserRole, field)
            self.list.addItem(item)
        rows = min(len(issues), 6)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 6 if issues else 0)
        self.setVisible(bool(issues))
        if issues:
            self.list.setFocus()

    @property
    def messages(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]

    def _go(self, item: QListWidgetItem) -> None:
        widget = self.fields.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if widget is not None:
            widget.setFocus()


def buttons(primary: str, dialog: QDialog, on_primary: Callable[[], None]) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    cancel = QPushButton("Cancel")
    cancel.setAutoDefault(False)
    cancel.clicked.connect(dialog.reject)
    ok = QPushButton(primary)
    ok.setAutoDefault(False)
    ok.setDefault(False)
    ok.clicked.connect(on_primary)
    dialog.primary_button = ok  # type: ignore[attr-defined]
    row.addWidget(cancel)
    row.addWidget(ok)
    return row


class ServiceDialog(QDialog):
    """A dialog whose main button calls one service: errors go to the summary; success
    keeps the service's `Changes` and closes."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.changes: Changes | None = None
        self.summary = ErrorSummary()
        self.fields: dict[str, QWidget] = {}

    def run(self, call: Callable[[], Changes]) -> bool:
        try:
            self.changes = call()
        except ValidationFailed as failed:
            self.summary.show_issues([(i.field, i.message) for i in failed.issues], self.fields)
            return False
        except CpdeskError as exc:
            self.summary.show_issues([("", str(exc))], self.fields)
            return False
        except OSError as exc:  # a file that cannot be written
            where = f": {exc.filename}" if exc.filename else ""
            self.summary.show_issues([("path", f"{exc.strerror or exc}{where}")], self.fields)
            return False
        self.accept()
        return True


class MemberDialog(ServiceDialog):
    """Add a member, or change one (when `member` is given)."""

    def __init__(self, save: Callable[[MemberDraft], Changes], today: date,
                 member: MemberRecord | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Change a core group member" if member else "Add a core group member",
                         parent)
        self.save = save
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItem("Professional", MemberKind.PROFESSIONAL)
        self.kind.addItem("Family member or carer", MemberKind.FAMILY)
        self.job_title = QLineEdit()
        self.job_title.setPlaceholderText("For example: Health visitor, Class teacher, Mother")
        self.agency = QLineEdit()
        self.role_in_plan = text_box("Their role in the plan", 2)
        self.contact_frequency = QLineEdit()
        self.contact_frequency.setPlaceholderText("For example: weekly at school")
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.address = text_box("Address", 2)
        self.excluded = QCheckBox("Excluded from the core group")
        self.excluded_reason = text_box("Why are they excluded?", 2)
        self.joined = OptionalDate("Date they joined is known", today)
        rows: list[tuple[str, QWidget, str]] = [
            ("Name", self.name, "name"),
            ("Family or professional?", self.kind, "kind"),
            ("Job or relationship to the child", self.job_title, "job_title"),
            ("Agency", self.agency, "agency"),
            ("Their role in the plan", self.role_in_plan, "role_in_plan"),
            ("How often do they see the child or family?", self.contact_frequency,
             "contact_frequency"),
            ("Phone", self.phone, "phone"),
            ("Email", self.email, "email"),
            ("Address", self.address, "address"),
            ("", self.excluded, "excluded"),
            ("Why are they excluded?", self.excluded_reason, "excluded_reason"),
            ("", self.joined, "joined_on"),
        ]
        for label, widget, field in rows:
            if label:
                widget.setAccessibleName(label)
                form.addRow(label, widget)
            else:
                form.addRow(widget)
            self.fields[field] = widget
        self.excluded.setAccessibleName("Excluded from the core group")
        self.excluded_reason.setEnabled(False)
        self.excluded.toggled.connect(self.excluded_reason.setEnabled)
        layout.addLayout(form)
        layout.addWidget(secondary(
            "A parent excluded from the core group must still be told of its discussions and "
            "outcomes, as appropriate to the child's welfare and safety."))
        layout.addLayout(buttons("Save member", self, self._save))
        if member is not None:
            self._fill(member)

    def _fill(self, m: MemberRecord) -> None:
        self.name.setText(m.name)
        self.kind.setCurrentIndex(0 if m.kind is MemberKind.PROFESSIONAL else 1)
        self.job_title.setText(m.job_title or "")
        self.agency.setText(m.agency or "")
        self.role_in_plan.setPlainText(m.role_in_plan or "")
        self.contact_frequency.setText(m.contact_frequency or "")
        self.phone.setText(m.phone or "")
        self.email.setText(m.email or "")
        self.address.setPlainText(m.address or "")
        self.excluded.setChecked(m.excluded)
        self.excluded_reason.setPlainText(m.excluded_reason or "")
        self.joined.set_value(m.joined_on)
        self.agreement_signed_on = m.agreement_signed_on

    def draft(self) -> MemberDraft:
        return MemberDraft(
            name=self.name.text(), kind=self.kind.currentData(), agency=self.agency.text(),
            job_title=self.job_title.text(), role_in_plan=self.role_in_plan.toPlainText(),
            contact_frequency=self.contact_frequency.text(), phone=self.phone.text(),
            email=self.email.text(), address=self.address.toPlainText(),
            excluded=self.excluded.isChecked(),
            excluded_reason=self.excluded_reason.toPlainText(), joined_on=self.joined.value,
            agreement_signed_on=getattr(self, "agreement_signed_on", None),
        )

    def _save(self) -> None:
        self.run(lambda: self.save(self.draft()))


class DateDialog(ServiceDialog):
    """One date, with a question and a hint: a member leaving, minutes circulated."""

    def __init__(self, title: str, question: str, hint_text: str, value: date,
                 save: Callable[[date], Changes], field: str, primary: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.save = save
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        label = QLabel(question)
        label.setProperty("role", "subheading")
        layout.addWidget(label)
        layout.addWidget(secondary(hint_text))
        self.date = date_edit(question, value)
        label.setBuddy(self.date)
        layout.addWidget(self.date)
        self.fields[field] = self.date
        layout.addLayout(buttons(primary, self, self._save))

    def _save(self) -> None:
        self.run(lambda: self.save(from_qdate(self.date.date())))


class ArrangeMeetingDialog(ServiceDialog):
    """Arrange a meeting or move one: date, time, and a reason when it is past the due date."""

    def __init__(self, title: str, due: date, due_words: str, start: date,
                 save: Callable[[date, time, str], Changes], primary: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.save = save
        self.due = due
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(secondary(f"Due by {format_date(due)} ({due_words})."))
        form = QFormLayout()
        self.date = date_edit("Date of the meeting", start)
        self.time = QTimeEdit(QTime(10, 0))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Time of the meeting")
        form.addRow("Date of the meeting", self.date)
        form.addRow("Time of the meeting", self.time)
        layout.addLayout(form)
        self.reason_label = QLabel(f"Why is the meeting later than its due date of "
                                   f"{format_date(due)}?")
        self.reason_label.setWordWrap(True)
        self.reason = text_box("Why is the meeting later than its due date?", 2)
        self.reason_label.setBuddy(self.reason)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        self.fields.update({"new_date": self.date, "reason": self.reason})
        self.date.dateChanged.connect(self._late_changed)
        self._late_changed()
        layout.addLayout(buttons(primary, self, self._save))

    def _late_changed(self) -> None:
        late = from_qdate(self.date.date()) > self.due
        self.reason_label.setVisible(late)
        self.reason.setVisible(late)

    def _save(self) -> None:
        when = from_qdate(self.date.date())
        at = self.time.time()
        self.run(lambda: self.save(when, time(at.hour(), at.minute()),
                                   self.reason.toPlainText()))
