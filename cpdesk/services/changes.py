"""What a service touched, so the UI can refresh exactly the views that show it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    kinds: frozenset[str] = field(default_factory=frozenset)  # e.g. {"visit", "plan"}
    ids: frozenset[str] = field(default_factory=frozenset)
    child_ids: frozenset[str] = field(default_factory=frozenset)
    message: str = ""  # "Visit finalised. It is now waiting for your manager to countersign."

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.kinds | other.kinds,
            self.ids | other.ids,
            self.child_ids | other.child_ids,
            other.message or self.message,
        )
