"""The alerts panel: today's alerts, most serious first; opening one opens the child at the
tab where the thing that is due lives."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cpdesk.domain.enums import AlertKind
from cpdesk.domain.records import Alert
from cpdesk.ui.table_models.alerts import AlertsTableModel
from cpdesk.ui.widgets.fields import heading
from cpdesk.ui.widgets.tables import read_only_table

# Which tab of the child's record each kind of alert is about.
TAB_FOR_ALERT = {
    AlertKind.VISIT_OVERDUE: "Visits",
    AlertKind.NOT_SEEN_ALONE: "Visits",
    AlertKind.BEDROOM_NOT_SEEN: "Visits",
    AlertKind.CHILD_UNSEEN: "Visits",
    AlertKind.VISIT_NOT_WRITTEN_UP: "Visits",
    AlertKind.CORE_GROUP_OVERDUE: "Core group",
    AlertKind.MINUTES_OVERDUE: "Core group",
    AlertKind.REVIEW_CONFERENCE_DUE: "Conferences",
    AlertKind.ACTION_OVERDUE: "Plan",
    AlertKind.COUNTERSIGN_PENDING: "Chronology",
    AlertKind.PLAN_INCOMPLETE: "Plan",
}


class AlertsView(QWidget):
    alert_activated = Signal(str, str)  # child id, tab title

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AlertsTableModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 12)
        layout.setSpacing(6)
        self.title = heading("Today's alerts", "subheading")
        layout.addWidget(self.title)
        self.table = read_only_table(self.model, "Today's alerts", (110, 150, 520, 130, 90))
        layout.addWidget(self.table, 1)
        self.table.activated.connect(self._activated)

    def set_alerts(self, alerts: list[Alert]) -> None:
        self.model.set_rows(alerts)  # already most serious first
        urgent = sum(1 for a in alerts if a.severity.value == "urgent")
        text = f"Today's alerts ({len(alerts)}"
        self.title.setText(text + (f", {urgent} urgent)" if urgent else ")"))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            alert = self.model.row_at(index.row())
            self.alert_activated.emit(alert.child_id, TAB_FOR_ALERT.get(alert.kind, "Overview"))
