"""Cold start of `cpdesk --db PATH` to the first paint of an interactive caseload.

Runs exactly what the `cpdesk` command runs (cpdesk.cli.main), with two harness hooks that add
nothing to the path being measured: signing in picks the database's first manager instead of
waiting for a person to choose (the time a person takes is not the app's), and once the
caseload has been filled, painted and the event loop is idle again the process exits at once.
Run as its own process by bench_cold_start: python bench/first_paint_app.py PATH.

The hooks go in as cpdesk itself imports their two modules (a finder ahead of the others that
only wraps those two modules' loading): importing them here first would load the app before
cpdesk's own start-up does (before cli.cmd_gui holds the garbage collector off while the app
loads), and the figure would no longer be the command's.
"""

import importlib.abc
import importlib.machinery
import os
import sys
from types import ModuleType

from cpdesk import cli


def _first_manager(self, *args):
    from cpdesk.domain.enums import Role

    staff = next(a for a in args if isinstance(a, list))  # whatever else the seam passes
    return next(m for m in staff if m.role is Role.MANAGER)


def _hook_sign_in(module: ModuleType) -> None:
    module.PickFromStaffList.sign_in = _first_manager


def _hook_caseload_view(module: ModuleType) -> None:
    set_rows = module.CaseloadView.set_rows

    def set_rows_then_exit(self, rows):
        from PySide6.QtCore import QTimer

        set_rows(self, rows)

        def painted() -> None:
            self.window().repaint()
            if self.model.rowCount() == 0:
                sys.stderr.write("the caseload is empty\n")
                os._exit(3)
            os._exit(0)

        QTimer.singleShot(0, painted)

    module.CaseloadView.set_rows = set_rows_then_exit


HOOKS = {"cpdesk.ui.sign_in": _hook_sign_in,
         "cpdesk.ui.views.caseload_view": _hook_caseload_view}


class HookOnImport(importlib.abc.MetaPathFinder):
    """Finds the hooked modules as the path finder would, and hooks each once it has run."""

    def find_spec(self, name, path, target=None):
        hook = HOOKS.get(name)
        if hook is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        run = spec.loader.exec_module

        def run_then_hook(module: ModuleType) -> None:
            run(module)
            hook(module)

        spec.loader.exec_module = run_then_hook
        return spec


sys.meta_path.insert(0, HookOnImport())
sys.exit(cli.main(["--db", sys.argv[1]]))
