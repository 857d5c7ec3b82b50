"""Two people at once on the same record, through two real sessions (two stores, two engines)
on the same database: SQLite and, when CPDESK_TEST_DATABASE_URL is set, PostgreSQL.

The second save of a changed record is refused with StaleRecord naming who changed it and
when, and nothing is overwritten.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, time

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from cpdesk.domain.enums import CountersignSubject, RecordStatus, RiskTrend, VisitType
from cpdesk.domain.errors import StaleRecord
from cpdesk.domain.visit import VisitForm
from cpdesk.domain.visit_validation import VisitDraft
from cpdesk.models import AuditEvent, Observation, Visit, VisitChild
from cpdesk.models.db import Store, open_store
from cpdesk.services import plans, visits
from cpdesk.services.countersign import void_record
from cpdesk.services.staff import list_staff
from cpdesk.services.verify import verify
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


def _complete(form: VisitForm) -> VisitDraft:
    """Every required answer given, and an observation on each concern."""
    children = tuple(
        dataclasses.replace(
            child, child_seen=True, seen_alone=True, seen_awake=True, bedroom_seen=True,
            presentation_and_behaviour="Wearing a clean red jumper; showed me a drawing.",
            new_incidents=False,
            observations=tuple(dataclasses.replace(
                o, observation="Food in the fridge.", risk_trend=RiskTrend.REDUCED)
                for o in child.observations),
        )
        for child in form.draft.children
    )
    return dataclasses.replace(
        form.draft, start_time=time(16, 30), visit_type=VisitType.UNANNOUNCED,
        present="Mother and Amy", sleeping_arrangements="Own bed.", meals="Pasta for tea.",
        children=children,
    )


def _finalised_nothing(store: Store, visit_id: str) -> None:
    """Nothing of a refused finalise is in the store, and the store is intact."""
    assert visits.load_visit(store, visit_id).status is not RecordStatus.FINAL
    with store.session() as session:
        assert "finalise_visit" not in session.scalars(select(AuditEvent.action)).all()
        assert "Food in the fridge." not in session.scalars(
            select(Observation.observation).join(VisitChild)
            .where(VisitChild.visit_id == visit_id)).all()
    assert verify(store).problems == ()


def test_finalising_a_draft_saved_elsewhere_since_is_refused_and_names_who(
    store: Store, second: Store, case: tuple[TeamIds, CaseIds]
) -> None:
    _team, amy = case
    jo = _actor(store, "Jo Bloggs")
    form = visits.start_visit(store, jo, [amy.child_id], TODAY)
    on_pc = visits.load_visit(store, form.visit_id)
    on_laptop = visits.load_visit(second, form.visit_id)
    visits.save_draft(second, jo, form.visit_id,
                      dataclasses.replace(on_laptop.draft, meals="Nothing to eat"),
                      on_laptop.revision)

    with pytest.raises(StaleRecord) as refused:
        visits.finalise_visit(store, jo, form.visit_id, _complete(on_pc), TODAY, True,
                              expected_revision=on_pc.revision)

    assert refused.value.who == "Jo Bloggs" and refused.value.when is not None
    _finalised_nothing(store, form.visit_id)
    assert visits.load_visit(store, form.visit_id).draft.meals == "Nothing to eat"


def test_a_change_between_reading_and_writing_a_visit_is_refused_and_names_who(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The revision read is checked again by the writes themselves (each row's UPDATE is for
    # the revision read), so a change committed while the record is being checked is not
    # overwritten. SQLite only: on PostgreSQL the visit's row is locked from the read to the
    # commit, so the other writer waits instead (and would wait here for this same thread).
    store = sqlite_store
    team = make_team(store)
    amy = make_case(store, lead_worker_id=team.workers["Jo Bloggs"], team_id=team.team_id,
                    manager_id=team.manager_id)
    jo, ann = _actor(store, "Jo Bloggs"), _actor(store, "Ann Okafor")
    form = visits.start_visit(store, jo, [amy.child_id], TODAY)
    other = open_store(store.url)
    real_validate = visits.validate_visit

    def void_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        void_record(other, ann, CountersignSubject.VISIT, form.visit_id, "Wrong family.")
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(visits, "validate_visit", void_meanwhile)
    try:
        with pytest.raises(StaleRecord) as refused:
            visits.finalise_visit(store, jo, form.visit_id, _complete(form), TODAY, True,
                                  expected_revision=form.revision)
    finally:
        other.close()

    assert refused.value.who == "Ann Okafor" and refused.value.when is not None
    assert visits.load_visit(store, form.visit_id).status is RecordStatus.VOIDED
    _finalised_nothing(store, form.visit_id)


def test_on_postgresql_the_visit_is_locked_from_its_read_to_the_commit(
    postgres_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The other half of the above: there, another writer cannot change the row in between.
    store = postgres_store
    team = make_team(store)
    amy = make_case(store, lead_worker_id=team.workers["Jo Bloggs"], team_id=team.team_id)
    jo = _actor(store, "Jo Bloggs")
    form = visits.start_visit(store, jo, [amy.child_id], TODAY)
    other = open_store(store.url)
    real_validate = visits.validate_visit
    refused: list[str] = []

    def try_to_lock_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        with other.engine.connect() as conn:
            try:
                conn.execute(select(Visit.id).where(Visit.id == form.visit_id)
                             .with_for_update(nowait=True))
            except OperationalError as exc:
                refused.append(type(exc.orig).__name__)
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(visits, "validate_visit", try_to_lock_meanwhile)
    try:
        visits.finalise_visit(store, jo, form.visit_id, _complete(form), TODAY, True,
                              expected_revision=form.revision)
    finally:
        other.close()

    assert refused == ["LockNotAvailable"]
    assert visits.load_visit(store, form.visit_id).status is RecordStatus.FINAL


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
