"""The core group: its members, its meetings, who attended or sent apologies, and progress.

002 section 6: first meeting within 10 working days of the conference, then every 4 weeks;
apologies come with a summary of involvement (6.7); minutes circulated within 15 days (6.5).
The members' and meetings' tables are Core tables (models/tables.py: the first screen reads
them before any mapped class is declared); the columns are annotated here for their types.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, relationship

from cpdesk.domain.enums import (
    CountersignSubject,
    MemberKind,
    RecordStatus,
)
from cpdesk.models import tables
from cpdesk.models.base import Base
from cpdesk.models.countersign import COUNTERSIGNED_COPIES, CountersignedCopy

if TYPE_CHECKING:
    from cpdesk.models.meeting_record import MeetingAttendance, MeetingProgress
    from cpdesk.models.plan import Plan


class CoreGroupMember(Base):
    __table__ = tables.core_group_members

    plan_id: Mapped[str]
    position: Mapped[int]
    name: Mapped[str]
    kind: Mapped[MemberKind]
    agency: Mapped[str | None]
    job_title: Mapped[str | None]
    role_in_plan: Mapped[str | None]
    contact_frequency: Mapped[str | None]
    phone: Mapped[str | None]
    email: Mapped[str | None]
    address: Mapped[str | None]
    excluded: Mapped[bool]
    excluded_reason: Mapped[str | None]
    joined_on: Mapped[date | None]
    left_on: Mapped[date | None]
    agreement_signed_on: Mapped[date | None]

    plan: Mapped["Plan"] = relationship(back_populates="members")


# The meeting's copy of a fact held elsewhere: whether a manager has countersigned its minutes
# (as a visit entry copies whether its visit is, models/visit.py). Not part of what a manager
# countersigns or what the interchange file carries, which hold the countersignatures.
MEETING_COPIES = frozenset({"minutes_countersigned"})


class CoreGroupMeeting(Base):
    __table__ = tables.core_group_meetings

    plan_id: Mapped[str]
    due_date: Mapped[date]
    scheduled_for: Mapped[datetime | None]
    moved_reason: Mapped[str | None]
    held_on: Mapped[date | None]
    chair: Mapped[str | None]
    venue: Mapped[str | None]
    decisions: Mapped[str | None]
    changes_to_plan: Mapped[str | None]
    next_meeting_date: Mapped[date | None]
    minutes_circulated_on: Mapped[date | None]
    author_id: Mapped[str | None]
    status: Mapped[RecordStatus]
    finalised_at: Mapped[datetime | None]
    minutes_countersigned: Mapped[bool]

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
