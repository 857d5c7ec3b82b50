"""Recording home visits through the services, on SQLite and (when set) PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, time

import pytest
from sqlalchemy import select, update

from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import (
    AlertKind,
    CountersignSubject,
    RecordStatus,
    RiskTrend,
    Role,
    VisitType,
)
from cpdesk.domain.errors import NotAllowed, StaleRecord, ValidationFailed
from cpdesk.domain.visit import VisitForm, WarningsNotAcknowledged
from cpdesk.domain.visit_validation import ObservationDraft, VisitDraft
from cpdesk.models import (
    Addendum,
    AuditEvent,
    Concern,
    FamilyMember,
    Household,
    Observation,
    Visit,
    VisitChild,
)
from cpdesk.models.db import Store
from cpdesk.services import visits
from cpdesk.services.alerts import alerts_as_of
from cpdesk.services.countersign import add_addendum, void_record
from cpdesk.services.verify import verify
from tests.case_factory import CaseIds, add_member, make_case, make_team

VISIT = CountersignSubject.VISIT

TODAY = date(2027, 1, 20)
VISIT_DAY = date(2027, 1, 19)


@dataclasses.dataclass
class World:
    store: Store
    worker: Actor
    other: Actor
    manager: Actor
    amy: CaseIds
    ben: CaseIds


@pytest.fixture
def world(store: Store) -> World:
    team = make_team(store)
    with store.session() as session:
        home = Household(name="Smith household", address="1 High Street")
        session.add(home)
        session.flush()
        household_id = home.id
    jo = team.workers["Jo Bloggs"]
    amy = make_case(store, lead_worker_id=jo, team_id=team.team_id, given_names="Amy",
                    household_id=household_id, manager_id=team.manager_id)
    ben = make_case(store, lead_worker_id=jo, team_id=team.team_id, given_names="Ben",
                    date_of_birth=date(2026, 6, 1), household_id=household_id,
                    manager_id=team.manager_id)
    with store.session() as session:
        session.add(FamilyMember(child_id=amy.child_id, name="Kim Smith",
                                 relationship_to_child="Mother", is_carer=True,
                                 lives_with_child=True))
    add_member(store, amy, "Helen Hart", job_title="Health visitor", agency="NHS")
    return World(
        store=store,
        worker=Actor(jo, "Jo Bloggs", Role.SOCIAL_WORKER, team.team_id),
        other=Actor(team.workers["Sam Patel"], "Sam Patel", Role.SOCIAL_WORKER, team.team_id),
        manager=Actor(team.manager_id, "Ann Okafor", Role.MANAGER, team.team_id),
        amy=amy, ben=ben,
    )


@pytest.fixture
def w(world: World) -> World:
    return world


def complete(form: VisitForm, **child_changes: object) -> VisitDraft:
    """Every required answer given, as a worker would type it."""
    answers: dict[str, object] = {
        "child_seen": True, "seen_alone": True, "seen_awake": True, "bedroom_seen": True,
        "presentation_and_behaviour": "Wearing a clean red jumper; ran to show me a drawing.",
        "wishes_and_feelings": "  \"I want to see Nan more.\"\n", "new_incidents": False,
        **child_changes,
    }
    children = tuple(
        dataclasses.replace(
            child, **answers,
            observations=tuple(
                dataclasses.replace(o, observation="Mother was home at 9pm; sitter booked.",
                                    risk_trend=RiskTrend.REDUCED)
                for o in child.observations
            ),
        )
        for child in form.draft.children
    )
    return dataclasses.replace(
        form.draft, visit_date=VISIT_DAY, start_time=time(16, 30),
        visit_type=VisitType.UNANNOUNCED, present="Kim Smith (Mother), Amy",
        sleeping_arrangements="Amy has her own bed with clean sheets.",
        meals="Pasta for tea; cereal and milk in the cupboard.", children=children,
    )


def start(w: World, *children: CaseIds) -> VisitForm:
    return visits.start_visit(w.store, w.worker, [c.child_id for c in children or (w.amy,)],
                              TODAY, start_time=time(16, 0))


def actions(store: Store) -> list[str]:
    with store.session() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.sequence)))


def test_start_visit_makes_a_draft_with_a_box_per_concern_and_offers_siblings(w: World) -> None:
    form = start(w)
    assert form.status is RecordStatus.DRAFT and form.revision == 1
    assert form.author == "Jo Bloggs"
    assert form.draft.visit_date == TODAY and form.draft.start_time == time(16, 0)
    assert [c.name for c in form.children] == ["Amy Smith"]
    assert [o.concern for o in form.draft.children[0].observations] == [
        "The children are left alone at night."]
    assert [s.first_name for s in form.siblings_not_included] == ["Ben"]
    assert [s.first_name for s in visits.household_siblings(w.store, [w.amy.child_id], TODAY)
            ] == ["Ben"]
    assert actions(w.store) == ["start_visit"]


def test_save_draft_upserts_and_reads_back_exactly(w: World) -> None:
    form = start(w)
    draft = dataclasses.replace(form.draft, present="  Kim\n(mother)  ", meals="")
    revision, changes = visits.save_draft(w.store, w.worker, form.visit_id, draft, form.revision)
    assert revision == form.revision + 1
    assert changes.kinds == {"visit"} and changes.child_ids == {w.amy.child_id}
    again = visits.load_visit(w.store, form.visit_id)
    assert again.draft == draft and again.revision == revision
    draft2 = dataclasses.replace(draft, meals="Toast")
    revision2, _ = visits.save_draft(w.store, w.worker, form.visit_id, draft2, revision)
    assert revision2 == revision + 1
    assert visits.load_visit(w.store, form.visit_id).draft == draft2
    with w.store.session() as session:
        assert session.scalar(select(Visit.meals)) == "Toast"
        assert len(session.scalars(select(Visit)).all()) == 1


def test_a_change_only_to_a_childs_answer_still_moves_the_revision(w: World) -> None:
    form = start(w)
    child = dataclasses.replace(form.draft.children[0], bedroom_seen=True)
    draft = dataclasses.replace(form.draft, children=(child,))
    revision, _ = visits.save_draft(w.store, w.worker, form.visit_id, draft, form.revision)
    assert revision == form.revision + 1


def test_a_stale_revision_is_refused_naming_who_saved(w: World) -> None:
    form = start(w)
    visits.save_draft(w.store, w.worker, form.visit_id,
                      dataclasses.replace(form.draft, meals="Toast"), form.revision)
    with pytest.raises(StaleRecord) as caught:
        visits.save_draft(w.store, w.worker, form.visit_id,
                          dataclasses.replace(form.draft, meals="Soup"), form.revision)
    assert caught.value.who == "Jo Bloggs" and caught.value.when is not None
    assert "Jo Bloggs changed this record" in str(caught.value)
    assert visits.load_visit(w.store, form.visit_id).draft.meals == "Toast"


def test_only_the_author_may_change_the_draft(w: World) -> None:
    form = start(w)
    with pytest.raises(NotAllowed, match="Only Jo Bloggs"):
        visits.save_draft(w.store, w.other, form.visit_id, form.draft, form.revision)


MISSING = [
    ("visit_date", {"visit_date": None}, {}, "Enter the date of the visit"),
    ("start_time", {"start_time": None}, {}, "Enter the time of the visit"),
    ("present", {"present": "  "}, {}, "Enter who was present at the visit"),
    ("sleeping_arrangements", {"sleeping_arrangements": ""}, {},
     "Enter what you found out about the sleeping arrangements"),
    ("meals", {"meals": ""}, {}, "Enter what you found out about meals"),
    ("children[0].child_seen", {}, {"child_seen": None}, "Select whether the child was seen"),
    ("children[0].not_seen_reason", {}, {"child_seen": False},
     "Enter why the child was not seen"),
    ("children[0].seen_alone", {}, {"seen_alone": None},
     "Select whether the child was seen alone"),
    ("children[0].not_seen_alone_reason", {}, {"seen_alone": False},
     "Enter why the child was not seen alone"),
    ("children[0].presentation_and_behaviour", {}, {"presentation_and_behaviour": ""},
     "Enter the child's presentation and behaviour"),
    ("children[0].new_incidents", {}, {"new_incidents": None},
     "Select whether there have been any new incidents or injuries"),
    ("children[0].incident_details", {}, {"new_incidents": True},
     "Enter details of the incident or injury"),
    ("delegated_to", {"delegated": True, "delegation_agreed_by": "Ann Okafor"}, {},
     "Enter the name of the worker who made the visit"),
    ("delegation_agreed_by", {"delegated": True, "delegated_to": "Pat Jones"}, {},
     "Enter the name of the manager who agreed to delegate the visit"),
]


@pytest.mark.parametrize(("field", "visit_changes", "child_changes", "message"), MISSING,
                         ids=[m[0] for m in MISSING])
def test_finalise_refuses_each_missing_field_with_its_message(
    w: World, field: str, visit_changes: dict[str, object], child_changes: dict[str, object],
    message: str,
) -> None:
    form = start(w)
    good = complete(form, **child_changes)
    draft = dataclasses.replace(good, **visit_changes)
    with pytest.raises(ValidationFailed) as caught:
        visits.finalise_visit(w.store, w.worker, form.visit_id, draft, TODAY, True)
    assert {(i.field, i.message) for i in caught.value.issues} == {(field, message)}
    stored = visits.load_visit(w.store, form.visit_id)
    assert stored.status is RecordStatus.DRAFT and stored.draft == form.draft  # nothing written
    assert actions(w.store) == ["start_visit"]


def test_the_baby_must_be_seen_awake_and_the_form_cannot_claim_otherwise(w: World) -> None:
    form = start(w, w.ben)  # Ben is 7 months old at the visit
    draft = complete(form, seen_awake=None)
    # A draft that pretends Ben is older is read with his real date of birth.
    child = dataclasses.replace(draft.children[0], date_of_birth=date(2010, 1, 1))
    with pytest.raises(ValidationFailed) as caught:
        visits.finalise_visit(w.store, w.worker, form.visit_id,
                              dataclasses.replace(draft, children=(child,)), TODAY, True)
    assert [i.message for i in caught.value.issues] == ["Select whether the baby was seen awake"]


def test_finalise_stores_exactly_what_was_typed(w: World) -> None:
    form = start(w)
    draft = complete(form)
    changes = visits.finalise_visit(w.store, w.worker, form.visit_id, draft, TODAY, False)
    assert changes.message == "Visit finalised. It is now waiting for your manager to countersign."
    assert {"visit", "alert", "caseload"} <= changes.kinds
    stored = visits.load_visit(w.store, form.visit_id)
    assert stored.status is RecordStatus.FINAL and stored.finalised_at is not None
    assert stored.draft == draft
    assert stored.draft.children[0].wishes_and_feelings == "  \"I want to see Nan more.\"\n"
    assert not stored.countersigned
    rows = visits.list_visits(w.store, w.amy.child_id)
    assert [(r.visit_date, r.child_seen, r.seen_alone, r.bedroom_seen, r.status,
             r.countersigned) for r in rows] == [
        (VISIT_DAY, True, True, True, RecordStatus.FINAL, False)]
    assert actions(w.store) == ["start_visit", "finalise_visit"]


def test_each_final_observation_names_its_concern_and_the_audit_chain_holds(w: World) -> None:
    form = start(w)
    visits.finalise_visit(w.store, w.worker, form.visit_id, complete(form), TODAY, False)
    with w.store.session() as session:
        stored = session.execute(
            select(Observation.concern, Observation.concern_id).join(VisitChild)
            .where(VisitChild.visit_id == form.visit_id)).all()
        concerns = session.execute(select(Concern.description, Concern.id)
                                   .where(Concern.plan_id == w.amy.plan_id)).all()
    assert stored == concerns and len(stored) == 1
    report = verify(w.store)
    assert report.ok and report.events_checked == 2


def test_vague_words_must_be_acknowledged(w: World) -> None:
    form = start(w)
    draft = complete(form, presentation_and_behaviour="Amy was fine.")
    with pytest.raises(WarningsNotAcknowledged) as caught:
        visits.finalise_visit(w.store, w.worker, form.visit_id, draft, TODAY, False)
    assert caught.value.warnings[0].word == "fine"
    assert visits.load_visit(w.store, form.visit_id).status is RecordStatus.DRAFT
    visits.finalise_visit(w.store, w.worker, form.visit_id, draft, TODAY, True)
    assert visits.load_visit(w.store, form.visit_id).status is RecordStatus.FINAL


def test_a_household_visit_counts_for_each_child(w: World) -> None:
    before = {a.child_id for a in alerts_as_of(w.store, TODAY)
              if a.kind is AlertKind.VISIT_OVERDUE}
    assert before == {w.amy.child_id, w.ben.child_id}
    form = start(w, w.amy, w.ben)
    assert form.is_household_visit and form.siblings_not_included == ()
    changes = visits.finalise_visit(w.store, w.worker, form.visit_id, complete(form), TODAY,
                                    False)
    assert changes.child_ids == {w.amy.child_id, w.ben.child_id}
    after = alerts_as_of(w.store, TODAY)
    assert not [a for a in after if a.kind in (AlertKind.VISIT_OVERDUE,
                                               AlertKind.NOT_SEEN_ALONE)]
    for case in (w.amy, w.ben):
        assert [r.visit_id for r in visits.list_visits(w.store, case.child_id)] == [
            form.visit_id]
    assert visits.list_visits(w.store, w.amy.child_id)[0].other_children == ("Ben",)


def test_child_unseen_raises_the_alert_at_once_and_says_to_tell_the_manager(w: World) -> None:
    form = start(w)
    draft = complete(form, child_seen=False, not_seen_reason="Nobody answered the door.")
    changes = visits.finalise_visit(w.store, w.worker, form.visit_id, draft, TODAY, False)
    assert "Amy was not seen" in changes.message
    assert "As Lead Social Worker, discuss it with your manager today" in changes.message
    assert "serious breach of the child protection plan" in changes.message
    unseen = [a for a in alerts_as_of(w.store, TODAY, child_id=w.amy.child_id)
              if a.kind is AlertKind.CHILD_UNSEEN]
    assert len(unseen) == 1


def test_a_final_record_cannot_be_edited(w: World) -> None:
    form = start(w)
    visits.finalise_visit(w.store, w.worker, form.visit_id, complete(form), TODAY, False)
    final = visits.load_visit(w.store, form.visit_id)
    changed = dataclasses.replace(final.draft, meals="Something else")
    with pytest.raises(NotAllowed, match="final"):
        visits.save_draft(w.store, w.worker, form.visit_id, changed, final.revision)
    with pytest.raises(NotAllowed, match="final"):
        visits.finalise_visit(w.store, w.worker, form.visit_id, changed, TODAY, True)
    assert visits.load_visit(w.store, form.visit_id).draft == final.draft


def test_an_addendum_is_stored_with_its_date_and_author(w: World) -> None:
    form = start(w)
    with pytest.raises(NotAllowed, match="draft"):
        add_addendum(w.store, w.worker, VISIT, form.visit_id, "Too early")
    visits.finalise_visit(w.store, w.worker, form.visit_id, complete(form), TODAY, False)
    with pytest.raises(ValidationFailed, match="Enter the addendum"):
        add_addendum(w.store, w.worker, VISIT, form.visit_id, "   ")
    with pytest.raises(NotAllowed, match="Only Jo Bloggs"):
        add_addendum(w.store, w.other, VISIT, form.visit_id, "Not mine")
    # A manager's view goes in their countersignature comment, not an addendum.
    with pytest.raises(NotAllowed, match="Only Jo Bloggs"):
        add_addendum(w.store, w.manager, VISIT, form.visit_id, "Discussed in supervision.")
    changes = add_addendum(w.store, w.worker, VISIT, form.visit_id,
                           "The visit started at 16:40, not 16:30.")
    assert changes.message.startswith("Addendum added.")
    add_addendum(w.store, w.worker, VISIT, form.visit_id, "Mother's name is spelt Kym.")
    final = visits.load_visit(w.store, form.visit_id)
    assert [(a.author, a.text) for a in final.addenda] == [
        ("Jo Bloggs", "The visit started at 16:40, not 16:30."),
        ("Jo Bloggs", "Mother's name is spelt Kym.")]
    assert all(a.written_at.tzinfo is not None for a in final.addenda)
    assert final.draft.start_time == time(16, 30)  # the record itself is unchanged
    with w.store.session() as session:
        assert session.scalar(select(Addendum.author_id).limit(1)) == w.worker.staff_id
    assert actions(w.store) == ["start_visit", "finalise_visit", "add_addendum", "add_addendum"]


def test_audit_events_record_who_and_what(w: World) -> None:
    form = start(w)
    draft = dataclasses.replace(form.draft, meals="Toast")
    visits.save_draft(w.store, w.worker, form.visit_id, draft, form.revision)
    with w.store.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.sequence)).all()
        assert [(e.action, e.actor_id, e.subject_id) for e in events] == [
            ("start_visit", w.worker.staff_id, form.visit_id),
            ("save_visit_draft", w.worker.staff_id, form.visit_id)]
        assert '"meals": "Toast"' in (events[1].after or "")
        assert '"meals": ""' in (events[1].before or "")
        after = json.loads(events[1].after or "")
        assert after["children"][0]["observations"] == [
            {"concern": "The children are left alone at night.", "observation": "",
             "risk_trend": None}]
        # the child's name, birth date and plan start are the store's, not the form's
        assert not {"child_name", "date_of_birth", "plan_start"} & set(after["children"][0])


def test_drafts_and_present_choices(w: World) -> None:
    one = start(w)
    two = start(w, w.amy, w.ben)
    drafts = visits.drafts_for(w.store, w.worker)
    assert {(d.visit_id, d.child_names) for d in drafts} == {
        (one.visit_id, "Amy"), (two.visit_id, "Amy and Ben")}
    assert visits.drafts_for(w.store, w.other) == []
    visits.finalise_visit(w.store, w.worker, one.visit_id, complete(one), TODAY, False)
    assert [d.visit_id for d in visits.drafts_for(w.store, w.worker)] == [two.visit_id]
    choices = visits.present_choices(w.store, [w.amy.child_id, w.ben.child_id])
    assert [c.text for c in choices] == ["Kim Smith (Mother, carer)",
                                         "Helen Hart (Health visitor, NHS)"]


def test_the_draft_cannot_change_which_children_it_is_for(w: World) -> None:
    form = start(w)
    with pytest.raises(ValidationFailed):
        visits.save_draft(w.store, w.worker, form.visit_id,
                          dataclasses.replace(form.draft, children=()), form.revision)
    with w.store.session() as session:
        assert len(session.scalars(select(VisitChild)).all()) == 1


def entry_copies(store: Store, visit_id: str) -> set[tuple[object, object]]:
    with store.session() as session:
        return set(session.execute(select(VisitChild.visit_date, VisitChild.visit_status)
                                   .where(VisitChild.visit_id == visit_id)).all())


def test_each_entry_holds_its_visits_date_and_status_through_draft_final_and_void(
    w: World,
) -> None:
    # the alerts read these copies (issue 10), so every step must keep them the visit's own
    form = start(w, w.amy, w.ben)
    assert entry_copies(w.store, form.visit_id) == {(TODAY, RecordStatus.DRAFT)}
    assert VISIT_DAY != TODAY
    draft = complete(form)
    visits.save_draft(w.store, w.worker, form.visit_id, draft, form.revision)
    assert entry_copies(w.store, form.visit_id) == {(VISIT_DAY, RecordStatus.DRAFT)}
    visits.finalise_visit(w.store, w.worker, form.visit_id, draft, TODAY, False)
    assert entry_copies(w.store, form.visit_id) == {(VISIT_DAY, RecordStatus.FINAL)}
    void_record(w.store, w.manager, CountersignSubject.VISIT, form.visit_id,
                "Recorded against the wrong family.")
    assert entry_copies(w.store, form.visit_id) == {(VISIT_DAY, RecordStatus.VOIDED)}
    assert verify(w.store).problems == ()

    # a copy changed behind cpdesk's back is reported, naming the visit
    with w.store.session() as session:
        session.execute(update(VisitChild).where(VisitChild.visit_id == form.visit_id)
                        .values(visit_status=RecordStatus.FINAL))
    problems = verify(w.store).problems
    assert len(problems) == 2 and all(form.visit_id in p for p in problems)


def stored_rows(store: Store, visit_id: str) -> tuple[tuple[object, ...], tuple[object, ...],
                                                      list[tuple[object, ...]]]:
    """The visit's (revision, updated_by), its entry's (revision, updated_at, updated_by), and
    its observations' (position, concern, concern_id, observation, revision) in order."""
    with store.session() as session:
        visit = session.execute(select(Visit.revision, Visit.updated_by)
                                .where(Visit.id == visit_id)).one()
        entry = session.execute(select(VisitChild.revision, VisitChild.updated_at,
                                       VisitChild.updated_by)
                                .where(VisitChild.visit_id == visit_id)).one()
        observations = session.execute(
            select(Observation.position, Observation.concern, Observation.concern_id,
                   Observation.observation, Observation.revision)
            .join(VisitChild).where(VisitChild.visit_id == visit_id)
            .order_by(Observation.position)).all()
    return tuple(visit), tuple(entry), [tuple(o) for o in observations]


