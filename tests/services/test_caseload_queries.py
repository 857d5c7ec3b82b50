"""One caseload load reads the store with a fixed number of queries, however many children
(issue 10: never one query per child), and gives the same alerts as `alerts_as_of`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from sqlalchemy import event

from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import RecordStatus, Role
from cpdesk.models.db import Store
from cpdesk.services.alerts import alerts_as_of
from cpdesk.services.caseload import load_caseload, load_caseload_with_alerts
from tests.case_factory import add_meeting, add_visit, make_case, make_team

TODAY = date(2026, 11, 25)


@contextmanager
def counted(store: Store) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


def add_children(store: Store, team: Any, n: int, first: int) -> None:
    jo = team.workers["Jo Bloggs"]
    for k in range(first, first + n):
        case = make_case(store, lead_worker_id=jo, team_id=team.team_id, given_names=f"Kid{k}",
                         manager_id=team.manager_id, start=date(2026, 9, 1))
        add_visit(store, case, TODAY - timedelta(days=3 + k), author_id=jo)
        add_visit(store, case, TODAY - timedelta(days=1), author_id=jo,
                  status=RecordStatus.DRAFT)
        add_meeting(store, case, date(2026, 10, 1))


def test_a_caseload_load_makes_the_same_queries_for_2_or_12_children(store: Store) -> None:
    team = make_team(store)
    manager = Actor(team.manager_id, "Ann Okafor", Role.MANAGER, team.team_id)
    add_children(store, team, 2, 0)
    with counted(store) as few:
        rows = load_caseload_with_alerts(store, manager, TODAY)
    assert len(rows.rows) == 2 and rows.alerts
    add_children(store, team, 10, 2)
    with counted(store) as many:
        rows = load_caseload_with_alerts(store, manager, TODAY)
    assert len(rows.rows) == 12
    assert len(many) == len(few)
    assert len(few) <= 16, few  # plan_facts: 14 statements, plus the profile


def test_rows_and_alerts_come_from_one_read_and_match_the_alerts_service(store: Store) -> None:
    team = make_team(store)
    manager = Actor(team.manager_id, "Ann Okafor", Role.MANAGER, team.team_id)
    add_children(store, team, 3, 0)
    with counted(store) as both:
        loaded = load_caseload_with_alerts(store, manager, TODAY)
    with counted(store) as rows_only:
        rows = load_caseload(store, manager, TODAY)
    assert len(both) == len(rows_only)  # the alerts cost no second read of the facts
    assert loaded.rows == rows
    assert loaded.alerts == alerts_as_of(store, TODAY, team_id=team.team_id)
