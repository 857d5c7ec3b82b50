"""What is recorded about a plan beside its content and versions: disagreements with it
(002 s6.5), who was told of a change (001), and the core group's report for the review
conference (002 s4).

A module of its own: the first screen (the caseload) reads none of it, so start-up declares
it only when the mapped classes are set up, once the caseload is on show (issue 10).
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpdesk.domain.enums import RecordStatus
from cpdesk.models.base import Base, enum_column

if TYPE_CHECKING:
    from cpdesk.models.plan import Plan


class Disagreement(Base):
    """A disagreement with the plan, recorded specifically (002 section 6.5)."""

    __tablename__ = "disagreements"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    version_id: Mapped[str | None] = mapped_column(ForeignKey("plan_versions.id"))
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("core_group_meetings.id"))
    recorded_on: Mapped[date]
    who: Mapped[str]
    about: Mapped[str] = mapped_column(Text)

    plan: Mapped["Plan"] = relationship(back_populates="disagreements")


class Notification(Base):
    """Someone told of a change: the register keeper, the named person, adult services (001)."""

    __tablename__ = "notifications"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    sent_on: Mapped[date]
    to_whom: Mapped[str]
    about: Mapped[str] = mapped_column(Text)
    in_writing: Mapped[bool] = mapped_column(Boolean, default=False)

    plan: Mapped["Plan"] = relationship(back_populates="notifications")


class ReviewReport(Base):
    """The core group's report for the review conference (002 section 4), as signed."""

    __tablename__ = "review_reports"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    conference_id: Mapped[str | None] = mapped_column(ForeignKey("conferences.id"))
    author_id: Mapped[str | None] = mapped_column(Uuid(as_uuid=False))
    content: Mapped[str] = mapped_column(Text)
    status: Mapped[RecordStatus] = mapped_column(
        enum_column(RecordStatus), default=RecordStatus.DRAFT
    )
    finalised_at: Mapped[datetime | None]
