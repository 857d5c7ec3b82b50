"""Read one child's record for the child's screen: header, plan, visits, conferences, core group.

Returns frozen records from cpdesk.domain.child_record, never ORM objects. Read-only: one short
session per call. Next dates and alerts come from the practice rules via the alerts service.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cpdesk.domain.child_record import (
    ActionSummary,
    ChildRecord,
    ConferenceSummary,
    CoreGroupMemberSummary,
    MeetingSummary,
    NextDates,
    OutcomeSummary,
    PlanSummary,
    PlanVersionSummary,
    VisitSummary,
)
from cpdesk.domain.dates import age_text
from cpdesk.domain.deadlines import deadlines_for
from cpdesk.domain.enums import PlanStatus
from cpdesk.domain.errors import CpdeskError
from cpdesk.domain.profiles import Profile
from cpdesk.domain.records import PlanFacts
from cpdesk.domain.working_days import calendar_for
from cpdesk.models import (
    Child,
    CoreGroupMeeting,
    Outcome,
    Plan,
    Staff,
    Visit,
    VisitChild,
)
from cpdesk.models.db import Store
from cpdesk.models.queries import plan_facts
from cpdesk.services.alerts import alerts_from_facts
from cpdesk.services.profile import profile_in


class ChildNotFound(CpdeskError):
    """The child asked for is not in this database (removed, or another database)."""


def current_plan(plans: list[Plan]) -> Plan | None:
    """The open plan with the latest start, else the most recently started plan."""
    if not plans:
        return None
    active = [p for p in plans if p.status is PlanStatus.ACTIVE]
    return max(active or plans, key=lambda p: p.start_date)


def staff_names(session: Session) -> dict[str, str]:
    return {staff_id: name for staff_id, name in session.execute(select(Staff.id, Staff.name))}


def _plan_summary(session: Session, plan: Plan, names: dict[str, str]) -> PlanSummary:
    outcomes = session.scalars(
        select(Outcome).where(Outcome.plan_id == plan.id)
        .options(selectinload(Outcome.actions)).order_by(Outcome.position)
    ).all()
    return PlanSummary(
        plan_id=plan.id, start_date=plan.start_date, category=plan.category,
        latest_category=plan.latest_category, status=plan.status, end_date=plan.end_date,
        end_reason=plan.end_reason,
        manager=names.get(plan.manager_id) if plan.manager_id else None,
        conference_chair=plan.conference_chair, when_child_seen=plan.when_child_seen,
        contingency_plan=plan.contingency_plan,
        concerns=tuple(c.description for c in plan.concerns),
        outcomes=tuple(
            OutcomeSummary(
                outcome_id=o.id, description=o.description, origin=o.origin,
                progress_measure=o.progress_measure,
                actions=tuple(
                    ActionSummary(action_id=a.id, what=a.what, who=a.who, by_when=a.by_when,
                                  status=a.status)
                    for a in o.actions
                ),
            )
            for o in outcomes
        ),
    )


def _visits(session: Session, child_id: str, names: dict[str, str]) -> tuple[VisitSummary, ...]:
    rows = session.execute(
        select(VisitChild, Visit).join(Visit, Visit.id == VisitChild.visit_id)
        .where(VisitChild.child_id == child_id)
    ).all()
    visits = [
        VisitSummary(
            visit_id=v.id, visit_date=v.visit_date, visit_type=v.visit_type, status=v.status,
            author=names.get(v.author_id) if v.author_id else None, present=v.present,
            child_seen=vc.child_seen, not_seen_reason=vc.not_seen_reason,
            seen_alone=vc.seen_alone, not_seen_alone_reason=vc.not_seen_alone_reason,
            bedroom_seen=vc.bedroom_seen, new_incidents=vc.new_incidents,
            incident_details=vc.incident_details, injury_location=vc.injury_location,
            next_planned_visit=v.next_planned_visit,
        )
        for vc, v in rows
    ]
    visits.sort(key=lambda v: v.visit_date or date.max, reverse=True)
    return tuple(visits)


def _meetings(plan: Plan) -> tuple[MeetingSummary, ...]:
    meetings = [
        MeetingSummary(
            meeting_id=m.id, due_date=m.due_date,
            scheduled_for=m.scheduled_for.date() if m.scheduled_for else None,
            held_on=m.held_on, chair=m.chair, venue=m.venue, status=m.status,
            minutes_circulated_on=m.minutes_circulated_on,
            attended=tuple(a.name for a in m.attendance if a.attended),
            apologies=tuple(a.name for a in m.attendance if a.apologies),
        )
        for m in plan.meetings
    ]
    meetings.sort(key=lambda m: m.held_on or m.scheduled_for or m.due_date, reverse=True)
    return tuple(meetings)


def _next_dates(facts: list[PlanFacts], profile: Profile, today: date) -> NextDates:
    if not facts:
        return NextDates(None, None, None, None)
    due = deadlines_for(facts[0], profile, today, calendar_for(profile.nation))
    return NextDates(
        next_visit_due=due.next_visit_due, next_seen_alone_due=due.next_seen_alone_due,
        next_core_group_due=due.next_core_group_due, next_review_due=due.next_review_due,
    )


def load_child_record(
    store: Store, child_id: str, today: date
) -> ChildRecord:
    """The child's whole record as of `today`. Raises ChildNotFound for an unknown child."""
    with store.session() as session:
        profile = profile_in(session)
        child = session.scalar(
            select(Child).where(Child.id == child_id).options(
                selectinload(Child.plans).selectinload(Plan.concerns),
                selectinload(Child.plans).selectinload(Plan.conferences),
                selectinload(Child.plans).selectinload(Plan.members),
                selectinload(Child.plans).selectinload(Plan.versions),
                selectinload(Child.plans).selectinload(Plan.meetings)
                .selectinload(CoreGroupMeeting.attendance),
            )
        )
        if child is None:
            raise ChildNotFound("This child is no longer in the database")
        names = staff_names(session)
        plan = current_plan(list(child.plans))
        conferences = sorted(
            (c for p in child.plans for c in p.conferences), key=lambda c: c.held_on,
            reverse=True,
        )
        record_parts = {
            "plan": _plan_summary(session, plan, names) if plan else None,
            "visits": _visits(session, child.id, names),
            "conferences": tuple(
                ConferenceSummary(
                    conference_id=c.id, kind=c.kind, held_on=c.held_on, chair=c.chair,
                    category=c.category, next_review_date=c.next_review_date,
                    decisions=c.decisions,
                )
                for c in conferences
            ),
            "members": tuple(
                CoreGroupMemberSummary(
                    member_id=m.id, name=m.name, kind=m.kind, agency=m.agency,
                    job_title=m.job_title, contact_frequency=m.contact_frequency,
                    phone=m.phone, email=m.email, excluded=m.excluded,
                )
                for m in (plan.members if plan else [])
                if m.left_on is None or m.left_on > today
            ),
            "meetings": _meetings(plan) if plan else (),
            "versions": tuple(
                PlanVersionSummary(
                    version_id=v.id, number=v.number, made_on=v.made_on,
                    made_by=names.get(v.made_by_id) if v.made_by_id else None,
                    reason=v.reason, status=v.status,
                )
                for v in sorted(plan.versions, key=lambda v: v.number, reverse=True)
            ) if plan else (),
        }
        lead = names.get(plan.lead_worker_id) if plan and plan.lead_worker_id else None
        name = child.full_name
        header = {
            "child_id": child.id, "case_number": child.case_number, "name": name,
            "known_as": child.known_as, "date_of_birth": child.date_of_birth,
            "expected_date_of_birth": child.expected_date_of_birth,
            "age": age_text(child.date_of_birth, child.expected_date_of_birth, today),
            "address": child.address, "lead_worker": lead,
        }
        facts = [f for f in plan_facts(session, today, child_id=child_id)
                 if plan is None or f.plan_id == plan.id]
    alerts = alerts_from_facts(facts, profile, today)
    return ChildRecord(
        **header, worker_title=profile.worker_title, plan_name=profile.plan_name,
        **record_parts, next_dates=_next_dates(facts, profile, today), alerts=tuple(alerts),
    )
