"""The child's record service: header in the profile's words, plan, visits, core group, dates."""

from __future__ import annotations

from datetime import date

import pytest

from cpdesk.domain.actor import SYSTEM
from cpdesk.domain.enums import AlertKind, ConferenceKind, RecordStatus
from cpdesk.models.db import Store
from cpdesk.services.child_record import ChildNotFound, load_child_record
from cpdesk.services.profile import set_profile
from cpdesk.services.staff import list_staff
from tests.case_factory import (
    add_meeting,
    add_member,
    add_plan_version,
    add_visit,
    make_case,
    make_team,
)

TODAY = date(2026, 11, 25)


def test_record_shows_what_is_stored(store: Store) -> None:
    team = make_team(store)
    jo = team.workers["Jo Bloggs"]
    case = make_case(store, lead_worker_id=jo, team_id=team.team_id, given_names="Amy",
                     family_name="Smith", date_of_birth=date(2019, 5, 1))
    add_visit(store, case, date(2026, 11, 10), author_id=jo, seen_alone=False,
              not_seen_alone_reason="Amy was asleep")
    add_visit(store, case, date(2026, 11, 20), author_id=jo, status=RecordStatus.DRAFT)
    add_meeting(store, case, date(2026, 9, 12))
    add_member(store, case, "Pat Health", agency="NHS", job_title="Health visitor")
    add_plan_version(store, case, 1, date(2026, 9, 1), made_by_id=jo)

    record = load_child_record(store, case.child_id, TODAY)

    assert record.name == "Amy Smith"
    assert record.case_number == case.case_number
    assert record.age == "7 years"
    assert record.worker_title == "Lead Social Worker"
    assert record.lead_worker == "Jo Bloggs"
    assert record.plan is not None and record.plan.start_date == date(2026, 9, 1)
    assert record.plan.concerns == ("The children are left alone at night.",)
    assert [v.visit_date for v in record.visits] == [date(2026, 11, 20), date(2026, 11, 10)]
    assert record.visits[1].seen_alone is False
    assert record.visits[1].not_seen_alone_reason == "Amy was asleep"
    assert record.visits[0].status is RecordStatus.DRAFT
    assert [c.kind for c in record.conferences] == [ConferenceKind.INITIAL]
    assert [m.name for m in record.members] == ["Pat Health"]
    assert record.meetings[0].attended == ("Jo Bloggs", "Health visitor")
    assert record.meetings[0].apologies == ("Class teacher",)
    assert [v.number for v in record.versions] == [1]
    assert record.versions[0].made_by == "Jo Bloggs"
    # the last final visit was 10 Nov, so the next visit falls due from there
    assert record.next_dates.next_visit_due is not None
    assert record.next_dates.next_visit_due > date(2026, 11, 10)


def test_unborn_child_and_profile_wording(store: Store) -> None:
    team = make_team(store)
    case = make_case(store, lead_worker_id=team.workers["Sam Patel"], date_of_birth=None,
                     expected_date_of_birth=date(2027, 1, 5))
    set_profile(store, SYSTEM, "sefton")  # an administrator chooses the profile

    record = load_child_record(store, case.child_id, TODAY)

    assert record.age == "unborn, due Tue 5 Jan 2027"
    assert record.worker_title == "Key Worker"


def test_alerts_for_the_child_most_serious_first(store: Store) -> None:
    team = make_team(store)
    case = make_case(store, lead_worker_id=team.workers["Jo Bloggs"], start=date(2026, 6, 1))
    add_visit(store, case, date(2026, 6, 5), author_id=None, child_seen=False)

    record = load_child_record(store, case.child_id, TODAY)

    assert record.alerts, "a child not seen since June must raise alerts"
    assert record.alerts[0].kind is AlertKind.CHILD_UNSEEN
    ranks = [a.severity.rank for a in record.alerts]
    assert ranks == sorted(ranks)


def test_unknown_child(store: Store) -> None:
    with pytest.raises(ChildNotFound):
        load_child_record(store, "00000000-0000-0000-0000-000000000000", TODAY)


def test_staff_list_sorted_with_roles(store: Store) -> None:
    team = make_team(store, workers=("Zoe Young", "Ali Khan"), manager="Maya Boss")
    staff = list_staff(store)
    assert [s.name for s in staff] == ["Ali Khan", "Maya Boss", "Zoe Young"]
    assert staff[1].actor.is_manager and staff[1].actor.team_id == team.team_id
    assert staff[0].description == "Ali Khan, Social worker, North team"
