"""The staff screen's table: name, username, role, team, whether they can sign in, and until
when repeated failed sign-ins lock them out.

Holds the `StaffAccount` records services.team.list_accounts returned; data() never touches
the database. "Locked until" is judged against `now`, set with the rows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cpdesk.domain.staff_accounts import StaffAccount
from cpdesk.ui.table_models.rows import Column, RowsTableModel, format_when


class StaffAccountsTableModel(RowsTableModel[StaffAccount]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.now = datetime.now(UTC)
        self.columns = (
            Column("Name", lambda a: a.name),
            Column("Username", lambda a: a.username),
            Column("Role", lambda a: a.role.label),
            Column("Team", lambda a: a.team_name or "No team"),
            Column("Can sign in", self._can_sign_in),
            Column("Locked until", self._locked_words,
                   sort_key=lambda a: a.locked_until if a.locked(self.now) else None),
        )

    def _can_sign_in(self, a: StaffAccount) -> str:
        if not a.active:
            return "No, deactivated"
        if a.locked(self.now):
            return "Not now, locked"
        return "Yes"

    def _locked_words(self, a: StaffAccount) -> str:
        if a.locked_until is None or not a.locked(self.now):
            return ""
        return format_when(a.locked_until)

    def set_accounts(self, accounts: list[StaffAccount], now: datetime) -> None:
        self.now = now
        self.set_rows(accounts)

    def row_of(self, staff_id: str) -> int | None:
        return next((n for n, a in enumerate(self.shown_rows) if a.staff_id == staff_id), None)
