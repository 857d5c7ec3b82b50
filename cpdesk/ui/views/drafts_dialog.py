"""Unfinished visit records, offered back when cpdesk starts (issue 5: nothing is lost).

Drafts are saved as the worker types, so after a closed window, a crash or a flat battery the
record is waiting here; choosing one opens it in the visit form.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.dates import format_date
from cpdesk.domain.visit import DraftEntry


def describe(draft: DraftEntry) -> str:
    when = format_date(draft.visit_date) if draft.visit_date else "no date yet"
    return f"{draft.child_names}: visit on {when}"


class DraftsDialog(QDialog):
    """The worker's unfinished visit records; `open_draft(visit_id, child_id)` opens one."""

    open_draft = Signal(str, str)

    def __init__(self, drafts: list[DraftEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unfinished visit records")
        layout = QVBoxLayout(self)
        n = len(drafts)
        intro = QLabel(
            f"You have {n} visit record{'s' if n != 1 else ''} that {'are' if n != 1 else 'is'} "
            "not finalised yet. Everything you typed was saved. Open a record to finish it."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Unfinished visit records")
        for draft in drafts:
            item = QListWidgetItem(describe(draft))
            item.setData(Qt.ItemDataRole.UserRole, (draft.visit_id, draft.child_ids[0]))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self._open())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton("Later", QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setAccessibleName("Open")
        self.later_button.setAccessibleName("Later")
        self.open_button.clicked.connect(self._open)
        self.later_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def _open(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        visit_id, child_id = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
        self.open_draft.emit(visit_id, child_id)
