"""Today's alerts for a scope (a worker, a team, a child or the whole authority)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from cpdesk.domain.alerts import alerts_for, sort_alerts
from cpdesk.domain.profiles import Profile
from cpdesk.domain.records import Alert, PlanFacts
from cpdesk.domain.working_days import calendar_for
from cpdesk.models.db import Store
from cpdesk.models.queries import plan_facts
from cpdesk.services.profile import profile_in


def alerts_from_facts(facts: list[PlanFacts], profile: Profile, today: date) -> list[Alert]:
    calendar = calendar_for(profile.nation)
    alerts: list[Alert] = []
    for plan in facts:
        alerts.extend(alerts_for(plan, profile, today, calendar))
    return sort_alerts(alerts)


def alerts_in(
    session: Session, today: date, *, worker_id: str | None = None, team_id: str | None = None,
    child_id: str | None = None,
) -> list[Alert]:
    facts = plan_facts(session, today, worker_id=worker_id, team_id=team_id, child_id=child_id)
    return alerts_from_facts(facts, profile_in(session), today)


def alerts_as_of(
    store: Store, today: date, *, worker_id: str | None = None, team_id: str | None = None,
    child_id: str | None = None,
) -> list[Alert]:
    """Every alert in scope on `today`, most serious first."""
    with store.session() as session:
        return alerts_in(session, today, worker_id=worker_id, team_id=team_id, child_id=child_id)
