"""Recording statutory home visits (002 s4; 003): one function per user action.

Each action is one unit of work that checks again, writes, audits and returns what it touched
(`Changes`). The form and the CLI never see ORM objects: they get the frozen records of
cpdesk/domain/visit.py and hand back a `VisitDraft`.

Design notes:
- A visit to a household holds the shared facts (date, who was present, the home) once on
  `Visit`, and each child's own facts on a `VisitChild` in a fixed order: `draft.children[i]`
  is the i-th child the visit was started for. The children's names, dates of birth and plan
  start dates in a draft are always re-read from the store, so the form cannot make a child
  older or younger than they are (baby seen awake).
- Text is stored exactly as typed, whitespace and all (a record may be read aloud in court);
  the only change is that NUL characters are dropped, which PostgreSQL cannot store.
- Every save bumps the visit's revision (SQLAlchemy `version_id_col`), even when only a child's
  answers changed, so a second window or a colleague on the team database gets `StaleRecord`
  naming who saved last instead of silently overwriting.
- A final record is never edited: corrections are dated addenda (models/countersign.py).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import (
    CountersignDecision,
    CountersignSubject,
    PlanStatus,
    RecordStatus,
    VisitType,
)
from cpdesk.domain.errors import CpdeskError, NotAllowed, StaleRecord, ValidationFailed
from cpdesk.domain.permissions import Permission, require
from cpdesk.domain.profiles import Profile
from cpdesk.domain.visit import (
    AddendumRecord,
    DraftEntry,
    PresentChoice,
    VisitChildInfo,
    VisitForm,
    VisitRow,
    WarningsNotAcknowledged,
    names_in_words,
)
from cpdesk.domain.visit_validation import (
    FieldIssue,
    ObservationDraft,
    VisitChildDraft,
    VisitDraft,
    validate_visit,
)
from cpdesk.models import (
    Addendum,
    Child,
    Concern,
    CoreGroupMember,
    Countersignature,
    FamilyMember,
    Observation,
    Plan,
    Staff,
    Visit,
    VisitChild,
)
from cpdesk.models.db import Store
from cpdesk.services.audit import record_event
from cpdesk.services.changes import Changes
from cpdesk.services.profile import profile_in

FINALISED_MESSAGE = "Visit finalised. It is now waiting for your manager to countersign."


class VisitNotFound(CpdeskError):
    """The visit asked for is not in this database."""


# ---------------------------------------------------------------------------------------------
# Reading


def _text(value: str | None) -> str:
    return value or ""


def _stored(value: str) -> str:
    return value.replace("\x00", "")


def _open_plan(plans: list[Plan], today: date | None) -> Plan | None:
    open_plans = [
        p for p in plans
        if p.status is PlanStatus.ACTIVE and (today is None or p.end_date is None
                                              or p.end_date > today)
    ]
    return max(open_plans, key=lambda p: p.start_date) if open_plans else None


def _first_name(child: Child) -> str:
    return (child.known_as or "").strip() or child.given_names


@dataclasses.dataclass(frozen=True)
class _PlanFacts:
    """What a visit needs of a child's plan: its id, its start, and its concerns in order."""

    id: str
    start_date: date
    concerns: tuple[tuple[str, str], ...]  # (concern id, description)

    @classmethod
    def of(cls, plan: Plan) -> _PlanFacts:
        return cls(plan.id, plan.start_date, tuple((c.id, c.description) for c in plan.concerns))


def _child_info(child: Child, plan: _PlanFacts | None) -> VisitChildInfo:
    return VisitChildInfo(
        child_id=child.id, name=child.full_name, first_name=_first_name(child),
        date_of_birth=child.date_of_birth, plan_id=plan.id if plan else None,
        plan_start=plan.start_date if plan else None,
        concerns=tuple(text for _, text in plan.concerns) if plan else (),
    )


def _staff_name(session: Session, staff_id: str | None) -> str:
    if staff_id is None:
        return "cpdesk"
    return session.scalar(select(Staff.name).where(Staff.id == staff_id)) or "a former colleague"


