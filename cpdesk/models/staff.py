"""Teams and the staff who use cpdesk: social workers, managers and administrators.

Their tables are Core tables (models/tables.py: the first screen reads them before any mapped
class is declared); the columns are annotated here for their types.
"""

from datetime import datetime

from sqlalchemy.orm import Mapped, relationship

from cpdesk.domain.enums import Role
from cpdesk.models import tables
from cpdesk.models.base import Base


class Team(Base):
    __table__ = tables.teams

    name: Mapped[str]

    staff: Mapped[list["Staff"]] = relationship(back_populates="team")


class Staff(Base):
    __table__ = tables.staff

    name: Mapped[str]
    username: Mapped[str]
    role: Mapped[Role]
    team_id: Mapped[str | None]
    email: Mapped[str | None]
    active: Mapped[bool]
    password_hash: Mapped[str | None]  # argon2id; empty until the first password is set
    failed_sign_ins: Mapped[int]
    locked_until: Mapped[datetime | None]

    team: Mapped["Team | None"] = relationship(back_populates="staff")
