"""The composition root: data paths, the QApplication, the main window, and which database
to open first.

`cpdesk` opens the database named with --db, else CPDESK_DATABASE_URL, else the last one used,
else the user's own local file. `cpdesk --demo` writes a fresh demo caseload into a new file.
Only here (and in ui/) is Qt imported; the clock is read here and passed down as `today`.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from cpdesk import __version__
from cpdesk.lazy import lazy_module
from cpdesk.models.db import ENV_DATABASE_URL, Store
from cpdesk.ui import style
from cpdesk.ui.errors import install_excepthook
from cpdesk.ui.main_window import MainWindow

# loaded only for `cpdesk --demo` (issue 10: start-up)
demo_data = lazy_module("cpdesk.services.demo")


def demo_database_path() -> Path:
    """A new file for a fresh demo caseload (never the user's own database)."""
    folder = Path(tempfile.mkdtemp(prefix="cpdesk-demo-"))
    return folder / "demo.sqlite"


def first_database(db: str | None, settings: QSettings) -> str | None:
    """--db, else CPDESK_DATABASE_URL, else the last used, else None (the default file)."""
    if db:
        return db
    if os.environ.get(ENV_DATABASE_URL):
        return os.environ[ENV_DATABASE_URL]
    last = settings.value("databases/last")
    return str(last) if last else None


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    QCoreApplication.setOrganizationName("cpdesk")
    QCoreApplication.setApplicationName("cpdesk")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication([*(argv if argv is not None else sys.argv[:1]), *style.STYLE_ARGUMENTS])
    style.apply(app)
    return app


def run_app(db: str | None, demo: bool) -> int:
    """Start the desktop app; returns the exit code.

    Start-up makes a great many long-lived objects (modules, classes, widgets): the cyclic
    garbage collector is held off while they are made (cli.cmd_gui turns it off before it
    imports this module), then they are frozen out of its scans for the life of the app
    (gc.freeze) and it runs as usual in the event loop (issue 10: start-up).
    """
    gc.disable()
    try:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
        app = make_application()
        settings = QSettings()
        today = date.today()
        window = MainWindow(settings, today)
        install_excepthook(window.show_error)
        # The database opens in the background while the window is shown and painted; the
        # sign-in it leads to waits for the event loop, so always comes after (issue 10).
        if demo:
            target: str | None = db or str(demo_database_path())

            def prepare(store: Store) -> None:
                demo_data.write_demo_data(store, today)

            window.open_database(target, prepare=prepare, remember=False)
        else:
            window.open_database(first_database(db, settings))
        # the first time, use the whole screen (a 1366x768 laptop has no room to spare)
        if window.has_saved_layout:
            window.show()
        else:
            window.showMaximized()
    finally:
        gc.freeze()
        gc.enable()
    return app.exec()
