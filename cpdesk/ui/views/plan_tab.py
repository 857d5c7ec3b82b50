"""The plan, read-only for now (the plan editor issue replaces this tab): category, start,
concerns, outcomes and their actions, and every saved version."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from cpdesk.domain.child_record import ChildRecord
from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import PlanStatus
from cpdesk.ui.table_models.records import ActionsTableModel, PlanVersionsTableModel
from cpdesk.ui.widgets.fields import heading, secondary
from cpdesk.ui.widgets.tables import read_only_table


class PlanTab(QWidget):
    title = "Plan"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        form = QFormLayout()
        form.setHorizontalSpacing(24)
        self.fields: dict[str, QLabel] = {}
        for label in ("Category", "Plan started", "Status", "Outcomes"):
            value = QLabel()
            value.setAccessibleName(label)
            value.setWordWrap(True)
            self.fields[label] = value
            form.addRow(label, value)
        layout.addLayout(form)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(heading("Actions", "subheading"))
        self.actions = ActionsTableModel(self)
        self.actions_table = read_only_table(self.actions, "Actions", (360, 140, 130))
        top_layout.addWidget(self.actions_table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(heading("Versions of the plan", "subheading"))
        self.versions = PlanVersionsTableModel(self)
        self.versions_table = read_only_table(self.versions, "Versions of the plan",
                                              (70, 130, 140, 300))
        bottom_layout.addWidget(self.versions_table)
        split.addWidget(top)
        split.addWidget(bottom)
        layout.addWidget(split, 1)
        self.note = secondary()
        layout.addWidget(self.note)

    def show_record(self, record: ChildRecord) -> None:
        plan = record.plan
        if plan is None:
            self.clear()
            self.note.setText(f"No {record.plan_name} is recorded for this child.")
            return
        category = plan.current_category.label
        if plan.latest_category and plan.latest_category != plan.category:
            category += f" (was {plan.category.label})"
        self.fields["Category"].setText(category)
        self.fields["Plan started"].setText(format_date(plan.start_date))
        status = "Open" if plan.status is PlanStatus.ACTIVE else "Ended"
        if plan.end_date:
            status += f" on {format_date(plan.end_date)}"
        self.fields["Status"].setText(status)
        self.fields["Outcomes"].setText(
            "\n".join(f"{n}. {o.description}" for n, o in enumerate(plan.outcomes, 1))
            or "None recorded yet"
        )
        self.actions.set_rows([a for o in plan.outcomes for a in o.actions])
        self.versions.set_rows(list(record.versions))
        self.note.setText("The plan editor will let you change the plan and save a new version.")

    def clear(self) -> None:
        for label in self.fields.values():
            label.clear()
        self.actions.set_rows([])
        self.versions.set_rows([])
