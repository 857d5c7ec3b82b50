"""Table models for the core group tab (members, meetings) and the calendar's agenda.

Each holds the frozen records a service returned; `data()` only reads that list, never the
database. Status is said in words (and an icon shape), never by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtGui import QColor, QIcon

from cpdesk.domain.core_group import CalendarItem, MeetingDetail, MemberRecord, meeting_time_text
from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import MemberKind, RecordStatus
from cpdesk.ui.table_models.rows import ROW_ROLE, Column, RowsTableModel, date_words
from cpdesk.ui.widgets.status_icon import status_icon

T = TypeVar("T")
RECORD_ROLE = ROW_ROLE  # the record itself
OVERDUE_COLOUR = QColor("#a14700")  # 5.9:1 on white, always with the word "Overdue"


def _col(header: str, words: Callable[[Any], str],
         sort_key: Callable[[Any], Any] | None = None) -> Column[Any]:
    """A column whose cells also say their words as a tooltip (long text is cut short)."""
    return Column(header, words, sort_key=sort_key, tooltip=words)


class _RecordsModel(RowsTableModel[T]):
    """A records table whose Status column is marked (colour and icon) when a row is late."""

    def overdue(self, row: T) -> bool:
        return False

    def status(self, words: Callable[[T], str]) -> Column[T]:
        return Column("Status", words, tooltip=words,
                      colour=lambda r: OVERDUE_COLOUR if self.overdue(r) else None,
                      icon=self._overdue_icon)

    def _overdue_icon(self, row: T) -> QIcon | None:
        return status_icon("overdue") if self.overdue(row) else None

    @property
    def rows(self) -> list[T]:
        """The rows in the order shown (row n of the table is rows[n])."""
        return self.shown_rows


def member_status(m: MemberRecord, today: date) -> str:
    if not m.is_current(today):
        return f"Left {date_words(m.left_on)}"
    if m.excluded:
        return "Excluded parent" if m.kind is MemberKind.FAMILY else "Excluded"
    return "Member"


class CoreGroupMembersTableModel(_RecordsModel[MemberRecord]):
    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today
        self.columns = (
            _col("Name", lambda m: m.name),
            _col("Role", _member_role),
            _col("Agency", lambda m: m.agency or ""),
            _col("Role in the plan", lambda m: m.role_in_plan or "Not recorded"),
            _col("Contact", lambda m: m.contact),
            self.status(lambda m: member_status(m, self.today)),
        )


def _member_role(m: MemberRecord) -> str:
    return m.job_title or ("Family" if m.kind is MemberKind.FAMILY else "Professional")



def minutes_words(m: MeetingDetail, today: date) -> str:
    if m.held_on is None:
        return ""
    if m.minutes_circulated_on is not None:
        return f"Circulated {date_words(m.minutes_circulated_on)}"
    if m.minutes_overdue(today):
        return f"Overdue: due by {date_words(m.minutes_due)}"
    return f"Due by {date_words(m.minutes_due)}"


def meeting_status(m: MeetingDetail, today: date) -> str:
    if m.status is RecordStatus.VOIDED:
        return "Voided"
    if m.held_on is not None:
        if m.minutes_overdue(today):
            return "Held, minutes overdue"
        return "Held" if m.status is RecordStatus.FINAL else "Held, record in draft"
    if m.is_overdue(today):
        return "Overdue"
    if m.moved_reason:
        return f"Arranged after its due date: {m.moved_reason}"
    return "Arranged"


def arranged_words(m: MeetingDetail) -> str:
    if m.scheduled_for is None:
        return "" if m.held_on else "Not yet arranged"
    when = format_date(m.scheduled_for.date())
    at = meeting_time_text(m.scheduled_for)
    return f"{when} at {at}" if at else when


class CoreGroupMeetingsTableModel(_RecordsModel[MeetingDetail]):
    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today
        self.columns = (
            _col("Due by", lambda m: date_words(m.due_date), lambda m: m.due_date),
            _col("Arranged for", arranged_words,
                 lambda m: m.scheduled_for.date() if m.scheduled_for else None),
            _col("Held on", lambda m: date_words(m.held_on, "Not yet held"), lambda m: m.held_on),
            _col("Minutes", lambda m: minutes_words(m, self.today)),
            self.status(lambda m: meeting_status(m, self.today)),
        )

    def overdue(self, row: MeetingDetail) -> bool:
        return row.is_overdue(self.today) or row.minutes_overdue(self.today)


class CalendarTableModel(_RecordsModel[CalendarItem]):
    """The agenda: one row per calendar item, in date order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = (
            _col("Date", lambda i: date_words(i.date), lambda i: (i.date, i.starts_at is None)),
            _col("Time", lambda i: meeting_time_text(i.starts_at)),
            _col("What", lambda i: i.title),
            _col("Case number", lambda i: i.case_number),
            _col("Child", lambda i: i.child_initials),
            self.status(lambda i: i.status_text),
        )

    def overdue(self, row: CalendarItem) -> bool:
        return row.overdue

    def first_row_on(self, day: date) -> int | None:
        for n, item in enumerate(self.shown_rows):
            if item.date >= day:
                return n
        return None
