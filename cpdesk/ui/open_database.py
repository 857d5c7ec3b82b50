"""File > Open: a SQLite file on this computer, or a saved PostgreSQL connection (the team
database). Saved connections and recent databases (recent_databases.py) live in QSettings;
passwords are never stored (PostgreSQL asks the server's own authentication)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cpdesk.models.db import without_password
from cpdesk.ui.recent_databases import recent_databases
from cpdesk.ui.widgets.fields import heading, labelled, secondary

CONNECTIONS_KEY = "databases/connections"  # list of "name\turl"


def saved_connections(settings: QSettings) -> list[tuple[str, str]]:
    value = settings.value(CONNECTIONS_KEY, [])
    if isinstance(value, str):
        value = [value]
    pairs = []
    for entry in value or []:
        name, _, url = str(entry).partition("\t")
        if url:
            pairs.append((name, url))
    return pairs


def save_connection(settings: QSettings, name: str, url: str) -> None:
    kept = [(n, u) for n, u in saved_connections(settings) if n != name]
    settings.setValue(CONNECTIONS_KEY, [f"{n}\t{u}" for n, u in [(name, url), *kept]])


class OpenDatabaseDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Open a database - cpdesk")
        self.setMinimumWidth(560)
        self.result_url: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(10)
        layout.addWidget(heading("Open a database"))
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)

        # A file on this computer
        file_page = QWidget()
        fl = QVBoxLayout(file_page)
        fl.addWidget(secondary("Your own cases on this computer, in one file."))
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        row.addWidget(labelled("&File", self.path_edit))
        row.addWidget(self.path_edit, 1)
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Browse for a file")
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        fl.addLayout(row)
        self.recent_list = QListWidget()
        fl.addWidget(labelled("&Recent databases", self.recent_list))
        fl.addWidget(self.recent_list)
        for url in recent_databases(settings):
            self.recent_list.addItem(url)
        self.recent_list.currentTextChanged.connect(self.path_edit.setText)
        self.recent_list.itemDoubleClicked.connect(lambda _i: self._accept_file())
        self.tabs.addTab(file_page, "A file on this computer")

        # The team database
        team_page = QWidget()
        tl = QVBoxLayout(team_page)
        tl.addWidget(secondary(
            "The team database on a PostgreSQL server. Ask your administrator for its address."
        ))
        self.connections = QListWidget()
        tl.addWidget(labelled("Saved &connections", self.connections))
        tl.addWidget(self.connections)
        for name, url in saved_connections(settings):
            item = QListWidgetItem(f"{name}  ({url})")
            item.setData(Qt.ItemDataRole.UserRole, (name, url))
            self.connections.addItem(item)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("For example: North team")
        form.addRow(labelled("&Name", self.name_edit), self.name_edit)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("postgresql://you@server.example/cpdesk")
        form.addRow(labelled("&Address", self.url_edit), self.url_edit)
        tl.addLayout(form)
        self.connections.currentItemChanged.connect(self._connection_chosen)
        self.tabs.addTab(team_page, "The team database")

        self.error = secondary()
        self.error.setStyleSheet("color: #b10e1e; font-weight: 600")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a cpdesk database", self.path_edit.displayText(),
            "cpdesk databases (*.sqlite *.db);;All files (*)",
        )
        if path:
            self.path_edit.setText(path)

    def _connection_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            name, url = item.data(Qt.ItemDataRole.UserRole)
            self.name_edit.setText(name)
            self.url_edit.setText(url)

    def _accept(self) -> None:
        if self.tabs.currentIndex() == 0:
            self._accept_file()
        else:
            self._accept_connection()

    def _accept_file(self) -> None:
        path = self.path_edit.displayText().strip()
        if not path:
            self.error.setText("Enter the file to open, or choose one with Browse")
            return
        self.result_url = path
        self.accept()

    def _accept_connection(self) -> None:
        url = self.url_edit.displayText().strip()
        if not url.startswith("postgresql"):
            self.error.setText("Enter the address of the team database, starting postgresql://")
            return
        url = without_password(url)
        save_connection(self.settings, self.name_edit.displayText().strip() or url, url)
        self.result_url = url
        self.accept()
