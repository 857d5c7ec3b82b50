"""Which procedure profile this database follows (chosen per database, default England)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from cpdesk import models
from cpdesk.domain.actor import Actor
from cpdesk.domain.permissions import Permission, require
from cpdesk.domain.profiles import Profile, load_profile
from cpdesk.lazy import lazy_module
from cpdesk.models import tables
from cpdesk.models.db import Store
from cpdesk.models.tables import PROFILE_KEY
from cpdesk.services.changes import Changes

# The caseload reads the profile before its first paint; only changing it writes the audit
# trail, whose mapped class waits until the caseload is on show (issue 10, start-up).
audit = lazy_module("cpdesk.services.audit")

DEFAULT_PROFILE = "england-default"
# Every action that checks a record against the rules asks for this (issue 10: finalising a
# visit), so it is built once and run on the unit of work's connection, in its transaction: a
# fraction of the cost of the ORM's execution path, which has nothing to load here. It reads
# the table's columns (models/tables.py): the caseload reads it before the first paint, and the
# mapped classes are declared and set up after it (services.start_up); so set_profile names
# Setting as models.Setting, declared when first used.
_SETTINGS = tables.settings
_PROFILE_SETTING = select(_SETTINGS.c.value).where(_SETTINGS.c.key == PROFILE_KEY)


def profile_name(connection: Connection) -> str:
    value = connection.scalar(_PROFILE_SETTING)
    return value or DEFAULT_PROFILE


def profile_in(session: Session) -> Profile:
    return profile_on(session.connection())


def profile_on(connection: Connection) -> Profile:
    """The database's profile, read in the connection's transaction (Store.transaction)."""
    return load_profile(profile_name(connection))


def current_profile(store: Store) -> Profile:
    with store.session() as session:
        return profile_in(session)


def set_profile(store: Store, actor: Actor, name: str) -> Changes:
    require(actor, Permission.MANAGE_PROFILES)
    profile = load_profile(name)  # validates before anything is written
    with store.session() as session:
        setting = session.scalar(select(models.Setting).where(models.Setting.key == PROFILE_KEY))
        before = setting.value if setting else None
        if setting is None:
            session.add(models.Setting(key=PROFILE_KEY, value=name, updated_by=actor.staff_id))
        else:
            setting.value = name
            setting.updated_by = actor.staff_id
        audit.record_event(session, actor, "set_profile", "setting", None, before, name)
    return Changes(kinds=frozenset({"profile"}),
                   message=f"This database now follows the {profile.display_name} procedures.")
