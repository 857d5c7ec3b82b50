"""What every tab of the child's record offers, so a later issue can swap a tab for an editor."""

from __future__ import annotations

from typing import Protocol

from cpdesk.domain.child_record import ChildRecord


class RecordTab(Protocol):
    title: str  # the tab's label: "Overview", "Plan", "Visits"...

    def show_record(self, record: ChildRecord) -> None:
        """Show this child's record (replacing whatever was shown)."""

    def clear(self) -> None:
        """Show nothing (no child open)."""
