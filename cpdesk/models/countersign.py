"""Managers' countersignatures of final records (002 section 5), and each table's copy of
whether its records are countersigned.

A countersignature points at any countersignable record by (subject_kind, subject_id), as
GNUmed keeps reviews apart from the documents they review; so does an addendum
(models/addendum.py). The table is a Core table, and whether a record is countersigned
(`countersigned`) an expression over it (models/tables.py: the first screen asks it before any
mapped class is declared); the columns are annotated here for their types.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, false, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.expression import Exists

from cpdesk.domain.enums import CountersignDecision, CountersignSubject
from cpdesk.models import tables
from cpdesk.models.base import Base
from cpdesk.models.tables import countersigned


class Countersignature(Base):
    __table__ = tables.countersignatures

    subject_kind: Mapped[CountersignSubject]
    subject_id: Mapped[str]
    manager_id: Mapped[str]
    signed_at: Mapped[datetime]
    decision: Mapped[CountersignDecision]
    comment: Mapped[str | None]
    content_hash: Mapped[str]


@dataclass(frozen=True)
class CountersignedCopy:
    """A table's copy of whether a manager has countersigned a record: each visit entry's of
    its visit, each core group meeting's of its minutes. The alerts find the few records still
    waiting among the thousands signed in a partial index on the copy (issue 10); the copy is
    never part of what is signed nor of the interchange file, and `cpdesk verify` reports any
    copy that differs from the countersignatures."""

    kind: CountersignSubject
    model: type[Base]  # whose rows hold the copy
    flag: str  # the copy's column
    record_id: str  # the column naming the record signed

    def signed(self) -> Exists:
        """Whether a manager has countersigned the record of the row in the query: what the
        copy must say."""
        return countersigned(self.kind, self.model.__table__.c[self.record_id])

    def mark(self, connection: Connection, record_ids: Iterable[str] | None = None) -> None:
        """Set the copy from the countersignatures themselves, for `record_ids` (None: every
        record). The bulk writers (demo data, import) call it once their rows are in; the
        ORM's writes get it on flush (keep_countersigned_copies)."""
        table = self.model.__table__
        flag = table.c[self.flag]
        mark = (update(table).where(flag == false(), self.signed())
                # a copy, not a change to the row: its updated_at stays the author's
                .values({self.flag: True, "updated_at": table.c.updated_at}))
        if record_ids is None:
            connection.execute(mark)
            return
        ids, column = list(record_ids), table.c[self.record_id]
        for start in range(0, len(ids), 500):  # within every driver's limit on bound values
            connection.execute(mark.where(column.in_(ids[start:start + 500])))


# Every copy, as the modules of the tables that hold one declare it.
COUNTERSIGNED_COPIES: list[CountersignedCopy] = []


@event.listens_for(Session, "after_flush")
def keep_countersigned_copies(session: Session, _context: Any) -> None:
    """Once a countersignature is written, the copies of the record it signs say so, in the
    same transaction. A countersignature is never changed or removed, nor is a "returned"
    decision a signature, so this is the only moment a copy changes."""
    signed = [obj for obj in session.new if isinstance(obj, Countersignature)
              and obj.decision is CountersignDecision.COUNTERSIGNED]
    for copy in COUNTERSIGNED_COPIES if signed else ():
        ids = {obj.subject_id for obj in signed if obj.subject_kind is copy.kind}
        if not ids:
            continue
        copy.mark(session.connection(), ids)
        for obj in list(session.identity_map.values()):
            if isinstance(obj, copy.model) and getattr(obj, copy.record_id) in ids:
                set_committed_value(obj, copy.flag, True)
