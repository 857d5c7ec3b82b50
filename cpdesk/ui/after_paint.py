"""Run something once a widget has been painted: what the first screen does not need waits
until that screen is on show (issue 10, start-up).

The main window signs someone in, loads the caseload in the background and, once the caseload
is painted, counts the countersign queue and offers back unfinished visit records. A queued
call (QTimer.singleShot(0)) is not enough: Qt posts paint requests at low priority, so a
queued call made as the rows arrive runs before they are painted. Here an event filter on the
widget waits for it to be painted and queues the call from inside that event, so the call runs
once the painting has finished. A window is watched for its UpdateRequest, while handling which
Qt paints everything changed in it, its children included (the main window passes itself: a
filter on the table's viewport would first make PySide look up the viewport's Python type, a
few milliseconds); any other widget for its own Paint event. A widget that is hidden gets the
call at once (queued); one that is shown but never painted (a minimised window) after
`longest_ms`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterNextPaint(QObject):
    """Calls `callback` once, just after `widget` (a window: anything in it) is next painted;
    `cancel()` drops it. Spent, it stays a small idle child of `widget` and goes with it: a
    deleteLater() here raced PySide's ownership of the parent's Python wrapper (a crash in
    ~QObject when a test's widget was collected)."""

    def __init__(self, widget: QWidget, callback: Callable[[], object],
                 longest_ms: int = 1000) -> None:
        super().__init__(widget)  # the widget is parent() (no Python reference: no cycle)
        self._callback: Callable[[], object] | None = callback
        if widget.isVisible():
            widget.installEventFilter(self)
            QTimer.singleShot(longest_ms, self, self._fire)
        else:
            QTimer.singleShot(0, self, self._fire)

    @property
    def pending(self) -> bool:
        return self._callback is not None

    def cancel(self) -> None:
        self._callback = None
        self.parent().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() in (QEvent.Type.UpdateRequest, QEvent.Type.Paint):
            watched.removeEventFilter(self)  # only the widget is watched
            QTimer.singleShot(0, self, self._fire)  # runs when this paint is over
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        self.parent().removeEventFilter(self)
        callback()
