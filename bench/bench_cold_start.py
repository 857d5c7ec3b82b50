"""Cold start: `cpdesk --db demo.sqlite` to the first paint of an interactive caseload, against
a process that imports PySide6.QtWidgets and sqlalchemy.orm and paints an empty main window.

Both are whole new Python processes (first_paint_app.py, first_paint_floor.py) timed from spawn
to exit, alternately, offscreen, each with a fresh settings folder (a first run).
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cpdesk
from bench.datasets import ensure
from bench.harness import Result, median_of

HERE = Path(__file__).resolve().parent


def _spawn(script: str, *args: str) -> float:
    with tempfile.TemporaryDirectory(prefix="cpdesk-bench-home-") as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": home,
               "XDG_DATA_HOME": home, "XDG_CACHE_HOME": home}
        env.pop("CPDESK_DATABASE_URL", None)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(HERE / script), *args], env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        took = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{script} failed ({done.returncode}): {done.stderr[-2000:]}")
    return took


def run(runs: int) -> Result:
    db = str(ensure("demo"))
    # cpdesk's bytecode, as an installed cpdesk has it (pip compiles a package as it installs
    # it, as it did SQLAlchemy and PySide6 for the floor); this machine's environment sets
    # PYTHONDONTWRITEBYTECODE, which would otherwise recompile every module on every start.
    compileall.compile_dir(Path(cpdesk.__file__).parent, quiet=1)
    _spawn("first_paint_app.py", db)  # warm the disk cache for both
    _spawn("first_paint_floor.py")
    mine, floor = [], []
    for _ in range(runs):
        mine.append(_spawn("first_paint_app.py", db))
        floor.append(_spawn("first_paint_floor.py"))
    return Result("cold_start", median_of(mine), median_of(floor), runs, target_ratio=1.5,
                  note="demo database, signed in as its manager")
