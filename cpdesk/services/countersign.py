"""Countersigning (002 s5): the manager's queue, countersign, return, addenda and voiding.

A countersignature stores a hash of exactly what was signed (cpdesk.services.records). A final
record is never edited: corrections are dated addenda by the author, which put it back in the
queue. A record entered in error is voided with a reason and stays visible as voided.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from cpdesk.domain.actor import Actor
from cpdesk.domain.countersign import CountersignState, content_hash, countersign_state
from cpdesk.domain.enums import CountersignDecision, CountersignSubject, RecordStatus
from cpdesk.domain.errors import NotAllowed, ValidationFailed
from cpdesk.domain.permissions import Permission, require
from cpdesk.domain.visit_validation import FieldIssue
from cpdesk.models import (
    Addendum,
    Child,
    CoreGroupMeeting,
    Countersignature,
    Plan,
    PlanVersion,
    ReviewReport,
    Staff,
    Visit,
    VisitChild,
)
from cpdesk.models.db import Store
from cpdesk.services.audit import record_event
from cpdesk.services.changes import Changes
from cpdesk.services.records import (
    load_subject,
    subject_child_ids,
    subject_content,
    subject_owner,
)
from cpdesk.services.signin import confirm_password

SUBJECT_WORDS = {
    CountersignSubject.VISIT: "Visit record",
    CountersignSubject.PLAN_VERSION: "Plan",
    CountersignSubject.CORE_GROUP_MINUTES: "Core group minutes",
    CountersignSubject.REVIEW_REPORT: "Report for the review conference",
}


@dataclass(frozen=True)
class QueueItem:
    kind: CountersignSubject
    record_id: str
    child_id: str
    case_number: str
    child_name: str
    title: str  # "Visit record, Tue 6 Jan 2027"
    record_date: date | None
    author: str
    finalised_at: datetime | None
    state: CountersignState


@dataclass(frozen=True)
class SignatureRecord:
    manager: str
    signed_at: datetime
    decision: CountersignDecision
    comment: str


@dataclass(frozen=True)
class AddendumRecord:
    author: str
    written_at: datetime
    text: str


def _finals(session: Session, team_id: str | None) -> list[tuple[CountersignSubject, str, str,
                                                                  date | None, str | None,
                                                                  datetime | None]]:
    """(kind, record id, child id, record date, author id, finalised at) of final records."""
    out: list[tuple[CountersignSubject, str, str, date | None, str | None, datetime | None]] = []
    team = (Child.team_id == team_id) if team_id else true()
    for vid, child_id, day, author, at in session.execute(
        select(Visit.id, VisitChild.child_id, Visit.visit_date, Visit.author_id, Visit.finalised_at)
        .join(VisitChild, VisitChild.visit_id == Visit.id)
        .join(Child, Child.id == VisitChild.child_id)
        .where(Visit.status == RecordStatus.FINAL, VisitChild.position == 0, team)
    ):
        out.append((CountersignSubject.VISIT, vid, child_id, day, author, at))
    for rid, child_id, day, author, at in session.execute(
        select(PlanVersion.id, Plan.child_id, PlanVersion.made_on, PlanVersion.made_by_id,
               PlanVersion.finalised_at)
        .join(Plan, Plan.id == PlanVersion.plan_id).join(Child, Child.id == Plan.child_id)
        .where(PlanVersion.status == RecordStatus.FINAL, team)
    ):
        out.append((CountersignSubject.PLAN_VERSION, rid, child_id, day, author, at))
    for rid, child_id, day, author, at in session.execute(
        select(CoreGroupMeeting.id, Plan.child_id, CoreGroupMeeting.held_on,
               CoreGroupMeeting.author_id, CoreGroupMeeting.finalised_at)
        .join(Plan, Plan.id == CoreGroupMeeting.plan_id).join(Child, Child.id == Plan.child_id)
        .where(CoreGroupMeeting.status == RecordStatus.FINAL, team)
    ):
        out.append((CountersignSubject.CORE_GROUP_MINUTES, rid, child_id, day, author, at))
    for rid, child_id, author, at in session.execute(
        select(ReviewReport.id, Plan.child_id, ReviewReport.author_id, ReviewReport.finalised_at)
        .join(Plan, Plan.id == ReviewReport.plan_id).join(Child, Child.id == Plan.child_id)
        .where(ReviewReport.status == RecordStatus.FINAL, team)
    ):
        out.append((CountersignSubject.REVIEW_REPORT, rid, child_id,
                    at.date() if at else None, author, at))
    return out


def countersign_queue(store: Store, actor: Actor) -> list[QueueItem]:
    """Final records of the manager's team waiting for countersignature, oldest first."""
    require(actor, Permission.COUNTERSIGN)
    with store.session() as session:
        finals = _finals(session, actor.team_id)
        decisions: dict[str, list[tuple[CountersignDecision, datetime]]] = defaultdict(list)
        for subject_id, decision, at in session.execute(
            select(Countersignature.subject_id, Countersignature.decision,
                   Countersignature.signed_at)
        ):
            decisions[subject_id].append((decision, at))
        addenda: dict[str, list[datetime]] = defaultdict(list)
        for subject_id, at in session.execute(select(Addendum.subject_id, Addendum.written_at)):
            addenda[subject_id].append(at)
        children = {c.id: c for c in session.scalars(
            select(Child).where(Child.id.in_({f[2] for f in finals}))
        )} if finals else {}
        names = {i: n for i, n in session.execute(select(Staff.id, Staff.name))}
    items = []
    for kind, record_id, child_id, day, author, at in finals:
        state = countersign_state(decisions.get(record_id, ()), addenda.get(record_id, ()))
        if not state.in_queue:
            continue
        child = children[child_id]
        title = SUBJECT_WORDS[kind] + (f", {day:%a} {day.day} {day:%b %Y}" if day else "")
        items.append(QueueItem(
            kind=kind, record_id=record_id, child_id=child_id, case_number=child.case_number,
            child_name=child.full_name, title=title, record_date=day,
            author=names.get(author or "", "unknown"), finalised_at=at, state=state,
        ))
    items.sort(key=lambda i: i.finalised_at or datetime.min.replace(tzinfo=UTC))
    return items


