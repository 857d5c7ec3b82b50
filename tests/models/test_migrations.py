"""Upgrading an older database with records in it loses nothing: from 0001 (the whole case
record), 0002 (indexes for whole-authority alerts), 0003 (entries copy their visit's date
and status) and 0004 (and whether it is countersigned) to head, every row of every table is still there, the indexes are the head
schema's, the visit entries' copies of their visit's date and status (0003) and of whether it
is countersigned (0004) are filled, the open plans have their index, the visits none and the
meetings their copy of whether their minutes are countersigned (0005), and the file was
backed up first."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from cpdesk.models import Base
from cpdesk.models.db import (
    Store,
    _alembic_config,
    current_revision,
    head_revision,
    open_store,
    quick_head_revision,
)
from cpdesk.services.alerts import alerts_as_of
from cpdesk.services.demo import write_demo_data

TODAY = date(2026, 11, 25)


def make_old_database(path: Path, revision: str) -> None:
    """A database at `revision` holding the demo caseload: written by today's app, then taken
    down to `revision` by the migrations' own downgrades."""
    store = open_store(path)
    write_demo_data(store, TODAY)
    with store.engine.begin() as conn:
        cfg = _alembic_config(store.url)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    assert current_revision(store.engine) == revision
    store.close()


def every_row(path: Path, like: Path | None = None) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in the columns the tables of `like` have (default: all)."""
    with sqlite3.connect(like or path) as conn:
        names = {t.name: [r[1] for r in conn.execute(f"PRAGMA table_info({t.name})")]
                 for t in Base.metadata.sorted_tables}
    with sqlite3.connect(path) as conn:
        return {t: sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(),
                          key=repr) for t, cols in names.items()}


@pytest.mark.parametrize("revision", ["0001", "0002", "0003", "0004"])
def test_upgrading_an_older_database_with_records_keeps_every_row(
    tmp_path: Path, revision: str
) -> None:
    path = tmp_path / "old.sqlite"
    make_old_database(path, revision)
    old_copy = tmp_path / "as-it-was.sqlite"
    with sqlite3.connect(path) as src, sqlite3.connect(old_copy) as dst:
        src.backup(dst)
    before = every_row(path)
    assert sum(len(rows) for rows in before.values()) > 500
    with sqlite3.connect(path) as conn:
        old_indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE "
                                                  "type = 'index'")}
        entry_columns = {r[1] for r in conn.execute("PRAGMA table_info(visit_children)")}
        meeting_columns = {r[1] for r in conn.execute("PRAGMA table_info(core_group_meetings)")}
    assert ("ix_visits_status_date" in old_indexes) == (revision == "0001")
    assert ("visit_countersigned" in entry_columns) == (revision == "0004")
    assert bool(entry_columns & {"visit_date", "visit_status"}) == (revision >= "0003")
    assert ("ix_plans_status_child" in old_indexes) and "ix_plans_open" not in old_indexes
    assert "minutes_countersigned" not in meeting_columns

    store = open_store(path)  # upgrades to head
    try:
        assert current_revision(store.engine) == head_revision() == "0005"
        assert store.backup_path is not None and store.backup_path.exists()
        indexes = {
            table: {ix["name"] for ix in inspect(store.engine).get_indexes(table)}
            for table in ("plans", "visits", "visit_children", "countersignatures",
                          "core_group_meetings")
        }
        alerts = alerts_as_of(store, TODAY)
    finally:
        store.close()
    assert every_row(path, like=old_copy) == before
    assert not indexes["visits"] & {"ix_visits_id_status_date", "ix_visits_draft_date",
                                    "ix_visits_status_date"}
    assert "ix_plans_open" in indexes["plans"] and "ix_plans_status_child" not in indexes["plans"]
    assert "ix_visit_children_child_final_facts" in indexes["visit_children"]
    assert "ix_visit_children_child_facts" not in indexes["visit_children"]
    assert "ix_visit_children_awaiting_countersign" in indexes["visit_children"]
    assert indexes["countersignatures"] >= {"ix_countersignatures_subject_decision"}
    assert indexes["core_group_meetings"] >= {"ix_core_group_meetings_awaiting_countersign",
                                              "ix_core_group_meetings_plan_facts"}
    with sqlite3.connect(path) as conn:
        entries, differing = conn.execute(
            "SELECT count(*), sum(vc.visit_date IS NOT v.visit_date OR vc.visit_status <> v.status)"
            " FROM visit_children vc JOIN visits v ON v.id = vc.visit_id").fetchone()
        signed, miscopied = conn.execute(
            "SELECT sum(vc.visit_countersigned), sum(vc.visit_countersigned <> EXISTS ("
            "SELECT 1 FROM countersignatures k WHERE k.subject_kind = 'visit' "
            "AND k.subject_id = vc.visit_id AND k.decision = 'countersigned'))"
            " FROM visit_children vc").fetchone()
        meetings, minutes_signed, minutes_miscopied = conn.execute(
            "SELECT count(*), sum(m.minutes_countersigned), sum(m.minutes_countersigned <> "
            "EXISTS (SELECT 1 FROM countersignatures k WHERE k.subject_kind = "
            "'core_group_minutes' AND k.subject_id = m.id AND k.decision = 'countersigned'))"
            " FROM core_group_meetings m").fetchone()
    assert entries > 100 and differing == 0
    assert 0 < signed < entries and miscopied == 0
    assert 0 < minutes_signed < meetings and minutes_miscopied == 0
    assert alerts  # the demo caseload has overdue work, and the queries still find it
    # the backup is the untouched older database
    assert every_row(store.backup_path) == before


def test_the_quick_head_is_alembics_head() -> None:
    # a store at the quick head opens without Alembic, so the two must never differ
    assert quick_head_revision() == head_revision()


def test_the_head_schema_matches_the_models(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