def _get_visit(session: Session, visit_id: str, *, lock: bool = False) -> Visit:
    # One query, joined: a visit has a few children and each a few observations (issue 10).
    query = select(Visit).where(Visit.id == visit_id).options(
        joinedload(Visit.children).joinedload(VisitChild.observations),
        joinedload(Visit.children).joinedload(VisitChild.child),
    )
    if lock and session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(of=Visit)
    visit = session.scalars(query).unique().one_or_none()
    if visit is None:
        raise VisitNotFound("This visit is no longer in the database")
    return visit


def _plans_for(session: Session, visit: Visit) -> dict[str, _PlanFacts]:
    """The children's plans, by id: one query of the few columns a visit needs (issue 10)."""
    plan_ids = [vc.plan_id for vc in visit.children if vc.plan_id]
    if not plan_ids:
        return {}
    starts: dict[str, date] = {}
    concerns: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for plan_id, start, concern_id, text in session.execute(
        select(Plan.id, Plan.start_date, Concern.id, Concern.description)
        .outerjoin(Concern, Concern.plan_id == Plan.id)
        .where(Plan.id.in_(plan_ids)).order_by(Concern.position)
    ):
        starts[plan_id] = start
        if concern_id is not None:
            concerns[plan_id].append((concern_id, text))
    return {plan_id: _PlanFacts(plan_id, start, tuple(concerns[plan_id]))
            for plan_id, start in starts.items()}


def _observations(vc: VisitChild, info: VisitChildInfo, final: bool) -> tuple[ObservationDraft,
                                                                              ...]:
    stored = [
        ObservationDraft(concern=_text(o.concern), observation=_text(o.observation),
                         risk_trend=o.risk_trend)
        for o in vc.observations
    ]
    if final:
        return tuple(stored)
    # A draft offers one box for every concern of the plan, including any added since it began.
    have = {o.concern for o in stored}
    return tuple(stored + [ObservationDraft(concern=c) for c in info.concerns if c not in have])


def _draft_of(visit: Visit, infos: list[VisitChildInfo]) -> VisitDraft:
    final = visit.status is not RecordStatus.DRAFT
    return VisitDraft(
        visit_date=visit.visit_date, start_time=visit.start_time, visit_type=visit.visit_type,
        present=_text(visit.present), sleeping_arrangements=_text(visit.sleeping_arrangements),
        meals=_text(visit.meals), delegated=bool(visit.delegated),
        delegated_to=_text(visit.delegated_to),
        delegation_agreed_by=_text(visit.delegation_agreed_by),
        next_planned_visit=visit.next_planned_visit,
        children=tuple(
            VisitChildDraft(
                child_name=info.first_name, date_of_birth=info.date_of_birth,
                plan_start=info.plan_start, child_seen=vc.child_seen,
                not_seen_reason=_text(vc.not_seen_reason), seen_alone=vc.seen_alone,
                not_seen_alone_reason=_text(vc.not_seen_alone_reason),
                seen_awake=vc.seen_awake, bedroom_seen=vc.bedroom_seen,
                presentation_and_behaviour=_text(vc.presentation_and_behaviour),
                wishes_and_feelings=_text(vc.wishes_and_feelings),
                new_incidents=vc.new_incidents, incident_details=_text(vc.incident_details),
                injury_location=_text(vc.injury_location),
                observations=_observations(vc, info, final),
            )
            for vc, info in zip(visit.children, infos, strict=True)
        ),
    )


def _infos(visit: Visit, plans: dict[str, _PlanFacts]) -> list[VisitChildInfo]:
    return [_child_info(vc.child, plans.get(vc.plan_id) if vc.plan_id else None)
            for vc in visit.children]


def _is_countersigned(session: Session, visit_id: str) -> bool:
    return session.scalar(
        select(Countersignature.id).where(
            Countersignature.subject_kind == CountersignSubject.VISIT,
            Countersignature.subject_id == visit_id,
            Countersignature.decision == CountersignDecision.COUNTERSIGNED,
        ).limit(1)
    ) is not None


