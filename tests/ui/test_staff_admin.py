"""Tools > Staff and teams… as an administrator uses it: add someone by typing and clicking,
errors beside their field, change a role, deactivate, set a password, unlock; and nobody but an
administrator sees the Tools entries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from cpdesk.domain.actor import SYSTEM
from cpdesk.domain.enums import Role
from cpdesk.domain.staff import StaffMember
from cpdesk.models.db import Store
from cpdesk.services.signin import SignInFailed, set_password, sign_in
from cpdesk.services.staff import list_staff
from cpdesk.services.team import NewStaff, add_staff, list_accounts, list_teams
from cpdesk.ui.main_window import MainWindow
from cpdesk.ui.views.staff_admin import (
    AddStaffDialog,
    ChangeStaffDialog,
    SetPasswordDialog,
    StaffAdminDialog,
)
from tests.ui.conftest import TeamCaseload

PASSWORD = "a long enough password"
OpenWindow = Callable[[Store, StaffMember], MainWindow]


@pytest.fixture
def admin(team: TeamCaseload) -> StaffMember:
    add_staff(team.store, SYSTEM, NewStaff("Ada Admin", "ada", Role.ADMINISTRATOR, "North team"),
              PASSWORD)
    return team.member("Ada Admin")


def named(parent: QWidget, name: str) -> QWidget:
    """The input whose accessible name is `name` (its label)."""
    found = [w for w in parent.findChildren(QWidget) if w.accessibleName() == name
             and isinstance(w, QLineEdit | QComboBox | QAbstractButton) and w.isVisible()]
    assert found, f"no input named {name!r}"
    return found[0]


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, parent: QWidget, name: str, text: str) -> None:
    qtbot.keyClicks(named(parent, name), text)


def staff_window(qtbot: QtBot, open_window: OpenWindow, team: TeamCaseload,
                 admin: StaffMember) -> StaffAdminDialog:
    window = open_window(team.store, admin)
    assert window.staff_action.isVisible() and window.tools_menu.menuAction().isVisible()
    window.staff_action.trigger()
    dialog = window.staff_window
    assert isinstance(dialog, StaffAdminDialog)
    qtbot.waitExposed(dialog)
    return dialog


def open_form(qtbot: QtBot, dialog: StaffAdminDialog, button: str) -> QWidget:
    click(qtbot, named(dialog, button))
    form = dialog.form
    assert form is not None
    qtbot.waitExposed(form)
    return form


def test_an_administrator_adds_a_social_worker_who_can_then_sign_in(
    qtbot: QtBot, open_window: OpenWindow, team: TeamCaseload, admin: StaffMember
) -> None:
    dialog = staff_window(qtbot, open_window, team, admin)
    form = open_form(qtbot, dialog, "Add someone")
    assert isinstance(form, AddStaffDialog)
    type_into(qtbot, form, "Full name", "Mo Reid")
    type_into(qtbot, form, "Username", "mo.reid")
    click(qtbot, named(form, "Social worker"))
    type_into(qtbot, form, "Team", "South team")  # a new team, typed
    type_into(qtbot, form, "First password", "mo's first password")
    type_into(qtbot, form, "Type the first password again", "mo's first password")
    click(qtbot, named(form, "Add this person"))
    qtbot.waitUntil(lambda: dialog.form is None)
    assert dialog.banner.message == ("Mo Reid added as social worker. They sign in as mo.reid "
                                     "with the first password you set.")
    actor = sign_in(team.store, "mo.reid", "mo's first password")
    assert actor.name == "Mo Reid" and actor.role is Role.SOCIAL_WORKER
    assert "South team" in list_teams(team.store)
    assert dialog.selected is not None and dialog.selected.name == "Mo Reid"
    row = dialog.model.row_of(actor.staff_id or "")
    assert row is not None
    words = [dialog.model.index(row, c).data() for c in range(dialog.model.columnCount())]
    assert words == ["Mo Reid", "mo.reid", "Social worker", "South team", "Yes", ""]


def test_a_missing_username_is_shown_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, open_window: OpenWindow, team: TeamCaseload, admin: StaffMember
) -> None:
    dialog = staff_window(qtbot, open_window, team, admin)
    form = open_form(qtbot, dialog, "Add someone")
    assert isinstance(form, AddStaffDialog)
    before = len(list_staff(team.store, include_inactive=True))
    type_into(qtbot, form, "Full name", "Mo Reid")
    click(qtbot, named(form, "Manager"))
    type_into(qtbot, form, "First password", "mo's first password")
    type_into(qtbot, form, "Type the first password again", "a different one!")
    click(qtbot, named(form, "Add this person"))
    assert form.isVisible()
    assert form.questions["username"].error_text == "Enter a username"
    assert form.questions["password_again"].error_text.startswith("The two passwords are "
                                                                  "different")
    assert form.errors == [
        "Enter a username",
        "The two passwords are different. Type the same password in both boxes",
    ]
    # choosing the summary entry moves focus to the field
    click(qtbot, form.summary.links[0])
    assert form.focusWidget() is named(form, "Username")
    assert len(list_staff(team.store, include_inactive=True)) == before
    # a username already taken is the service's rule, shown the same way
    type_into(qtbot, form, "Username", "JO.BLOGGS")
    named(form, "Type the first password again").clear()  # type: ignore[attr-defined]
    type_into(qtbot, form, "Type the first password again", "mo's first password")
    click(qtbot, named(form, "Add this person"))
    assert form.questions["username"].error_text == ("The username jo.bloggs is already taken. "
                                                     "Choose another")
    assert form.questions["password_again"].error_text == ""
    assert len(list_staff(team.store, include_inactive=True)) == before


def test_esc_closes_the_add_form_and_keeps_what_was_typed(
    qtbot: QtBot, open_window: OpenWindow, team: TeamCaseload, admin: StaffMember
) -> None:
    dialog = staff_window(qtbot, open_window, team, admin)
    form = open_form(qtbot, dialog, "Add someone")
    type_into(qtbot, form, "Full name", "Mo Reid")
    type_into(qtbot, form, "First password", "secret words here")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.form is None)
    form = open_form(qtbot, dialog, "Add someone")
    assert named(form, "Full name").text() == "Mo Reid"  # type: ignore[attr-defined]
    assert named(form, "First password").text() == ""  # type: ignore[attr-defined]
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.form is None)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_change_a_role_then_deactivate_someone(
    qtbot: QtBot, open_window: OpenWindow, team: TeamCaseload, admin: StaffMember
) -> None:
    dialog = staff_window(qtbot, open_window, team, admin)
    dialog.select("Jo Bloggs")
    form = open_form(qtbot, dialog, "Change")
    assert isinstance(form, ChangeStaffDialog)
    click(qtbot, named(form, "Manager"))
    click(qtbot, named(form, "Save the changes"))
    qtbot.waitUntil(lambda: dialog.form is None)
    assert dialog.banner.message == "Jo Bloggs is now a manager."
    assert team.member("Jo Bloggs").role is Role.MANAGER

    dialog.select("Sam Patel")
    form = open_form(qtbot, dialog, "Change")
    click(qtbot, named(form, "No, deactivate them"))
    click(qtbot, named(form, "Save the changes"))
    qtbot.waitUntil(lambda: dialog.form is None)
    assert dialog.banner.message.startswith("Sam Patel is deactivated and can no longer sign in")
    sam = next(a for a in list_accounts(team.store, admin.actor) if a.name == "Sam Patel")
    assert not sam.active  # still there: nobody is deleted
    row = dialog.model.row_of(sam.staff_id)
    assert row is not None
    assert dialog.model.index(row, dialog.model.column_named("Can sign in")).data() == (
        "No, deactivated")

    # their own role and whether they can sign in are not theirs to change
    dialog.select("Ada Admin")
    form = open_form(qtbot, dialog, "Change")
    assert not named(form, "No, deactivate them").isEnabled()
    assert not named(form, "Manager").isEnabled()
    qtbot.keyClick(form, Qt.Key.Key_Escape)


def test_set_a_password_and_unlock(
    qtbot: QtBot, open_window: OpenWindow, team: TeamCaseload, admin: StaffMember
) -> None:
    jo = team.member("Jo Bloggs")
    set_password(team.store, SYSTEM, jo.staff_id, PASSWORD)
    now = datetime.now(UTC)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            sign_in(team.store, "jo.bloggs", "wrong password", now=now)
    dialog = staff_window(qtbot, open_window, team, admin)
    dialog.select("Jo Bloggs")
    row = dialog.model.row_of(jo.staff_id)
    assert row is not None
    assert dialog.model.index(row, dialog.model.column_named("Can sign in")).data() == (
        "Not now, locked")
    assert dialog.model.index(row, dialog.model.column_named("Locked until")).data()
    unlock = named(dialog, "Unlock")
    assert unlock.isEnabled()
    click(qtbot, unlock)
    assert dialog.banner.message == "Jo Bloggs's account is unlocked. They can sign in again now."
    assert not unlock.isEnabled()
    assert sign_in(team.store, "jo.bloggs", PASSWORD).name == "Jo Bloggs"

    dialog.select("Sam Patel")
    form = open_form(qtbot, dialog, "Set a password")
    assert isinstance(form, SetPasswordDialog)
    type_into(qtbot, form, "New password", "short")
    type_into(qtbot, form, "Type the new password again", "short")
    click(qtbot, named(form, "Set the password"))
    assert form.questions["password"].error_text == ("Password must be at least 10 characters "
                                                     "long")
    named(form, "New password").clear()  # type: ignore[attr-defined]
    named(form, "Type the new password again").clear()  # type: ignore[attr-defined]
    type_into(qtbot, form, "New password", "sam's new password")
    type_into(qtbot, form, "Type the new password again", "sam's new password")
    click(qtbot, named(form, "Set the password"))
    qtbot.waitUntil(lambda: dialog.form is None)
    assert dialog.banner.message.startswith("Password set for Sam Patel.")
    assert sign_in(team.store, "sam.patel", "sam's new password").name == "Sam Patel"


@pytest.mark.parametrize("who", ["Jo Bloggs", "Ann Okafor"])
def test_only_administrators_see_the_tools(
    open_window: OpenWindow, team: TeamCaseload, who: str
) -> None:
    window = open_window(team.store, team.member(who))
    assert not window.tools_menu.menuAction().isVisible()
    assert not window.staff_action.isVisible() and not window.profile_action.isVisible()
    window.show_staff_admin()  # even asked directly, nothing opens
    window.show_profile()
    assert getattr(window, "staff_window", None) is None
    assert getattr(window, "profile_window", None) is None
