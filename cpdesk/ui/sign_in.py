"""Who is using cpdesk: the seam where real sign-in (issue 9) will plug in.

`SignIn` is the step the window runs after opening a database. For now `PickFromStaffList`
asks the user to choose who they are from the staff list; a password sign-in will be another
`SignIn` with the same method, and nothing else in the window changes.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.staff import StaffMember
from cpdesk.ui.widgets.fields import heading, labelled, secondary


class SignIn(Protocol):
    def sign_in(
        self, parent: QWidget | None, staff: list[StaffMember], last_staff_id: str | None
    ) -> StaffMember | None:
        """The person now using cpdesk, or None if they cancelled."""


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
    """Sign-in by choosing a name (until issue 9's password sign-in replaces it)."""

    def sign_in(
        self, parent: QWidget | None, staff: list[StaffMember], last_staff_id: str | None
    ) -> StaffMember | None:
        dialog = StaffPickerDialog(staff, last_staff_id, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
