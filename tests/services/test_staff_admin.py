"""An administrator manages staff (issue 9): change a role or team, deactivate (never delete),
unlock after failed sign-ins, set a password; other roles are refused and nothing is written.
Runs on SQLite and, when CPDESK_TEST_DATABASE_URL is set, on PostgreSQL."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from cpdesk.domain.actor import SYSTEM, Actor
from cpdesk.domain.enums import Role
from cpdesk.domain.errors import NotAllowed, ValidationFailed
from cpdesk.domain.staff_accounts import new_staff_issues
from cpdesk.models import AuditEvent
from cpdesk.models.db import Store
from cpdesk.models.grants import apply_grants
from cpdesk.services.signin import (
    MAX_FAILED_SIGN_INS,
    SignInFailed,
    set_password,
    sign_in,
    unlock_account,
)
from cpdesk.services.staff import get_staff
from cpdesk.services.team import (
    NewStaff,
    add_staff,
    list_accounts,
    list_teams,
    update_staff,
)
from cpdesk.services.verify import verify

PASSWORD = "a long enough password"
NAMES: dict[str, str] = {}  # usernames of this test's people (suffixed on PostgreSQL)


def events(store: Store, action: str) -> list[AuditEvent]:
    with store.session() as session:
        return list(session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.sequence)))


def audit_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


@pytest.fixture
def people(store: Store) -> Iterator[dict[str, Actor]]:
    """An administrator (added by cpdesk itself), then a worker and a manager added by them.

    On PostgreSQL each gets a database login, and logins belong to the whole server: the
    usernames carry a random suffix and the logins are dropped afterwards.
    """
    suffix = "" if store.is_sqlite else "_" + uuid.uuid4().hex[:8]
    NAMES.update({k: k + suffix for k in ("ada", "bo", "mo")})
    if not store.is_sqlite:
        apply_grants(store.engine)
    add_staff(store, SYSTEM, NewStaff("Ada Admin", NAMES["ada"], Role.ADMINISTRATOR, "Admin"),
              PASSWORD)
    ada = sign_in(store, NAMES["ada"], PASSWORD)
    add_staff(store, ada, NewStaff("Bo Worker", NAMES["bo"], Role.SOCIAL_WORKER, "North"),
              PASSWORD)
    add_staff(store, ada, NewStaff("Mo Reid", NAMES["mo"], Role.MANAGER, "North"), PASSWORD)
    yield {k: sign_in(store, NAMES[k], PASSWORD) for k in ("ada", "bo", "mo")}
    if not store.is_sqlite:
        with store.engine.begin() as conn:
            for login in NAMES.values():
                conn.exec_driver_sql(f'DROP OWNED BY "{login}"')
                conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')


def pg_login(store: Store, username: str) -> tuple[bool, list[str]]:
    """Whether the login may log in, and the cpdesk groups it belongs to."""
    with store.engine.connect() as conn:
        can_login = conn.execute(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :n"),
                                 {"n": username}).scalar_one()
        groups = conn.execute(text(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n ORDER BY 1"),
            {"n": username}).scalars().all()
    return bool(can_login), list(groups)


def test_change_role_and_team_is_audited_with_before_and_after(
    store: Store, people: dict[str, Actor]
) -> None:
    ada, bo = people["ada"], people["bo"]
    changes = update_staff(store, ada, bo.staff_id or "", role=Role.MANAGER, team="South")
    assert changes.message == "Bo Worker is now a manager. Bo Worker is now in the team South."
    assert changes.kinds == {"staff"} and changes.ids == {bo.staff_id}
    member = get_staff(store, bo.staff_id or "")
    assert member is not None and member.role is Role.MANAGER and member.team_name == "South"
    assert list_teams(store) == ["Admin", "North", "South"]
    [event] = events(store, "update_staff")
    assert event.actor_id == ada.staff_id and event.subject_id == bo.staff_id
    assert json.loads(event.before or "") == {"role": "social_worker", "team": "North"}
    assert json.loads(event.after or "") == {"role": "manager", "team": "South"}
    assert [e.after for e in events(store, "add_team")][-1] == json.dumps("South")
    assert verify(store).ok
    if not store.is_sqlite:  # their database login moved to the managers' group
        assert pg_login(store, NAMES["bo"]) == (True, ["cpdesk_manager"])


def test_nothing_to_change_writes_nothing(store: Store, people: dict[str, Actor]) -> None:
    before = audit_count(store)
    changes = update_staff(store, people["ada"], people["bo"].staff_id or "",
                           role=Role.SOCIAL_WORKER, team="North", active=True)
    assert changes.kinds == frozenset() and "Nothing was changed" in changes.message
    assert audit_count(store) == before


def test_deactivated_staff_cannot_sign_in_and_stay_on_file(
    store: Store, people: dict[str, Actor]
) -> None:
    ada, bo = people["ada"], people["bo"]
    changes = update_staff(store, ada, bo.staff_id or "", active=False)
    assert "can no longer sign in" in changes.message
    with pytest.raises(SignInFailed):
        sign_in(store, NAMES["bo"], PASSWORD)
    account = next(a for a in list_accounts(store, ada) if a.username == NAMES["bo"])
    assert not account.active  # never deleted
    if not store.is_sqlite:  # nor can their database login connect
        assert pg_login(store, NAMES["bo"]) == (False, ["cpdesk_social_worker"])
    update_staff(store, ada, bo.staff_id or "", active=True)
    if not store.is_sqlite:
        assert pg_login(store, NAMES["bo"])[0]
    assert sign_in(store, NAMES["bo"], PASSWORD).name == "Bo Worker"


def test_an_administrator_cannot_deactivate_or_demote_themselves(
    store: Store, people: dict[str, Actor]
) -> None:
    ada = people["ada"]
    before = audit_count(store)
    with pytest.raises(NotAllowed, match="cannot deactivate your own account"):
        update_staff(store, ada, ada.staff_id or "", active=False)
    with pytest.raises(NotAllowed, match="cannot change your own role"):
        update_staff(store, ada, ada.staff_id or "", role=Role.MANAGER)
    assert audit_count(store) == before
    # their own name and team they may change
    assert "now in the team North" in update_staff(store, ada, ada.staff_id or "",
                                                    team="North").message


@pytest.mark.parametrize("who", ["bo", "mo"])
def test_workers_and_managers_are_refused_and_nothing_is_written(
    store: Store, people: dict[str, Actor], who: str
) -> None:
    actor, target = people[who], people["bo"].staff_id or ""
    before = audit_count(store)
    role = actor.role.label.lower()
    with pytest.raises(NotAllowed, match=f"A {role} cannot add or change staff"):
        update_staff(store, actor, target, role=Role.MANAGER)
    with pytest.raises(NotAllowed, match=f"A {role} cannot add or change staff"):
        unlock_account(store, actor, target)
    with pytest.raises(NotAllowed, match=f"A {role} cannot add or change staff"):
        list_accounts(store, actor)
    with pytest.raises(NotAllowed, match=f"A {role} cannot add or change staff"):
        set_password(store, actor, people["ada"].staff_id or "", "someone else's password")
    assert audit_count(store) == before
    assert get_staff(store, target).role is Role.SOCIAL_WORKER  # type: ignore[union-attr]


def test_unlock_after_five_failed_sign_ins(store: Store, people: dict[str, Actor]) -> None:
    ada, bo = people["ada"], people["bo"]
    now = datetime.now(UTC)
    for _ in range(MAX_FAILED_SIGN_INS):
        with pytest.raises(SignInFailed):
            sign_in(store, NAMES["bo"], "not the password", now=now)
    with pytest.raises(SignInFailed, match="locked"):
        sign_in(store, NAMES["bo"], PASSWORD, now=now)
    account = next(a for a in list_accounts(store, ada) if a.username == NAMES["bo"])
    assert account.locked(now) and not account.locked(now + timedelta(hours=1))
    changes = unlock_account(store, ada, bo.staff_id or "")
    assert changes.message == "Bo Worker's account is unlocked. They can sign in again now."
    [event] = events(store, "unlock_account")
    assert event.actor_id == ada.staff_id
    assert json.loads(event.after or "") == {"locked_until": None, "failed_sign_ins": 0}
    assert json.loads(event.before or "")["locked_until"] is not None
    assert sign_in(store, NAMES["bo"], PASSWORD, now=now).staff_id == bo.staff_id
    # unlocking someone who is not locked writes nothing
    before = audit_count(store)
    assert "not locked" in unlock_account(store, ada, bo.staff_id or "").message
    assert audit_count(store) == before


def test_set_password_keeps_the_rule_and_signs_in(store: Store, people: dict[str, Actor]) -> None:
    ada, bo = people["ada"], people["bo"]
    with pytest.raises(ValidationFailed) as failed:
        set_password(store, ada, bo.staff_id or "", "short")
    assert [(i.field, i.message) for i in failed.value.issues] == [
        ("password", "Password must be at least 10 characters long")]
    assert "Password set for Bo Worker" in set_password(
        store, ada, bo.staff_id or "", "a new long password").message
    assert sign_in(store, NAMES["bo"], "a new long password").staff_id == bo.staff_id
    with pytest.raises(SignInFailed):
        sign_in(store, NAMES["bo"], PASSWORD)


def test_new_staff_rules_name_each_field(store: Store, people: dict[str, Actor]) -> None:
    issues = new_staff_issues("", "Mo Reid!", "short", "shorter")
    assert [i.field for i in issues] == ["name", "username", "password"]
    assert [i.field for i in new_staff_issues("Jo", "jo", "long enough 1", "long enough 2")] == [
        "password_again"]
    before = audit_count(store)
    with pytest.raises(ValidationFailed) as failed:
        add_staff(store, people["ada"], NewStaff("Bo Again", NAMES["bo"].upper(), Role.MANAGER),
                  PASSWORD)
    assert [(i.field, i.message) for i in failed.value.issues] == [
        ("username", f"The username {NAMES['bo']} is already taken. Choose another")]
    with pytest.raises(ValidationFailed) as failed:
        add_staff(store, people["ada"], NewStaff(" ", "", Role.MANAGER), PASSWORD)
    assert [i.field for i in failed.value.issues] == ["name", "username"]
    assert str(failed.value) == "Enter the person's full name; Enter a username"
    assert audit_count(store) == before
