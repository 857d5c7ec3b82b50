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
- A visit is read and saved in Core statements built once, saved in a unit of work on a bare
  connection (Store.transaction; issue 10: the ORM's load and flush were most of the time of
  finalising, and the session's own book-keeping a tenth of what remained). `_write` does what
  a flush of the same changes would: only changed rows written, each at its next revision and
  only if still at the one read, and each entry's copy of its visit's date and status kept
  equal.
- A final record is never edited: corrections are dated addenda (models/countersign.py).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import FromClause, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.orm import Session, selectinload

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
from cpdesk.models.tables import countersigned, full_name_of
from cpdesk.services.audit import append_event, record_event
from cpdesk.services.changes import Changes
from cpdesk.services.profile import profile_in, profile_on

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


def _first_name(child: Child | Row[Any]) -> str:
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


def _child_info(child_id: str, name: str, first_name: str, date_of_birth: date | None,
                plan: _PlanFacts | None) -> VisitChildInfo:
    return VisitChildInfo(
        child_id=child_id, name=name, first_name=first_name, date_of_birth=date_of_birth,
        plan_id=plan.id if plan else None, plan_start=plan.start_date if plan else None,
        concerns=tuple(text for _, text in plan.concerns) if plan else (),
    )


def _staff_name(connection: Connection, staff_id: str | None) -> str:
    if staff_id is None:
        return "cpdesk"
    staff = Staff.__table__
    return (connection.scalar(select(staff.c.name).where(staff.c.id == staff_id))
            or "a former colleague")


# A visit is read, and saved, in Core statements built once (SQLAlchemy caches each compiled):
# loading it as ORM objects, and flushing them, was most of the time of finalising (issue 10).
_VISITS = Visit.__table__
_ENTRIES = VisitChild.__table__
_OBSERVATIONS = Observation.__table__
_CHILDREN = Child.__table__
_PLANS = Plan.__table__
_CONCERNS = Concern.__table__

_VISIT_ROW = select(_VISITS).where(_VISITS.c.id == bindparam("visit_id"))
# PostgreSQL: the row stays locked until the save commits, so a second save waits, then sees
# the new revision (SQLite has one writer at a time anyway).
_VISIT_ROW_LOCKED = _VISIT_ROW.with_for_update()
# Each child's entry, in order, with the child's names and birth date and their plan's start
# and concerns: a row for each concern, in order (or one with none). One read where the
# concerns were a second (issue 10: finalising a visit).
_ENTRY_ROWS = (
    select(_ENTRIES, _CHILDREN.c.given_names, _CHILDREN.c.family_name, _CHILDREN.c.known_as,
           _CHILDREN.c.date_of_birth, _PLANS.c.start_date.label("plan_start"),
           _CONCERNS.c.id.label("concern_row_id"),
           _CONCERNS.c.description.label("concern_description"))
    .join(_CHILDREN, _CHILDREN.c.id == _ENTRIES.c.child_id)
    .outerjoin(_PLANS, _PLANS.c.id == _ENTRIES.c.plan_id)
    .outerjoin(_CONCERNS, _CONCERNS.c.plan_id == _PLANS.c.id)
    .where(_ENTRIES.c.visit_id == bindparam("visit_id"))
    .order_by(_ENTRIES.c.position, _ENTRIES.c.id, _CONCERNS.c.position)
)
_OBSERVATION_ROWS = (
    select(_OBSERVATIONS).join(_ENTRIES, _ENTRIES.c.id == _OBSERVATIONS.c.visit_child_id)
    .where(_ENTRIES.c.visit_id == bindparam("visit_id"))
    .order_by(_OBSERVATIONS.c.position)
)


@dataclasses.dataclass(frozen=True)
class _Entry:
    """One child's part of a stored visit: their visit_children row, who they are as the store
    has it, and the rows of their observations in order."""

    row: Row[Any]
    info: VisitChildInfo
    observations: tuple[Row[Any], ...]


@dataclasses.dataclass(frozen=True)
class _StoredVisit:
    """A visit as stored: the visits row, its children's entries in order, and their plans."""

    row: Row[Any]
    entries: tuple[_Entry, ...]
    plans: dict[str, _PlanFacts]

    @property
    def infos(self) -> list[VisitChildInfo]:
        return [entry.info for entry in self.entries]


def _read_visit(connection: Connection, visit_id: str, *, lock: bool = False) -> _StoredVisit:
    key = {"visit_id": visit_id}
    locked = lock and connection.dialect.name == "postgresql"
    visit = connection.execute(_VISIT_ROW_LOCKED if locked else _VISIT_ROW, key).one_or_none()
    if visit is None:
        raise VisitNotFound("This visit is no longer in the database")
    observations: dict[str, list[Row[Any]]] = defaultdict(list)
    for row in connection.execute(_OBSERVATION_ROWS, key):
        observations[row.visit_child_id].append(row)
    rows: list[Row[Any]] = []  # each entry's first row
    concerns: dict[str, list[tuple[str, str]]] = {}  # by plan
    taking = False
    for row in connection.execute(_ENTRY_ROWS, key):
        if not rows or rows[-1].id != row.id:
            rows.append(row)
            # the plan's concerns come with its first entry (should two entries share it)
            taking = row.plan_id is not None and row.plan_id not in concerns
            if taking:
                concerns[row.plan_id] = []
        if taking and row.concern_row_id is not None:
            concerns[row.plan_id].append((row.concern_row_id, row.concern_description))
    plans = {row.plan_id: _PlanFacts(row.plan_id, row.plan_start, tuple(concerns[row.plan_id]))
             for row in rows if row.plan_id is not None}
    entries = tuple(
        _Entry(row, _child_info(row.child_id, full_name_of(row.given_names, row.family_name),
                                _first_name(row), row.date_of_birth,
                                plans[row.plan_id] if row.plan_id is not None else None),
               tuple(observations[row.id]))
        for row in rows
    )
    return _StoredVisit(visit, entries, plans)


def _observations(entry: _Entry, final: bool) -> tuple[ObservationDraft, ...]:
    stored = [
        ObservationDraft(concern=_text(o.concern), observation=_text(o.observation),
                         risk_trend=o.risk_trend)
        for o in entry.observations
    ]
    if final:
        return tuple(stored)
    # A draft offers one box for every concern of the plan, including any added since it began.
    have = {o.concern for o in stored}
    return tuple(stored + [ObservationDraft(concern=c) for c in entry.info.concerns
                           if c not in have])


def _child_draft(entry: _Entry, final: bool) -> VisitChildDraft:
    vc, info = entry.row, entry.info
    return VisitChildDraft(
        child_name=info.first_name, date_of_birth=info.date_of_birth,
        plan_start=info.plan_start, child_seen=vc.child_seen,
        not_seen_reason=_text(vc.not_seen_reason), seen_alone=vc.seen_alone,
        not_seen_alone_reason=_text(vc.not_seen_alone_reason),
        seen_awake=vc.seen_awake, bedroom_seen=vc.bedroom_seen,
        presentation_and_behaviour=_text(vc.presentation_and_behaviour),
        wishes_and_feelings=_text(vc.wishes_and_feelings),
        new_incidents=vc.new_incidents, incident_details=_text(vc.incident_details),
        injury_location=_text(vc.injury_location),
        observations=_observations(entry, final),
    )


def _draft_of(stored: _StoredVisit) -> VisitDraft:
    visit = stored.row
    final = visit.status is not RecordStatus.DRAFT
    return VisitDraft(
        visit_date=visit.visit_date, start_time=visit.start_time, visit_type=visit.visit_type,
        present=_text(visit.present), sleeping_arrangements=_text(visit.sleeping_arrangements),
        meals=_text(visit.meals), delegated=bool(visit.delegated),
        delegated_to=_text(visit.delegated_to),
        delegation_agreed_by=_text(visit.delegation_agreed_by),
        next_planned_visit=visit.next_planned_visit,
        children=tuple(_child_draft(entry, final) for entry in stored.entries),
    )


def _is_countersigned(session: Session, visit_id: str) -> bool:
    return bool(session.scalar(select(countersigned(CountersignSubject.VISIT, visit_id))))


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
            out.append(_child_info(child.id, child.full_name, _first_name(child),
                                   child.date_of_birth, _PlanFacts.of(plan)))
    return out


def _form(session: Session, stored: _StoredVisit) -> VisitForm:
    visit, infos = stored.row, stored.infos
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
        draft=_draft_of(stored), children=tuple(infos),
        addenda=tuple(
            AddendumRecord(addendum_id=a.id, written_at=a.written_at,
                           author=names.get(a.author_id, "cpdesk") if a.author_id else "cpdesk",
                           text=a.text)
            for a in addenda
        ),
        profile=profile_in(session),
        void_reason=_text(visit.void_reason),
        siblings_not_included=tuple(
            _siblings(session, [info.child_id for info in infos], visit.visit_date)
        ) if visit.status is RecordStatus.DRAFT else (),
    )


