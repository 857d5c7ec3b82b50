"""One dated event in a child's case, as the chronology lists it, and how it is searched.

Plain Python: services/chronology.py fills the entries; the UI filters and shows them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class ChronologyKind(StrEnum):
    VISIT = "visit"
    INCIDENT = "incident"
    CONFERENCE = "conference"
    CORE_GROUP = "core_group"
    PLAN = "plan"
    COUNTERSIGNATURE = "countersignature"

    @property
    def label(self) -> str:
        return {
            "visit": "Visit",
            "incident": "Incident or injury",
            "conference": "Conference",
            "core_group": "Core group",
            "plan": "Plan",
            "countersignature": "Countersignature",
        }[self.value]


@dataclass(frozen=True)
class ChronologyEntry:
    when: date
    kind: ChronologyKind
    title: str  # "Unannounced home visit"
    detail: str  # "Seen alone. Bedroom seen."
    by: str | None  # who recorded or signed it
    record_id: str | None
    # Orders events on the same day (a countersignature after the visit it signs).
    at: datetime | None = None

    def matches(self, words: str) -> bool:
        """True when every word of `words` appears in the entry's text (case-insensitive)."""
        haystack = " ".join(
            (self.title, self.detail, self.by or "", self.kind.label)
        ).casefold()
        return all(word in haystack for word in words.casefold().split())


def newest_first(entries: Iterable[ChronologyEntry]) -> list[ChronologyEntry]:
    """Newest first; same-day events latest-made first, then by kind for a stable order."""
    return sorted(
        entries,
        key=lambda e: (e.when, e.at.timestamp() if e.at else 0.0, e.kind.value, e.title),
        reverse=True,
    )


def filter_entries(
    entries: Iterable[ChronologyEntry], kinds: frozenset[ChronologyKind] | None, words: str
) -> list[ChronologyEntry]:
    """The entries of the chosen kinds (None: all) containing every word searched for."""
    return [
        e for e in entries
        if (kinds is None or e.kind in kinds) and (not words.strip() or e.matches(words))
    ]
