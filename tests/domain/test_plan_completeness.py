"""What a plan still lacks (002 s1)."""

from datetime import date

from cpdesk.domain.enums import ActionStatus, OutcomeOrigin
from cpdesk.domain.plan_completeness import (
    ActionContent,
    MemberRole,
    OutcomeContent,
    PlanContent,
    missing_items,
)

ACTION = ActionContent("Attend parenting course", "To learn routines", "Sam (mother)",
                       date(2027, 3, 1), ActionStatus.NOT_STARTED)
OUTCOME = OutcomeContent("Amy has regular meals", OutcomeOrigin.AGREED_AT_CONFERENCE,
                         "Health visitor sees meals at 4 visits", (ACTION,))
COMPLETE = PlanContent(
    concerns=("Amy often goes without food",), outcomes=(OUTCOME,),
    contingency_plan="If Amy is found without food again, a strategy discussion is held.",
    members=(MemberRole("Jo Bloggs", "Health visitor: weighs Amy", "Every 2 weeks"),),
    when_child_seen="Alone at school fortnightly; at home with mother fortnightly",
    developmental_needs="Speech delay", therapeutic_services="Speech therapy",
    review_points="At each core group and the review conference",
)


def test_complete_plan_lacks_nothing() -> None:
    assert missing_items(COMPLETE) == []


def test_empty_plan_lacks_everything() -> None:
    assert missing_items(PlanContent()) == [
        "the exact nature of the concerns",
        "at least one outcome for the child",
        "a contingency plan",
        "the core group members and their roles",
        "when the child will be seen, alone and with others",
        "the child's developmental needs",
        "what therapeutic services are required",
        "review points",
    ]


def test_outcome_and_action_gaps_are_numbered() -> None:
    vague_action = ActionContent(what="Improve routines")
    plan = PlanContent(
        concerns=COMPLETE.concerns,
        outcomes=(OUTCOME, OutcomeContent("Safe sleep", None, "", (ACTION, vague_action)),
                  OutcomeContent("", None, "Measured", ())),
        contingency_plan=COMPLETE.contingency_plan,
        members=(MemberRole("Jo Bloggs", "", "Weekly"), MemberRole("", "GP", "")),
        when_child_seen=COMPLETE.when_child_seen,
        developmental_needs=COMPLETE.developmental_needs,
        therapeutic_services=COMPLETE.therapeutic_services,
        review_points=" ",
    )
    assert missing_items(plan) == [
        "how progress will be judged for outcome 2",
        "why action 2 of outcome 2 is needed",
        "who will do action 2 of outcome 2",
        "by when for action 2 of outcome 2",
        "what outcome 3 is",
        "the actions for outcome 3",
        "a role for core group member Jo Bloggs",
        "how often core group member number 2 will be in contact",
        "review points",
    ]


def test_blank_concerns_count_as_missing() -> None:
    plan = PlanContent(concerns=("  ",))
    assert missing_items(plan)[0] == "the exact nature of the concerns"
