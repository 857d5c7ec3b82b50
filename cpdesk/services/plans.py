"""The plan editor's services: read the plan, save it, save numbered versions, compare versions,
record disagreements (002 sections 1, 3, 6.5, 6.6; 004 5.105).

Each write is one unit of work that checks the plan's revision (a save against an older revision
raises StaleRecord naming who saved the newer one and when), enforces the conference-outcome lock
(`check_core_group_edit`), writes, audits with the before and after snapshots, and returns
`Changes`. Reads return frozen records from cpdesk.domain.plan, never ORM objects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from cpdesk.domain.actor import Actor
from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import ConferenceKind, RecordStatus
from cpdesk.domain.errors import CpdeskError, NotAllowed, StaleRecord, ValidationFailed
from cpdesk.domain.permissions import Permission, require
from cpdesk.domain.plan import (
    SIGNS_OF_SAFETY_SECTIONS,
    TEXT_SECTIONS,
    ActionItem,
    ConcernItem,
    DangerItem,
    MemberItem,
    OutcomeItem,
    PlanRecord,
    SafetyScore,
    SectionDiff,
    VersionReason,
    check_core_group_edit,
    compare_versions,
    snapshot,
)
from cpdesk.domain.visit_validation import FieldIssue
from cpdesk.models import (
    Action,
    Child,
    Concern,
    CoreGroupMember,
    DangerStatement,
    Disagreement,
    MeetingProgress,
    Outcome,
    Plan,
    PlanVersion,
    Staff,
)
from cpdesk.models.db import Store
from cpdesk.services.audit import record_event
from cpdesk.services.changes import Changes


class PlanNotFound(CpdeskError):
    """The plan asked for is not in this database."""


@dataclass(frozen=True)
class DisagreementRecord:
    disagreement_id: str
    version_id: str | None
    version_number: int | None
    who: str
    about: str
    recorded_on: date


@dataclass(frozen=True)
class VersionSummary:
    version_id: str
    number: int
    made_on: date
    made_by: str | None
    reason: str
    status: RecordStatus
    disagreements: tuple[DisagreementRecord, ...] = ()


@dataclass(frozen=True)
class VersionRecord:
    summary: VersionSummary
    snapshot: dict[str, Any]


# ---------------------------------------------------------------------------------- reading


def _s(value: str | None) -> str:
    return value or ""


def _get_plan(session: Session, plan_id: str) -> Plan:
    plan = session.scalar(
        select(Plan).where(Plan.id == plan_id).options(
            selectinload(Plan.concerns),
            selectinload(Plan.outcomes).selectinload(Outcome.actions),
            selectinload(Plan.members),
            selectinload(Plan.danger_statements),
            selectinload(Plan.conferences),
        )
    )
    if plan is None:
        raise PlanNotFound("This plan is no longer in the database")
    return plan


def _record(session: Session, plan: Plan) -> PlanRecord:
    child = session.get(Child, plan.child_id)
    assert child is not None
    return PlanRecord(
        plan_id=plan.id, child_id=plan.child_id, revision=plan.revision,
        child_name=child.full_name, child_date_of_birth=child.date_of_birth,
        child_expected_date_of_birth=child.expected_date_of_birth,
        child_preferred_language=_s(child.preferred_language),
        concerns=tuple(ConcernItem(c.id, c.description) for c in plan.concerns),
        outcomes=tuple(
            OutcomeItem(
                id=o.id, description=o.description, origin=o.origin,
                progress_measure=_s(o.progress_measure),
                actions=tuple(
                    ActionItem(id=a.id, what=a.what, why=_s(a.why), who=_s(a.who),
                               member_id=a.member_id, by_when=a.by_when, status=a.status)
                    for a in o.actions
                ),
            )
            for o in plan.outcomes
        ),
        members=tuple(
            MemberItem(member_id=m.id, name=m.name, kind=m.kind, job_title=_s(m.job_title),
                       agency=_s(m.agency), role_in_plan=_s(m.role_in_plan),
                       contact_frequency=_s(m.contact_frequency))
            for m in plan.members if m.left_on is None
        ),
        danger_statements=tuple(
            DangerItem(d.id, d.danger_statement, _s(d.safety_goal))
            for d in plan.danger_statements
        ),
        safety_scores=tuple(
            SafetyScore(c.id, c.held_on, c.kind is ConferenceKind.REVIEW, c.safety_scale)
            for c in plan.conferences
        ),
        **{key: _s(getattr(plan, key)) for key, _ in TEXT_SECTIONS + SIGNS_OF_SAFETY_SECTIONS},
        childs_copy=_s(plan.childs_copy),
        family_copy_language=_s(plan.family_copy_language),
    )


def load_plan(store: Store, plan_id: str) -> PlanRecord:
    """The plan as the editor edits it, with the revision a save must match."""
    with store.session() as session:
        return _record(session, _get_plan(session, plan_id))


# ---------------------------------------------------------------------------------- saving


def _stale(session: Session, plan: Plan) -> StaleRecord:
    staff = session.get(Staff, plan.updated_by) if plan.updated_by else None
    return StaleRecord(staff.name if staff else "Someone else", plan.updated_at)


def _stale_after_race(store: Store, plan_id: str) -> StaleRecord:
    with store.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return StaleRecord("Someone else", None)
        return _stale(session, plan)


def _blank(text: str) -> str | None:
    return text if text.strip() else None


def _validate(edited: PlanRecord) -> None:
    """Items the editor made must say something; and a score is 0 to 10 (the safety scale)."""
    issues: list[FieldIssue] = []
    for i, outcome in enumerate(edited.outcomes, start=1):
        if not outcome.description.strip():
            issues.append(FieldIssue(f"outcomes.{i}.description",
                                     f"Enter what outcome {i} is for the child"))
        for j, action in enumerate(outcome.actions, start=1):
            if not action.what.strip():
                issues.append(FieldIssue(f"outcomes.{i}.actions.{j}.what",
                                         f"Enter what will be done in action {j} of outcome {i}"))
    for i, danger in enumerate(edited.danger_statements, start=1):
        if not danger.danger_statement.strip():
            issues.append(FieldIssue(f"danger_statements.{i}",
                                     f"Enter danger statement {i}, or delete it"))
    for score in edited.safety_scores:
        if score.score is not None and not 0 <= score.score <= 10:
            issues.append(FieldIssue("safety_scores",
                                     "Safety scale must be a whole number from 0 to 10"))
    if issues:
        raise ValidationFailed(issues)


def _apply(session: Session, actor: Actor, plan: Plan, edited: PlanRecord) -> None:
    """Write the edited content onto the plan's rows: update, insert and delete by id."""
    who = actor.staff_id
    for key, _ in TEXT_SECTIONS + SIGNS_OF_SAFETY_SECTIONS:
        setattr(plan, key, _blank(getattr(edited, key)))
    plan.childs_copy = _blank(edited.childs_copy)
    plan.family_copy_language = _blank(edited.family_copy_language.strip())
    # The plan row is always written, so its revision moves on with every save of any part.
    plan.updated_at = datetime.now(UTC)
    plan.updated_by = who

    concerns = {c.id: c for c in plan.concerns}
    keep = {c.id for c in edited.concerns}
    for row in list(plan.concerns):
        if row.id not in keep:
            plan.concerns.remove(row)
    for position, item in enumerate(edited.concerns):
        row = concerns.get(item.id)
        if row is None:
            plan.concerns.append(Concern(id=item.id, plan_id=plan.id, position=position,
                                         description=item.description, updated_by=who))
        elif (row.description, row.position) != (item.description, position):
            row.description, row.position, row.updated_by = item.description, position, who

    outcomes = {o.id: o for o in plan.outcomes}
    keep = {o.id for o in edited.outcomes}
    kept_actions = {a.id for o in edited.outcomes for a in o.actions}
    gone_outcomes = [o for o in plan.outcomes if o.id not in keep]
    gone_actions = [a.id for o in plan.outcomes for a in o.actions if a.id not in kept_actions]
    if gone_outcomes or gone_actions:
        used = session.scalar(
            select(func.count()).select_from(MeetingProgress).where(
                MeetingProgress.outcome_id.in_([o.id for o in gone_outcomes])
                | MeetingProgress.action_id.in_(gone_actions)))
        if used:
            raise NotAllowed(
                "Progress has been recorded against this at a core group meeting, so it cannot "
                "be deleted. Set the action's status to Done or Not done instead."
            )
    for row in gone_outcomes:
        plan.outcomes.remove(row)
    members = {m.id for m in plan.members}
    for position, item in enumerate(edited.outcomes):
        row = outcomes.get(item.id)
        if row is None:
            row = Outcome(id=item.id, plan_id=plan.id, position=position,
                          description=item.description, origin=item.origin,
                          progress_measure=_blank(item.progress_measure), updated_by=who)
            plan.outcomes.append(row)
        elif (row.description, row.origin, _s(row.progress_measure), row.position) != (
                item.description, item.origin, item.progress_measure, position):
            row.description, row.origin, row.position = item.description, item.origin, position
            row.progress_measure = _blank(item.progress_measure)
            row.updated_by = who
        actions = {a.id: a for a in row.actions}
        action_keep = {a.id for a in item.actions}
        for action_row in list(row.actions):
            if action_row.id not in action_keep:
                row.actions.remove(action_row)
        for a_position, action in enumerate(item.actions):
            values = {
                "position": a_position, "what": action.what, "why": _blank(action.why),
                "who": _blank(action.who),
                "member_id": action.member_id if action.member_id in members else None,
                "by_when": action.by_when, "status": action.status,
            }
            action_row = actions.get(action.id)
            if action_row is None:
                row.actions.append(Action(id=action.id, updated_by=who, **values))
            elif any(getattr(action_row, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(action_row, k, v)
                action_row.updated_by = who

    by_member = {m.member_id: m for m in edited.members}
    for row in plan.members:
        item = by_member.get(row.id)
        if item is None:
            continue  # membership changes through the core group record, not here
        if (_s(row.role_in_plan), _s(row.contact_frequency)) != (
                item.role_in_plan, item.contact_frequency):
            row.role_in_plan = _blank(item.role_in_plan)
            row.contact_frequency = _blank(item.contact_frequency)
            row.updated_by = who
    for position, item in enumerate(edited.members):
        if item.member_id not in members:
            if not item.name.strip():
                raise ValidationFailed([FieldIssue("members", "Enter the core group member's name")])
            plan.members.append(CoreGroupMember(
                id=item.member_id, plan_id=plan.id, position=len(plan.members) + position,
                name=item.name.strip(), kind=item.kind, job_title=_blank(item.job_title),
                agency=_blank(item.agency), role_in_plan=_blank(item.role_in_plan),
                contact_frequency=_blank(item.contact_frequency), updated_by=who))

    dangers = {d.id: d for d in plan.danger_statements}
    keep = {d.id for d in edited.danger_statements}
    for row in list(plan.danger_statements):
        if row.id not in keep:
            plan.danger_statements.remove(row)
    for position, item in enumerate(edited.danger_statements):
        row = dangers.get(item.id)
        if row is None:
            plan.danger_statements.append(DangerStatement(
                id=item.id, plan_id=plan.id, position=position,
                danger_statement=item.danger_statement, safety_goal=_blank(item.safety_goal),
                updated_by=who))
        elif (row.danger_statement, _s(row.safety_goal), row.position) != (
                item.danger_statement, item.safety_goal, position):
            row.danger_statement, row.position = item.danger_statement, position
            row.safety_goal = _blank(item.safety_goal)
            row.updated_by = who

    scores = {s.conference_id: s.score for s in edited.safety_scores}
    for conference in plan.conferences:
        if conference.id in scores and conference.safety_scale != scores[conference.id]:
            conference.safety_scale = scores[conference.id]
            conference.updated_by = who


def _save_in(session: Session, actor: Actor, plan_id: str, edited: PlanRecord) -> PlanRecord:
    """Check and write `edited` inside the caller's session; returns the plan as stored before."""
    plan = _get_plan(session, plan_id)
    if plan.revision != edited.revision:
        raise _stale(session, plan)
    current = _record(session, plan)
    check_core_group_edit(current, edited)
    _validate(edited)
    _apply(session, actor, plan, edited)
    session.flush()
    return current


def save_plan(store: Store, actor: Actor, plan_id: str, edited: PlanRecord) -> Changes:
    """Save the edited plan in one transaction, or raise and write nothing.

    StaleRecord: someone saved the plan since `edited.revision` was read. NotAllowed: a conference
    outcome was changed or deleted (002 6.6). ValidationFailed: an item says nothing.
    """
    require(actor, Permission.RECORD)
    try:
        with store.session() as session:
            before = _save_in(session, actor, plan_id, edited)
            session.expire_all()
            after = _record(session, _get_plan(session, plan_id))
            record_event(session, actor, "save_plan", "plan", plan_id,
                         snapshot(before), snapshot(after))
            child_id = after.child_id
    except StaleDataError:
        raise _stale_after_race(store, plan_id) from None
    return Changes(kinds=frozenset({"plan"}), ids=frozenset({plan_id}),
                   child_ids=frozenset({child_id}), message="Plan saved.")


def save_plan_version(
    store: Store, actor: Actor, plan_id: str, reason: VersionReason | str, made_on: date,
    edited: PlanRecord | None = None, note: str = "",
) -> Changes:
    """Save a new numbered version of the plan, with its date, who made it and why.

    With `edited`, the plan's edits are saved first in the same transaction (one user action).
    The version keeps a snapshot of the whole plan, so every version stays readable.
    """
    require(actor, Permission.RECORD)
    try:
        reason_words = VersionReason(reason).value
    except ValueError:
        raise ValidationFailed([FieldIssue(
            "reason", "Select why this version is being saved: core group meeting, review "
                      "conference or change of circumstances")]) from None
    if reason_words == VersionReason.CHANGE_OF_CIRCUMSTANCES and not note.strip():
        raise ValidationFailed([FieldIssue("note", "Enter what has changed")])
    if note.strip():
        reason_words = f"{reason_words}: {note.strip()}"
    try:
        with store.session() as session:
            plan = _get_plan(session, plan_id)
            if made_on < plan.start_date:
                raise ValidationFailed([FieldIssue(
                    "made_on", f"Date of the version must be on or after the plan started, "
                               f"{format_date(plan.start_date)}")])
            before = None
            if edited is not None:
                before = snapshot(_save_in(session, actor, plan_id, edited))
                session.expire_all()
            else:
                plan.updated_at = datetime.now(UTC)  # moves the revision: the plan was versioned
                plan.updated_by = actor.staff_id
                session.flush()
            record = _record(session, _get_plan(session, plan_id))
            content = snapshot(record)
            number = (session.scalar(select(func.max(PlanVersion.number))
                                     .where(PlanVersion.plan_id == plan_id)) or 0) + 1
            version = PlanVersion(
                plan_id=plan_id, number=number, made_on=made_on, made_by_id=actor.staff_id,
                reason=reason_words, snapshot=json.dumps(content, ensure_ascii=False),
                status=RecordStatus.FINAL, finalised_at=datetime.now(UTC),
                updated_by=actor.staff_id,
            )
            session.add(version)
            session.flush()
            if before is not None:
                record_event(session, actor, "save_plan", "plan", plan_id, before, content)
            record_event(session, actor, "save_plan_version", "plan_version", version.id, None,
                         {"plan_id": plan_id, "number": number, "made_on": made_on.isoformat(),
                          "reason": reason_words})
            child_id = record.child_id
            version_id = version.id
    except (StaleDataError, IntegrityError):
        raise _stale_after_race(store, plan_id) from None
    return Changes(kinds=frozenset({"plan", "plan_version"}),
                   ids=frozenset({plan_id, version_id}), child_ids=frozenset({child_id}),
                   message=f"Version {number} of the plan saved ({reason_words}, "
                           f"{format_date(made_on)}). Send a copy to the conference chair.")


# ---------------------------------------------------------------------------------- versions


def _disagreements(session: Session, plan_id: str) -> dict[str | None, list[DisagreementRecord]]:
    numbers = dict(session.execute(select(PlanVersion.id, PlanVersion.number)
                                   .where(PlanVersion.plan_id == plan_id)).all())
    out: dict[str | None, list[DisagreementRecord]] = {}
    for d in session.scalars(select(Disagreement).where(Disagreement.plan_id == plan_id)
                             .order_by(Disagreement.recorded_on, Disagreement.created_at)):
        out.setdefault(d.version_id, []).append(DisagreementRecord(
            d.id, d.version_id, numbers.get(d.version_id) if d.version_id else None, d.who,
            d.about, d.recorded_on))
    return out


def _summary(v: PlanVersion, names: dict[str, str],
             disagreements: dict[str | None, list[DisagreementRecord]]) -> VersionSummary:
    return VersionSummary(
        version_id=v.id, number=v.number, made_on=v.made_on,
        made_by=names.get(v.made_by_id) if v.made_by_id else None, reason=v.reason,
        status=v.status, disagreements=tuple(disagreements.get(v.id, ())),
    )


def _names(session: Session) -> dict[str, str]:
    return {i: n for i, n in session.execute(select(Staff.id, Staff.name))}


def list_versions(store: Store, plan_id: str) -> tuple[VersionSummary, ...]:
    """Every saved version of the plan, newest first, with the disagreements recorded on it."""
    with store.session() as session:
        names = _names(session)
        disagreements = _disagreements(session, plan_id)
        versions = session.scalars(select(PlanVersion).where(PlanVersion.plan_id == plan_id)
                                   .order_by(PlanVersion.number.desc())).all()
        return tuple(_summary(v, names, disagreements) for v in versions)


def _parse(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def load_version(store: Store, plan_id: str, number: int) -> VersionRecord:
    with store.session() as session:
        version = session.scalar(select(PlanVersion).where(
            PlanVersion.plan_id == plan_id, PlanVersion.number == number))
        if version is None:
            raise PlanNotFound(f"Version {number} of this plan is not in the database")
        summary = _summary(version, _names(session), _disagreements(session, plan_id))
        return VersionRecord(summary, _parse(version.snapshot))


def compare(store: Store, plan_id: str, n1: int, n2: int) -> list[SectionDiff]:
    """What changed from version n1 to version n2, section by section."""
    return compare_versions(load_version(store, plan_id, n1).snapshot,
                            load_version(store, plan_id, n2).snapshot)


def record_disagreement(
    store: Store, actor: Actor, plan_id: str, version_id: str | None, who: str, about: str,
    on: date,
) -> Changes:
    """Record a disagreement with the plan, against a version, with who disagreed and why (6.5)."""
    require(actor, Permission.RECORD)
    issues = []
    if not who.strip():
        issues.append(FieldIssue("who", "Enter who disagrees with the plan"))
    if not about.strip():
        issues.append(FieldIssue("about", "Enter what they disagree with and why"))
    if issues:
        raise ValidationFailed(issues)
    with store.session() as session:
        plan = _get_plan(session, plan_id)
        number = None
        if version_id is not None:
            version = session.get(PlanVersion, version_id)
            if version is None or version.plan_id != plan_id:
                raise ValidationFailed([FieldIssue("version",
                                                   "Select a version of this plan")])
            number = version.number
        if on < plan.start_date:
            raise ValidationFailed([FieldIssue(
                "on", f"Date of the disagreement must be on or after the plan started, "
                      f"{format_date(plan.start_date)}")])
        row = Disagreement(plan_id=plan_id, version_id=version_id, recorded_on=on,
                           who=who.strip(), about=about.strip(), updated_by=actor.staff_id)
        session.add(row)
        session.flush()
        record_event(session, actor, "record_disagreement", "disagreement", row.id, None,
                     {"plan_id": plan_id, "version": number, "who": row.who, "about": row.about,
                      "recorded_on": on.isoformat()})
        child_id, row_id = plan.child_id, row.id
    against = f" against version {number}" if number else ""
    return Changes(kinds=frozenset({"plan", "disagreement"}), ids=frozenset({plan_id, row_id}),
                   child_ids=frozenset({child_id}),
                   message=f"Disagreement recorded{against}. Refer to it in the minutes of "
                           f"the core group meeting.")


__all__ = [
    "DisagreementRecord", "PlanNotFound", "VersionRecord", "VersionSummary", "compare",
    "list_versions", "load_plan", "load_version", "record_disagreement", "save_plan", "save_plan_version",
]
