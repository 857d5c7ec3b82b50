"""The documents service on SQLite and PostgreSQL: records built from what is stored, a fixed
number of reads per document, the export audited, the batch of a day's pro formas, clear
errors; and the review report's visit-gap rule."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, select

from cpdesk.domain.actor import Actor
from cpdesk.domain.documents import visit_gaps
from cpdesk.domain.enums import IntervalUnit, Nation, RecordStatus, Role
from cpdesk.domain.working_days import WorkingCalendar
from cpdesk.models import (
    Action,
    AuditEvent,
    CoreGroupMeeting,
    Disagreement,
    MeetingProgress,
    Outcome,
)
from cpdesk.models.db import Store
from cpdesk.services.documents import (
    DocumentError,
    actor_for_username,
    build_agreement,
    build_minutes,
    build_plan,
    build_pro_forma,
    build_pro_formas_for_date,
    build_review_report,
    build_visits,
    export_document,
    export_pro_formas_for_date,
)
from tests.case_factory import (
    TeamIds,
    add_meeting,
    add_member,
    add_visit,
    make_case,
    make_team,
)

TODAY = date(2026, 11, 25)
JO = Actor(staff_id=None, name="Jo Bloggs", role=Role.SOCIAL_WORKER)


def _case(store: Store, team: TeamIds | None = None, **kw: object) -> tuple[str, str, str]:
    team = team or make_team(store)
    jo = team.workers["Jo Bloggs"]
    case = make_case(store, lead_worker_id=jo, team_id=team.team_id,
                     case_number=kw.pop("case_number", None), **kw)  # type: ignore[arg-type]
    add_member(store, case, "Pat Health", agency="NHS", job_title="Health visitor")
    add_member(store, case, "Kim Smith", job_title="Mother")
    return case.case_number, case.plan_id, jo


def test_plan_record_is_what_is_stored(store: Store) -> None:
    number, _plan, _jo = _case(store)
    doc = build_plan(store, JO, number, TODAY)
    assert doc.header.child_name == "Amy Smith" and doc.header.case_number == number
    assert doc.header.printed_by == "Jo Bloggs" and doc.header.worker_title == "Lead Social Worker"
    assert doc.concerns == ("The children are left alone at night.",)
    assert [o.description for o in doc.outcomes] == ["Amy is safe at night"]
    assert doc.outcomes[0].actions[0].number == "1.1"
    assert doc.outcomes[0].actions[0].who == "Mother"
    assert [m.name for m in doc.members] == ["Pat Health", "Kim Smith"]
    assert doc.version is None and doc.lead_worker == "Jo Bloggs"
    # first review within 3 months of the initial conference (england-default)
    assert doc.next_review_date == date(2026, 12, 1)


def test_reads_do_not_grow_with_the_rows(store: Store) -> None:
    """Plan, agreement, visits, minutes and review report: the same number of queries for 2
    rows as for 12 (set-based)."""
    team = make_team(store)
    jo = team.workers["Jo Bloggs"]
    cases = []
    for number, rows in (("FEW", 2), ("MANY", 12)):
        case = make_case(store, lead_worker_id=jo, case_number=number)
        add_member(store, case, "Pat Health", job_title="Health visitor")
        for i in range(rows):
            add_visit(store, case, date(2026, 10, 1 + 2 * i), author_id=jo)
            add_meeting(store, case, date(2026, 9, 10 + i))
        cases.append(case.case_number)
    counts = []
    seen: list[str] = []

    def count(conn: object, cursor: object, statement: str, *rest: object) -> None:
        seen.append(statement)

    for number in cases:
        seen.clear()
        event.listen(store.engine, "before_cursor_execute", count)
        try:
            build_plan(store, JO, number, TODAY)
            build_agreement(store, JO, number, TODAY)
            build_visits(store, JO, number, TODAY)
            build_minutes(store, JO, number, TODAY)
            build_review_report(store, JO, number, TODAY)
        finally:
            event.remove(store.engine, "before_cursor_execute", count)
        counts.append(len(seen))
    assert counts[0] == counts[1]
    assert len(build_visits(store, JO, "MANY", TODAY).visits) == 12


def test_export_writes_the_pdf_and_audits_who_printed_it(store: Store, tmp_path: Path) -> None:
    number, _plan, _jo = _case(store)
    out = export_document(store, JO, "plan", child_case_number=number, out=tmp_path / "p.pdf",
                          today=TODAY)
    assert out.read_bytes().startswith(b"%PDF")
    with store.session() as s:
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
    assert len(audit) == 1 and audit[0].subject_kind == "child"
    assert '"document": "plan"' in (audit[0].after or "")
    assert f'"case_number": "{number}"' in (audit[0].after or "")
    assert '"printed_by": "Jo Bloggs"' in (audit[0].after or "")
    assert not list(tmp_path.glob(".*"))  # no temporary file left beside it


def test_clear_errors(store: Store, tmp_path: Path) -> None:
    number, _plan, _jo = _case(store)
    with pytest.raises(DocumentError, match="No child with case number NOPE"):
        export_document(store, JO, "plan", child_case_number="NOPE", out=tmp_path / "x.pdf",
                        today=TODAY)
    with pytest.raises(DocumentError, match="No core group meeting has been held"):
        build_minutes(store, JO, number, TODAY)
    with pytest.raises(DocumentError, match="no child's copy"):
        export_document(store, JO, "child-plan", child_case_number=number,
                        out=tmp_path / "x.pdf", today=TODAY)
    with pytest.raises(DocumentError, match="No team called 'Nowhere'"):
        export_document(store, JO, "compliance", team="Nowhere", out=tmp_path / "x.pdf",
                        today=TODAY)
    assert not (tmp_path / "x.pdf").exists()
    with store.session() as s:
        assert not s.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()


def test_pro_forma_next_due_then_filled_from_the_meeting(store: Store) -> None:
    number, plan_id, _jo = _case(store)
    # nothing arranged: a blank pro forma for the first meeting, due 10 working days on
    blank = build_pro_forma(store, JO, number, TODAY)
    assert not blank.filled and blank.meeting.meeting_id is None
    assert blank.meeting.due_date == date(2026, 9, 15)
    assert [a.name for a in blank.attendance] == ["Pat Health", "Kim Smith"]
    assert all(a.attended is None for a in blank.attendance)
    assert [r.number for r in blank.rows] == ["1", "1.1"] and blank.rows[1].progress is None

    with store.session() as s:
        meeting = CoreGroupMeeting(plan_id=plan_id, due_date=date(2026, 9, 15),
                                   held_on=date(2026, 9, 14), chair="Jo Bloggs",
                                   decisions="Carer to start on Monday",
                                   status=RecordStatus.FINAL,
                                   finalised_at=datetime(2026, 9, 14, 15, tzinfo=UTC))
        s.add(meeting)
        s.flush()
        action = s.scalar(select(Action).join(Outcome).where(Outcome.plan_id == plan_id))
        assert action is not None
        s.add(MeetingProgress(meeting_id=meeting.id, action_id=action.id,
                              progress="Carer found; starts Monday"))
        s.add(Disagreement(plan_id=plan_id, meeting_id=meeting.id,
                           recorded_on=date(2026, 9, 14), who="Kim Smith",
                           about="Does not agree a night carer is needed"))
        meeting_id = meeting.id
    filled = build_pro_forma(store, JO, None, TODAY, meeting_id=meeting_id)
    assert filled.filled and filled.decisions == "Carer to start on Monday"
    assert filled.rows[1].progress == "Carer found; starts Monday"
    assert [d.who for d in filled.disagreements] == ["Kim Smith"]
    minutes = build_minutes(store, JO, number, TODAY)
    assert minutes.meeting.meeting_id == meeting_id and minutes.meeting.number == 1
    assert minutes.minutes_due == date(2026, 9, 29)  # held + 15 days


def test_batch_pro_formas_for_a_day(store: Store, tmp_path: Path) -> None:
    day = date(2026, 11, 26)
    numbers = []
    team = make_team(store)
    for i, name in enumerate(("Amy", "Ben", "Cal")):
        number, plan_id, _jo = _case(store, team, case_number=f"B{i}", given_names=name)
        numbers.append(number)
        with store.session() as s:
            s.add(CoreGroupMeeting(plan_id=plan_id, due_date=date(2026, 11, 30),
                                   scheduled_for=datetime(2026, 11, 26, 10 + i, tzinfo=UTC)))
            # another meeting on another day is left out
            s.add(CoreGroupMeeting(plan_id=plan_id, due_date=date(2026, 12, 20)))
    paths = export_pro_formas_for_date(store, JO, day, tmp_path / "batch", TODAY)
    assert [p.name for p in paths] == [f"pro-forma-2026-11-26-{n}.pdf" for n in numbers]
    assert all(p.read_bytes().startswith(b"%PDF") for p in paths)
    with store.session() as s:
        assert len(s.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()) == 3
    with pytest.raises(DocumentError, match="No core group meetings are arranged"):
        export_pro_formas_for_date(store, JO, date(2026, 11, 27), tmp_path / "none", TODAY)


def test_batch_reads_the_day_s_meetings_not_every_meeting(store: Store) -> None:
    """A held meeting in the day's batch prints its attendance and progress; the reads do not
    grow with the meetings the plans held before (their rows are not read at all)."""
    day = date(2026, 11, 26)
    team = make_team(store)
    jo = team.workers["Jo Bloggs"]
    counts = []
    for number, earlier in (("FEW", 1), ("MANY", 8)):
        case = make_case(store, lead_worker_id=jo, team_id=team.team_id, case_number=number)
        add_member(store, case, "Pat Health", job_title="Health visitor")
        for i in range(earlier):
            add_meeting(store, case, date(2026, 9, 1 + i))
        held = add_meeting(store, case, day, attended=("Pat Health",),
                           apologies=("Class teacher",))
        with store.session() as s:
            action = s.scalar(select(Action).join(Outcome)
                              .where(Outcome.plan_id == case.plan_id))
            assert action is not None
            s.add(MeetingProgress(meeting_id=held, action_id=action.id,
                                  progress=f"Going well ({number})"))
        seen: list[str] = []

        def count(conn: object, cursor: object, statement: str, *rest: object,
                  into: list[str] = seen) -> None:  # this pass's list, bound now
            into.append(statement)

        event.listen(store.engine, "before_cursor_execute", count)
        try:
            docs = build_pro_formas_for_date(store, JO, day, TODAY)
        finally:
            event.remove(store.engine, "before_cursor_execute", count)
        counts.append(len(seen))
        mine = next(doc for doc in docs if doc.header.case_number == number)
        assert mine.filled and mine.meeting.number == earlier + 1
        assert [(a.name, a.attended, a.apologies) for a in mine.attendance] == [
            ("Pat Health", True, False), ("Class teacher", False, True)]
        assert f"Going well ({number})" in [r.progress for r in mine.rows]
    assert counts[0] == counts[1]


def test_review_report_counts_and_gaps(store: Store) -> None:
    team = make_team(store)
    jo = team.workers["Jo Bloggs"]
    case = make_case(store, lead_worker_id=jo, team_id=team.team_id, start=date(2026, 9, 1))
    add_visit(store, case, date(2026, 9, 10), author_id=jo)
    add_visit(store, case, date(2026, 10, 20), author_id=jo, seen_alone=False,
              not_seen_alone_reason="Asleep", bedroom_seen=False,
              incident="Bruise on arm", injury="Left forearm")
    add_visit(store, case, date(2026, 10, 30), author_id=jo, child_seen=False, bedroom_seen=None)
    add_meeting(store, case, date(2026, 9, 14))
    doc = build_review_report(store, JO, case.case_number, TODAY)
    v = doc.visits
    assert (v.visits, v.seen, v.not_seen, v.seen_alone, v.bedroom_seen) == (3, 2, 1, 1, 1)
    # 10 Sep -> 20 Oct is 40 days against every 14; then nothing seen since 20 Oct
    assert [(g.after, g.until, g.still_open) for g in v.gaps] == [
        (date(2026, 9, 10), date(2026, 10, 20), False),
        (date(2026, 10, 20), TODAY, True)]
    assert [i.details for i in doc.incidents] == ["Bruise on arm"]
    assert [(set(r.attended), r.apologies) for r in doc.meetings] == [
        ({"Jo Bloggs", "Health visitor"}, ("Class teacher",))]


def test_visit_gaps_in_working_days() -> None:
    cal = WorkingCalendar(Nation.ENGLAND)
    # Fri 18 Dec 2026 + 10 working days, skipping Christmas, Boxing Day (observed Mon 28 Dec)
    # and New Year's Day: Wed 6 Jan 2027
    start = date(2026, 12, 18)
    on_time = visit_gaps([date(2027, 1, 6)], start, date(2027, 1, 7), 10,
                         IntervalUnit.WORKING_DAYS, cal)
    assert on_time == ()
    late = visit_gaps([date(2027, 1, 7)], start, date(2027, 1, 7), 10,
                      IntervalUnit.WORKING_DAYS, cal)
    assert [(g.due, g.days, g.still_open) for g in late] == [(date(2027, 1, 6), 20, False)]
    still_open = visit_gaps([], start, date(2027, 1, 7), 10, IntervalUnit.WORKING_DAYS, cal)
    assert [(g.until, g.still_open) for g in still_open] == [(date(2027, 1, 7), True)]


def test_actor_for_username(store: Store) -> None:
    make_team(store)
    jo = actor_for_username(store, "jo.bloggs", "someone")
    assert jo.name == "Jo Bloggs" and jo.staff_id is not None
    os_user = actor_for_username(store, "kim", "kim")
    assert os_user.name == "kim" and os_user.staff_id is None
