"""What a manager reads before countersigning: one final record in full, in words, with its
addenda, its earlier signatures and where it stands in the countersign state machine.

The sections are made from exactly the content a countersignature's hash covers
(records.subject_content), so what the manager reads is what they sign. Read-only; the actions
themselves are services/countersign.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cpdesk.domain.actor import Actor
from cpdesk.domain.countersign import CountersignState, countersign_state
from cpdesk.domain.enums import CountersignSubject, RecordStatus
from cpdesk.domain.permissions import Permission, require
from cpdesk.domain.record_text import TextSection, sections
from cpdesk.models import Child, Plan, Staff, VisitChild
from cpdesk.models.db import Store
from cpdesk.services.countersign import (
    SUBJECT_WORDS,
    AddendumRecord,
    SignatureRecord,
    countersign_queue,
    signatures_for,
)
from cpdesk.services.records import load_subject, subject_content, subject_owner

# Shown in the header instead (who, when, the child), or bookkeeping of the meeting's arranging.
_HEADER_FIELDS = frozenset({"author_id", "made_by_id", "finalised_at", "plan_id", "number",
                            "made_on", "due_date", "scheduled_for"})

_LABELS = {CountersignSubject.PLAN_VERSION: {"reason": "Why this version was made"}}


@dataclass(frozen=True)
class ReviewRecord:
    kind: CountersignSubject
    record_id: str
    child_id: str
    child_name: str
    case_number: str
    title: str  # "Plan, version 2"
    author_id: str | None
    author: str
    finalised_at: datetime | None
    status: RecordStatus
    void_reason: str
    state: CountersignState
    sections: tuple[TextSection, ...]
    signatures: tuple[SignatureRecord, ...]  # oldest first
    addenda: tuple[AddendumRecord, ...]  # oldest first


def _child_of(session: Session, kind: CountersignSubject, record_id: str) -> Child:
    if kind is CountersignSubject.VISIT:
        child_id = session.scalar(select(VisitChild.child_id).where(
            VisitChild.visit_id == record_id).order_by(VisitChild.position).limit(1))
    else:
        row = load_subject(session, kind, record_id)
        child_id = session.scalar(select(Plan.child_id).where(
            Plan.id == row.plan_id))  # type: ignore[attr-defined]
    child = session.get(Child, child_id) if child_id else None
    if child is None:
        raise LookupError(f"The {SUBJECT_WORDS[kind].lower()} is not linked to a child.")
    return child


def _title(kind: CountersignSubject, content: dict[str, object]) -> str:
    words = SUBJECT_WORDS[kind]
    if kind is CountersignSubject.PLAN_VERSION and content.get("number"):
        return f"{words}, version {content['number']}"
    return words


def review_record(
    store: Store, actor: Actor, kind: CountersignSubject, record_id: str
) -> ReviewRecord:
    """The record in full for a manager deciding whether to countersign it."""
    require(actor, Permission.COUNTERSIGN)
    kind = CountersignSubject(kind)
    with store.session() as session:
        row = load_subject(session, kind, record_id)
        content = subject_content(session, kind, record_id)
        child = _child_of(session, kind, record_id)
        names = {i: n for i, n in session.execute(select(Staff.id, Staff.name))}
        author_id = subject_owner(session, kind, record_id)
        status = getattr(row, "status", RecordStatus.FINAL)
        void_reason = getattr(row, "void_reason", None) or ""
        child_id, child_name, case_number = child.id, child.full_name, child.case_number
    signatures, addenda = signatures_for(store, kind, record_id)
    state = countersign_state([(s.decision, s.signed_at) for s in signatures],
                              [a.written_at for a in addenda])
    finalised = content.get("finalised_at")
    return ReviewRecord(
        kind=kind, record_id=record_id, child_id=child_id, child_name=child_name,
        case_number=case_number, title=_title(kind, content), author_id=author_id,
        author=names.get(author_id or "", "a former colleague"),
        finalised_at=datetime.fromisoformat(finalised) if isinstance(finalised, str) else None,
        status=status, void_reason=void_reason, state=state,
        sections=tuple(sections(content, names, skip=_HEADER_FIELDS, labels=_LABELS.get(kind))),
        signatures=tuple(signatures), addenda=tuple(addenda),
    )


def countersign_count(store: Store, actor: Actor) -> int:
    """How many records wait for this manager (the status bar's "3 to countersign")."""
    return len(countersign_queue(store, actor))
