"""Issue 9 services: sign-in, roles, countersigning, addenda, voiding and verify."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from cpdesk.domain.actor import Actor
from cpdesk.domain.countersign import CountersignState
from cpdesk.domain.enums import AlertKind, CountersignSubject, RecordStatus, Role
from cpdesk.domain.errors import NotAllowed, ValidationFailed
from cpdesk.domain.permissions import ROLE_PERMISSIONS, Permission, can
from cpdesk.domain.staff_accounts import StaffDetailsRejected
from cpdesk.models import (
    AuditEvent,
    CoreGroupMeeting,
    Countersignature,
    Plan,
    Staff,
    Visit,
    VisitChild,
)
from cpdesk.models.db import Store
from cpdesk.services import verify as verify_module
from cpdesk.services.alerts import alerts_as_of
from cpdesk.services.audit import record_event
from cpdesk.services.countersign import (
    add_addendum,
    countersign,
    countersign_queue,
    return_record,
    signatures_for,
    void_record,
)
from cpdesk.services.demo import write_demo_data
from cpdesk.services.signin import (
    MAX_FAILED_SIGN_INS,
    AccountLocked,
    NoPassword,
    SignInFailed,
    actor_for,
    change_own_password,
    confirm_password,
    hash_password,
    sign_in,
)
from cpdesk.services.verify import verify
from tests.factories import (
    make_child,
    make_meeting,
    make_plan,
    make_staff,
    make_team,
    make_visit,
)

VISIT = CountersignSubject.VISIT
MINUTES = CountersignSubject.CORE_GROUP_MINUTES
TODAY = date(2026, 11, 25)
PASSWORD = "correct horse battery"


@pytest.fixture
def team(store: Store) -> dict[str, Actor | str]:
    """A team with a worker and a manager (both with passwords) and one final visit."""
    with store.session() as session:
        t = make_team(session)
        worker = make_staff(session, name="Asha Patel", username="asha", team_id=t.id,
                            password_hash=hash_password(PASSWORD))
        manager = make_staff(session, name="Mo Reid", username="mo", role=Role.MANAGER,
                             team_id=t.id, password_hash=hash_password(PASSWORD))
        child = make_child(session, team_id=t.id)
        make_plan(session, child, start_date=date(2026, 10, 1), lead_worker_id=worker.id)
        visit = make_visit(session, [child], date(2026, 11, 2))
        visit.author_id = worker.id
        w, m = actor_for(worker), actor_for(manager)
    return {"worker": w, "manager": m, "visit": visit.id}


def test_every_role_against_every_action() -> None:
    worker, manager, admin = (Actor("x", "x", role) for role in Role)
    assert not can(worker, Permission.COUNTERSIGN) and can(manager, Permission.COUNTERSIGN)
    assert not can(worker, Permission.VIEW_TEAM) and can(manager, Permission.VIEW_TEAM)
    assert can(admin, Permission.MANAGE_STAFF) and not can(manager, Permission.MANAGE_STAFF)
    assert not can(admin, Permission.COUNTERSIGN) and not can(admin, Permission.RECORD)
    # Every permission belongs to at least one role, and only managers countersign.
    assert set(Permission) == set().union(*ROLE_PERMISSIONS.values())
    assert [r for r, p in ROLE_PERMISSIONS.items() if Permission.COUNTERSIGN in p] == [
        Role.MANAGER]


def test_sign_in_and_lock_out_after_five_failures(store: Store, team: dict) -> None:
    assert sign_in(store, "Asha", PASSWORD).name == "Asha Patel"
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    for _ in range(MAX_FAILED_SIGN_INS):
        with pytest.raises(SignInFailed, match="not right"):
            sign_in(store, "asha", "wrong password", now=now)
    with pytest.raises(SignInFailed, match="locked"):
        sign_in(store, "asha", PASSWORD, now=now + timedelta(minutes=1))
    assert sign_in(store, "asha", PASSWORD, now=now + timedelta(minutes=16)).name == "Asha Patel"
    with pytest.raises(SignInFailed, match="not right"):
        sign_in(store, "nobody", PASSWORD)


def test_wrong_passwords_when_countersigning_count_towards_the_lock(
    store: Store, team: dict
) -> None:
    manager, visit_id = team["manager"], team["visit"]
    now = datetime.now(UTC)
    for _ in range(MAX_FAILED_SIGN_INS - 1):
        with pytest.raises(SignInFailed, match="not right"):
            countersign(store, manager, VISIT, visit_id, "a guess")
    confirm_password(store, manager, PASSWORD)  # the right one starts the count again
    for _ in range(MAX_FAILED_SIGN_INS):
        with pytest.raises(SignInFailed, match="not right"):
            countersign(store, manager, VISIT, visit_id, "another guess")
    # locked: even the right password signs nothing, and signing in waits too
    with pytest.raises(AccountLocked, match="locked"):
        countersign(store, manager, VISIT, visit_id, PASSWORD)
    with pytest.raises(AccountLocked):
        sign_in(store, "mo", PASSWORD)
    with pytest.raises(ValidationFailed) as refused:
        change_own_password(store, manager, PASSWORD, "a new pass phrase 1", "a new pass phrase 1")
    assert [(i.field, "locked" in i.message) for i in refused.value.issues] == [("current", True)]
    assert countersign_queue(store, manager)  # nothing was signed
    with store.session() as session:
        failures = session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "password_check_failed")).all()
    assert len(failures) == 2 * MAX_FAILED_SIGN_INS - 1
    confirm_password(store, manager, PASSWORD, now=now + timedelta(minutes=16))


def test_a_worker_can_never_countersign(store: Store, team: dict) -> None:
    with pytest.raises(NotAllowed, match="cannot countersign"):
        countersign(store, team["worker"], VISIT, team["visit"], PASSWORD)
    with pytest.raises(NotAllowed):
        countersign_queue(store, team["worker"])


def test_manager_countersigns_from_the_queue_then_worker_adds_an_addendum(
    store: Store, team: dict
) -> None:
    manager, worker, visit_id = team["manager"], team["worker"], team["visit"]
    [item] = countersign_queue(store, manager)
    assert item.record_id == visit_id and item.author == "Asha Patel"
    with pytest.raises(SignInFailed):
        countersign(store, manager, VISIT, visit_id, "not my password")
    countersign(store, manager, VISIT, visit_id, PASSWORD, "Read in full.")
    assert countersign_queue(store, manager) == []
    with pytest.raises(NotAllowed, match="not waiting"):
        countersign(store, manager, VISIT, visit_id, PASSWORD)
    with pytest.raises(NotAllowed, match="Only Asha Patel, who wrote this record"):
        add_addendum(store, manager, VISIT, visit_id, "A correction")
    add_addendum(store, worker, VISIT, visit_id, "The visit began at 10:15, not 10:00.")
    [again] = countersign_queue(store, manager)
    assert again.state is CountersignState.ADDENDUM_AWAITING
    signatures, addenda = signatures_for(store, VISIT, visit_id)
    assert [s.comment for s in signatures] == ["Read in full."]
    assert addenda[0].text == "The visit began at 10:15, not 10:00." and addenda[0].author == (
        "Asha Patel")
    assert verify(store).ok


def test_returning_needs_a_comment(store: Store, team: dict) -> None:
    with pytest.raises(ValidationFailed):
        return_record(store, team["manager"], VISIT, team["visit"], "  ")
    return_record(store, team["manager"], VISIT, team["visit"], "Say who was present.")
    assert countersign_queue(store, team["manager"]) == []


def test_voided_records_stay_visible_as_voided(store: Store, team: dict) -> None:
    with pytest.raises(ValidationFailed):
        void_record(store, team["worker"], VISIT, team["visit"], "")
    void_record(store, team["worker"], VISIT, team["visit"], "Recorded on the wrong child")
    with store.session() as session:
        visit = session.get(Visit, team["visit"])
        assert visit is not None and visit.status is RecordStatus.VOIDED
        assert visit.void_reason == "Recorded on the wrong child"


def _chain(store: Store, actor: Actor) -> None:
    with store.session() as session:
        for n in range(4):
            record_event(session, actor, "update", "child", None, {"n": n}, {"n": n + 1})


def test_verify_finds_a_changed_countersigned_record(store: Store, team: dict) -> None:
    countersign(store, team["manager"], VISIT, team["visit"], PASSWORD)
    assert verify(store).ok
    with store.engine.begin() as conn:  # behind cpdesk's back
        conn.execute(text("UPDATE visit_children SET presentation_and_behaviour = 'changed'"))
    report = verify(store)
    assert len(report.problems) == 1
    assert "changed after it was countersigned" in report.problems[0]
    assert team["visit"] in report.problems[0]


def test_verify_finds_a_changed_audit_event(store: Store, team: dict) -> None:
    _chain(store, team["worker"])
    with store.session() as session:
        target = session.scalars(select(AuditEvent).order_by(AuditEvent.sequence)).all()[2]
        sequence = target.sequence
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET after = '{\"n\": 99}' WHERE sequence = :s"),
                     {"s": sequence})
    problems = verify(store).problems
    expected = (f"audit event {sequence} (update child): its content was changed after it "
                "was written")
    assert problems == (expected,)


def test_verify_finds_a_deleted_audit_event(store: Store, team: dict) -> None:
    _chain(store, team["worker"])
    with store.engine.begin() as conn:
        last = conn.execute(text("SELECT max(sequence) FROM audit_events")).scalar_one()
        conn.execute(text("DELETE FROM audit_events WHERE sequence = :s"), {"s": last - 1})
    problems = verify(store).problems
    assert any(f"audit event {last} " in p and "missing" in p for p in problems)
    assert any(f"audit event {last} " in p and "chain broken" in p for p in problems)


def test_verify_finds_reordered_audit_events(store: Store, team: dict) -> None:
    _chain(store, team["worker"])
    with store.engine.begin() as conn:
        last = conn.execute(text("SELECT max(sequence) FROM audit_events")).scalar_one()
        # Swap two events' places in the chain.
        conn.execute(text("UPDATE audit_events SET sequence = -1 WHERE sequence = :a"),
                     {"a": last})
        conn.execute(text("UPDATE audit_events SET sequence = :a WHERE sequence = :b"),
                     {"a": last, "b": last - 1})
        conn.execute(text("UPDATE audit_events SET sequence = :b WHERE sequence = -1"),
                     {"b": last - 1})
    problems = verify(store).problems
    assert any(f"audit event {last - 1} " in p for p in problems)
    assert not verify(store).ok


def test_count_visit_rows_untouched_by_failed_actions(store: Store, team: dict) -> None:
    with store.session() as session:
        before = session.scalar(select(VisitChild.presentation_and_behaviour))
    with pytest.raises(NotAllowed):
        add_addendum(store, team["manager"], VISIT, team["visit"], "x")
    with store.session() as session:
        assert session.scalar(select(VisitChild.presentation_and_behaviour)) == before


def _countersigned_copies(store: Store, visit_id: str) -> list[tuple[bool, datetime]]:
    with store.session() as session:
        return [tuple(r) for r in session.execute(
            select(VisitChild.visit_countersigned, VisitChild.updated_at)
            .where(VisitChild.visit_id == visit_id))]


def test_countersigning_a_visit_marks_its_entries_and_returning_does_not(
    store: Store, team: dict
) -> None:
    # The alerts find the visits waiting for a countersignature through the entries' copy.
    visit_id = team["visit"]
    [(signed, written)] = _countersigned_copies(store, visit_id)
    assert signed is False
    return_record(store, team["manager"], VISIT, visit_id, "Say who was present.")
    assert _countersigned_copies(store, visit_id) == [(False, written)]
    add_addendum(store, team["worker"], VISIT, visit_id, "Mother and her sister were present.")
    countersign(store, team["manager"], VISIT, visit_id, PASSWORD)
    # a copy, not a change to the entry: it still shows when its author last wrote it
    assert _countersigned_copies(store, visit_id) == [(True, written)]
    assert verify(store).ok


@pytest.mark.parametrize("copy", ["visit entries", "core group meetings"])
def test_verify_finds_a_countersigned_copy_that_is_wrong(
    store: Store, team: dict, copy: str
) -> None:
    if copy == "visit entries":
        kind, record_id = VISIT, team["visit"]
        table, column, said = "visit_children", "visit_countersigned", "says the visit is"
    else:
        kind, record_id = MINUTES, _final_minutes(store, team["worker"])
        table, column, said = "core_group_meetings", "minutes_countersigned", "says its minutes are"
    with store.engine.begin() as conn:  # behind cpdesk's back: says signed, is not
        conn.execute(text(f"UPDATE {table} SET {column} = true"))
    [problem] = verify(store).problems
    assert record_id in problem and f"{said} countersigned" in problem
    assert "the alerts would misread it" in problem
    countersign(store, team["manager"], kind, record_id, PASSWORD)
    assert verify(store).ok
    with store.engine.begin() as conn:  # signed, but the copy says not
        conn.execute(text(f"UPDATE {table} SET {column} = false"))
    [problem] = verify(store).problems
    assert record_id in problem and f"{said} not countersigned" in problem


def test_a_visit_awaits_countersignature_in_the_alerts_until_a_manager_signs_it(
    store: Store, team: dict
) -> None:
    def pending() -> list[str | None]:
        return [a.record_id for a in alerts_as_of(store, date(2026, 11, 25))
                if a.kind is AlertKind.COUNTERSIGN_PENDING]

    assert pending() == [team["visit"]]
    return_record(store, team["manager"], VISIT, team["visit"], "Say who was present.")
    assert pending() == [team["visit"]]  # returned is not signed
    add_addendum(store, team["worker"], VISIT, team["visit"], "Mother and her sister.")
    countersign(store, team["manager"], VISIT, team["visit"], PASSWORD)
    assert pending() == []


def test_countersigning_without_a_password_says_why_and_counts_no_guess(store: Store) -> None:
    # A database where people pick their name (the demo, a worker's own file) holds no
    # password to sign with: the manager is told so, not "the password is not right", and
    # trying again and again never locks the account.
    with store.session() as session:
        t = make_team(session)
        worker = make_staff(session, name="Asha Patel", username="asha", team_id=t.id)
        manager = make_staff(session, name="Mo Reid", username="mo", role=Role.MANAGER,
                             team_id=t.id)
        child = make_child(session, team_id=t.id)
        make_plan(session, child, start_date=date(2026, 10, 1), lead_worker_id=worker.id)
        visit = make_visit(session, [child], date(2026, 11, 2))
        visit.author_id = worker.id
        mo = actor_for(manager)
    for _ in range(MAX_FAILED_SIGN_INS + 1):
        with pytest.raises(NoPassword, match="You have no password in this database"):
            countersign(store, mo, VISIT, visit.id, "anything")
    with store.session() as session:
        assert session.get(Staff, mo.staff_id).failed_sign_ins == 0
    assert signatures_for(store, VISIT, visit.id)[0] == []
    with pytest.raises(StaffDetailsRejected) as rejected:
        change_own_password(store, mo, "", "a new long password", "a new long password")
    [issue] = rejected.value.issues
    assert (issue.field, issue.message) == (
        "current", "You have no password yet: an administrator sets the first one")


def test_verify_reads_the_signed_records_in_batches_and_still_finds_each_change(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches of 3 over the demo's countersignatures: a visit changed behind cpdesk's back in
    # one batch, a signed record deleted in another, both named; every signature counted.
    write_demo_data(store, date(2026, 11, 25))
    monkeypatch.setattr(verify_module, "BATCH", 3)
    clean = verify(store)
    assert clean.ok and clean.signatures_checked > 9
    with store.session() as session:
        signed = session.scalars(
            select(Countersignature.subject_id)
            .where(Countersignature.subject_kind == VISIT)
            .order_by(Countersignature.signed_at, Countersignature.id)).all()
    changed, deleted = signed[1], signed[-1]
    with store.engine.begin() as conn:  # behind cpdesk's back
        conn.execute(update(VisitChild).where(VisitChild.visit_id == changed)
                     .values(presentation_and_behaviour="changed"))
    with store.session() as session:  # the visit, its entries and observations
        visit = session.get(Visit, deleted)
        assert visit is not None
        session.delete(visit)
    report = verify(store)
    assert report.signatures_checked == clean.signatures_checked
    assert [p for p in report.problems if changed in p] == [
        p for p in report.problems if "changed after it was countersigned" in p]
    assert len([p for p in report.problems if changed in p]) == 1
    assert [p for p in report.problems if "the signed record is missing" in p] == [
        p for p in report.problems if deleted in p]
    assert len([p for p in report.problems if deleted in p]) == 1


def _final_minutes(store: Store, worker: Actor) -> str:
    """Minutes of a core group meeting held on the team's plan, final and unsigned."""
    with store.session() as session:
        plan = session.scalars(select(Plan)).one()
        meeting = make_meeting(
            session, plan, date(2026, 10, 15), held_on=date(2026, 10, 14),
            status=RecordStatus.FINAL, author_id=worker.staff_id,
            finalised_at=datetime(2026, 10, 16, 9, 0, tzinfo=UTC), decisions="Plan continues.")
        return meeting.id


