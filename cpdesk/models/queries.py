"""Set-based read queries that turn the store into the domain's read-only records.

`plan_facts` gathers everything the deadline and alert rules need for every open plan in
scope with a fixed handful of grouped queries (never one query per child), so a whole
authority's alerts stay interactive. Each query joins to the same `open plans` selection.

Keeping them fast at authority scale (issue 10; bench/): the open plans are a MATERIALIZED
common table expression, read from one index of the plans, so the planner starts from the few
open plans; each child's latest final visits are read backwards along one index (visit_children
by child, status and date, holding each entry's copy of its visit's date and status) instead
of walking every final visit in the authority for each plan; the visits and the core group
minutes awaiting a countersignature come from partial indexes of their own (the entries' and
the meetings' copies of "countersigned"). The statements are over the tables, not the mapped
classes (see below). Figures: bench/results/latest.json.

The reads select only the columns the rules need (never whole ORM entities), and read record
ids through `_IdText`, which gives the same text as the models' Uuid(as_uuid=False) without
building a uuid.UUID for each of the ~90,000 ids an authority's alerts read (issue 10).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    CTE,
    Label,
    Row,
    Select,
    case,
    false,
    func,
    or_,
    select,
    text,
    true,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from cpdesk.domain.enums import (
    ActionStatus,
    ConferenceKind,
    CountersignSubject,
    PlanStatus,
    RecordStatus,
)
from cpdesk.domain.plan_completeness import (
    ActionContent,
    MemberRole,
    OutcomeContent,
    PlanContent,
    missing_items,
)
from cpdesk.domain.records import PlanFacts
from cpdesk.models import tables
from cpdesk.models.tables import (
    AWAITING_COUNTERSIGN,
    MINUTES_AWAITING_COUNTERSIGN,
    countersigned,
    full_name_of,
)

Read = Callable[[Select[Any]], Sequence[Row[Any]]]  # every row of a statement


# The reads are Core statements over the tables (models/tables.py), not the mapped classes:
# they select columns, and a statement naming a mapped class's attributes goes through the
# ORM's compiler and sets up every mapper first (about 50 ms); nor are the classes declared
# before the caseload's first paint (issue 10: start-up).
_plan = tables.plans
_plan_version = tables.plan_versions
_concern = tables.concerns
_outcome = tables.outcomes
_action = tables.actions
_child = tables.children
_staff = tables.staff
_visit = tables.visits
_visit_child = tables.visit_children
_conference = tables.conferences
_meeting = tables.core_group_meetings
_member = tables.core_group_members


def _id_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 32:
        v = value.lower()
        return f"{v[:8]}-{v[8:12]}-{v[12:16]}-{v[16:20]}-{v[20:]}"
    return str(value)


class _IdText(TypeEngine[str]):
    """A record id as the text Uuid(as_uuid=False) reads: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'.

    SQLite holds the 32 hex digits Uuid writes, dashed here by slicing; PostgreSQL's driver
    gives a uuid.UUID, whose str() is the same text. Only ever read, never bound; a bare
    TypeEngine, so no dialect swaps in its own string type (and its processing) instead.
    """

    def result_processor(self, dialect: Any, coltype: object) -> Any:
        return _id_text


# One of each type for every read: SQLAlchemy works out a type's processing for the dialect
# once per type object, and a new one for each column read did it some 70 times a read.
_ID_TEXT = _IdText()


def _id(column: Any, name: str) -> Label[str]:
    """Select `column` (a Uuid) as its id text, labelled `name`."""
    return type_coerce(column, _ID_TEXT).label(name)


class _RawKey(TypeEngine[Any]):
    """A record id exactly as the driver gives it (32 hex digits on SQLite, a uuid.UUID on
    PostgreSQL): for matching rows of one read to another, never shown, never bound. Only
    ids that leave `plan_facts` become id text, once each."""

    def result_processor(self, dialect: Any, coltype: object) -> Any:
        return None


_RAW_KEY = _RawKey()


def _key(column: Any, name: str) -> Label[Any]:
    return type_coerce(column, _RAW_KEY).label(name)


def open_plans_query(
    today: date, *, worker_id: str | None = None, team_id: str | None = None,
    child_id: str | None = None,
) -> Select[tuple[str, str, date]]:
    """Plans open on `today` in scope: (plan id, child id, start date)."""
    query = select(_plan.c.id, _plan.c.child_id, _plan.c.start_date).where(
        _plan.c.status == PlanStatus.ACTIVE,
        or_(_plan.c.end_date.is_(None), _plan.c.end_date > today),
    )
    if worker_id is not None:
        query = query.where(_plan.c.lead_worker_id == worker_id)
    if child_id is not None:
        query = query.where(_plan.c.child_id == child_id)
    if team_id is not None:
        query = query.join(_child, _child.c.id == _plan.c.child_id).where(
            _child.c.team_id == team_id
        )
    return query


def _materialized(session: Session, query: Select[Any], name: str) -> CTE:
    """`query` as a CTE the database computes once, first (SQLite 3.35+, PostgreSQL 12+)."""
    cte = query.cte(name)
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql" or (
        dialect.name == "sqlite" and dialect.dbapi is not None
        and dialect.dbapi.sqlite_version_info >= (3, 35)
    ):
        cte = cte.prefix_with("MATERIALIZED")
    return cte


def _latest_final_visit(scope: CTE, *conditions: Any) -> Any:
    """The date of the child's latest final visit since the plan began that meets `conditions`
    (none: any), read backwards along the entries' index from the newest: usually a row or
    two, where a grouped max() walked every visit since the plan began (issue 10: 50 -> 20 ms
    for an authority's 2,000 plans and 39,000 visits)."""
    vc = _visit_child.c
    return (
        select(vc.visit_date)
        .where(vc.child_id == scope.c.child_id, vc.visit_status == RecordStatus.FINAL,
               vc.visit_date >= scope.c.start_date, *conditions)
        .order_by(vc.visit_date.desc())
        .limit(1)
        .correlate(scope)
        .scalar_subquery()
    )


def plan_facts(
    session: Session, today: date, *, worker_id: str | None = None,
    team_id: str | None = None, child_id: str | None = None,
) -> list[PlanFacts]:
    scope = _materialized(session, open_plans_query(
        today, worker_id=worker_id, team_id=team_id, child_id=child_id
    ), "open_plans")
    # The reads go straight to the session's connection (its transaction): they select
    # columns, not entities, so the ORM's result handling would only add to each of the some
    # 30,000 rows an authority's alerts read (issue 10: about 0.5 us a row). Each read's rows
    # are fetched all at once, not one call per row, and unpacked by position: a row's
    # attribute costs 15 times its place in the tuple (0.34 against 0.02 us).
    connection = session.connection()

    def read(statement: Select[Any]) -> Sequence[Row[Any]]:
        return connection.execute(statement).all()

    plans = read(
        select(
            _key(_plan.c.id, "key"), _id(_plan.c.id, "id"), _id(_plan.c.child_id, "child_id"),
            _id(_plan.c.lead_worker_id, "lead_worker_id"), _plan.c.category,
            _plan.c.latest_category, _plan.c.start_date, _plan.c.end_date,
            _plan.c.visit_interval, _plan.c.visit_interval_unit,
            _plan.c.core_group_interval, _plan.c.core_group_interval_unit,
            _child.c.case_number, _child.c.given_names, _child.c.family_name,
            _child.c.date_of_birth, _child.c.expected_date_of_birth,
            _id(_child.c.team_id, "team_id"),
            _staff.c.name.label("worker_name"),
            _plan.c.contingency_plan, _plan.c.when_child_seen, _plan.c.developmental_needs,
            _plan.c.therapeutic_services, _plan.c.review_points,
        )
        .join(scope, scope.c.id == _plan.c.id)
        .join(_child, _child.c.id == _plan.c.child_id)
        .outerjoin(_staff, _staff.c.id == _plan.c.lead_worker_id)
    )
    if not plans:
        return []

    # Final visits to the child since the plan began: from the entries' copies of their
    # visit's date and status, within one index.
    vc = _visit_child.c
    visits = {
        plan_id: dates
        for plan_id, *dates in read(select(
            _key(scope.c.id, "plan_id"),
            _latest_final_visit(scope),
            _latest_final_visit(scope, vc.child_seen == true()),
            _latest_final_visit(scope, vc.child_seen == false()),
            _latest_final_visit(scope, vc.seen_alone == true()),
            _latest_final_visit(scope, vc.seen_awake == true()),
            _latest_final_visit(scope, vc.bedroom_seen == true()),
        ))
    }

    conferences = {
        plan_id: (latest, int(reviews or 0), next_review)
        for plan_id, latest, reviews, next_review in read(
            select(
                _key(_conference.c.plan_id, "plan_id"),
                func.max(_conference.c.held_on),
                func.sum(case((_conference.c.kind == ConferenceKind.REVIEW, 1), else_=0)),
                func.max(_conference.c.next_review_date),
            )
            .join(scope, scope.c.id == _conference.c.plan_id)
            .where(_conference.c.held_on <= today)
            .group_by(_conference.c.plan_id)
        )
    }

    meeting = _meeting.c
    meetings = {
        plan_id: (int(held), last_held, next_scheduled)
        for plan_id, held, last_held, next_scheduled in read(
            select(
                _key(meeting.plan_id, "plan_id"),
                func.count(meeting.held_on),
                func.max(meeting.held_on),
                func.min(case((meeting.held_on.is_(None), meeting.due_date))),
            )
            .join(scope, scope.c.id == meeting.plan_id)
            .where(meeting.status != RecordStatus.VOIDED)
            .group_by(meeting.plan_id)
        )
    }

    minutes_pending: dict[Any, list[tuple[str, date]]] = defaultdict(list)
    for plan_id, meeting_id, held_on in read(
        select(_key(meeting.plan_id, "plan_id"), _id(meeting.id, "id"), meeting.held_on)
        .join(scope, scope.c.id == meeting.plan_id)
        .where(
            meeting.held_on.is_not(None),
            meeting.minutes_circulated_on.is_(None),
            meeting.status != RecordStatus.VOIDED,
        )
        .order_by(meeting.held_on)
    ):
        minutes_pending[plan_id].append((meeting_id, held_on))

    # Draft visits to the child, from the entries' copies of their visit's date and status:
    # the same index as the final visits, a few entries per child (issue 10: 18 -> 5 ms).
    draft_visits: dict[Any, list[tuple[str, date]]] = defaultdict(list)
    for plan_id, visit_id, visit_date in read(
        select(_key(scope.c.id, "plan_id"), _id(vc.visit_id, "id"), vc.visit_date)
        .join(_visit_child, vc.child_id == scope.c.child_id)
        .where(vc.visit_status == RecordStatus.DRAFT, vc.visit_date.is_not(None))
        .order_by(vc.visit_date)
    ):
        draft_visits[plan_id].append((visit_id, visit_date))

    # Every action of the open plans, once: the open ones with a date are alerts' business,
    # all of them the plan's completeness. (plan key, outcome key, id as the driver gives it
    # (made text only for the open ones), what, why, who, by when, status)
    action = _action.c
    actions = read(
        select(_key(_outcome.c.plan_id, "plan_id"), _key(action.outcome_id, "outcome_id"),
               _key(action.id, "id"), action.what, action.why, action.who, action.by_when,
               action.status)
        .join(_outcome, _outcome.c.id == action.outcome_id)
        .join(scope, scope.c.id == _outcome.c.plan_id)
        .order_by(action.position)
    )
    open_actions: dict[Any, list[tuple[str, str, date]]] = defaultdict(list)
    for plan_id, _, action_id, what, _, _, by_when, status in sorted(
        (a for a in actions if a[7] is not ActionStatus.DONE and a[6] is not None),
        key=lambda a: a[6],
    ):
        open_actions[plan_id].append((_id_text(action_id), what, by_when))

    pending = _pending_countersign(read, scope)
    concerns, outcomes, members = _plan_parts(read, scope, actions)

    facts: list[PlanFacts] = []
    no_visits = (None,) * 6
    for (key, plan_id, plan_child_id, lead_worker_id, category, latest_category, start_date,
         end_date, visit_interval, visit_interval_unit, core_group_interval,
         core_group_interval_unit, case_number, given_names, family_name, date_of_birth,
         expected_date_of_birth, child_team_id, worker_name, contingency_plan, when_child_seen,
         developmental_needs, therapeutic_services, review_points) in plans:
        # What the plan still lacks (002 s1), from its own fields and its parts.
        missing = missing_items(PlanContent(
            tuple(concerns.get(key, ())), tuple(outcomes.get(key, ())), contingency_plan or "",
            tuple(members.get(key, ())), when_child_seen or "", developmental_needs or "",
            therapeutic_services or "", review_points or "",
        ))
        last_visit, last_seen, last_unseen, last_alone, last_awake, last_bedroom = (
            visits.get(key, no_visits))
        latest_conference, reviews, next_review = conferences.get(key, (None, 0, None))
        held, last_held, next_scheduled = meetings.get(key, (0, None, None))
        facts.append(PlanFacts(
            plan_id=plan_id, child_id=plan_child_id, case_number=case_number,
            child_name=full_name_of(given_names, family_name),
            date_of_birth=date_of_birth, expected_date_of_birth=expected_date_of_birth,
            lead_worker_id=lead_worker_id, lead_worker_name=worker_name, team_id=child_team_id,
            category=latest_category or category, start_date=start_date, end_date=end_date,
            visit_interval=visit_interval, visit_interval_unit=visit_interval_unit,
            core_group_interval=core_group_interval,
            core_group_interval_unit=core_group_interval_unit,
            last_visit_date=last_visit,
            # The child counts as unseen when the latest final visit did not see them.
            last_visit_child_seen=(
                None if last_visit is None
                else not (last_unseen and (not last_seen or last_unseen > last_seen))
            ),
            last_seen_alone_date=last_alone,
            last_seen_awake_date=last_awake,
            last_bedroom_seen_date=last_bedroom,
            latest_conference_date=latest_conference,
            review_conferences_held=reviews,
            next_review_date_set=next_review,
            core_groups_held=held,
            last_core_group_held=last_held,
            next_core_group_scheduled=next_scheduled,
            minutes_pending=tuple(minutes_pending.get(key, ())),
            draft_visits=tuple(draft_visits.get(key, ())),
            open_actions=tuple(open_actions.get(key, ())),
            pending_countersign=tuple(pending.get(key, ())),
            plan_missing=tuple(missing),
        ))
    return facts


def _pending_countersign(read: Read, scope: CTE) -> dict[Any, list[tuple[str, str, date]]]:
    """Final records of each open plan that no manager has countersigned yet (002 s5)."""
    out: dict[Any, list[tuple[str, str, date]]] = defaultdict(list)
    queries = [
        # The entries' copy of "countersigned", through their partial index: its condition
        # spelt out as the index says it, so SQLite can match the two (no other table here
        # has these column names).
        select(_key(scope.c.id, "plan_id"), _id(_visit.c.id, "id"),
               _visit.c.finalised_at)
        .join(_visit_child,
              _visit_child.c.child_id == scope.c.child_id)
        .join(_visit, _visit.c.id == _visit_child.c.visit_id)
        .where(text(AWAITING_COUNTERSIGN)),
        select(_key(_plan_version.c.plan_id, "plan_id"), _id(_plan_version.c.id, "id"),
               _plan_version.c.finalised_at)
        .join(scope, scope.c.id == _plan_version.c.plan_id)
        .where(_plan_version.c.status == RecordStatus.FINAL,
               ~countersigned(CountersignSubject.PLAN_VERSION, _plan_version.c.id)),
        # The meetings' copy of "countersigned", through their partial index, spelt out as the
        # index says it (as for visits).
        select(_key(_meeting.c.plan_id, "plan_id"), _id(_meeting.c.id, "id"),
               _meeting.c.finalised_at)
        .join(scope, scope.c.id == _meeting.c.plan_id)
        .where(text(MINUTES_AWAITING_COUNTERSIGN)),
    ]
    kinds = [CountersignSubject.VISIT, CountersignSubject.PLAN_VERSION,
             CountersignSubject.CORE_GROUP_MINUTES]
    for kind, query in zip(kinds, queries, strict=True):
        for plan_id, record_id, finalised_at in read(query):
            if finalised_at is not None:
                out[plan_id].append((kind.value, record_id, finalised_at.date()))
    return out


def _plan_parts(
    read: Read, scope: CTE, actions: Sequence[Row[Any]],
) -> tuple[dict[Any, list[str]], dict[Any, list[OutcomeContent]], dict[Any, list[MemberRole]]]:
    """Each open plan's concerns, outcomes (with their actions, as already read) and core
    group members, by plan key, for its completeness: three grouped reads."""
    concerns: dict[Any, list[str]] = defaultdict(list)
    for plan_id, description in read(
        select(_key(_concern.c.plan_id, "plan_id"), _concern.c.description)
        .join(scope, scope.c.id == _concern.c.plan_id)
        .order_by(_concern.c.position)
    ):
        concerns[plan_id].append(description)
    # (the contents are made positionally, in their fields' order: a keyword costs as much as
    # making the tuple, for some 20,000 of them; issue 10)
    by_outcome: dict[Any, list[ActionContent]] = defaultdict(list)
    for _, outcome_id, _, what, why, who, by_when, status in actions:
        by_outcome[outcome_id].append(
            ActionContent(what or "", why or "", who or "", by_when, status))
    outcomes: dict[Any, list[OutcomeContent]] = defaultdict(list)
    for outcome_id, plan_id, description, origin, measure in read(
        select(_key(_outcome.c.id, "id"), _key(_outcome.c.plan_id, "plan_id"),
               _outcome.c.description, _outcome.c.origin, _outcome.c.progress_measure)
        .join(scope, scope.c.id == _outcome.c.plan_id)
        .order_by(_outcome.c.position)
    ):
        outcomes[plan_id].append(OutcomeContent(
            description, origin, measure or "", tuple(by_outcome.get(outcome_id, ()))))
    members: dict[Any, list[MemberRole]] = defaultdict(list)
    for plan_id, name, role, frequency in read(
        select(_key(_member.c.plan_id, "plan_id"), _member.c.name,
               _member.c.role_in_plan, _member.c.contact_frequency)
        .join(scope, scope.c.id == _member.c.plan_id)
        .where(_member.c.left_on.is_(None), _member.c.excluded == false())
        .order_by(_member.c.position)
    ):
        members[plan_id].append(MemberRole(name, role or "", frequency or ""))
    return concerns, outcomes, members
