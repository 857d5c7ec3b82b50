"""The error types cpdesk raises, from the domain up to the services.

Plain Python only: no Qt, no SQLAlchemy. The UI turns each into words for the user.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from cpdesk.domain.dates import format_date


class CpdeskError(Exception):
    """Base of every error cpdesk raises on purpose."""


class ValidationFailed(CpdeskError):
    """A record broke the rules. `issues` are `FieldIssue`s (field path, message)."""

    def __init__(self, issues: Iterable[Any]) -> None:
        self.issues = tuple(issues)
        first = getattr(self.issues[0], "message", str(self.issues[0])) if self.issues else ""
        super().__init__(f"{len(self.issues)} problem(s): {first}" if first else "invalid record")


class StaleRecord(CpdeskError):
    """Someone saved a newer revision of the record since it was opened."""

    def __init__(self, who: str, when: datetime | None) -> None:
        self.who = who
        self.when = when
        at = f" at {when:%H:%M} on {format_date(when.date())}" if when else ""
        super().__init__(f"{who} changed this record{at}. Reopen it to see their changes.")


class NotAllowed(CpdeskError):
    """The user's role or the record's state does not allow this action."""


class ProfileError(CpdeskError):
    """A procedure profile file is wrong: message is "<file>: <key>: <rule>"."""


class ImportRejected(CpdeskError):
    """An import file broke a rule; nothing from it was saved."""

    def __init__(self, path: str, rule: str) -> None:
        self.path = path
        self.rule = rule
        super().__init__(f"{path}: {rule}")
