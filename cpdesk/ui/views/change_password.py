"""File > Change my password: the current password, then the new one twice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from cpdesk.domain.actor import Actor
from cpdesk.domain.errors import ValidationFailed
from cpdesk.domain.staff_accounts import PASSWORD_RULE
from cpdesk.models.db import Store
from cpdesk.services.signin import change_own_password
from cpdesk.ui.widgets.error_summary import ErrorSummary
from cpdesk.ui.widgets.fields import secondary


class ChangePasswordDialog(QDialog):
    changed = Signal(object)  # Changes

    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor = store, actor
        self.setWindowTitle("Change my password - cpdesk")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        self.summary = ErrorSummary()
        layout.addWidget(self.summary)
        self.fields: dict[str, QLineEdit] = {}
        for key, label in (("current", "Your current password"),
                           ("password", "New password"),
                           ("password_again", "New password again")):
            caption = QLabel(label)
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(label)
            caption.setBuddy(edit)
            layout.addWidget(caption)
            if key == "password":
                layout.addWidget(secondary(PASSWORD_RULE))
            layout.addWidget(edit)
            self.fields[key] = edit
        self.summary.chosen.connect(lambda key: self.fields[key].setFocus())
        buttons = QDialogButtonBox()
        self.change_button = buttons.addButton("Change password",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.change_button.setAccessibleName("Change password")
        cancel = buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.change_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        values = {key: edit.text() for key, edit in self.fields.items()}
        try:
            changes = change_own_password(self.store, self.actor, values["current"],
                                          values["password"], values["password_again"])
        except ValidationFailed as exc:
            self.summary.set_entries([(i.field, i.message) for i in exc.issues])
            self.summary.show()
            self.fields[exc.issues[0].field].setFocus()
            return
        self.changed.emit(changes)
        self.accept()
