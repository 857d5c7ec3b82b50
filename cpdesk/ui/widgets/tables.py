"""A read-only table view set up the same way everywhere: rows selected whole, sortable,
left-aligned, named for screen readers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def read_only_table(
    model: QAbstractItemModel, name: str, widths: Sequence[int] = (),
    parent: QWidget | None = None, *, sortable: bool = True,
) -> QTableView:
    table = QTableView(parent)
    table.setAccessibleName(name)
    table.setModel(model)
    # No sort column until the user picks one: rows keep the service's order (newest first,
    # most serious first); set before enabling sorting, which sorts by the indicator at once.
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(sortable)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(28)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    for n, width in enumerate(widths):
        table.setColumnWidth(n, width)
    return table
