"""The plan's snapshot, version comparison, the conference-outcome lock, and the readability hint."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from cpdesk.domain.enums import ActionStatus, OutcomeOrigin
from cpdesk.domain.errors import NotAllowed
from cpdesk.domain.plan import (
    CONFERENCE_OUTCOME_LOCKED,
    CONFERENCE_OUTCOME_NOT_DELETED,
    ActionItem,
    ChangeKind,
    ConcernItem,
    MemberItem,
    OutcomeItem,
    PlanRecord,
    age_in_years,
    check_core_group_edit,
    compare_versions,
    plan_content,
    readability,
    snapshot,
    with_outcome,
)
from cpdesk.domain.plan_completeness import missing_items

CONF = OutcomeItem("o1", "Amy is safe at night", OutcomeOrigin.AGREED_AT_CONFERENCE,
                   "", (ActionItem("a1", "Arrange a night-time carer", who="Mother"),))


def plan(**over: object) -> PlanRecord:
    base = PlanRecord(
        plan_id="p1", child_id="c1", revision=3,
        concerns=(ConcernItem("k1", "Left alone at night"),),
        outcomes=(CONF,),
        contingency_plan="Stay with aunt",
        members=(MemberItem("m1", "Pat Health", job_title="Health visitor"),),
    )
    return replace(base, **over)  # type: ignore[arg-type]


def test_snapshot_is_json_and_keeps_every_part() -> None:
    record = plan(childs_copy="We want you to be safe.", family_copy_language="Polish",
                  worries="Nights alone")
    snap = snapshot(record)
    assert json.loads(json.dumps(snap)) == snap
    assert snap["outcomes"][0]["origin"] == "agreed_at_conference"
    assert snap["outcomes"][0]["actions"][0] == {
        "id": "a1", "what": "Arrange a night-time carer", "why": "", "who": "Mother",
        "member_id": None, "by_when": None, "status": "not_started"}
    assert snap["contingency_plan"] == "Stay with aunt"
    assert snap["members"][0]["name"] == "Pat Health"
    assert snap["childs_copy"] == "We want you to be safe."
    assert snap["family_copy_language"] == "Polish"
    assert snap["worries"] == "Nights alone"


def test_compare_lists_added_changed_removed_by_section() -> None:
    before = plan()
    new_outcome = OutcomeItem("o2", "Amy goes to school every day", progress_measure="Register",
                              actions=(ActionItem("a2", "Walk Amy to school", who="Mother"),))
    after = plan(
        concerns=(),
        outcomes=(with_outcome(before, replace(CONF, progress_measure="Carer log")).outcomes[0],
                  new_outcome),
        contingency_plan="Stay with grandmother",
        review_points="At each core group",
    )
    diffs = {d.section: d for d in compare_versions(snapshot(before), snapshot(after))}
    assert [(c.kind, c.before) for c in diffs["Concerns"].changes] == [
        (ChangeKind.REMOVED, "Left alone at night")]
    outcome_changes = {c.kind: c for c in diffs["Outcomes"].changes}
    assert set(outcome_changes) == {ChangeKind.CHANGED, ChangeKind.ADDED}
    assert "Carer log" in (outcome_changes[ChangeKind.CHANGED].after or "")
    assert "not yet said" in (outcome_changes[ChangeKind.CHANGED].before or "")
    assert outcome_changes[ChangeKind.ADDED].label == "Outcome: Amy goes to school every day"
    actions = diffs["Actions"].changes
    assert [(c.kind, c.label) for c in actions] == [
        (ChangeKind.ADDED, "Action: Walk Amy to school (outcome: Amy goes to school every day)")]
    assert diffs["Contingency plan"].changes[0].kind is ChangeKind.CHANGED
    assert diffs["Review points"].changes[0].kind is ChangeKind.ADDED
    assert diffs["Core group roles"].unchanged
    assert diffs["The child's copy"].unchanged


def test_compare_reads_an_empty_old_snapshot() -> None:
    diffs = compare_versions({}, snapshot(plan()))
    concerns = next(d for d in diffs if d.section == "Concerns")
    assert concerns.changes[0].kind is ChangeKind.ADDED


def test_compare_action_change_shows_date_in_words() -> None:
    before = plan()
    action = replace(CONF.actions[0], by_when=date(2027, 1, 6), status=ActionStatus.DONE)
    after = with_outcome(before, replace(CONF, actions=(action,)))
    change = next(d for d in compare_versions(snapshot(before), snapshot(after))
                  if d.section == "Actions").changes[0]
    assert change.kind is ChangeKind.CHANGED
    assert "By when: Wed 6 Jan 2027" in (change.after or "")
    assert "Status: Done" in (change.after or "")


def test_core_group_can_add_outcomes_actions_and_detail() -> None:
    before = plan()
    extra_action = ActionItem("a9", "Health visitor checks sleep routine")
    after = plan(outcomes=(
        replace(CONF, progress_measure="Carer's log shows every night covered",
                actions=CONF.actions + (extra_action,)),
        OutcomeItem("o2", "Amy sleeps in her own bed"),
    ))
    check_core_group_edit(before, after)  # does not raise


@pytest.mark.parametrize("change", [
    lambda o: replace(o, description="Amy is mostly safe at night"),
    lambda o: replace(o, origin=OutcomeOrigin.ADDED_BY_CORE_GROUP),
])
def test_conference_outcome_cannot_be_changed(change: object) -> None:
    before = plan()
    after = plan(outcomes=(change(CONF),))  # type: ignore[operator]
    with pytest.raises(NotAllowed) as err:
        check_core_group_edit(before, after)
    assert str(err.value) == CONFERENCE_OUTCOME_LOCKED


def test_core_group_can_refine_how_progress_is_judged() -> None:
    before = plan(outcomes=(replace(CONF, progress_measure="Carer log"),))
    check_core_group_edit(before, plan(outcomes=(replace(CONF, progress_measure="Log, weekly"),)))


def test_conference_outcome_cannot_be_deleted() -> None:
    with pytest.raises(NotAllowed) as err:
        check_core_group_edit(plan(), plan(outcomes=()))
    assert str(err.value) == CONFERENCE_OUTCOME_NOT_DELETED


def test_core_group_cannot_make_a_conference_outcome() -> None:
    fake = OutcomeItem("o2", "New", OutcomeOrigin.AGREED_AT_CONFERENCE)
    with pytest.raises(NotAllowed, match="Only the conference"):
        check_core_group_edit(plan(), plan(outcomes=(CONF, fake)))


def test_core_group_outcome_can_be_changed_and_deleted() -> None:
    mine = OutcomeItem("o2", "Amy goes to school")
    before = plan(outcomes=(CONF, mine))
    check_core_group_edit(before, plan(outcomes=(CONF, replace(mine, description="Every day"))))
    check_core_group_edit(before, plan(outcomes=(CONF,)))


def test_plan_content_feeds_the_completeness_check() -> None:
    missing = missing_items(plan_content(plan()))
    assert "how progress will be judged for outcome 1" in missing
    assert "why action 1 of outcome 1 is needed" in missing
    assert "a contingency plan" not in missing
    assert "a role for core group member Pat Health" in missing


def test_readability_flags_long_sentences_and_words_for_a_young_child() -> None:
    text = ("Your mum and the professionals will have meetings regularly to discuss the "
            "arrangements for your accommodation and your education.")
    hint = readability(text, 7)
    assert hint.sentences == 1
    assert hint.average_sentence_words > hint.target_sentence_words == 10
    assert "professionals" in hint.long_words and "accommodation" in hint.long_words
    assert "for a 7-year-old, aim for 10 or fewer" in hint.message
    assert not hint.ok


def test_readability_passes_short_plain_sentences() -> None:
    hint = readability("We want you to be safe. Mum will be home at night. Jo will visit you.", 7)
    assert hint.sentences == 3
    assert hint.ok
    assert "which suits a 7-year-old" in hint.message


def test_readability_of_nothing_says_what_to_aim_for() -> None:
    assert readability("", 14).message == (
        "Write short sentences: for a 14-year-old, aim for 20 words or fewer each.")


def test_age_in_years() -> None:
    assert age_in_years(date(2019, 5, 1), date(2026, 11, 25)) == 7
    assert age_in_years(None, date(2026, 11, 25)) is None
    assert age_in_years(date(2027, 1, 1), date(2026, 11, 25)) is None
