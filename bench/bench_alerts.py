"""Whole-authority alerts, every kind, as of a date: `alerts_as_of` against the same facts by
hand-written raw SQL through the bare driver (floor_sql.py), on SQLite and on PostgreSQL."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bench.datasets import TODAY, ensure
from bench.floor_sql import raw_facts
from bench.harness import Result, interleaved, median_of
from cpdesk.models import Child
from cpdesk.models.db import SQLITE_MMAP_SIZE, open_store
from cpdesk.services.alerts import alerts_as_of
from cpdesk.services.demo import write_demo_data


def run_sqlite(scale: str, runs: int) -> Result:
    path = ensure(scale)
    store = open_store(path)  # migrates to the current schema (and its indexes) first
    connection = sqlite3.connect(path)
    # the file read as cpdesk's store reads it (memory-mapped, models/db.py): a setting of the
    # connection, like the indexes a setting of the schema, which the floor shares
    connection.execute(f"PRAGMA mmap_size={SQLITE_MMAP_SIZE}")
    try:
        mine, floor = interleaved(lambda: alerts_as_of(store, TODAY),
                                  lambda: raw_facts(connection, TODAY), runs)
        count = len(alerts_as_of(store, TODAY))
    finally:
        connection.close()
        store.close()
    return Result("alerts_authority", median_of(mine), median_of(floor), runs,
                  target_ratio=2.0, target_s=0.25, note=f"{scale} scale, {count:,} alerts")


def _driver_url(url: str) -> str:
    """The same database as a plain libpq URL for psycopg."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def run_postgresql(url: str, scale: str, runs: int) -> Result:
    import psycopg

    store = open_store(url)
    try:
        with store.session() as session:
            children = session.scalar(select(func.count()).select_from(Child)) or 0
        if children == 0:
            print(f"writing the {scale} benchmark data into {store.display_name} (once) ...",
                  flush=True)
            write_demo_data(store, TODAY, scale=scale)
        connection: Any = psycopg.connect(_driver_url(url))
        try:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            connection.commit()
            mine, floor = interleaved(lambda: alerts_as_of(store, TODAY),
                                      lambda: raw_facts(connection, TODAY, "%s"), runs)
        finally:
            connection.close()
    finally:
        store.close()
    return Result("alerts_postgresql", median_of(mine), median_of(floor), runs,
                  target_ratio=2.0, note=f"{scale} scale on {store.display_name}")