def _state(session: Session, kind: CountersignSubject, record_id: str) -> CountersignState:
    decisions = session.execute(
        select(Countersignature.decision, Countersignature.signed_at).where(
            Countersignature.subject_kind == kind, Countersignature.subject_id == record_id)
    ).all()
    addenda = session.scalars(select(Addendum.written_at).where(
        Addendum.subject_kind == kind, Addendum.subject_id == record_id)).all()
    return countersign_state(decisions, addenda)


def _decide(
    store: Store, actor: Actor, kind: CountersignSubject, record_id: str,
    decision: CountersignDecision, comment: str, now: datetime | None,
) -> Changes:
    with store.session() as session:
        row = load_subject(session, kind, record_id)
        if getattr(row, "status", RecordStatus.FINAL) is not RecordStatus.FINAL:
            raise NotAllowed("Only a final record can be countersigned or returned.")
        if subject_owner(session, kind, record_id) == actor.staff_id:
            raise NotAllowed("You cannot countersign or return your own record.")
        if not _state(session, kind, record_id).in_queue:
            raise NotAllowed("This record is not waiting for countersignature.")
        signed = content_hash(subject_content(session, kind, record_id))
        signature = Countersignature(
            subject_kind=kind, subject_id=record_id, manager_id=actor.staff_id or "",
            signed_at=now or datetime.now(UTC), decision=decision, comment=comment or None,
            content_hash=signed, updated_by=actor.staff_id,
        )
        session.add(signature)
        session.flush()
        record_event(session, actor, decision.value, kind.value, record_id,
                     after={"comment": comment, "content_hash": signed})
    message = ("Countersigned." if decision is CountersignDecision.COUNTERSIGNED
               else "Returned to the author with your comment.")
    return Changes(kinds=frozenset({"countersignature", kind.value}),
                   ids=frozenset({record_id}), message=message)


def countersign(
    store: Store, actor: Actor, kind: CountersignSubject, record_id: str, password: str,
    comment: str = "", now: datetime | None = None,
) -> Changes:
    """Countersign a final record; the manager's password is asked again, as a signature."""
    require(actor, Permission.COUNTERSIGN)
    confirm_password(store, actor, password)
    return _decide(store, actor, kind, record_id, CountersignDecision.COUNTERSIGNED,
                   comment.strip(), now)


