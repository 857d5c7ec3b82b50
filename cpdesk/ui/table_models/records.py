"""Read-only tables of the child's record: visits and conferences."""

from __future__ import annotations

from cpdesk.domain.child_record import ConferenceSummary, VisitSummary
from cpdesk.domain.enums import ConferenceKind, RecordStatus
from cpdesk.ui.table_models.rows import Column, RowsTableModel, date_column, yes_no

STATUS_WORDS = {RecordStatus.DRAFT: "Draft", RecordStatus.FINAL: "Final",
                RecordStatus.VOIDED: "Voided"}


def _seen(v: VisitSummary) -> str:
    if v.child_seen is False:
        return "Not seen" + (f": {v.not_seen_reason}" if v.not_seen_reason else "")
    return yes_no(v.child_seen)


def _seen_alone(v: VisitSummary) -> str:
    if v.child_seen is False:
        return "Not seen"
    if v.seen_alone is False and v.not_seen_alone_reason:
        return f"No: {v.not_seen_alone_reason}"
    return yes_no(v.seen_alone)


def _incidents(v: VisitSummary) -> str:
    if not v.new_incidents:
        return "None" if v.new_incidents is False else ""
    return v.incident_details or "Yes"


class VisitsTableModel(RowsTableModel[VisitSummary]):
    columns = (
        date_column("Date", lambda v: v.visit_date, "No date yet"),
        Column("Type", lambda v: v.visit_type.value.capitalize() if v.visit_type else ""),
        Column("Child seen", _seen),
        Column("Seen alone", _seen_alone),
        Column("Bedroom seen", lambda v: yes_no(v.bedroom_seen)),
        Column("Incidents or injuries", _incidents, tooltip=_incidents),
        Column("Status", lambda v: STATUS_WORDS[v.status]),
        Column("Recorded by", lambda v: v.author or ""),
    )


class ConferencesTableModel(RowsTableModel[ConferenceSummary]):
    columns = (
        date_column("Date", lambda c: c.held_on),
        Column("Conference", lambda c: "Initial" if c.kind is ConferenceKind.INITIAL
               else "Review"),
        Column("Chair", lambda c: c.chair or ""),
        Column("Category", lambda c: c.category.label if c.category else ""),
        date_column("Next review set for", lambda c: c.next_review_date),
        Column("Decisions", lambda c: c.decisions or "", tooltip=lambda c: c.decisions or ""),
    )
