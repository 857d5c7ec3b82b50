"""The chronology: every dated event of the case, newest first; filter by kind, search."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from cpdesk.domain.child_record import ChildRecord
from cpdesk.domain.chronology import ChronologyEntry, ChronologyKind
from cpdesk.ui.table_models.chronology import ChronologyTableModel
from cpdesk.ui.widgets.fields import labelled, secondary
from cpdesk.ui.widgets.tables import read_only_table

ALL_EVENTS = "All events"


class ChronologyTab(QWidget):
    title = "Chronology"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        controls = QHBoxLayout()
        controls.setSpacing(8)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(ALL_EVENTS, None)
        for kind in ChronologyKind:
            self.kind_combo.addItem(kind.label, kind)
        controls.addWidget(labelled("&Show", self.kind_combo))
        controls.addWidget(self.kind_combo)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText("For example: injury, seen alone, a name")
        controls.addWidget(labelled("S&earch the chronology", self.search_edit))
        controls.addWidget(self.search_edit, 1)
        layout.addLayout(controls)
        self.count_label = secondary()
        self.count_label.setAccessibleName("Events shown")
        layout.addWidget(self.count_label)
        self.model = ChronologyTableModel(self)
        self.table = read_only_table(self.model, "Chronology", (125, 132, 200, 330))
        # a chronology is read: details wrap instead of being cut off
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        self.kind_combo.currentIndexChanged.connect(self._filter)
        self.search_edit.textChanged.connect(self._filter)
        self.model.modelReset.connect(self._count)
        self.model.modelReset.connect(self.table.resizeRowsToContents)
        self.model.layoutChanged.connect(self.table.resizeRowsToContents)

    def show_record(self, record: ChildRecord) -> None:
        """The chronology comes separately (show_entries); the record itself adds nothing."""

    def show_entries(self, entries: list[ChronologyEntry]) -> None:
        self.model.set_rows(entries)  # newest first, as the service gives them

    def _filter(self, *_: object) -> None:
        # Qt hands the enum back as its plain string value
        data = self.kind_combo.currentData()
        self.model.set_filter(ChronologyKind(data) if data else None, self.search_edit.displayText())

    def _count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.all_rows)
        self.count_label.setText(
            f"{total} events" if shown == total else f"Showing {shown} of {total} events"
        )

    def clear(self) -> None:
        self.model.set_rows([])
