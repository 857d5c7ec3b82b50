"""What a core group meeting recorded: who attended or sent apologies with a summary of their
involvement (002 s6.7), and the progress against the plan's outcomes and actions.

A module of its own: the first screen (the caseload) reads none of it, so start-up declares
it only when the mapped classes are set up, once the caseload is on show (issue 10).
"""

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpdesk.models.base import Base

if TYPE_CHECKING:
    from cpdesk.models.core_group import CoreGroupMeeting


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
