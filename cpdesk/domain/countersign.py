"""The countersign state machine (002 s5: the manager reads and countersigns records, reports
and the plan).

A final record waits for countersigning. A manager countersigns it (a signature over a hash of
exactly what was signed) or returns it to its author with a comment. A countersigned record is
locked: corrections are dated addenda by the author, which put it back in the queue. Nothing is
ever deleted; a record entered in error is voided with a reason.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any

from cpdesk.domain.enums import CountersignDecision


class CountersignState(StrEnum):
    AWAITING = "awaiting"  # final, never decided
    COUNTERSIGNED = "countersigned"
    RETURNED = "returned"  # sent back to the author with a comment
    ADDENDUM_AWAITING = "addendum_awaiting"  # countersigned, then an addendum was added

    @property
    def label(self) -> str:
        return {
            "awaiting": "Waiting for countersignature",
            "countersigned": "Countersigned",
            "returned": "Returned to the author",
            "addendum_awaiting": "Addendum waiting for countersignature",
        }[self.value]

    @property
    def in_queue(self) -> bool:
        return self in (CountersignState.AWAITING, CountersignState.ADDENDUM_AWAITING)


def countersign_state(
    decisions: Iterable[tuple[CountersignDecision, datetime]],
    addenda_written: Iterable[datetime] = (),
) -> CountersignState:
    """The state of a final record from its decisions and addenda (any order)."""
    ordered = sorted(decisions, key=lambda d: d[1])
    if not ordered:
        return CountersignState.AWAITING
    decision, at = ordered[-1]
    later_addenda = any(written > at for written in addenda_written)
    if decision is CountersignDecision.RETURNED:
        return CountersignState.AWAITING if later_addenda else CountersignState.RETURNED
    return CountersignState.ADDENDUM_AWAITING if later_addenda else CountersignState.COUNTERSIGNED


def content_hash(content: Any) -> str:
    """SHA-256 of the canonical JSON of a record's content: what a countersignature covers."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str,
                           ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
