"""On sign-in the caseload is shown first: the countersign queue's count and the offer of
unfinished visit records follow once the caseload has been painted; events pass through the
idle lock's filter only while it is armed (issue 10, start-up)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from pytestqt.qtbot import QtBot

from cpdesk.domain.actor import SYSTEM
from cpdesk.domain.enums import RecordStatus
from cpdesk.services.countersign import countersign_queue
from cpdesk.services.signin import set_password
from cpdesk.ui.idle_lock import IdleLock
from cpdesk.ui.main_window import MainWindow
from tests.case_factory import add_visit

from .conftest import TODAY, TeamCaseload, wait_idle


class PaintLog(QObject):
    def __init__(self, window: MainWindow, log: list[str]) -> None:
        super().__init__(window)
        self.window, self.log = window, log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Paint:
            self.log.append(f"paint {self.window.caseload.model.rowCount()} rows")
        return False


def test_the_count_and_the_drafts_follow_the_painted_caseload(
    qtbot: QtBot, team: TeamCaseload, settings: QSettings
) -> None:
    ann = team.member("Ann Okafor")  # the manager: her team's caseload and the queue
    add_visit(team.store, team.ben, TODAY, author_id=ann.staff_id,
              status=RecordStatus.DRAFT)  # a draft of her own
    window = MainWindow(settings, TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    log: list[str] = []
    viewport = window.caseload.table.viewport()
    viewport.installEventFilter(PaintLog(window, log))
    counted, offered = window.queue_count.refresh, window.offer_drafts
    window.queue_count.refresh = lambda: (log.append("count"), counted())[1]  # type: ignore[method-assign]
    window.offer_drafts = lambda always=False: (log.append("drafts"), offered(always))[1]  # type: ignore[method-assign]

    window.use_store(team.store, ann)
    assert "count" not in log and "drafts" not in log and window.is_busy
    assert not window.queue_count.isVisible()
    wait_idle(qtbot, window)

    rows = window.caseload.model.rowCount()
    assert rows == 4
    first = log.index("count")
    assert f"paint {rows} rows" in log[:first]
    assert log[first:first + 2] == ["count", "drafts"]
    waiting = countersign_queue(team.store, ann.actor)
    assert window.queue_count.isVisible()
    assert window.queue_count.words == f"{len(waiting)} to countersign"
    assert waiting  # a count worth showing
    dialog = window.drafts_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_events_pass_the_idle_lock_only_while_it_is_armed(
    qtbot: QtBot, team: TeamCaseload, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    watch = IdleLock.eventFilter

    def counting(self: IdleLock, watched: QObject, event: QEvent) -> bool:
        seen.append(1)
        return watch(self, watched, event)

    monkeypatch.setattr(IdleLock, "eventFilter", counting)
    window = MainWindow(settings, TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.use_store(team.store, team.member("Jo Bloggs"))  # no passwords: no idle lock
    wait_idle(qtbot, window)
    qtbot.keyClicks(window.caseload.filter_edit, "Amy")
    assert not window.idle_lock.armed and seen == []

    jo = team.member("Jo Bloggs")
    set_password(team.store, SYSTEM, jo.staff_id, "correct horse battery staple")
    window.use_store(team.store, jo)  # a team database now: armed, watching input
    wait_idle(qtbot, window)
    qtbot.keyClicks(window.caseload.filter_edit, "y")
    assert window.idle_lock.armed and seen

    window.idle_lock.stop()
    seen.clear()
    qtbot.keyClicks(window.caseload.filter_edit, "!")
    assert seen == []
