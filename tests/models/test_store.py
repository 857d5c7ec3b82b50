"""The store: migrations, pragmas, backups, refusal of newer schemas, optimistic locking."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Table, inspect, select, text
from sqlalchemy.orm.exc import StaleDataError

from cpdesk.domain.actor import SYSTEM
from cpdesk.models import AuditEvent, Base, Child
from cpdesk.models import db as store_db
from cpdesk.models.base import record_columns
from cpdesk.models.db import Store, StoreError, head_revision, open_store, to_url
from cpdesk.services.audit import (
    GENESIS,
    LAST_EVENT,
    append_event,
    event_hash,
    record_event,
)
from tests.factories import make_child


def test_a_new_store_has_every_table_at_the_head_revision(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert store_db.current_revision(store.engine) == head_revision()


def test_sqlite_pragmas_keep_records_safe(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_sqlite_file_is_private_to_its_owner(sqlite_store: Store) -> None:
    path = Path(sqlite_store.engine.url.database or "")
    assert path.stat().st_mode & 0o077 == 0


def test_records_get_uuid_ids_timestamps_and_revisions(store: Store) -> None:
    with store.session() as session:
        child = make_child(session, given_names="Ava")
    assert len(child.id) == 36 and child.id.count("-") == 4
    assert child.created_at.tzinfo is not None and child.revision == 1
    with store.session() as session:
        again = session.get(Child, child.id)
        assert again is not None
        again.known_as = "Avie"
    with store.session() as session:
        assert session.get(Child, child.id).revision == 2  # type: ignore[union-attr]


def test_a_stale_save_is_refused_not_overwritten(store: Store) -> None:
    with store.session() as session:
        child_id = make_child(session).id
    first, second = store.sessions(), store.sessions()
    try:
        a, b = first.get(Child, child_id), second.get(Child, child_id)
        assert a is not None and b is not None
        a.known_as = "first"
        first.commit()
        b.known_as = "second"
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()
    with store.session() as session:
        assert session.get(Child, child_id).known_as == "first"  # type: ignore[union-attr]


def test_a_failed_unit_of_work_writes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.session() as session:
        make_child(session, case_number="HALF1")
        raise RuntimeError("power cut")
    with store.session() as session:
        assert session.scalar(select(Child).where(Child.case_number == "HALF1")) is None


def test_a_failed_unit_of_work_on_a_bare_connection_writes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as connection:
        append_event(connection, SYSTEM, "create", "child", None, None, {"a": 1})
        raise RuntimeError("power cut")
    with store.session() as session:
        assert session.scalar(select(AuditEvent)) is None
    with store.transaction() as connection:
        append_event(connection, SYSTEM, "create", "child", None, None, {"a": 1})
    with store.session() as session:
        assert session.scalars(select(AuditEvent.action)).all() == ["create"]


def test_audit_events_form_a_hash_chain(store: Store) -> None:
    with store.session() as session:
        first = record_event(session, SYSTEM, "create", "child", None, None, {"a": 1})
        second = record_event(session, SYSTEM, "update", "child", None, {"a": 1}, {"a": 2})
    with store.transaction() as connection:  # the same chain, appended on a bare connection
        third = append_event(connection, SYSTEM, "update", "child", None, {"a": 2}, {"a": 3})
    assert first.previous_hash == GENESIS and second.previous_hash == first.hash
    assert third.previous_hash == second.hash and third.sequence == 3
    with store.session() as session:
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.sequence)).all()
        for row in rows:
            assert row.hash == event_hash(row.previous_hash, row.sequence, row.at, row.actor_id,
                                          row.action, row.subject_kind, row.subject_id,
                                          row.before, row.after)


def test_the_end_of_the_audit_chain_is_read_through_an_index(sqlite_store: Store) -> None:
    # Every write reads the chain's last event: in index order, stopping at the first row,
    # never by sorting the whole trail (issue 10).
    with sqlite_store.engine.connect() as conn:
        sql = str(LAST_EVENT.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    assert "USING INDEX" in plan and "TEMP B-TREE" not in plan, plan


def test_a_database_from_a_newer_cpdesk_is_refused(sqlite_store: Store) -> None:
    with sqlite_store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    sqlite_store.close()
    with pytest.raises(StoreError, match="newer version of cpdesk"):
        open_store(sqlite_store.engine.url.database)


def test_migrating_a_sqlite_file_backs_it_up_first(
    sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with sqlite_store.session() as session:
        make_child(session, case_number="KEEP1", date_of_birth=date(2020, 1, 1))
    sqlite_store.close()
    # A later release with one more migration: copy the real scripts and add revision "next".
    scripts = tmp_path / "migrations"
    shutil.copytree(store_db.MIGRATIONS_DIR, scripts)
    (scripts / "versions" / "next.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = 'next'\ndown_revision = {head_revision()!r}\n"
        "branch_labels = None\ndepends_on = None\n"
        "def upgrade():\n    op.add_column('children', sa.Column('nickname', sa.String(50)))\n"
        "def downgrade():\n    pass\n"
    )
    monkeypatch.setattr(store_db, "MIGRATIONS_DIR", scripts)
    path = Path(sqlite_store.engine.url.database or "")
    upgraded = open_store(path)
    try:
        assert upgraded.backup_path is not None and upgraded.backup_path.exists()
        assert store_db.current_revision(upgraded.engine) == "next"
        with upgraded.engine.connect() as conn:
            assert conn.execute(text("SELECT case_number FROM children")).scalars().all() == [
                "KEEP1"]
    finally:
        upgraded.close()
    backup = sqlite3.connect(upgraded.backup_path)
    try:
        assert backup.execute("SELECT case_number FROM children").fetchall() == [("KEEP1",)]
        cols = [r[1] for r in backup.execute("PRAGMA table_info(children)")]
        assert "nickname" not in cols  # the copy is of the database before migration
    finally:
        backup.close()


def test_urls_and_paths() -> None:
    assert to_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert to_url("/tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"
    with pytest.raises(StoreError, match="only SQLite files and PostgreSQL"):
        to_url("mysql://u@h/db")


def test_sqlite_on_a_network_share_or_synced_folder_is_refused(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sda1 / ext4 rw 0 0\n"
                      "fileserver:/social /mnt/social nfs4 rw 0 0\n")
    with pytest.raises(StoreError, match=r"network file system \(nfs4\).*team database"):
        store_db.check_local_disk(Path("/mnt/social/team/cpdesk.sqlite"), mounts)
    store_db.check_local_disk(Path("/home/asha/cpdesk.sqlite"), mounts)  # local: fine
    with pytest.raises(StoreError, match="cloud-synced folder"):
        store_db.check_local_disk(Path("/home/asha/OneDrive - Council/cpdesk.sqlite"), mounts)
    with pytest.raises(StoreError, match="cloud-synced folder"):
        open_store(tmp_path / "Dropbox" / "cpdesk.sqlite")


def test_every_mapped_class_is_named_where_it_is_declared() -> None:
    # `from cpdesk.models import X` loads X's module (models/__init__.py): the list must be whole
    from cpdesk import models

    mapped = {mapper.class_ for mapper in Base.registry.mappers}
    assert {getattr(models, name) for name in models.MODULES} == mapped
    for name, module in models.MODULES.items():
        assert getattr(models, name).__module__ == f"cpdesk.models.{module}"


def test_setting_up_the_classes_first_declares_every_one() -> None:
    """A process that has loaded only the plan's classes sets them all up at its first ORM
    statement: each relationship then finds its class (the observations of a visit entry,
    declared in a module nothing had loaded). A fresh process: this one loaded them all."""
    script = (
        "import sys\n"
        "from sqlalchemy import inspect, select\n"
        "from cpdesk.models.plan import Plan\n"
        "import cpdesk.models.visit as visit\n"
        "assert 'cpdesk.models.observation' not in sys.modules\n"
        "select(Plan).compile()\n"  # an ORM statement: the classes are set up
        "print(inspect(visit.VisitChild).relationships['observations'].mapper.class_.__name__,"
        " 'cpdesk.models.household' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["Observation", "True"]


def test_each_class_over_a_core_table_annotates_its_columns() -> None:
    """The tables the first screen reads are Core tables (models/tables.py), and their classes
    annotate the columns for their types: a column added to one is added to the other
    (SQLAlchemy maps a table's columns whether annotated or not, and ignores an annotation that
    names no column)."""
    from cpdesk import models
    from cpdesk.models import tables

    record = {c.name for c in record_columns()}
    core = [t for t in vars(tables).values() if isinstance(t, Table)]
    over_core = [getattr(models, name) for name in models.MODULES
                 if getattr(models, name).__table__ in core]
    assert len(over_core) == len(core)
    for cls in over_core:
        own = {c.name for c in cls.__table__.c} - record
        annotated = set(vars(cls)["__annotations__"]) - set(inspect(cls).relationships.keys())
        assert annotated == own, cls.__name__


def test_every_table_ends_with_the_same_record_columns() -> None:
    """Base declares the five record columns for the mapped classes, record_columns() for the
    Core tables: the same in every table, last."""
    def described(column: Column[Any]) -> tuple[object, ...]:
        def arg(default: Any) -> object:
            return None if default is None else getattr(default.arg, "__name__", default.arg)

        return (column.name, repr(column.type), column.nullable, column.primary_key,
                arg(column.default), arg(column.onupdate), column.server_default)

    expected = [described(c) for c in record_columns()]
    for table in Base.metadata.tables.values():
        assert [described(c) for c in list(table.c)[-5:]] == expected, table.name
