"""The child's record: a header (name, age, case number, plan, lead worker in the profile's
words) over tabs. Each tab is its own view class so later issues can replace it.

Loading is one call to the child's record service and one to the chronology service, both
read-only and quick for one child.

Start-up builds only the line asking to choose a child (issue 10: the first screen is the
caseload); the record's page (the header over the tabs, with the overview) is built the first
time it is needed, a child shown or a tab chosen. Every other tab is listed in LAZY_TABS and
built, its module imported with importlib, the first time it is shown or used (`view.plan`, `view.visits`, ... build it on first access), then given the workspace,
the record on show and its signals, exactly as if it had been built up front. Nothing else may
import those tab modules at start-up for this to pay.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.domain.dates import format_date
from cpdesk.models.db import Store
from cpdesk.ui.views.overview_tab import OverviewTab
from cpdesk.ui.widgets.fields import heading, secondary

if TYPE_CHECKING:  # for types only: the tabs' modules load when a tab is built, the records'
    # with the first child opened
    from cpdesk.domain.child_record import ChildRecord
    from cpdesk.domain.chronology import ChronologyEntry
    from cpdesk.ui.views.chronology_tab import ChronologyTab
    from cpdesk.ui.views.conferences_tab import ConferencesTab
    from cpdesk.ui.views.core_group_view import CoreGroupTabView
    from cpdesk.ui.views.plan_editor import PlanEditorView
    from cpdesk.ui.views.visit_records_tab import VisitsTabView

# The tabs after the overview, in order: (attribute, tab title, "module:Class"). The title is
# the class's own `title` (checked when the tab is built).
LAZY_TABS: tuple[tuple[str, str, str], ...] = (
    ("plan", "Plan", "cpdesk.ui.views.plan_editor:PlanEditorView"),
    ("visits", "Visits", "cpdesk.ui.views.visit_records_tab:VisitsTabView"),
    ("core_group", "Core group", "cpdesk.ui.views.core_group_view:CoreGroupTabView"),
    ("conferences", "Conferences", "cpdesk.ui.views.conferences_tab:ConferencesTab"),
    ("chronology", "Chronology", "cpdesk.ui.views.chronology_tab:ChronologyTab"),
)


def _tab_class(target: str) -> type[QWidget]:
    module, _, name = target.partition(":")
    cls: type[QWidget] = getattr(importlib.import_module(module), name)
    return cls


class _RecordPage:
    """The page a child's record is shown on: the header (name, facts, plan) over the tabs,
    each lazy tab in an empty holder until it is built."""

    def __init__(self) -> None:
        self.page = page = QWidget()
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
        self.tabs.addTab(self.overview, self.overview.title)
        self.holders: dict[str, QWidget] = {}  # where each lazy tab goes in self.tabs
        for name, title, _target in LAZY_TABS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.holders[name] = holder
            self.tabs.addTab(holder, title)
        layout.addWidget(self.tabs, 1)


class ChildRecordView(QStackedWidget):
    opened = Signal(str)  # child id
    changed = Signal(object)  # Changes from the plan, visits and core group tabs
    open_plan_editor = Signal(str, str)  # the core group tab's: plan id, the changes agreed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: ChildRecord | None = None
        self.empty = QLabel("Choose a child from the caseload to see their record.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setProperty("role", "secondary")
        self.empty.setWordWrap(True)
        self.addWidget(self.empty)

        self._built: dict[str, QWidget] = {}  # the lazy tabs built so far, by attribute
        self._workspace: tuple[Store | None, Actor | None, date] | None = None
        self._chronology: list[ChronologyEntry] = []
        self._page: _RecordPage | None = None  # built when first needed (the module docstring)

    # --- the record's page: its header over the tabs, built on first use ---
    def _record_page(self) -> _RecordPage:
        if self._page is None:
            self._page = _RecordPage()
            self._page.tabs.currentChanged.connect(self._build_at)
            self.addWidget(self._page.page)
        return self._page

    @property
    def page(self) -> QWidget:
        return self._record_page().page

    @property
    def tabs(self) -> QTabWidget:
        return self._record_page().tabs

    @property
    def overview(self) -> OverviewTab:
        return self._record_page().overview

    @property
    def name_label(self) -> QLabel:
        return self._record_page().name_label

    @property
    def facts_label(self) -> QLabel:
        return self._record_page().facts_label

    @property
    def plan_label(self) -> QLabel:
        return self._record_page().plan_label

    # --- the lazy tabs ---
    @property
    def plan(self) -> PlanEditorView:
        return self._tab("plan")  # type: ignore[return-value]

    @property
    def visits(self) -> VisitsTabView:
        return self._tab("visits")  # type: ignore[return-value]

    @property
    def core_group(self) -> CoreGroupTabView:
        return self._tab("core_group")  # type: ignore[return-value]

    @property
    def conferences(self) -> ConferencesTab:
        return self._tab("conferences")  # type: ignore[return-value]

    @property
    def chronology(self) -> ChronologyTab:
        return self._tab("chronology")  # type: ignore[return-value]

    def unsaved_plan_of(self) -> str | None:
        """Whose plan has changes not saved yet (the child's name), or None. Only the plan
        keeps typing in the window until it is saved; visit records save as drafts as typed."""
        editor = self._built.get("plan")
        if editor is None or not editor.has_unsaved_changes():  # type: ignore[attr-defined]
            return None
        record = editor.record()  # type: ignore[attr-defined]
        return record.child_name if record is not None and record.child_name else "the child"

    @property
    def pages(self) -> list[QWidget]:
        """The tabs built so far, in tab order (the overview, once the record's page is)."""
        if self._page is None:
            return []
        return [self.overview, *(self._built[n] for n, _, _ in LAZY_TABS if n in self._built)]

    def _build_at(self, index: int) -> None:
        for name, holder in self._record_page().holders.items():
            if self.tabs.widget(index) is holder:
                self._tab(name)

    def _tab(self, name: str) -> QWidget:
        """The tab called `name`, built now if this is its first use."""
        tab = self._built.get(name)
        if tab is not None:
            return tab
        [(title, target)] = [(t, target) for n, t, target in LAZY_TABS if n == name]
        tab = _tab_class(target)()
        if getattr(tab, "title", title) != title:
            raise RuntimeError(f"LAZY_TABS says the {name} tab is called {title!r}, "
                               f"but {target} says {tab.title!r}")  # type: ignore[attr-defined]
        self._built[name] = tab
        for signal in ("changed", "open_plan_editor"):
            if hasattr(tab, signal):
                getattr(tab, signal).connect(getattr(self, signal).emit)
        if self._workspace is not None and hasattr(tab, "set_workspace"):
            tab.set_workspace(*self._workspace)
        if self.record is not None:
            tab.show_record(self.record)  # type: ignore[attr-defined]
        if name == "chronology":
            tab.show_entries(self._chronology)  # type: ignore[attr-defined]
        holder = self._record_page().holders[name]
        holder.layout().addWidget(tab)
        tab.show()  # at once, not when the event loop next runs (a visible holder's new child)
        holder.setFocusProxy(tab)
        return tab

    def set_workspace(self, store: Store | None, actor: Actor | None, today: date) -> None:
        """The store, person and day the tabs that record things work with (on sign-in)."""
        self._workspace = (store, actor, today)
        for tab in self._built.values():
            if hasattr(tab, "set_workspace"):
                tab.set_workspace(store, actor, today)

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
        self._chronology = chronology
        for tab in self.pages:
            tab.show_record(record)  # type: ignore[attr-defined]
        if "chronology" in self._built:
            self.chronology.show_entries(chronology)
        self.setCurrentWidget(self.page)
        self.opened.emit(record.child_id)

    def clear(self) -> None:
        self.record = None
        self._chronology = []
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
