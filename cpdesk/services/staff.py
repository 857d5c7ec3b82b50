"""Read the staff list: who can use cpdesk on this database (the sign-in picker's list), and
whether they sign in with passwords.

Signing in reads these before the first paint, so they select the tables' columns
(models/tables.py), not the mapped classes: a mapped class in a statement sets up every
mapper's relationships first (configure_mappers, ~50 ms), and the classes themselves are
declared only once the caseload is on show (services.start_up); and this module stays small,
without the password hashing of services.signin (issue 10).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, func, select

from cpdesk.domain.staff import StaffMember
from cpdesk.models import tables
from cpdesk.models.db import Store

_STAFF = tables.staff
_TEAM = tables.teams
_MEMBER = select(
    _STAFF.c.id, _STAFF.c.name, _STAFF.c.username, _STAFF.c.role, _STAFF.c.team_id,
    _TEAM.c.name.label("team_name"), _STAFF.c.active,
).select_from(_STAFF.outerjoin(_TEAM, _TEAM.c.id == _STAFF.c.team_id))
_WITH_PASSWORDS = select(func.count()).select_from(_STAFF).where(
    _STAFF.c.password_hash.is_not(None), _STAFF.c.active.is_(True))


def _member(row: Row[Any]) -> StaffMember:
    return StaffMember(
        staff_id=row.id, name=row.name, username=row.username, role=row.role,
        team_id=row.team_id, team_name=row.team_name, active=row.active,
    )


def _read(store: Store, stmt: Select[Any]) -> list[StaffMember]:
    with store.session() as session:
        return [_member(row) for row in session.connection().execute(stmt)]


def list_staff(store: Store, *, include_inactive: bool = False) -> list[StaffMember]:
    """Staff sorted by name; active accounts only unless asked."""
    stmt = _MEMBER.order_by(_STAFF.c.name, _STAFF.c.username)
    if not include_inactive:
        stmt = stmt.where(_STAFF.c.active.is_(True))
    return _read(store, stmt)


def get_staff(store: Store, staff_id: str) -> StaffMember | None:
    """One member of staff by id, or None when there is no such account."""
    found = _read(store, _MEMBER.where(_STAFF.c.id == staff_id))
    return found[0] if found else None


def passwords_in_use(store: Store) -> bool:
    """Whether this database signs people in with passwords (services.signin checks them).

    A team database has passwords from `cpdesk team init` on; the single-user local file and the
    demo have none, and the desktop app asks "Who are you?" there instead. Decided per database:
    as soon as any active member of staff has a password, everyone signs in with one.
    """
    with store.session() as session:
        return bool(session.connection().scalar(_WITH_PASSWORDS))
