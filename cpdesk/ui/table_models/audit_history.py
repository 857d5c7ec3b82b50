"""The audit history of a child's records as a table: when, who, what was done, to which record.

Holds the `AuditEntry` records services.audit_history returned; never touches the database in
data(). "When" sorts in the order the events were written (their sequence).
"""

from __future__ import annotations

from cpdesk.services.audit_history import AuditEntry
from cpdesk.ui.table_models.rows import Column, RowsTableModel, format_when


class AuditHistoryTableModel(RowsTableModel[AuditEntry]):
    columns = (
        Column("When", lambda e: format_when(e.at), sort_key=lambda e: e.sequence),
        Column("Who", lambda e: e.who),
        Column("What was done", lambda e: e.action),
        Column("Record", lambda e: e.record),
    )

    @property
    def entries(self) -> list[AuditEntry]:
        """The events in the order the service gave them (oldest first)."""
        return self.all_rows
