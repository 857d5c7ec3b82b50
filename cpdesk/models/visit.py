"""Statutory home visits (002 section 4; 003).

One visit to a household can cover several children: the shared facts (date, who was present,
the home) are recorded once on `Visit`, and each child's own facts (seen, seen alone, bedroom,
presentation, wishes and feelings, injuries) on a `VisitChild`. Their tables are Core tables
(models/tables.py: the first screen reads them before any mapped class is declared), with the
indexes the alerts read; the columns are annotated here for their types.
"""

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, relationship

from cpdesk.domain.enums import (
    CountersignSubject,
    RecordStatus,
    VisitType,
)
from cpdesk.models import tables
from cpdesk.models.base import Base
from cpdesk.models.countersign import COUNTERSIGNED_COPIES, CountersignedCopy

if TYPE_CHECKING:
    from cpdesk.models.child import Child
    from cpdesk.models.observation import Observation


class Visit(Base):
    __table__ = tables.visits

    visit_date: Mapped[date | None]
    start_time: Mapped[time | None]
    visit_type: Mapped[VisitType | None]
    household_id: Mapped[str | None]
    present: Mapped[str | None]
    sleeping_arrangements: Mapped[str | None]
    meals: Mapped[str | None]
    delegated: Mapped[bool]
    delegated_to: Mapped[str | None]
    delegation_agreed_by: Mapped[str | None]
    next_planned_visit: Mapped[date | None]
    author_id: Mapped[str | None]
    status: Mapped[RecordStatus]
    finalised_at: Mapped[datetime | None]
    void_reason: Mapped[str | None]

    children: Mapped[list["VisitChild"]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="VisitChild.position"
    )


# The columns of VisitChild that copy facts held elsewhere (see VisitChild): its visit's date and
# status, and whether a manager has countersigned the visit. Not part of what a manager
# countersigns or what the interchange file carries, which hold the facts themselves.
VISIT_COPIES = frozenset({"visit_date", "visit_status", "visit_countersigned"})


class VisitChild(Base):
    __table__ = tables.visit_children

    visit_id: Mapped[str]
    visit_date: Mapped[date | None]
    visit_status: Mapped[RecordStatus]
    visit_countersigned: Mapped[bool]
    child_id: Mapped[str]
    plan_id: Mapped[str | None]
    position: Mapped[int]
    child_seen: Mapped[bool | None]
    not_seen_reason: Mapped[str | None]
    seen_alone: Mapped[bool | None]
    not_seen_alone_reason: Mapped[str | None]
    seen_awake: Mapped[bool | None]
    bedroom_seen: Mapped[bool | None]
    presentation_and_behaviour: Mapped[str | None]
    wishes_and_feelings: Mapped[str | None]
    new_incidents: Mapped[bool | None]
    incident_details: Mapped[str | None]
    injury_location: Mapped[str | None]

    visit: Mapped["Visit"] = relationship(back_populates="children")
    child: Mapped["Child"] = relationship()
    observations: Mapped[list["Observation"]] = relationship(
        back_populates="visit_child", cascade="all, delete-orphan", order_by="Observation.position"
    )


def _copy_visit(visit: Visit, entry: VisitChild) -> None:
    if entry.visit_date != visit.visit_date:
        entry.visit_date = visit.visit_date
    if entry.visit_status != visit.status:
        entry.visit_status = visit.status


@event.listens_for(Session, "before_flush")
def keep_visit_copies(session: Session, _context: Any, _instances: Any) -> None:
    """Before anything is written, every entry of a new or changed visit, and every new or
    changed entry, takes its visit's date and status (VISIT_COPIES): the one place records
    written through the ORM get them (the bulk writers, demo data and import, give them with
    each row). `cpdesk verify` reports any entry whose copy differs."""
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Visit):
            if obj.status is None:
                obj.status = RecordStatus.DRAFT  # the column default, given now to copy it
            for entry in obj.children:
                _copy_visit(obj, entry)
        elif isinstance(obj, VisitChild):
            visit = obj.visit if obj.visit is not None else (
                session.get(Visit, obj.visit_id) if obj.visit_id else None)
            if visit is not None:
                if visit.status is None:
                    visit.status = RecordStatus.DRAFT
                _copy_visit(visit, obj)


# Each entry's copy of whether its visit is countersigned (models/countersign.py).
VISIT_COUNTERSIGNED = CountersignedCopy(CountersignSubject.VISIT, VisitChild,
                                        "visit_countersigned", "visit_id")
COUNTERSIGNED_COPIES.append(VISIT_COUNTERSIGNED)
