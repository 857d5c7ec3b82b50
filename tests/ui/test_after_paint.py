"""AfterNextPaint: the main window's follow-ups run once the caseload has been painted."""

from __future__ import annotations

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from cpdesk.ui.after_paint import AfterNextPaint


class Canvas(QWidget):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log
        self.resize(200, 100)

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        self.log.append("paint")


def shown(qtbot: QtBot, log: list[str]) -> Canvas:
    canvas = Canvas(log)
    qtbot.addWidget(canvas)
    canvas.show()
    qtbot.waitExposed(canvas)
    qtbot.waitUntil(lambda: "paint" in log)
    log.clear()
    return canvas


def test_runs_just_after_the_next_paint(qtbot: QtBot) -> None:
    log: list[str] = []
    canvas = shown(qtbot, log)
    after = AfterNextPaint(canvas, lambda: log.append("after"))
    canvas.update()  # as new rows do
    assert log == [] and after.pending
    qtbot.waitUntil(lambda: "after" in log)
    assert log[0] == "paint" and log.count("after") == 1
    assert not after.pending


def test_a_hidden_widget_gets_it_at_once_but_not_inside_the_call(qtbot: QtBot) -> None:
    log: list[str] = []
    canvas = Canvas(log)
    qtbot.addWidget(canvas)
    AfterNextPaint(canvas, lambda: log.append("after"))
    assert log == []
    qtbot.waitUntil(lambda: log == ["after"])


def test_a_shown_widget_that_is_not_painted_gets_it_after_a_while(qtbot: QtBot) -> None:
    log: list[str] = []
    canvas = shown(qtbot, log)
    AfterNextPaint(canvas, lambda: log.append("after"), longest_ms=50)
    qtbot.waitUntil(lambda: "after" in log, timeout=2_000)


def test_cancelled_it_never_runs(qtbot: QtBot) -> None:
    log: list[str] = []
    canvas = shown(qtbot, log)
    AfterNextPaint(canvas, lambda: log.append("after"), longest_ms=50).cancel()
    canvas.update()
    qtbot.wait(150)
    assert "after" not in log


def test_a_window_gets_it_after_the_child_that_changed_is_painted(qtbot: QtBot) -> None:
    log: list[str] = []
    window = QWidget()
    window.resize(300, 200)
    canvas = Canvas(log)
    layout = QVBoxLayout(window)
    layout.addWidget(canvas)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: "paint" in log)
    log.clear()
    canvas.update()  # a child changes (the caseload's rows): the window is watched
    AfterNextPaint(window, lambda: log.append("after"))
    qtbot.waitUntil(lambda: "after" in log)
    assert log == ["paint", "after"]
