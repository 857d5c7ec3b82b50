"""Record consistency: the national returns' checks, run locally (`cpdesk check`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from cpdesk.domain.consistency import Breach, PlanHistory, check_consistency
from cpdesk.domain.enums import ConferenceKind
from cpdesk.domain.working_days import calendar_for
from cpdesk.models import Child, Conference, Plan
from cpdesk.models.db import Store
from cpdesk.services.profile import profile_in


def consistency_breaches(store: Store) -> list[Breach]:
    """Every breach in the database, from two reads (plans with children; conferences)."""
    with store.session() as session:
        profile = profile_in(session)
        conferences: dict[str, dict[ConferenceKind, list[date]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for plan_id, kind, held_on in session.execute(
            select(Conference.plan_id, Conference.kind, Conference.held_on).order_by(
                Conference.held_on
            )
        ):
            conferences[plan_id][kind].append(held_on)
        histories = [
            PlanHistory(
                child_id=plan.child_id, case_number=case_number, plan_id=plan.id,
                start_date=plan.start_date, end_date=plan.end_date,
                initial_conference_date=next(
                    iter(conferences[plan.id][ConferenceKind.INITIAL]), None
                ),
                strategy_discussion_date=plan.strategy_discussion_date,
                late_conference_reason=plan.late_conference_reason or "",
                review_conference_dates=tuple(conferences[plan.id][ConferenceKind.REVIEW]),
            )
            for plan, case_number in session.execute(
                select(Plan, Child.case_number).join(Child, Child.id == Plan.child_id)
            )
        ]
    return check_consistency(
        histories, calendar_for(profile.nation),
        profile.initial_conference_within_working_days_of_strategy,
    )
