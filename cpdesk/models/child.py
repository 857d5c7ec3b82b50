"""The child (their household and family: models/household.py).

The table is a Core table (models/tables.py: the first screen reads it before any mapped class
is declared); the columns are annotated here for their types.
"""

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, relationship

from cpdesk.domain.enums import Gender
from cpdesk.models import tables
from cpdesk.models.base import Base
from cpdesk.models.tables import full_name_of

if TYPE_CHECKING:
    from cpdesk.models.household import FamilyMember, Household
    from cpdesk.models.plan import Plan


class Child(Base):
    __table__ = tables.children

    case_number: Mapped[str]
    given_names: Mapped[str]
    family_name: Mapped[str]
    known_as: Mapped[str | None]
    date_of_birth: Mapped[date | None]
    expected_date_of_birth: Mapped[date | None]
    gender: Mapped[Gender]
    ethnicity: Mapped[str | None]
    disability: Mapped[str | None]
    preferred_language: Mapped[str | None]
    address: Mapped[str | None]
    team_id: Mapped[str | None]
    household_id: Mapped[str | None]
    named_person: Mapped[str | None]
    emergency_protection_order: Mapped[bool]
    emergency_protection_order_date: Mapped[date | None]
    police_protection: Mapped[bool]
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
