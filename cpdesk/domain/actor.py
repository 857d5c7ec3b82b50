"""Who is doing something: passed to every service so each change is attributable."""

from __future__ import annotations

from dataclasses import dataclass

from cpdesk.domain.enums import Role


@dataclass(frozen=True)
class Actor:
    staff_id: str | None
    name: str
    role: Role
    team_id: str | None = None

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER


# Changes made by cpdesk itself (migrations, demo data), not by a person.
SYSTEM = Actor(staff_id=None, name="cpdesk", role=Role.ADMINISTRATOR)
