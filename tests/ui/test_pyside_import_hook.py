"""cpdesk.ui records the modules loaded before PySide6 as the PySide import hook would (they
cannot use PySide's features), so the hook reads only the sources of the modules loaded after
(issue 10, start-up). In a fresh process: this one loaded everything long ago."""

from __future__ import annotations

import json
import subprocess
import sys

CHECK = """
import json, sys
import sqlalchemy.orm
import cpdesk.models.db
import cpdesk.app  # Qt, then cpdesk.ui and the main window
known = sys.modules["shibokensupport.feature"].pyside_feature_dict
print(json.dumps({name: known.get(name) for name in (
    "sqlalchemy.orm", "cpdesk.models.db", "json", "cpdesk.ui.main_window")}))
"""


def test_modules_loaded_before_qt_are_not_read_again() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    known = json.loads(done.stdout.strip().splitlines()[-1])
    # loaded before Qt: recorded as the hook answers for a module without PySide6
    assert known["sqlalchemy.orm"] == known["cpdesk.models.db"] == known["json"] == -1
    # loaded with or after it: still read by the hook, which finds PySide6 in them
    assert known["cpdesk.ui.main_window"] == 0
