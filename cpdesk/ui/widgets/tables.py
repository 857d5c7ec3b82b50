"""Read-only table views set up the same way everywhere: rows selected whole, sortable,
left-aligned, named for screen readers.

- `read_only_table`: over a RowsTableModel, which sorts itself; no sort column at first.
- `proxy_sorted_table`: through a QSortFilterProxyModel sorting by the model's SORT_ROLE, sorted
  by a given column at once (for small tables whose callers read the proxy).
- `OpenRowTable`: a table whose Enter, Return or double-click asks to open the chosen row.
- `chosen_record`: the record behind the table's current row, whatever sits between.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cpdesk.ui.table_models.rows import ROW_ROLE, SORT_ROLE


class OpenRowTable(QTableView):
    """Enter, Return or a double-click on a row emits `open_requested`."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doubleClicked.connect(lambda _index: self.open_requested.emit())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
            return
        super().keyPressEvent(event)


def _set_up(table: QTableView, model: QAbstractItemModel, name: str,
            widths: Sequence[int]) -> QTableView:
    table.setAccessibleName(name)
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for n, width in enumerate(widths):
        table.setColumnWidth(n, width)
    return table


def read_only_table(
    model: QAbstractItemModel, name: str, widths: Sequence[int] = (),
    parent: QWidget | None = None, *, sortable: bool = True,
) -> QTableView:
    table = _set_up(QTableView(parent), model, name, widths)
    # No sort column until the user picks one: rows keep the service's order (newest first,
    # most serious first); set before enabling sorting, which sorts by the indicator at once.
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(sortable)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(28)
    table.horizontalHeader().setHighlightSections(False)
    return table


def proxy_sorted_table(
    model: QAbstractItemModel, name: str, widths: Sequence[int], sort_column: int,
    order: Qt.SortOrder, *, table: QTableView | None = None,
) -> tuple[QSortFilterProxyModel, QTableView]:
    """`table` (a new QTableView if None) over a proxy of `model`, sorted by `sort_column`."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = _set_up(table if table is not None else QTableView(), proxy, name, widths)
    table.setSortingEnabled(True)
    table.sortByColumn(sort_column, order)
    return proxy, table


def chosen_record(table: QTableView) -> Any | None:
    """The record (a RowsTableModel row) of the table's current row, or None."""
    index = table.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None
