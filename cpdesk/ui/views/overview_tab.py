"""Overview of the child's case: what is due next, today's alerts, the concerns, the
contingency plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.dates import format_date
from cpdesk.ui.style import SEVERITY_WORDS, severity_colour
from cpdesk.ui.widgets.fields import heading, secondary
from cpdesk.ui.widgets.status_icon import status_icon

if TYPE_CHECKING:  # the record's module loads with the first child opened (issue 10)
    from cpdesk.domain.child_record import ChildRecord


def _date(d: object) -> str:
    return format_date(d) if d is not None else "Not known"  # type: ignore[arg-type]


class OverviewTab(QScrollArea):
    title = "Overview"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(16, 12, 16, 16)
        self.layout_.setSpacing(10)

        self.layout_.addWidget(heading("What is due next", "subheading"))
        form = QFormLayout()
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(8)
        self.due: dict[str, QLabel] = {}
        for label in ("Next visit due", "Next seen alone due", "Next core group",
                      "Next review conference"):
            value = QLabel()
            value.setAccessibleName(label)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.due[label] = value
            form.addRow(label, value)
        self.layout_.addLayout(form)

        self.alerts_heading = heading("Alerts", "subheading")
        self.layout_.addWidget(self.alerts_heading)
        self.alerts_box = QVBoxLayout()
        self.alerts_box.setSpacing(6)
        self.layout_.addLayout(self.alerts_box)

        self.layout_.addWidget(heading("Why the child has a plan", "subheading"))
        self.concerns = secondary()
        self.concerns.setAccessibleName("Concerns")
        self.layout_.addWidget(self.concerns)
        self.layout_.addWidget(heading("Contingency plan", "subheading"))
        self.contingency = secondary()
        self.contingency.setAccessibleName("Contingency plan")
        self.layout_.addWidget(self.contingency)
        self.layout_.addStretch(1)

    def _clear_alerts(self) -> None:
        while self.alerts_box.count():
            item = self.alerts_box.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()

    def alert_lines(self) -> list[str]:
        lines = []
        for n in range(self.alerts_box.count()):
            item = self.alerts_box.itemAt(n)
            if item and item.widget() is not None:
                lines.append(item.widget().accessibleName())
        return lines

    def show_record(self, record: ChildRecord) -> None:
        nd = record.next_dates
        self.due["Next visit due"].setText(_date(nd.next_visit_due))
        self.due["Next seen alone due"].setText(
            _date(nd.next_seen_alone_due) if nd.next_seen_alone_due or record.date_of_birth
            else "Not required before birth")
        self.due["Next core group"].setText(_date(nd.next_core_group_due))
        self.due["Next review conference"].setText(_date(nd.next_review_due))
        self._clear_alerts()
        self.alerts_heading.setText(f"Alerts ({len(record.alerts)})")
        if not record.alerts:
            self.alerts_box.addWidget(secondary("Nothing is due soon or late."))
        for alert in record.alerts:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            icon = QLabel()
            icon.setPixmap(status_icon(alert.severity.value).pixmap(20, 20))
            line.addWidget(icon)
            word = SEVERITY_WORDS[alert.severity.value]
            text = QLabel(f"<b>{word}:</b> {alert.message}")
            text.setWordWrap(True)
            text.setStyleSheet(f"color: {severity_colour(alert.severity.value).name()}")
            line.addWidget(text, 1)
            row.setAccessibleName(f"{word}: {alert.message}")
            self.alerts_box.addWidget(row)
        plan = record.plan
        self.concerns.setText(
            "\n".join(f"• {c}" for c in plan.concerns) if plan and plan.concerns
            else "No concerns recorded yet."
        )
        self.contingency.setText(
            plan.contingency_plan if plan and plan.contingency_plan else "Not recorded yet."
        )

    def clear(self) -> None:
        for label in self.due.values():
            label.clear()
        self._clear_alerts()
        self.concerns.clear()
        self.contingency.clear()
