"""Read-only tables of the child's record: visits, conferences, core group, plan versions."""

from __future__ import annotations

from cpdesk.domain.child_record import (
    ActionSummary,
    ConferenceSummary,
    CoreGroupMemberSummary,
    MeetingSummary,
    PlanVersionSummary,
    VisitSummary,
)
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


class MembersTableModel(RowsTableModel[CoreGroupMemberSummary]):
    columns = (
        Column("Name", lambda m: m.name + (" (excluded)" if m.excluded else "")),
        Column("Role", lambda m: m.job_title or m.kind.value.capitalize()),
        Column("Agency", lambda m: m.agency or ""),
        Column("How often they see the child", lambda m: m.contact_frequency or ""),
        Column("Phone", lambda m: m.phone or ""),
        Column("Email", lambda m: m.email or ""),
    )


class MeetingsTableModel(RowsTableModel[MeetingSummary]):
    columns = (
        date_column("Due", lambda m: m.due_date),
        date_column("Held on", lambda m: m.held_on, "Not yet held"),
        Column("Chair", lambda m: m.chair or ""),
        Column("Attended", lambda m: ", ".join(m.attended),
               tooltip=lambda m: ", ".join(m.attended)),
        Column("Apologies", lambda m: ", ".join(m.apologies)),
        date_column("Minutes circulated", lambda m: m.minutes_circulated_on, "Not yet"),
        Column("Status", lambda m: STATUS_WORDS[m.status]),
    )


class PlanVersionsTableModel(RowsTableModel[PlanVersionSummary]):
    columns = (
        Column("Version", lambda v: str(v.number), sort_key=lambda v: v.number),
        date_column("Made on", lambda v: v.made_on),
        Column("Made by", lambda v: v.made_by or ""),
        Column("Why", lambda v: v.reason, tooltip=lambda v: v.reason),
        Column("Status", lambda v: STATUS_WORDS[v.status]),
    )


class ActionsTableModel(RowsTableModel[ActionSummary]):
    columns = (
        Column("What needs to be done", lambda a: a.what, tooltip=lambda a: a.what),
        Column("Who", lambda a: a.who or ""),
        date_column("By when", lambda a: a.by_when),
        Column("Progress", lambda a: a.status.value.replace("_", " ").capitalize()),
    )
