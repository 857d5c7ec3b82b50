"""The append-only audit trail: who did what to which record, when, before and after.

Each event carries the hash of the one before it (a hash chain), so a changed, deleted or
reordered event is detectable by `cpdesk verify`.
"""

from datetime import datetime

from sqlalchemy import BigInteger, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from cpdesk.models.base import Base


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_subject", "subject_kind", "subject_id"),)

    # Position in the chain; assigned by the audit writer under the chain's lock.
    sequence: Mapped[int] = mapped_column(BigInteger, unique=True)
    at: Mapped[datetime]
    actor_id: Mapped[str | None] = mapped_column(Uuid(as_uuid=False))
    action: Mapped[str] = mapped_column(String(60))
    subject_kind: Mapped[str] = mapped_column(String(60))
    subject_id: Mapped[str | None] = mapped_column(Uuid(as_uuid=False))
    before: Mapped[str | None] = mapped_column(Text)  # JSON
    after: Mapped[str | None] = mapped_column(Text)  # JSON
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