def _minutes_copy(store: Store, meeting_id: str) -> tuple[bool, datetime]:
    with store.session() as session:
        row = session.execute(
            select(CoreGroupMeeting.minutes_countersigned, CoreGroupMeeting.updated_at)
            .where(CoreGroupMeeting.id == meeting_id)).one()
    return row[0], row[1]


def test_countersigning_minutes_marks_the_meeting_and_the_alert_goes(
    store: Store, team: dict
) -> None:
    # The alerts find the minutes waiting for a countersignature through the meeting's copy.
    meeting_id = _final_minutes(store, team["worker"])

    def pending() -> list[str | None]:
        return [a.record_id for a in alerts_as_of(store, TODAY)
                if a.kind is AlertKind.COUNTERSIGN_PENDING]

    signed, written = _minutes_copy(store, meeting_id)
    assert signed is False and meeting_id in pending()
    return_record(store, team["manager"], MINUTES, meeting_id, "Name who chaired.")
    assert _minutes_copy(store, meeting_id) == (False, written)  # returned is not signed
    assert meeting_id in pending()
    add_addendum(store, team["worker"], MINUTES, meeting_id, "The chair was Mo Reid.")
    countersign(store, team["manager"], MINUTES, meeting_id, PASSWORD)
    # a copy, not a change to the minutes: they still show when their author last wrote them
    assert _minutes_copy(store, meeting_id) == (True, written)
    assert meeting_id not in pending()
    assert verify(store).ok