def _siblings(session: Session, child_ids: list[str], today: date | None) -> list[VisitChildInfo]:
    """Brothers and sisters on open plans in the same household(s), not already included."""
    households = set(session.scalars(
        select(Child.household_id).where(Child.id.in_(child_ids), Child.household_id.is_not(None))
    ))
    if not households:
        return []
    others = session.scalars(
        select(Child).where(Child.household_id.in_(households), Child.id.not_in(child_ids))
        .options(selectinload(Child.plans).selectinload(Plan.concerns))
        .order_by(Child.date_of_birth, Child.given_names)
    ).all()
    out = []
    for child in others:
        plan = _open_plan(list(child.plans), today)
        if plan is not None:
            out.append(_child_info(child, _PlanFacts.of(plan)))
    return out


def _form(session: Session, visit: Visit) -> VisitForm:
    infos = _infos(visit, _plans_for(session, visit))
    names = {
        staff_id: name for staff_id, name in session.execute(select(Staff.id, Staff.name))
    }
    addenda = session.scalars(
        select(Addendum).where(Addendum.subject_kind == CountersignSubject.VISIT,
                               Addendum.subject_id == visit.id)
        .order_by(Addendum.written_at)
    ).all()
    return VisitForm(
        visit_id=visit.id, revision=visit.revision, status=visit.status,
        author_id=visit.author_id,
        author=names.get(visit.author_id, "a former colleague") if visit.author_id else "cpdesk",
        updated_at=visit.updated_at, finalised_at=visit.finalised_at,
        countersigned=_is_countersigned(session, visit.id),
        draft=_draft_of(visit, infos), children=tuple(infos),
        addenda=tuple(
            AddendumRecord(addendum_id=a.id, written_at=a.written_at,
                           author=names.get(a.author_id, "cpdesk") if a.author_id else "cpdesk",
                           text=a.text)
            for a in addenda
        ),
        profile=profile_in(session),
        void_reason=_text(visit.void_reason),
        siblings_not_included=tuple(
            _siblings(session, [vc.child_id for vc in visit.children], visit.visit_date)
        ) if visit.status is RecordStatus.DRAFT else (),
    )


def load_visit(store: Store, visit_id: str) -> VisitForm:
    """The visit as stored: its draft, status, revision, author and addenda."""
    with store.session() as session:
        return _form(session, _get_visit(session, visit_id))


def list_visits(store: Store, child_id: str) -> list[VisitRow]:
    """Every visit that recorded this child (drafts and voided ones too), newest first."""
    with store.session() as session:
        rows = session.execute(
            select(VisitChild, Visit).join(Visit, Visit.id == VisitChild.visit_id)
            .where(VisitChild.child_id == child_id)
        ).all()
        visit_ids = [v.id for _, v in rows]
        signed = set(session.scalars(
            select(Countersignature.subject_id).where(
                Countersignature.subject_kind == CountersignSubject.VISIT,
                Countersignature.subject_id.in_(visit_ids),
                Countersignature.decision == CountersignDecision.COUNTERSIGNED,
            )
        )) if visit_ids else set()
        others: dict[str, list[str]] = defaultdict(list)
        if visit_ids:
            for visit_id, given, known in session.execute(
                select(VisitChild.visit_id, Child.given_names, Child.known_as)
                .join(Child, Child.id == VisitChild.child_id)
                .where(VisitChild.visit_id.in_(visit_ids), VisitChild.child_id != child_id)
                .order_by(VisitChild.position)
            ):
                others[visit_id].append((known or "").strip() or given)
        names = {
            staff_id: name for staff_id, name in session.execute(select(Staff.id, Staff.name))
        }
        out = [
            VisitRow(
                visit_id=v.id, visit_date=v.visit_date, child_seen=vc.child_seen,
                seen_alone=vc.seen_alone, seen_awake=vc.seen_awake,
                bedroom_seen=vc.bedroom_seen, status=v.status, countersigned=v.id in signed,
                author=names.get(v.author_id, "") if v.author_id else "",
                other_children=tuple(others.get(v.id, ())),
                not_seen_reason=_text(vc.not_seen_reason),
                not_seen_alone_reason=_text(vc.not_seen_alone_reason),
                new_incidents=vc.new_incidents, incident_details=_text(vc.incident_details),
                void_reason=_text(v.void_reason),
            )
            for vc, v in rows
        ]
    out.sort(key=lambda r: (r.visit_date or date.max, r.visit_id), reverse=True)
    return out


