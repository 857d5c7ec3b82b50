"""Core group rules: due dates over Christmas for England and Scotland, moving a meeting,
what a meeting's record must hold, and the excluded-parent reminder."""

from __future__ import annotations

from datetime import date

from cpdesk.domain.core_group import (
    AttendanceRecord,
    CalendarItem,
    CalendarKind,
    DisagreementRecord,
    MeetingRecord,
    MemberDraft,
    MemberRecord,
    OutcomeLine,
    ProgressRecord,
    check_meeting_move,
    check_meeting_record,
    check_member,
    excluded_parent_reminder,
    first_core_group_due,
    initials,
    minutes_due,
    next_core_group_due,
)
from cpdesk.domain.enums import IntervalUnit, MemberKind
from cpdesk.domain.profiles import load_profile
from cpdesk.domain.working_days import WorkingCalendar

ENGLAND = load_profile("england-default")
SCOTLAND = load_profile("scotland")
CONFERENCE = date(2026, 12, 18)  # Friday, a week before Christmas


def test_first_core_group_over_christmas_in_england() -> None:
    # England and Wales bank holidays: Fri 25 Dec, Boxing Day Sat 26 Dec -> substitute Mon 28
    # Dec, New Year's Day Fri 1 Jan 2027. Ten working days after Fri 18 Dec:
    #   Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4), [Fri 25, Mon 28 holidays]
    #   Tue 29 (5), Wed 30 (6), Thu 31 (7), [Fri 1 Jan holiday], Mon 4 (8), Tue 5 (9), Wed 6 (10)
    due = first_core_group_due(CONFERENCE, ENGLAND, WorkingCalendar("england"))
    assert due == date(2027, 1, 6)


def test_first_core_group_over_christmas_in_scotland() -> None:
    # Scotland: 15 working days, and 2 January is a bank holiday too: Sat 2 Jan 2027 ->
    # substitute Mon 4 Jan. Fifteen working days after Fri 18 Dec:
    #   Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4), [Fri 25, Mon 28 holidays]
    #   Tue 29 (5), Wed 30 (6), Thu 31 (7), [Fri 1 Jan, Mon 4 Jan holidays]
    #   Tue 5 (8), Wed 6 (9), Thu 7 (10), Fri 8 (11), Mon 11 (12), Tue 12 (13), Wed 13 (14),
    #   Thu 14 (15)
    assert SCOTLAND.first_core_group_within == 15
    due = first_core_group_due(CONFERENCE, SCOTLAND, WorkingCalendar("scotland"))
    assert due == date(2027, 1, 14)


def test_scottish_holidays_differ_even_for_the_same_number_of_days() -> None:
    # With England's 10 working days but Scotland's holidays, Mon 4 Jan is lost: Thu 7 Jan.
    assert first_core_group_due(CONFERENCE, ENGLAND, WorkingCalendar("scotland")) == date(
        2027, 1, 7)


def test_next_core_group_uses_the_conference_interval_over_the_profile() -> None:
    cal = WorkingCalendar("england")
    held = date(2027, 1, 6)
    assert next_core_group_due(held, None, ENGLAND, cal) == date(2027, 2, 3)  # 28 days
    assert next_core_group_due(held, (14, IntervalUnit.CALENDAR_DAYS), ENGLAND, cal) == date(
        2027, 1, 20)


def test_minutes_due_fifteen_days_after_the_meeting() -> None:
    assert minutes_due(date(2027, 1, 6), ENGLAND, WorkingCalendar("england")) == date(2027, 1, 21)


def test_moving_past_the_due_date_needs_a_reason() -> None:
    due = date(2027, 1, 6)
    assert check_meeting_move(due, date(2027, 1, 5), "") == []
    assert check_meeting_move(due, due, "") == []
    issues = check_meeting_move(due, date(2027, 1, 8), "  ")
    assert [i.field for i in issues] == ["reason"]
    assert issues[0].message == (
        "Enter why the meeting is later than its due date of Wed 6 Jan 2027")
    assert check_meeting_move(due, date(2027, 1, 8), "Health visitor on leave") == []
    past = check_meeting_move(due, date(2027, 1, 4), "", today=date(2027, 1, 5))
    assert [i.message for i in past] == ["Date of the meeting must be today or in the future"]
    assert check_meeting_move(due, None, "")[0].message == "Enter the date of the meeting"


OUTCOMES = (
    OutcomeLine("Amy is safe at night", outcome_id="o1"),
    OutcomeLine("Arrange a night-time carer", outcome_id="o1", action_id="a1"),
)


def good_record(**over: object) -> MeetingRecord:
    fields: dict[str, object] = {
        "held_on": date(2027, 1, 6), "chair": "Jo Bloggs",
        "attendance": (AttendanceRecord("Jo Bloggs", attended=True),
                    AttendanceRecord("Pat Health", apologies=True,
                                     summary_of_involvement="Two home visits; weight gain")),
        "progress": (ProgressRecord("Carer in place since 2 Jan", outcome_id="o1"),),
        "decisions": "Weekly health visitor contact continues",
        "minutes_circulated_on": date(2027, 1, 8),
    }
    fields.update(over)
    return MeetingRecord(**fields)  # type: ignore[arg-type]


