"""The audit history of the open child's records, for managers and administrators (issue 9).

A read-only table of every audit event about the child's records (services.audit_history):
when, who, what was done, to which record; choosing a row shows what it was before and after.
The table model (table_models.audit_history) holds the service's records and never touches
the database.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.models.db import Store
from cpdesk.services.audit_history import audit_history
from cpdesk.ui.table_models.audit_history import AuditHistoryTableModel
from cpdesk.ui.table_models.rows import SORT_ROLE
from cpdesk.ui.widgets.fields import heading, labelled, secondary


class AuditHistoryDialog(QDialog):
    """View > Audit history of this child's records."""

    def __init__(self, store: Store, actor: Actor, child_id: str, child_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Audit history: {child_name} - cpdesk")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading(f"Audit history: {child_name}"))
        entries = audit_history(store, actor, child_id)
        layout.addWidget(secondary(
            f"{len(entries)} change{'s' if len(entries) != 1 else ''} to this child's records, "
            "oldest first: who did what, when, and what it was before and after. The history "
            "cannot be changed; cpdesk verify checks it has not been."))
        self.model = AuditHistoryTableModel(self)
        self.model.set_rows(entries)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Audit history")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((170, 160, 260)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.before = QPlainTextEdit()
        self.before.setReadOnly(True)
        self.after = QPlainTextEdit()
        self.after.setReadOnly(True)
        details = QWidget()
        row = QHBoxLayout(details)
        row.setContentsMargins(0, 0, 0, 0)
        for title, box in (("Before", self.before), ("After", self.after)):
            column = QVBoxLayout()
            column.addWidget(labelled(title, box))
            column.addWidget(box)
            row.addLayout(column)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show(cur))
        if entries:
            self.table.selectRow(self.proxy.rowCount() - 1)
        self.resize(1100, 700)

    def _show(self, index: QModelIndex) -> None:
        entry = self.model.row_at(self.proxy.mapToSource(index).row()) if index.isValid() else None
        self.before.setPlainText(entry.before or "Nothing before: this created it."
                                 if entry else "")
        self.after.setPlainText(entry.after if entry else "")
