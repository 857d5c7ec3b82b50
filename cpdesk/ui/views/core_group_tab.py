"""The core group: its members and its meetings, read-only for now (the core group issue
replaces this tab)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from cpdesk.domain.child_record import ChildRecord
from cpdesk.ui.table_models.records import MeetingsTableModel, MembersTableModel
from cpdesk.ui.widgets.fields import heading
from cpdesk.ui.widgets.tables import read_only_table


class CoreGroupTab(QWidget):
    title = "Core group"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        split = QSplitter(Qt.Orientation.Vertical)
        members = QWidget()
        ml = QVBoxLayout(members)
        ml.setContentsMargins(0, 0, 0, 0)
        self.members_heading = heading("Members", "subheading")
        ml.addWidget(self.members_heading)
        self.members = MembersTableModel(self)
        self.members_table = read_only_table(self.members, "Members", (170, 150, 130, 190, 120))
        ml.addWidget(self.members_table)
        meetings = QWidget()
        mtl = QVBoxLayout(meetings)
        mtl.setContentsMargins(0, 0, 0, 0)
        self.meetings_heading = heading("Meetings", "subheading")
        mtl.addWidget(self.meetings_heading)
        self.meetings = MeetingsTableModel(self)
        self.meetings_table = read_only_table(self.meetings, "Meetings",
                                              (130, 130, 120, 220, 150, 140))
        mtl.addWidget(self.meetings_table)
        split.addWidget(members)
        split.addWidget(meetings)
        layout.addWidget(split, 1)

    def show_record(self, record: ChildRecord) -> None:
        self.members.set_rows(list(record.members))
        self.meetings.set_rows(list(record.meetings))
        self.members_heading.setText(f"Members ({len(record.members)})")
        self.meetings_heading.setText(f"Meetings ({len(record.meetings)})")

    def clear(self) -> None:
        self.members.set_rows([])
        self.meetings.set_rows([])