def drafts_for(store: Store, actor: Actor) -> list[DraftEntry]:
    """The actor's visit drafts not yet finalised, oldest visit first (offered back on start)."""
    with store.session() as session:
        visits = session.scalars(
            select(Visit).where(Visit.status == RecordStatus.DRAFT,
                                Visit.author_id == actor.staff_id)
            .options(selectinload(Visit.children).selectinload(VisitChild.child))
        ).all()
        out = [
            DraftEntry(
                visit_id=v.id, visit_date=v.visit_date,
                child_names=names_in_words([_first_name(vc.child) for vc in v.children]),
                child_ids=tuple(vc.child_id for vc in v.children), updated_at=v.updated_at,
            )
            for v in visits
        ]
    out.sort(key=lambda d: (d.visit_date or date.max, d.visit_id))
    return out


def household_siblings(store: Store, child_ids: list[str], today: date) -> list[VisitChildInfo]:
    """Brothers and sisters on open plans living with these children (offered for one visit)."""
    with store.session() as session:
        return _siblings(session, list(child_ids), today)


def present_choices(store: Store, child_ids: list[str]) -> list[PresentChoice]:
    """Who may have been present: the children's family and carers, then their core groups."""
    with store.session() as session:
        choices: dict[str, PresentChoice] = {}
        for member in session.scalars(
            select(FamilyMember).where(FamilyMember.child_id.in_(child_ids))
            .order_by(FamilyMember.is_carer.desc(), FamilyMember.position)
        ):
            description = member.relationship_to_child.strip()
            if member.is_carer and "carer" not in description.lower():
                description = f"{description}, carer" if description else "Carer"
            choices.setdefault(member.name.strip().lower(),
                               PresentChoice(member.name.strip(), description))
        plans = session.scalars(
            select(Plan).where(Plan.child_id.in_(child_ids), Plan.status == PlanStatus.ACTIVE)
        ).all()
        plan_ids = [p.id for p in plans]
        if plan_ids:
            for member in session.scalars(
                select(CoreGroupMember).where(CoreGroupMember.plan_id.in_(plan_ids),
                                              CoreGroupMember.left_on.is_(None))
                .order_by(CoreGroupMember.position)
            ):
                parts = [p for p in (member.job_title, member.agency) if p and p.strip()]
                choices.setdefault(member.name.strip().lower(),
                                   PresentChoice(member.name.strip(), ", ".join(parts)))
        return list(choices.values())


# ---------------------------------------------------------------------------------------------
# Writing


# A child's name, date of birth and plan start come from the store, not the form (module notes).
_NOT_TYPED = frozenset({"child_name", "date_of_birth", "plan_start"})


def _draft_json(record: Any) -> dict[str, Any]:
    """A draft as the audit trail records it: its fields as they are, its children and their
    observations (tuples of records) as lists of the same; without the store's facts. The
    fields hold plain values, so nothing is copied (dataclasses.asdict deep-copies each one)."""
    data: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        if field.name not in _NOT_TYPED:
            value = getattr(record, field.name)
            data[field.name] = ([_draft_json(item) for item in value]
                                if isinstance(value, tuple) else value)
    return data


def _check_editable(session: Session, actor: Actor, visit: Visit) -> None:
    if visit.status is not RecordStatus.DRAFT:
        raise NotAllowed("This visit record is final and cannot be changed. Add an addendum to "
                         "correct it or add to it.")
    if visit.author_id is not None and actor.staff_id != visit.author_id:
        raise NotAllowed(f"Only {_staff_name(session, visit.author_id)}, who started this "
                         "record, can change it")


def _check_revision(session: Session, visit: Visit, expected_revision: int | None) -> None:
    if expected_revision is not None and visit.revision != expected_revision:
        raise StaleRecord(_staff_name(session, visit.updated_by), visit.updated_at)


