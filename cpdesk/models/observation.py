"""What a visit saw for each of the plan's concerns, child by child, and whether that risk has
changed.

A module of its own: the first screen (the caseload) reads none of it, so start-up declares
it only when the mapped classes are set up, once the caseload is on show (issue 10).
"""

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpdesk.domain.enums import RiskTrend
from cpdesk.models.base import Base, enum_column

if TYPE_CHECKING:
    from cpdesk.models.plan import Concern
    from cpdesk.models.visit import VisitChild


class Observation(Base):
    """What was seen relevant to one identified risk, and whether that risk has changed."""

    __tablename__ = "observations"

    visit_child_id: Mapped[str] = mapped_column(ForeignKey("visit_children.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    concern_id: Mapped[str | None] = mapped_column(ForeignKey("concerns.id"))
    concern: Mapped[str | None] = mapped_column(Text)
    observation: Mapped[str | None] = mapped_column(Text)
    risk_trend: Mapped[RiskTrend | None] = mapped_column(enum_column(RiskTrend))

    visit_child: Mapped["VisitChild"] = relationship(back_populates="observations")
    # The concern observed, as the plan holds it: named so that a flush writes a new concern
    # before an observation of it (the order of writes follows relationships, not foreign keys).
    concern_record: Mapped["Concern | None"] = relationship()
