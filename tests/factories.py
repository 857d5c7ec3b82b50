"""Small builders for test records, with overrides. Each adds to the given session."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from cpdesk.domain.enums import Category, ConferenceKind, RecordStatus, Role
from cpdesk.models import (
    Child,
    Conference,
    CoreGroupMeeting,
    Plan,
    Staff,
    Team,
    Visit,
    VisitChild,
)

_numbers = itertools.count(1)


def make_team(session: Session, **over: Any) -> Team:
    team = Team(**{"name": f"Team {next(_numbers)}", **over})
    session.add(team)
    session.flush()
    return team


def make_staff(session: Session, **over: Any) -> Staff:
    n = next(_numbers)
    staff = Staff(**{"name": f"Worker {n}", "username": f"worker{n}", "role": Role.SOCIAL_WORKER,
                     **over})
    session.add(staff)
    session.flush()
    return staff


def make_child(session: Session, **over: Any) -> Child:
    n = next(_numbers)
    child = Child(**{"case_number": f"C{n:05d}", "given_names": "Sam", "family_name": f"Test{n}",
                     "date_of_birth": date(2018, 5, 1), **over})
    session.add(child)
    session.flush()
    return child


def make_plan(session: Session, child: Child, **over: Any) -> Plan:
    start = over.pop("start_date", date(2026, 9, 1))
    plan = Plan(**{"child_id": child.id, "start_date": start, "category": Category.NEGLECT,
                   **over})
    session.add(plan)
    session.flush()
    session.add(Conference(plan_id=plan.id, kind=ConferenceKind.INITIAL, held_on=start))
    session.flush()
    return plan


def make_visit(
    session: Session, children: list[Child], visit_date: date, *,
    status: RecordStatus = RecordStatus.FINAL, **per_child: Any,
) -> Visit:
    """A complete visit record to one household; `per_child` overrides each child's entry."""
    visit = Visit(
        visit_date=visit_date, present="Mother (Kim), the children", status=status,
        sleeping_arrangements="Own bed with clean bedding, shares room with brother",
        meals="Toast and cereal for breakfast; mother cooks pasta most evenings",
        finalised_at=datetime.combine(visit_date, datetime.min.time(), UTC)
        if status is RecordStatus.FINAL else None,
    )
    for i, child in enumerate(children):
        entry = {"child_id": child.id, "position": i, "child_seen": True, "seen_alone": True,
                 "bedroom_seen": True, "new_incidents": False,
                 "presentation_and_behaviour": "Wearing clean school uniform; talked about PE",
                 **per_child}
        visit.children.append(VisitChild(**entry))
    session.add(visit)
    session.flush()
    return visit


def make_meeting(session: Session, plan: Plan, due: date, **over: Any) -> CoreGroupMeeting:
    meeting = CoreGroupMeeting(**{"plan_id": plan.id, "due_date": due, **over})
    session.add(meeting)
    session.flush()
    return meeting