def _write(visit: Visit, draft: VisitDraft, actor: Actor, concern_ids: dict[str, dict[str, str]]
           ) -> None:
    if len(draft.children) != len(visit.children):
        raise ValidationFailed([FieldIssue(
            "children", f"The visit is for {len(visit.children)} child(ren); the record has "
                        f"{len(draft.children)}. Reopen the visit and try again")])
    visit.visit_date = draft.visit_date
    visit.start_time = draft.start_time
    visit.visit_type = draft.visit_type
    visit.present = _stored(draft.present)
    visit.sleeping_arrangements = _stored(draft.sleeping_arrangements)
    visit.meals = _stored(draft.meals)
    visit.delegated = bool(draft.delegated)
    visit.delegated_to = _stored(draft.delegated_to)
    visit.delegation_agreed_by = _stored(draft.delegation_agreed_by)
    visit.next_planned_visit = draft.next_planned_visit
    for vc, child in zip(visit.children, draft.children, strict=True):
        vc.child_seen = child.child_seen
        vc.not_seen_reason = _stored(child.not_seen_reason)
        vc.seen_alone = child.seen_alone
        vc.not_seen_alone_reason = _stored(child.not_seen_alone_reason)
        vc.seen_awake = child.seen_awake
        vc.bedroom_seen = child.bedroom_seen
        vc.presentation_and_behaviour = _stored(child.presentation_and_behaviour)
        vc.wishes_and_feelings = _stored(child.wishes_and_feelings)
        vc.new_incidents = child.new_incidents
        vc.incident_details = _stored(child.incident_details)
        vc.injury_location = _stored(child.injury_location)
        rows = [o for o in child.observations
                if o.concern.strip() or o.observation or o.risk_trend is not None]
        ids = concern_ids.get(vc.plan_id or "", {})
        for i, obs in enumerate(rows):
            if i < len(vc.observations):
                row = vc.observations[i]
            else:
                row = Observation(position=i)
                vc.observations.append(row)
            row.concern = _stored(obs.concern)
            row.concern_id = ids.get(obs.concern)
            row.observation = _stored(obs.observation)
            row.risk_trend = obs.risk_trend
            row.updated_by = actor.staff_id
        del vc.observations[len(rows):]
        vc.updated_by = actor.staff_id
    # Always touch the visit row, so its revision moves even when only a child's answers did.
    visit.updated_by = actor.staff_id
    visit.updated_at = datetime.now(UTC)


def _concern_ids(plans: dict[str, _PlanFacts]) -> dict[str, dict[str, str]]:
    """Each plan's concern ids by their text (the first in order, should two read the same)."""
    return {plan_id: {text: concern_id for concern_id, text in reversed(plan.concerns)}
            for plan_id, plan in plans.items()}


def _changes(visit: Visit, message: str = "") -> Changes:
    return Changes(kinds=frozenset({"visit"}), ids=frozenset({visit.id}),
                   child_ids=frozenset(vc.child_id for vc in visit.children), message=message)


def _flush(session: Session, visit: Visit) -> None:
    """Flush, turning a lost race on the revision into StaleRecord naming the other writer."""
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        latest = session.get(Visit, visit.id, populate_existing=True)
        who = _staff_name(session, latest.updated_by) if latest else "Someone"
        raise StaleRecord(who, latest.updated_at if latest else None) from None


def start_visit(
    store: Store, actor: Actor, child_ids: list[str], today: date, *,
    start_time: time | None = None, visit_type: VisitType | None = None,
) -> VisitForm:
    """Begin a draft visit record for one child, or for brothers and sisters seen together.

    The date defaults to `today` and the time to `start_time` (the form passes "now"); both stay
    editable. Each child is linked to their open plan, whose concerns give the observation boxes.
    """
    require(actor, Permission.RECORD)
    ids = list(dict.fromkeys(child_ids))
    if not ids:
        raise ValidationFailed([FieldIssue("children",
                                           "Add the child or children the visit was for")])
    with store.session() as session:
        children = session.scalars(
            select(Child).where(Child.id.in_(ids)).options(selectinload(Child.plans))
        ).all()
        by_id = {c.id: c for c in children}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise CpdeskError("A child chosen for this visit is no longer in the database")
        households = {by_id[i].household_id for i in ids}
        visit = Visit(
            visit_date=today, start_time=start_time, visit_type=visit_type,
            household_id=households.pop() if len(households) == 1 else None,
            author_id=actor.staff_id, status=RecordStatus.DRAFT, delegated=False,
            updated_by=actor.staff_id,
        )
        for position, child_id in enumerate(ids):
            plan = _open_plan(list(by_id[child_id].plans), today)
            visit.children.append(VisitChild(
                child_id=child_id, plan_id=plan.id if plan else None, position=position,
                updated_by=actor.staff_id,
            ))
        session.add(visit)
        session.flush()
        record_event(session, actor, "start_visit", "visit", visit.id, None,
                     {"children": ids, "visit_date": today})
        visit = _get_visit(session, visit.id)
        return _form(session, visit)


