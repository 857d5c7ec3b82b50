"""File > Open: recent databases and saved team connections, never with a password."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from cpdesk.models.db import without_password
from cpdesk.ui.open_database import OpenDatabaseDialog, saved_connections
from cpdesk.ui.recent_databases import recent_databases, remember_database


def test_recent_list_newest_first_without_repeats(settings: QSettings) -> None:
    for url in ("a.sqlite", "b.sqlite", "a.sqlite"):
        remember_database(settings, url)
    assert recent_databases(settings) == ["a.sqlite", "b.sqlite"]


def test_team_connection_is_saved_without_its_password(
    qtbot: QtBot, settings: QSettings
) -> None:
    assert without_password("postgresql://jo:secret@db.example/cpdesk") == (
        "postgresql://jo@db.example/cpdesk")
    dialog = OpenDatabaseDialog(settings)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    fields = {w.accessibleName(): w for w in dialog.findChildren(QLineEdit)}
    fields["Address"].setText("ftp://nowhere")
    dialog._accept()
    assert dialog.error.text() == "Enter the address of the team database, starting postgresql://"
    assert dialog.result_url is None
    fields["Name"].setText("North team")
    fields["Address"].setText("postgresql://jo:secret@db.example/cpdesk")
    dialog._accept()
    assert dialog.result_url == "postgresql://jo@db.example/cpdesk"
    assert saved_connections(settings) == [("North team", "postgresql://jo@db.example/cpdesk")]
