"""The child's Visits tab with recording: the list of visits, "New visit" and "Open".

Like the other record tabs it has `title`, `show_record` and `clear`, plus
`set_workspace(store, actor, today)` so it can call the visit services.
"New visit" offers the brothers and sisters on plans in the same household (one household
visit), starts the draft and opens the form; "Open" (or Enter / double-click) opens any visit.
Starting a visit, finalising and addenda are re-announced on `changed` (Changes) for the event
bus; autosaves only refresh this tab.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.domain.child_record import ChildRecord
from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import CountersignSubject, RecordStatus
from cpdesk.domain.errors import CpdeskError
from cpdesk.domain.permissions import Permission, can
from cpdesk.domain.visit import VisitChildInfo, VisitRow
from cpdesk.models.db import Store
from cpdesk.services import visits
from cpdesk.services.changes import Changes
from cpdesk.ui.table_models.visits_table_model import VisitRecordsTableModel
from cpdesk.ui.views.visit_form import VisitFormDialog
from cpdesk.ui.views.void_record import VoidRecordDialog
from cpdesk.ui.widgets.tables import OpenRowTable, chosen_record, proxy_sorted_table


class ChooseChildrenDialog(QDialog):
    """Who was the visit for? The child, and any brothers and sisters seen at the same visit."""

    def __init__(self, child_name: str, siblings: list[VisitChildInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New visit")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        question = QLabel("Who was this visit for?")
        question.setStyleSheet("font-size: 13pt; font-weight: 700;")
        layout.addWidget(question)
        hint = QLabel(f"{', '.join(s.first_name for s in siblings)} also "
                      f"{'lives' if len(siblings) == 1 else 'live'} in this household and "
                      f"{'is' if len(siblings) == 1 else 'are'} on a plan. Tick everyone you "
                      "visited: the shared facts are written once, and each child gets their "
                      "own answers.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #505a5f;")
        layout.addWidget(hint)
        fixed = QCheckBox(child_name)
        fixed.setChecked(True)
        fixed.setEnabled(False)
        layout.addWidget(fixed)
        self.boxes: list[tuple[QCheckBox, VisitChildInfo]] = []
        for sibling in siblings:
            box = QCheckBox(sibling.name)
            box.setAccessibleName(sibling.name)
            box.setChecked(True)
            layout.addWidget(box)
            self.boxes.append((box, sibling))
        buttons = QDialogButtonBox()
        start = buttons.addButton("Start the visit record", QDialogButtonBox.ButtonRole.AcceptRole)
        start.setAccessibleName("Start the visit record")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        return [info.child_id for box, info in self.boxes if box.isChecked()]


class VisitsTabView(QWidget):
    title = "Visits"
    changed = Signal(object)  # Changes from the form and from starting a visit

    def __init__(self, parent: QWidget | None = None, *, store: Store | None = None,
                 actor: Actor | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor, self.today = store, actor, today
        self.child_id: str | None = None
        self.child_name = ""
        self.forms: dict[str, VisitFormDialog] = {}
        self.void_dialog: VoidRecordDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        row = QHBoxLayout()
        self.new_button = QPushButton("New visit")
        self.new_button.setAccessibleName("New visit")
        self.new_button.setToolTip("Record a new home visit (Ctrl+Shift+V)")
        self.new_button.clicked.connect(self.new_visit)
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open visit")
        self.open_button.clicked.connect(self.open_selected)
        self.void_button = QPushButton("Void this record…")
        self.void_button.setAccessibleName("Void this record")
        self.void_button.setToolTip("Mark a visit entered in error as voided, with the reason. "
                                    "It stays on the file.")
        self.void_button.clicked.connect(self.void_selected)
        row.addWidget(self.new_button)
        row.addWidget(self.open_button)
        row.addWidget(self.void_button)
        self.summary = QLabel()
        self.summary.setAccessibleName("Visits summary")
        self.summary.setStyleSheet("color: #505a5f; padding-left: 12px;")
        row.addWidget(self.summary, 1)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.message.hide()
        layout.addWidget(self.message)
        self.model = VisitRecordsTableModel(self)
        self.table = OpenRowTable()
        self.proxy, _ = proxy_sorted_table(  # newest first
            self.model, "Visits", (140, 90, 150, 110, 180, 150, 120),
            self.model.column_named("Date"), Qt.SortOrder.DescendingOrder, table=self.table)
        self.table.open_requested.connect(self.open_selected)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        layout.addWidget(self.table, 1)
        self._enable()

    # --- context and showing ---
    def set_workspace(self, store: Store | None, actor: Actor | None, today: date | None
                      ) -> None:
        self.store, self.actor, self.today = store, actor, today
        self._enable()

    def show_record(self, record: ChildRecord) -> None:
        self.show_child(record.child_id, record.name)

    def show_child(self, child_id: str, child_name: str = "") -> None:
        self.child_id = child_id
        self.child_name = child_name or self.child_name
        self.refresh()

    def clear(self) -> None:
        self.child_id = None
        self.model.set_rows([])
        self.summary.clear()
        self._enable()

    def refresh(self) -> None:
        if self.store is None or self.child_id is None:
            self.model.set_rows([])
            self._enable()
            return
        rows = visits.list_visits(self.store, self.child_id)
        self.model.set_rows(rows)
        final = sum(1 for r in rows if r.status.value == "final")
        drafts = sum(1 for r in rows if r.status.value == "draft")
        text = f"{final} visit{'s' if final != 1 else ''} recorded"
        if drafts:
            text += f", {drafts} draft{'s' if drafts != 1 else ''} not yet finalised"
        voided = sum(1 for r in rows if r.status.value == "voided")
        if voided:
            text += f", {voided} voided"
        self.summary.setText(text + ".")
        self._enable()

    def on_changed(self, changes: Changes) -> None:
        """For the event bus: refresh when a change names this child's visits."""
        if self.child_id and ("*" in changes.kinds or self.child_id in changes.child_ids):
            self.refresh()

    def _enable(self) -> None:
        ready = self.store is not None and self.actor is not None and self.child_id is not None
        self.new_button.setEnabled(ready and self.today is not None)
        self.open_button.setEnabled(ready and self.model.rowCount() > 0)
        row = self._selected_row()
        self.void_button.setVisible(self.actor is not None
                                    and can(self.actor, Permission.VOID_RECORD))
        self.void_button.setEnabled(ready and row is not None
                                    and row.status is not RecordStatus.VOIDED)

    def _selected_row(self) -> VisitRow | None:
        return chosen_record(self.table)

    def ask_void(self, visit_id: str, what: str) -> Changes | None:
        """Ask why, and void the visit; None if the worker cancelled (tests may replace)."""
        assert self.store is not None and self.actor is not None
        dialog = VoidRecordDialog(self.store, self.actor, CountersignSubject.VISIT, visit_id,
                                  what, self)
        self.void_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.void_dialog = None
        return dialog.changes if accepted else None

    def void_selected(self) -> None:
        """"Void this record…": the visit stays on the file, marked voided with the reason."""
        row = self._selected_row()
        if row is None or self.store is None or self.actor is None:
            return
        day = format_date(row.visit_date) if row.visit_date else "with no date"
        changes = self.ask_void(row.visit_id, f"the visit record of {day}")
        if changes is None:
            return
        self.refresh()
        self.changed.emit(Changes(changes.kinds | {"visit"}, changes.ids,
                                  changes.child_ids | {self.child_id or ""} - {""},
                                  changes.message))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("background: #fbeaea; border-left: 6px solid #b10e1e; "
                                   "padding: 8px 12px;")
        self.message.setVisible(bool(text))

    # --- actions ---
    def choose_children(self, siblings: list[VisitChildInfo]) -> list[str] | None:
        """Which brothers and sisters to add; None if the worker cancelled (tests replace)."""
        dialog = ChooseChildrenDialog(self.child_name or "This child", siblings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def new_visit(self) -> VisitFormDialog | None:
        if not (self.store and self.actor and self.child_id and self.today):
            return None
        try:
            siblings = visits.household_siblings(self.store, [self.child_id], self.today)
            extra: list[str] = []
            if siblings:
                chosen = self.choose_children(siblings)
                if chosen is None:
                    return None
                extra = chosen
            now = datetime.now().time().replace(second=0, microsecond=0)
            form = visits.start_visit(self.store, self.actor, [self.child_id, *extra],
                                      self.today, start_time=now)
        except CpdeskError as exc:
            self._say(str(exc))
            return None
        self.refresh()
        self.changed.emit(Changes(kinds=frozenset({"visit"}), ids=frozenset({form.visit_id}),
                                  child_ids=frozenset(c.child_id for c in form.children)))
        return self.open_visit(form.visit_id)

    def selected_visit_id(self) -> str | None:
        row = self._selected_row()
        return row.visit_id if row is not None else None

    def open_selected(self) -> VisitFormDialog | None:
        visit_id = self.selected_visit_id()
        return self.open_visit(visit_id) if visit_id else None

    def open_visit(self, visit_id: str) -> VisitFormDialog | None:
        if not (self.store and self.actor and self.today):
            return None
        existing = self.forms.get(visit_id)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        try:
            form = VisitFormDialog(self.store, self.actor, visit_id, self.today, self.window())
        except CpdeskError as exc:
            self._say(str(exc))
            return None
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.changed.connect(self._form_changed)
        form.finished.connect(lambda _r, v=visit_id: self.forms.pop(v, None))
        self.forms[visit_id] = form
        form.show()
        return form

    def _form_changed(self, changes: Changes) -> None:
        self.refresh()
        # Autosaves (every second of typing) stay local; finalising and addenda are announced
        # so the caseload, alerts and child record update at once.
        if changes.message:
            self.changed.emit(changes)

