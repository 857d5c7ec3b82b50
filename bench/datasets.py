"""The benchmark databases: made once with the demo generator and reused from bench/data/.

`authority` (issue 10's whole authority: 20,000 children, 2,000 open plans, 1,000,000 visits) is
for the full run, `small` (a tenth of it) for --quick, `demo` (about 25 children) for cold start,
documents and finalising a visit. Opening one migrates it to the current schema (cpdesk's own
backup copy is written beside it first), exactly as a user's database would be.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from cpdesk.models.db import Store, open_store
from cpdesk.services.demo import write_demo_data

DATA_DIR = Path(__file__).resolve().parent / "data"
TODAY = date(2026, 11, 25)  # the date every benchmark database is written and read "as of"


def path_for(scale: str) -> Path:
    return DATA_DIR / f"{scale}.sqlite"


def ensure(scale: str) -> Path:
    """The database for `scale`, written now if it is not there yet (minutes for authority)."""
    path = path_for(scale)
    if path.exists():
        return path
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.stem + ".partial.sqlite")
    for leftover in DATA_DIR.glob(partial.name + "*"):
        leftover.unlink()
    print(f"writing the {scale} benchmark database (once) to {path} ...", flush=True)
    started = time.perf_counter()
    store = open_store(partial)
    try:
        write_demo_data(store, TODAY, scale=scale)
    finally:
        store.close()
    partial.rename(path)
    print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def open_bench_store(scale: str) -> Store:
    return open_store(ensure(scale))