def return_record(
    store: Store, actor: Actor, kind: CountersignSubject, record_id: str, comment: str,
    now: datetime | None = None,
) -> Changes:
    require(actor, Permission.RETURN_RECORD)
    if not comment.strip():
        raise ValidationFailed([FieldIssue("comment", "Enter why you are returning the record")])
    return _decide(store, actor, kind, record_id, CountersignDecision.RETURNED, comment.strip(),
                   now)


def add_addendum(
    store: Store, actor: Actor, kind: CountersignSubject, record_id: str, text: str,
    now: datetime | None = None,
) -> Changes:
    """A dated correction by the record's author; it goes back into the countersign queue.

    Final records are never edited: this is the only way to correct one.
    """
    require(actor, Permission.ADD_ADDENDUM)
    if not text.strip():
        raise ValidationFailed([FieldIssue("addendum", "Enter the addendum")])
    with store.session() as session:
        row = load_subject(session, kind, record_id)
        status = getattr(row, "status", None)
        if status is RecordStatus.DRAFT:
            raise NotAllowed("This record is still a draft: change the record itself, then "
                             "finalise it")
        if status is RecordStatus.VOIDED:
            raise NotAllowed("This record was voided and cannot be added to")
        owner = subject_owner(session, kind, record_id)
        if owner != actor.staff_id:
            author = session.get(Staff, owner) if owner else None
            raise NotAllowed(f"Only {author.name if author else 'the author'}, who wrote this "
                             "record, can add an addendum to it")
        addendum = Addendum(subject_kind=kind, subject_id=record_id, author_id=actor.staff_id,
                            written_at=now or datetime.now(UTC),
                            text=text.replace("\x00", ""), updated_by=actor.staff_id)
        session.add(addendum)
        session.flush()
        record_event(session, actor, "add_addendum", kind.value, record_id,
                     after={"addendum_id": addendum.id, "text": addendum.text})
        children = subject_child_ids(session, kind, record_id)
    return Changes(kinds=frozenset({"addendum", kind.value}),
                   ids=frozenset({record_id, addendum.id}), child_ids=children,
                   message="Addendum added. It is now waiting for your manager to countersign.")


def void_record(
    store: Store, actor: Actor, kind: CountersignSubject, record_id: str, reason: str,
) -> Changes:
    """Mark a record entered in error as voided; it is never deleted and stays visible."""
    require(actor, Permission.VOID_RECORD)
    if not reason.strip():
        raise ValidationFailed([FieldIssue("reason", "Enter why the record is being voided")])
    with store.session() as session:
        row = load_subject(session, kind, record_id)
        owner = subject_owner(session, kind, record_id)
        if owner != actor.staff_id and not actor.is_manager:
            raise NotAllowed("Only the author or a manager can void a record.")
        before = getattr(row, "status", None)
        row.status = RecordStatus.VOIDED  # type: ignore[attr-defined]
        if hasattr(row, "void_reason"):
            row.void_reason = reason.strip()
        row.updated_by = actor.staff_id
        record_event(session, actor, "void", kind.value, record_id,
                     before={"status": str(before)}, after={"status": "voided",
                                                            "reason": reason.strip()})
    return Changes(kinds=frozenset({kind.value}), ids=frozenset({record_id}),
                   message="Record voided. It stays on the file, marked as voided.")


def signatures_for(
    store: Store, kind: CountersignSubject, record_id: str
) -> tuple[list[SignatureRecord], list[AddendumRecord]]:
    """A record's signatures and addenda, oldest first, to show and print with it."""
    with store.session() as session:
        names = {i: n for i, n in session.execute(select(Staff.id, Staff.name))}
        signatures = [
            SignatureRecord(names.get(s.manager_id, "unknown"), s.signed_at, s.decision,
                            s.comment or "")
            for s in session.scalars(select(Countersignature).where(
                Countersignature.subject_kind == kind, Countersignature.subject_id == record_id
            ).order_by(Countersignature.signed_at))
        ]
        addenda = [
            AddendumRecord(names.get(a.author_id or "", "unknown"), a.written_at, a.text)
            for a in session.scalars(select(Addendum).where(
                Addendum.subject_kind == kind, Addendum.subject_id == record_id
            ).order_by(Addendum.written_at))
        ]
    return signatures, addenda
