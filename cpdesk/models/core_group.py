"""The core group: its members, its meetings, who attended or sent apologies, and progress.

002 section 6: first meeting within 10 working days of the conference, then every 4 weeks;
apologies come with a summary of involvement (6.7); minutes circulated within 15 days (6.5).
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpdesk.domain.enums import MemberKind, RecordStatus
from cpdesk.models.base import Base, enum_column

if TYPE_CHECKING:
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


class CoreGroupMeeting(Base):
    __tablename__ = "core_group_meetings"
    __table_args__ = (Index("ix_core_group_meetings_plan_due", "plan_id", "due_date"),)

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

    plan: Mapped["Plan"] = relationship(back_populates="meetings")
    attendance: Mapped[list["MeetingAttendance"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    progress: Mapped[list["MeetingProgress"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingProgress.position"
    )


class MeetingAttendance(Base):
    """One member at one meeting: attended, or apologies with their summary of involvement."""

    __tablename__ = "meeting_attendance"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("core_group_meetings.id"), index=True)
    member_id: Mapped[str | None] = mapped_column(ForeignKey("core_group_members.id"))
    name: Mapped[str]
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
    apologies: Mapped[bool] = mapped_column(Boolean, default=False)
    summary_of_involvement: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped["CoreGroupMeeting"] = relationship(back_populates="attendance")


class MeetingProgress(Base):
    """Progress recorded at a meeting against one outcome or action of the current plan."""

    __tablename__ = "meeting_progress"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("core_group_meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    outcome_id: Mapped[str | None] = mapped_column(ForeignKey("outcomes.id"))
    action_id: Mapped[str | None] = mapped_column(ForeignKey("actions.id"))
    progress: Mapped[str] = mapped_column(Text)

    meeting: Mapped["CoreGroupMeeting"] = relationship(back_populates="progress")
