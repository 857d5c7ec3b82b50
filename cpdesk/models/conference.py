"""Child protection conferences: the initial conference that made the plan, and its reviews.

The table is a Core table (models/tables.py: the first screen reads it before any mapped class
is declared); the columns are annotated here for their types.
"""

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, relationship

from cpdesk.domain.enums import Category, ConferenceKind
from cpdesk.models import tables
from cpdesk.models.base import Base

if TYPE_CHECKING:
    from cpdesk.models.plan import Plan


class Conference(Base):
    __table__ = tables.conferences

    plan_id: Mapped[str]
    kind: Mapped[ConferenceKind]
    held_on: Mapped[date]
    chair: Mapped[str | None]
    decisions: Mapped[str | None]
    category: Mapped[Category | None]
    next_review_date: Mapped[date | None]
    safety_scale: Mapped[int | None]

    plan: Mapped["Plan"] = relationship(back_populates="conferences")
