"""Today's alerts, most serious first (the order the rules give), sortable by any column."""

from __future__ import annotations

from cpdesk.domain.records import Alert
from cpdesk.ui.style import SEVERITY_WORDS, severity_colour
from cpdesk.ui.table_models.rows import Column, RowsTableModel, date_column
from cpdesk.ui.widgets.status_icon import status_icon


def _lateness(alert: Alert) -> str:
    if alert.days_overdue <= 0:
        return ""
    return "1 day late" if alert.days_overdue == 1 else f"{alert.days_overdue} days late"


class AlertsTableModel(RowsTableModel[Alert]):
    columns = (
        Column("Status", lambda a: SEVERITY_WORDS[a.severity.value],
               sort_key=lambda a: (a.severity.rank, -a.days_overdue),
               colour=lambda a: severity_colour(a.severity.value),
               icon=lambda a: status_icon(a.severity.value), bold=lambda a: True),
        Column("Child", lambda a: a.child_name),
        Column("What is due", lambda a: a.message, tooltip=lambda a: a.message),
        date_column("Due", lambda a: a.due),
        Column("Late by", _lateness, sort_key=lambda a: a.days_overdue),
        Column("Case number", lambda a: a.child),
    )
