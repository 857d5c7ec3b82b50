"""The caseload table: one row per child, filtered as the user types, sorted in Python."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QIcon

from cpdesk.domain.caseload import CaseloadRow
from cpdesk.ui.style import severity_colour
from cpdesk.ui.table_models.rows import Column, RowsTableModel, date_column
from cpdesk.ui.widgets.status_icon import status_icon


def _status_icon(row: CaseloadRow) -> QIcon | None:
    return status_icon(row.severity) if row.severity else None


def _status_colour(row: CaseloadRow) -> QColor | None:
    return severity_colour(row.severity) if row.severity else None


def _status_words(row: CaseloadRow) -> str:
    return row.status or "On track"


def _age_key(row: CaseloadRow) -> Any:
    # youngest first; unborn babies before any born child
    if row.date_of_birth is None:
        return (0, row.expected_date_of_birth.toordinal() if row.expected_date_of_birth else 0)
    return (1, -row.date_of_birth.toordinal())


class CaseloadTableModel(RowsTableModel[CaseloadRow]):
    columns = (
        Column("Name", lambda r: r.child_name, bold=lambda r: r.severity == "urgent"),
        Column("Status", _status_words, sort_key=lambda r: r.status_rank, colour=_status_colour,
               icon=_status_icon, bold=lambda r: r.severity is not None,
               tooltip=lambda r: f"{r.alert_count} alert(s)" if r.alert_count else "No alerts"),
        Column("Alerts", lambda r: str(r.alert_count) if r.alert_count else "",
               sort_key=lambda r: -r.alert_count),
        Column("Draft visit", lambda r: "Unfinished" if r.has_draft_visit else "",
               tooltip=lambda r: "A visit record for this child is not finalised yet"
               if r.has_draft_visit else ""),
        date_column("Next visit due", lambda r: r.next_visit_due),
        date_column("Last visit", lambda r: r.last_visit, "None yet"),
        date_column("Last seen alone", lambda r: r.last_seen_alone, "Not yet"),
        Column("Age", lambda r: r.age, sort_key=_age_key, tooltip=lambda r: r.age),
        Column("Lead worker", lambda r: r.lead_worker),
        date_column("Next core group", lambda r: r.next_core_group),
        date_column("Next review conference", lambda r: r.next_review_conference),
        date_column("Plan start", lambda r: r.plan_start),
        Column("Category", lambda r: r.category.label),
        Column("Case number", lambda r: r.case_number),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._only_alerts = False
        self._worker_id: str | None = None
        self._search: dict[int, str] = {}

    def set_rows(self, rows: Any) -> None:
        # what type-to-filter searches, worked out once per load, not on every keystroke
        self._search = {
            id(r): f"{r.child_name} {r.case_number} {r.lead_worker} {r.category.label} "
            f"{r.status} {r.age}".casefold()
            for r in rows
        }
        super().set_rows(rows)

    def set_filter(
        self, text: str | None = None, *, only_alerts: bool | None = None,
        worker_id: str | None | bool = False,
    ) -> None:
        """Change any of: the typed filter, only-with-alerts, the worker (None: everyone)."""
        if text is not None:
            self._words = text.casefold().split()
        if only_alerts is not None:
            self._only_alerts = only_alerts
        if worker_id is not False:
            self._worker_id = worker_id  # type: ignore[assignment]
        self.refilter()

    def accepts(self, row: CaseloadRow) -> bool:
        if self._only_alerts and not row.alert_count:
            return False
        if self._worker_id is not None and row.lead_worker_id != self._worker_id:
            return False
        if self._words:
            haystack = self._search.get(id(row), "")
            return all(w in haystack for w in self._words)
        return True

    def row_of_child(self, child_id: str) -> int | None:
        for n, row in enumerate(self._shown):
            if row.child_id == child_id:
                return n
        return None
