"""`cpdesk verify`: is the record intact?

Checks the audit hash chain (a changed, deleted or reordered event breaks it), every
countersignature's hash against the record's current content, that every visit entry's copies
(VISIT_COPIES: its visit's date and status, and whether a manager countersigned it) agree with
the visit and its countersignatures, that every core group meeting's copy of whether its
minutes are countersigned (MEETING_COPIES) agrees with theirs (the alerts read the copies),
and on SQLite the file itself
(PRAGMA integrity_check). Reports each break precisely; changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select, text

from cpdesk.domain.countersign import content_hash
from cpdesk.domain.enums import CountersignDecision
from cpdesk.models import AuditEvent, CoreGroupMeeting, Countersignature, Visit, VisitChild
from cpdesk.models.core_group import MINUTES_COUNTERSIGNED
from cpdesk.models.db import Store
from cpdesk.models.visit import VISIT_COUNTERSIGNED
from cpdesk.services.audit import GENESIS, event_hash
from cpdesk.services.records import RecordNotFound, load_subjects, subject_content

BATCH = 500  # records read and checked at a time


@dataclass(frozen=True)
class VerifyReport:
    events_checked: int
    signatures_checked: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(store: Store) -> VerifyReport:
    problems: list[str] = []
    with store.session() as session:
        if store.is_sqlite:
            result = session.execute(text("PRAGMA integrity_check")).scalars().all()
            if result != ["ok"]:
                problems.extend(f"database file: {line}" for line in result)
        # Streamed in batches, the signed records of each batch read at once and let go after
        # (issue 10: an authority's file holds a million countersignatures).
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.sequence)
                                 .execution_options(yield_per=BATCH))
        events_checked = 0
        previous, expected_sequence = GENESIS, 1
        for event in events:
            events_checked += 1
            where = f"audit event {event.sequence} ({event.action} {event.subject_kind})"
            if event.sequence != expected_sequence:
                problems.append(f"{where}: expected event {expected_sequence} here; events "
                                f"{expected_sequence} to {event.sequence - 1} are missing "
                                "or out of order")
            if event.previous_hash != previous:
                problems.append(f"{where}: does not follow the event before it (chain broken)")
            recomputed = event_hash(event.previous_hash, event.sequence, event.at,
                                    event.actor_id, event.action, event.subject_kind,
                                    event.subject_id, event.before, event.after)
            if recomputed != event.hash:
                problems.append(f"{where}: its content was changed after it was written")
            previous, expected_sequence = event.hash, event.sequence + 1
        signatures = session.scalars(
            select(Countersignature).order_by(Countersignature.signed_at, Countersignature.id)
            .execution_options(yield_per=BATCH))
        signatures_checked = 0
        for batch in signatures.partitions():
            signatures_checked += len(batch)
            loaded = load_subjects(session, [(sig.subject_kind, sig.subject_id)
                                             for sig in batch])
            for sig in batch:
                what = f"{sig.decision.value} {sig.subject_kind.value} {sig.subject_id}"
                try:
                    current = content_hash(subject_content(session, sig.subject_kind,
                                                           sig.subject_id))
                except RecordNotFound:
                    problems.append(f"{what}: the signed record is missing")
                    continue
                if (sig.decision is CountersignDecision.COUNTERSIGNED
                        and current != sig.content_hash):
                    problems.append(f"{what} (signed {sig.signed_at:%Y-%m-%d %H:%M}): the "
                                    "record was changed after it was countersigned")
            del loaded  # the session holds what it read only weakly: this batch can go
        differing = session.execute(
            select(VisitChild.id, Visit.id).join(Visit, Visit.id == VisitChild.visit_id)
            .where(or_(VisitChild.visit_status != Visit.status,
                       VisitChild.visit_date.is_distinct_from(Visit.visit_date)))
            .order_by(Visit.id, VisitChild.id)
        ).all()
        problems.extend(
            f"visit {visit_id}: entry {entry_id} does not hold the visit's own date and status "
            "(changed outside cpdesk?); the alerts would misread it"
            for entry_id, visit_id in differing)
        signed = VISIT_COUNTERSIGNED.signed()
        miscopied = session.execute(
            select(VisitChild.id, VisitChild.visit_id, VisitChild.visit_countersigned)
            .where(or_(and_(VisitChild.visit_countersigned, ~signed),
                       and_(~VisitChild.visit_countersigned, signed)))
            .order_by(VisitChild.visit_id, VisitChild.id)
        ).all()
        problems.extend(
            f"visit {visit_id}: entry {entry_id} says the visit is "
            f"{'' if said else 'not '}countersigned, but its countersignatures say "
            f"{'not' if said else 'it is'} (changed outside cpdesk?); the alerts would misread it"
            for entry_id, visit_id, said in miscopied)
        signed_minutes = MINUTES_COUNTERSIGNED.signed()
        miscopied_minutes = session.execute(
            select(CoreGroupMeeting.id, CoreGroupMeeting.minutes_countersigned)
            .where(or_(and_(CoreGroupMeeting.minutes_countersigned, ~signed_minutes),
                       and_(~CoreGroupMeeting.minutes_countersigned, signed_minutes)))
            .order_by(CoreGroupMeeting.id)
        ).all()
        problems.extend(
            f"core group meeting {meeting_id}: says its minutes are "
            f"{'' if said else 'not '}countersigned, but their countersignatures say "
            f"{'not' if said else 'they are'} (changed outside cpdesk?); the alerts would "
            "misread it"
            for meeting_id, said in miscopied_minutes)
    return VerifyReport(events_checked, signatures_checked, tuple(problems))
