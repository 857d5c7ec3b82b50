"""The child protection plan and its parts (002 sections 1, 3, 6.6; 004 5.105).

The plan's current content lives in normalised rows (concerns, outcomes, actions...) that the
core group edits; each saved version keeps a frozen JSON snapshot so every version stays readable.
Their tables are Core tables (models/tables.py: the first screen reads them before any mapped
class is declared); the columns are annotated here for their types.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, relationship

from cpdesk.domain.enums import (
    ActionStatus,
    Category,
    EndReason,
    IntervalUnit,
    OutcomeOrigin,
    PlanStatus,
    RecordStatus,
)
from cpdesk.models import tables
from cpdesk.models.base import Base

if TYPE_CHECKING:
    from cpdesk.models.child import Child
    from cpdesk.models.conference import Conference
    from cpdesk.models.core_group import CoreGroupMeeting, CoreGroupMember
    from cpdesk.models.danger_statement import DangerStatement
    from cpdesk.models.plan_records import Disagreement, Notification
    from cpdesk.models.staff import Staff


class Plan(Base):
    __table__ = tables.plans

    child_id: Mapped[str]
    strategy_discussion_date: Mapped[date | None]
    section_47_date: Mapped[date | None]
    start_date: Mapped[date]
    late_conference_reason: Mapped[str | None]
    category: Mapped[Category]
    latest_category: Mapped[Category | None]
    lead_worker_id: Mapped[str | None]
    manager_id: Mapped[str | None]
    conference_chair: Mapped[str | None]
    lead_statutory_body: Mapped[str | None]
    status: Mapped[PlanStatus]
    end_date: Mapped[date | None]
    end_reason: Mapped[EndReason | None]
    previous_plans: Mapped[int]
    visit_interval: Mapped[int | None]
    visit_interval_unit: Mapped[IntervalUnit | None]
    core_group_interval: Mapped[int | None]
    core_group_interval_unit: Mapped[IntervalUnit | None]
    when_child_seen: Mapped[str | None]
    contingency_plan: Mapped[str | None]
    developmental_needs: Mapped[str | None]
    therapeutic_services: Mapped[str | None]
    review_points: Mapped[str | None]
    family_involvement: Mapped[str | None]
    worries: Mapped[str | None]
    working_well: Mapped[str | None]
    needs_to_happen: Mapped[str | None]
    childs_copy: Mapped[str | None]
    family_copy_language: Mapped[str | None]

    child: Mapped["Child"] = relationship(back_populates="plans")
    lead_worker: Mapped["Staff | None"] = relationship(
        foreign_keys=[tables.plans.c.lead_worker_id]
    )
    manager: Mapped["Staff | None"] = relationship(
        foreign_keys=[tables.plans.c.manager_id]
    )
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

    __table__ = tables.concerns

    plan_id: Mapped[str]
    position: Mapped[int]
    description: Mapped[str]

    plan: Mapped["Plan"] = relationship(back_populates="concerns")


class Outcome(Base):
    """A specific, child-focused outcome and how progress towards it will be judged."""

    __table__ = tables.outcomes

    plan_id: Mapped[str]
    position: Mapped[int]
    description: Mapped[str]
    origin: Mapped[OutcomeOrigin]
    progress_measure: Mapped[str | None]

    plan: Mapped["Plan"] = relationship(back_populates="outcomes")
    actions: Mapped[list["Action"]] = relationship(
        back_populates="outcome", cascade="all, delete-orphan", order_by="Action.position"
    )


class Action(Base):
    """What needs to be done, why, by whom and by when (002 section 1)."""

    __table__ = tables.actions

    outcome_id: Mapped[str]
    position: Mapped[int]
    what: Mapped[str]
    why: Mapped[str | None]
    who: Mapped[str | None]
    member_id: Mapped[str | None]
    by_when: Mapped[date | None]
    status: Mapped[ActionStatus]

    outcome: Mapped["Outcome"] = relationship(back_populates="actions")


class PlanVersion(Base):
    """A numbered, frozen version of the plan saved after a conference or core group."""

    __table__ = tables.plan_versions

    plan_id: Mapped[str]
    number: Mapped[int]
    made_on: Mapped[date]
    made_by_id: Mapped[str | None]
    reason: Mapped[str]
    snapshot: Mapped[str]  # JSON of the whole plan content
    status: Mapped[RecordStatus]
    finalised_at: Mapped[datetime | None]

    plan: Mapped["Plan"] = relationship(back_populates="versions")
