"""The household brothers and sisters share, and a child's family and carers.

A module of its own: the first screen (the caseload) reads none of it, so start-up declares
it only when the mapped classes are set up, once the caseload is on show (issue 10).
"""

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpdesk.models.base import Base

if TYPE_CHECKING:
    from cpdesk.models.child import Child


class Household(Base):
    """A home: children on plans who live together are visited and recorded together."""

    __tablename__ = "households"

    name: Mapped[str]
    address: Mapped[str | None] = mapped_column(Text)

    children: Mapped[list["Child"]] = relationship(back_populates="household")


class FamilyMember(Base):
    """A parent, carer or relative, with their relationship and parental responsibility."""

    __tablename__ = "family_members"

    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str]
    relationship_to_child: Mapped[str]
    parental_responsibility: Mapped[bool] = mapped_column(Boolean, default=False)
    is_carer: Mapped[bool] = mapped_column(Boolean, default=False)
    lives_with_child: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(60))

    child: Mapped["Child"] = relationship(back_populates="family")

