"""Background work: run a service call off the GUI thread and hand its result back by signal.

Each call runs in Qt's thread pool and opens its own session (services do). The result or the
error comes back on the GUI thread. A newer call for the same purpose supersedes an older one:
the older result is dropped, so a slow load never overwrites a newer one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, shown in the window
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Worker(QObject):
    """Runs callables in the background; `busy` says what is running (for the progress bar)."""

    busy = Signal(bool, str)  # running?, what ("Loading the caseload")

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._latest: dict[str, int] = {}
        self._running: dict[int, tuple[str, _Task]] = {}
        self._counter = 0

    def run(
        self, purpose: str, label: str, fn: Callable[[], Any],
        on_done: Callable[[Any], None], on_failed: Callable[[Exception], None],
    ) -> None:
        """Run `fn()` in the background; call `on_done(result)` or `on_failed(error)` after."""
        self._counter += 1
        ticket = self._counter
        self._latest[purpose] = ticket
        task = _Task(fn)
        task.setAutoDelete(False)
        self._running[ticket] = (label, task)

        def finished(callback: Callable[[Any], None], value: Any) -> None:
            self._running.pop(ticket, None)
            self._announce()
            if self._latest.get(purpose) == ticket:
                callback(value)

        task.signals.done.connect(lambda result: finished(on_done, result))
        task.signals.failed.connect(lambda error: finished(on_failed, error))
        self._announce()
        self.pool.start(task)

    def _announce(self) -> None:
        if self._running:
            label = next(iter(self._running.values()))[0]
            self.busy.emit(True, label)
        else:
            self.busy.emit(False, "")

    @property
    def is_busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for every task to finish (tests and shutdown)."""
        return self.pool.waitForDone(msecs)
