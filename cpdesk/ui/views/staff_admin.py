"""Tools > Staff and teams… (administrators only): everyone with an account, and the forms to
add someone (and their team, if it is new), change their role, team or whether they can sign
in, set a password and unlock an account locked by failed sign-ins.

Each form checks the domain's rules (cpdesk.domain.staff_accounts) and then calls one service
(services.team, services.signin), which checks them again; broken rules show in the GOV.UK
error summary and beside their field. Nobody is ever deleted: people who leave are
deactivated and everything they recorded stays on file. Esc closes any of these windows; the
add form keeps what was typed (never the passwords) until it is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import Role
from cpdesk.domain.errors import CpdeskError, ValidationFailed
from cpdesk.domain.staff_accounts import (
    PASSWORD_RULE,
    StaffAccount,
    name_issues,
    new_staff_issues,
    password_issues,
)
from cpdesk.domain.visit_validation import FieldIssue
from cpdesk.models.db import Store
from cpdesk.services.changes import Changes
from cpdesk.services.signin import set_password, unlock_account
from cpdesk.services.staff import passwords_in_use
from cpdesk.services.team import NewStaff, add_staff, list_accounts, list_teams, update_staff
from cpdesk.ui.errors import describe
from cpdesk.ui.table_models.rows import format_when
from cpdesk.ui.table_models.staff_accounts import StaffAccountsTableModel
from cpdesk.ui.widgets.banner import Banner
from cpdesk.ui.widgets.error_summary import ErrorSummary
from cpdesk.ui.widgets.fields import heading, secondary
from cpdesk.ui.widgets.fit import grow_to_fit
from cpdesk.ui.widgets.question import Choice, Question
from cpdesk.ui.widgets.tables import read_only_table

ROLE_CHOICES = [(role.label, role) for role in Role]
USERNAME_HINT = "What they type to sign in, for example mo.reid"
TEAM_HINT = "Choose their team, or type the name of a new team to add it"
TELL_THEM = "Tell them it in person or by phone, never by email."


def password_box() -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    return box


def team_box(teams: Sequence[str], current: str | None) -> QComboBox:
    """Choose a team or type a new one."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItems(list(teams))
    box.setCurrentIndex(-1)
    box.setEditText(current or "")
    return box


