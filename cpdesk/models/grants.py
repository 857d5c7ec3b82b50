"""PostgreSQL grants that back the services' role checks with the database's own.

Each cpdesk role is a NOLOGIN group role; each person's login role is a member of one. A social
worker's connection cannot write a countersignature, even with direct SQL; nobody but an
administrator can change or delete the audit trail (and cpdesk itself never does).
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Engine, text

from cpdesk.domain.enums import Role

GROUP_ROLES = {
    Role.SOCIAL_WORKER: "cpdesk_social_worker",
    Role.MANAGER: "cpdesk_manager",
    Role.ADMINISTRATOR: "cpdesk_administrator",
}
# Records that are evidence: rows are added, never removed (voiding is an update).
APPEND_ONLY = ("audit_events", "countersignatures", "addenda", "visits", "plan_versions",
               "core_group_meetings", "conferences", "review_reports", "disagreements")
SIGNATURES = "countersignatures"
_NAME = re.compile(r"^[a-z_][a-z0-9_.@-]{0,62}$")


def _quote(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"'{name}' cannot be a database login name")
    return '"' + name + '"'


def _ensure_group_roles(conn: Connection) -> None:
    """The group roles, created if this server has none yet (roles are the server's, not one
    database's)."""
    for group in GROUP_ROLES.values():
        conn.execute(text(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') "
            f"THEN CREATE ROLE {group} NOLOGIN; END IF; END $$"
        ))


def apply_grants(engine: Engine) -> None:
    """Create the group roles (if absent) and grant each its privileges on every table."""
    with engine.begin() as conn:
        tables = conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )).scalars().all()
        _ensure_group_roles(conn)
        for group in GROUP_ROLES.values():
            conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {group}"))
            conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {group}"))
        worker, manager, admin = (GROUP_ROLES[r] for r in Role)
        for table in tables:
            quoted = '"' + table + '"'
            conn.execute(text(f"GRANT SELECT ON {quoted} TO {worker}, {manager}, {admin}"))
            if table == "alembic_version":
                continue
            if table == SIGNATURES:
                conn.execute(text(f"GRANT INSERT ON {quoted} TO {manager}"))
                continue
            rights = "INSERT" if table == "audit_events" else "INSERT, UPDATE"
            if table not in APPEND_ONLY:
                rights += ", DELETE"
            conn.execute(text(f"GRANT {rights} ON {quoted} TO {worker}, {manager}, {admin}"))


def create_login(engine: Engine, username: str, password: str, role: Role) -> None:
    """A person's own database login, a member of their role's group."""
    login = _quote(username)
    with engine.begin() as conn:
        _ensure_group_roles(conn)  # a database whose grants were never applied has none
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                              {"n": username}).first()
        verb = "ALTER" if exists else "CREATE"
        # Passwords cannot be bound parameters in DDL: quote as a literal.
        literal = "'" + password.replace("'", "''") + "'"
        conn.exec_driver_sql(f"{verb} ROLE {login} LOGIN PASSWORD {literal}")
        for group in GROUP_ROLES.values():
            conn.exec_driver_sql(f"REVOKE {group} FROM {login}")
        conn.exec_driver_sql(f"GRANT {GROUP_ROLES[role]} TO {login}")


def update_login(engine: Engine, username: str, role: Role, active: bool) -> None:
    """Keep a person's existing login in step with their account: the group of their role, and
    NOLOGIN while the account is deactivated. Does nothing for someone with no login yet."""
    login = _quote(username)
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                              {"n": username}).first()
        if not exists:
            return
        conn.exec_driver_sql(f"ALTER ROLE {login} {'LOGIN' if active else 'NOLOGIN'}")
        for group in GROUP_ROLES.values():
            conn.exec_driver_sql(f"REVOKE {group} FROM {login}")
        conn.exec_driver_sql(f"GRANT {GROUP_ROLES[role]} TO {login}")
