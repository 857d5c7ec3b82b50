"""Authors' addenda to final records (002 section 5): a final record is never edited.

An addendum points at any countersignable record by (subject_kind, subject_id), as a
countersignature does (models/countersign.py). A module of its own: the first screen (the
caseload) reads none of them, so start-up declares it only when the mapped classes are set up,
once the caseload is on show (issue 10).
"""

from datetime import datetime

from sqlalchemy import Index, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from cpdesk.domain.enums import CountersignSubject, RecordStatus
from cpdesk.models.base import Base, enum_column


class Addendum(Base):
    """A dated correction or addition to a final record; final records are never edited."""

    __tablename__ = "addenda"
    __table_args__ = (Index("ix_addenda_subject", "subject_kind", "subject_id"),)

    subject_kind: Mapped[CountersignSubject] = mapped_column(enum_column(CountersignSubject))
    subject_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    author_id: Mapped[str | None] = mapped_column(Uuid(as_uuid=False))
    written_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[RecordStatus] = mapped_column(
        enum_column(RecordStatus), default=RecordStatus.FINAL
    )
