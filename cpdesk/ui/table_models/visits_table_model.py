"""The child's visits as a table: date, seen, seen alone (or awake), bedroom, record, countersigned.

Holds the `VisitRow` records list_visits returned; never touches the database in data().
Dates sort as dates (SORT_ROLE), newest first by default; answers read as words, never as
colour alone.
"""

from __future__ import annotations

from datetime import date

from cpdesk.domain.enums import RecordStatus
from cpdesk.domain.visit import VisitRow
from cpdesk.ui.table_models.rows import Column, RowsTableModel, date_words, yes_no

NOT_ANSWERED = "Not answered"


def _with_reason(answer: str, reason: str) -> str:
    return f"{answer}: {reason.strip()}" if reason.strip() else answer


def _seen(row: VisitRow) -> str:
    if row.child_seen is False:
        return _with_reason("No", row.not_seen_reason)
    return yes_no(row.child_seen, NOT_ANSWERED)


def _alone(row: VisitRow) -> str:
    if row.child_seen is False:
        return "Not seen"
    if row.seen_alone is None and row.seen_awake is not None:
        return "Seen awake" if row.seen_awake else "Not seen awake"
    if row.seen_alone is False:
        return _with_reason("No", row.not_seen_alone_reason)
    return yes_no(row.seen_alone, NOT_ANSWERED)


def _incidents(row: VisitRow) -> str:
    if row.new_incidents is True:
        return row.incident_details.strip() or "Yes"
    return {False: "None", None: NOT_ANSWERED}[row.new_incidents]


def _record(row: VisitRow) -> str:
    word = {RecordStatus.DRAFT: "Draft", RecordStatus.FINAL: "Final",
            RecordStatus.VOIDED: "Voided"}[row.status]
    if row.other_children:
        word += f" (with {', '.join(row.other_children)})"
    return _with_reason(word, row.void_reason) if row.status is RecordStatus.VOIDED else word


def _countersigned(row: VisitRow) -> str:
    if row.status is RecordStatus.VOIDED:
        return "Voided"
    if row.status is not RecordStatus.FINAL:
        return "Not yet final"
    return "Yes" if row.countersigned else "Waiting"


class VisitRecordsTableModel(RowsTableModel[VisitRow]):
    columns = (
        # An undated draft sorts as the newest visit.
        Column("Date", lambda r: date_words(r.visit_date, "No date yet"),
               sort_key=lambda r: (r.visit_date or date.max).toordinal()),
        Column("Child seen", _seen),
        Column("Seen alone", _alone),
        Column("Bedroom seen", lambda r: yes_no(r.bedroom_seen, NOT_ANSWERED)),
        Column("Incidents or injuries", _incidents),
        Column("Record", _record,
               tooltip=lambda r: f"Recorded by {r.author}" if r.author else ""),
        Column("Countersigned", _countersigned),
    )

    @property
    def rows(self) -> list[VisitRow]:
        """The visits in the order list_visits gave them."""
        return self.all_rows

    def visit_id(self, row: int) -> str | None:
        return self.row_at(row).visit_id if 0 <= row < self.rowCount() else None
