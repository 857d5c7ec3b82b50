"""The caseload table model on its own: Qt's model checks, sorting, filtering, and speed."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import Qt

from cpdesk.domain.caseload import CaseloadRow
from cpdesk.domain.enums import AlertKind, Category
from cpdesk.ui.table_models.caseload import CaseloadTableModel
from cpdesk.ui.table_models.rows import SORT_ROLE

BASE = CaseloadRow(
    child_id="c0", plan_id="p0", case_number="CP-0", child_name="Amy Smith",
    date_of_birth=date(2019, 5, 1), expected_date_of_birth=None, age="7 years",
    plan_start=date(2026, 9, 1), category=Category.NEGLECT, lead_worker_id="w1",
    lead_worker="Jo Bloggs", last_visit=date(2026, 11, 1), last_seen_alone=date(2026, 11, 1),
    next_visit_due=date(2026, 11, 15), next_core_group=date(2026, 12, 1),
    next_review_conference=date(2027, 3, 1), status="Overdue: Visit", severity="overdue",
    alert_count=2, has_draft_visit=False, worst_kind=AlertKind.VISIT_OVERDUE,
    worst_days_overdue=10,
)


def rows() -> list[CaseloadRow]:
    return [
        BASE,
        replace(BASE, child_id="c1", child_name="Ben Jones", case_number="CP-1",
                status="", severity=None, alert_count=0, last_visit=None, worst_kind=None,
                next_visit_due=date(2026, 12, 2)),
        replace(BASE, child_id="c2", child_name="Cara Brown", case_number="CP-2",
                status="Urgent: Child not seen", severity="urgent", alert_count=1,
                worst_kind=AlertKind.CHILD_UNSEEN, worst_days_overdue=1,
                lead_worker_id="w2", lead_worker="Sam Patel", last_visit=date(2026, 10, 1)),
        replace(BASE, child_id="c3", child_name="Dan Green", case_number="CP-3",
                status="Due soon: Core group", severity="due_soon", alert_count=1,
                worst_kind=AlertKind.CORE_GROUP_OVERDUE, worst_days_overdue=0,
                lead_worker_id="w2", lead_worker="Sam Patel", last_visit=date(2026, 11, 20)),
    ]


def names(model: CaseloadTableModel) -> list[str]:
    return [r.child_name for r in model.shown_rows]


def test_qt_model_checks(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = CaseloadTableModel()
    model.set_rows(rows())
    qtmodeltester.check(model, force_py=True)
    model.sort(model.column_named("Last visit"), Qt.SortOrder.DescendingOrder)
    model.set_filter("sam")
    qtmodeltester.check(model, force_py=True)


def test_sort_status_most_serious_first_and_dates_as_dates() -> None:
    model = CaseloadTableModel()
    model.set_rows(rows())
    model.sort(model.column_named("Status"), Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Cara Brown", "Amy Smith", "Dan Green", "Ben Jones"]
    last_visit = model.column_named("Last visit")
    model.sort(last_visit, Qt.SortOrder.DescendingOrder)
    # newest first as dates (not as text: "Sun 1 Nov" < "Thu 1 Oct" alphabetically); no
    # visit at all stays last either way
    assert names(model) == ["Dan Green", "Amy Smith", "Cara Brown", "Ben Jones"]
    model.sort(last_visit, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Cara Brown", "Amy Smith", "Dan Green", "Ben Jones"]
    index = model.index(0, last_visit)
    assert model.data(index) == "Thu 1 Oct 2026"
    assert model.data(index, SORT_ROLE) == date(2026, 10, 1)
    assert model.data(model.index(3, last_visit)) == "None yet"


def test_filter_by_words_alerts_and_worker() -> None:
    model = CaseloadTableModel()
    model.set_rows(rows())
    model.set_filter("sam urgent")
    assert names(model) == ["Cara Brown"]
    model.set_filter("CP-1")
    assert names(model) == ["Ben Jones"]
    model.set_filter("", only_alerts=True)
    assert "Ben Jones" not in names(model) and len(names(model)) == 3
    model.set_filter(worker_id="w2")
    assert sorted(names(model)) == ["Cara Brown", "Dan Green"]
    model.set_filter(only_alerts=False, worker_id=None)
    assert model.rowCount() == 4


def test_status_reads_without_colour(qapp) -> None:  # type: ignore[no-untyped-def]
    model = CaseloadTableModel()
    model.set_rows(rows())
    status = model.column_named("Status")
    texts = {model.data(model.index(n, status)) for n in range(4)}
    assert texts == {"Overdue: Visit", "On track", "Urgent: Child not seen",
                     "Due soon: Core group"}
    # each severity carries an icon (its shape), not only a colour
    icons = [model.data(model.index(n, status), Qt.ItemDataRole.DecorationRole)
             for n in range(4)]
    assert sum(icon is not None for icon in icons) == 3


def test_twenty_thousand_rows_sort_by_seriousness_and_filter() -> None:
    # How fast lives in bench/ (caseload_sort, caseload_filter); this checks what is shown.
    rng = random.Random(4)
    kinds = [AlertKind.CHILD_UNSEEN, AlertKind.VISIT_OVERDUE, AlertKind.MINUTES_OVERDUE]
    many = []
    for n in range(20_000):
        severity = rng.choice([None, "urgent", "overdue", "due_soon"])
        many.append(replace(
            BASE, child_id=f"c{n}", child_name=f"Child {rng.randrange(10**6)}",
            case_number=f"CP-{n}",
            last_visit=None if n % 17 == 0 else date(2026, 1, 1) + timedelta(rng.randrange(300)),
            severity=severity, worst_kind=rng.choice(kinds) if severity else None,
            worst_days_overdue=rng.randrange(30)))
    model = CaseloadTableModel()
    model.set_rows(many)
    model.sort(model.column_named("Last visit"), Qt.SortOrder.DescendingOrder)
    model.sort(model.column_named("Status"), Qt.SortOrder.AscendingOrder)
    shown = model.shown_rows
    order = {"urgent": 0, "overdue": 1, "due_soon": 2}
    ranks = [(order[r.severity], kinds.index(r.worst_kind), -r.worst_days_overdue)
             for r in shown if r.severity and r.worst_kind]
    assert ranks == sorted(ranks)  # most serious first, kind then lateness within a severity
    assert all(r.severity is None for r in shown[len(ranks):])  # on track last
    model.set_filter("child 12")
    assert 0 < model.rowCount() < 20_000
    assert all("12" in r.child_name or "12" in r.case_number for r in model.shown_rows)
