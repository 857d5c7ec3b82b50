"""Table models for the core group tab (members, meetings) and the calendar's agenda.

Each holds the frozen records a service returned; `data()` only reads that list, never the
database. Status is said in words (and an icon shape), never by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from cpdesk.domain.core_group import CalendarItem, MeetingDetail, MemberRecord, meeting_time_text
from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import MemberKind, RecordStatus
from cpdesk.ui.widgets.status_icon import status_icon

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOUR = QColor("#a14700")  # 5.9:1 on white, always with the word "Overdue"


def _date(d: date | None, empty: str = "") -> str:
    return format_date(d) if d is not None else empty


class RecordsTableModel(QAbstractTableModel, Generic[T]):
    """Rows of frozen records; columns are (header, words, sort key)."""

    columns: Sequence[tuple[str, Callable[[Any], str], Callable[[Any], Any] | None]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def overdue(self, row: T) -> bool:
        return False

    def column_named(self, header: str) -> int:
        return [c[0] for c in self.columns].index(header)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shown = (orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
                 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole))
        return self.columns[section][0] if shown else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        header, words, _ = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.ToolTipRole):
            return words(row)
        if role == Qt.ItemDataRole.ForegroundRole and header == "Status" and self.overdue(row):
            return OVERDUE_COLOUR
        if role == Qt.ItemDataRole.DecorationRole and header == "Status" and self.overdue(row):
            return status_icon("overdue")
        if role == RECORD_ROLE:
            return row
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        _, words, key = self.columns[column]
        get = key or (lambda r: words(r).casefold())
        self.layoutAboutToBeChanged.emit()
        present = [r for r in self._rows if get(r) is not None]
        missing = [r for r in self._rows if get(r) is None]
        present.sort(key=get, reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = present + missing
        self.layoutChanged.emit()


def member_status(m: MemberRecord, today: date) -> str:
    if not m.is_current(today):
        return f"Left {_date(m.left_on)}"
    if m.excluded:
        return "Excluded parent" if m.kind is MemberKind.FAMILY else "Excluded"
    return "Member"


class CoreGroupMembersTableModel(RecordsTableModel[MemberRecord]):
    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today
        self.columns = (
            ("Name", lambda m: m.name, None),
            ("Role", lambda m: m.job_title or ("Family" if m.kind is MemberKind.FAMILY
                                               else "Professional"), None),
            ("Agency", lambda m: m.agency or "", None),
            ("Role in the plan", lambda m: m.role_in_plan or "Not recorded", None),
            ("Contact", lambda m: m.contact, None),
            ("Status", lambda m: member_status(m, self.today), None),
        )


def minutes_words(m: MeetingDetail, today: date) -> str:
    if m.held_on is None:
        return ""
    if m.minutes_circulated_on is not None:
        return f"Circulated {_date(m.minutes_circulated_on)}"
    if m.minutes_overdue(today):
        return f"Overdue: due by {_date(m.minutes_due)}"
    return f"Due by {_date(m.minutes_due)}"


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


class CoreGroupMeetingsTableModel(RecordsTableModel[MeetingDetail]):
    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today
        self.columns = (
            ("Due by", lambda m: _date(m.due_date), lambda m: m.due_date),
            ("Arranged for", arranged_words,
             lambda m: m.scheduled_for.date() if m.scheduled_for else None),
            ("Held on", lambda m: _date(m.held_on, "Not yet held"), lambda m: m.held_on),
            ("Minutes", lambda m: minutes_words(m, self.today), None),
            ("Status", lambda m: meeting_status(m, self.today), None),
        )

    def overdue(self, row: MeetingDetail) -> bool:
        return row.is_overdue(self.today) or row.minutes_overdue(self.today)


class CalendarTableModel(RecordsTableModel[CalendarItem]):
    """The agenda: one row per calendar item, in date order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = (
            ("Date", lambda i: _date(i.date), lambda i: (i.date, i.starts_at is None)),
            ("Time", lambda i: meeting_time_text(i.starts_at), None),
            ("What", lambda i: i.title, None),
            ("Case number", lambda i: i.case_number, None),
            ("Child", lambda i: i.child_initials, None),
            ("Status", lambda i: i.status_text, None),
        )

    def overdue(self, row: CalendarItem) -> bool:
        return row.overdue

    def first_row_on(self, day: date) -> int | None:
        for n, item in enumerate(self._rows):
            if item.date >= day:
                return n
        return None