def load_visit(store: Store, visit_id: str) -> VisitForm:
    """The visit as stored: its draft, status, revision, author and addenda."""
    with store.session() as session:
        return _form(session, _read_visit(session.connection(), visit_id))


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


def _check_editable(connection: Connection, actor: Actor, visit: Row[Any]) -> None:
    if visit.status is not RecordStatus.DRAFT:
        raise NotAllowed("This visit record is final and cannot be changed. Add an addendum to "
                         "correct it or add to it.")
    if visit.author_id is not None and actor.staff_id != visit.author_id:
        raise NotAllowed(f"Only {_staff_name(connection, visit.author_id)}, who started this "
                         "record, can change it")


def _check_revision(connection: Connection, visit: Row[Any],
                    expected_revision: int | None) -> None:
    if expected_revision is not None and visit.revision != expected_revision:
        raise StaleRecord(_staff_name(connection, visit.updated_by), visit.updated_at)


# Each row is written only if it is still at the revision read, and moves to the next one:
# SQLAlchemy's version_id_col check (models/base.py), by hand.
_UPDATE_ROW = {
    table: update(table).where(table.c.id == bindparam("row_id"),
                               table.c.revision == bindparam("row_revision"))
    for table in (_VISITS, _ENTRIES, _OBSERVATIONS)
}
_DELETE_OBSERVATION = delete(_OBSERVATIONS).where(
    _OBSERVATIONS.c.id == bindparam("row_id"),
    _OBSERVATIONS.c.revision == bindparam("row_revision"))
