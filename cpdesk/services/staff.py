"""Read the staff list: who can use cpdesk on this database (the sign-in picker's list)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cpdesk.domain.staff import StaffMember
from cpdesk.models import Staff, Team
from cpdesk.models.db import Store


def _member(staff: Staff, team_name: str | None) -> StaffMember:
    return StaffMember(
        staff_id=staff.id, name=staff.name, username=staff.username, role=staff.role,
        team_id=staff.team_id, team_name=team_name, active=staff.active,
    )


def _query(session: Session, include_inactive: bool) -> list[StaffMember]:
    stmt = (
        select(Staff, Team.name)
        .outerjoin(Team, Team.id == Staff.team_id)
        .order_by(Staff.name, Staff.username)
    )
    if not include_inactive:
        stmt = stmt.where(Staff.active.is_(True))
    return [_member(staff, team_name) for staff, team_name in session.execute(stmt)]


def list_staff(store: Store, *, include_inactive: bool = False) -> list[StaffMember]:
    """Staff sorted by name; active accounts only unless asked."""
    with store.session() as session:
        return _query(session, include_inactive)


def get_staff(store: Store, staff_id: str) -> StaffMember | None:
    """One member of staff by id, or None when there is no such account."""
    with store.session() as session:
        row = session.execute(
            select(Staff, Team.name).outerjoin(Team, Team.id == Staff.team_id)
            .where(Staff.id == staff_id)
        ).first()
    return _member(row[0], row[1]) if row else None

