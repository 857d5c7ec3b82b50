"""Setting up the team database and its staff (`cpdesk team init`, `cpdesk staff add`).

On PostgreSQL each person also gets their own database login in their role's group, so the
database's grants back up the services' role checks (cpdesk.models.grants).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from cpdesk.domain.actor import SYSTEM, Actor
from cpdesk.domain.enums import Role
from cpdesk.domain.errors import CpdeskError, NotAllowed
from cpdesk.domain.permissions import Permission, require
from cpdesk.models import Staff, Team
from cpdesk.models.db import Store, open_store
from cpdesk.models.grants import apply_grants, create_login
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


def _add(store: Store, actor: Actor, new: NewStaff, password: str | None) -> Staff:
    hashed = hash_password(password) if password else None
    username = new.username.strip().lower()
    if not new.name.strip():
        raise CpdeskError("Enter the person's name.")
    if not username:
        raise CpdeskError("Enter a username.")
    with store.session() as session:
        if session.scalar(select(Staff).where(func.lower(Staff.username) == username)):
            raise CpdeskError(f"The username '{username}' is already taken.")
        team_id = None
        if new.team:
            team = session.scalar(select(Team).where(Team.name == new.team.strip()))
            if team is None:
                team = Team(name=new.team.strip(), updated_by=actor.staff_id)
                session.add(team)
                session.flush()
                record_event(session, actor, "add_team", "team", team.id, after=team.name)
            team_id = team.id
        staff = Staff(name=new.name.strip(), username=username, role=new.role, team_id=team_id,
                      email=new.email, password_hash=hashed, updated_by=actor.staff_id)
        session.add(staff)
        session.flush()
        record_event(session, actor, "add_staff", "staff", staff.id,
                     after={"name": staff.name, "username": username, "role": new.role.value,
                            "team": new.team})
    if password and not store.is_sqlite:
        create_login(store.engine, username, password, new.role)
    return staff


def add_staff(store: Store, actor: Actor, new: NewStaff, password: str | None = None) -> Changes:
    """An administrator adds a member of staff (and their team, if it is new)."""
    require(actor, Permission.MANAGE_STAFF)
    staff = _add(store, actor, new, password)
    return Changes(kinds=frozenset({"staff"}), ids=frozenset({staff.id}),
                   message=f"{staff.name} added as {new.role.label.lower()}.")


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
