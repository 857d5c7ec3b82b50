"""Core group services on a real store (SQLite, and PostgreSQL when set): scheduling from a
conference before Christmas, moving, recording a meeting, the alerts it changes, members, the
calendar and its .ics export."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from cpdesk.domain.actor import Actor
from cpdesk.domain.core_group import (
    AttendanceRecord,
    CalendarKind,
    DisagreementRecord,
    MeetingRecord,
    MemberDraft,
    ProgressRecord,
)
from cpdesk.domain.enums import (
    AlertKind,
    CountersignSubject,
    MemberKind,
    RecordStatus,
    Role,
    Severity,
)
from cpdesk.domain.errors import NotAllowed, StaleRecord, ValidationFailed
from cpdesk.models import AuditEvent, CoreGroupMeeting, Disagreement, Staff
from cpdesk.models.db import Store
from cpdesk.services import core_group as cg
from cpdesk.services.alerts import alerts_as_of
from cpdesk.services.countersign import countersign
from cpdesk.services.profile import set_profile
from cpdesk.services.signin import hash_password
from cpdesk.services.verify import verify
from tests.case_factory import CaseIds, TeamIds, add_visit, make_case, make_team

CONFERENCE = date(2026, 12, 18)  # Friday before Christmas
ADMIN = Actor(staff_id=None, name="Admin", role=Role.ADMINISTRATOR)


def worker(team: TeamIds, name: str = "Jo Bloggs") -> Actor:
    return Actor(staff_id=team.workers[name], name=name, role=Role.SOCIAL_WORKER,
                 team_id=team.team_id)


def manager(team: TeamIds) -> Actor:
    return Actor(staff_id=team.manager_id, name="Ann Okafor", role=Role.MANAGER,
                 team_id=team.team_id)


def setup(store: Store) -> tuple[TeamIds, Actor, CaseIds]:
    team = make_team(store)
    jo = worker(team)
    case = make_case(store, lead_worker_id=jo.staff_id or "", team_id=team.team_id,
                     start=CONFERENCE, case_number="CP-1001", given_names="Amy",
                     family_name="Smith")
    return team, jo, case


def kinds(store: Store, today: date, case: CaseIds) -> dict[AlertKind, Severity]:
    return {a.kind: a.severity for a in alerts_as_of(store, today, child_id=case.child_id)
            if a.kind in (AlertKind.CORE_GROUP_OVERDUE, AlertKind.MINUTES_OVERDUE)}


def audit_count(store: Store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent)) or 0


def outcome_progress(store: Store, case: CaseIds) -> tuple[ProgressRecord, ...]:
    return tuple(ProgressRecord(f"Progress on {line.label}", outcome_id=line.outcome_id,
                                action_id=line.action_id)
                 for line in cg.plan_outcomes(store, case.plan_id))


@pytest.mark.parametrize(("profile", "due"), [
    # England: 10 working days; Fri 25 Dec, Mon 28 Dec (Boxing Day substitute) and Fri 1 Jan
    # are holidays: Mon 21-Thu 24 (4), Tue 29-Thu 31 (7), Mon 4-Wed 6 Jan (10) -> Wed 6 Jan.
    ("england-default", date(2027, 1, 6)),
    # Scotland: 15 working days, and Mon 4 Jan (2 January's substitute) is a holiday too:
    # Mon 21-Thu 24 (4), Tue 29-Thu 31 (7), Tue 5-Fri 8 (11), Mon 11-Thu 14 (15) -> Thu 14 Jan.
    ("scotland", date(2027, 1, 14)),
])
def test_first_core_group_from_a_conference_before_christmas(
    store: Store, profile: str, due: date
) -> None:
    set_profile(store, ADMIN, profile)
    _, jo, case = setup(store)
    changes = cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE)
    [meeting] = cg.list_meetings(store, case.plan_id)
    assert meeting.due_date == due
    assert meeting.scheduled_for is None and meeting.held_on is None
    assert changes.message == f"Core group meeting arranged for {due:%a} {due.day} {due:%b %Y}."
    assert changes.ids == {meeting.meeting_id} and changes.child_ids == {case.child_id}
    # a second first meeting is refused
    with pytest.raises(NotAllowed, match="already arranged"):
        cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE)


def test_alerts_change_as_the_meeting_is_held_and_minutes_circulated(store: Store) -> None:
    _, jo, case = setup(store)
    cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE,
                                 on=date(2027, 1, 5), at=time(10, 30))
    [meeting] = cg.list_meetings(store, case.plan_id)
    # arranged earlier than the due date (Wed 6 Jan): that date becomes the due date
    assert meeting.due_date == date(2027, 1, 5)
    assert meeting.scheduled_for is not None and meeting.scheduled_for.hour == 10
    assert kinds(store, date(2027, 1, 4), case) == {AlertKind.CORE_GROUP_OVERDUE:
                                                    Severity.DUE_SOON}
    assert kinds(store, date(2027, 1, 6), case) == {AlertKind.CORE_GROUP_OVERDUE:
                                                    Severity.OVERDUE}

    record = MeetingRecord(
        held_on=date(2027, 1, 5), chair="Jo Bloggs", venue="Family centre",
        attendance=(AttendanceRecord("Jo Bloggs", attended=True),
                    AttendanceRecord("Kim Smith", attended=True),
                    AttendanceRecord("Pat Health", apologies=True,
                                     summary_of_involvement="Visited twice; Amy's weight up")),
        progress=outcome_progress(store, case), decisions="Carer to start on Monday")
    cg.record_meeting(store, jo, meeting.meeting_id, record, today=date(2027, 1, 6),
                      revision=meeting.revision)

    # held: the core group alert is gone (next due 28 days on, Tue 2 Feb); the minutes are due
    # 15 days after the meeting, Wed 20 Jan
    assert kinds(store, date(2027, 1, 6), case) == {}
    assert kinds(store, date(2027, 1, 18), case) == {AlertKind.MINUTES_OVERDUE:
                                                     Severity.DUE_SOON}
    assert kinds(store, date(2027, 1, 21), case) == {AlertKind.MINUTES_OVERDUE:
                                                     Severity.OVERDUE}
    changes = cg.set_minutes_circulated(store, jo, meeting.meeting_id, date(2027, 1, 21),
                                        today=date(2027, 1, 21))
    assert changes.message == "Minutes of the meeting on Tue 5 Jan 2027 circulated on " \
        "Thu 21 Jan 2027."
    assert kinds(store, date(2027, 1, 21), case) == {}
    assert kinds(store, date(2027, 2, 3), case) == {AlertKind.CORE_GROUP_OVERDUE:
                                                    Severity.OVERDUE}

    stored = cg.get_meeting(store, meeting.meeting_id)
    assert stored.status is RecordStatus.FINAL
    assert stored.minutes_circulated_on == date(2027, 1, 21)
    assert [(a.name, a.apologies, a.summary_of_involvement) for a in stored.attendance
            if a.apologies] == [("Pat Health", True, "Visited twice; Amy's weight up")]
    assert [p.label for p in stored.progress] == ["Amy is safe at night",
                                                  "Arrange a night-time carer"]


def test_apologies_without_a_summary_save_nothing(store: Store) -> None:
    _, jo, case = setup(store)
    cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE)
    [meeting] = cg.list_meetings(store, case.plan_id)
    before = audit_count(store)
    record = MeetingRecord(
        held_on=date(2027, 1, 6), chair="Jo Bloggs",
        attendance=(AttendanceRecord("Jo Bloggs", attended=True),
                    AttendanceRecord("Pat Health", apologies=True)),
        progress=outcome_progress(store, case), decisions="Carry on",
        disagreements=(DisagreementRecord("Kim Smith", "The curfew is too early"),))
    with pytest.raises(ValidationFailed) as failed:
        cg.record_meeting(store, jo, meeting.meeting_id, record, today=date(2027, 1, 6))
    assert [i.field for i in failed.value.issues] == ["attendance[1].summary_of_involvement"]
    assert cg.get_meeting(store, meeting.meeting_id).held_on is None
    assert audit_count(store) == before
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Disagreement)) == 0


def test_record_writes_disagreements_arranges_the_next_meeting_and_reminds(store: Store) -> None:
    _, jo, case = setup(store)
    lee = cg.add_member(store, jo, case.plan_id, MemberDraft(
        name="Lee Smith", kind=MemberKind.FAMILY, job_title="Father", excluded=True,
        excluded_reason="Threatened staff at the conference"))
    cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE)
    [meeting] = cg.list_meetings(store, case.plan_id)
    [member] = cg.list_members(store, case.plan_id)
    assert member.is_excluded_parent and lee.ids == {member.member_id}
    record = MeetingRecord(
        held_on=date(2027, 1, 6), chair="Jo Bloggs",
        attendance=(AttendanceRecord("Jo Bloggs", attended=True),),
        progress=outcome_progress(store, case), decisions="Referral to family support",
        disagreements=(DisagreementRecord("Kim Smith", "The curfew is too early"),),
        changes_to_plan="Add an outcome about school attendance",
        next_meeting_date=date(2027, 2, 10), next_meeting_reason="Half term; school closed",
        minutes_circulated_on=date(2027, 1, 6))
    changes = cg.record_meeting(store, jo, meeting.meeting_id, record, today=date(2027, 1, 6))
    assert "Lee Smith is excluded from the core group: tell them about the discussions and " \
        "outcomes of this meeting" in changes.message
    assert "Next meeting arranged for Wed 10 Feb 2027." in changes.message
    assert "save them as a new version of the plan" in changes.message
    assert "disagreement" in changes.kinds
    with store.session() as s:
        [d] = s.scalars(select(Disagreement)).all()
        assert (d.meeting_id, d.plan_id, d.who, d.recorded_on) == (
            meeting.meeting_id, case.plan_id, "Kim Smith", date(2027, 1, 6))
    later, held = cg.list_meetings(store, case.plan_id)
    # 28 days after Wed 6 Jan is Wed 3 Feb: the meeting on 10 Feb is late, with its reason
    assert (later.due_date, later.meeting_date, later.moved_reason) == (
        date(2027, 2, 3), date(2027, 2, 10), "Half term; school closed")
    assert held.disagreements[0].about == "The curfew is too early"
    # a final record cannot be recorded again
    with pytest.raises(NotAllowed, match="final"):
        cg.record_meeting(store, jo, meeting.meeting_id, record, today=date(2027, 1, 6))


def test_move_past_the_due_date_needs_a_reason_and_keeps_the_due_date(store: Store) -> None:
    _, jo, case = setup(store)
    cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE)
    [m] = cg.list_meetings(store, case.plan_id)
    with pytest.raises(ValidationFailed) as failed:
        cg.move_meeting(store, jo, m.meeting_id, date(2027, 1, 8), "", today=CONFERENCE)
    assert failed.value.issues[0].message == (
        "Enter why the meeting is later than its due date of Wed 6 Jan 2027")
    cg.move_meeting(store, jo, m.meeting_id, date(2027, 1, 8), "Chair ill", today=CONFERENCE,
                    at=time(14), revision=m.revision)
    moved = cg.get_meeting(store, m.meeting_id)
    assert (moved.due_date, moved.meeting_date, moved.moved_reason) == (
        date(2027, 1, 6), date(2027, 1, 8), "Chair ill")
    assert kinds(store, date(2027, 1, 7), case) == {AlertKind.CORE_GROUP_OVERDUE:
                                                    Severity.OVERDUE}
    with pytest.raises(StaleRecord, match="Jo Bloggs changed this record"):
        cg.move_meeting(store, jo, m.meeting_id, date(2027, 1, 5), "", today=CONFERENCE,
                        revision=m.revision)


def test_members_added_changed_and_ended_with_audit(store: Store) -> None:
    team, jo, case = setup(store)
    before = audit_count(store)
    cg.add_member(store, jo, case.plan_id, MemberDraft(
        name="Pat Health", agency="NHS", job_title="Health visitor",
        role_in_plan="Weighs Amy fortnightly", phone="01234 567890", email="pat@nhs.example"))
    [pat] = cg.list_members(store, case.plan_id)
    assert (pat.agency, pat.contact) == ("NHS", "01234 567890, pat@nhs.example")
    cg.update_member(store, jo, pat.member_id,
                     MemberDraft(**{**pat.to_draft().__dict__, "agency": "NHS Trust"}),
                     revision=pat.revision)
    with pytest.raises(StaleRecord):
        cg.update_member(store, jo, pat.member_id, pat.to_draft(), revision=pat.revision)
    with pytest.raises(ValidationFailed):
        cg.end_member(store, jo, pat.member_id, None)
    cg.end_member(store, jo, pat.member_id, date(2027, 2, 1))
    [ended] = cg.list_members(store, case.plan_id)
    assert ended.agency == "NHS Trust" and ended.left_on == date(2027, 2, 1)
    assert not ended.is_current(date(2027, 2, 1)) and ended.is_current(date(2027, 1, 31))
    assert audit_count(store) == before + 3
    # someone outside the child's team cannot change the core group
    other = make_team(store, name="South team", workers=("Zed Other",), manager="Mo Boss")
    with pytest.raises(NotAllowed):
        cg.add_member(store, worker(other, "Zed Other"), case.plan_id, MemberDraft(name="X"))
    with pytest.raises(NotAllowed):
        cg.add_member(store, ADMIN, case.plan_id, MemberDraft(name="X"))
    # a manager of the team can
    cg.add_member(store, manager(team), case.plan_id, MemberDraft(name="Sam Teacher"))


def test_calendar_items_by_scope(store: Store) -> None:
    team, jo, case = setup(store)
    sam = worker(team, "Sam Patel")
    other = make_case(store, lead_worker_id=sam.staff_id or "", team_id=team.team_id,
                      start=date(2026, 12, 1), case_number="CP-2002")
    add_visit(store, case, date(2026, 12, 22), author_id=jo.staff_id)
    cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE, on=date(2027, 1, 5),
                                 at=time(10))
    today = date(2027, 1, 10)
    items = cg.calendar_items(store, jo, date(2026, 12, 1), date(2027, 3, 31), today)
    assert {i.case_number for i in items} == {"CP-1001"}
    got = [(i.kind, i.date, i.title, i.overdue) for i in items]
    assert (CalendarKind.REVIEW_CONFERENCE, CONFERENCE, "Initial child protection conference",
            False) in got
    assert (CalendarKind.VISIT_DONE, date(2026, 12, 22), "Visit", False) in got
    # a visit is due 14 days after the last, on 5 Jan: overdue on the 10th
    visit_due = [i for i in items if i.kind is CalendarKind.VISIT_DUE]
    assert [(v.date, v.overdue) for v in visit_due] == [(date(2027, 1, 5), True)]
    meeting = [i for i in items if i.kind is CalendarKind.CORE_GROUP]
    assert [(m.date, m.overdue, m.starts_at is not None) for m in meeting] == [
        (date(2027, 1, 5), True, True)]
    review = [i for i in items if i.title.startswith("Review")]
    assert [r.date for r in review] == [date(2027, 3, 18)]  # 3 months after the conference
    team_items = cg.calendar_items(store, manager(team), date(2026, 12, 1), date(2027, 3, 31),
                                   today)
    assert {i.case_number for i in team_items} == {"CP-1001", "CP-2002"}
    assert other.case_number == "CP-2002"


def test_ics_export_event_by_event(store: Store, tmp_path: Path) -> None:
    _, jo, case = setup(store)
    cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE, on=date(2027, 1, 5),
                                 at=time(10, 30))
    today = date(2027, 1, 4)
    first, second = tmp_path / "one.ics", tmp_path / "two.ics"
    changes = cg.write_calendar_ics(store, jo, first, today)
    cg.write_calendar_ics(store, jo, second, today)
    assert "Calendar saved: 4 events" in changes.message

    def events(path: Path) -> dict[str, dict[str, object]]:
        cal = Calendar.from_ical(path.read_bytes())
        return {str(e["UID"]): {"summary": str(e["SUMMARY"]), "start": e.decoded("DTSTART"),
                                "text": e.to_ical().decode()}
                for e in cal.walk("VEVENT")}

    one, two = events(first), events(second)
    assert one.keys() == two.keys()  # stable UIDs: re-importing updates, never duplicates
    by_summary = {v["summary"]: (uid, v) for uid, v in one.items()}
    assert set(by_summary) == {"Core group meeting, CP-1001", "Overdue: Visit due, CP-1001",
                               "Initial child protection conference, CP-1001",
                               "Review child protection conference due, CP-1001"}
    uid, meeting = by_summary["Core group meeting, CP-1001"]
    assert uid == f"{case.plan_id}-next-core_group@cpdesk"
    assert str(meeting["start"]) == "2027-01-05 10:30:00+00:00"  # GMT in January
    assert by_summary["Overdue: Visit due, CP-1001"][1]["start"] == date(2027, 1, 1)
    assert by_summary["Overdue: Visit due, CP-1001"][0] == f"{case.plan_id}-visit_due@cpdesk"
    text = first.read_text()
    assert "Amy" not in text and "Smith" not in text and "(AS)" not in text
    cg.write_calendar_ics(store, jo, second, today, include_initials=True)
    assert "Core group meeting, CP-1001 (AS)" in {v["summary"] for v in events(second).values()}
    with store.session() as s:
        exports = s.scalar(select(func.count()).select_from(AuditEvent)
                           .where(AuditEvent.action == "export_calendar"))
    assert exports == 3


def test_initials_setting(store: Store) -> None:
    team, _, _ = setup(store)
    assert cg.calendar_includes_initials(store) is False
    cg.set_calendar_includes_initials(store, manager(team), True)
    assert cg.calendar_includes_initials(store) is True


def test_meeting_rows_are_plain_records(store: Store) -> None:
    _, jo, case = setup(store)
    cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE)
    [m] = cg.list_meetings(store, case.plan_id)
    with store.session() as s:
        assert not isinstance(m, CoreGroupMeeting)
        assert s.get(CoreGroupMeeting, m.meeting_id) is not None


def test_minutes_countersigned_before_they_are_circulated(store: Store) -> None:
    """Managers often sign the minutes off before they go out; the date is set afterwards,
    once, and the countersignature still verifies."""
    team, jo, case = setup(store)
    with store.session() as session:
        boss = session.get(Staff, team.manager_id)
        assert boss is not None
        boss.password_hash = hash_password("manager's password")
    cg.schedule_first_core_group(store, jo, case.plan_id, CONFERENCE, on=date(2027, 1, 5))
    [meeting] = cg.list_meetings(store, case.plan_id)
    record = MeetingRecord(held_on=date(2027, 1, 5), chair="Jo Bloggs",
                           attendance=(AttendanceRecord("Jo Bloggs", attended=True),),
                           progress=outcome_progress(store, case), decisions="Carry on")
    cg.record_meeting(store, jo, meeting.meeting_id, record, today=date(2027, 1, 6),
                      revision=meeting.revision)
    countersign(store, manager(team), CountersignSubject.CORE_GROUP_MINUTES,
                meeting.meeting_id, "manager's password")
    cg.set_minutes_circulated(store, jo, meeting.meeting_id, date(2027, 1, 8),
                              today=date(2027, 1, 8))
    assert verify(store).ok
    with pytest.raises(NotAllowed, match="cannot be changed"):
        cg.set_minutes_circulated(store, jo, meeting.meeting_id, date(2027, 1, 9),
                                  today=date(2027, 1, 9))
