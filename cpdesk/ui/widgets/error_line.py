"""One error message in words at the top of a small form (sign-in, lock screen, countersigning,
voiding): a red bar and bold red text, so it reads without colour too. Hidden until set.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from cpdesk.ui.style import ERROR_RED


class ErrorLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName("There is a problem")
        self.setStyleSheet(f"QLabel {{ background: #fbeaea; border: none; border-left: 6px solid"
                           f" {ERROR_RED}; padding: 8px 12px; color: {ERROR_RED};"
                           " font-weight: 600; }")
        self.hide()

    def say(self, text: str) -> None:
        """Show `text` (or hide the line when it is empty)."""
        self.setText(text)
        self.setVisible(bool(text))
        window = self.window()
        if window.isVisible() and window.height() < window.sizeHint().height():
            # a small dialog grows to make room, so nothing below the message is cut off
            window.resize(window.width(), window.sizeHint().height())

    @property
    def message(self) -> str:
        return "" if self.isHidden() else self.text()
