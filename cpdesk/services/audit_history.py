"""A manager's view of the audit trail of one child's records (issue 9: "a manager can view the
audit history of any record").

Every event whose subject is the child or one of the child's records: the plans and everything
hanging off them (versions, concerns, outcomes, actions, danger statements, conferences, core
group members and meetings, disagreements, notifications, review reports) and the visits that
recorded the child. Countersignatures, returns, addenda and voids are audited against the record
they concern, so they appear too. Read-only; returns plain records, oldest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cpdesk.domain.actor import Actor
from cpdesk.domain.permissions import Permission, require
from cpdesk.domain.record_text import changes_text
from cpdesk.models import (
    Action,
    AuditEvent,
    Child,
    Concern,
    Conference,
    CoreGroupMeeting,
    CoreGroupMember,
    DangerStatement,
    Disagreement,
    Notification,
    Outcome,
    Plan,
    PlanVersion,
    ReviewReport,
    Staff,
    VisitChild,
)
from cpdesk.models.db import Store
from cpdesk.services.records import RecordNotFound

# What each audited action is called on screen; others read as their name in words.
ACTION_WORDS = {
    "start_visit": "Started a visit record",
    "save_visit_draft": "Saved the visit draft",
    "finalise_visit": "Finalised the visit record",
    "add_addendum": "Added an addendum",
    "countersigned": "Countersigned",
    "returned": "Returned to the author",
    "void": "Voided the record",
    "save_plan": "Saved the plan",
    "save_plan_version": "Saved a new version of the plan",
    "record_disagreement": "Recorded a disagreement",
    "add_core_group_member": "Added a core group member",
    "update_core_group_member": "Changed a core group member",
    "end_core_group_member": "Ended a core group membership",
    "schedule_core_group": "Arranged a core group meeting",
    "move_core_group_meeting": "Moved a core group meeting",
    "record_core_group_meeting": "Recorded the core group meeting",
    "set_minutes_circulated": "Recorded the minutes as circulated",
}
RECORD_WORDS = {
    "visit": "Visit record",
    "plan": "Plan",
    "plan_version": "Plan version",
    "core_group_meeting": "Core group meeting",
    "core_group_minutes": "Core group minutes",
    "core_group_member": "Core group member",
    "review_report": "Report for the review conference",
    "disagreement": "Disagreement",
    "child": "Child",
    "conference": "Conference",
}


@dataclass(frozen=True)
class AuditEntry:
    sequence: int
    at: datetime
    who: str
    action: str  # in words: "Countersigned"
    record: str  # in words: "Visit record"
    subject_kind: str
    subject_id: str | None
    before: str  # in words, "" when there was nothing before
    after: str


def _record_ids(session: Session, child_id: str) -> set[str]:
    """The child's id and the ids of every record about the child."""
    ids = {child_id}
    plan_ids = set(session.scalars(select(Plan.id).where(Plan.child_id == child_id)))
    ids |= plan_ids
    if plan_ids:
        for model in (PlanVersion, Concern, Outcome, DangerStatement, Conference, CoreGroupMember,
                      CoreGroupMeeting, Disagreement, Notification, ReviewReport):
            ids |= set(session.scalars(
                select(model.id).where(model.plan_id.in_(plan_ids))))  # type: ignore[attr-defined]
        ids |= set(session.scalars(
            select(Action.id).join(Outcome, Outcome.id == Action.outcome_id)
            .where(Outcome.plan_id.in_(plan_ids))))
    ids |= set(session.scalars(select(VisitChild.visit_id).where(VisitChild.child_id == child_id)))
    return ids


def audit_history(store: Store, actor: Actor, child_id: str) -> list[AuditEntry]:
    """Every audit event about the child's records, oldest first (managers, administrators)."""
    require(actor, Permission.VIEW_AUDIT)
    with store.session() as session:
        if session.get(Child, child_id) is None:
            raise RecordNotFound("This child is no longer in the database.")
        ids = _record_ids(session, child_id)
        names = {i: n for i, n in session.execute(select(Staff.id, Staff.name))}
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.subject_id.in_(ids))
            .order_by(AuditEvent.sequence)
        ).all()
        return [
            AuditEntry(
                sequence=e.sequence, at=e.at,
                who=names.get(e.actor_id, "a former colleague") if e.actor_id else "cpdesk",
                action=ACTION_WORDS.get(e.action, e.action.replace("_", " ").capitalize()),
                record=RECORD_WORDS.get(e.subject_kind,
                                        e.subject_kind.replace("_", " ").capitalize()),
                subject_kind=e.subject_kind, subject_id=e.subject_id,
                before=changes_text(e.before, names), after=changes_text(e.after, names),
            )
            for e in events
        ]
