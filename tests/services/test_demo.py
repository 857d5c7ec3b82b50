"""The demo caseload generator: its shape, determinism, refusal, and that its visits obey the
same validation a worker's visit must pass. The benchmark scales are tested scaled down."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import selectinload

from cpdesk.cli import main
from cpdesk.domain.enums import (
    Category,
    CountersignSubject,
    PlanStatus,
    RecordStatus,
    Role,
)
from cpdesk.domain.profiles import load_profile
from cpdesk.domain.visit_validation import (
    ObservationDraft,
    VisitChildDraft,
    VisitDraft,
    validate_visit,
)
from cpdesk.domain.working_days import calendar_for
from cpdesk.models import (
    AuditEvent,
    Base,
    Child,
    CoreGroupMeeting,
    CoreGroupMember,
    Countersignature,
    Plan,
    Setting,
    Staff,
    Visit,
    VisitChild,
)
from cpdesk.models.db import Store, open_store
from cpdesk.models.tables import PROFILE_KEY
from cpdesk.services.demo import (
    BulkScale,
    DemoDataRefused,
    write_bulk_data,
    write_demo_data,
)
from cpdesk.services.verify import verify

TODAY = date(2026, 11, 26)


def _visits(store: Store) -> list[Visit]:
    with store.session() as s:
        return list(s.scalars(select(Visit).options(
            selectinload(Visit.children).selectinload(VisitChild.observations),
            selectinload(Visit.children).selectinload(VisitChild.child),
        ).order_by(Visit.visit_date)).all())


def test_demo_caseload_has_the_shape_every_screen_needs(store: Store) -> None:
    summary = write_demo_data(store, TODAY)
    assert summary.children == 25
    assert summary.sentence("x.sqlite") == (
        "Wrote a demo caseload of 25 children (3 social workers, 1 manager) to x.sqlite.")
    with store.session() as s:
        roles = Counter(s.scalars(select(Staff.role)).all())
        assert roles == {Role.SOCIAL_WORKER: 3, Role.MANAGER: 1, Role.ADMINISTRATOR: 1}
        assert "asha.patel" in s.scalars(select(Staff.username)).all()
        children = s.scalars(select(Child)).all()
        assert len(children) == 25
        unborn = [c for c in children if c.date_of_birth is None]
        assert len(unborn) == 1 and unborn[0].expected_date_of_birth > TODAY
        babies = [c for c in children
                  if c.date_of_birth and (TODAY - c.date_of_birth).days < 365]
        assert babies
        # Brothers and sisters in one household, on plans together.
        households = Counter(c.household_id for c in children)
        assert sum(1 for n in households.values() if n >= 2) >= 2
        plans = s.scalars(select(Plan)).all()
        open_plans = [p for p in plans if p.status is PlanStatus.ACTIVE]
        ages = sorted((TODAY - p.start_date).days for p in open_plans)
        assert ages[0] <= 21 and 380 <= ages[-1] <= 440  # two weeks to 14 months
        assert {p.category for p in open_plans} >= set(Category) - {Category.FINANCIAL}
        ended = [p for p in plans if p.status is PlanStatus.ENDED and p.end_date
                 and p.end_reason]
        assert ended
        assert any(p.previous_plans == 1 for p in open_plans)
        assert any(p.childs_copy and p.contingency_plan and p.when_child_seen for p in plans)
        # One parent excluded from the core group (on each of the siblings' plans).
        excluded = s.scalars(select(CoreGroupMember).where(
            CoreGroupMember.excluded.is_(True))).all()
        assert {m.name for m in excluded} == {"Imran Miah"} and excluded[0].excluded_reason
        # A held meeting whose minutes have not gone out, and a plan with no meeting in time.
        held_no_minutes = s.scalars(select(CoreGroupMeeting).where(
            CoreGroupMeeting.held_on.is_not(None),
            CoreGroupMeeting.minutes_circulated_on.is_(None))).all()
        assert any((TODAY - m.held_on).days > 15 for m in held_no_minutes)
        assert s.scalar(select(func.count()).select_from(CoreGroupMeeting).where(
            CoreGroupMeeting.held_on.is_(None), CoreGroupMeeting.due_date < TODAY)) >= 1
        assert s.scalar(select(Setting.value).where(Setting.key == PROFILE_KEY)) == \
            "england-default"
        events = s.scalars(select(AuditEvent)).all()
        assert [e.action for e in events] == ["demo_data"]
        signatures = s.scalars(select(Countersignature).where(
            Countersignature.subject_kind == CountersignSubject.VISIT)).all()
    visits = _visits(store)
    assert any(len(v.children) >= 2 for v in visits)  # one household visit, several children
    baby_ids = {b.id for b in babies}
    assert any(c.seen_awake for v in visits for c in v.children if c.child_id in baby_ids)
    # The child-unseen case: the latest final visit of a born child recorded not seen.
    latest: dict[str, VisitChild] = {}
    for v in visits:
        if v.status is RecordStatus.FINAL:
            for c in v.children:
                latest[c.child_id] = c
    unseen = [c for c in latest.values()
              if c.child_seen is False and c.child.date_of_birth is not None]
    assert len(unseen) == 1 and unseen[0].not_seen_reason
    assert any(c.seen_alone is False for c in latest.values())
    cal = calendar_for("england")
    assert any(v.status is RecordStatus.DRAFT
               and cal.add_working_days(v.visit_date, 2) < TODAY for v in visits)
    # Countersigned and not yet countersigned final visits; `cpdesk verify` finds every
    # signature matching the record it signed, and the audit chain whole.
    final = {v.id for v in visits if v.status is RecordStatus.FINAL}
    signed = {sig.subject_id for sig in signatures}
    assert signed < final
    report = verify(store)
    assert report.problems == ()
    assert report.signatures_checked > len(signed)  # minutes and plan versions are countersigned too


def _draft(visit: Visit, plan_starts: dict[str, date]) -> VisitDraft:
    return VisitDraft(
        visit_date=visit.visit_date, start_time=visit.start_time, visit_type=visit.visit_type,
        present=visit.present or "", sleeping_arrangements=visit.sleeping_arrangements or "",
        meals=visit.meals or "", delegated=visit.delegated,
        delegated_to=visit.delegated_to or "",
        delegation_agreed_by=visit.delegation_agreed_by or "",
        next_planned_visit=visit.next_planned_visit,
        children=tuple(
            VisitChildDraft(
                child_name=c.child.given_names, date_of_birth=c.child.date_of_birth,
                plan_start=plan_starts[c.plan_id or ""], child_seen=c.child_seen,
                not_seen_reason=c.not_seen_reason or "", seen_alone=c.seen_alone,
                not_seen_alone_reason=c.not_seen_alone_reason or "", seen_awake=c.seen_awake,
                bedroom_seen=c.bedroom_seen,
                presentation_and_behaviour=c.presentation_and_behaviour or "",
                wishes_and_feelings=c.wishes_and_feelings or "",
                new_incidents=c.new_incidents, incident_details=c.incident_details or "",
                injury_location=c.injury_location or "",
                observations=tuple(ObservationDraft(o.concern or "", o.observation or "",
                                                    o.risk_trend) for o in c.observations))
            for c in visit.children),
    )


def test_every_final_demo_visit_passes_visit_validation(store: Store) -> None:
    write_demo_data(store, TODAY)
    profile = load_profile("england-default")
    with store.session() as s:
        plan_starts = {pid: start for pid, start in s.execute(select(Plan.id, Plan.start_date))}
    final = [v for v in _visits(store) if v.status is RecordStatus.FINAL]
    assert len(final) > 200
    warned = 0
    for visit in final:
        check = validate_visit(_draft(visit, plan_starts), TODAY, profile)
        assert check.errors == (), (visit.visit_date, check.errors)
        warned += bool(check.warnings)
    # A handful use vague labels ("seemed fine") so the warnings have something to show.
    assert 3 <= warned <= 12


def _dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name == "audit_events":
                continue
            rows = conn.execute(text(f"SELECT * FROM {table.name} ORDER BY id")).all()
            out[table.name] = [tuple(r) for r in rows]
    return out


def _copy(template: Path, path: Path) -> Store:
    shutil.copyfile(template, path)
    return open_store(path)


def test_same_seed_gives_the_same_caseload(sqlite_template: Path, tmp_path: Path) -> None:
    stores = [_copy(sqlite_template, tmp_path / f"{n}.sqlite") for n in ("a", "b", "c")]
    try:
        write_demo_data(stores[0], TODAY, seed=7)
        write_demo_data(stores[1], TODAY, seed=7)
        write_demo_data(stores[2], TODAY, seed=8)
        first, second, other = (_dump(s) for s in stores)
        assert first == second
        assert first["visit_children"] != other["visit_children"]
    finally:
        for s in stores:
            s.close()


def test_refuses_a_database_that_already_has_children(store: Store) -> None:
    write_demo_data(store, TODAY)
    with pytest.raises(DemoDataRefused, match="already holds 25 children"):
        write_demo_data(store, TODAY, seed=99)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Child)) == 25
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 1


def test_cli_writes_and_then_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.sqlite"
    assert main(["--db", str(path), "demo-data", "--as-of", "2026-11-26"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"Wrote a demo caseload of 25 children (3 social workers, 1 manager) to {path}.")
    assert main(["--db", str(path), "demo-data"]) == 1
    assert "already holds 25 children" in capsys.readouterr().err


def test_bulk_scale_writes_the_asked_spread_quickly(sqlite_store: Store) -> None:
    scale = BulkScale("tiny", children=120, open_plans=20, visits=1_200,
                      core_group_meetings=300, teams=2)
    summary = write_bulk_data(sqlite_store, TODAY, scale)
    assert summary.children == 120
    assert 20 <= summary.open_plans <= 23
    assert 1_000 <= summary.visits <= 1_400
    assert summary.social_workers == 16 and summary.managers == 2
    with sqlite_store.session() as s:
        assert s.scalar(select(func.count()).select_from(Staff)) == 20
        overdue = s.execute(text(
            "SELECT count(*) FROM plans p WHERE p.status = 'active' AND NOT EXISTS ("
            " SELECT 1 FROM visit_children vc JOIN visits v ON v.id = vc.visit_id"
            " WHERE vc.plan_id = p.id AND v.status = 'final' AND v.visit_date >= :since)"),
            {"since": date(2026, 11, 12)}).scalar()
        assert 0 < overdue < 20  # a real spread: some overdue, most on time
        signatures = s.scalar(select(func.count()).select_from(Countersignature))
        signed_kinds = dict(s.execute(select(Countersignature.subject_kind, func.count())
                                      .group_by(Countersignature.subject_kind)).all())
    assert signatures > 800
    # managers countersign minutes and plans too, not only visits (a real backlog, not all)
    assert set(signed_kinds) == {CountersignSubject.VISIT, CountersignSubject.PLAN_VERSION,
                                 CountersignSubject.CORE_GROUP_MINUTES}
    # Every bulk signature hashes what `cpdesk verify` reads back from the stored rows.
    report = verify(sqlite_store)
    assert report.problems == () and report.signatures_checked == signatures
    with pytest.raises(DemoDataRefused):
        write_bulk_data(sqlite_store, TODAY, scale)
