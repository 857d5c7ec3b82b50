"""The caseload screen: type-to-filter, only children with alerts, a manager's worker filter,
and the table. Loads off the GUI thread; opening a row asks the window to open the child."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.caseload import CaseloadRow
from cpdesk.domain.staff import StaffMember
from cpdesk.ui.table_models.caseload import CaseloadTableModel
from cpdesk.ui.widgets.fields import heading, labelled, secondary
from cpdesk.ui.widgets.tables import read_only_table

EVERYONE = "Everyone in the team"


class CaseloadView(QWidget):
    child_activated = Signal(str)  # child id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseloadTableModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(8)
        self.title = heading("Your caseload")
        layout.addWidget(self.title)

        controls = QHBoxLayout()
        controls.setSpacing(8)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Name, case number, worker or status")
        self.filter_edit.setClearButtonEnabled(True)
        controls.addWidget(labelled("&Filter children", self.filter_edit))
        controls.addWidget(self.filter_edit, 2)
        self.worker_combo = QComboBox()
        self.worker_label = labelled("&Worker", self.worker_combo)
        controls.addWidget(self.worker_label)
        controls.addWidget(self.worker_combo, 1)
        layout.addLayout(controls)

        row = QHBoxLayout()
        self.only_alerts = QCheckBox("Only children with &alerts")
        self.only_alerts.setAccessibleName("Only children with alerts")
        row.addWidget(self.only_alerts)
        row.addStretch(1)
        self.count_label = secondary()
        self.count_label.setAccessibleName("Children shown")
        row.addWidget(self.count_label)
        layout.addLayout(row)

        widths = (170, 230, 60, 130, 130, 130, 190, 130, 130, 170, 130, 150, 110)
        self.table = read_only_table(self.model, "Caseload", widths)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        # most serious first until the user sorts otherwise
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.table, 1)

        self.filter_edit.textChanged.connect(self._filter_changed)
        # Enter in the filter opens the first child shown; Down moves into the table
        self.filter_edit.returnPressed.connect(self._open_first)
        self.filter_edit.installEventFilter(self)
        self.only_alerts.toggled.connect(self._filter_changed)
        self.worker_combo.currentIndexChanged.connect(self._filter_changed)
        self.table.activated.connect(self._activated)
        self.model.modelReset.connect(self._update_count)
        self.set_workers(None)

    # --- filling ---
    def set_workers(self, workers: list[StaffMember] | None) -> None:
        """A manager's list of workers to filter by; None hides the filter (a social worker)."""
        self.worker_combo.blockSignals(True)
        self.worker_combo.clear()
        if workers is not None:
            self.worker_combo.addItem(EVERYONE, None)
            for w in workers:
                self.worker_combo.addItem(w.name, w.staff_id)
        self.worker_combo.blockSignals(False)
        self.worker_combo.setVisible(workers is not None)
        self.worker_label.setVisible(workers is not None)
        self.title.setText("Your team's caseload" if workers is not None else "Your caseload")
        # a social worker's children are all their own: the lead worker column says nothing
        self.table.setColumnHidden(self.model.column_named("Lead worker"), workers is None)

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        current = self.current_child_id()
        self.model.set_rows(rows)
        if current:
            self.select_child(current)

    # --- reading ---
    def current_child_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row()).child_id

    def select_child(self, child_id: str) -> bool:
        row = self.model.row_of_child(child_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    # --- reacting ---
    def _filter_changed(self, *_: object) -> None:
        self.model.set_filter(
            self.filter_edit.displayText(), only_alerts=self.only_alerts.isChecked(),
            worker_id=self.worker_combo.currentData() if self.worker_combo.count() else None,
        )

    def _open_first(self) -> None:
        if self.model.rowCount():
            self._activated(self.model.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.filter_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
                and self.model.rowCount()):
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.child_activated.emit(self.model.row_at(index.row()).child_id)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.all_rows)
        word = "child" if total == 1 else "children"
        self.count_label.setText(
            f"{total} {word}" if shown == total else f"Showing {shown} of {total} {word}"
        )