def messages(record: MeetingRecord, **kw: object) -> list[str]:
    return [i.message for i in check_meeting_record(record, date(2027, 1, 10),
                                                    outcomes=OUTCOMES, **kw)]  # type: ignore


def test_a_complete_record_passes() -> None:
    assert messages(good_record()) == []


def test_apologies_need_the_members_summary_of_involvement() -> None:
    record = good_record(attendance=(AttendanceRecord("Jo Bloggs", attended=True),
                                     AttendanceRecord("Pat Health", apologies=True)))
    issues = check_meeting_record(record, date(2027, 1, 10), outcomes=OUTCOMES)
    assert [(i.field, i.message) for i in issues] == [(
        "attendance[1].summary_of_involvement",
        ("Enter Pat Health's summary of their involvement with the family since the last core "
        "group meeting"),
    )]


def test_held_date_and_minutes_dates() -> None:
    assert messages(good_record(held_on=date(2027, 1, 11), minutes_circulated_on=None)) == [
        "Date the meeting was held must be today or in the past"]
    assert messages(good_record(minutes_circulated_on=date(2027, 1, 5))) == [
        "Date the minutes were circulated must be on or after the date the meeting was held"]
    assert messages(good_record(minutes_circulated_on=date(2027, 1, 11))) == [
        "Date the minutes were circulated must be today or in the past"]
    assert messages(good_record(held_on=None, minutes_circulated_on=None)) == [
        "Enter the date the meeting was held"]


def test_everything_else_a_record_needs() -> None:
    record = good_record(chair=" ", attendance=(), progress=(), decisions="",
                         disagreements=(DisagreementRecord("Mother", ""),))
    assert messages(record) == [
        "Enter who chaired the meeting",
        "Enter who attended the meeting",
        "Enter progress against the outcome 'Amy is safe at night'",
        "Enter the decisions made at the meeting",
        "Enter what the disagreement is about",
    ]
    both = good_record(attendance=(AttendanceRecord("Jo", attended=True, apologies=True),))
    assert messages(both) == ["Select whether Jo attended or sent apologies, not both"]


def test_next_meeting_after_this_one_and_a_reason_when_late() -> None:
    assert messages(good_record(next_meeting_date=date(2027, 1, 6))) == [
        "Date of the next meeting must be after the date this meeting was held"]
    late = good_record(next_meeting_date=date(2027, 2, 10))
    assert messages(late, next_due=date(2027, 2, 3)) == [
        "Enter why the meeting is later than its due date of Wed 3 Feb 2027"]
    assert messages(good_record(next_meeting_date=date(2027, 2, 10),
                                next_meeting_reason="Half term"), next_due=date(2027, 2, 3)) == []


def member(name: str, kind: MemberKind, excluded: bool) -> MemberRecord:
    return MemberRecord(
        member_id=name, plan_id="p", name=name, kind=kind, agency=None, job_title=None,
        role_in_plan=None, contact_frequency=None, phone=None, email=None, address=None,
        excluded=excluded, excluded_reason="Violence at the last meeting" if excluded else None,
        joined_on=None, left_on=None, agreement_signed_on=None, revision=1,
    )


def test_excluded_parent_reminder() -> None:
    assert excluded_parent_reminder([member("Kim Smith", MemberKind.FAMILY, False)]) == ""
    # an excluded professional is not a parent to keep informed under 002 s4
    assert excluded_parent_reminder([member("Dr X", MemberKind.PROFESSIONAL, True)]) == ""
    text = excluded_parent_reminder([member("Lee Smith", MemberKind.FAMILY, True),
                                     member("Kim Smith", MemberKind.FAMILY, False)])
    assert text.startswith("Lee Smith is excluded from the core group: tell them about the "
                           "discussions and outcomes of this meeting")
    two = excluded_parent_reminder([member("Lee Smith", MemberKind.FAMILY, True),
                                    member("Kim Smith", MemberKind.FAMILY, True)])
    assert two.startswith("Lee Smith and Kim Smith are excluded")


def test_member_checks() -> None:
    assert [i.message for i in check_member(MemberDraft())] == ["Enter the member's name"]
    assert [i.field for i in check_member(MemberDraft(name="Lee", excluded=True))] == [
        "excluded_reason"]
    assert [i.field for i in check_member(MemberDraft(name="Lee", email="lee"))] == ["email"]


def test_calendar_item_titles_hold_no_names_and_uids_are_stable() -> None:
    item = CalendarItem(kind=CalendarKind.VISIT_DUE, date=date(2027, 1, 6), child_id="c",
                        case_number="CP-0001", child_initials="AS", title="Visit due",
                        overdue=True, record_id="plan-1")
    assert item.summary() == "Overdue: Visit due, CP-0001"
    assert item.summary(include_initials=True) == "Overdue: Visit due, CP-0001 (AS)"
    assert item.uid == "plan-1-visit_due@cpdesk"
    assert initials("Amy Jane", "Smith") == "AJS"
