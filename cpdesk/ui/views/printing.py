"""Whether File > Print or export is on offer, without loading the print dialog: the main
window asks at sign-in and each time a child opens, and the dialog (print_dialog.py, with the
document services) is loaded only when someone prints (issue 10, start-up).
Imports domain only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpdesk.domain.enums import Role

if TYPE_CHECKING:  # the record's module loads with the first child opened
    from cpdesk.domain.child_record import ChildRecord
    from cpdesk.domain.staff import StaffMember


def can_print(user: StaffMember | None, record: ChildRecord | None) -> bool:
    """Whether File > Print or export is available: a child is open, or the user is a manager
    (or administrator), who may print the caseload compliance report."""
    if user is None:
        return False
    return record is not None or user.role in (Role.MANAGER, Role.ADMINISTRATOR)
