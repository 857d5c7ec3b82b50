"""The child protection conferences: the initial conference and its reviews, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from cpdesk.domain.child_record import ChildRecord
from cpdesk.domain.dates import format_date
from cpdesk.ui.table_models.records import ConferencesTableModel
from cpdesk.ui.widgets.fields import secondary
from cpdesk.ui.widgets.tables import read_only_table


class ConferencesTab(QWidget):
    title = "Conferences"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        self.summary = secondary()
        self.summary.setAccessibleName("Next review conference")
        layout.addWidget(self.summary)
        self.model = ConferencesTableModel(self)
        self.table = read_only_table(self.model, "Conferences", (130, 90, 140, 150, 150))
        layout.addWidget(self.table, 1)

    def show_record(self, record: ChildRecord) -> None:
        self.model.set_rows(list(record.conferences))
        due = record.next_dates.next_review_due
        from_dates = "" if due is None else f"The next review is due by {format_date(due)}."
        self.summary.setText(from_dates)

    def clear(self) -> None:
        self.model.set_rows([])
        self.summary.clear()
