"""A form question in the GOV.UK pattern: label, hint, error and warning lines, then the input.

`Question` owns the words around an input; the input names itself after the label (screen
readers read it, tests find it by it). `YesNo` and `Choice` are radio-button answers that can
be left unanswered (None). `TextBox` is a multi-line box where Tab moves on and Enter is a new
line, never "submit". No validation lives here: the form passes in the rule's message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cpdesk.ui.style import ERROR_RED

WARNING_TEXT = "#594d00"
HINT_GREY = "#505a5f"


class TextBox(QPlainTextEdit):
    """Multi-line answer: Tab moves to the next field; about `lines` lines tall."""

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._height = self.fontMetrics().lineSpacing() * lines + 18
        self.setMinimumHeight(self._height)
        # As tall as its lines, never stretched to fill the page (the page scrolls instead).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._height)

    def text(self) -> str:
        """Exactly what was typed. toPlainText() would turn non-breaking spaces into spaces;
        the raw text keeps them and marks line ends as paragraph separators."""
        return self.document().toRawText().replace("\u2029", "\n")

    def set_text(self, text: str) -> None:
        if self.text() != text:
            self.setPlainText(text)


class Choice(QWidget):
    """One answer from a few (radio buttons in a row), or none yet. `changed` on any click."""

    changed = Signal()

    def __init__(self, options: Sequence[tuple[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = [value for _, value in options]
        self.group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(28)
        self.buttons: list[QRadioButton] = []
        for i, (text, _) in enumerate(options):
            button = QRadioButton(text, self)
            button.setAccessibleName(text)
            self.group.addButton(button, i)
            layout.addWidget(button)
            self.buttons.append(button)
        layout.addStretch(1)
        self.group.idClicked.connect(lambda _id: self.changed.emit())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def value(self) -> Any:
        checked = self.group.checkedId()
        return None if checked < 0 else self._values[checked]

    def set_value(self, value: Any) -> None:
        if value is None or value not in self._values:
            # An exclusive group cannot uncheck its last button; lift exclusivity to clear.
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[self._values.index(value)].setChecked(True)

    def setAccessibleName(self, name: str) -> None:  # Qt's name
        super().setAccessibleName(name)
        for button in self.buttons:
            button.setAccessibleDescription(name)

    def set_read_only(self, read_only: bool) -> None:
        for button in self.buttons:
            button.setEnabled(not read_only)

    def first_button(self) -> QRadioButton:
        return next((b for b in self.buttons if b.isChecked()), self.buttons[0])

    def button(self, text: str) -> QRadioButton:
        return next(b for b in self.buttons if b.text() == text)


class YesNo(Choice):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([("Yes", True), ("No", False)], parent)


class Question(QFrame):
    """Label (a question), optional hint, error and warnings, then the input widget."""

    def __init__(
        self, label: str, widget: QWidget, *, hint: str = "", optional: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.widget = widget
        self.label_text = label
        self.setObjectName("question")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 6, 0, 10)
        row.setSpacing(8)
        # A thick bar left of a question in error (GOV.UK), beside the words, not instead.
        self.bar = QFrame(self)
        self.bar.setFixedWidth(5)
        row.addWidget(self.bar)
        layout = QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        row.addLayout(layout, 1)
        self.label = QLabel(f"{label} (optional)" if optional else label)
        self.label.setWordWrap(True)
        self.label.setProperty("role", "question")
        self.label.setStyleSheet("font-weight: 600;")
        self.label.setBuddy(widget)
        layout.addWidget(self.label)
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {HINT_GREY};")
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_RED}; font-weight: 600;")
        self.error.hide()
        layout.addWidget(self.error)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            f"color: {WARNING_TEXT}; background: #fff7bf; padding: 4px 6px;")
        self.warning.hide()
        layout.addWidget(self.warning)
        layout.addWidget(widget)
        widget.setAccessibleName(label)
        if hint:
            widget.setAccessibleDescription(hint)
        self._error: str | None = None
        self._warnings: tuple[str, ...] = ()
        self._paint(False)

    def _paint(self, error: bool) -> None:
        self.bar.setStyleSheet(f"background: {ERROR_RED if error else 'transparent'};")

    @property
    def error_text(self) -> str:
        return self.error.text().removeprefix("Error: ") if not self.error.isHidden() else ""

    @property
    def warning_text(self) -> str:
        return self.warning.text() if not self.warning.isHidden() else ""

    def set_error(self, message: str | None) -> None:
        message = message or None
        if message == self._error:
            return  # restyling on every keystroke makes typing lag
        self._error = message
        self.error.setText(f"Error: {message}" if message else "")
        self.error.setVisible(bool(message))
        self._paint(bool(message))
        self.widget.setAccessibleDescription(
            f"Error: {message}" if message else self.hint.text())

    def set_warnings(self, messages: Sequence[str]) -> None:
        if tuple(messages) == self._warnings:
            return
        self._warnings = tuple(messages)
        self.warning.setText("\n".join(f"Warning: {m}" for m in messages))
        self.warning.setVisible(bool(messages))

    def focus_input(self) -> None:
        target = self.widget.first_button() if isinstance(self.widget, Choice) else self.widget
        target.setFocus(Qt.FocusReason.OtherFocusReason)
