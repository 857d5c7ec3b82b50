"""The plan editor's services on a real store (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import ActionStatus, OutcomeOrigin, Role
from cpdesk.domain.errors import NotAllowed, StaleRecord, ValidationFailed
from cpdesk.domain.plan import (
    ActionItem,
    ChangeKind,
    ConcernItem,
    DangerItem,
    OutcomeItem,
    VersionReason,
    new_item_id,
    with_outcome,
)
from cpdesk.models import Action, AuditEvent, Disagreement, Outcome, Plan, PlanVersion
from cpdesk.models.db import Store
from cpdesk.services.plans import (
    compare,
    list_versions,
    load_plan,
    load_version,
    record_disagreement,
    save_plan,
    save_plan_version,
)
from tests.case_factory import CaseIds, add_member, make_case, make_team


@pytest.fixture
def case(store: Store) -> tuple[CaseIds, Actor, Actor]:
    team = make_team(store)
    jo = Actor(team.workers["Jo Bloggs"], "Jo Bloggs", Role.SOCIAL_WORKER, team.team_id)
    sam = Actor(team.workers["Sam Patel"], "Sam Patel", Role.SOCIAL_WORKER, team.team_id)
    ids = make_case(store, lead_worker_id=jo.staff_id, team_id=team.team_id)
    add_member(store, ids, "Pat Health", agency="NHS", job_title="Health visitor")
    return ids, jo, sam


def _audit(store: Store, action: str) -> list[AuditEvent]:
    with store.session() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                                 .order_by(AuditEvent.sequence)).all()
        session.expunge_all()
        return list(events)


def test_load_plan_reads_every_part(store: Store, case: tuple[CaseIds, Actor, Actor]) -> None:
    ids, _, _ = case
    record = load_plan(store, ids.plan_id)
    assert record.child_name == "Amy Smith"
    assert [c.description for c in record.concerns] == ["The children are left alone at night."]
    assert record.outcomes[0].agreed_at_conference
    assert record.outcomes[0].actions[0].what == "Arrange a night-time carer"
    assert record.members[0].name == "Pat Health"
    assert record.contingency_plan.startswith("If the home is unsafe")
    assert len(record.safety_scores) == 1


def test_save_adds_outcome_actions_and_audits(store: Store,
                                              case: tuple[CaseIds, Actor, Actor]) -> None:
    ids, jo, _ = case
    record = load_plan(store, ids.plan_id)
    member = record.members[0]
    outcome = OutcomeItem(new_item_id(), "Amy goes to school every day",
                          progress_measure="School register shows 95% attendance",
                          actions=(ActionItem(new_item_id(), "Walk Amy to school", "She is late",
                                              "Mother", by_when=date(2026, 10, 1)),
                                   ActionItem(new_item_id(), "Check attendance weekly",
                                              member_id=member.member_id,
                                              who=member.name)))
    edited = replace(
        record, outcomes=record.outcomes + (outcome,), review_points="Each core group",
        members=(replace(member, role_in_plan="Weighs Amy", contact_frequency="Fortnightly"),),
        concerns=record.concerns + (ConcernItem(new_item_id(), "Missed school"),),
        danger_statements=(DangerItem(new_item_id(), "Amy may be hurt at night", "Adult home"),),
        childs_copy="We want you to be safe.", family_copy_language="Polish",
    )
    changes = save_plan(store, jo, ids.plan_id, edited)
    assert changes.message == "Plan saved."
    assert ids.child_id in changes.child_ids

    again = load_plan(store, ids.plan_id)
    assert again.revision > record.revision
    assert [o.description for o in again.outcomes] == ["Amy is safe at night",
                                                       "Amy goes to school every day"]
    added = again.outcomes[1]
    assert added.origin is OutcomeOrigin.ADDED_BY_CORE_GROUP
    assert [a.what for a in added.actions] == ["Walk Amy to school", "Check attendance weekly"]
    assert added.actions[1].member_id == member.member_id
    assert again.members[0].role_in_plan == "Weighs Amy"
    assert again.review_points == "Each core group"
    assert again.childs_copy == "We want you to be safe."
    assert again.family_copy_language == "Polish"
    assert again.danger_statements[0].safety_goal == "Adult home"

    events = _audit(store, "save_plan")
    assert len(events) == 1 and events[0].actor_id == jo.staff_id
    before, after = json.loads(events[0].before or ""), json.loads(events[0].after or "")
    assert len(before["outcomes"]) == 1 and len(after["outcomes"]) == 2


def test_save_updates_and_deletes_items(store: Store, case: tuple[CaseIds, Actor, Actor]) -> None:
    ids, jo, _ = case
    record = load_plan(store, ids.plan_id)
    conf = record.outcomes[0]
    action = replace(conf.actions[0], status=ActionStatus.DONE, why="Nights are unsafe")
    save_plan(store, jo, ids.plan_id, replace(
        with_outcome(record, replace(conf, actions=(action,))), concerns=()))
    again = load_plan(store, ids.plan_id)
    assert again.concerns == ()
    assert again.outcomes[0].actions[0].status is ActionStatus.DONE
    assert again.outcomes[0].actions[0].why == "Nights are unsafe"
    with store.session() as session:
        assert session.scalar(select(Action.id)) == action.id  # updated in place, not replaced


def test_stale_save_is_refused_and_names_who(store: Store,
                                            case: tuple[CaseIds, Actor, Actor]) -> None:
    ids, jo, sam = case
    mine = load_plan(store, ids.plan_id)
    theirs = load_plan(store, ids.plan_id)
    save_plan(store, sam, ids.plan_id, replace(theirs, review_points="Monthly"))
    with pytest.raises(StaleRecord) as err:
        save_plan(store, jo, ids.plan_id, replace(mine, review_points="Weekly"))
    assert err.value.who == "Sam Patel"
    assert str(err.value).startswith("Sam Patel changed this record at ")
    assert load_plan(store, ids.plan_id).review_points == "Monthly"
    assert len(_audit(store, "save_plan")) == 1


def test_conference_outcome_lock(store: Store, case: tuple[CaseIds, Actor, Actor]) -> None:
    ids, jo, _ = case
    record = load_plan(store, ids.plan_id)
    changed = with_outcome(record, replace(record.outcomes[0], description="Amy is fine"))
    with pytest.raises(NotAllowed, match="cannot be changed by the core group"):
        save_plan(store, jo, ids.plan_id, replace(changed, review_points="Monthly"))
    with pytest.raises(NotAllowed, match="cannot be deleted"):
        save_plan(store, jo, ids.plan_id, replace(record, outcomes=()))
    with store.session() as session:
        assert session.scalar(select(Outcome.description)) == "Amy is safe at night"
        assert session.scalar(select(Plan.review_points)) is None  # nothing half-written
    assert _audit(store, "save_plan") == []


def test_empty_outcome_is_refused(store: Store, case: tuple[CaseIds, Actor, Actor]) -> None:
    ids, jo, _ = case
    record = load_plan(store, ids.plan_id)
    with pytest.raises(ValidationFailed) as err:
        save_plan(store, jo, ids.plan_id,
                  replace(record, outcomes=record.outcomes + (OutcomeItem(new_item_id(), " "),)))
    assert err.value.issues[0].message == "Enter what outcome 2 is for the child"


def test_versions_are_numbered_and_compared(store: Store,
                                            case: tuple[CaseIds, Actor, Actor]) -> None:
    ids, jo, sam = case
    first = save_plan_version(store, jo, ids.plan_id, VersionReason.CORE_GROUP_MEETING,
                              date(2026, 9, 14))
    assert first.message.startswith("Version 1 of the plan saved (Core group meeting, ")
    record = load_plan(store, ids.plan_id)
    edited = replace(record, contingency_plan="Amy stays with her grandmother",
                     outcomes=record.outcomes + (OutcomeItem(new_item_id(), "Amy sleeps well"),))
    save_plan_version(store, sam, ids.plan_id, VersionReason.CHANGE_OF_CIRCUMSTANCES,
                      date(2026, 10, 2), edited=edited, note="Aunt moved away")

    versions = list_versions(store, ids.plan_id)
    assert [(v.number, v.made_by, v.reason) for v in versions] == [
        (2, "Sam Patel", "Change of circumstances: Aunt moved away"),
        (1, "Jo Bloggs", "Core group meeting"),
    ]
    assert load_version(store, ids.plan_id, 1).snapshot["contingency_plan"].startswith("If the")
    assert load_plan(store, ids.plan_id).contingency_plan == "Amy stays with her grandmother"

    diffs = {d.section: d for d in compare(store, ids.plan_id, 1, 2)}
    assert [c.kind for c in diffs["Contingency plan"].changes] == [ChangeKind.CHANGED]
    assert [(c.kind, c.label) for c in diffs["Outcomes"].changes] == [
        (ChangeKind.ADDED, "Outcome: Amy sleeps well")]
    assert diffs["Concerns"].unchanged
    assert len(_audit(store, "save_plan_version")) == 2
    assert len(_audit(store, "save_plan")) == 1  # the edits saved with version 2


def test_version_needs_a_known_reason_and_a_note_for_a_change(
        store: Store, case: tuple[CaseIds, Actor, Actor]) -> None:
    ids, jo, _ = case
    with pytest.raises(ValidationFailed, match="Select why"):
        save_plan_version(store, jo, ids.plan_id, "because", date(2026, 9, 14))
    with pytest.raises(ValidationFailed, match="Enter what has changed"):
        save_plan_version(store, jo, ids.plan_id, VersionReason.CHANGE_OF_CIRCUMSTANCES,
                          date(2026, 9, 14))
    with store.session() as session:
        assert session.scalar(select(PlanVersion.id)) is None


def test_version_with_stale_edits_writes_nothing(store: Store,
                                                 case: tuple[CaseIds, Actor, Actor]) -> None:
    ids, jo, sam = case
    mine = load_plan(store, ids.plan_id)
    save_plan(store, sam, ids.plan_id, replace(mine, review_points="Monthly"))
    with pytest.raises(StaleRecord):
        save_plan_version(store, jo, ids.plan_id, VersionReason.REVIEW_CONFERENCE,
                          date(2026, 12, 1), edited=replace(mine, review_points="Weekly"))
    assert list_versions(store, ids.plan_id) == ()


def test_disagreement_is_stored_against_the_version(
        store: Store, case: tuple[CaseIds, Actor, Actor]) -> None:
    ids, jo, _ = case
    save_plan_version(store, jo, ids.plan_id, VersionReason.CORE_GROUP_MEETING, date(2026, 9, 14))
    version = list_versions(store, ids.plan_id)[0]
    changes = record_disagreement(store, jo, ids.plan_id, version.version_id, "Kim Smith (mother)",
                                  "Does not agree a night carer is needed", date(2026, 9, 14))
    assert changes.message.startswith("Disagreement recorded against version 1.")
    with store.session() as session:
        row = session.scalars(select(Disagreement)).one()
        assert (row.version_id, row.who, row.recorded_on) == (
            version.version_id, "Kim Smith (mother)", date(2026, 9, 14))
    listed = list_versions(store, ids.plan_id)[0].disagreements
    assert [(d.who, d.version_number) for d in listed] == [("Kim Smith (mother)", 1)]
    assert len(_audit(store, "record_disagreement")) == 1
    with pytest.raises(ValidationFailed) as err:
        record_disagreement(store, jo, ids.plan_id, version.version_id, "", "", date(2026, 9, 14))
    assert [i.message for i in err.value.issues] == [
        "Enter who disagrees with the plan", "Enter what they disagree with and why"]
