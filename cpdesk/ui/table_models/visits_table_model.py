"""The child's visits as a table: date, seen, seen alone (or awake), bedroom, record, countersigned.

Holds the `VisitRow` records list_visits returned; never touches the database in data().
Dates sort as dates (SORT_ROLE), newest first by default; answers read as words, never as
colour alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import RecordStatus
from cpdesk.domain.visit import VisitRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Date", "Child seen", "Seen alone", "Bedroom seen", "Incidents or injuries",
           "Record", "Countersigned")
_Index = QModelIndex | QPersistentModelIndex


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not answered")  # type: ignore[arg-type]


def _with_reason(answer: str, reason: str) -> str:
    return f"{answer}: {reason.strip()}" if reason.strip() else answer


def _seen(row: VisitRow) -> str:
    if row.child_seen is False:
        return _with_reason("No", row.not_seen_reason)
    return _yes_no(row.child_seen)


def _alone(row: VisitRow) -> str:
    if row.child_seen is False:
        return "Not seen"
    if row.seen_alone is None and row.seen_awake is not None:
        return "Seen awake" if row.seen_awake else "Not seen awake"
    if row.seen_alone is False:
        return _with_reason("No", row.not_seen_alone_reason)
    return _yes_no(row.seen_alone)


def _incidents(row: VisitRow) -> str:
    if row.new_incidents is True:
        return row.incident_details.strip() or "Yes"
    return {False: "None", None: "Not answered"}[row.new_incidents]


def _record(row: VisitRow) -> str:
    word = {RecordStatus.DRAFT: "Draft", RecordStatus.FINAL: "Final",
            RecordStatus.VOIDED: "Voided"}[row.status]
    if row.other_children:
        word += f" (with {', '.join(row.other_children)})"
    return _with_reason(word, row.void_reason) if row.status is RecordStatus.VOIDED else word


class VisitRecordsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[VisitRow] = []

    def set_rows(self, rows: list[VisitRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    def text(self, row: VisitRow, column: int) -> str:
        if column == 0:
            return format_date(row.visit_date) if row.visit_date else "No date yet"
        if column == 1:
            return _seen(row)
        if column == 2:
            return _alone(row)
        if column == 3:
            return _yes_no(row.bedroom_seen)
        if column == 4:
            return _incidents(row)
        if column == 5:
            return _record(row)
        if row.status is RecordStatus.VOIDED:
            return "Voided"
        if row.status is not RecordStatus.FINAL:
            return "Not yet final"
        return "Yes" if row.countersigned else "Waiting"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, column)
        if role == SORT_ROLE:
            if column == 0:
                return (row.visit_date or date.max).toordinal()
            return self.text(row, column)
        if role == ID_ROLE:
            return row.visit_id
        if role == Qt.ItemDataRole.ToolTipRole and column == 5 and row.author:
            return f"Recorded by {row.author}"
        return None

    def column_named(self, header: str) -> int:
        return COLUMNS.index(header)

    def visit_id(self, row: int) -> str | None:
        return self.rows[row].visit_id if 0 <= row < len(self.rows) else None
