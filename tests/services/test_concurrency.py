"""Two people at once on the same record, through two real sessions (two stores, two engines)
on the same database: SQLite and, when CPDESK_TEST_DATABASE_URL is set, PostgreSQL.

The second save of a changed record is refused with StaleRecord naming who changed it and
when, and nothing is overwritten.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest

from cpdesk.domain.errors import StaleRecord
from cpdesk.models.db import Store, open_store
from cpdesk.services import plans, visits
from cpdesk.services.staff import list_staff
from tests.case_factory import CaseIds, TeamIds, make_case, make_team

TODAY = date(2026, 11, 25)


@pytest.fixture
def second(store: Store) -> Iterator[Store]:
    """Another connection pool on the same database: a second computer."""
    other = open_store(store.url)
    assert other.engine is not store.engine
    yield other
    other.close()


@pytest.fixture
def case(store: Store) -> tuple[TeamIds, CaseIds]:
    team = make_team(store)
    amy = make_case(store, lead_worker_id=team.workers["Jo Bloggs"], team_id=team.team_id,
                    manager_id=team.manager_id)
    return team, amy


def _actor(store: Store, name: str):  # type: ignore[no-untyped-def]
    return next(m for m in list_staff(store) if m.name == name).actor


def test_second_save_of_a_visit_draft_is_refused_and_names_who(
    store: Store, second: Store, case: tuple[TeamIds, CaseIds]
) -> None:
    _team, amy = case
    jo = _actor(store, "Jo Bloggs")
    form = visits.start_visit(store, jo, [amy.child_id], TODAY)
    # Jo has the draft open on the office PC (store) and on the laptop (second).
    on_pc = visits.load_visit(store, form.visit_id)
    on_laptop = visits.load_visit(second, form.visit_id)
    assert on_pc.revision == on_laptop.revision
    pc_text = dataclasses.replace(on_pc.draft, meals="Pasta bake seen in the oven")
    laptop_text = dataclasses.replace(on_laptop.draft, meals="Nothing to eat in the house")

    visits.save_draft(store, jo, form.visit_id, pc_text, on_pc.revision)
    with pytest.raises(StaleRecord) as refused:
        visits.save_draft(second, jo, form.visit_id, laptop_text, on_laptop.revision)

    assert refused.value.who == "Jo Bloggs"
    assert refused.value.when is not None
    assert "Jo Bloggs changed this record at" in str(refused.value)
    for s in (store, second):  # both connections read the first save, untouched
        assert visits.load_visit(s, form.visit_id).draft.meals == "Pasta bake seen in the oven"


def test_second_save_of_a_plan_is_refused_and_names_who(
    store: Store, second: Store, case: tuple[TeamIds, CaseIds]
) -> None:
    _team, amy = case
    manager = _actor(store, "Ann Okafor")
    worker = _actor(second, "Jo Bloggs")
    by_manager = plans.load_plan(store, amy.plan_id)
    by_worker = plans.load_plan(second, amy.plan_id)
    assert by_manager.revision == by_worker.revision

    plans.save_plan(store, manager, amy.plan_id, dataclasses.replace(
        by_manager, contingency_plan="If the home is unsafe, the children stay with Gran."))
    with pytest.raises(StaleRecord) as refused:
        plans.save_plan(second, worker, amy.plan_id, dataclasses.replace(
            by_worker, contingency_plan="Police protection if the mother's partner returns."))

    assert refused.value.who == "Ann Okafor"
    assert refused.value.when is not None
    assert str(refused.value).startswith("Ann Okafor changed this record at")
    for s in (store, second):
        stored = plans.load_plan(s, amy.plan_id)
        assert stored.contingency_plan == "If the home is unsafe, the children stay with Gran."
        assert stored.revision == by_manager.revision + 1

    # The worker reopens the plan, sees the manager's change, and then saves theirs.
    reopened = plans.load_plan(second, amy.plan_id)
    plans.save_plan(second, worker, amy.plan_id, dataclasses.replace(
        reopened, contingency_plan=reopened.contingency_plan + " Police if the partner returns."))
    assert plans.load_plan(store, amy.plan_id).contingency_plan.endswith("partner returns.")