def test_each_row_is_written_only_when_it_changed_and_moves_to_its_next_revision(
    w: World,
) -> None:
    form = start(w)
    [concern_id] = [c.id for c in _concerns(w)]
    [box] = form.draft.children[0].observations
    first = dataclasses.replace(box, observation="Mother was home at 9pm.")
    extra = ObservationDraft("A dog in the home", "A large dog, kept in the garden.")
    child = dataclasses.replace(form.draft.children[0], observations=(first, extra))
    draft = dataclasses.replace(form.draft, children=(child,))
    revision, _ = visits.save_draft(w.store, w.worker, form.visit_id, draft, form.revision)
    visit, entry, observations = stored_rows(w.store, form.visit_id)
    assert visit == (form.revision + 1, w.worker.staff_id) and revision == visit[0]
    assert entry[0] == 2 and entry[2] == w.worker.staff_id  # its empty answers now ""
    assert observations == [
        (0, box.concern, concern_id, "Mother was home at 9pm.", 1),
        (1, "A dog in the home", None, "A large dog, kept in the garden.", 1)]

    # Only the visit's own answers: the visit moves on, nothing else is written.
    draft = dataclasses.replace(draft, meals="Toast")
    revision, _ = visits.save_draft(w.store, w.worker, form.visit_id, draft, revision)
    assert stored_rows(w.store, form.visit_id)[1:] == (entry, observations)

    # One observation changed, one taken out: that row moves on, the other is deleted.
    child = dataclasses.replace(child, observations=(
        dataclasses.replace(first, observation="Mother was home at 8pm."),))
    draft = dataclasses.replace(draft, children=(child,))
    revision, _ = visits.save_draft(w.store, w.worker, form.visit_id, draft, revision)
    _, again, observations = stored_rows(w.store, form.visit_id)
    assert again == entry
    assert observations == [(0, box.concern, concern_id, "Mother was home at 8pm.", 2)]

    # Finalising moves the entry on (its copy of the visit's status changes), at a new time.
    final = complete(visits.load_visit(w.store, form.visit_id))
    visits.finalise_visit(w.store, w.worker, form.visit_id, final, TODAY, True,
                          expected_revision=revision)
    visit, entry_now, observations = stored_rows(w.store, form.visit_id)
    assert visit == (revision + 1, w.worker.staff_id)
    assert entry_now[0] == 3 and entry_now[1] > entry[1] and entry_now[2] == w.worker.staff_id
    assert observations == [
        (0, box.concern, concern_id, "Mother was home at 9pm; sitter booked.", 3)]
    assert entry_copies(w.store, form.visit_id) == {(VISIT_DAY, RecordStatus.FINAL)}
    assert verify(w.store).problems == ()


def _concerns(w: World) -> list[Concern]:
    with w.store.session() as session:
        return list(session.scalars(select(Concern).where(Concern.plan_id == w.amy.plan_id)
                                    .order_by(Concern.position)))
