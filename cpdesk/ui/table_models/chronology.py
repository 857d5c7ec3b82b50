"""The chronology table: every dated event, newest first, filtered by kind and searched."""

from __future__ import annotations

from typing import Any

from cpdesk.domain.chronology import ChronologyEntry, ChronologyKind
from cpdesk.ui.table_models.rows import Column, RowsTableModel, date_column


class ChronologyTableModel(RowsTableModel[ChronologyEntry]):
    columns = (
        date_column("Date", lambda e: e.when),
        Column("Kind", lambda e: e.kind.label),
        Column("What happened", lambda e: e.title, bold=lambda e: e.kind is
               ChronologyKind.INCIDENT),
        Column("Details", lambda e: e.detail, tooltip=lambda e: e.detail),
        Column("By", lambda e: e.by or ""),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kind: ChronologyKind | None = None
        self._words = ""

    def set_filter(self, kind: ChronologyKind | None, words: str) -> None:
        self._kind = kind
        self._words = words
        self.refilter()

    def accepts(self, row: ChronologyEntry) -> bool:
        if self._kind is not None and row.kind is not self._kind:
            return False
        return not self._words.strip() or row.matches(self._words)
