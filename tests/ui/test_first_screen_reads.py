"""The first screen reads Core tables without declaring or setting up a mapped class; the
classes are declared and set up once the caseload is on show, after which everything works as
before (issue 10, start-up: declaring them is ~25 ms, setting them up, configure_mappers, ~50).
Both happen once per process and every other test has done them, so the window runs in a
process of its own, from opening the database on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cpdesk.models import MODULES

from .conftest import TODAY, TeamCaseload

FIRST_SCREEN = """
import json, sys
from datetime import date

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

import cpdesk.ui.main_window as main_window
from cpdesk.domain.enums import Role
from cpdesk.models import MODULES, Base

url, settings_file, today = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3])
seen = {}
# every mapped class's module: the first screen reads tables (models/tables.py)
LATER = sorted({"cpdesk.models." + m for m in MODULES.values()})


def classes():
    return sorted(m.class_.__name__ for m in Base.registry.mappers)


class FirstManager:
    def sign_in(self, parent, store, staff, last_staff_id):
        seen["classes_at_sign_in"] = classes()
        return next(m for m in staff if m.role is Role.MANAGER)


configure = main_window.configure_models


def configure_after_paint():
    seen["rows_before_configure"] = window.caseload.model.rowCount()
    seen["classes_before"] = classes()
    for name in ("cpdesk.services.signin", "platformdirs"):  # type(): reading would load it
        module = sys.modules.get(name)
        seen[f"{name} loaded before"] = module is not None and type(module).__name__ != "_LazyModule"
    seen["record classes before"] = sorted(m for m in LATER if m in sys.modules)
    configure()
    seen["classes_after"] = classes()
    seen["configured_after"] = all(m.configured for m in Base.registry.mappers)
    seen["record classes after"] = sorted(m for m in LATER if m in sys.modules)


main_window.configure_models = configure_after_paint
app = QApplication([])
window = main_window.MainWindow(QSettings(settings_file, QSettings.Format.IniFormat), today,
                                sign_in=FirstManager())
window.open_database(url, remember=False)
window.show()


def when_idle():
    if window.is_busy or window.workspace is None:
        return
    timer.stop()
    seen["queue_count"] = window.queue_count.words if window.queue_count.isVisible() else None
    row = window.caseload.model.row_at(0)
    window.open_child(row.child_id, "Visits")  # the ORM's loads, once set up
    seen["child_open"] = window.child.record.name if window.child.record else None
    seen["visits_tab_rows"] = window.child.visits.table.model().rowCount()
    window.worker.wait()
    print(json.dumps(seen))
    app.quit()


from PySide6.QtCore import QTimer

timer = QTimer()
timer.timeout.connect(when_idle)
timer.start(20)
QTimer.singleShot(20_000, app.quit)
app.exec()
"""


def test_the_first_screen_reads_before_the_mappers_are_set_up(
    team: TeamCaseload, tmp_path: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN, team.store.url, str(tmp_path / "settings.ini"),
         TODAY.isoformat()],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["classes_at_sign_in"] == []
    assert seen["rows_before_configure"] == 4  # the team's caseload, painted
    assert seen["classes_before"] == []
    assert seen["cpdesk.services.signin loaded before"] is False  # no passwords to check here
    assert seen["platformdirs loaded before"] is False  # a database named: no default file
    assert seen["record classes before"] == []
    assert seen["classes_after"] == sorted(MODULES)
    assert seen["configured_after"] is True
    assert seen["record classes after"] == sorted({f"cpdesk.models.{m}" for m in MODULES.values()})
    assert seen["queue_count"] and seen["queue_count"].endswith("to countersign")
    assert seen["child_open"]
    assert seen["visits_tab_rows"] >= 1
