"""Who may do what: the roles of issue 9, enforced by every service (and on PostgreSQL backed
by database grants).

A social worker sees their team's caseload, edits their own drafts and never countersigns. A
manager countersigns, returns records and sees the whole team. An administrator manages staff
and profiles.
"""

from __future__ import annotations

from enum import StrEnum

from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import Role
from cpdesk.domain.errors import NotAllowed


class Permission(StrEnum):
    VIEW_CASELOAD = "view_caseload"
    VIEW_TEAM = "view_team"
    RECORD = "record"  # write visits, plans, core group records of one's own
    FINALISE = "finalise"
    ADD_ADDENDUM = "add_addendum"
    COUNTERSIGN = "countersign"
    RETURN_RECORD = "return_record"
    VOID_RECORD = "void_record"
    VIEW_AUDIT = "view_audit"
    EXPORT = "export"
    IMPORT = "import"
    MANAGE_STAFF = "manage_staff"
    MANAGE_PROFILES = "manage_profiles"


_WORKER = {
    Permission.VIEW_CASELOAD, Permission.RECORD, Permission.FINALISE, Permission.ADD_ADDENDUM,
    Permission.VOID_RECORD, Permission.EXPORT,
}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.SOCIAL_WORKER: frozenset(_WORKER),
    Role.MANAGER: frozenset(_WORKER | {
        Permission.VIEW_TEAM, Permission.COUNTERSIGN, Permission.RETURN_RECORD,
        Permission.VIEW_AUDIT, Permission.IMPORT,
    }),
    Role.ADMINISTRATOR: frozenset({
        Permission.VIEW_CASELOAD, Permission.VIEW_TEAM, Permission.VIEW_AUDIT, Permission.EXPORT,
        Permission.IMPORT, Permission.MANAGE_STAFF, Permission.MANAGE_PROFILES,
    }),
}

_WORDS = {
    Permission.COUNTERSIGN: "countersign records",
    Permission.RETURN_RECORD: "return records to their author",
    Permission.MANAGE_STAFF: "add or change staff",
    Permission.MANAGE_PROFILES: "change the procedure profile",
    Permission.VIEW_AUDIT: "see the audit history",
    Permission.VIEW_TEAM: "see the whole team's caseload",
    Permission.IMPORT: "import case records",
    Permission.RECORD: "write case records",
    Permission.FINALISE: "finalise records",
    Permission.ADD_ADDENDUM: "add addenda",
    Permission.VOID_RECORD: "void records",
    Permission.EXPORT: "export or print records",
    Permission.VIEW_CASELOAD: "see a caseload",
}


def can(actor: Actor, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[actor.role]


def require(actor: Actor, permission: Permission) -> None:
    """Raise NotAllowed, in words, unless the actor's role allows the action."""
    if not can(actor, permission):
        role = actor.role.label.lower()
        article = "An" if role[0] in "aeiou" else "A"
        raise NotAllowed(f"{article} {role} cannot {_WORDS[permission]}.")
