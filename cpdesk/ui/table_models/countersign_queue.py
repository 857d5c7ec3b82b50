"""The countersign queue as a table: child, case number, record, author, finalised, state.

Holds the `QueueItem` records services.countersign.countersign_queue returned; never touches the
database in data(). Dates sort as dates (SORT_ROLE); the state is a word, never colour alone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from cpdesk.domain.countersign import CountersignState
from cpdesk.domain.dates import format_date
from cpdesk.services.countersign import QueueItem

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Child", "Case number", "Record", "Author", "Finalised", "State")
_Index = QModelIndex | QPersistentModelIndex
_STATE_WORDS = {
    CountersignState.AWAITING: "Waiting",
    CountersignState.ADDENDUM_AWAITING: "Addendum to read",
}


def when_text(at: datetime | None) -> str:
    if at is None:
        return "Not recorded"
    local = at.astimezone()
    return f"{format_date(local.date())}, {local:%H:%M}"


class CountersignQueueTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[QueueItem] = []

    def set_items(self, items: list[QueueItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    @staticmethod
    def text(item: QueueItem, column: int) -> str:
        return (
            item.child_name, item.case_number, item.title, item.author,
            when_text(item.finalised_at), _STATE_WORDS.get(item.state, item.state.label),
        )[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        item = self.items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(item, column)
        if role == SORT_ROLE:
            if column == 4:
                return (item.finalised_at or datetime.min.replace(tzinfo=UTC)).timestamp()
            if column == 2 and item.record_date:
                return f"{item.title.split(',')[0]} {item.record_date.isoformat()}"
            return self.text(item, column)
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return item.state.label
        return None

    def item(self, row: int) -> QueueItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None
