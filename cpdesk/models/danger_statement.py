"""Signs of Safety's danger statements, each paired with its safety goal: part of a plan's
content (models/plan.py).

A module of its own: the first screen (the caseload) reads none of them, so start-up declares
it only when the mapped classes are set up, once the caseload is on show (issue 10).
"""

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpdesk.models.base import Base

if TYPE_CHECKING:
    from cpdesk.models.plan import Plan


class DangerStatement(Base):
    """Signs of Safety: a danger statement paired with its safety goal."""

    __tablename__ = "danger_statements"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    danger_statement: Mapped[str] = mapped_column(Text)
    safety_goal: Mapped[str | None] = mapped_column(Text)

    plan: Mapped["Plan"] = relationship(back_populates="danger_statements")
