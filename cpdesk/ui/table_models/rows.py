"""A QAbstractTableModel over a plain Python list of frozen records.

Columns are declared once (header, text, sort key, optional colour/icon). Sorting and filtering
act on the Python list (a few milliseconds for 20,000 rows; a QSortFilterProxyModel takes
seconds), and data() only reads the list: it never touches the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from cpdesk.domain.dates import format_date

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the record itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the value the column sorts by
# Qt's roles and the cells' alignment, read once: data() and headerData() answer for every cell,
# header section and role Qt paints or measures, and each Qt.ItemDataRole.X there was two
# lookups on PySide's types, the alignment a flag operation (~1 us a call; issue 10, start-up).
_TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole})
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FONT = Qt.ItemDataRole.FontRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_HORIZONTAL = Qt.Orientation.Horizontal
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def date_words(d: date | None, empty: str = "") -> str:
    return format_date(d) if d is not None else empty


def format_when(at: datetime | None, empty: str = "Not recorded") -> str:
    """A moment in local time: 'Tue 6 Jan 2027, 14:05'."""
    if at is None:
        return empty
    local = at.astimezone()
    return f"{format_date(local.date())}, {local:%H:%M}"


def yes_no(value: bool | None, unknown: str = "Not recorded") -> str:
    return unknown if value is None else ("Yes" if value else "No")


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    words: Callable[[T], str]  # what the cell says
    sort_key: Callable[[T], Any] | None = None  # None: sort by the text, case-insensitively
    colour: Callable[[T], QColor | None] | None = None
    icon: Callable[[T], QIcon | None] | None = None
    bold: Callable[[T], bool] | None = None
    tooltip: Callable[[T], str] | None = None

    def key(self, row: T) -> Any:
        if self.sort_key is not None:
            return self.sort_key(row)
        return self.words(row).casefold()


def date_column(header: str, get: Callable[[T], date | None], empty: str = "") -> Column[T]:
    """A date shown as 'Tue 6 Jan 2027' and sorted as a date."""
    return Column(header, lambda r: date_words(get(r), empty), sort_key=get)


class RowsTableModel(QAbstractTableModel, Generic[T]):
    """Rows in, filtered and sorted in Python. Subclasses declare `columns`."""

    columns: Sequence[Column[T]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[T] = []
        self._shown: list[T] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        # every row in each (column, order) sorted, worked out the first time that sort is
        # asked for after a load and kept: sorting again, or typing into the filter, only
        # picks the rows shown out of it (no key worked out or compared again)
        self._orders: dict[tuple[int, Qt.SortOrder], list[T]] = {}
        self._keys: dict[int, list[Any]] = {}  # each column's keys, in the order of _all
        self._bold = QFont()
        self._bold.setBold(True)

    # --- rows in ---
    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._orders, self._keys = {}, {}
        self._shown = self._sorted(self._filtered(self._all))
        self.endResetModel()

    def refilter(self) -> None:
        """Apply the filter again (after a subclass changed its filter settings)."""
        self.beginResetModel()
        self._shown = self._sorted(self._filtered(self._all))
        self.endResetModel()

    def accepts(self, row: T) -> bool:
        """Subclasses narrow the rows shown; the default shows all."""
        return True

    def _filtered(self, rows: list[T]) -> list[T]:
        return [r for r in rows if self.accepts(r)]

    def _sorted(self, rows: list[T]) -> list[T]:
        if self._sort is None:
            return rows
        order = self._orders.get(self._sort)
        if order is None:
            order = self._orders[self._sort] = self._sort_all(*self._sort)
        if len(rows) == len(self._all):
            return list(order)
        shown = set(map(id, rows))
        return [r for r in order if id(r) in shown]

    def _sort_all(self, column: int, order: Qt.SortOrder) -> list[T]:
        rows = self._all
        keys = self._keys.get(column)
        if keys is None:  # each key worked out once, for both orders
            key = self.columns[column].key
            keys = self._keys[column] = [key(r) for r in rows]
        # Empty values sort last both ways, so "no visit yet" never hides the urgent rows.
        present = [(k, n) for n, k in enumerate(keys) if k is not None]
        present.sort(key=itemgetter(0), reverse=order == Qt.SortOrder.DescendingOrder)
        return [rows[n] for _, n in present] + [r for r, k in zip(rows, keys) if k is None]

    # --- reading ---
    @property
    def all_rows(self) -> list[T]:
        return list(self._all)

    @property
    def shown_rows(self) -> list[T]:
        return list(self._shown)

    def row_at(self, row: int) -> T:
        return self._shown[row]

    def column_named(self, header: str) -> int:
        return [c.header for c in self.columns].index(header)

    def text(self, row: T, column: int) -> str:
        """What the cell of this record says in a column."""
        return self.columns[column].words(row)

    # --- Qt model ---
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == _HORIZONTAL and 0 <= section < len(self.columns):
            if role in _TEXT_ROLES:
                return self.columns[section].header
            if role == _ALIGNMENT:
                return _LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row = self._shown[index.row()]
        col = self.columns[index.column()]
        if role in _TEXT_ROLES:
            return col.words(row)
        if role == _TOOLTIP:
            return col.tooltip(row) if col.tooltip else None
        if role == _FOREGROUND:
            return col.colour(row) if col.colour else None
        if role == _DECORATION:
            return col.icon(row) if col.icon else None
        if role == _FONT:
            return self._bold if col.bold and col.bold(row) else None
        if role == _ALIGNMENT:
            return _LEFT
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return col.key(row)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; a column of -1 puts back the order the service gave."""
        if column >= len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moving = [id(self._shown[i.row()]) for i in before]
        self._sort = (column, order) if column >= 0 else None
        self._shown = self._sorted(self._filtered(self._all) if column < 0 else self._shown)
        position = {id(row): n for n, row in enumerate(self._shown)}
        self.changePersistentIndexList(
            before, [self.index(position[key], i.column()) for key, i in zip(moving, before)]
        )
        self.layoutChanged.emit()
