"""Setting up the team database and its staff (`cpdesk team init`, `cpdesk staff add`).

On PostgreSQL each person also gets their own database login in their role's group, so the
database's grants back up the services' role checks (cpdesk.models.grants).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cpdesk.domain.actor import SYSTEM, Actor
from cpdesk.domain.enums import Role
from cpdesk.domain.errors import CpdeskError, NotAllowed
from cpdesk.domain.permissions import Permission, require
from cpdesk.domain.staff_accounts import (
    StaffAccount,
    StaffDetailsRejected,
    name_issues,
    new_staff_issues,
    normalise_username,
    reject,
)
from cpdesk.domain.visit_validation import FieldIssue
from cpdesk.models import Staff, Team
from cpdesk.models.db import Store, open_store
from cpdesk.models.grants import apply_grants, create_login, update_login
from cpdesk.services.audit import record_event
from cpdesk.services.changes import Changes
from cpdesk.services.profile import set_profile
from cpdesk.services.signin import actor_for, hash_password


@dataclass(frozen=True)
class NewStaff:
    name: str
    username: str
    role: Role
    team: str | None = None
    email: str | None = None


def _team_id(session: Session, actor: Actor, name: str | None) -> str | None:
    """The team of that name, added (and audited) if it is new; None for no team."""
    name = (name or "").strip()
    if not name:
        return None
    team = session.scalar(select(Team).where(Team.name == name))
    if team is None:
        team = Team(name=name, updated_by=actor.staff_id)
        session.add(team)
        session.flush()
        record_event(session, actor, "add_team", "team", team.id, after=team.name)
    return team.id


def _add(store: Store, actor: Actor, new: NewStaff, password: str | None) -> Staff:
    reject(new_staff_issues(new.name, new.username, password or None))
    hashed = hash_password(password) if password else None
    username = normalise_username(new.username)
    with store.session() as session:
        if session.scalar(select(Staff).where(func.lower(Staff.username) == username)):
            raise StaffDetailsRejected([FieldIssue(
                "username", f"The username {username} is already taken. Choose another")])
        team_id = _team_id(session, actor, new.team)
        staff = Staff(name=new.name.strip(), username=username, role=new.role, team_id=team_id,
                      email=new.email, password_hash=hashed, updated_by=actor.staff_id)
        session.add(staff)
        session.flush()
        record_event(session, actor, "add_staff", "staff", staff.id,
                     after={"name": staff.name, "username": username, "role": new.role.value,
                            "team": (new.team or "").strip() or None})
    if password and not store.is_sqlite:
        create_login(store.engine, username, password, new.role)
    return staff


def add_staff(store: Store, actor: Actor, new: NewStaff, password: str | None = None) -> Changes:
    """An administrator adds a member of staff (and their team, if it is new)."""
    require(actor, Permission.MANAGE_STAFF)
    staff = _add(store, actor, new, password)
    return Changes(kinds=frozenset({"staff"}), ids=frozenset({staff.id}),
                   message=f"{staff.name} added as {new.role.label.lower()}.")


def _with_article(role: Role) -> str:
    word = role.label.lower()
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def update_staff(
    store: Store, actor: Actor, staff_id: str, *, name: str | None = None,
    role: Role | None = None, team: str | None = None, active: bool | None = None,
) -> Changes:
    """An administrator changes someone's name, role, team or whether they may sign in.

    None leaves a detail as it is; `team=""` takes them out of any team; a new team name adds
    the team. Nobody is ever deleted: `active=False` stops them signing in and keeps every
    record they wrote. Administrators cannot deactivate their own account or change their own
    role, so a database always keeps the administrator doing this.
    """
    require(actor, Permission.MANAGE_STAFF)
    if name is not None:
        reject(name_issues(name))
    own = actor.staff_id is not None and actor.staff_id == staff_id
    with store.session() as session:
        staff = session.get(Staff, staff_id)
        if staff is None:
            raise NotAllowed("There is no such member of staff.")
        if own and active is False and staff.active:
            raise NotAllowed("You cannot deactivate your own account. Ask another "
                             "administrator to do it.")
        if own and role is not None and role is not staff.role:
            raise NotAllowed("You cannot change your own role. Ask another administrator to "
                             "do it.")
        before: dict[str, object] = {}
        after: dict[str, object] = {}
        words: list[str] = []
        old_name = staff.name
        if name is not None and name.strip() != staff.name:
            before["name"], after["name"] = staff.name, name.strip()
            staff.name = name.strip()
            words.append(f"{old_name} is now called {staff.name}.")
        if role is not None and role is not staff.role:
            before["role"], after["role"] = staff.role.value, role.value
            staff.role = role
            words.append(f"{staff.name} is now {_with_article(role)}.")
        if team is not None:
            old_team = staff.team.name if staff.team else None
            team_id = _team_id(session, actor, team)
            if team_id != staff.team_id:
                before["team"], after["team"] = old_team, team.strip() or None
                staff.team_id = team_id
                words.append(f"{staff.name} is now in the team {team.strip()}." if team_id
                             else f"{staff.name} is no longer in a team.")
        if active is not None and active != staff.active:
            before["active"], after["active"] = staff.active, active
            staff.active = active
            words.append(f"{staff.name} can sign in again." if active else
                         f"{staff.name} is deactivated and can no longer sign in. Everything "
                         "they recorded stays on file.")
        if not after:
            return Changes(message=f"Nothing was changed for {old_name}.")
        staff.updated_by = actor.staff_id
        record_event(session, actor, "update_staff", "staff", staff_id, before, after)
        username, new_role, now_active = staff.username, staff.role, staff.active
    if not store.is_sqlite and ("role" in after or "active" in after):
        update_login(store.engine, username, new_role, now_active)
    return Changes(kinds=frozenset({"staff"}), ids=frozenset({staff_id}),
                   message=" ".join(words))


def list_teams(store: Store) -> list[str]:
    """Every team's name, sorted (the staff screen offers them; a new one may be typed)."""
    with store.session() as session:
        return list(session.scalars(select(Team.name).order_by(Team.name)))


def list_accounts(store: Store, actor: Actor) -> list[StaffAccount]:
    """Everyone with an account, deactivated too, sorted by name (administrators only)."""
    require(actor, Permission.MANAGE_STAFF)
    with store.session() as session:
        rows = session.execute(
            select(Staff, Team.name).outerjoin(Team, Team.id == Staff.team_id)
            .order_by(Staff.name, Staff.username)
        )
        return [StaffAccount(
            staff_id=s.id, name=s.name, username=s.username, role=s.role, team_name=team,
            active=s.active, has_password=bool(s.password_hash), locked_until=s.locked_until,
        ) for s, team in rows]


def init_team_database(
    url: str, admin: NewStaff, password: str, profile: str = "england-default",
) -> Actor:
    """Create the schema (Alembic), the grants and the first administrator."""
    if admin.role is not Role.ADMINISTRATOR:
        raise NotAllowed("The first account of a team database is an administrator.")
    store = open_store(url)
    try:
        with store.session() as session:
            if session.scalar(select(func.count()).select_from(Staff)):
                raise CpdeskError("This database already has staff; add people with "
                                  "'cpdesk staff add'.")
        if not store.is_sqlite:
            apply_grants(store.engine)
        staff = _add(store, SYSTEM, admin, password)
        actor = actor_for(staff)
        set_profile(store, actor, profile)
    finally:
        store.close()
    return actor
