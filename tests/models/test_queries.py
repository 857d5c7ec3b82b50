"""plan_facts: the store's facts for the alert rules, gathered with a fixed number of queries."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from sqlalchemy import event

from cpdesk.domain.enums import AlertKind, PlanStatus, RecordStatus, Severity
from cpdesk.models.db import Store, open_store
from cpdesk.models.queries import plan_facts
from cpdesk.services.alerts import alerts_as_of
from tests.factories import make_child, make_meeting, make_plan, make_staff, make_visit

TODAY = date(2026, 11, 25)


def test_facts_come_from_final_visits_since_the_plan_began(store: Store) -> None:
    with store.session() as session:
        worker = make_staff(session, name="Asha Patel")
        child = make_child(session, case_number="C1")
        plan = make_plan(session, child, start_date=date(2026, 10, 1), lead_worker_id=worker.id)
        make_visit(session, [child], date(2026, 9, 1))  # before the plan: ignored
        make_visit(session, [child], date(2026, 10, 10), seen_alone=True, bedroom_seen=True)
        make_visit(session, [child], date(2026, 11, 2), seen_alone=False,
                   not_seen_alone_reason="Mother refused", bedroom_seen=False)
        make_visit(session, [child], date(2026, 11, 20), status=RecordStatus.DRAFT)
        held = make_meeting(session, plan, date(2026, 10, 15), held_on=date(2026, 10, 14))
        make_meeting(session, plan, date(2026, 11, 11))
    with store.session() as session:
        [facts] = plan_facts(session, TODAY)
    assert facts.plan_id == plan.id and facts.case_number == "C1"
    assert facts.lead_worker_name == "Asha Patel"
    assert facts.last_visit_date == date(2026, 11, 2)
    assert facts.last_seen_alone_date == date(2026, 10, 10)
    assert facts.last_bedroom_seen_date == date(2026, 10, 10)
    assert facts.last_visit_child_seen is True
    assert facts.latest_conference_date == date(2026, 10, 1)
    assert facts.core_groups_held == 1 and facts.last_core_group_held == date(2026, 10, 14)
    assert facts.next_core_group_scheduled == date(2026, 11, 11)
    assert facts.minutes_pending == ((held.id, date(2026, 10, 14)),)
    assert [d for _, d in facts.draft_visits] == [date(2026, 11, 20)]
    assert "a contingency plan" in facts.plan_missing


def test_a_child_not_seen_at_the_latest_visit_is_an_urgent_alert(store: Store) -> None:
    with store.session() as session:
        child = make_child(session, case_number="UNSEEN")
        make_plan(session, child, start_date=date(2026, 10, 1))
        make_visit(session, [child], date(2026, 11, 10))
        make_visit(session, [child], date(2026, 11, 24), child_seen=False, seen_alone=None,
                   not_seen_reason="No answer at the door")
    alerts = alerts_as_of(store, TODAY)
    assert alerts[0].kind is AlertKind.CHILD_UNSEEN and alerts[0].severity is Severity.URGENT
    assert alerts[0].child == "UNSEEN" and alerts[0].due == date(2026, 11, 24)


def test_ended_plans_raise_nothing(store: Store) -> None:
    with store.session() as session:
        child = make_child(session)
        make_plan(session, child, start_date=date(2025, 1, 6), status=PlanStatus.ENDED,
                  end_date=date(2025, 9, 1))
    assert alerts_as_of(store, TODAY) == []


def test_the_number_of_queries_does_not_grow_with_the_caseload(store: Store) -> None:
    def count_queries(children: int) -> int:
        with store.session() as session:
            for _ in range(children):
                child = make_child(session)
                make_plan(session, child, start_date=date(2026, 10, 1))
                make_visit(session, [child], date(2026, 11, 1))
        statements: list[str] = []

        def seen(*args: object) -> None:
            statements.append(str(args[2]))

        event.listen(store.engine, "before_cursor_execute", seen)
        try:
            alerts_as_of(store, TODAY)
        finally:
            event.remove(store.engine, "before_cursor_execute", seen)
        return len(statements)

    assert count_queries(2) == count_queries(20)


def test_plan_facts_reads_without_setting_up_the_mappers(tmp_path) -> None:
    """The caseload is read before the first paint; its statements are over the tables, so
    reading it does not set up the ORM's mappers (about 50 ms of start-up: issue 10). A fresh
    process: this one's mappers were set up long ago."""
    db = tmp_path / "facts.sqlite"
    store = open_store(db)
    with store.session() as session:
        make_plan(session, make_child(session, case_number="C1"), start_date=date(2026, 10, 1))
    store.close()
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from cpdesk.models.db import open_store\n"
        "from cpdesk.models.plan import Plan\n"
        "from cpdesk.models.queries import plan_facts\n"
        "store = open_store(sys.argv[1])\n"
        "with store.session() as session:\n"
        "    facts = plan_facts(session, date(2026, 11, 25))\n"
        "print(len(facts), Plan.__mapper__.configured)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True,
                          text=True, check=True)
    assert done.stdout.split() == ["1", "False"]
