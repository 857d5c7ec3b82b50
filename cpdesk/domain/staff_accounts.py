"""Staff accounts as an administrator manages them: the account record and the rules for a
name, a username and a password, each broken rule a `FieldIssue` naming its field.

The rules live here once: the services enforce them, the staff screen shows their words (the
password rule under the field) and the CLI prints the same messages. Plain Python only: no Qt,
no SQLAlchemy, no clock (callers pass `now`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from cpdesk.domain.enums import Role
from cpdesk.domain.errors import ValidationFailed
from cpdesk.domain.visit_validation import FieldIssue

MIN_PASSWORD_LENGTH = 10
# A username is also the person's PostgreSQL login (cpdesk.models.grants), so it keeps to the
# characters a login name may have without quoting tricks, and at most 63 of them.
_USERNAME = re.compile(r"^[a-z][a-z0-9_.@-]{0,62}$")
USERNAME_RULE = ("Username must start with a letter and use only lower-case letters, numbers, "
                 "dots, dashes, underscores or @ (at most 63 characters)")
PASSWORD_RULE = (f"At least {MIN_PASSWORD_LENGTH} characters: a few words are easier to "
                 "remember than a jumble.")


class StaffDetailsRejected(ValidationFailed):
    """Broken staff rules; reads as the messages themselves (the CLI prints it as one line)."""

    def __str__(self) -> str:
        return "; ".join(issue.message for issue in self.issues)


@dataclass(frozen=True)
class StaffAccount:
    """One row of the staff screen: who, their role and team, and the state of their sign-in."""

    staff_id: str
    name: str
    username: str
    role: Role
    team_name: str | None
    active: bool
    has_password: bool
    locked_until: datetime | None  # set after repeated failed sign-ins

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


def normalise_username(text: str) -> str:
    return text.strip().lower()


def name_issues(name: str) -> list[FieldIssue]:
    return [] if name.strip() else [FieldIssue("name", "Enter the person's full name")]


def username_issues(username: str) -> list[FieldIssue]:
    username = normalise_username(username)
    if not username:
        return [FieldIssue("username", "Enter a username")]
    if not _USERNAME.match(username):
        return [FieldIssue("username", USERNAME_RULE)]
    return []


def role_issues(role: Role | None) -> list[FieldIssue]:
    return [] if role is not None else [FieldIssue("role", "Select the person's role")]


def password_issues(password: str, again: str | None = None) -> list[FieldIssue]:
    """The password rule; with `again`, also that both boxes say the same."""
    if not password:
        return [FieldIssue("password", "Enter a password")]
    if len(password) < MIN_PASSWORD_LENGTH:
        return [FieldIssue("password",
                           f"Password must be at least {MIN_PASSWORD_LENGTH} characters long")]
    if again is not None and again != password:
        return [FieldIssue("password_again",
                           "The two passwords are different. Type the same password in both "
                           "boxes")]
    return []


def reject(issues: Iterable[FieldIssue]) -> None:
    """Raise StaffDetailsRejected when there is any issue."""
    issues = list(issues)
    if issues:
        raise StaffDetailsRejected(issues)


def new_staff_issues(
    name: str, username: str, password: str | None, again: str | None = None,
    role: Role | None = Role.SOCIAL_WORKER,
) -> list[FieldIssue]:
    """Every broken rule of a new account, in the order of the form. `password` None: the
    account has no password yet (a single-user file signs in from a list of names)."""
    issues = name_issues(name) + username_issues(username) + role_issues(role)
    if password is not None:
        issues += password_issues(password, again)
    return issues
