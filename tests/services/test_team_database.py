"""The team database: `team init`, staff, and PostgreSQL grants that back the roles."""

from __future__ import annotations

import io
import os
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from cpdesk.cli import main
from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import Role
from cpdesk.domain.errors import CpdeskError, NotAllowed
from cpdesk.models.db import open_store
from cpdesk.services.signin import sign_in
from cpdesk.services.team import NewStaff, add_staff, init_team_database
from tests.conftest import PG_ENV, PG_SKIP, reset_postgres

PASSWORD = "a long enough password"


def test_team_init_and_staff_add_on_a_file(tmp_path: Path) -> None:
    db = str(tmp_path / "team.sqlite")
    admin = init_team_database(db, NewStaff("Ada Admin", "ada", Role.ADMINISTRATOR), PASSWORD)
    store = open_store(db)
    try:
        with pytest.raises(NotAllowed):
            add_staff(store, Actor("x", "A worker", Role.SOCIAL_WORKER),
                      NewStaff("Bo", "bo", Role.SOCIAL_WORKER))
        add_staff(store, admin, NewStaff("Bo Worker", "bo", Role.SOCIAL_WORKER, "North"),
                  "bo's password!")
        assert sign_in(store, "bo", "bo's password!").role is Role.SOCIAL_WORKER
        with pytest.raises(CpdeskError, match="already taken"):
            add_staff(store, admin, NewStaff("Bo Again", "BO", Role.MANAGER))
    finally:
        store.close()
    with pytest.raises(CpdeskError, match="already has staff"):
        init_team_database(db, NewStaff("Other", "other", Role.ADMINISTRATOR), PASSWORD)


def test_staff_add_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "team.sqlite")
    init_team_database(db, NewStaff("Ada Admin", "ada", Role.ADMINISTRATOR), PASSWORD)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\nmo's password 1\n"))
    code = main(["staff", "add", "--db", db, "--as", "ada", "--name", "Mo Reid", "--username",
                 "mo", "--role", "manager", "--team", "North", "--passwords-stdin"])
    assert code == 0 and "Mo Reid added as manager" in capsys.readouterr().out
    assert main(["verify", "--db", db]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"Checked \d+ audit events and 0 countersignatures: no problems found\.\n",
                        out), out


def test_a_workers_database_login_cannot_write_a_countersignature() -> None:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(PG_SKIP)
    reset_postgres(url)
    init_team_database(url, NewStaff("Ada Admin", "ada", Role.ADMINISTRATOR), PASSWORD)
    admin_store = open_store(url)
    suffix = uuid.uuid4().hex[:8]
    worker, manager = f"worker_{suffix}", f"manager_{suffix}"
    admin = sign_in(admin_store, "ada", PASSWORD)
    add_staff(admin_store, admin, NewStaff("W", worker, Role.SOCIAL_WORKER), PASSWORD)
    add_staff(admin_store, admin, NewStaff("M", manager, Role.MANAGER), PASSWORD)
    admin_store.close()
    insert = text(
        "INSERT INTO countersignatures (id, subject_kind, subject_id, manager_id, signed_at, "
        "decision, content_hash, created_at, updated_at, revision) VALUES (:id, 'visit', :s, "
        ":s, :t, 'countersigned', :h, :t, :t, 1)"
    )
    params = {"id": str(uuid.uuid4()), "s": str(uuid.uuid4()), "t": datetime.now(UTC),
              "h": "0" * 64}
    base = make_url(url)
    try:
        as_worker = create_engine(base.set(username=worker, password=PASSWORD))
        with pytest.raises(ProgrammingError, match="permission denied"), as_worker.begin() as c:
            c.execute(insert, params)
        with pytest.raises(ProgrammingError, match="permission denied"), as_worker.begin() as c:
            c.execute(text("DELETE FROM audit_events"))
        as_worker.dispose()
        as_manager = create_engine(base.set(username=manager, password=PASSWORD))
        with as_manager.begin() as c:
            c.execute(insert, params)
        as_manager.dispose()
    finally:
        engine = create_engine(url)
        with engine.begin() as c:
            for login in (worker, manager):
                c.exec_driver_sql(f'DROP OWNED BY "{login}"')
                c.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
        engine.dispose()
