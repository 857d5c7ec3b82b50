"""The caseload: open (the services' rows and alerts into the table, painted), sort and filter.

The team view is 20,000 rows: the authority's open plans repeated with new ids until there
are 20,000. Floor (issue 10): a QTableView over a plain list model of the same rows (their
cell text).
- caseload_open: the 20,000 rows into the caseload table and the authority's alerts into the
  alerts table, the window painted; floor: the plain model filled and painted.
- caseload_sort / caseload_filter: freshly loaded, sorted by five columns (the first sort of
  each since the load) / filtered as "oli" is typed, each step painted; the figure is the
  slowest step of a run. Floor: the plain list model sorted
  by the same column's text / filtered by substring, painted.
- caseload_read_and_open: what the main window does for an administrator on the whole
  authority's database: the service reading every open plan's rows and alerts (the
  alerts_authority work), then the tables filled and painted. No target of its own (its read
  is alerts_authority's); shown so the whole wait is on record. Floor: as caseload_open, for
  the authority's rows.
Targets (issue 10): open <= 300 ms; no single step over 50 ms.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QTableView, QWidget

from bench.datasets import TODAY, ensure
from bench.harness import Result, median_of
from cpdesk.domain.actor import Actor
from cpdesk.domain.caseload import CaseloadRow
from cpdesk.domain.enums import Role
from cpdesk.models.db import Store, open_store
from cpdesk.ui.table_models.caseload import CaseloadTableModel
from cpdesk.ui.views.alerts_view import AlertsView
from cpdesk.ui.views.caseload_view import CaseloadView

ADMIN = Actor(staff_id=None, name="Benchmark", role=Role.ADMINISTRATOR)
SORT_COLUMNS = ("Name", "Status", "Next visit due", "Age", "Lead worker")
TYPED = ("o", "ol", "oli")
ROWS = 20_000


def load(store: Store) -> tuple[list[Any], list[Any]]:
    """The caseload rows and alerts as the main window loads them."""
    try:
        from cpdesk.services.caseload import load_caseload_with_alerts
    except ImportError:  # before the one-pass service: two passes over the facts
        from cpdesk.services.alerts import alerts_as_of
        from cpdesk.services.caseload import load_caseload
        return load_caseload(store, ADMIN, TODAY), alerts_as_of(store, TODAY)
    result = load_caseload_with_alerts(store, ADMIN, TODAY)
    return result.rows, result.alerts


class PlainTableModel(QAbstractTableModel):
    """The floor: a list of tuples of cell text, nothing else."""

    def __init__(self, columns: int) -> None:
        super().__init__()
        self.rows: list[tuple[str, ...]] = []
        self.columns = columns

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.columns

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None

    def sort_by(self, column: int) -> None:
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=lambda r: r[column])
        self.layoutChanged.emit()


def _cells(rows: list[CaseloadRow]) -> list[tuple[str, ...]]:
    columns = CaseloadTableModel.columns
    return [tuple(c.words(r) for c in columns) for r in rows]


def _many(rows: list[CaseloadRow], n: int) -> list[CaseloadRow]:
    out: list[CaseloadRow] = []
    copy = 0
    while len(out) < n:
        for r in rows:
            if len(out) == n:
                break
            out.append(r if copy == 0 else dataclasses.replace(
                r, child_id=f"{r.child_id}-{copy}", case_number=f"{r.case_number}-{copy}"))
        copy += 1
    return out


def _step(action: Callable[[], object], paint: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    paint()
    return time.perf_counter() - started


def run(scale: str, runs: int) -> list[Result]:
    app = QApplication.instance() or QApplication([])
    store = open_store(ensure(scale))
    window = QWidget()
    layout = QHBoxLayout(window)
    caseload, alerts = CaseloadView(), AlertsView()
    caseload.set_workers([])  # a manager's or administrator's view: the lead worker shown
    layout.addWidget(caseload, 3)
    layout.addWidget(alerts, 2)
    window.resize(1366, 768)
    window.show()
    floor_table = QTableView()
    floor_model = PlainTableModel(len(CaseloadTableModel.columns))
    floor_table.setModel(floor_model)
    floor_table.resize(820, 700)
    floor_table.show()
    app.processEvents()

    def paint() -> None:
        window.repaint()

    def paint_floor() -> None:
        floor_table.repaint()

    rows, alert_list = load(store)
    cells = _cells(rows)

    def open_caseload() -> None:
        got_rows, got_alerts = load(store)
        caseload.set_rows(got_rows)
        alerts.set_alerts(got_alerts)
        paint()

    def open_floor() -> None:
        floor_model.set_rows(list(cells))
        paint_floor()

    read_times, read_floor_times = [], []
    open_caseload()
    for _ in range(runs):
        read_times.append(_step(open_caseload, lambda: None))
        caseload.set_rows([])
        read_floor_times.append(_step(open_floor, lambda: None))
        floor_model.set_rows([])
        app.processEvents()

    many = _many(rows, ROWS)
    many_cells = _cells(many)

    def open_many() -> None:
        caseload.set_rows(many)
        alerts.set_alerts(alert_list)
        paint()

    def open_many_floor() -> None:
        floor_model.set_rows(list(many_cells))
        paint_floor()

    open_times, open_floor_times = [], []
    open_many()
    for _ in range(runs):
        caseload.set_rows([])
        alerts.set_alerts([])
        app.processEvents()
        open_times.append(_step(open_many, lambda: None))
        floor_model.set_rows([])
        app.processEvents()
        open_floor_times.append(_step(open_many_floor, lambda: None))
    columns = [caseload.model.column_named(name) for name in SORT_COLUMNS]
    header = caseload.table.horizontalHeader()
    sort_worst, sort_floor_worst, filter_worst, filter_floor_worst = [], [], [], []
    search = [" ".join(c).casefold() for c in many_cells]
    for n in range(runs + 1):
        # a fresh load each round, so each sort is the first of its column since the load
        # (the model keeps what it works out for a column until the next load)
        caseload.set_rows(many)
        paint()
        order = Qt.SortOrder.AscendingOrder if n % 2 else Qt.SortOrder.DescendingOrder
        sort_steps = [_step(lambda c=c, o=order: caseload.table.sortByColumn(c, o), paint)
                      for c in columns]
        floor_steps = [_step(lambda c=c: floor_model.sort_by(c), paint_floor) for c in columns]
        header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        typed = [_step(lambda t=t: caseload.filter_edit.setText(t), paint) for t in TYPED]
        caseload.filter_edit.setText("")
        floor_typed = [_step(lambda t=t: floor_model.set_rows(
            [c for c, s in zip(many_cells, search, strict=True) if t in s]), paint_floor)
            for t in TYPED]
        floor_model.set_rows(list(many_cells))
        if n:  # the first round warms up
            sort_worst.append(max(sort_steps))
            sort_floor_worst.append(max(floor_steps))
            filter_worst.append(max(typed))
            filter_floor_worst.append(max(floor_typed))
    window.close()
    floor_table.close()
    store.close()
    return [
        Result("caseload_open", median_of(open_times), median_of(open_floor_times), runs,
               target_s=0.3, note=f"{ROWS:,} rows and {len(alert_list):,} alerts"),
        Result("caseload_sort", median_of(sort_worst), median_of(sort_floor_worst), runs,
               target_s=0.05, note=f"{ROWS:,} rows, slowest of {len(columns)} columns"),
        Result("caseload_filter", median_of(filter_worst), median_of(filter_floor_worst), runs,
               target_s=0.05, note=f"{ROWS:,} rows, slowest keystroke of '{TYPED[-1]}'"),
        Result("caseload_read_and_open", median_of(read_times), median_of(read_floor_times),
               runs, note=f"{scale} scale read by the service: {len(rows):,} rows, "
               f"{len(alert_list):,} alerts; no target of its own"),
    ]
