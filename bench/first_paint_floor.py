"""Cold start floor: import PySide6.QtWidgets and sqlalchemy.orm, show an empty main window,
exit at its first paint. Run as its own process by bench_cold_start."""

import os

import sqlalchemy.orm  # noqa: F401 - what any cpdesk start must import at least
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()


def painted() -> None:
    window.repaint()
    os._exit(0)


QTimer.singleShot(0, painted)
app.exec()
