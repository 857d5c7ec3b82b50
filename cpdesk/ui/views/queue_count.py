"""The status bar's "3 to countersign" (managers only), recounted when the event bus names a
record that can enter or leave the countersign queue; choosing it opens the queue.

Its own small module so the main window can show it at start-up without loading the queue's
window, its review dialog and the visit form (countersign_queue.py: issue 10, start-up); the
countersign service loads with the first count, which the main window makes once the caseload
is on show. Imports services, domain and PySide6.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from cpdesk.domain.actor import Actor
from cpdesk.domain.errors import CpdeskError
from cpdesk.domain.permissions import Permission, can
from cpdesk.lazy import lazy_module
from cpdesk.models.db import Store
from cpdesk.services.changes import Changes
from cpdesk.ui.event_bus import touches

countersign = lazy_module("cpdesk.services.countersign")

# Changes naming any of these may add to or take from the queue.
QUEUE_KINDS = ("visit", "plan", "plan_version", "core_group", "core_group_meeting",
               "core_group_minutes", "review_report", "countersignature", "countersign",
               "addendum", "staff")


class QueueCountLabel(QLabel):
    """'3 to countersign' in the status bar (managers only); choosing it opens the queue."""

    open_queue = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.actor: Actor | None = None
        self.count = 0
        self.setAccessibleName("Records to countersign")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setToolTip("Open the countersign queue (Ctrl+Shift+K)")
        self.linkActivated.connect(lambda _link: self.open_queue.emit())
        self.hide()

    def set_workspace(self, store: Store | None, actor: Actor | None, *,
                      count_now: bool = True) -> None:
        """Count for `actor` on `store`. `count_now=False`: hide the old count and leave the
        counting to a later refresh() (the main window counts once the caseload is shown)."""
        self.store, self.actor = store, actor
        if count_now:
            self.refresh()
        else:
            self.hide()

    def refresh(self) -> None:
        if self.store is None or self.actor is None or not can(self.actor,
                                                               Permission.COUNTERSIGN):
            self.hide()
            return
        try:
            self.count = len(countersign.countersign_queue(self.store, self.actor))
        except CpdeskError:
            self.hide()
            return
        words = self.words
        self.setText(f'<a href="queue">{words}</a>')
        self.setAccessibleDescription(words)
        self.show()

    @property
    def words(self) -> str:
        return "Nothing to countersign" if not self.count else f"{self.count} to countersign"

    def on_changed(self, changes: Changes) -> None:
        if touches(changes, *QUEUE_KINDS):
            self.refresh()
