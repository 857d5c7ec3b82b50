"""The chronology: every dated event, newest first, filterable by kind and searchable."""

from __future__ import annotations

from datetime import date

from cpdesk.domain.chronology import ChronologyKind, filter_entries
from cpdesk.domain.enums import CountersignDecision, CountersignSubject
from cpdesk.models.db import Store
from cpdesk.services.chronology import chronology_for
from tests.case_factory import (
    add_countersignature,
    add_meeting,
    add_plan_version,
    add_visit,
    make_case,
    make_team,
)


def test_every_kind_newest_first(store: Store) -> None:
    team = make_team(store)
    jo = team.workers["Jo Bloggs"]
    case = make_case(store, lead_worker_id=jo, start=date(2026, 9, 1))
    other = make_case(store, lead_worker_id=jo, given_names="Ben")
    add_visit(store, other, date(2026, 11, 1), author_id=jo)  # someone else's visit: not listed
    version = add_plan_version(store, case, 1, date(2026, 9, 2), made_by_id=jo)
    add_meeting(store, case, date(2026, 9, 14))
    visit = add_visit(store, case, date(2026, 10, 6), author_id=jo, seen_alone=True,
                      incident="Bruise on the left arm, mother says Amy fell",
                      injury="Left forearm")
    add_visit(store, case, date(2026, 11, 3), author_id=jo, child_seen=False)
    add_countersignature(store, CountersignSubject.VISIT, visit, team.manager_id,
                         date(2026, 10, 8), comment="Agree the next steps")
    add_countersignature(store, CountersignSubject.PLAN_VERSION, version, team.manager_id,
                         date(2026, 9, 3), decision=CountersignDecision.RETURNED)

    entries = chronology_for(store, case.child_id)

    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)
    assert {e.kind for e in entries} == set(ChronologyKind)
    titles = [(e.when, e.title) for e in entries]
    assert (date(2026, 11, 3), "Unannounced home visit") in titles
    assert (date(2026, 10, 8), "Visit of Tue 6 Oct 2026 countersigned") in titles
    assert (date(2026, 9, 3), "Child protection plan version 1 returned for changes") in titles
    assert (date(2026, 9, 1), "Initial child protection conference") in titles
    unseen = next(e for e in entries if e.when == date(2026, 11, 3))
    assert unseen.detail == "Child not seen: Nobody answered the door."
    seen = next(e for e in entries if e.when == date(2026, 10, 6) and e.kind is
                ChronologyKind.VISIT)
    assert seen.detail.startswith("Seen alone. Bedroom seen.")
    assert all(e.when != date(2026, 11, 1) for e in entries)

    injuries = filter_entries(entries, frozenset({ChronologyKind.INCIDENT}), "")
    assert [e.detail for e in injuries] == [
        "Bruise on the left arm, mother says Amy fell. Injury: Left forearm."
    ]
    assert [e.when for e in filter_entries(entries, None, "forearm")] == [date(2026, 10, 6)]
    assert filter_entries(entries, None, "AGREE next") [0].kind is ChronologyKind.COUNTERSIGNATURE
