"""Who is using cpdesk: the sign-in step the window runs after opening a database.

Decided per database (services.staff.passwords_in_use):
- A team database, where staff have passwords: "Sign in to cpdesk", username and password
  (services.signin.sign_in: argon2id, five failures lock the account for 15 minutes). The
  messages say what happened in words: the details are not right, or the account is locked
  until a time. The window's idle lock (idle_lock.py) asks for the same password again.
- A database whose staff have no passwords yet (the single-user local file, the demo): "Who are
  you?", choosing a name from the staff list. There is nothing to check a password against, so
  there is no idle lock either. Once an administrator sets anyone's password, that database
  asks everyone for theirs.

`SignIn` is the seam: tests pass their own step; nothing else in the window changes.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.staff import StaffMember
from cpdesk.lazy import lazy_module
from cpdesk.models.db import Store
from cpdesk.services.staff import get_staff, passwords_in_use
from cpdesk.ui.widgets.error_line import ErrorLine
from cpdesk.ui.widgets.fields import heading, labelled, secondary

# Checking a password (argon2 and the account rules, ~11 ms to load) waits until someone signs
# in with one: a database without passwords never needs it (issue 10, start-up).
signin = lazy_module("cpdesk.services.signin")


class SignIn(Protocol):
    def sign_in(
        self, parent: QWidget | None, store: Store, staff: list[StaffMember],
        last_staff_id: str | None,
    ) -> StaffMember | None:
        """The person now using cpdesk on `store`, or None if they cancelled."""


class StaffPickerDialog(QDialog):
    """'Who are you?': a list of staff (name, role, team); Enter or double-click continues."""

    def __init__(
        self, staff: list[StaffMember], last_staff_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who are you? - cpdesk")
        self.setMinimumSize(440, 420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(10)
        layout.addWidget(heading("Who are you?"))
        layout.addWidget(secondary(
            "Choose your name. What you record is saved under it, so choose only your own."
        ))
        self.list = QListWidget()
        self.list.setSpacing(2)
        layout.addWidget(labelled("&Staff", self.list))
        layout.addWidget(self.list, 1)
        for member in staff:
            item = QListWidgetItem(member.description)
            item.setData(Qt.ItemDataRole.UserRole, member)
            self.list.addItem(item)
            if member.staff_id == last_staff_id:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Continue")
        ok.setAccessibleName("Continue")
        ok.setEnabled(self.list.count() > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Enter or a double-click on a name continues
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.buttons)
        if not staff:
            layout.insertWidget(2, secondary(
                "There are no staff accounts in this database yet. Ask your administrator to "
                "add you, or open a different database."
            ))

    def chosen(self) -> StaffMember | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_name(self, name: str) -> bool:
        for n in range(self.list.count()):
            member = self.list.item(n).data(Qt.ItemDataRole.UserRole)
            if member.name == name:
                self.list.setCurrentRow(n)
                return True
        return False


class PickFromStaffList:
    """Sign-in by choosing a name (databases whose staff have no passwords)."""

    def sign_in(
        self, parent: QWidget | None, store: Store, staff: list[StaffMember],
        last_staff_id: str | None,
    ) -> StaffMember | None:
        dialog = StaffPickerDialog(staff, last_staff_id, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()


class SignInDialog(QDialog):
    """'Sign in to cpdesk': username and password, checked by services.signin.sign_in.

    A failure keeps the dialog open with the service's message in words (the details are not
    right; the account is locked until HH:MM), clears the password and puts the cursor back in
    it. Enter signs in; Esc cancels.
    """

    def __init__(self, store: Store, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.member: StaffMember | None = None
        self.setWindowTitle("Sign in - cpdesk")
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(6)
        layout.addWidget(heading("Sign in to cpdesk"))
        where = secondary(f"Database: {store.display_name}")
        where.setAccessibleName("Database")
        layout.addWidget(where)
        self.error = ErrorLine()
        layout.addSpacing(6)
        layout.addWidget(self.error)
        self.username = QLineEdit(username)
        layout.addWidget(labelled("&Username", self.username))
        layout.addWidget(self.username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addSpacing(4)
        layout.addWidget(labelled("&Password", self.password))
        layout.addWidget(self.password)
        layout.addWidget(secondary(
            "Five wrong passwords in a row lock the account for 15 minutes. If you have "
            "forgotten yours, ask an administrator to set a new one."))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Sign in")
        ok.setAccessibleName("Sign in")
        self.sign_in_button = ok
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        (self.password if username else self.username).setFocus()

    def show_error(self, text: str) -> None:
        self.error.say(text)

    @property
    def message(self) -> str:
        return self.error.message

    def try_sign_in(self) -> None:
        username = self.username.text().strip()
        if not username:
            self.show_error("Enter your username")
            self.username.setFocus()
            return
        if not self.password.text():
            self.show_error("Enter your password")
            self.password.setFocus()
            return
        try:
            actor = signin.sign_in(self.store, username, self.password.text())
        except signin.SignInFailed as exc:
            self.show_error(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.member = get_staff(self.store, actor.staff_id or "")
        self.accept()


class SignInForDatabase:
    """The app's sign-in: a password where the database has them, else "Who are you?"."""

    def sign_in(
        self, parent: QWidget | None, store: Store, staff: list[StaffMember],
        last_staff_id: str | None,
    ) -> StaffMember | None:
        if not passwords_in_use(store):
            return PickFromStaffList().sign_in(parent, store, staff, last_staff_id)
        last = next((m.username for m in staff if m.staff_id == last_staff_id), "")
        dialog = SignInDialog(store, last, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.member
