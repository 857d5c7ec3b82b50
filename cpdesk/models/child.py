"""The child (their household and family: models/household.py)."""

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpdesk.domain.enums import Gender
from cpdesk.models.base import Base, enum_column

if TYPE_CHECKING:
    from cpdesk.models.household import FamilyMember, Household
    from cpdesk.models.plan import Plan


def full_name_of(given_names: str, family_name: str) -> str:
    """A child's full name as every screen and document shows it: "Amy Smith"."""
    return f"{given_names} {family_name}"


class Child(Base):
    __tablename__ = "children"

    case_number: Mapped[str] = mapped_column(String(40), unique=True)
    given_names: Mapped[str]
    family_name: Mapped[str]
    known_as: Mapped[str | None]
    # An unborn child has an expected date of birth and no date of birth.
    date_of_birth: Mapped[date | None]
    expected_date_of_birth: Mapped[date | None]
    gender: Mapped[Gender] = mapped_column(enum_column(Gender), default=Gender.UNKNOWN)
    ethnicity: Mapped[str | None]
    disability: Mapped[str | None]
    preferred_language: Mapped[str | None]
    address: Mapped[str | None] = mapped_column(Text)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"))
    household_id: Mapped[str | None] = mapped_column(ForeignKey("households.id"))
    # Scotland: the named person to keep informed of changes (001).
    named_person: Mapped[str | None]
    emergency_protection_order: Mapped[bool] = mapped_column(Boolean, default=False)
    emergency_protection_order_date: Mapped[date | None]
    police_protection: Mapped[bool] = mapped_column(Boolean, default=False)
    police_protection_date: Mapped[date | None]

    household: Mapped["Household | None"] = relationship(back_populates="children")
    family: Mapped[list["FamilyMember"]] = relationship(
        back_populates="child", cascade="all, delete-orphan", order_by="FamilyMember.position"
    )
    plans: Mapped[list["Plan"]] = relationship(
        back_populates="child", cascade="all, delete-orphan", order_by="Plan.start_date"
    )

    @property
    def full_name(self) -> str:
        return full_name_of(self.given_names, self.family_name)
