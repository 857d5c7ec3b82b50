"""Each visit-recording rule (002 s4), and that no input makes validate_visit raise."""

from dataclasses import replace
from datetime import date, time

from hypothesis import given, settings
from hypothesis import strategies as st

from cpdesk.domain.enums import RiskTrend, VisitType
from cpdesk.domain.profiles import load_profile
from cpdesk.domain.visit_validation import (
    REQUIRED_VISIT_FIELDS,
    FieldIssue,
    ObservationDraft,
    VisitChildDraft,
    VisitDraft,
    _label_pattern,
    vague_words,
    validate_visit,
)

ENG = load_profile("england-default")
TODAY = date(2027, 1, 20)

CHILD = VisitChildDraft(
    child_name="Amy", date_of_birth=date(2019, 5, 1), plan_start=date(2026, 12, 18),
    child_seen=True, seen_alone=True, bedroom_seen=True,
    presentation_and_behaviour="Wearing clean school uniform; ran to show me her drawing.",
    wishes_and_feelings="Wants to see her nan more.", new_incidents=False,
    observations=(ObservationDraft("Food in the house", "Fridge had milk, bread and fruit.",
                                   RiskTrend.REDUCED),),
)
GOOD = VisitDraft(
    visit_date=date(2027, 1, 19), start_time=time(16, 30), visit_type=VisitType.UNANNOUNCED,
    present="Amy, her mother Sam", sleeping_arrangements="Amy has her own bed, clean sheets.",
    meals="Tea was pasta; mother says breakfast is cereal.", children=(CHILD,),
)


def child(**changes: object) -> VisitDraft:
    return replace(GOOD, children=(replace(CHILD, **changes),))


def errors(draft: VisitDraft) -> dict[str, str]:
    return {i.field: i.message for i in validate_visit(draft, TODAY, ENG).errors}


def test_a_good_visit_has_no_errors_or_warnings() -> None:
    check = validate_visit(GOOD, TODAY, ENG)
    assert check.errors == () and check.warnings == () and check.ok


def test_missing_visit_fields() -> None:
    draft = replace(GOOD, present=" ", sleeping_arrangements="", meals="", visit_date=None,
                    start_time=None)
    assert errors(draft) == {
        "present": "Enter who was present at the visit",
        "sleeping_arrangements": "Enter what you found out about the sleeping arrangements",
        "meals": "Enter what you found out about meals",
        "visit_date": "Enter the date of the visit",
        "start_time": "Enter the time of the visit",
    }


def test_missing_child_answers() -> None:
    got = errors(child(child_seen=None, new_incidents=None))
    assert got == {
        "children[0].child_seen": "Select whether the child was seen",
        "children[0].new_incidents":
            "Select whether there have been any new incidents or injuries",
    }
    got = errors(child(seen_alone=None, presentation_and_behaviour=""))
    assert got == {
        "children[0].seen_alone": "Select whether the child was seen alone",
        "children[0].presentation_and_behaviour": "Enter the child's presentation and behaviour",
    }


def test_not_seen_alone_needs_a_reason() -> None:
    assert errors(child(seen_alone=False)) == {
        "children[0].not_seen_alone_reason": "Enter why the child was not seen alone"}
    assert errors(child(seen_alone=False, not_seen_alone_reason="Mother refused")) == {}


def test_child_not_seen_needs_a_reason_but_not_seen_alone_or_presentation() -> None:
    draft = child(child_seen=False, seen_alone=None, presentation_and_behaviour="")
    assert errors(draft) == {"children[0].not_seen_reason": "Enter why the child was not seen"}
    draft = child(child_seen=False, seen_alone=None, not_seen_reason="No answer at the door")
    assert errors(draft) == {}


def test_injuries_need_details() -> None:
    assert errors(child(new_incidents=True)) == {
        "children[0].incident_details": "Enter details of the incident or injury"}
    assert errors(child(new_incidents=True, incident_details="Bruise, left shin, 2cm")) == {}


def test_visit_date_in_the_future_or_before_the_plan() -> None:
    assert errors(replace(GOOD, visit_date=date(2027, 1, 21))) == {
        "visit_date": "Date of the visit must be today or in the past"}
    assert errors(replace(GOOD, visit_date=TODAY)) == {}
    assert errors(replace(GOOD, visit_date=date(2026, 12, 17))) == {
        "visit_date": "Date of the visit must be on or after the date the plan for Amy began, "
                      "Fri 18 Dec 2026"}


def test_baby_under_one_must_be_answered_seen_awake() -> None:
    # Born 20 Jan 2026: still under one on Tue 19 Jan 2027, one on Wed 20 Jan 2027.
    baby = child(date_of_birth=date(2026, 1, 20), seen_alone=None)
    assert errors(baby) == {"children[0].seen_awake": "Select whether the baby was seen awake"}
    assert errors(child(date_of_birth=date(2026, 1, 20), seen_alone=None, seen_awake=True)) == {}
    one_today = replace(baby, visit_date=TODAY)
    assert errors(one_today) == {
        "children[0].seen_alone": "Select whether the child was seen alone"}


