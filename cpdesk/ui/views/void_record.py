"""Voiding a record entered in error: "Void this record…" asks why, then calls
services.countersign.void_record. Nothing is ever deleted: the record stays on the file, shown
as voided with its reason (issue 9).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import CountersignSubject
from cpdesk.domain.errors import CpdeskError, ValidationFailed
from cpdesk.models.db import Store
from cpdesk.services.changes import Changes
from cpdesk.services.countersign import void_record
from cpdesk.ui.errors import describe
from cpdesk.ui.widgets.error_line import ErrorLine
from cpdesk.ui.widgets.fields import heading, labelled, secondary


class VoidRecordDialog(QDialog):
    """'Why is this record being voided?' (required), then "Void the record"."""

    def __init__(self, store: Store, actor: Actor, kind: CountersignSubject, record_id: str,
                 what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor, self.kind, self.record_id = store, actor, kind, record_id
        self.changes: Changes | None = None
        self.setWindowTitle("Void this record - cpdesk")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(6)
        layout.addWidget(heading(f"Void {what}?"))
        layout.addWidget(secondary(
            "Void a record only when it was entered in error, for example on the wrong child. "
            "It is not deleted: it stays on the file marked as voided, with your reason, and no "
            "longer counts as a visit."))
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(110)
        label = labelled("&Why is this record being voided?", self.reason)
        label.setStyleSheet("font-weight: 700; padding-top: 8px;")
        layout.addWidget(label)
        self.error = ErrorLine()
        layout.addWidget(self.error)
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox()
        self.void_button = buttons.addButton("Void the record",
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.void_button.setAccessibleName("Void the record")
        self.void_button.setAutoDefault(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.void)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def message(self) -> str:
        return self.error.message

    def void(self) -> None:
        try:
            self.changes = void_record(self.store, self.actor, self.kind, self.record_id,
                                       self.reason.toPlainText())
        except ValidationFailed as exc:
            self._error(exc.issues[0].message)
            return
        except CpdeskError as exc:
            self._error(describe(exc))
            return
        self.accept()

    def _error(self, text: str) -> None:
        self.error.say(text)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
