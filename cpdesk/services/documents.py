"""Printed documents: builds each document record from the store and exports it as a PDF.

Owns `build_<kind>` (read-only, one short session each, a fixed handful of set-based reads per
document, never one query per row), `export_document` (render, then record an "export" audit
event naming who printed what) and `export_pro_formas_for_date` (a manager's batch of the pro
formas for every core group meeting on a day, built from one set of reads for all of them).

Wording comes from the database's procedure profile. Imports domain, models and reports;
never Qt. Kinds: plan, child-plan, visits, pro-forma, minutes, agreement, review-report,
compliance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, raiseload, selectinload

from cpdesk import reports
from cpdesk.domain.actor import Actor
from cpdesk.domain.dates import age_text
from cpdesk.domain.deadlines import deadlines_for, next_review_due, visit_interval
from cpdesk.domain.documents import (
    ActionLine,
    AddendumLine,
    AgreementDocument,
    AttendanceLine,
    ChildDetails,
    ChildsCopyDocument,
    ComplianceAlert,
    ComplianceDocument,
    CompliancePlan,
    DisagreementLine,
    DocumentHeader,
    FamilyLine,
    IncidentLine,
    MeetingAttendanceRow,
    MeetingDetails,
    MemberAttendance,
    MemberLine,
    MinutesDocument,
    ObservationLine,
    OutcomeLine,
    OutcomeProgress,
    PlanDocument,
    ProFormaDocument,
    ProgressRow,
    ReviewReportDocument,
    SignatureLine,
    VersionLine,
    VisitLine,
    VisitRecordDocument,
    VisitsSummary,
    interval_text,
    visit_gaps,
)
from cpdesk.domain.enums import (
    ActionStatus,
    ConferenceKind,
    CountersignDecision,
    CountersignSubject,
    Gender,
    MemberKind,
    OutcomeOrigin,
    RecordStatus,
    RiskTrend,
    Role,
    VisitType,
)
from cpdesk.domain.errors import CpdeskError
from cpdesk.domain.permissions import Permission, require
from cpdesk.domain.profiles import Profile
from cpdesk.domain.records import PlanFacts
from cpdesk.domain.working_days import calendar_for
from cpdesk.models import (
    Addendum,
    Child,
    Concern,
    CoreGroupMeeting,
    CoreGroupMember,
    Countersignature,
    Outcome,
    Plan,
    Staff,
    Team,
    Visit,
    VisitChild,
)
from cpdesk.models.db import Store
from cpdesk.models.queries import plan_facts
from cpdesk.services.alerts import alerts_from_facts
from cpdesk.services.audit import record_event
from cpdesk.services.child_record import current_plan
from cpdesk.services.profile import profile_in

KINDS = ("plan", "child-plan", "visits", "pro-forma", "minutes", "agreement", "review-report",
         "compliance")


class DocumentError(CpdeskError):
    """A document cannot be made as asked (unknown case number, no held meeting, ...)."""


# --- words -------------------------------------------------------------------------------

ACTION_STATUS = {ActionStatus.NOT_STARTED: "Not started", ActionStatus.IN_PROGRESS: "In progress",
                 ActionStatus.DONE: "Done", ActionStatus.NOT_DONE: "Not done"}
ORIGIN = {OutcomeOrigin.AGREED_AT_CONFERENCE: "Agreed at conference",
          OutcomeOrigin.ADDED_BY_CORE_GROUP: "Added by the core group"}
GENDER = {Gender.FEMALE: "Female", Gender.MALE: "Male", Gender.OTHER: "Other",
          Gender.UNKNOWN: "Not known"}
TREND = {RiskTrend.INCREASED: "Increased", RiskTrend.SAME: "The same",
         RiskTrend.REDUCED: "Reduced"}
VISIT_TYPE = {VisitType.ANNOUNCED: "Announced", VisitType.UNANNOUNCED: "Unannounced"}
RECORD = {RecordStatus.FINAL: "Final", RecordStatus.DRAFT: "Draft (not finalised)",
          RecordStatus.VOIDED: "Voided"}
DECISION = {CountersignDecision.COUNTERSIGNED: "Countersigned",
            CountersignDecision.RETURNED: "Returned to the author"}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _header(profile: Profile, title: str, child: Child | None, actor: Actor, today: date,
            scope: str | None = None) -> DocumentHeader:
    return DocumentHeader(
        title=title, child_name=child.full_name if child else None,
        case_number=child.case_number if child else None, printed_on=today,
        printed_by=actor.name, worker_title=profile.worker_title, plan_name=profile.plan_name,
        conference_name=profile.conference_name, authority=profile.display_name, scope=scope,
    )


# --- reads shared by the documents ----------------------------------------------------------


@dataclass
class _Case:
    """One child with their current plan loaded, and the names of the staff it mentions."""

    child: Child
    plan: Plan
    names: dict[str, str]
    profile: Profile


# what a document reads of a plan's core group meetings: nothing, the meetings, or the
# meetings with their attendance and progress rows
NO_MEETINGS, MEETINGS, MEETING_DETAIL = "none", "meetings", "detail"


@cache
def _plan_options(meetings: str = MEETINGS) -> tuple[Any, ...]:
    """What a document reads of a plan (made once: loader options are immutable).

    Meetings, and a meeting's attendance and progress rows (most of the rows a long-running
    plan has), are read only for the documents that use them; elsewhere touching them raises
    rather than quietly querying per plan or per meeting.
    """
    meeting_rows = selectinload if meetings == MEETING_DETAIL else raiseload
    return (
        selectinload(Plan.concerns), selectinload(Plan.outcomes).selectinload(Outcome.actions),
        selectinload(Plan.danger_statements), selectinload(Plan.members),
        selectinload(Plan.conferences), selectinload(Plan.versions),
        selectinload(Plan.disagreements),
        raiseload(Plan.meetings) if meetings == NO_MEETINGS else
        selectinload(Plan.meetings).options(meeting_rows(CoreGroupMeeting.attendance),
                                            meeting_rows(CoreGroupMeeting.progress)),
    )


def _names(session: Session, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(wanted))).all())


def _plan_staff_ids(plan: Plan, meetings: str = MEETINGS) -> list[str | None]:
    return [plan.lead_worker_id, plan.manager_id, *(v.made_by_id for v in plan.versions),
            *(m.author_id for m in (plan.meetings if meetings != NO_MEETINGS else ()))]


def _load_case(session: Session, case_number: str | None, *,
               meetings: str = MEETINGS) -> _Case:
    if not case_number:
        raise DocumentError("Enter the child's case number (--child CASE_NO)")
    child = session.scalar(select(Child).where(Child.case_number == case_number)
                           .options(selectinload(Child.family)))
    if child is None:
        raise DocumentError(f"No child with case number {case_number} in this database")
    plans = list(session.scalars(select(Plan).where(Plan.child_id == child.id)
                                 .options(*_plan_options(meetings))))
    plan = current_plan(plans)
    if plan is None:
        raise DocumentError(f"{child.full_name} ({case_number}) has no plan recorded")
    return _Case(child, plan, _names(session, _plan_staff_ids(plan, meetings)),
                 profile_in(session))


def _child_details(child: Child, today: date) -> ChildDetails:
    return ChildDetails(
        name=child.full_name, known_as=child.known_as, date_of_birth=child.date_of_birth,
        expected_date_of_birth=child.expected_date_of_birth,
        age=age_text(child.date_of_birth, child.expected_date_of_birth, today),
        gender=GENDER.get(child.gender, "Not known"), address=child.address,
        preferred_language=child.preferred_language,
    )


def _outcomes(plan: Plan) -> tuple[OutcomeLine, ...]:
    out = []
    for i, o in enumerate(sorted(plan.outcomes, key=lambda o: o.position), start=1):
        actions = tuple(
            ActionLine(action_id=a.id, number=f"{i}.{j}", what=a.what, why=a.why, who=a.who,
                       by_when=a.by_when, status=ACTION_STATUS.get(a.status, str(a.status)))
            for j, a in enumerate(sorted(o.actions, key=lambda a: a.position), start=1)
        )
        out.append(OutcomeLine(outcome_id=o.id, number=i, description=o.description,
                               origin=ORIGIN.get(o.origin, str(o.origin)),
                               progress_measure=o.progress_measure, actions=actions))
    return tuple(out)


def _member_line(m: CoreGroupMember) -> MemberLine:
    return MemberLine(
        member_id=m.id, name=m.name, family=m.kind is MemberKind.FAMILY, agency=m.agency,
        job_title=m.job_title, role_in_plan=m.role_in_plan,
        contact_frequency=m.contact_frequency, phone=m.phone, email=m.email,
        excluded=m.excluded,
    )


def _current_members(plan: Plan, on: date, *, invited_only: bool = False) -> list[CoreGroupMember]:
    """Members on `on`: joined by then and not yet left (invited: not excluded either)."""
    return [m for m in sorted(plan.members, key=lambda m: m.position)
            if (m.joined_on is None or m.joined_on <= on)
            and (m.left_on is None or m.left_on > on)
            and not (invited_only and m.excluded)]


def _latest_version(plan: Plan, names: dict[str, str]) -> VersionLine | None:
    finals = [v for v in plan.versions if v.status is RecordStatus.FINAL]
    if not finals:
        return None
    v = max(finals, key=lambda v: v.number)
    return VersionLine(number=v.number, made_on=v.made_on,
                       made_by=names.get(v.made_by_id) if v.made_by_id else None,
                       reason=v.reason)


def _signatures(
    session: Session, kind: CountersignSubject, ids: Iterable[str]
) -> dict[str, list[SignatureLine]]:
    wanted = list(set(ids))
    out: dict[str, list[SignatureLine]] = defaultdict(list)
    if not wanted:
        return out
    rows = session.execute(
        select(Countersignature, Staff.name)
        .outerjoin(Staff, Staff.id == Countersignature.manager_id)
        .where(Countersignature.subject_kind == kind, Countersignature.subject_id.in_(wanted))
        .order_by(Countersignature.signed_at)
    ).all()
    for cs, name in rows:
        out[cs.subject_id].append(SignatureLine(
            manager=name or "a manager no longer listed", signed_at=cs.signed_at,
            decision=DECISION.get(cs.decision, str(cs.decision)), comment=cs.comment))
    return out


def _addenda(
    session: Session, kind: CountersignSubject, ids: Iterable[str]
) -> dict[str, list[AddendumLine]]:
    wanted = list(set(ids))
    out: dict[str, list[AddendumLine]] = defaultdict(list)
    if not wanted:
        return out
    rows = session.execute(
        select(Addendum, Staff.name).outerjoin(Staff, Staff.id == Addendum.author_id)
        .where(Addendum.subject_kind == kind, Addendum.subject_id.in_(wanted),
               Addendum.status != RecordStatus.VOIDED)
        .order_by(Addendum.written_at)
    ).all()
    for a, name in rows:
        out[a.subject_id].append(AddendumLine(written_at=a.written_at,
                                              author=name or "Not recorded", text=a.text))
    return out


def _review_facts(plan: Plan, today: date) -> PlanFacts:
    """Just the conference facts `next_review_due` reads, from the loaded conferences (so a
    batch of pro formas needs no per-plan query)."""
    held = [c for c in plan.conferences if c.held_on <= today]
    return PlanFacts(
        plan_id=plan.id, child_id=plan.child_id, case_number="", child_name="",
        date_of_birth=None, expected_date_of_birth=None, lead_worker_id=plan.lead_worker_id,
        lead_worker_name=None, team_id=None, category=plan.category,
        start_date=plan.start_date, end_date=plan.end_date, visit_interval=plan.visit_interval,
        visit_interval_unit=plan.visit_interval_unit,
        core_group_interval=plan.core_group_interval,
        core_group_interval_unit=plan.core_group_interval_unit, last_visit_date=None,
        last_visit_child_seen=None, last_seen_alone_date=None, last_seen_awake_date=None,
        last_bedroom_seen_date=None,
        latest_conference_date=max((c.held_on for c in held), default=None),
        review_conferences_held=sum(1 for c in held if c.kind is ConferenceKind.REVIEW),
        next_review_date_set=max((c.next_review_date for c in held if c.next_review_date),
                                 default=None),
        core_groups_held=0, last_core_group_held=None, next_core_group_scheduled=None,
    )


def _review_due(plan: Plan, profile: Profile, today: date) -> date | None:
    if plan.status.value != "active":
        return None
    return next_review_due(_review_facts(plan, today), profile)


def _disagreements(items: Iterable[Any]) -> tuple[DisagreementLine, ...]:
    return tuple(DisagreementLine(recorded_on=x.recorded_on, who=x.who, about=x.about)
                 for x in sorted(items, key=lambda x: x.recorded_on))


def _visit_frequency(plan: Plan, profile: Profile) -> str:
    n, unit = (plan.visit_interval, plan.visit_interval_unit) \
        if plan.visit_interval and plan.visit_interval_unit \
        else (profile.visit_interval, profile.visit_interval_unit)
    text = (f"at least {interval_text(n, unit)}; the child seen alone at least "
            f"{interval_text(profile.seen_alone_interval, profile.seen_alone_interval_unit)}")
    if profile.baby_seen_awake:
        text += " (a baby seen awake)"
    if profile.bedroom_seen_between_conferences:
        text += f"; the child's bedroom seen at least once between each {profile.conference_name}"
    return _capital(text)


# --- 1, 2, 6: the plan, the child's copy, the written agreement -----------------------------


def _plan_document(session: Session, case: _Case, actor: Actor, today: date) -> PlanDocument:
    plan, child, names, profile = case.plan, case.child, case.names, case.profile
    version = _latest_version(plan, names)
    countersigned = None
    finals = [v for v in plan.versions if v.status is RecordStatus.FINAL]
    if finals:
        latest = max(finals, key=lambda v: v.number)
        signed = [s for s in _signatures(session, CountersignSubject.PLAN_VERSION,
                                         [latest.id]).get(latest.id, [])
                  if s.decision == "Countersigned"]
        countersigned = signed[-1] if signed else None
    return PlanDocument(
        header=_header(profile, _capital(profile.plan_name), child, actor, today),
        child=_child_details(child, today),
        family=tuple(FamilyLine(f.name, f.relationship_to_child, f.parental_responsibility,
                                f.lives_with_child) for f in child.family),
        category=(plan.latest_category or plan.category).label, start_date=plan.start_date,
        lead_worker=names.get(plan.lead_worker_id or ""), manager=names.get(plan.manager_id or ""),
        conference_chair=plan.conference_chair, lead_statutory_body=plan.lead_statutory_body,
        version=version, countersigned=countersigned,
        concerns=tuple(c.description for c in sorted(plan.concerns, key=lambda c: c.position)),
        outcomes=_outcomes(plan),
        danger_statements=tuple((s.danger_statement, s.safety_goal)
                                for s in sorted(plan.danger_statements,
                                                key=lambda s: s.position)),
        contingency_plan=plan.contingency_plan, when_child_seen=plan.when_child_seen,
        visit_frequency=_visit_frequency(plan, profile),
        developmental_needs=plan.developmental_needs,
        therapeutic_services=plan.therapeutic_services, review_points=plan.review_points,
        family_involvement=plan.family_involvement,
        next_review_date=_review_due(plan, profile, today),
        members=tuple(_member_line(m) for m in _current_members(plan, today)),
        disagreements=_disagreements(plan.disagreements), childs_copy=plan.childs_copy,
    )


def build_plan(store: Store, actor: Actor, case_number: str, today: date) -> PlanDocument:
    with store.session() as session:
        return _plan_document(session, _load_case(session, case_number, meetings=NO_MEETINGS),
                              actor, today)


def _next_meeting_on(plan: Plan, today: date) -> date | None:
    upcoming = [_meeting_day(m) for m in plan.meetings
                if m.held_on is None and m.status is not RecordStatus.VOIDED]
    upcoming = [x for x in upcoming if x >= today]
    return min(upcoming, default=None)


def build_childs_copy(store: Store, actor: Actor, case_number: str,
                      today: date) -> ChildsCopyDocument:
    with store.session() as session:
        case = _load_case(session, case_number)
        plan, child = case.plan, case.child
        text = (plan.childs_copy or "").strip()
        if not text:
            raise DocumentError(f"The plan for {case_number} has no child's copy written yet: "
                                "write it in the plan first")
        # each line the worker wrote is its own paragraph
        paragraphs = tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())
        helpers = tuple(
            (m.name, m.job_title or m.agency or "Helps with your plan")
            for m in _current_members(plan, today, invited_only=True))
        return ChildsCopyDocument(
            header=_header(case.profile, "My plan", child, actor, today),
            first_name=child.known_as or child.given_names.split()[0],
            paragraphs=paragraphs,
            worker_name=case.names.get(plan.lead_worker_id or ""), helpers=helpers,
            next_meeting=_next_meeting_on(plan, today),
        )


def build_agreement(store: Store, actor: Actor, case_number: str,
                    today: date) -> AgreementDocument:
    with store.session() as session:
        case = _load_case(session, case_number, meetings=NO_MEETINGS)
        plan, names = case.plan, case.names
        members = [_member_line(m) for m in _current_members(plan, today, invited_only=True)]
        return AgreementDocument(
            header=_header(case.profile, "Written agreement", case.child, actor, today),
            child=_child_details(case.child, today), start_date=plan.start_date,
            version=_latest_version(plan, names),
            lead_worker=names.get(plan.lead_worker_id or ""),
            concerns=tuple(c.description
                           for c in sorted(plan.concerns, key=lambda c: c.position)),
            outcomes=_outcomes(plan), contingency_plan=plan.contingency_plan,
            when_child_seen=plan.when_child_seen, members=tuple(members),
            next_review_date=_review_due(plan, case.profile, today),
        )


# --- 3: visit records -------------------------------------------------------------------


def build_visits(
    store: Store, actor: Actor, case_number: str, today: date, *,
    date_from: date | None = None, date_to: date | None = None, visit_id: str | None = None,
) -> VisitRecordDocument:
    """Every visit to the child in the period (default: since the current plan started), or
    the one visit `visit_id`, oldest first, with addenda and countersignatures."""
    if date_from and date_to and date_from > date_to:
        raise DocumentError("The --from date must be on or before the --to date")
    with store.session() as session:
        case = _load_case(session, case_number, meetings=NO_MEETINGS)
        query = (
            select(VisitChild, Visit).join(Visit, Visit.id == VisitChild.visit_id)
            .where(VisitChild.child_id == case.child.id)
            .options(selectinload(VisitChild.observations))
            .order_by(Visit.visit_date, Visit.start_time)
        )
        start = date_from
        if visit_id is not None:
            query = query.where(Visit.id == visit_id)
        else:
            start = date_from or case.plan.start_date
            query = query.where(Visit.visit_date >= start)
            if date_to is not None:
                query = query.where(Visit.visit_date <= date_to)
        rows = session.execute(query).all()
        if visit_id is not None and not rows:
            raise DocumentError(f"No visit {visit_id} to {case_number}")
        visit_ids = [v.id for _vc, v in rows]
        others: dict[str, list[str]] = defaultdict(list)
        if visit_ids:
            for vid, given, family in session.execute(
                select(VisitChild.visit_id, Child.given_names, Child.family_name)
                .join(Child, Child.id == VisitChild.child_id)
                .where(VisitChild.visit_id.in_(visit_ids), VisitChild.child_id != case.child.id)
                .order_by(VisitChild.position)
            ):
                others[vid].append(f"{given} {family}")
        concern_ids = {o.concern_id for vc, _v in rows for o in vc.observations if o.concern_id}
        concerns = dict(session.execute(
            select(Concern.id, Concern.description).where(Concern.id.in_(concern_ids))
        ).all()) if concern_ids else {}
        names = _names(session, [v.author_id for _vc, v in rows])
        signatures = _signatures(session, CountersignSubject.VISIT, visit_ids)
        addenda = _addenda(session, CountersignSubject.VISIT, visit_ids)
        visits = tuple(
            VisitLine(
                visit_id=v.id, visit_date=v.visit_date, start_time=v.start_time,
                visit_type=VISIT_TYPE.get(v.visit_type) if v.visit_type else None,
                status=RECORD.get(v.status, str(v.status)),
                author=names.get(v.author_id or ""), finalised_at=v.finalised_at,
                void_reason=v.void_reason, present=v.present,
                others_visited=tuple(others.get(v.id, ())),
                delegated_to=v.delegated_to if v.delegated else None,
                delegation_agreed_by=v.delegation_agreed_by,
                child_seen=vc.child_seen, not_seen_reason=vc.not_seen_reason,
                seen_alone=vc.seen_alone, not_seen_alone_reason=vc.not_seen_alone_reason,
                seen_awake=vc.seen_awake, bedroom_seen=vc.bedroom_seen,
                sleeping_arrangements=v.sleeping_arrangements, meals=v.meals,
                presentation_and_behaviour=vc.presentation_and_behaviour,
                wishes_and_feelings=vc.wishes_and_feelings, new_incidents=vc.new_incidents,
                incident_details=vc.incident_details, injury_location=vc.injury_location,
                observations=tuple(
                    ObservationLine(
                        concern=o.concern or concerns.get(o.concern_id or "", "Not recorded"),
                        observation=o.observation,
                        risk_trend=TREND.get(o.risk_trend) if o.risk_trend else None)
                    for o in sorted(vc.observations, key=lambda o: o.position)),
                next_planned_visit=v.next_planned_visit,
                addenda=tuple(addenda.get(v.id, ())),
                countersignatures=tuple(signatures.get(v.id, ())),
            )
            for vc, v in rows
        )
        return VisitRecordDocument(
            header=_header(case.profile, "Visit records", case.child, actor, today),
            date_from=start, date_to=date_to if visit_id is None else None, visits=visits)


# --- 4, 5: the core group pro forma and minutes -------------------------------------------


def _meeting_day(m: CoreGroupMeeting) -> date:
    if m.held_on is not None:
        return m.held_on
    if m.scheduled_for is not None:
        return m.scheduled_for.date()
    return m.due_date


def _meeting_details(plan: Plan, m: CoreGroupMeeting) -> MeetingDetails:
    ordered = sorted((x for x in plan.meetings if x.status is not RecordStatus.VOIDED),
                     key=_meeting_day)
    number = next((i for i, x in enumerate(ordered, start=1) if x.id == m.id), len(ordered) + 1)
    status = ("Voided" if m.status is RecordStatus.VOIDED else
              "Not yet held" if m.held_on is None else
              "Final" if m.status is RecordStatus.FINAL else "Draft")
    return MeetingDetails(meeting_id=m.id, number=number, due_date=m.due_date,
                          scheduled_for=m.scheduled_for, held_on=m.held_on, chair=m.chair,
                          venue=m.venue, status=status)


def _progress_rows(plan: Plan, m: CoreGroupMeeting | None) -> tuple[ProgressRow, ...]:
    by_outcome: dict[str, str] = {}
    by_action: dict[str, str] = {}
    for p in (m.progress if m is not None else []):
        if p.action_id:
            by_action[p.action_id] = p.progress
        elif p.outcome_id:
            by_outcome[p.outcome_id] = p.progress
    rows: list[ProgressRow] = []
    for o in _outcomes(plan):
        rows.append(ProgressRow(str(o.number), True, o.description, None, None, None,
                                by_outcome.get(o.outcome_id)))
        rows += [ProgressRow(a.number, False, a.what, a.who, a.by_when, a.status,
                             by_action.get(a.action_id)) for a in o.actions]
    return tuple(rows)


def _attendance(plan: Plan, m: CoreGroupMeeting | None, on: date) -> tuple[AttendanceLine, ...]:
    invited = _current_members(plan, on, invited_only=True)
    roles = {x.id: _member_line(x).role for x in plan.members}
    if m is None or m.held_on is None:
        return tuple(AttendanceLine(x.name, roles[x.id], None, None, None) for x in invited)
    lines = [AttendanceLine(a.name, roles.get(a.member_id or "", ""), a.attended, a.apologies,
                            a.summary_of_involvement) for a in m.attendance]
    recorded_ids = {a.member_id for a in m.attendance if a.member_id}
    recorded_names = {a.name for a in m.attendance}
    lines += [AttendanceLine(x.name, roles[x.id], False, False, None) for x in invited
              if x.id not in recorded_ids and x.name not in recorded_names]
    order = {x.name: i for i, x in enumerate(invited)}
    lines.sort(key=lambda a: (order.get(a.name, len(order)), a.name))
    return tuple(lines)


def _pro_forma(case: _Case, m: CoreGroupMeeting | None, actor: Actor, today: date,
               due: date | None = None) -> ProFormaDocument:
    plan, names, profile = case.plan, case.names, case.profile
    if m is not None:
        meeting = _meeting_details(plan, m)
    else:
        held = sum(1 for x in plan.meetings if x.status is not RecordStatus.VOIDED)
        meeting = MeetingDetails(None, held + 1, due or today, None, None, None, None,
                                 "Not yet held")
    held = m is not None and m.held_on is not None
    return ProFormaDocument(
        header=_header(profile, "Core group pro forma", case.child, actor, today),
        meeting=meeting, lead_worker=names.get(plan.lead_worker_id or ""),
        version=_latest_version(plan, names),
        next_review_date=_review_due(plan, profile, today),
        rows=_progress_rows(plan, m if held else None),
        attendance=_attendance(plan, m, meeting.meeting_date),
        decisions=m.decisions if held and m else None,
        changes_to_plan=m.changes_to_plan if held and m else None,
        disagreements=_disagreements(x for x in plan.disagreements
                                     if m is not None and x.meeting_id == m.id) if held else (),
        next_meeting_date=m.next_meeting_date if held and m else None,
    )


def _meeting_of(case: _Case, meeting_id: str) -> CoreGroupMeeting:
    meeting = next((m for m in case.plan.meetings if m.id == meeting_id), None)
    if meeting is None:
        raise DocumentError(f"No core group meeting {meeting_id} on the current plan for "
                            f"{case.child.case_number}")
    return meeting


def _case_for_meeting(session: Session, meeting_id: str) -> str:
    number = session.scalar(
        select(Child.case_number).join(Plan, Plan.child_id == Child.id)
        .join(CoreGroupMeeting, CoreGroupMeeting.plan_id == Plan.id)
        .where(CoreGroupMeeting.id == meeting_id))
    if number is None:
        raise DocumentError(f"No core group meeting {meeting_id} in this database")
    return number


def build_pro_forma(store: Store, actor: Actor, case_number: str | None, today: date, *,
                    meeting_id: str | None = None) -> ProFormaDocument:
    """The pro forma for a meeting; without one, for the next meeting due (the earliest not
    yet held; if none is arranged, a blank pro forma for the date the next one falls due)."""
    with store.session() as session:
        if case_number is None and meeting_id is not None:
            case_number = _case_for_meeting(session, meeting_id)
        case = _load_case(session, case_number, meetings=MEETING_DETAIL)
        if meeting_id is not None:
            return _pro_forma(case, _meeting_of(case, meeting_id), actor, today)
        upcoming = sorted((m for m in case.plan.meetings
                           if m.held_on is None and m.status is not RecordStatus.VOIDED),
                          key=_meeting_day)
        if upcoming:
            return _pro_forma(case, upcoming[0], actor, today)
        facts = plan_facts(session, today, child_id=case.child.id)
        facts = [f for f in facts if f.plan_id == case.plan.id]
        if not facts:
            raise DocumentError(f"The plan for {case_number} has ended: no core group is due")
        due = deadlines_for(facts[0], case.profile, today).next_core_group_due
        return _pro_forma(case, None, actor, today, due=due)


def build_minutes(store: Store, actor: Actor, case_number: str | None, today: date, *,
                  meeting_id: str | None = None) -> MinutesDocument:
    """The minutes of a held meeting; without one, of the latest held meeting."""
    with store.session() as session:
        if case_number is None and meeting_id is not None:
            case_number = _case_for_meeting(session, meeting_id)
        case = _load_case(session, case_number, meetings=MEETING_DETAIL)
        plan, profile = case.plan, case.profile
        if meeting_id is not None:
            m = _meeting_of(case, meeting_id)
            if m.held_on is None:
                raise DocumentError(f"Core group meeting {meeting_id} has not been held yet: "
                                    "print its pro forma instead")
        else:
            held = [x for x in plan.meetings
                    if x.held_on is not None and x.status is not RecordStatus.VOIDED]
            if not held:
                raise DocumentError(f"No core group meeting has been held for {case_number} "
                                    "yet")
            m = max(held, key=lambda x: x.held_on or date.min)
        assert m.held_on is not None
        cal = calendar_for(profile.nation)
        signatures = _signatures(session, CountersignSubject.CORE_GROUP_MINUTES, [m.id])
        addenda = _addenda(session, CountersignSubject.CORE_GROUP_MINUTES, [m.id])
        return MinutesDocument(
            header=_header(profile, "Core group minutes", case.child, actor, today),
            meeting=_meeting_details(plan, m),
            lead_worker=case.names.get(plan.lead_worker_id or ""),
            author=case.names.get(m.author_id or ""), version=_latest_version(plan, case.names),
            next_review_date=_review_due(plan, profile, today),
            attendance=_attendance(plan, m, m.held_on), rows=_progress_rows(plan, m),
            decisions=m.decisions, changes_to_plan=m.changes_to_plan,
            disagreements=_disagreements(x for x in plan.disagreements if x.meeting_id == m.id),
            next_meeting_date=m.next_meeting_date,
            minutes_circulated_on=m.minutes_circulated_on,
            minutes_due=cal.add_interval(m.held_on, profile.minutes_within,
                                         profile.minutes_within_unit),
            addenda=tuple(addenda.get(m.id, ())),
            countersignatures=tuple(signatures.get(m.id, ())),
        )


# --- 7: the report for the review conference ---------------------------------------------


def build_review_report(
    store: Store, actor: Actor, case_number: str, today: date, *,
    date_from: date | None = None, date_to: date | None = None,
) -> ReviewReportDocument:
    """The core group's report for the review conference: by default the period since the
    latest conference up to today."""
    with store.session() as session:
        case = _load_case(session, case_number, meetings=MEETING_DETAIL)
        plan, child, profile, names = case.plan, case.child, case.profile, case.names
        held_conferences = [c.held_on for c in plan.conferences if c.held_on <= today]
        period_from = date_from or max(held_conferences, default=plan.start_date)
        period_to = date_to or today
        if period_from > period_to:
            raise DocumentError("The --from date must be on or before the --to date")
        cal = calendar_for(profile.nation)

        visits = session.execute(
            select(Visit.visit_date, VisitChild.child_seen, VisitChild.seen_alone,
                   VisitChild.seen_awake, VisitChild.bedroom_seen, VisitChild.new_incidents,
                   VisitChild.incident_details, VisitChild.injury_location)
            .join(VisitChild, VisitChild.visit_id == Visit.id)
            .where(VisitChild.child_id == child.id, Visit.status == RecordStatus.FINAL,
                   Visit.visit_date >= period_from, Visit.visit_date <= period_to)
            .order_by(Visit.visit_date)
        ).all()
        n, unit = visit_interval(_review_facts(plan, today), profile)
        seen_days = [v.visit_date for v in visits if v.child_seen]
        alone_days = [v.visit_date for v in visits if v.seen_alone or v.seen_awake]
        bedroom = [v.visit_date for v in visits if v.bedroom_seen]
        summary = VisitsSummary(
            visits=len(visits), seen=len(seen_days),
            not_seen=sum(1 for v in visits if v.child_seen is False),
            seen_alone=sum(1 for v in visits if v.seen_alone),
            seen_awake=sum(1 for v in visits if v.seen_awake),
            bedroom_seen=len(bedroom), last_bedroom_seen=max(bedroom, default=None),
            interval_text=interval_text(n, unit),
            seen_alone_interval_text=interval_text(profile.seen_alone_interval,
                                                   profile.seen_alone_interval_unit),
            gaps=visit_gaps(seen_days, period_from, period_to, n, unit, cal),
            seen_alone_gaps=visit_gaps(alone_days, period_from, period_to,
                                       profile.seen_alone_interval,
                                       profile.seen_alone_interval_unit, cal),
        )

        meetings = sorted((m for m in plan.meetings if m.held_on is not None
                           and m.status is not RecordStatus.VOIDED
                           and period_from <= m.held_on <= period_to),
                          key=lambda m: m.held_on or date.min)
        rows = []
        tally: dict[str, list[int]] = {}
        for m in meetings:
            assert m.held_on is not None
            lines = _attendance(plan, m, m.held_on)
            rows.append(MeetingAttendanceRow(
                held_on=m.held_on, attended=tuple(a.name for a in lines if a.attended),
                apologies=tuple(a.name for a in lines if a.apologies),
                absent=tuple(a.name for a in lines if not a.attended and not a.apologies)))
            for a in lines:
                t = tally.setdefault(a.name, [0, 0, 0])
                t[0] += bool(a.attended)
                t[1] += bool(a.apologies and not a.attended)
                t[2] += 1
        members = [MemberAttendance(x.name, _member_line(x).role, *tally.get(x.name, [0, 0, 0]))
                   for x in _current_members(plan, period_to, invited_only=True)]

        progress: dict[str, list[tuple[date, str, str]]] = defaultdict(list)
        outcomes = _outcomes(plan)
        action_outcome = {a.action_id: (o.outcome_id, a.number) for o in outcomes
                          for a in o.actions}
        outcome_number = {o.outcome_id: str(o.number) for o in outcomes}
        for m in meetings:
            for p in sorted(m.progress, key=lambda p: p.position):
                if p.action_id and p.action_id in action_outcome:
                    oid, num = action_outcome[p.action_id]
                elif p.outcome_id and p.outcome_id in outcome_number:
                    oid, num = p.outcome_id, outcome_number[p.outcome_id]
                else:
                    continue
                progress[oid].append((m.held_on or period_to, num, p.progress))

        return ReviewReportDocument(
            header=_header(profile, f"Report for the review {profile.conference_name}", child,
                           actor, today),
            child=_child_details(child, today),
            category=(plan.latest_category or plan.category).label, start_date=plan.start_date,
            lead_worker=names.get(plan.lead_worker_id or ""), period_from=period_from,
            period_to=period_to, review_due=_review_due(plan, profile, today),
            version=_latest_version(plan, names),
            outcomes=tuple(OutcomeProgress(o, tuple(progress.get(o.outcome_id, ())))
                           for o in outcomes),
            visits=summary, meetings=tuple(rows), members=tuple(members),
            incidents=tuple(IncidentLine(v.visit_date, v.incident_details or "Not recorded",
                                         v.injury_location)
                            for v in visits if v.new_incidents),
            disagreements=_disagreements(x for x in plan.disagreements
                                         if period_from <= x.recorded_on <= period_to),
        )


# --- 8: caseload compliance --------------------------------------------------------------


def build_compliance(store: Store, actor: Actor, today: date, *,
                     team: str | None = None) -> ComplianceDocument:
    """Every open plan (in one team, or all) with its alerts, the worst first."""
    with store.session() as session:
        profile = profile_in(session)
        team_id = None
        scope = "All teams"
        if team:
            team_id = session.scalar(select(Team.id).where(Team.name == team))
            if team_id is None:
                known = ", ".join(session.scalars(select(Team.name).order_by(Team.name)))
                raise DocumentError(f"No team called '{team}' (teams: {known or 'none'})")
            scope = team
        facts = plan_facts(session, today, team_id=team_id)
    alerts = alerts_from_facts(facts, profile, today)
    by_plan: dict[str, list[ComplianceAlert]] = defaultdict(list)
    worst: dict[str, tuple[int, int]] = {}
    for a in alerts:
        by_plan[a.plan].append(ComplianceAlert(a.severity.label, a.due, a.days_overdue,
                                               a.message))
        rank = (a.severity.rank, -a.days_overdue)
        worst[a.plan] = min(worst.get(a.plan, rank), rank)
    plans = sorted(
        (CompliancePlan(f.case_number, f.child_name, f.lead_worker_name, f.start_date,
                        tuple(by_plan.get(f.plan_id, ())))
         for f in facts),
        key=lambda p: p.case_number)
    plan_ids = {f.case_number: f.plan_id for f in facts}
    plans.sort(key=lambda p: worst.get(plan_ids[p.case_number], (9, 0)))
    header = _header(profile, "Caseload compliance", None, actor, today, scope=scope)
    return ComplianceDocument(header=header, as_of=today, plans=tuple(plans))


# --- export ------------------------------------------------------------------------------


def _audit(store: Store, actor: Actor, kind: str, outs: list[tuple[Path, Any]]) -> None:
    """One "export" event per file: who printed which document about whom, and where to."""
    with store.session() as session:
        subjects: dict[str, str] = {}
        numbers = [getattr(doc.header, "case_number", None) for _p, doc in outs]
        wanted = [n for n in numbers if n]
        if wanted:
            subjects = dict(session.execute(
                select(Child.case_number, Child.id).where(Child.case_number.in_(wanted))).all())
        for path, doc in outs:
            number = doc.header.case_number
            meeting = getattr(doc, "meeting", None)
            record_event(
                session, actor, "export", "child" if number else "caseload",
                subjects.get(number) if number else None,
                after={"document": kind, "title": doc.header.title, "case_number": number,
                       "scope": doc.header.scope,
                       "meeting_id": meeting.meeting_id if meeting else None,
                       "file": str(path), "printed_by": actor.name,
                       "printed_on": doc.header.printed_on.isoformat()},
            )


# kind -> the renderer's name in cpdesk.reports (looked up when printing, so ReportLab loads
# with the first PDF, not at start-up)
RENDERERS: dict[str, str] = {
    "plan": "render_plan", "child-plan": "render_childs_copy", "visits": "render_visits",
    "pro-forma": "render_pro_forma", "minutes": "render_minutes",
    "agreement": "render_agreement", "review-report": "render_review_report",
    "compliance": "render_compliance",
}


def renderer(kind: str) -> Callable[[Any, Path], Path]:
    return getattr(reports, RENDERERS[kind])  # type: ignore[no-any-return]


def build_document(
    store: Store, actor: Actor, kind: str, *, child_case_number: str | None = None,
    meeting_id: str | None = None, date_from: date | None = None, date_to: date | None = None,
    team: str | None = None, today: date, visit_id: str | None = None,
) -> Any:
    """The document record of `kind` (one of KINDS), read from the store."""
    if kind not in KINDS:
        raise DocumentError(f"Document kind must be one of {', '.join(KINDS)}, not '{kind}'")
    if kind == "compliance":
        return build_compliance(store, actor, today, team=team)
    if kind == "pro-forma":
        return build_pro_forma(store, actor, child_case_number, today, meeting_id=meeting_id)
    if kind == "minutes":
        return build_minutes(store, actor, child_case_number, today, meeting_id=meeting_id)
    if child_case_number is None:
        raise DocumentError("Enter the child's case number (--child CASE_NO)")
    if kind == "plan":
        return build_plan(store, actor, child_case_number, today)
    if kind == "child-plan":
        return build_childs_copy(store, actor, child_case_number, today)
    if kind == "agreement":
        return build_agreement(store, actor, child_case_number, today)
    if kind == "visits":
        return build_visits(store, actor, child_case_number, today, date_from=date_from,
                            date_to=date_to, visit_id=visit_id)
    return build_review_report(store, actor, child_case_number, today, date_from=date_from,
                               date_to=date_to)


def export_document(
    store: Store, actor: Actor, kind: str, *, child_case_number: str | None = None,
    meeting_id: str | None = None, date_from: date | None = None, date_to: date | None = None,
    team: str | None = None, out: Path, today: date, visit_id: str | None = None,
) -> Path:
    """Build, render and write one document to `out`, and audit the export. Returns `out`.

    If the audit event cannot be written the file is removed: an export nobody can account
    for must not exist.
    """
    require(actor, Permission.EXPORT)
    doc = build_document(store, actor, kind, child_case_number=child_case_number,
                         meeting_id=meeting_id, date_from=date_from, date_to=date_to,
                         team=team, today=today, visit_id=visit_id)
    out = Path(out)
    renderer(kind)(doc, out)
    try:
        _audit(store, actor, kind, [(out, doc)])
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return out


def _meetings_on(session: Session, day: date) -> list[str]:
    """Ids of the non-voided meetings of open plans that take place on `day`."""
    rows = session.execute(
        select(CoreGroupMeeting.id, CoreGroupMeeting.held_on, CoreGroupMeeting.scheduled_for,
               CoreGroupMeeting.due_date)
        .join(Plan, Plan.id == CoreGroupMeeting.plan_id)
        .where(CoreGroupMeeting.status != RecordStatus.VOIDED,
               (CoreGroupMeeting.held_on == day) | CoreGroupMeeting.held_on.is_(None))
    ).all()
    found = []
    for mid, held_on, scheduled_for, due in rows:
        when = held_on or (scheduled_for.date() if scheduled_for else due)
        if when == day:
            found.append(mid)
    return found


def build_pro_formas_for_date(store: Store, actor: Actor, day: date,
                              today: date) -> list[ProFormaDocument]:
    """The pro forma of every core group meeting on `day`, from one set of reads."""
    with store.session() as session:
        meeting_ids = _meetings_on(session, day)
        if not meeting_ids:
            return []
        profile = profile_in(session)
        plans = list(session.scalars(
            select(Plan).join(CoreGroupMeeting, CoreGroupMeeting.plan_id == Plan.id)
            .where(CoreGroupMeeting.id.in_(meeting_ids)).distinct()
            .options(selectinload(Plan.child).selectinload(Child.family), *_plan_options())))
        # attendance and progress of the meetings printed, not of every meeting those plans
        # have had
        session.scalars(select(CoreGroupMeeting).where(CoreGroupMeeting.id.in_(meeting_ids))
                        .options(selectinload(CoreGroupMeeting.attendance),
                                 selectinload(CoreGroupMeeting.progress))).all()
        names = _names(session, [i for p in plans for i in _plan_staff_ids(p)])
        docs = []
        for plan in plans:
            case = _Case(plan.child, plan, names, profile)
            for m in plan.meetings:
                if m.id in meeting_ids:
                    docs.append(_pro_forma(case, m, actor, today))
    docs.sort(key=lambda doc: (doc.meeting.scheduled_for is None,
                               doc.meeting.scheduled_for or doc.meeting.due_date,
                               doc.header.case_number or ""))
    return docs


def export_pro_formas_for_date(store: Store, actor: Actor, day: date, out_dir: Path,
                               today: date) -> list[Path]:
    """One pro forma PDF per core group meeting on `day`, written to `out_dir` as
    pro-forma-<YYYY-MM-DD>-<case number>.pdf; each export audited. Returns the files."""
    require(actor, Permission.EXPORT)
    docs = build_pro_formas_for_date(store, actor, day, today)
    if not docs:
        raise DocumentError(f"No core group meetings are arranged for {day.isoformat()}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, Any]] = []
    used: set[str] = set()
    try:
        for doc in docs:
            stem = f"pro-forma-{day.isoformat()}-{_safe(doc.header.case_number or 'case')}"
            name, n = stem, 1
            while name in used:
                n += 1
                name = f"{stem}-{n}"
            used.add(name)
            path = out_dir / f"{name}.pdf"
            reports.render_pro_forma(doc, path)
            written.append((path, doc))
        _audit(store, actor, "pro-forma", written)
    except BaseException:
        for path, _doc in written:
            path.unlink(missing_ok=True)
        raise
    return [p for p, _doc in written]


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)


def actor_for_username(store: Store, username: str | None, fallback_name: str) -> Actor:
    """The staff account with `username` as an Actor; else an unlisted person named
    `fallback_name` (the OS user), so every printout still says who printed it."""
    if username:
        with store.session() as session:
            staff = session.scalar(select(Staff).where(Staff.username == username))
        if staff is not None:
            return Actor(staff_id=staff.id, name=staff.name, role=staff.role,
                         team_id=staff.team_id)
        fallback_name = username
    return Actor(staff_id=None, name=fallback_name, role=Role.SOCIAL_WORKER)
