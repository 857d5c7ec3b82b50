"""Teams and the staff who use cpdesk: social workers, managers and administrators."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpdesk.domain.enums import Role
from cpdesk.models.base import Base, enum_column


class Team(Base):
    __tablename__ = "teams"

    name: Mapped[str] = mapped_column(unique=True)

    staff: Mapped[list["Staff"]] = relationship(back_populates="team")


class Staff(Base):
    __tablename__ = "staff"

    name: Mapped[str]
    username: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"))
    email: Mapped[str | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Sign-in (argon2id hash); empty until the account's first password is set.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]

    team: Mapped["Team | None"] = relationship(back_populates="staff")
