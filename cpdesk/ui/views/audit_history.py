"""The audit history of the open child's records, for managers and administrators (issue 9).

A read-only table of every audit event about the child's records (services.audit_history):
when, who, what was done, to which record; choosing a row shows what it was before and after.
The table model (table_models.audit_history) holds the service's records and never touches
the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.models.db import Store
from cpdesk.services.audit_history import AuditEntry, audit_history
from cpdesk.ui.table_models.audit_history import AuditHistoryTableModel
from cpdesk.ui.widgets.fields import heading, labelled, secondary
from cpdesk.ui.widgets.tables import chosen_record, proxy_sorted_table


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
        self.proxy, self.table = proxy_sorted_table(  # oldest first
            self.model, "Audit history", (170, 160, 260), self.model.column_named("When"),
            Qt.SortOrder.AscendingOrder)
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
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        if entries:
            self.table.selectRow(self.proxy.rowCount() - 1)
        self.resize(1100, 700)

    def _show(self) -> None:
        entry: AuditEntry | None = chosen_record(self.table)
        self.before.setPlainText(entry.before or "Nothing before: this created it."
                                 if entry else "")
        self.after.setPlainText(entry.after if entry else "")