def save_draft(
    store: Store, actor: Actor, visit_id: str, draft: VisitDraft, expected_revision: int | None,
) -> tuple[int, Changes]:
    """Save the typing so far (the form calls this about a second after each change).

    Never validates beyond the record's shape: a draft may be half-written. Returns the new
    revision, which the next save must quote.
    """
    require(actor, Permission.RECORD)
    with store.session() as session:
        visit = _get_visit(session, visit_id, lock=True)
        _check_editable(session, actor, visit)
        _check_revision(session, visit, expected_revision)
        plans = _plans_for(session, visit)
        before = _draft_json(_draft_of(visit, _infos(visit, plans)))
        _write(visit, draft, actor, _concern_ids(plans))
        _flush(session, visit)
        record_event(session, actor, "save_visit_draft", "visit", visit.id, before,
                     _draft_json(draft))
        return visit.revision, _changes(visit)


def _with_store_facts(draft: VisitDraft, infos: list[VisitChildInfo]) -> VisitDraft:
    """The draft with each child's name, birth date and plan start as the store has them."""
    if len(draft.children) != len(infos):
        return draft
    return dataclasses.replace(draft, children=tuple(
        dataclasses.replace(child, child_name=info.first_name, date_of_birth=info.date_of_birth,
                            plan_start=info.plan_start)
        for child, info in zip(draft.children, infos, strict=True)
    ))


def _unseen_message(names: list[str], profile: Profile) -> str:
    who = names_in_words(names)
    verb = "was" if len(names) == 1 else "were"
    return (f"Visit finalised. {who} {verb} not seen: this is a serious breach of the "
            f"{profile.plan_name}. As {profile.worker_title}, discuss it with your manager "
            "today. The visit is now waiting for your manager to countersign.")


def finalise_visit(
    store: Store, actor: Actor, visit_id: str, draft: VisitDraft, today: date,
    acknowledged_warnings: bool, *, expected_revision: int | None = None,
) -> Changes:
    """Save and finalise the record in one step, if the practice rules allow it.

    Errors -> ValidationFailed (nothing saved); warnings not acknowledged ->
    WarningsNotAcknowledged. A child not seen raises the child-unseen alert at once (the alert
    rules read final visits) and the message tells the worker to discuss it with their manager.
    """
    require(actor, Permission.RECORD)
    with store.session() as session:
        visit = _get_visit(session, visit_id, lock=True)
        _check_editable(session, actor, visit)
        _check_revision(session, visit, expected_revision)
        profile = profile_in(session)
        plans = _plans_for(session, visit)
        infos = _infos(visit, plans)
        checked = _with_store_facts(draft, infos)
        result = validate_visit(checked, today, profile)
        if result.errors:
            raise ValidationFailed(result.errors)
        if result.warnings and not acknowledged_warnings:
            raise WarningsNotAcknowledged(result.warnings)
        before = _draft_json(_draft_of(visit, infos))
        _write(visit, draft, actor, _concern_ids(plans))
        visit.status = RecordStatus.FINAL
        visit.finalised_at = datetime.now(UTC)
        _flush(session, visit)
        record_event(session, actor, "finalise_visit", "visit", visit.id, before, {
            **_draft_json(draft), "status": RecordStatus.FINAL,
            "acknowledged_warnings": [w.message for w in result.warnings],
        })
        unseen = [info.first_name for info, child in zip(infos, draft.children, strict=True)
                  if child.child_seen is False]
        message = _unseen_message(unseen, profile) if unseen else FINALISED_MESSAGE
        changes = _changes(visit, message)
    return Changes(kinds=changes.kinds | {"alert", "caseload"}, ids=changes.ids,
                   child_ids=changes.child_ids, message=changes.message)


__all__ = [
    "FINALISED_MESSAGE", "VisitNotFound", "drafts_for", "finalise_visit",
    "household_siblings", "list_visits", "load_visit", "present_choices", "save_draft",
    "start_visit",
]
