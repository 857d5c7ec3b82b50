"""Small factories that write cases the way the services would, for focused tests.

Each function is one unit of work through the models and returns the new ids. Overrides keep
each test's data to what it is about. Used by tests/ui and tests/services.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from cpdesk.domain.enums import (
    Category,
    ConferenceKind,
    CountersignDecision,
    CountersignSubject,
    MemberKind,
    OutcomeOrigin,
    RecordStatus,
    Role,
    VisitType,
)
from cpdesk.models import (
    Action,
    Child,
    Concern,
    Conference,
    CoreGroupMeeting,
    CoreGroupMember,
    Countersignature,
    MeetingAttendance,
    Outcome,
    Plan,
    PlanVersion,
    Staff,
    Team,
    Visit,
    VisitChild,
)
from cpdesk.models.db import Store

_numbers = itertools.count(1)


@dataclass(frozen=True)
class TeamIds:
    team_id: str
    manager_id: str
    workers: dict[str, str]  # name -> staff id


@dataclass(frozen=True)
class CaseIds:
    child_id: str
    plan_id: str
    case_number: str


def make_team(
    store: Store, name: str = "North team", workers: tuple[str, ...] = ("Jo Bloggs", "Sam Patel"),
    manager: str = "Ann Okafor",
) -> TeamIds:
    with store.session() as session:
        team = Team(name=name)
        session.add(team)
        session.flush()
        boss = Staff(name=manager, username=manager.lower().replace(" ", "."),
                     role=Role.MANAGER, team_id=team.id)
        session.add(boss)
        staff = {w: Staff(name=w, username=w.lower().replace(" ", "."),
                          role=Role.SOCIAL_WORKER, team_id=team.id) for w in workers}
        session.add_all(staff.values())
        session.flush()
        return TeamIds(team.id, boss.id, {w: s.id for w, s in staff.items()})


def at(d: date, hour: int = 12) -> datetime:
    return datetime.combine(d, time(hour), tzinfo=UTC)


def make_case(
    store: Store, *, lead_worker_id: str, team_id: str | None = None,
    given_names: str = "Amy", family_name: str = "Smith",
    date_of_birth: date | None = date(2019, 5, 1), expected_date_of_birth: date | None = None,
    start: date = date(2026, 9, 1), category: Category = Category.NEGLECT,
    manager_id: str | None = None, next_review: date | None = None, **child: Any,
) -> CaseIds:
    """A child on an active plan, with the initial conference that started it."""
    number = child.pop("case_number", None) or f"CP-{next(_numbers):04d}"
    with store.session() as session:
        c = Child(case_number=number, given_names=given_names, family_name=family_name,
                  date_of_birth=date_of_birth, expected_date_of_birth=expected_date_of_birth,
                  team_id=team_id, **child)
        session.add(c)
        session.flush()
        plan = Plan(child_id=c.id, start_date=start, category=category,
                    lead_worker_id=lead_worker_id, manager_id=manager_id,
                    conference_chair="Chris Chair",
                    contingency_plan="If the home is unsafe, the children stay with their aunt.")
        session.add(plan)
        session.flush()
        session.add(Conference(plan_id=plan.id, kind=ConferenceKind.INITIAL, held_on=start,
                               chair="Chris Chair", category=category,
                               next_review_date=next_review))
        session.add(Concern(plan_id=plan.id, position=0,
                            description="The children are left alone at night."))
        outcome = Outcome(plan_id=plan.id, position=0, description="Amy is safe at night",
                          origin=OutcomeOrigin.AGREED_AT_CONFERENCE)
        session.add(outcome)
        session.flush()
        session.add(Action(outcome_id=outcome.id, position=0, what="Arrange a night-time carer",
                           who="Mother", by_when=start.replace(day=28)))
        return CaseIds(c.id, plan.id, number)


def add_visit(
    store: Store, case: CaseIds, on: date, *, author_id: str | None,
    status: RecordStatus = RecordStatus.FINAL, child_seen: bool = True,
    seen_alone: bool | None = True, not_seen_alone_reason: str | None = None,
    bedroom_seen: bool | None = True, incident: str | None = None, injury: str | None = None,
    visit_type: VisitType = VisitType.UNANNOUNCED, present: str = "Mother, Amy",
) -> str:
    with store.session() as session:
        visit = Visit(visit_date=on, visit_type=visit_type, present=present, author_id=author_id,
                      status=status,
                      finalised_at=at(on, 17) if status is RecordStatus.FINAL else None)
        visit.children.append(VisitChild(
            child_id=case.child_id, plan_id=case.plan_id, child_seen=child_seen,
            not_seen_reason=None if child_seen else "Nobody answered the door",
            seen_alone=seen_alone if child_seen else None,
            not_seen_alone_reason=not_seen_alone_reason, bedroom_seen=bedroom_seen,
            new_incidents=incident is not None, incident_details=incident,
            injury_location=injury,
        ))
        session.add(visit)
        session.flush()
        return visit.id


def add_meeting(
    store: Store, case: CaseIds, held_on: date | None, *, due: date | None = None,
    attended: tuple[str, ...] = ("Jo Bloggs", "Health visitor"),
    apologies: tuple[str, ...] = ("Class teacher",), status: RecordStatus = RecordStatus.FINAL,
) -> str:
    with store.session() as session:
        meeting = CoreGroupMeeting(plan_id=case.plan_id, due_date=due or held_on,
                                   held_on=held_on, chair="Jo Bloggs", venue="Family centre",
                                   status=status,
                                   finalised_at=at(held_on) if held_on and status is
                                   RecordStatus.FINAL else None)
        for name in attended:
            meeting.attendance.append(MeetingAttendance(name=name, attended=True))
        for name in apologies:
            meeting.attendance.append(MeetingAttendance(
                name=name, apologies=True, summary_of_involvement="Attends weekly"))
        session.add(meeting)
        session.flush()
        return meeting.id


def add_member(store: Store, case: CaseIds, name: str, **fields: Any) -> str:
    with store.session() as session:
        member = CoreGroupMember(plan_id=case.plan_id, name=name,
                                 kind=fields.pop("kind", MemberKind.PROFESSIONAL), **fields)
        session.add(member)
        session.flush()
        return member.id


def add_plan_version(
    store: Store, case: CaseIds, number: int, made_on: date, *, made_by_id: str | None,
    reason: str = "Agreed at the initial conference",
) -> str:
    with store.session() as session:
        version = PlanVersion(plan_id=case.plan_id, number=number, made_on=made_on,
                              made_by_id=made_by_id, reason=reason, snapshot="{}",
                              finalised_at=at(made_on, 15))
        session.add(version)
        session.flush()
        return version.id


def add_countersignature(
    store: Store, subject_kind: CountersignSubject, subject_id: str, manager_id: str, on: date,
    *, decision: CountersignDecision = CountersignDecision.COUNTERSIGNED,
    comment: str | None = None,
) -> str:
    with store.session() as session:
        cs = Countersignature(subject_kind=subject_kind, subject_id=subject_id,
                              manager_id=manager_id, signed_at=at(on, 18), decision=decision,
                              comment=comment, content_hash="0" * 64)
        session.add(cs)
        session.flush()
        return cs.id