_INSERT_OBSERVATIONS = insert(_OBSERVATIONS)


class _Overtaken(Exception):
    """A row was no longer at the revision read: someone saved the record in between."""


def _update_row(connection: Connection, table: FromClause, row: Row[Any],
                values: dict[str, Any]) -> None:
    """Write `values` over the row at its next revision (updated_at, unless given, is set by
    the column's onupdate, as in an ORM flush)."""
    result = connection.execute(_UPDATE_ROW[table], {
        **values, "revision": row.revision + 1, "row_id": row.id, "row_revision": row.revision})
    if result.rowcount != 1:
        raise _Overtaken


def _changed(row: Row[Any], values: dict[str, Any]) -> bool:
    """Whether any value differs from the row's: as in an ORM flush, a row none of whose
    values changed is not written, and keeps its revision."""
    stored = row._mapping
    return any(stored[key] != value for key, value in values.items())


def _write_entry(connection: Connection, entry: _Entry, child: VisitChildDraft,
                 copies: dict[str, Any], actor: Actor, concern_ids: dict[str, str]) -> None:
    """One child's answers and observations over their entry and its observation rows."""
    values = {
        **copies,
        "child_seen": child.child_seen,
        "not_seen_reason": _stored(child.not_seen_reason),
        "seen_alone": child.seen_alone,
        "not_seen_alone_reason": _stored(child.not_seen_alone_reason),
        "seen_awake": child.seen_awake,
        "bedroom_seen": child.bedroom_seen,
        "presentation_and_behaviour": _stored(child.presentation_and_behaviour),
        "wishes_and_feelings": _stored(child.wishes_and_feelings),
        "new_incidents": child.new_incidents,
        "incident_details": _stored(child.incident_details),
        "injury_location": _stored(child.injury_location),
        "updated_by": actor.staff_id,
    }
    if _changed(entry.row, values):
        _update_row(connection, _ENTRIES, entry.row, values)
    given = [o for o in child.observations
             if o.concern.strip() or o.observation or o.risk_trend is not None]
    added = []
    for position, obs in enumerate(given):
        values = {
            "concern": _stored(obs.concern), "concern_id": concern_ids.get(obs.concern),
            "observation": _stored(obs.observation), "risk_trend": obs.risk_trend,
            "updated_by": actor.staff_id,
        }
        if position < len(entry.observations):
            row = entry.observations[position]
            if _changed(row, values):
                _update_row(connection, _OBSERVATIONS, row, values)
        else:
            added.append({"visit_child_id": entry.row.id, "position": position, **values})
    if added:
        connection.execute(_INSERT_OBSERVATIONS, added)
    for row in entry.observations[len(given):]:
        gone = connection.execute(_DELETE_OBSERVATION,
                                  {"row_id": row.id, "row_revision": row.revision})
        if gone.rowcount != 1:
            raise _Overtaken


