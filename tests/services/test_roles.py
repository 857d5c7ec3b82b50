"""Every role against every action, through the services (issue 9).

A role without the permission is refused with "A(n) <role> cannot ..." and nothing is written; a
role with it is never refused for its role (it may still be refused for another reason, e.g.
only the author may add an addendum).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from cpdesk.domain.actor import Actor
from cpdesk.domain.core_group import MemberDraft
from cpdesk.domain.enums import CountersignSubject, Role
from cpdesk.domain.errors import CpdeskError, NotAllowed
from cpdesk.domain.permissions import Permission, can
from cpdesk.models import AuditEvent
from cpdesk.models.db import Store
from cpdesk.services import (
    core_group,
    countersign,
    documents,
    interchange,
    plans,
    profile,
    signin,
    visits,
)
from cpdesk.services import team as team_service
from tests.case_factory import add_visit, make_case, make_team

TODAY = date(2026, 11, 25)
VISIT = CountersignSubject.VISIT


@pytest.fixture
def world(sqlite_store: Store, tmp_path: Path) -> dict[str, Any]:
    team = make_team(sqlite_store)
    worker_id = team.workers["Jo Bloggs"]
    case = make_case(sqlite_store, lead_worker_id=worker_id, team_id=team.team_id,
                     case_number="ROLE1")
    visit_id = add_visit(sqlite_store, case, date(2026, 11, 2), author_id=worker_id)
    return {"store": sqlite_store, "team": team, "case": case, "visit": visit_id,
            "out": tmp_path, "worker_id": worker_id}


def actor(world: dict[str, Any], role: Role) -> Actor:
    team = world["team"]
    staff_id = {Role.SOCIAL_WORKER: world["worker_id"], Role.MANAGER: team.manager_id,
                Role.ADMINISTRATOR: None}[role]
    return Actor(staff_id, role.label, role, team.team_id)


ACTIONS: dict[str, tuple[Permission, Callable[[dict[str, Any], Actor], object]]] = {
    "start a visit": (Permission.RECORD, lambda w, a: visits.start_visit(
        w["store"], a, [w["case"].child_id], TODAY)),
    "save the plan": (Permission.RECORD, lambda w, a: plans.save_plan(
        w["store"], a, w["case"].plan_id, plans.load_plan(w["store"], w["case"].plan_id))),
    "record a disagreement": (Permission.RECORD, lambda w, a: plans.record_disagreement(
        w["store"], a, w["case"].plan_id, None, "Mother", "The plan is unfair", TODAY)),
    "add a core group member": (Permission.RECORD, lambda w, a: core_group.add_member(
        w["store"], a, w["case"].plan_id, MemberDraft(name="Pat Health", agency="NHS",
                                                       job_title="Health visitor"))),
    "countersign": (Permission.COUNTERSIGN, lambda w, a: countersign.countersign(
        w["store"], a, VISIT, w["visit"], "no password set")),
    "see the countersign queue": (Permission.COUNTERSIGN, lambda w, a:
                                  countersign.countersign_queue(w["store"], a)),
    "return a record": (Permission.RETURN_RECORD, lambda w, a: countersign.return_record(
        w["store"], a, VISIT, w["visit"], "Say who was present.")),
    "add an addendum": (Permission.ADD_ADDENDUM, lambda w, a: countersign.add_addendum(
        w["store"], a, VISIT, w["visit"], "A correction.")),
    "void a record": (Permission.VOID_RECORD, lambda w, a: countersign.void_record(
        w["store"], a, VISIT, w["visit"], "Entered on the wrong child")),
    "export a document": (Permission.EXPORT, lambda w, a: documents.export_document(
        w["store"], a, "plan", child_case_number="ROLE1", out=w["out"] / f"{a.role}.pdf",
        today=TODAY)),
    "import case records": (Permission.IMPORT, lambda w, a: interchange.import_cases(
        w["store"], "{}", a, TODAY)),
    "add staff": (Permission.MANAGE_STAFF, lambda w, a: team_service.add_staff(
        w["store"], a, team_service.NewStaff("New Person", f"new.{a.role}", Role.SOCIAL_WORKER))),
    "change the procedure profile": (Permission.MANAGE_PROFILES, lambda w, a:
                                     profile.set_profile(w["store"], a, "sefton")),
    "change a member of staff": (Permission.MANAGE_STAFF, lambda w, a: team_service.update_staff(
        w["store"], a, w["worker_id"], name="Jo Bloggs-Smith")),
    "unlock an account": (Permission.MANAGE_STAFF, lambda w, a: signin.unlock_account(
        w["store"], a, w["worker_id"])),
}


def audit_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_role_against_every_action(world: dict[str, Any], role: Role, action: str) -> None:
    permission, call = ACTIONS[action]
    who = actor(world, role)
    refusal = f"{'An' if role is Role.ADMINISTRATOR else 'A'} {role.label.lower()} cannot"
    if not can(who, permission):
        before = audit_count(world["store"])
        with pytest.raises(NotAllowed, match=refusal):
            call(world, who)
        assert audit_count(world["store"]) == before  # nothing written
        return
    try:
        call(world, who)
    except CpdeskError as exc:  # refused for another reason, never for the role
        assert not str(exc).startswith(refusal)
