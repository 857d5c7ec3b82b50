"""The child's record: a header (name, age, case number, plan, lead worker in the profile's
words) over tabs. Each tab is its own view class so later issues can replace it.

Loading is one call to the child's record service and one to the chronology service, both
read-only and quick for one child.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.child_record import ChildRecord
from cpdesk.domain.chronology import ChronologyEntry
from cpdesk.domain.dates import format_date
from cpdesk.ui.views.chronology_tab import ChronologyTab
from cpdesk.ui.views.conferences_tab import ConferencesTab
from cpdesk.ui.views.core_group_view import CoreGroupTabView
from cpdesk.ui.views.overview_tab import OverviewTab
from cpdesk.ui.views.plan_editor import PlanEditorView
from cpdesk.ui.views.visit_records_tab import VisitsTabView
from cpdesk.ui.widgets.fields import heading, secondary

Loader = Callable[[str], tuple[ChildRecord, list[ChronologyEntry]]]


class ChildRecordView(QStackedWidget):
    opened = Signal(str)  # child id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: ChildRecord | None = None
        self.empty = QLabel("Choose a child from the caseload to see their record.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setProperty("role", "secondary")
        self.empty.setWordWrap(True)
        self.addWidget(self.empty)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QFrame()
        header.setProperty("role", "record-header")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(16, 12, 16, 12)
        hl.setSpacing(4)
        self.name_label = heading("")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hl.addWidget(self.name_label)
        self.facts_label = QLabel()
        self.facts_label.setAccessibleName("About the child")
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hl.addWidget(self.facts_label)
        self.plan_label = secondary()
        self.plan_label.setAccessibleName("About the plan")
        hl.addWidget(self.plan_label)
        layout.addWidget(header)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("The child's record")
        self.tabs.setDocumentMode(False)
        self.overview = OverviewTab()
        self.plan = PlanEditorView()
        self.visits = VisitsTabView()
        self.core_group = CoreGroupTabView()
        self.conferences = ConferencesTab()
        self.chronology = ChronologyTab()
        self.pages: list[QWidget] = [self.overview, self.plan, self.visits, self.core_group,
                                     self.conferences, self.chronology]
        for tab in self.pages:
            self.tabs.addTab(tab, tab.title)  # type: ignore[attr-defined]
        layout.addWidget(self.tabs, 1)
        self.addWidget(page)
        self.page = page

    # --- showing ---
    def show_child(self, record: ChildRecord, chronology: list[ChronologyEntry]) -> None:
        self.record = record
        self.name_label.setText(record.name)
        self.name_label.setAccessibleName(f"Child: {record.name}")
        born = (f"born {format_date(record.date_of_birth)}" if record.date_of_birth else None)
        facts = [record.age if not born else f"{record.age}, {born}",
                 f"Case number {record.case_number}"]
        if record.known_as:
            facts = [f"known as {record.known_as}", *facts]
        self.facts_label.setText("   ·   ".join(facts))
        plan = record.plan
        lines = []
        if plan is not None:
            lines.append(f"{plan.current_category.label}, {record.plan_name} since "
                         f"{format_date(plan.start_date)}")
        lines.append(f"{record.worker_title}: {record.lead_worker or 'not allocated'}")
        self.plan_label.setText("   ·   ".join(lines))
        for tab in self.pages:
            tab.show_record(record)  # type: ignore[attr-defined]
        self.chronology.show_entries(chronology)
        self.setCurrentWidget(self.page)
        self.opened.emit(record.child_id)

    def clear(self) -> None:
        self.record = None
        for tab in self.pages:
            tab.clear()  # type: ignore[attr-defined]
        self.setCurrentWidget(self.empty)

    def select_tab(self, title: str) -> None:
        for n in range(self.tabs.count()):
            if self.tabs.tabText(n) == title:
                self.tabs.setCurrentIndex(n)
                return

    @property
    def current_tab(self) -> str:
        return self.tabs.tabText(self.tabs.currentIndex())

    @property
    def child_id(self) -> str | None:
        return self.record.child_id if self.record else None
