"""The caseload: one row per child on an open plan, with their dates and worst alert.

A social worker sees their own children, a manager their team's, an administrator everyone's.
`load_caseload_with_alerts` gives the rows and the same scope's alerts from one read of the plan
facts (the main window shows both; reading the facts twice doubled the load: issue 10).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cpdesk.domain.actor import Actor
from cpdesk.domain.alerts import alerts_for, sort_alerts
from cpdesk.domain.caseload import CaseloadRow
from cpdesk.domain.dates import age_text
from cpdesk.domain.deadlines import deadlines_for
from cpdesk.domain.enums import AlertKind, Role
from cpdesk.domain.profiles import Profile
from cpdesk.domain.records import Alert, PlanFacts
from cpdesk.domain.working_days import calendar_for
from cpdesk.models.db import Store
from cpdesk.models.queries import plan_facts
from cpdesk.services.alerts import collector_paused
from cpdesk.services.profile import profile_in

# The status column's words for the most serious alert on a row.
STATUS_WORDS = {
    AlertKind.CHILD_UNSEEN: "Child not seen",
    AlertKind.VISIT_OVERDUE: "Visit",
    AlertKind.NOT_SEEN_ALONE: "Not seen alone",
    AlertKind.BEDROOM_NOT_SEEN: "Bedroom not seen",
    AlertKind.VISIT_NOT_WRITTEN_UP: "Visit not written up",
    AlertKind.CORE_GROUP_OVERDUE: "Core group",
    AlertKind.MINUTES_OVERDUE: "Minutes",
    AlertKind.REVIEW_CONFERENCE_DUE: "Review conference",
    AlertKind.ACTION_OVERDUE: "Action",
    AlertKind.COUNTERSIGN_PENDING: "Countersigning",
    AlertKind.PLAN_INCOMPLETE: "Plan incomplete",
}
SEVERITY_WORDS = {"urgent": "Urgent", "overdue": "Overdue", "due_soon": "Due soon"}


def status_text(alert: Alert) -> str:
    """'Urgent: Child not seen', 'Overdue: Visit', 'Due soon: Core group'."""
    return f"{SEVERITY_WORDS[alert.severity.value]}: {STATUS_WORDS[alert.kind]}"


def scope_for(actor: Actor, worker_id: str | None) -> dict[str, str | None]:
    if actor.role is Role.SOCIAL_WORKER:
        return {"worker_id": actor.staff_id, "team_id": None}
    if actor.role is Role.MANAGER:
        return {"worker_id": worker_id, "team_id": actor.team_id}
    return {"worker_id": worker_id, "team_id": None}


@dataclass(frozen=True)
class CaseloadWithAlerts:
    rows: list[CaseloadRow]  # by child's name
    alerts: list[Alert]  # every alert in the same scope, most serious first


def load_caseload(
    store: Store, actor: Actor, today: date, *, worker_id: str | None = None
) -> list[CaseloadRow]:
    return load_caseload_with_alerts(store, actor, today, worker_id=worker_id).rows


def load_caseload_with_alerts(
    store: Store, actor: Actor, today: date, *, worker_id: str | None = None
) -> CaseloadWithAlerts:
    """The actor's caseload rows and their alerts (what `alerts_as_of` gives for the same
    scope), from one read of the plan facts in one session."""
    with collector_paused():  # a bulk read: see services.alerts
        with store.session() as session:
            facts = plan_facts(session, today, **scope_for(actor, worker_id))
            profile = profile_in(session)
        return _rows_and_alerts(facts, profile, today)


def _rows_and_alerts(facts: list[PlanFacts], profile: Profile, today: date) -> CaseloadWithAlerts:
    calendar = calendar_for(profile.nation)
    rows: list[CaseloadRow] = []
    everything: list[Alert] = []
    for plan in facts:
        deadlines = deadlines_for(plan, profile, today, calendar)
        alerts = alerts_for(plan, profile, today, calendar, deadlines)  # most serious first
        everything.extend(alerts)
        worst = alerts[0] if alerts else None
        rows.append(CaseloadRow(
            child_id=plan.child_id, plan_id=plan.plan_id, case_number=plan.case_number,
            child_name=plan.child_name, date_of_birth=plan.date_of_birth,
            expected_date_of_birth=plan.expected_date_of_birth,
            age=age_text(plan.date_of_birth, plan.expected_date_of_birth, today),
            plan_start=plan.start_date, category=plan.category,
            lead_worker_id=plan.lead_worker_id, lead_worker=plan.lead_worker_name or "",
            last_visit=plan.last_visit_date, last_seen_alone=plan.last_seen_alone_date,
            next_visit_due=deadlines.next_visit_due,
            next_core_group=deadlines.next_core_group_due,
            next_review_conference=deadlines.next_review_due,
            status=status_text(worst) if worst else "",
            severity=worst.severity.value if worst else None,
            alert_count=len(alerts), has_draft_visit=bool(plan.draft_visits),
            worst_kind=worst.kind if worst else None,
            worst_days_overdue=worst.days_overdue if worst else 0,
        ))
    rows.sort(key=lambda r: r.child_name)
    return CaseloadWithAlerts(rows, sort_alerts(everything))


