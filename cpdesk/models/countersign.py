"""Managers' countersignatures and authors' addenda to final records (002 section 5).

Both point at any countersignable record by (subject_kind, subject_id), as GNUmed keeps
reviews apart from the documents they review.
"""

from datetime import datetime

from sqlalchemy import Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from cpdesk.domain.enums import CountersignDecision, CountersignSubject, RecordStatus
from cpdesk.models.base import Base, enum_column


class Countersignature(Base):
    __tablename__ = "countersignatures"
    # Covering "is this record countersigned?" (the decision too), asked for every final record
    # on an open plan when the alerts are worked out.
    __table_args__ = (
        Index("ix_countersignatures_subject_decision", "subject_kind", "subject_id", "decision"),
    )

    subject_kind: Mapped[CountersignSubject] = mapped_column(enum_column(CountersignSubject))
    subject_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    manager_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    signed_at: Mapped[datetime]
    decision: Mapped[CountersignDecision] = mapped_column(enum_column(CountersignDecision))
    comment: Mapped[str | None] = mapped_column(Text)
    # SHA-256 of exactly the content that was signed, so a later change is detectable.
    content_hash: Mapped[str] = mapped_column(String(64))


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
