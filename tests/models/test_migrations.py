"""Migration 0002 (indexes for whole-authority alerts) upgrades a 0001 database with records
in it, losing nothing: every row of every table is still there, the indexes are the head
schema's, and the file was backed up first."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from cpdesk.models import Base
from cpdesk.models.db import (
    _alembic_config,
    current_revision,
    head_revision,
    open_store,
    quick_head_revision,
)
from cpdesk.services.alerts import alerts_as_of
from cpdesk.services.demo import write_demo_data

TODAY = date(2026, 11, 25)


def make_0001_database(path: Path) -> None:
    store = open_store(path, migrate=False)
    with store.engine.begin() as conn:
        cfg = _alembic_config(store.url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    assert current_revision(store.engine) == "0001"
    # the records, written by the app (0002 changes indexes only, so today's models fit 0001)
    write_demo_data(store, TODAY)
    store.close()


def every_row(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return {t.name: sorted(conn.execute(f"SELECT * FROM {t.name}").fetchall(), key=repr)
                for t in Base.metadata.sorted_tables}


def test_upgrading_a_0001_database_with_records_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    make_0001_database(path)
    before = every_row(path)
    assert sum(len(rows) for rows in before.values()) > 500
    with sqlite3.connect(path) as conn:
        old_indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE "
                                                  "type = 'index'")}
    assert "ix_visits_status_date" in old_indexes

    store = open_store(path)  # upgrades to head
    try:
        assert current_revision(store.engine) == head_revision() == "0002"
        assert store.backup_path is not None and store.backup_path.exists()
        indexes = {
            table: {ix["name"] for ix in inspect(store.engine).get_indexes(table)}
            for table in ("visits", "visit_children", "countersignatures")
        }
        alerts = alerts_as_of(store, TODAY)
    finally:
        store.close()
    assert every_row(path) == before
    assert {"ix_visits_id_status_date", "ix_visits_draft_date"} <= indexes["visits"]
    assert "ix_visits_status_date" not in indexes["visits"]
    assert indexes["visit_children"] >= {"ix_visit_children_child_facts"}
    assert indexes["countersignatures"] >= {"ix_countersignatures_subject_decision"}
    assert alerts  # the demo caseload has overdue work, and the queries still find it
    # the backup is the untouched 0001 database
    assert every_row(store.backup_path) == before


def test_the_quick_head_is_alembics_head() -> None:
    # a store at the quick head opens without Alembic, so the two must never differ
    assert quick_head_revision() == head_revision()


def test_the_head_schema_matches_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    store = open_store(tmp_path / "new.sqlite")
    try:
        with store.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        store.close()
