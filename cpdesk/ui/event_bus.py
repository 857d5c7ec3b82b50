"""The one place changes are announced: services return Changes, the bus broadcasts them once.

Views listen to `changed` and refresh only what the Changes name (Anki's operations pattern).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from cpdesk.services.changes import Changes


class EventBus(QObject):
    changed = Signal(object)  # Changes

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)


# What a refresh (F5) announces: everything may have changed.
EVERYTHING = Changes(kinds=frozenset({"*"}))


def touches(changes: Changes, *kinds: str) -> bool:
    """True when the change names any of `kinds` (or everything)."""
    return "*" in changes.kinds or bool(changes.kinds & set(kinds))
