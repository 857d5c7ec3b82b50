"""Writes the append-only, hash-chained audit trail, inside the caller's unit of work.

Each event's hash covers its own content and the previous event's hash, so changing, deleting
or reordering any event breaks the chain from that point on (checked by `cpdesk verify`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from cpdesk.domain.actor import Actor
from cpdesk.models import AuditEvent

GENESIS = "0" * 64
_EVENTS = AuditEvent.__table__
# The end of the chain, read through the unique index on sequence (one index step, however long
# the trail); built once, over the table's columns (no ORM compile step), since every write in
# cpdesk asks for it.
LAST_EVENT = select(_EVENTS.c.sequence, _EVENTS.c.hash).order_by(_EVENTS.c.sequence.desc()).limit(1)
# PostgreSQL: one writer at a time appends to the chain (held to the end of the transaction).
_CHAIN_LOCK = text("SELECT pg_advisory_xact_lock(4242001)")
# The event is written by a Core INSERT built once: the ORM's add and flush of one row cost
# several times the statement itself (issue 10: finalising a visit). The table's own defaults
# give id, created_at, updated_at and revision, as they do through the ORM.
_APPEND = insert(_EVENTS)


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def event_hash(
    previous_hash: str, sequence: int, at: datetime, actor_id: str | None, action: str,
    subject_kind: str, subject_id: str | None, before: str | None, after: str | None,
) -> str:
    payload = json.dumps(
        [previous_hash, sequence, at.astimezone(UTC).isoformat(), actor_id, action,
         subject_kind, subject_id, before, after],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AppendedEvent:
    """Where an event went in the chain: its position, its hash and the one it follows."""

    sequence: int
    hash: str
    previous_hash: str


def record_event(
    session: Session, actor: Actor, action: str, subject_kind: str, subject_id: str | None,
    before: Any = None, after: Any = None, at: datetime | None = None,
) -> AppendedEvent:
    """Append one event to the chain, after the session's pending changes, which it records."""
    session.flush()
    return append_event(session.connection(), actor, action, subject_kind, subject_id, before,
                        after, at)


def append_event(
    connection: Connection, actor: Actor, action: str, subject_kind: str,
    subject_id: str | None, before: Any = None, after: Any = None, at: datetime | None = None,
) -> AppendedEvent:
    """Append one event to the chain in the connection's transaction (Store.transaction).
    Serialised so two writers cannot fork the chain."""
    if connection.dialect.name == "postgresql":
        connection.execute(_CHAIN_LOCK)
    last = connection.execute(LAST_EVENT).first()
    sequence = (last.sequence + 1) if last else 1
    previous = last.hash if last else GENESIS
    when = at or datetime.now(UTC)
    before_json, after_json = _json(before), _json(after)
    digest = event_hash(previous, sequence, when, actor.staff_id, action, subject_kind,
                        subject_id, before_json, after_json)
    connection.execute(_APPEND, {
        "sequence": sequence, "at": when, "actor_id": actor.staff_id, "action": action,
        "subject_kind": subject_kind, "subject_id": subject_id, "before": before_json,
        "after": after_json, "previous_hash": previous, "hash": digest,
        "updated_by": actor.staff_id,
    })
    return AppendedEvent(sequence, digest, previous)
