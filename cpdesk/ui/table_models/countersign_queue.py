"""The countersign queue as a table: child, case number, record, author, finalised, state.

Holds the `QueueItem` records services.countersign.countersign_queue returned; never touches the
database in data(). Dates sort as dates (SORT_ROLE); the state is a word, never colour alone.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cpdesk.domain.countersign import CountersignState
from cpdesk.services.countersign import QueueItem
from cpdesk.ui.table_models.rows import Column, RowsTableModel, format_when

_STATE_WORDS = {
    CountersignState.AWAITING: "Waiting",
    CountersignState.ADDENDUM_AWAITING: "Addendum to read",
}
_NEVER = datetime.min.replace(tzinfo=UTC)


def _record_key(item: QueueItem) -> str:
    """Records of one kind together, then by the record's own date."""
    if item.record_date is None:
        return item.title
    return f"{item.title.split(',')[0]} {item.record_date.isoformat()}"


class CountersignQueueTableModel(RowsTableModel[QueueItem]):
    columns = (
        Column("Child", lambda i: i.child_name),
        Column("Case number", lambda i: i.case_number),
        Column("Record", lambda i: i.title, sort_key=_record_key),
        Column("Author", lambda i: i.author),
        Column("Finalised", lambda i: format_when(i.finalised_at),
               sort_key=lambda i: (i.finalised_at or _NEVER).timestamp()),
        Column("State", lambda i: _STATE_WORDS.get(i.state, i.state.label),
               tooltip=lambda i: i.state.label),
    )
