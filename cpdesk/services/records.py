"""The content of each countersignable record, read the same way for signing and verifying.

`subject_content` is what a countersignature's hash covers: every field a person wrote, not
the bookkeeping (timestamps of saving, revision) nor the void status, which has its own trail.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, selectinload

from cpdesk.domain.enums import CountersignSubject
from cpdesk.domain.errors import CpdeskError
from cpdesk.models import CoreGroupMeeting, Plan, PlanVersion, ReviewReport, Visit
from cpdesk.models.base import Base
from cpdesk.models.core_group import MEETING_COPIES
from cpdesk.models.visit import VISIT_COPIES, VisitChild

BOOKKEEPING = frozenset({"created_at", "updated_at", "updated_by", "revision", "status",
                         "void_reason"})

SUBJECT_MODELS: dict[CountersignSubject, type[Base]] = {
    CountersignSubject.VISIT: Visit,
    CountersignSubject.PLAN_VERSION: PlanVersion,
    CountersignSubject.CORE_GROUP_MINUTES: CoreGroupMeeting,
    CountersignSubject.REVIEW_REPORT: ReviewReport,
}


class RecordNotFound(CpdeskError):
    pass


def columns(obj: Base, exclude: frozenset[str] = BOOKKEEPING) -> dict[str, Any]:
    """The row's own column values as JSON-friendly values."""
    out: dict[str, Any] = {}
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key in exclude:
            continue
        value = getattr(obj, attr.key)
        out[attr.key] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def load_subject(session: Session, kind: CountersignSubject, record_id: str) -> Base:
    model = SUBJECT_MODELS[CountersignSubject(kind)]
    row = session.get(model, record_id)
    if row is None:
        raise RecordNotFound(f"No {CountersignSubject(kind).value.replace('_', ' ')} "
                             f"with id {record_id}.")
    return row


def load_subjects(
    session: Session, subjects: Iterable[tuple[CountersignSubject, str]]
) -> list[Base]:
    """Read many records into the session at once, each with the parts its content holds (a
    visit's entries and their observations; minutes' attendance and progress), so that
    `subject_content` of any of them then reads nothing more: a few queries for the lot
    instead of several for each record (signing the demo's records; cpdesk verify).

    Returns the records: hold on to them while they are used, as the session keeps only weak
    references to what it has read."""
    loaded: list[Base] = []
    ids: dict[CountersignSubject, list[str]] = defaultdict(list)
    for kind, record_id in subjects:
        ids[CountersignSubject(kind)].append(record_id)
    for kind, wanted in ids.items():
        model = SUBJECT_MODELS[kind]
        parts: tuple[Any, ...] = ()
        if model is Visit:
            parts = (selectinload(Visit.children).selectinload(VisitChild.observations),)
        elif model is CoreGroupMeeting:
            parts = (selectinload(CoreGroupMeeting.attendance),
                     selectinload(CoreGroupMeeting.progress))
        for start in range(0, len(wanted), 500):  # within every driver's limit on bound values
            loaded += session.scalars(select(model).where(model.id.in_(wanted[start:start + 500]))
                                      .options(*parts)).all()
    return loaded


# Later administrative facts about a record, not part of what its author wrote: minutes are
# often circulated after the manager has countersigned them; whether they are countersigned
# is the countersignatures' own fact (the meeting's copy of it, MEETING_COPIES).
NOT_SIGNED = {
    CountersignSubject.CORE_GROUP_MINUTES: frozenset({"minutes_circulated_on"}) | MEETING_COPIES,
}


def subject_content(session: Session, kind: CountersignSubject, record_id: str) -> dict[str, Any]:
    row = load_subject(session, kind, record_id)
    content = columns(row, BOOKKEEPING | NOT_SIGNED.get(CountersignSubject(kind), frozenset()))
    if isinstance(row, Visit):
        content["children"] = [
            {**columns(c, BOOKKEEPING | VISIT_COPIES),
             "observations": [columns(o) for o in c.observations]}
            for c in row.children
        ]
    elif isinstance(row, CoreGroupMeeting):
        content["attendance"] = sorted(
            (columns(a) for a in row.attendance), key=lambda a: (a["name"], a["id"])
        )
        content["progress"] = [columns(p) for p in row.progress]
    return content


def subject_child_ids(session: Session, kind: CountersignSubject, record_id: str) -> frozenset[str]:
    """The children a record is about (a household visit: each child visited)."""
    row = load_subject(session, kind, record_id)
    if isinstance(row, Visit):
        return frozenset(c.child_id for c in row.children)
    plan = session.get(Plan, row.plan_id)  # type: ignore[attr-defined]
    return frozenset({plan.child_id}) if plan else frozenset()


def subject_owner(session: Session, kind: CountersignSubject, record_id: str) -> str | None:
    """The author of a record (who may add addenda to it)."""
    row = load_subject(session, kind, record_id)
    if isinstance(row, PlanVersion):
        return row.made_by_id
    return getattr(row, "author_id", None)



