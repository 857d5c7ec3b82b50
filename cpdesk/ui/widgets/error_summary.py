"""The GOV.UK error summary: "There is a problem" and one entry per error, at the top of a form.

Choosing an entry (click, or Tab to it and press Space or Enter) asks the form to move focus to
the field it names. The form decides what the entries say and where they lead.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from cpdesk.ui.style import ERROR_RED


class SummaryLink(QPushButton):
    """A link-looking button: keyboard-focusable, Enter or Space chooses it."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class ErrorSummary(QFrame):
    chosen = Signal(str)  # the field path of the entry chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorSummary")
        self.setStyleSheet(
            f"QFrame#errorSummary {{ border: 4px solid {ERROR_RED}; background: white; }}"
            f"QPushButton {{ color: {ERROR_RED}; text-decoration: underline; border: none;"
            " text-align: left; padding: 2px 0; font-weight: 600; background: transparent; }"
            "QPushButton:focus { background: #ffdd00; color: #0b0c0c; }")
        self.setAccessibleName("There is a problem")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 10, 14, 10)
        self._layout.setSpacing(2)
        self.title = QLabel("There is a problem")
        self.title.setStyleSheet("font-size: 13pt; font-weight: 700;")
        self._layout.addWidget(self.title)
        self.links: list[SummaryLink] = []
        self._entries: list[tuple[str, str]] = []
        self.hide()

    def set_entries(self, entries: Sequence[tuple[str, str]]) -> None:
        """(field path, message) pairs, in the order of the form."""
        entries = list(entries)
        if entries == self._entries:
            return
        self._entries = entries
        for link in self.links:
            self._layout.removeWidget(link)
            link.deleteLater()
        self.links = []
        for field, message in entries:
            link = SummaryLink(message, self)
            link.setAutoDefault(False)
            link.setCursor(Qt.CursorShape.PointingHandCursor)
            link.setAccessibleName(message)
            link.clicked.connect(lambda _=False, f=field: self.chosen.emit(f))
            self._layout.addWidget(link)
            self.links.append(link)
        self.setVisible(bool(entries))

    @property
    def messages(self) -> list[str]:
        return [link.text() for link in self.links] if not self.isHidden() else []
