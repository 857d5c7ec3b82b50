"""The child protection plan and its parts (002 sections 1, 3, 6.6; 004 5.105).

The plan's current content lives in normalised rows (concerns, outcomes, actions...) that the
core group edits; each saved version keeps a frozen JSON snapshot so every version stays readable.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpdesk.domain.enums import (
    ActionStatus,
    Category,
    EndReason,
    IntervalUnit,
    OutcomeOrigin,
    PlanStatus,
    RecordStatus,
)
from cpdesk.models.base import Base, enum_column

if TYPE_CHECKING:
    from cpdesk.models.child import Child
    from cpdesk.models.conference import Conference
    from cpdesk.models.core_group import CoreGroupMeeting, CoreGroupMember
    from cpdesk.models.danger_statement import DangerStatement
    from cpdesk.models.plan_records import Disagreement, Notification
    from cpdesk.models.staff import Staff


class Plan(Base):
    __tablename__ = "plans"
    # Every alert and caseload read starts from the plans open on a day: found within this
    # index alone (migration 0005; issue 10).
    __table_args__ = (
        Index("ix_plans_open", "status", "child_id", "end_date", "start_date", "id"),
    )

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    strategy_discussion_date: Mapped[date | None]
    section_47_date: Mapped[date | None]
    # The plan starts on the date of the initial conference.
    start_date: Mapped[date]
    # Why the initial conference was later than the profile allows after the strategy discussion.
    late_conference_reason: Mapped[str | None] = mapped_column(Text)
    category: Mapped[Category] = mapped_column(enum_column(Category))
    latest_category: Mapped[Category | None] = mapped_column(enum_column(Category))
    lead_worker_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), index=True)
    manager_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    conference_chair: Mapped[str | None]
    lead_statutory_body: Mapped[str | None]
    status: Mapped[PlanStatus] = mapped_column(enum_column(PlanStatus), default=PlanStatus.ACTIVE)
    end_date: Mapped[date | None]
    end_reason: Mapped[EndReason | None] = mapped_column(enum_column(EndReason))
    previous_plans: Mapped[int] = mapped_column(Integer, default=0)
    # Set by the conference when it differs from the profile (overrides the profile).
    visit_interval: Mapped[int | None]
    visit_interval_unit: Mapped[IntervalUnit | None] = mapped_column(enum_column(IntervalUnit))
    core_group_interval: Mapped[int | None]
    core_group_interval_unit: Mapped[IntervalUnit | None] = mapped_column(
        enum_column(IntervalUnit)
    )
    # The plan's sections (002 section 1).
    when_child_seen: Mapped[str | None] = mapped_column(Text)
    contingency_plan: Mapped[str | None] = mapped_column(Text)
    developmental_needs: Mapped[str | None] = mapped_column(Text)
    therapeutic_services: Mapped[str | None] = mapped_column(Text)
    review_points: Mapped[str | None] = mapped_column(Text)
    family_involvement: Mapped[str | None] = mapped_column(Text)
    # Signs of Safety view of the same plan.
    worries: Mapped[str | None] = mapped_column(Text)
    working_well: Mapped[str | None] = mapped_column(Text)
    needs_to_happen: Mapped[str | None] = mapped_column(Text)
    # The child's copy (002 section 3) and the family's preferred language for theirs.
    childs_copy: Mapped[str | None] = mapped_column(Text)
    family_copy_language: Mapped[str | None]

    child: Mapped["Child"] = relationship(back_populates="plans")
    lead_worker: Mapped["Staff | None"] = relationship(foreign_keys=[lead_worker_id])
    manager: Mapped["Staff | None"] = relationship(foreign_keys=[manager_id])
    concerns: Mapped[list["Concern"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Concern.position"
    )
    outcomes: Mapped[list["Outcome"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Outcome.position"
    )
    danger_statements: Mapped[list["DangerStatement"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="DangerStatement.position"
    )
    members: Mapped[list["CoreGroupMember"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="CoreGroupMember.position"
    )
    conferences: Mapped[list["Conference"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Conference.held_on"
    )
    meetings: Mapped[list["CoreGroupMeeting"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="CoreGroupMeeting.due_date"
    )
    versions: Mapped[list["PlanVersion"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanVersion.number"
    )
    disagreements: Mapped[list["Disagreement"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Disagreement.recorded_on"
    )
    notifications: Mapped[list["Notification"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Notification.sent_on"
    )


class Concern(Base):
    """The exact nature of a concern that led to the plan (002 section 1)."""

    __tablename__ = "concerns"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text)

    plan: Mapped["Plan"] = relationship(back_populates="concerns")


class Outcome(Base):
    """A specific, child-focused outcome and how progress towards it will be judged."""

    __tablename__ = "outcomes"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text)
    origin: Mapped[OutcomeOrigin] = mapped_column(enum_column(OutcomeOrigin))
    progress_measure: Mapped[str | None] = mapped_column(Text)

    plan: Mapped["Plan"] = relationship(back_populates="outcomes")
    actions: Mapped[list["Action"]] = relationship(
        back_populates="outcome", cascade="all, delete-orphan", order_by="Action.position"
    )


class Action(Base):
    """What needs to be done, why, by whom and by when (002 section 1)."""

    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_status_by_when", "status", "by_when"),)

    outcome_id: Mapped[str] = mapped_column(ForeignKey("outcomes.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    what: Mapped[str] = mapped_column(Text)
    why: Mapped[str | None] = mapped_column(Text)
    who: Mapped[str | None]
    member_id: Mapped[str | None] = mapped_column(ForeignKey("core_group_members.id"))
    by_when: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus), default=ActionStatus.NOT_STARTED
    )

    outcome: Mapped["Outcome"] = relationship(back_populates="actions")


class PlanVersion(Base):
    """A numbered, frozen version of the plan saved after a conference or core group."""

    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    number: Mapped[int]
    made_on: Mapped[date]
    made_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(Text)
    snapshot: Mapped[str] = mapped_column(Text)  # JSON of the whole plan content
    status: Mapped[RecordStatus] = mapped_column(
        enum_column(RecordStatus), default=RecordStatus.FINAL
    )
    finalised_at: Mapped[datetime | None]

    plan: Mapped["Plan"] = relationship(back_populates="versions")
