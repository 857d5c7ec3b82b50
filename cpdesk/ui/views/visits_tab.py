"""The child's visits, newest first, read-only for now (the visit form issue adds recording)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from cpdesk.domain.child_record import ChildRecord
from cpdesk.ui.table_models.records import VisitsTableModel
from cpdesk.ui.widgets.fields import secondary
from cpdesk.ui.widgets.tables import read_only_table


class VisitsTab(QWidget):
    title = "Visits"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        self.summary = secondary()
        self.summary.setAccessibleName("Visits summary")
        layout.addWidget(self.summary)
        self.model = VisitsTableModel(self)
        self.table = read_only_table(self.model, "Visits", (130, 105, 100, 110, 130, 220, 80))
        layout.addWidget(self.table, 1)

    def show_record(self, record: ChildRecord) -> None:
        self.model.set_rows(list(record.visits))  # newest first, as the service gives them
        final = [v for v in record.visits if v.status.value == "final"]
        drafts = len(record.visits) - len(final)
        text = f"{len(final)} visit{'s' if len(final) != 1 else ''} recorded"
        if drafts:
            text += f", {drafts} not yet finalised"
        self.summary.setText(text + ".")

    def clear(self) -> None:
        self.model.set_rows([])
        self.summary.clear()
