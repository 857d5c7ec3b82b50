"""The databases opened lately, newest first, kept in QSettings: File > Open recent and the
Open dialog list them.

A module of its own: every start remembers the database it opens, and needs nothing of the
Open dialog's widgets (open_database.py, loaded when the dialog is first opened; issue 10).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

RECENT_KEY = "databases/recent"
MAX_RECENT = 8


def recent_databases(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def remember_database(settings: QSettings, url: str) -> None:
    recent = [url] + [u for u in recent_databases(settings) if u != url]
    settings.setValue(RECENT_KEY, recent[:MAX_RECENT])
