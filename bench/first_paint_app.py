"""Cold start of `cpdesk --db PATH` to the first paint of an interactive caseload.

Runs exactly what the `cpdesk` command runs (cpdesk.cli.main), with two harness hooks that add
nothing to the path being measured: signing in picks the database's first manager instead of
waiting for a person to choose (the time a person takes is not the app's), and once the
caseload has been filled, painted and the event loop is idle again the process exits at once.
Run as its own process by bench_cold_start: python bench/first_paint_app.py PATH.
"""

import os
import sys

from cpdesk import cli
from cpdesk.domain.enums import Role
from cpdesk.ui.sign_in import PickFromStaffList
from cpdesk.ui.views.caseload_view import CaseloadView


def _first_manager(self, *args):
    staff = next(a for a in args if isinstance(a, list))  # whatever else the seam passes
    return next(m for m in staff if m.role is Role.MANAGER)


_set_rows = CaseloadView.set_rows


def _set_rows_then_exit(self, rows):
    from PySide6.QtCore import QTimer

    _set_rows(self, rows)

    def painted() -> None:
        self.window().repaint()
        if self.model.rowCount() == 0:
            sys.stderr.write("the caseload is empty\n")
            os._exit(3)
        os._exit(0)

    QTimer.singleShot(0, painted)


PickFromStaffList.sign_in = _first_manager
CaseloadView.set_rows = _set_rows_then_exit
sys.exit(cli.main(["--db", sys.argv[1]]))
