"""A hand-made PlanFacts with overrides, for the deadline and alert tests."""

from datetime import date
from typing import Any

from cpdesk.domain.enums import Category
from cpdesk.domain.records import PlanFacts

BASE = PlanFacts(
    plan_id="plan-1", child_id="child-1", case_number="C0001", child_name="Amy Smith",
    date_of_birth=date(2019, 5, 1), expected_date_of_birth=None,
    lead_worker_id="w1", lead_worker_name="Jo Bloggs", team_id="t1",
    category=Category.NEGLECT, start_date=date(2026, 12, 18), end_date=None,
    visit_interval=None, visit_interval_unit=None,
    core_group_interval=None, core_group_interval_unit=None,
    last_visit_date=None, last_visit_child_seen=None, last_seen_alone_date=None,
    last_seen_awake_date=None, last_bedroom_seen_date=None,
    latest_conference_date=date(2026, 12, 18), review_conferences_held=0,
    next_review_date_set=None, core_groups_held=0, last_core_group_held=None,
    next_core_group_scheduled=None,
)


def make_facts(**overrides: Any) -> PlanFacts:
    return BASE._replace(**overrides)
