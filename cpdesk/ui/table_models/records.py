"""Read-only table of the child's conferences."""

from __future__ import annotations

from cpdesk.domain.child_record import ConferenceSummary
from cpdesk.domain.enums import ConferenceKind
from cpdesk.ui.table_models.rows import Column, RowsTableModel, date_column


class ConferencesTableModel(RowsTableModel[ConferenceSummary]):
    columns = (
        date_column("Date", lambda c: c.held_on),
        Column("Conference", lambda c: "Initial" if c.kind is ConferenceKind.INITIAL
               else "Review"),
        Column("Chair", lambda c: c.chair or ""),
        Column("Category", lambda c: c.category.label if c.category else ""),
        date_column("Next review set for", lambda c: c.next_review_date),
        Column("Decisions", lambda c: c.decisions or "", tooltip=lambda c: c.decisions or ""),
    )
