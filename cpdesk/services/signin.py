"""Sign-in: argon2id password hashes, lock-out after repeated failures, re-entry to sign.

The argon2-cffi defaults (RFC 9106 "low memory": 64 MiB, 3 passes, 4 lanes) exceed OWASP's
minimum for argon2id (19 MiB, 2 passes, 1 lane). Five failed attempts lock the account for
fifteen minutes; the failure message never says whether the username exists.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cpdesk.domain.actor import Actor
from cpdesk.domain.errors import CpdeskError, NotAllowed
from cpdesk.domain.permissions import Permission, require
from cpdesk.domain.staff_accounts import (
    MIN_PASSWORD_LENGTH,
    StaffDetailsRejected,
    password_issues,
    reject,
)
from cpdesk.domain.visit_validation import FieldIssue
from cpdesk.models import Staff
from cpdesk.models.db import Store
from cpdesk.models.grants import create_login, update_login
from cpdesk.services.audit import record_event
from cpdesk.services.changes import Changes

HASHER = PasswordHasher()
MAX_FAILED_SIGN_INS = 5
LOCK_PERIOD = timedelta(minutes=15)


class SignInFailed(CpdeskError):
    pass


class AccountLocked(SignInFailed):
    """Too many wrong passwords in a row: no password is tried until the lock ends."""


class NoPassword(SignInFailed):
    """The account has no password (a database where people pick their name), so there is
    nothing to confirm a signature with; no guess is counted."""


def actor_for(staff: Staff) -> Actor:
    return Actor(staff_id=staff.id, name=staff.name, role=staff.role, team_id=staff.team_id)


def hash_password(password: str) -> str:
    """The argon2id hash; StaffDetailsRejected (field "password") when the rule is broken."""
    reject(password_issues(password))
    return HASHER.hash(password)


def _check(staff: Staff, password: str) -> bool:
    if not staff.password_hash:
        return False
    try:
        return HASHER.verify(staff.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _locked(staff: Staff, now: datetime) -> AccountLocked | None:
    if staff.locked_until is not None and staff.locked_until > now:
        return AccountLocked(
            f"This account is locked after {MAX_FAILED_SIGN_INS} failed attempts. "
            f"Try again after {staff.locked_until.astimezone():%H:%M}, or ask an "
            "administrator."
        )
    return None


def _count_failure(session: Session, staff: Staff, action: str, now: datetime) -> None:
    """One more wrong password for `staff`: the fifth in a row locks the account."""
    staff.failed_sign_ins += 1
    if staff.failed_sign_ins >= MAX_FAILED_SIGN_INS:
        staff.locked_until = now + LOCK_PERIOD
        staff.failed_sign_ins = 0
    record_event(session, actor_for(staff), action, "staff", staff.id, at=now)


def sign_in(store: Store, username: str, password: str, now: datetime | None = None) -> Actor:
    """The signed-in actor, or SignInFailed (wrong details, or the account is locked)."""
    now = now or datetime.now(UTC)
    with store.session() as session:
        staff = session.scalar(
            select(Staff).where(func.lower(Staff.username) == username.strip().lower())
        )
        if staff is None or not staff.active:
            HASHER.hash(password or "x" * MIN_PASSWORD_LENGTH)  # same time either way
            raise SignInFailed("The username or password is not right.")
        if (locked := _locked(staff, now)) is not None:
            raise locked
        actor = actor_for(staff)
        if not _check(staff, password):
            _count_failure(session, staff, "sign_in_failed", now)
            failed = True
        else:
            staff.failed_sign_ins = 0
            staff.locked_until = None
            if HASHER.check_needs_rehash(staff.password_hash or ""):
                staff.password_hash = HASHER.hash(password)
            record_event(session, actor, "sign_in", "staff", staff.id, at=now)
            failed = False
    if failed:  # raised once the failure is stored (inside, it would be rolled back)
        raise SignInFailed("The username or password is not right.")
    return actor


def confirm_password(
    store: Store, actor: Actor, password: str, now: datetime | None = None
) -> None:
    """Ask for the password again, as a signature (countersigning) or before changing it.
    Wrong answers count with wrong sign-ins (as the idle lock's, which signs in again): five
    in a row lock the account, so a window left signed in is no place to guess a manager's
    password."""
    now = now or datetime.now(UTC)
    with store.session() as session:
        staff = session.get(Staff, actor.staff_id) if actor.staff_id else None
        if staff is None:
            raise SignInFailed("The password is not right.")
        if not staff.password_hash:
            raise NoPassword(
                "You have no password in this database, and countersigning is a signature "
                "made with one. Countersign on your team's database, where you sign in with "
                "your password, or ask an administrator to set you one here.")
        if (locked := _locked(staff, now)) is not None:
            raise locked
        if _check(staff, password):
            staff.failed_sign_ins = 0
            return
        _count_failure(session, staff, "password_check_failed", now)
    raise SignInFailed("The password is not right.")  # once the failure is stored


def set_password(store: Store, actor: Actor, staff_id: str, password: str) -> Changes:
    """Administrators set anyone's password; everyone may change their own."""
    if actor.staff_id != staff_id:
        require(actor, Permission.MANAGE_STAFF)
    hashed = hash_password(password)
    with store.session() as session:
        staff = session.get(Staff, staff_id)
        if staff is None:
            raise NotAllowed("There is no such member of staff.")
        staff.password_hash = hashed
        staff.failed_sign_ins = 0
        staff.locked_until = None
        staff.updated_by = actor.staff_id
        record_event(session, actor, "set_password", "staff", staff_id)
        username, role, active, name = staff.username, staff.role, staff.active, staff.name
    if not store.is_sqlite:
        # their own database login signs in with the same password (cpdesk.models.grants)
        create_login(store.engine, username, password, role)
        update_login(store.engine, username, role, active)
    return Changes(kinds=frozenset({"staff"}), ids=frozenset({staff_id}),
                   message=f"Password set for {name}. Tell them it in person or by phone, "
                   "never by email.")


def change_own_password(
    store: Store, actor: Actor, current: str, new: str, again: str
) -> Changes:
    """Everyone changes their own password: the current one first, then the new one twice."""
    try:
        confirm_password(store, actor, current)
    except NoPassword:
        raise StaffDetailsRejected([FieldIssue(
            "current", "You have no password yet: an administrator sets the first one")]) from None
    except AccountLocked as exc:
        raise StaffDetailsRejected([FieldIssue("current", str(exc))]) from None
    except SignInFailed:
        raise StaffDetailsRejected(
            [FieldIssue("current", "Your current password is not right")]) from None
    reject(password_issues(new, again))
    set_password(store, actor, actor.staff_id or "", new)
    return Changes(kinds=frozenset({"staff"}), ids=frozenset({actor.staff_id or ""}),
                   message="Your password has been changed. Use the new one next time you "
                   "sign in.")


def unlock_account(store: Store, actor: Actor, staff_id: str) -> Changes:
    """An administrator lets someone locked out by failed sign-ins try again at once."""
    require(actor, Permission.MANAGE_STAFF)
    with store.session() as session:
        staff = session.get(Staff, staff_id)
        if staff is None:
            raise NotAllowed("There is no such member of staff.")
        name = staff.name
        if staff.locked_until is None and not staff.failed_sign_ins:
            return Changes(message=f"{name}'s account is not locked. Nothing was changed.")
        before = {"locked_until": staff.locked_until, "failed_sign_ins": staff.failed_sign_ins}
        staff.locked_until = None
        staff.failed_sign_ins = 0
        staff.updated_by = actor.staff_id
        record_event(session, actor, "unlock_account", "staff", staff_id, before=before,
                     after={"locked_until": None, "failed_sign_ins": 0})
    return Changes(kinds=frozenset({"staff"}), ids=frozenset({staff_id}),
                   message=f"{name}'s account is unlocked. They can sign in again now.")
