"""What a manager reads before countersigning (services.review) and the audit history of a
child's records (services.audit_history), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from cpdesk.domain.actor import SYSTEM
from cpdesk.domain.countersign import CountersignState
from cpdesk.domain.enums import CountersignSubject
from cpdesk.domain.errors import NotAllowed
from cpdesk.domain.record_text import changes_text, sections, value_text
from cpdesk.models.db import Store
from cpdesk.services import visits
from cpdesk.services.audit_history import audit_history
from cpdesk.services.countersign import add_addendum, countersign, void_record
from cpdesk.services.review import countersign_count, review_record
from cpdesk.services.signin import set_password
from cpdesk.services.staff import list_staff, passwords_in_use
from tests.case_factory import add_meeting, add_visit, make_case, make_team

TODAY = date(2026, 11, 25)
VISIT = CountersignSubject.VISIT


def _people(store: Store):  # type: ignore[no-untyped-def]
    staff = {m.name: m.actor for m in list_staff(store)}
    return staff["Ann Okafor"], staff["Jo Bloggs"]


def test_reading_signing_and_the_history_of_a_visit(store: Store) -> None:
    team = make_team(store)
    amy = make_case(store, lead_worker_id=team.workers["Jo Bloggs"], team_id=team.team_id)
    ben = make_case(store, lead_worker_id=team.workers["Jo Bloggs"], team_id=team.team_id,
                    given_names="Ben", family_name="Jones")
    ann, jo = _people(store)
    assert not passwords_in_use(store)
    set_password(store, SYSTEM, ann.staff_id or "", "ann-password-1")
    assert passwords_in_use(store)

    form = visits.start_visit(store, jo, [amy.child_id], TODAY)
    draft = dataclasses.replace(form.draft, present="Mother (Kim), Amy", meals="Soup and bread")
    visits.save_draft(store, jo, form.visit_id, draft, form.revision)
    other = visits.start_visit(store, jo, [ben.child_id], TODAY)
    assert countersign_count(store, ann) == 0  # drafts do not wait for anyone

    # a final record, read in words before signing
    final_id = add_visit(store, amy, date(2026, 11, 20), author_id=jo.staff_id,
                         present="Mother (Kim), Amy")
    assert countersign_count(store, ann) == 1
    record = review_record(store, ann, VISIT, final_id)
    assert record.child_name == "Amy Smith" and record.author == "Jo Bloggs"
    assert record.state is CountersignState.AWAITING
    words = {s.heading: s.lines for s in record.sections}
    assert words["Date of the visit"] == ("Fri 20 Nov 2026",)
    assert words["Who was present"] == ("Mother (Kim), Amy",)
    assert words["Announced or unannounced"] == ("Unannounced",)
    with pytest.raises(NotAllowed):
        review_record(store, jo, VISIT, final_id)

    countersign(store, ann, VISIT, final_id, "ann-password-1", "Thorough")
    add_addendum(store, jo, VISIT, final_id, "Kim's sister was also there.")
    record = review_record(store, ann, VISIT, final_id)
    assert record.state is CountersignState.ADDENDUM_AWAITING
    assert [s.comment for s in record.signatures] == ["Thorough"]
    assert [a.text for a in record.addenda] == ["Kim's sister was also there."]
    void_record(store, jo, VISIT, form.visit_id, "Started on the wrong day")

    history = audit_history(store, ann, amy.child_id)
    done = [(e.who, e.action) for e in history]
    assert done == [
        ("Jo Bloggs", "Started a visit record"),
        ("Jo Bloggs", "Saved the visit draft"),
        ("Ann Okafor", "Countersigned"),
        ("Jo Bloggs", "Added an addendum"),
        ("Jo Bloggs", "Voided the record"),
    ]
    assert [e.sequence for e in history] == sorted(e.sequence for e in history)
    saved = history[1]
    assert "Meals: Soup and bread" in saved.after
    assert "Meals: Not recorded" in saved.before
    assert "Reason: Started on the wrong day" in history[-1].after
    assert other.visit_id not in {e.subject_id for e in history}  # Ben's visit is not Amy's
    with pytest.raises(NotAllowed, match="cannot see the audit history"):
        audit_history(store, jo, amy.child_id)


def test_minutes_read_as_words(store: Store) -> None:
    team = make_team(store)
    amy = make_case(store, lead_worker_id=team.workers["Jo Bloggs"], team_id=team.team_id)
    ann, _jo = _people(store)
    meeting = add_meeting(store, amy, date(2026, 10, 1))
    record = review_record(store, ann, CountersignSubject.CORE_GROUP_MINUTES, meeting)
    words = {s.heading: s.lines for s in record.sections}
    assert words["Held on"] == ("Thu 1 Oct 2026",)
    assert words["Who came"] == (  # in name order, as the signed content holds them
        "Class teacher: sent apologies. Their summary: Attends weekly",
        "Health visitor: attended", "Jo Bloggs: attended")
    assert not any("id" == s.heading.lower() for s in record.sections)


def test_record_text_in_words() -> None:
    names = {"s1": "Jo Bloggs"}
    assert value_text("2027-01-05") == "Tue 5 Jan 2027"
    assert value_text(True) == "Yes" and value_text(None) == "Not recorded"
    assert value_text("agreed_at_conference") == "Agreed at conference"
    assert value_text("s1", names, "author_id") == "Jo Bloggs"
    assert value_text("16:30:00") == "16:30"
    parts = sections({"id": "x", "plan_id": "p", "reason": "Review", "moved_reason": None,
                      "snapshot": '{"concerns": ["Left alone at night"]}'}, names,
                     labels={"reason": "Why this version was made"})
    assert [(s.heading, s.lines) for s in parts] == [
        ("Why this version was made", ("Review",)), ("Concerns", ("Left alone at night",))]
    assert changes_text('{"status": "voided", "reason": "Wrong child"}') == (
        "Status: Voided\nReason: Wrong child")
    assert changes_text(None) == ""
