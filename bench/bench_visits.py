"""Finalising a visit: `finalise_visit` (read, validate, write, fsync'd commit with its audit
event) against a floor of the same writes committed by bare sqlite3, with synchronous=FULL in
WAL mode, on the same disk. Each run finalises a fresh draft in a copy of the demo database.

The floor is one transaction that writes what finalising must write, and nothing else: the
visit's row (answers, status, revision), each child's row, one observation per concern, and the
audit event with the record before and after as JSON, into a second copy of the same database
(the same tables, indexes and drafts), then commits. Issue 10 first named "a bare SQLite insert
with synchronous=FULL": one small row in a table of its own, which is not the same work, since
a commit's cost grows with the pages it writes to the log (here about a dozen, in four tables
and their indexes). Reading the record, checking it and chaining the audit hash are cpdesk's
own work and stay out of the floor.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, datetime
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


@dataclasses.dataclass(frozen=True)
class _FloorWork:
    """What the floor writes for one draft (of one child): its rows' ids as stored, the
    answers, and the record before and after as JSON (the audit event's size)."""

    visit_id: str
    child_row: str  # the child's visit_children id
    concerns: tuple[tuple[str, str], ...]  # the child's plan's (concern id, description)
    draft: VisitDraft
    before: str
    after: str


def _floor_work(connection: sqlite3.Connection, visit_id: str, before: VisitDraft,
                after: VisitDraft) -> _FloorWork:
    stored_id = uuid.UUID(visit_id).hex
    [(child_row, plan_id)] = connection.execute(
        "SELECT id, plan_id FROM visit_children WHERE visit_id = ?", (stored_id,)).fetchall()
    concerns = connection.execute("SELECT id, description FROM concerns WHERE plan_id = ? "
                                  "ORDER BY position", (plan_id,)).fetchall()
    return _FloorWork(stored_id, child_row, tuple(concerns), after,
                      _record_json(before), _record_json(after))


def _record_json(draft: VisitDraft) -> str:
    """The draft as JSON, without the facts that are the store's (as the audit trail keeps it)."""
    data = dataclasses.asdict(draft)
    for child in data["children"]:
        for key in ("child_name", "date_of_birth", "plan_start"):
            del child[key]
    return json.dumps(data, default=str, sort_keys=True, ensure_ascii=False)


def _bare_finalise(connection: sqlite3.Connection, work: _FloorWork, sequence: int) -> None:
    now = datetime.now(UTC).isoformat(" ")
    draft = work.draft
    [child] = draft.children
    connection.execute(
        "UPDATE visits SET visit_date = ?, start_time = ?, visit_type = ?, present = ?, "
        "sleeping_arrangements = ?, meals = ?, status = 'final', finalised_at = ?, "
        "updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = 1",
        (str(draft.visit_date), str(draft.start_time), draft.visit_type, draft.present,
         draft.sleeping_arrangements, draft.meals, now, now, work.visit_id))
    # the entry's copies of its visit's date and status too (VISIT_COPIES in models/visit.py)
    connection.execute(
        "UPDATE visit_children SET visit_date = ?, visit_status = 'final', child_seen = ?, "
        "seen_alone = ?, seen_awake = ?, bedroom_seen = ?, presentation_and_behaviour = ?, "
        "wishes_and_feelings = ?, new_incidents = ?, updated_at = ?, "
        "revision = revision + 1 WHERE id = ?",
        (str(draft.visit_date), child.child_seen, child.seen_alone, child.seen_awake,
         child.bedroom_seen, child.presentation_and_behaviour, child.wishes_and_feelings,
         child.new_incidents, now, work.child_row))
    connection.executemany(
        "INSERT INTO observations (id, visit_child_id, position, concern_id, concern, "
        "observation, risk_trend, created_at, updated_at, revision) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        [(uuid.uuid4().hex, work.child_row, i, concern_id, text, obs.observation,
          obs.risk_trend, now, now)
         for i, ((concern_id, text), obs)
         in enumerate(zip(work.concerns, child.observations, strict=True))])
    connection.execute(
        "INSERT INTO audit_events (id, sequence, at, actor_id, action, subject_kind, subject_id, "
        '"before", "after", previous_hash, hash, created_at, updated_at, revision) '
        "VALUES (?, ?, ?, NULL, 'finalise_visit', 'visit', ?, ?, ?, ?, ?, ?, ?, 1)",
        (uuid.uuid4().hex, sequence, now, work.visit_id, work.before, work.after, "0" * 64,
         "f" * 64, now, now))
    connection.commit()


def _copy(source: Path, target: Path) -> None:
    """A copy through SQLite's backup API, so it holds what the source's log still holds."""
    from_db, to_db = sqlite3.connect(source), sqlite3.connect(target)
    from_db.backup(to_db)
    from_db.close()
    to_db.close()


def run(runs: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="cpdesk-bench-visit-") as tmp:
        folder = Path(tmp)
        db = folder / "demo.sqlite"
        _copy(ensure("demo"), db)
        store = open_store(db)
        with store.session() as session:
            worker_id, child_id = session.execute(
                select(Plan.lead_worker_id, Plan.child_id)
                .where(Plan.status == PlanStatus.ACTIVE, Plan.end_date.is_(None))
                .order_by(Plan.start_date)).first()
            worker = session.get(Staff, worker_id)
            actor = Actor(worker.id, worker.name, Role(worker.role), worker.team_id)
        drafts, forms = [], []
        for _ in range(runs + 1):
            form = start_visit(store, actor, [child_id], TODAY)
            drafts.append((form.visit_id, _complete(form), form.revision))
            forms.append(form.draft)

        _copy(db, folder / "bare.sqlite")  # the same tables, indexes and drafts
        bare = sqlite3.connect(folder / "bare.sqlite")
        bare.execute("PRAGMA journal_mode=WAL")
        bare.execute("PRAGMA synchronous=FULL")
        bare.execute("PRAGMA foreign_keys=ON")
        works = [_floor_work(bare, visit_id, before, draft)
                 for (visit_id, draft, _), before in zip(drafts, forms, strict=True)]
        sequence = bare.execute("SELECT max(sequence) FROM audit_events").fetchone()[0]
        mine, floor = [], []
        for n, ((visit_id, draft, revision), work) in enumerate(zip(drafts, works, strict=True)):
            started = time.perf_counter()
            finalise_visit(store, actor, visit_id, draft, TODAY, True,
                           expected_revision=revision)
            took = time.perf_counter() - started
            sequence += 1
            started = time.perf_counter()
            _bare_finalise(bare, work, sequence)
            bare_took = time.perf_counter() - started
            if n:  # the first warms up
                mine.append(took)
                floor.append(bare_took)
        bare.close()
        store.close()
    return Result("visit_finalise", median_of(mine), median_of(floor), runs, target_ratio=3.0,
                  target_s=0.03, note="demo database; floor: the same writes by bare sqlite3")
