"""Record consistency checks across plan histories."""

from dataclasses import replace
from datetime import date

from cpdesk.domain.consistency import PlanHistory, check_consistency
from cpdesk.domain.working_days import WorkingCalendar, calendar_for

ENG = calendar_for("england")
SCT = calendar_for("scotland")
# Strategy discussion Fri 27 Nov 2026; conference Fri 18 Dec 2026 = 15 working days later
# (30 Nov-4 Dec (5), 7-11 (10), 14-18 (15)).
GOOD = PlanHistory(
    child_id="c1", case_number="C0001", plan_id="p1", start_date=date(2026, 12, 18),
    end_date=None, initial_conference_date=date(2026, 12, 18),
    strategy_discussion_date=date(2026, 11, 27), late_conference_reason="",
    review_conference_dates=(date(2027, 3, 18),),
)


def rules(*histories: PlanHistory, calendar: WorkingCalendar = ENG) -> list[str]:
    return [b.rule for b in check_consistency(histories, calendar)]


def test_a_good_history_has_no_breaches() -> None:
    assert check_consistency([GOOD], ENG) == []


def test_same_day_start_and_end() -> None:
    [breach] = check_consistency([replace(GOOD, end_date=GOOD.start_date)], ENG)
    assert (breach.case_number, breach.plan_id, breach.rule) == ("C0001", "p1",
                                                                 "same_day_start_end")
    assert breach.message == "The plan starts and ends on the same day, Fri 18 Dec 2026."
    assert rules(replace(GOOD, end_date=date(2026, 12, 1))) == ["ends_before_start"]


def test_two_open_plans_and_overlaps() -> None:
    second = replace(GOOD, plan_id="p2", start_date=date(2027, 2, 1),
                     initial_conference_date=date(2027, 2, 1), strategy_discussion_date=None,
                     review_conference_dates=())
    [breach] = check_consistency([GOOD, second], ENG)
    assert breach.rule == "overlapping_plans" and breach.plan_id == "p2"
    assert "two open plans" in breach.message
    ended = replace(GOOD, end_date=date(2027, 3, 1), review_conference_dates=())
    assert rules(ended, second) == ["overlapping_plans"]
    # A new plan starting the day the last one ended is fine.
    assert rules(replace(ended, end_date=date(2027, 2, 1)), second) == []
    # Other children's plans never overlap this one.
    assert rules(GOOD, replace(second, child_id="c2", case_number="C0002")) == []


def test_start_must_be_the_initial_conference() -> None:
    assert rules(replace(GOOD, initial_conference_date=date(2026, 12, 17))) == [
        "start_not_initial_conference"]


def test_review_on_or_before_start() -> None:
    assert rules(replace(GOOD, review_conference_dates=(date(2026, 12, 18),))) == [
        "review_before_start"]


def test_conference_on_a_bank_holiday_or_weekend() -> None:
    # Mon 28 Dec 2026 is the Boxing Day substitute holiday.
    boxing = replace(GOOD, start_date=date(2026, 12, 28),
                     initial_conference_date=date(2026, 12, 28),
                     strategy_discussion_date=date(2026, 12, 18))
    assert rules(boxing) == ["conference_not_working_day"]
    # Mon 30 Nov 2026 (St Andrew's Day) is a working day in England, not in Scotland.
    andrew = replace(GOOD, start_date=date(2026, 11, 30),
                     initial_conference_date=date(2026, 11, 30),
                     strategy_discussion_date=date(2026, 11, 20))
    assert rules(andrew) == []
    assert rules(andrew, calendar=SCT) == ["conference_not_working_day"]


def test_late_initial_conference_needs_a_reason() -> None:
    # Strategy Thu 26 Nov 2026 -> 16 working days to Fri 18 Dec.
    late = replace(GOOD, strategy_discussion_date=date(2026, 11, 26))
    [breach] = check_consistency([late], ENG)
    assert breach.rule == "late_initial_conference"
    assert breach.message.startswith("The initial conference was 16 working days after")
    assert rules(replace(late, late_conference_reason="Parent in hospital")) == []
    assert check_consistency([late], ENG, conference_within_working_days=16) == []
