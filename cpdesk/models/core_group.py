"""The core group: its members, its meetings, who attended or sent apologies, and progress.

002 section 6: first meeting within 10 working days of the conference, then every 4 weeks;
apologies come with a summary of involvement (6.7); minutes circulated within 15 days (6.5).
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpdesk.domain.enums import (
    CountersignSubject,
    MemberKind,
    RecordStatus,
)
from cpdesk.models.base import Base, enum_column
from cpdesk.models.countersign import COUNTERSIGNED_COPIES, CountersignedCopy

if TYPE_CHECKING:
    from cpdesk.models.meeting_record import MeetingAttendance, MeetingProgress
    from cpdesk.models.plan import Plan


class CoreGroupMember(Base):
    __tablename__ = "core_group_members"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str]
    kind: Mapped[MemberKind] = mapped_column(enum_column(MemberKind))
    agency: Mapped[str | None]
    # Their job, e.g. "Health visitor", "Class teacher", "Mother".
    job_title: Mapped[str | None]
    # Their role and responsibilities in the plan, and how often they see the child/family.
    role_in_plan: Mapped[str | None] = mapped_column(Text)
    contact_frequency: Mapped[str | None]
    phone: Mapped[str | None] = mapped_column(String(60))
    email: Mapped[str | None]
    address: Mapped[str | None] = mapped_column(Text)
    # A parent excluded from the core group must still be told of discussions and outcomes.
    excluded: Mapped[bool] = mapped_column(Boolean, default=False)
    excluded_reason: Mapped[str | None] = mapped_column(Text)
    joined_on: Mapped[date | None]
    left_on: Mapped[date | None]
    # Sefton: the written agreement is signed by every core group member (003).
    agreement_signed_on: Mapped[date | None]

    plan: Mapped["Plan"] = relationship(back_populates="members")


# The meeting's copy of a fact held elsewhere: whether a manager has countersigned its minutes
# (as a visit entry copies whether its visit is, models/visit.py). Not part of what a manager
# countersigns or what the interchange file carries, which hold the countersignatures.
MEETING_COPIES = frozenset({"minutes_countersigned"})
# The minutes no manager has countersigned, as the partial index below spells it: the alerts'
# query names it in the same words so that SQLite can match the two.
MINUTES_AWAITING_COUNTERSIGN = "status = 'final' AND NOT minutes_countersigned"


class CoreGroupMeeting(Base):
    __tablename__ = "core_group_meetings"
    __table_args__ = (
        Index("ix_core_group_meetings_plan_due", "plan_id", "due_date"),
        # What the alerts read of every meeting of each open plan (held, due, minutes
        # circulated), within the index (migration 0005; issue 10: 28 -> 17 ms).
        Index("ix_core_group_meetings_plan_facts", "plan_id", "status", "held_on", "due_date",
              "minutes_circulated_on", "id"),
        # The alerts ask which final minutes of each open plan await a countersignature: a few
        # among the thousands signed, found here without looking each one's countersignature
        # up (issue 10: 25 -> 3 ms for an authority). It leads with the same two columns as
        # the index below, so that SQLite's planner, weighing the two, takes this smaller one.
        # Partial on PostgreSQL too (migration 0005; see Visit in models/visit.py for why
        # postgresql_where is not named).
        Index("ix_core_group_meetings_awaiting_countersign", "plan_id", "status",
              sqlite_where=text(MINUTES_AWAITING_COUNTERSIGN)),
    )

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    due_date: Mapped[date]
    scheduled_for: Mapped[datetime | None]
    # Required when a meeting is moved past its due date.
    moved_reason: Mapped[str | None] = mapped_column(Text)
    held_on: Mapped[date | None]
    chair: Mapped[str | None]
    venue: Mapped[str | None]
    decisions: Mapped[str | None] = mapped_column(Text)
    changes_to_plan: Mapped[str | None] = mapped_column(Text)
    next_meeting_date: Mapped[date | None]
    minutes_circulated_on: Mapped[date | None]
    author_id: Mapped[str | None] = mapped_column(Uuid(as_uuid=False))
    status: Mapped[RecordStatus] = mapped_column(
        enum_column(RecordStatus), default=RecordStatus.DRAFT
    )
    finalised_at: Mapped[datetime | None]
    minutes_countersigned: Mapped[bool] = mapped_column(default=False, server_default=false())

    plan: Mapped["Plan"] = relationship(back_populates="meetings")
    attendance: Mapped[list["MeetingAttendance"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    progress: Mapped[list["MeetingProgress"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingProgress.position"
    )


# Each meeting's copy of whether its minutes are countersigned (models/countersign.py).
MINUTES_COUNTERSIGNED = CountersignedCopy(CountersignSubject.CORE_GROUP_MINUTES,
                                          CoreGroupMeeting, "minutes_countersigned", "id")
COUNTERSIGNED_COPIES.append(MINUTES_COUNTERSIGNED)