def _write(connection: Connection, stored: _StoredVisit, draft: VisitDraft, actor: Actor, *,
           finalise: bool = False) -> None:
    """Write the draft over the stored visit, as an ORM flush of the same changes would.

    Core statements (issue 10): the visit row always, so its revision moves even when only a
    child's answers did; each entry and observation row only if a value of it changed; each
    with updated_by, updated_at and its next revision, and only if still at the revision read,
    else StaleRecord naming who saved it. Every entry keeps its copy of the visit's date and
    status (VISIT_COPIES in models/visit.py, whose before_flush listener does this for ORM
    writes), so `cpdesk verify` finds them equal.
    """
    if len(draft.children) != len(stored.entries):
        raise ValidationFailed([FieldIssue(
            "children", f"The visit is for {len(stored.entries)} child(ren); the record has "
                        f"{len(draft.children)}. Reopen the visit and try again")])
    visit = stored.row
    values: dict[str, Any] = {
        "visit_date": draft.visit_date,
        "start_time": draft.start_time,
        "visit_type": draft.visit_type,
        "present": _stored(draft.present),
        "sleeping_arrangements": _stored(draft.sleeping_arrangements),
        "meals": _stored(draft.meals),
        "delegated": bool(draft.delegated),
        "delegated_to": _stored(draft.delegated_to),
        "delegation_agreed_by": _stored(draft.delegation_agreed_by),
        "next_planned_visit": draft.next_planned_visit,
        "updated_by": actor.staff_id,
        "updated_at": datetime.now(UTC),
    }
    status = RecordStatus.FINAL if finalise else visit.status
    if finalise:
        values["status"] = status
        values["finalised_at"] = datetime.now(UTC)
    copies = {"visit_date": draft.visit_date, "visit_status": status}  # VISIT_COPIES
    concern_ids = _concern_ids(stored.plans)
    try:
        _update_row(connection, _VISITS, visit, values)
        for entry, child in zip(stored.entries, draft.children, strict=True):
            _write_entry(connection, entry, child, copies, actor,
                         concern_ids.get(entry.row.plan_id or "", {}))
    except _Overtaken:
        connection.rollback()  # what this save wrote so far, so the read below sees the other's
        latest = connection.execute(_VISIT_ROW, {"visit_id": visit.id}).one_or_none()
        who = _staff_name(connection, latest.updated_by) if latest else "Someone"
        raise StaleRecord(who, latest.updated_at if latest else None) from None


def _concern_ids(plans: dict[str, _PlanFacts]) -> dict[str, dict[str, str]]:
    """Each plan's concern ids by their text (the first in order, should two read the same)."""
    return {plan_id: {text: concern_id for concern_id, text in reversed(plan.concerns)}
            for plan_id, plan in plans.items()}


def _changes(stored: _StoredVisit, message: str = "") -> Changes:
    return Changes(kinds=frozenset({"visit"}), ids=frozenset({stored.row.id}),
                   child_ids=frozenset(info.child_id for info in stored.infos), message=message)


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
        return _form(session, _read_visit(session.connection(), visit.id))


def save_draft(
    store: Store, actor: Actor, visit_id: str, draft: VisitDraft, expected_revision: int | None,
) -> tuple[int, Changes]:
    """Save the typing so far (the form calls this about a second after each change).

    Never validates beyond the record's shape: a draft may be half-written. Returns the new
    revision, which the next save must quote.
    """
    require(actor, Permission.RECORD)
    with store.transaction() as connection:
        stored = _read_visit(connection, visit_id, lock=True)
        visit = stored.row
        _check_editable(connection, actor, visit)
        _check_revision(connection, visit, expected_revision)
        before = _draft_json(_draft_of(stored))
        _write(connection, stored, draft, actor)
        append_event(connection, actor, "save_visit_draft", "visit", visit.id, before,
                     _draft_json(draft))
        return visit.revision + 1, _changes(stored)


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
    with store.transaction() as connection:
        stored = _read_visit(connection, visit_id, lock=True)
        visit, infos = stored.row, stored.infos
        _check_editable(connection, actor, visit)
        _check_revision(connection, visit, expected_revision)
        profile = profile_on(connection)
        checked = _with_store_facts(draft, infos)
        result = validate_visit(checked, today, profile)
        if result.errors:
            raise ValidationFailed(result.errors)
        if result.warnings and not acknowledged_warnings:
            raise WarningsNotAcknowledged(result.warnings)
        before = _draft_json(_draft_of(stored))
        _write(connection, stored, draft, actor, finalise=True)
        append_event(connection, actor, "finalise_visit", "visit", visit.id, before, {
            **_draft_json(draft), "status": RecordStatus.FINAL,
            "acknowledged_warnings": [w.message for w in result.warnings],
        })
        unseen = [info.first_name for info, child in zip(infos, draft.children, strict=True)
                  if child.child_seen is False]
        message = _unseen_message(unseen, profile) if unseen else FINALISED_MESSAGE
        changes = _changes(stored, message)
    return Changes(kinds=changes.kinds | {"alert", "caseload"}, ids=changes.ids,
                   child_ids=changes.child_ids, message=changes.message)


__all__ = [
    "FINALISED_MESSAGE", "VisitNotFound", "drafts_for", "finalise_visit",
    "household_siblings", "list_visits", "load_visit", "present_choices", "save_draft",
    "start_visit",
]
