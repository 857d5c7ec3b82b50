"""The calendar: a month (Qt's own QCalendarWidget) beside an agenda list of that month's core
group meetings, conferences, visits done and visits due, for the worker's children (a
manager: the team's). Overdue items say "Overdue" in words and carry the overdue icon; days
with something on are bold in the month. Activating an item emits `item_activated` with the
`CalendarItem`, for the main window to open the child at the right tab.

Also the "Export calendar" dialog (`export_calendar`), which writes the .ics file through
`write_calendar_ics`: case numbers only, children's initials only when chosen.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.domain.core_group import CalendarItem
from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import Role
from cpdesk.models.db import Store
from cpdesk.services.changes import Changes
from cpdesk.services.core_group import (
    calendar_includes_initials,
    calendar_items,
    write_calendar_ics,
)
from cpdesk.ui.table_models.core_group import RECORD_ROLE, CalendarTableModel
from cpdesk.ui.views.core_group_dialogs import ServiceDialog, buttons
from cpdesk.ui.widgets.fields import heading, secondary
from cpdesk.ui.widgets.tables import read_only_table

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


class CalendarView(QWidget):
    item_activated = Signal(object)  # CalendarItem
    changed = Signal(object)  # Changes (an export)

    def __init__(self, store: Store, actor: Actor, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self.today = today
        self.items: list[CalendarItem] = []
        self.month = (today.year, today.month)
        self._marked: list[QDate] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        whose = "your team's children" if actor.role is Role.MANAGER else (
            "your children" if actor.role is Role.SOCIAL_WORKER else "every child")
        self.heading = heading("Calendar")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.today_button = QPushButton("Today")
        self.today_button.setAccessibleName("Go to today")
        self.today_button.setAutoDefault(False)
        self.today_button.clicked.connect(self.go_to_today)
        self.export_button = QPushButton("Export calendar…")
        self.export_button.setAccessibleName("Export calendar")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        top.addWidget(self.today_button)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.subtitle = secondary(
            f"Core group meetings, conferences, visits done and visits due for {whose}. "
            "Overdue items say Overdue. Press Enter or double-click an item to open it.")
        layout.addWidget(self.subtitle)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName("Month")
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setSelectedDate(QDate(today.year, today.month, today.day))
        self.calendar.setMinimumWidth(330)
        split.addWidget(self.calendar)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.agenda_heading = heading("", "subheading")
        rl.addWidget(self.agenda_heading)
        self.model = CalendarTableModel(self)
        self.table = read_only_table(self.model, "Agenda", (120, 55, 340, 110, 55),
                                     sortable=False)
        rl.addWidget(self.table, 1)
        self.count = secondary()
        rl.addWidget(self.count)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([360, 760])
        layout.addWidget(split, 1)

        self.calendar.currentPageChanged.connect(self._page_changed)
        self.calendar.clicked.connect(self._day_chosen)
        self.calendar.activated.connect(self._day_chosen)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)

    # --- loading ---
    def load(self) -> None:
        year, month = self.month
        first, last = _month_bounds(year, month)
        self.items = calendar_items(self.store, self.actor, first, last, self.today)
        self.model.set_rows(self.items)
        self.agenda_heading.setText(f"{_MONTHS[month - 1]} {year}")
        self.agenda_heading.setAccessibleName(f"Agenda for {_MONTHS[month - 1]} {year}")
        overdue = sum(1 for i in self.items if i.overdue)
        noun = "item" if len(self.items) == 1 else "items"
        self.count.setText(f"{len(self.items)} {noun}" +
                           (f", {overdue} overdue" if overdue else "") + ".")
        self._mark_days()

    def _mark_days(self) -> None:
        plain = QTextCharFormat()
        for d in self._marked:
            self.calendar.setDateTextFormat(d, plain)
        self._marked = []
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        bold.setFontUnderline(True)
        for day in {i.date for i in self.items}:
            q = QDate(day.year, day.month, day.day)
            fmt = QTextCharFormat(bold)
            if any(i.overdue for i in self.items if i.date == day):
                fmt.setToolTip("Overdue")
            self.calendar.setDateTextFormat(q, fmt)
            self._marked.append(q)

    def _page_changed(self, year: int, month: int) -> None:
        self.month = (year, month)
        self.load()

    def _day_chosen(self, q: QDate) -> None:
        day = date(q.year(), q.month(), q.day())
        row = self.model.first_row_on(day)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def go_to_today(self) -> None:
        self.calendar.setSelectedDate(QDate(self.today.year, self.today.month, self.today.day))
        self.calendar.showSelectedDate()
        if self.month != (self.today.year, self.today.month):
            self.month = (self.today.year, self.today.month)
            self.load()
        self._day_chosen(self.calendar.selectedDate())

    def _activated(self, index: object) -> None:
        item = self.model.data(index, RECORD_ROLE)  # type: ignore[arg-type]
        if isinstance(item, CalendarItem):
            self.item_activated.emit(item)

    def export(self) -> Changes | None:
        changes = export_calendar(self, self.store, self.actor, self.today)
        if changes is not None:
            self.changed.emit(changes)
        return changes


class ExportCalendarDialog(ServiceDialog):
    """Where to save the .ics file, and whether titles may carry children's initials."""

    def __init__(self, store: Store, actor: Actor, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("Export calendar", parent)
        self.store = store
        self.actor = actor
        self.today = today
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(secondary(
            "Saves core group meetings, conferences and visits due from "
            f"{format_date(today - timedelta(days=31))} to "
            f"{format_date(today + timedelta(days=366))} as a calendar file for Outlook or "
            "another calendar. Importing a newer file updates the same events rather than "
            "adding copies."))
        label = QLabel("Save the calendar as")
        self.path = QLineEdit("cpdesk-calendar.ics")
        self.path.setAccessibleName("Save the calendar as")
        label.setBuddy(self.path)
        choose = QPushButton("Choose…")
        choose.setAccessibleName("Choose where to save the calendar")
        choose.setAutoDefault(False)
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        layout.addWidget(label)
        layout.addLayout(row)
        self.initials = QCheckBox("Put children's initials after the case number in event "
                                  "titles")
        self.initials.setAccessibleName("Put children's initials in event titles")
        self.initials.setChecked(calendar_includes_initials(store))
        layout.addWidget(self.initials)
        layout.addWidget(secondary(
            "Calendars sync to phones and shared servers, so children's names are never included. "
            "Case numbers always are."))
        self.fields["path"] = self.path
        layout.addLayout(buttons("Save calendar", self, self._save))

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the calendar as", self.path.text(),
                                              "Calendar files (*.ics)")
        if path:
            self.path.setText(path if path.endswith(".ics") else f"{path}.ics")

    def _save(self) -> None:
        path = self.path.text().strip()
        self.run(lambda: write_calendar_ics(self.store, self.actor, path, self.today,
                                            include_initials=self.initials.isChecked()))


def export_calendar(parent: QWidget | None, store: Store, actor: Actor,
                    today: date) -> Changes | None:
    """File > Export calendar: ask where and whether to include initials, then write the file.
    Returns the Changes (its message says what was saved), or None when cancelled."""
    dialog = ExportCalendarDialog(store, actor, today, parent)
    return dialog.changes if dialog.exec() else None
