"""Dates in Qt: converting between `date` and QDate, and a date box that shows 'Tue 6 Jan 2027'."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

DATE_FORMAT = "ddd d MMM yyyy"  # "Tue 6 Jan 2027"


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def date_edit(name: str, value: date) -> QDateEdit:
    """A date box with a calendar pop-up, named `name` for screen readers."""
    edit = QDateEdit(to_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setAccessibleName(name)
    return edit
