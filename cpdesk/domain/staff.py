"""A member of staff as the rest of cpdesk reads them: a plain record, never an ORM object."""

from __future__ import annotations

from dataclasses import dataclass

from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import Role


@dataclass(frozen=True)
class StaffMember:
    staff_id: str
    name: str
    username: str
    role: Role
    team_id: str | None
    team_name: str | None
    active: bool

    @property
    def actor(self) -> Actor:
        """The Actor a service needs to attribute what this person does."""
        return Actor(staff_id=self.staff_id, name=self.name, role=self.role, team_id=self.team_id)

    @property
    def description(self) -> str:
        """'Jo Bloggs, Social worker, North team': how the staff picker lists them."""
        parts = [self.name, self.role.label]
        if self.team_name:
            parts.append(self.team_name)
        return ", ".join(parts)
