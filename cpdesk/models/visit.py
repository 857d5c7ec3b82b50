"""Statutory home visits (002 section 4; 003).

One visit to a household can cover several children: the shared facts (date, who was present,
the home) are recorded once on `Visit`, and each child's own facts (seen, seen alone, bedroom,
presentation, wishes and feelings, injuries) on a `VisitChild`.
"""

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    Text,
    Uuid,
    event,
    false,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from cpdesk.domain.enums import (
    CountersignSubject,
    RecordStatus,
    VisitType,
)
from cpdesk.models.base import Base, enum_column
from cpdesk.models.countersign import COUNTERSIGNED_COPIES, CountersignedCopy

if TYPE_CHECKING:
    from cpdesk.models.child import Child
    from cpdesk.models.observation import Observation


class Visit(Base):
    __tablename__ = "visits"
    # No index on (status, visit_date): it tempted the planner to walk every final visit in
    # the authority for each plan (issue 10). The alerts read the entries' copies instead
    # (VisitChild); migration 0005 dropped the two visits indexes 0002 had made for them.

    visit_date: Mapped[date | None]
    start_time: Mapped[time | None]
    visit_type: Mapped[VisitType | None] = mapped_column(enum_column(VisitType))
    household_id: Mapped[str | None] = mapped_column(ForeignKey("households.id"))
    present: Mapped[str | None] = mapped_column(Text)
    sleeping_arrangements: Mapped[str | None] = mapped_column(Text)
    meals: Mapped[str | None] = mapped_column(Text)
    # Delegated contact must be agreed and recorded by the lead worker's manager (002 section 4).
    delegated: Mapped[bool] = mapped_column(Boolean, default=False)
    delegated_to: Mapped[str | None]
    delegation_agreed_by: Mapped[str | None]
    next_planned_visit: Mapped[date | None]
    author_id: Mapped[str | None] = mapped_column(Uuid(as_uuid=False), index=True)
    status: Mapped[RecordStatus] = mapped_column(
        enum_column(RecordStatus), default=RecordStatus.DRAFT
    )
    finalised_at: Mapped[datetime | None]
    void_reason: Mapped[str | None] = mapped_column(Text)

    children: Mapped[list["VisitChild"]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="VisitChild.position"
    )


# The columns of VisitChild that copy facts held elsewhere (see VisitChild): its visit's date and
# status, and whether a manager has countersigned the visit. Not part of what a manager
# countersigns or what the interchange file carries, which hold the facts themselves.
VISIT_COPIES = frozenset({"visit_date", "visit_status", "visit_countersigned"})
# The visits no manager has countersigned, as the partial index below spells it: the alerts'
# query names it in the same words so that SQLite can match the two.
AWAITING_COUNTERSIGN = "visit_status = 'final' AND NOT visit_countersigned"


class VisitChild(Base):
    __tablename__ = "visit_children"
    # The alerts ask, for each child on an open plan, when their latest final visit was and
    # when they were last seen, seen alone, seen awake and their bedroom seen since the plan
    # began. Each entry carries a copy of its visit's date and status (kept equal on every
    # flush, below), so this one index answers that: a range of the child's final visits since
    # the plan began, every fact in the index, no visit looked up (issue 10: a third of the
    # time of joining each entry to its visit).
    __table_args__ = (
        Index("ix_visit_children_child_final_facts", "child_id", "visit_status", "visit_date",
              "visit_id", "child_seen", "seen_alone", "seen_awake", "bedroom_seen"),
        # The alerts also ask which of the child's final visits await a countersignature: a
        # few among the thousands signed, found here without looking at the signed ones
        # (issue 10: 85 of 270 ms probing a countersignature for each final visit). It leads
        # with the same two columns as the index above, so that SQLite's planner, weighing
        # the two, takes this smaller one. Partial on PostgreSQL too (migration 0004; see
        # Visit for why postgresql_where is not named).
        Index("ix_visit_children_awaiting_countersign", "child_id", "visit_status", "visit_id",
              sqlite_where=text(AWAITING_COUNTERSIGN)),
    )

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), index=True)
    # copies of the visit's visit_date and status, and of whether a manager has countersigned
    # it (VISIT_COPIES)
    visit_date: Mapped[date | None]
    visit_status: Mapped[RecordStatus] = mapped_column(
        enum_column(RecordStatus), default=RecordStatus.DRAFT,
        server_default=RecordStatus.DRAFT.value,
    )
    visit_countersigned: Mapped[bool] = mapped_column(default=False, server_default=false())
    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"))
    plan_id: Mapped[str | None] = mapped_column(ForeignKey("plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    child_seen: Mapped[bool | None]
    not_seen_reason: Mapped[str | None] = mapped_column(Text)
    seen_alone: Mapped[bool | None]
    not_seen_alone_reason: Mapped[str | None] = mapped_column(Text)
    # A baby under one is seen awake (002 section 4).
    seen_awake: Mapped[bool | None]
    bedroom_seen: Mapped[bool | None]
    presentation_and_behaviour: Mapped[str | None] = mapped_column(Text)
    wishes_and_feelings: Mapped[str | None] = mapped_column(Text)
    new_incidents: Mapped[bool | None]
    incident_details: Mapped[str | None] = mapped_column(Text)
    injury_location: Mapped[str | None] = mapped_column(Text)

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
