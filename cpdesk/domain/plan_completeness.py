"""What a child protection plan must contain (002 s1; 004), and what a given plan still lacks.

`missing_items(plan)` names each missing part in words a worker can act on, in the order the
plan is read: concerns, outcomes and their actions, contingency plan, core group roles, when
the child is seen, developmental needs, therapeutic services, review points.

The plan's content is read as NamedTuples (immutable, and quick to make: the alerts read every
open plan's content, some 20,000 of these at authority scale; issue 10).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from cpdesk.domain.enums import ActionStatus, OutcomeOrigin


class ActionContent(NamedTuple):
    what: str = ""
    why: str = ""
    who: str = ""
    by_when: date | None = None
    status: ActionStatus | None = None


class OutcomeContent(NamedTuple):
    description: str = ""
    origin: OutcomeOrigin | None = None
    progress_measure: str = ""
    actions: tuple[ActionContent, ...] = ()


class MemberRole(NamedTuple):
    name: str = ""
    role_in_plan: str = ""
    contact_frequency: str = ""


class PlanContent(NamedTuple):
    concerns: tuple[str, ...] = ()
    outcomes: tuple[OutcomeContent, ...] = ()
    contingency_plan: str = ""
    members: tuple[MemberRole, ...] = ()
    when_child_seen: str = ""
    developmental_needs: str = ""
    therapeutic_services: str = ""
    review_points: str = ""


def _blank(value: str | None) -> bool:
    return not value or value.isspace()


def _action_missing(action: ActionContent, where: str) -> list[str]:
    # 002 s1: "what work needs to be done, why, when and by whom"
    missing: list[str] = []
    if _blank(action.what):
        missing.append(f"what will be done in {where}")
    if _blank(action.why):
        missing.append(f"why {where} is needed")
    if _blank(action.who):
        missing.append(f"who will do {where}")
    if action.by_when is None:
        missing.append(f"by when for {where}")
    return missing


def missing_items(plan: PlanContent) -> list[str]:
    """Each part the plan still lacks, in words; empty when the plan is complete."""
    missing: list[str] = []
    # 002 s1: "the exact nature of the concerns which resulted in the child requiring the plan"
    if all(_blank(c) for c in plan.concerns):
        missing.append("the exact nature of the concerns")
    # 002 s1: "specific, achievable, child-focused outcomes" and "specific actions"
    if not plan.outcomes:
        missing.append("at least one outcome for the child")
    for i, outcome in enumerate(plan.outcomes, start=1):
        if _blank(outcome.description):
            missing.append(f"what outcome {i} is")
        # 002 s1: "the means by which progress will be judged"
        if _blank(outcome.progress_measure):
            missing.append(f"how progress will be judged for outcome {i}")
        if not outcome.actions:
            missing.append(f"the actions for outcome {i}")
        for j, action in enumerate(outcome.actions, start=1):
            # (named only when something is missing: most actions lack nothing; issue 10)
            if (_blank(action.what) or _blank(action.why) or _blank(action.who)
                    or action.by_when is None):
                missing.extend(_action_missing(action, f"action {j} of outcome {i}"))
    # 002 s1 / 004: "a Contingency Plan to be followed if circumstances change significantly"
    if _blank(plan.contingency_plan):
        missing.append("a contingency plan")
    # 002 s1: "roles and responsibilities ... including the nature and frequency of contact"
    if not plan.members:
        missing.append("the core group members and their roles")
    for number, member in enumerate(plan.members, start=1):
        no_role, no_contact = _blank(member.role_in_plan), _blank(member.contact_frequency)
        if no_role or no_contact:
            name = member.name.strip() if not _blank(member.name) else f"number {number}"
            if no_role:
                missing.append(f"a role for core group member {name}")
            if no_contact:
                missing.append(f"how often core group member {name} will be in contact")
    # 002 s1: "When and in what situations the child will be seen ... alone and with others"
    if _blank(plan.when_child_seen):
        missing.append("when the child will be seen, alone and with others")
    # 002 s1: "the identified developmental needs of the child, and what therapeutic services"
    if _blank(plan.developmental_needs):
        missing.append("the child's developmental needs")
    if _blank(plan.therapeutic_services):
        missing.append("what therapeutic services are required")
    # 002 s1: "Lay down points at which progress will be reviewed"
    if _blank(plan.review_points):
        missing.append("review points")
    return missing
