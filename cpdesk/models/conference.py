"""Child protection conferences: the initial conference that made the plan, and its reviews."""

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpdesk.domain.enums import Category, ConferenceKind
from cpdesk.models.base import Base, enum_column

if TYPE_CHECKING:
    from cpdesk.models.plan import Plan


class Conference(Base):
    __tablename__ = "conferences"
    __table_args__ = (Index("ix_conferences_plan_held", "plan_id", "held_on"),)

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    kind: Mapped[ConferenceKind] = mapped_column(enum_column(ConferenceKind))
    held_on: Mapped[date]
    chair: Mapped[str | None]
    decisions: Mapped[str | None] = mapped_column(Text)
    category: Mapped[Category | None] = mapped_column(enum_column(Category))
    # The date the conference set for the next review (004: agree the first review date).
    next_review_date: Mapped[date | None]
    # Signs of Safety: the 0 to 10 safety scale recorded at this conference.
    safety_scale: Mapped[int | None] = mapped_column(Integer)

    plan: Mapped["Plan"] = relationship(back_populates="conferences")