class FormDialog(QDialog):
    """A short form: heading, the error summary, questions, then one button that calls one
    service. `changes` holds what the service returned once it succeeded."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} - cpdesk")
        self.setAccessibleName(title)
        self.setMinimumWidth(520)
        self.changes: Changes | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(20, 16, 20, 16)
        self.layout_.setSpacing(4)
        self.layout_.addWidget(heading(title))
        self.summary = ErrorSummary()
        self.summary.chosen.connect(self.focus_field)
        self.layout_.addWidget(self.summary)
        self.questions: dict[str, Question] = {}

    def ask(self, field: str, label: str, widget: QWidget, hint: str = "") -> Question:
        question = Question(label, widget, hint=hint)
        if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
            widget.lineEdit().setAccessibleName(label)
        self.questions[field] = question
        self.layout_.addWidget(question)
        return question

    def finish(self, primary: str) -> QPushButton:
        buttons = QDialogButtonBox()
        button = buttons.addButton(primary, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setAccessibleName(primary)
        button.setAutoDefault(False)  # Enter in a box never saves by accident
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.layout_.addSpacing(8)
        self.layout_.addWidget(buttons)
        self.primary = button
        return button

    def submit(self) -> None:  # pragma: no cover - each form has its own
        raise NotImplementedError

    def focus_field(self, field: str) -> None:
        if field in self.questions:
            self.questions[field].focus_input()

    def show_issues(self, issues: Sequence[FieldIssue]) -> None:
        """Each issue beside its field and in the summary, in the order of the form."""
        order = list(self.questions)
        issues = sorted(issues, key=lambda i: order.index(i.field) if i.field in order else -1)
        by_field = {i.field: i.message for i in issues}
        for field, question in self.questions.items():
            question.set_error(by_field.get(field))
        self.summary.set_entries([(i.field, i.message) for i in issues])
        if self.summary.links:
            self.summary.links[0].setFocus(Qt.FocusReason.OtherFocusReason)
        grow_to_fit(self)

    def run(self, call: Callable[[], Changes]) -> bool:
        try:
            self.changes = call()
        except ValidationFailed as failed:
            self.show_issues(failed.issues)
            return False
        except CpdeskError as exc:
            self.show_issues([FieldIssue("", describe(exc))])
            return False
        self.accept()
        return True

    @property
    def errors(self) -> list[str]:
        return self.summary.messages


class AddStaffDialog(FormDialog):
    """Add someone: name, username, role, team (existing or new), and their first password
    where this database signs people in with passwords."""

    def __init__(self, store: Store, actor: Actor, teams: Sequence[str], with_password: bool,
                 draft: dict[str, object], parent: QWidget | None = None) -> None:
        super().__init__("Add someone", parent)
        self.store, self.actor, self.draft = store, actor, draft
        self.with_password = with_password
        self.name = QLineEdit(str(draft.get("name", "")))
        self.username = QLineEdit(str(draft.get("username", "")))
        self.role = Choice(ROLE_CHOICES)
        self.role.set_value(draft.get("role"))
        self.team = team_box(teams, str(draft.get("team", "")))
        self.ask("name", "Full name", self.name)
        self.ask("username", "Username", self.username, USERNAME_HINT)
        self.ask("role", "Role", self.role,
                 "A social worker records their own cases; a manager countersigns and sees the "
                 "whole team; an administrator manages staff and the procedure profile")
        self.ask("team", "Team", self.team, TEAM_HINT)
        self.password = password_box()
        self.password_again = password_box()
        if with_password:
            self.ask("password", "First password", self.password, f"{PASSWORD_RULE} {TELL_THEM}")
            self.ask("password_again", "Type the first password again", self.password_again)
        else:
            self.layout_.addWidget(secondary(
                "On this database people sign in by choosing their name, so no password is "
                "needed."))
        self.finish("Add this person")
        for box in (self.name, self.username):
            box.textChanged.connect(self._keep)
        self.team.editTextChanged.connect(self._keep)
        self.role.changed.connect(self._keep)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _keep(self, *_args: object) -> None:
        """What was typed survives Esc (passwords are never kept)."""
        self.draft.update(name=self.name.text(), username=self.username.text(),
                          role=self.role.value(), team=self.team.currentText())

    def submit(self) -> None:
        password = self.password.text() if self.with_password else None
        again = self.password_again.text() if self.with_password else None
        role = self.role.value()
        issues = new_staff_issues(self.name.text(), self.username.text(), password, again, role)
        if issues:
            self.show_issues(issues)
            return
        new = NewStaff(self.name.text(), self.username.text(), role,
                       self.team.currentText().strip() or None)
        if self.run(lambda: add_staff(self.store, self.actor, new, password)):
            self.draft.clear()


class ChangeStaffDialog(FormDialog):
    """Change someone's name, role, team, or whether they can sign in (never delete them)."""

    def __init__(self, store: Store, actor: Actor, account: StaffAccount, teams: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Change {account.name}'s account", parent)
        self.store, self.actor, self.account = store, actor, account
        own = account.staff_id == actor.staff_id
        self.name = QLineEdit(account.name)
        self.role = Choice(ROLE_CHOICES)
        self.role.set_value(account.role)
        self.team = team_box(teams, account.team_name)
        self.active = Choice([("Yes", True), ("No, deactivate them", False)])
        self.active.set_value(account.active)
        self.ask("name", "Full name", self.name)
        self.ask("role", "Role", self.role,
                 "This is your own account: another administrator can change your role" if own
                 else "")
        self.ask("team", "Team", self.team, TEAM_HINT + "; leave empty for no team")
        self.ask("active", "Can they sign in?", self.active,
                 "This is your own account: another administrator can deactivate it" if own else
                 "Deactivate people who have left. Nobody is deleted: everything they recorded "
                 "stays on file, and they can be allowed to sign in again later")
        if own:
            self.role.set_read_only(True)
            self.active.set_read_only(True)
        self.finish("Save the changes")
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        issues = name_issues(self.name.text())
        if issues:
            self.show_issues(issues)
            return
        a = self.account
        self.run(lambda: update_staff(
            self.store, self.actor, a.staff_id, name=self.name.text(), role=self.role.value(),
            team=self.team.currentText(), active=self.active.value()))


class SetPasswordDialog(FormDialog):
    """An administrator sets someone's password (it also lifts a lock)."""

    def __init__(self, store: Store, actor: Actor, account: StaffAccount,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Set a password for {account.name}", parent)
        self.store, self.actor, self.account = store, actor, account
        self.password = password_box()
        self.password_again = password_box()
        self.ask("password", "New password", self.password, f"{PASSWORD_RULE} {TELL_THEM}")
        self.ask("password_again", "Type the new password again", self.password_again)
        self.finish("Set the password")
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        issues = password_issues(self.password.text(), self.password_again.text())
        if issues:
            self.show_issues(issues)
            return
        self.run(lambda: set_password(self.store, self.actor, self.account.staff_id,
                                      self.password.text()))


class StaffAdminDialog(QDialog):
    """The staff table and its actions. `changed` carries each service's Changes (the main
    window publishes them on the bus)."""

    changed = Signal(object)

    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        super().__init__(parent)
        self.store, self.actor, self.now = store, actor, now
        self.setWindowTitle("Staff and teams - cpdesk")
        self.setAccessibleName("Staff and teams")
        self.resize(980, 560)
        self.form: FormDialog | None = None
        self._add_draft: dict[str, object] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(heading("Staff and teams"))
        layout.addWidget(secondary(
            "Everyone who has an account on this database. Nobody is deleted: deactivate people "
            "who leave, and everything they recorded stays on file."))
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.model = StaffAccountsTableModel(self)
        self.table = read_only_table(self.model, "Staff", (190, 130, 120, 150, 130))
        self.table.doubleClicked.connect(lambda _index: self.change())
        layout.addWidget(self.table, 1)
        self.about_selected = secondary()
        self.about_selected.setAccessibleName("About the person chosen")
        layout.addWidget(self.about_selected)
        row = QHBoxLayout()
        self.add_button = self._button(row, "&Add someone…", self.add)
        self.change_button = self._button(row, "&Change…", self.change)
        self.password_button = self._button(row, "Set a &password…", self.set_password)
        self.unlock_button = self._button(row, "&Unlock", self.unlock)
        row.addStretch(1)
        close = self._button(row, "Close", self.reject)
        close.setAccessibleName("Close")
        layout.addLayout(row)
        self.passwords = passwords_in_use(store)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.load()

    def _button(self, row: QHBoxLayout, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(lambda _=False: slot())
        row.addWidget(button)
        return button

    # --- reading ---
    def load(self, select: str | None = None) -> None:
        current = select or (self.selected.staff_id if self.selected else None)
        self.model.set_accounts(list_accounts(self.store, self.actor), self.now())
        row = self.model.row_of(current) if current else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._enable()

    @property
    def selected(self) -> StaffAccount | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _enable(self) -> None:
        account = self.selected
        self.change_button.setEnabled(account is not None)
        self.password_button.setEnabled(account is not None and self.passwords)
        self.unlock_button.setEnabled(account is not None and account.locked(self.now()))
        self.password_button.setToolTip(
            "" if self.passwords else
            "People sign in to this database by choosing their name, without a password.")
        self.about_selected.setText(self._about(account))

    def _about(self, a: StaffAccount | None) -> str:
        """The chosen person's state in words, and what the buttons can do about it."""
        if a is None:
            return "Choose someone in the table to change their account."
        if not a.active:
            return (f"{a.name} is deactivated and cannot sign in. Change… lets them sign in "
                    "again.")
        if a.locked(self.now()) and a.locked_until is not None:
            return (f"{a.name} is locked out after repeated failed sign-ins until "
                    f"{format_when(a.locked_until)}. Unlock lets them try again now.")
        if self.passwords and not a.has_password:
            return f"{a.name} has no password yet: Set a password… so they can sign in."
        return f"{a.name} can sign in as {a.username}."

    def select(self, name: str) -> None:
        row = next(n for n, a in enumerate(self.model.shown_rows) if a.name == name)
        self.table.selectRow(row)

    # --- actions ---
    def _open(self, form: FormDialog) -> None:
        """Show a form; when its service succeeds, say so here and refresh the table."""
        self.form = form
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(lambda: self._done(form.changes))
        form.finished.connect(lambda _r: setattr(self, "form", None))
        form.open()

    def _done(self, changes: Changes | None, message: str = "") -> None:
        if changes is None:
            return
        self.banner.show_info(message or changes.message)
        self.load(select=next(iter(changes.ids), None))
        if changes.kinds:
            self.changed.emit(changes)

    def add(self) -> None:
        form = AddStaffDialog(self.store, self.actor, list_teams(self.store), self.passwords,
                              self._add_draft, self)
        username = form.username

        def done() -> None:
            if form.changes is not None:
                who = username.text().strip().lower()
                follow = (f" They sign in as {who} with the first password you set."
                          if self.passwords else "")
                self._done(form.changes, form.changes.message + follow)

        self.form = form
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(done)
        form.finished.connect(lambda _r: setattr(self, "form", None))
        form.open()

    def change(self) -> None:
        if (account := self.selected) is not None:
            self._open(ChangeStaffDialog(self.store, self.actor, account,
                                         list_teams(self.store), self))

    def set_password(self) -> None:
        if (account := self.selected) is not None and self.passwords:
            self._open(SetPasswordDialog(self.store, self.actor, account, self))

    def unlock(self) -> None:
        if (account := self.selected) is None:
            return
        try:
            changes = unlock_account(self.store, self.actor, account.staff_id)
        except CpdeskError as exc:
            self.banner.show_error(describe(exc))
            return
        self._done(changes)