def test_delegated_visit_needs_manager_and_worker() -> None:
    assert errors(replace(GOOD, delegated=True)) == {
        "delegated_to": "Enter the name of the worker who made the visit",
        "delegation_agreed_by": "Enter the name of the manager who agreed to delegate the visit",
    }
    assert errors(replace(GOOD, delegated=True, delegated_to="Pat Lee",
                          delegation_agreed_by="Chris Moss")) == {}


def test_no_children_and_observation_rows() -> None:
    assert errors(replace(GOOD, children=())) == {
        "children": "Add the child or children the visit was for"}
    rows = (ObservationDraft("", ""), ObservationDraft("Home conditions", ""),
            ObservationDraft("", "Kitchen clean"))
    assert errors(child(observations=rows)) == {
        "children[0].observations[1].observation": "Enter what you observed about this concern",
        "children[0].observations[2].concern": "Enter the concern this observation is about",
    }


def test_next_planned_visit() -> None:
    assert errors(replace(GOOD, next_planned_visit=date(2027, 1, 19))) == {
        "next_planned_visit": "Date of the next planned visit must be after the visit"}
    check = validate_visit(replace(GOOD, next_planned_visit=date(2027, 2, 3)), TODAY, ENG)
    # 19 Jan + 14 = 2 Feb; 3 Feb is too far away.
    assert check.errors == () and check.warnings == (FieldIssue(
        "next_planned_visit", "The next visit is more than 14 days away. Visits must be no more "
        "than 14 days apart: plan one by Tue 2 Feb 2027"),)


def test_vague_labels_warn_with_the_word() -> None:
    draft = child(presentation_and_behaviour="Amy was FINE and presented  well. Well-dressed.",
                  observations=(ObservationDraft("Home", "No concerns, home okay."),))
    check = validate_visit(draft, TODAY, ENG)
    assert check.errors == ()
    assert [(w.field, w.word) for w in check.warnings] == [
        ("children[0].presentation_and_behaviour", "fine"),
        ("children[0].presentation_and_behaviour", "presented well"),
        ("children[0].observations[0].observation", "no concerns"),
        ("children[0].observations[0].observation", "okay"),
    ]
    assert check.warnings[0].message == (
        "'fine' does not say what you saw. Describe the child's presentation, for example what "
        "they were wearing, how they moved, what they said")


def test_vague_labels_are_whole_words_only() -> None:
    draft = child(presentation_and_behaviour="Finely drawn picture; goodbye wave; okra for tea.")
    assert validate_visit(draft, TODAY, ENG).warnings == ()


_label_words = sorted({w for label in ENG.vague_labels for w in label.split()})
_near_labels = st.lists(st.sampled_from([*_label_words, " ", "  ", "\n", "-", "'", ".", "un",
                                         "ly", "\u017f", "\u212a", "\u0130"]),
                        max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(_near_labels, st.text(max_size=40)))
def test_the_one_search_for_any_label_finds_every_text_a_label_search_would(text: str) -> None:
    # vague_words first asks one pattern whether any label is there at all (issue 10): it
    # must never say no where a label's own pattern says yes.
    one_by_one = any(_label_pattern(label).search(text) for label in ENG.vague_labels)
    assert (vague_words(text, ENG.vague_labels) != []) == one_by_one


def test_required_fields_list_names_the_rules() -> None:
    for field in ("present", "sleeping_arrangements", "meals", "children[].child_seen",
                  "children[].seen_alone", "children[].presentation_and_behaviour",
                  "children[].new_incidents", "delegation_agreed_by"):
        assert field in REQUIRED_VISIT_FIELDS


_text = st.one_of(st.text(max_size=40), st.sampled_from(["fine", "OK ok", " ", "as normal"]))
_opt_bool = st.one_of(st.none(), st.booleans())
_dates = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2040, 1, 1)))
_obs = st.builds(ObservationDraft, concern=_text, observation=_text,
                 risk_trend=st.one_of(st.none(), st.sampled_from(RiskTrend)))
_child = st.builds(
    VisitChildDraft, child_name=_text, date_of_birth=_dates, plan_start=_dates,
    child_seen=_opt_bool, not_seen_reason=_text, seen_alone=_opt_bool,
    not_seen_alone_reason=_text, seen_awake=_opt_bool, bedroom_seen=_opt_bool,
    presentation_and_behaviour=_text, wishes_and_feelings=_text, new_incidents=_opt_bool,
    incident_details=_text, injury_location=_text,
    observations=st.lists(_obs, max_size=3).map(tuple),
)
_visit = st.builds(
    VisitDraft, visit_date=_dates, start_time=st.one_of(st.none(), st.times()),
    visit_type=st.one_of(st.none(), st.sampled_from(VisitType)), present=_text,
    sleeping_arrangements=_text, meals=_text, delegated=st.booleans(), delegated_to=_text,
    delegation_agreed_by=_text, next_planned_visit=_dates,
    children=st.lists(_child, max_size=3).map(tuple),
)


@settings(max_examples=300, deadline=None)
@given(draft=_visit, today=st.dates(date(2000, 1, 1), date(2040, 1, 1)))
def test_validate_visit_never_raises(draft: VisitDraft, today: date) -> None:
    check = validate_visit(draft, today, ENG)
    for issue in (*check.errors, *check.warnings):
        assert issue.field and issue.message
