"""Finalising a visit: `finalise_visit` (validate, write, fsync'd commit with its audit event)
against a bare SQLite insert of a row committed with synchronous=FULL in WAL mode, on the same
disk. Each run finalises a fresh draft in a copy of the demo database."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import tempfile
import time
import uuid
from datetime import time as clock_time
from pathlib import Path

from sqlalchemy import select

from bench.datasets import TODAY, ensure
from bench.harness import Result, median_of
from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import PlanStatus, RiskTrend, Role, VisitType
from cpdesk.domain.visit import VisitForm
from cpdesk.domain.visit_validation import VisitDraft
from cpdesk.models import Plan, Staff
from cpdesk.models.db import open_store
from cpdesk.services.visits import finalise_visit, start_visit


def _complete(form: VisitForm) -> VisitDraft:
    """Every required answer given, as a worker would type it."""
    children = tuple(
        dataclasses.replace(
            child, child_seen=True, seen_alone=True, seen_awake=True, bedroom_seen=True,
            presentation_and_behaviour="Wearing a clean red jumper; showed me a drawing.",
            wishes_and_feelings="Said: \"I like my new bike.\"", new_incidents=False,
            observations=tuple(dataclasses.replace(
                o, observation="Food in the fridge; no marks seen.",
                risk_trend=RiskTrend.REDUCED) for o in child.observations),
        )
        for child in form.draft.children
    )
    return dataclasses.replace(
        form.draft, visit_date=TODAY, start_time=clock_time(16, 30), visit_type=VisitType.UNANNOUNCED,
        present="Mother and the child", sleeping_arrangements="Own bed; bedding clean.",
        meals="Pasta for tea; milk and fruit in the kitchen.", children=children,
    )


def _bare_insert(connection: sqlite3.Connection) -> None:
    connection.execute("INSERT INTO visit (id, visit_date, note) VALUES (?, ?, ?)",
                       (str(uuid.uuid4()), TODAY.isoformat(), "Seen alone; bedroom seen."))
    connection.commit()


def run(runs: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="cpdesk-bench-visit-") as tmp:
        folder = Path(tmp)
        db = folder / "demo.sqlite"
        shutil.copy(ensure("demo"), db)
        store = open_store(db)
        with store.session() as session:
            worker_id, child_id = session.execute(
                select(Plan.lead_worker_id, Plan.child_id)
                .where(Plan.status == PlanStatus.ACTIVE, Plan.end_date.is_(None))
                .order_by(Plan.start_date)).first()
            worker = session.get(Staff, worker_id)
            actor = Actor(worker.id, worker.name, Role(worker.role), worker.team_id)
        drafts = []
        for _ in range(runs + 1):
            form = start_visit(store, actor, [child_id], TODAY)
            drafts.append((form.visit_id, _complete(form), form.revision))

        bare = sqlite3.connect(folder / "bare.sqlite", isolation_level=None)
        bare.execute("PRAGMA journal_mode=WAL")
        bare.execute("PRAGMA synchronous=FULL")
        bare.execute("CREATE TABLE visit (id TEXT PRIMARY KEY, visit_date TEXT, note TEXT)")
        bare.isolation_level = ""  # implicit transactions again: insert, then commit
        mine, floor = [], []
        for n, (visit_id, draft, revision) in enumerate(drafts):
            started = time.perf_counter()
            finalise_visit(store, actor, visit_id, draft, TODAY, True,
                           expected_revision=revision)
            took = time.perf_counter() - started
            started = time.perf_counter()
            _bare_insert(bare)
            bare_took = time.perf_counter() - started
            if n:  # the first warms up
                mine.append(took)
                floor.append(bare_took)
        bare.close()
        store.close()
    return Result("visit_finalise", median_of(mine), median_of(floor), runs, target_ratio=3.0,
                  target_s=0.03, note="demo database")
