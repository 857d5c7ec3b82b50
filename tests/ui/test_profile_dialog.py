"""Tools > Procedure profile…: an administrator sees the current procedures in words, chooses
Sefton, and the open child's record then says "Key Worker" (the change goes out on the bus)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpdesk.domain.actor import SYSTEM
from cpdesk.domain.enums import Role
from cpdesk.domain.staff import StaffMember
from cpdesk.models import AuditEvent
from cpdesk.models.db import Store
from cpdesk.services.profile import current_profile
from cpdesk.services.team import NewStaff, add_staff
from cpdesk.ui.main_window import MainWindow
from cpdesk.ui.views.profile_dialog import ProfileDialog
from tests.ui.conftest import TeamCaseload, wait_idle


def test_choose_sefton_and_the_child_record_says_key_worker(
    qtbot: QtBot, open_window: Callable[[Store, StaffMember], MainWindow], team: TeamCaseload
) -> None:
    add_staff(team.store, SYSTEM, NewStaff("Ada Admin", "ada", Role.ADMINISTRATOR), "a long "
              "enough password")
    admin = team.member("Ada Admin")
    window = open_window(team.store, admin)
    window.open_child(team.amy.child_id)
    assert "Lead Social Worker: Jo Bloggs" in window.child.plan_label.text()

    assert window.profile_action.isVisible()
    window.profile_action.trigger()
    dialog = window.profile_window
    assert isinstance(dialog, ProfileDialog)
    qtbot.waitExposed(dialog)
    assert dialog.current_label.text() == ("This database follows: England (Working Together, "
                                           "local procedures)")
    assert "Title of the worker: Lead Social Worker" in dialog.details_text
    assert "Visits: at least every 14 days" in dialog.details_text
    assert not dialog.use_button.isEnabled()  # nothing chosen yet

    # choose Sefton with the keyboard, as a user would
    dialog.choice.setFocus()
    qtbot.keyClicks(dialog.choice, "Sefton")
    assert dialog.chosen == "sefton"
    # what would change says what it is now
    assert ("Title of the worker: Key Worker. At present: Lead Social Worker"
            in dialog.details_text)
    assert ("Child seen alone: at least every 28 days (a baby seen awake). At present: at least "
            "every 14 days (a baby seen awake)" in dialog.details_text)
    assert "Visits: at least every 14 days" in dialog.details_text  # the same in both
    assert "Child's bedroom: seen at least once between conferences (new)" in dialog.details_text
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)

    assert dialog.banner.message.startswith(
        "This database now follows the Sefton Safeguarding Children Partnership procedures.")
    assert dialog.current_label.text() == ("This database follows: Sefton Safeguarding "
                                           "Children Partnership")
    assert not dialog.use_button.isEnabled()
    assert "Title of the worker: Key Worker" in dialog.details_text
    assert current_profile(team.store).name == "sefton"
    with team.store.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "set_profile")
                                .order_by(AuditEvent.sequence.desc())).first()
        assert event is not None and event.actor_id == admin.staff_id
    wait_idle(qtbot, window)
    assert "Key Worker: Jo Bloggs" in window.child.plan_label.text()
    assert window.workspace is not None and window.workspace.profile.worker_title == "Key Worker"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.profile_window is None)
