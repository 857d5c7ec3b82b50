"""The child's chronology: every dated event of the case, merged newest first.

Visits (with whether the child was seen and seen alone), incidents and injuries recorded at
visits, conferences, core group meetings held, plan versions and the plan's start and end, and
managers' countersignatures of any of those records. Read-only; returns ChronologyEntry records.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cpdesk.domain.chronology import ChronologyEntry, ChronologyKind, newest_first
from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import (
    ConferenceKind,
    CountersignDecision,
    CountersignSubject,
    RecordStatus,
    VisitType,
)
from cpdesk.domain.profiles import Profile
from cpdesk.models import (
    Conference,
    CoreGroupMeeting,
    Countersignature,
    MeetingAttendance,
    Plan,
    PlanVersion,
    ReviewReport,
    Visit,
    VisitChild,
)
from cpdesk.models.db import Store
from cpdesk.services.child_record import staff_names
from cpdesk.services.profile import profile_in

_STATUS_NOTE = {RecordStatus.DRAFT: " (draft, not yet finalised)", RecordStatus.VOIDED: " (voided)"}


def _sentence(*parts: str | None) -> str:
    return " ".join(p.strip().rstrip(".") + "." for p in parts if p and p.strip())


def _visit_detail(vc: VisitChild, visit: Visit) -> str:
    if vc.child_seen is False:
        seen = f"Child not seen: {vc.not_seen_reason}" if vc.not_seen_reason else "Child not seen"
        return _sentence(seen)
    alone: str | None
    if vc.seen_alone is True:
        alone = "Seen alone"
    elif vc.seen_alone is False:
        alone = "Not seen alone" + (f": {vc.not_seen_alone_reason}" if vc.not_seen_alone_reason
                                    else "")
    else:
        alone = "Seen" if vc.child_seen else None
    bedroom = "Bedroom seen" if vc.bedroom_seen else None
    present = f"Present: {visit.present}" if visit.present else None
    return _sentence(alone, bedroom, present)


def _visit_entries(
    session: Session, child_id: str, names: dict[str, str]
) -> tuple[list[ChronologyEntry], dict[str, str]]:
    rows = session.execute(
        select(VisitChild, Visit).join(Visit, Visit.id == VisitChild.visit_id)
        .where(VisitChild.child_id == child_id)
    ).all()
    entries: list[ChronologyEntry] = []
    described: dict[str, str] = {}
    for vc, visit in rows:
        if visit.visit_date is None:
            continue
        kind = {VisitType.ANNOUNCED: "Announced home visit",
                VisitType.UNANNOUNCED: "Unannounced home visit"}.get(visit.visit_type, "Home visit")
        by = names.get(visit.author_id) if visit.author_id else None
        title = kind + _STATUS_NOTE.get(visit.status, "")
        described[visit.id] = f"visit of {format_date(visit.visit_date)}"
        entries.append(ChronologyEntry(
            when=visit.visit_date, kind=ChronologyKind.VISIT, title=title,
            detail=_visit_detail(vc, visit), by=by, record_id=visit.id,
            at=visit.finalised_at or visit.created_at,
        ))
        if vc.new_incidents:
            where = f"Injury: {vc.injury_location}" if vc.injury_location else None
            entries.append(ChronologyEntry(
                when=visit.visit_date, kind=ChronologyKind.INCIDENT,
                title="Incident or injury recorded at visit",
                detail=_sentence(vc.incident_details, where) or "No details recorded.",
                by=by, record_id=visit.id, at=visit.finalised_at or visit.created_at,
            ))
    return entries, described


def _plan_entries(
    session: Session, child_id: str, names: dict[str, str], profile: Profile
) -> tuple[list[ChronologyEntry], dict[tuple[str, str], str]]:
    """Conferences, core group meetings, plan versions, plan start/end; and what each is called
    (subject kind, id) -> words, so countersignatures can say what they signed."""
    entries: list[ChronologyEntry] = []
    described: dict[tuple[str, str], str] = {}
    plans = session.scalars(select(Plan).where(Plan.child_id == child_id)).all()
    plan_ids = [p.id for p in plans]
    plan_name = profile.plan_name[:1].upper() + profile.plan_name[1:]
    for plan in plans:
        entries.append(ChronologyEntry(
            when=plan.start_date, kind=ChronologyKind.PLAN, title=f"{plan_name} started",
            detail=_sentence(f"Category: {plan.category.label}"), by=None, record_id=plan.id,
        ))
        if plan.end_date is not None:
            reason = plan.end_reason.value.replace("_", " ") if plan.end_reason else None
            entries.append(ChronologyEntry(
                when=plan.end_date, kind=ChronologyKind.PLAN, title=f"{plan_name} ended",
                detail=_sentence(f"Reason: {reason}" if reason else None), by=None,
                record_id=plan.id,
            ))
    if not plan_ids:
        return entries, described
    conference = profile.conference_name
    for c in session.scalars(select(Conference).where(Conference.plan_id.in_(plan_ids))):
        which = "Initial" if c.kind is ConferenceKind.INITIAL else "Review"
        entries.append(ChronologyEntry(
            when=c.held_on, kind=ChronologyKind.CONFERENCE, title=f"{which} {conference}",
            detail=_sentence(
                f"Chair: {c.chair}" if c.chair else None,
                f"Category: {c.category.label}" if c.category else None,
                f"Next review set for {format_date(c.next_review_date)}"
                if c.next_review_date else None,
                c.decisions,
            ),
            by=c.chair, record_id=c.id,
        ))
    meetings = session.scalars(
        select(CoreGroupMeeting).where(CoreGroupMeeting.plan_id.in_(plan_ids))
    ).all()
    attendance: dict[str, list[MeetingAttendance]] = {}
    if meetings:
        for a in session.scalars(select(MeetingAttendance).where(
            MeetingAttendance.meeting_id.in_([m.id for m in meetings])
        )):
            attendance.setdefault(a.meeting_id, []).append(a)
    for m in meetings:
        if m.held_on is None:
            continue
        present = [a.name for a in attendance.get(m.id, []) if a.attended]
        apologies = [a.name for a in attendance.get(m.id, []) if a.apologies]
        described[(CountersignSubject.CORE_GROUP_MINUTES.value, m.id)] = (
            f"core group minutes of {format_date(m.held_on)}"
        )
        entries.append(ChronologyEntry(
            when=m.held_on, kind=ChronologyKind.CORE_GROUP,
            title="Core group meeting" + _STATUS_NOTE.get(m.status, ""),
            detail=_sentence(
                f"Chair: {m.chair}" if m.chair else None,
                f"Attended: {', '.join(present)}" if present else None,
                f"Apologies: {', '.join(apologies)}" if apologies else None,
                m.decisions,
            ),
            by=m.chair, record_id=m.id, at=m.finalised_at,
        ))
    for v in session.scalars(select(PlanVersion).where(PlanVersion.plan_id.in_(plan_ids))):
        described[(CountersignSubject.PLAN_VERSION.value, v.id)] = (
            f"{profile.plan_name} version {v.number}"
        )
        entries.append(ChronologyEntry(
            when=v.made_on, kind=ChronologyKind.PLAN,
            title=f"{plan_name} version {v.number} saved" + _STATUS_NOTE.get(v.status, ""),
            detail=_sentence(v.reason), by=names.get(v.made_by_id) if v.made_by_id else None,
            record_id=v.id, at=v.finalised_at,
        ))
    for r in session.scalars(select(ReviewReport).where(ReviewReport.plan_id.in_(plan_ids))):
        described[(CountersignSubject.REVIEW_REPORT.value, r.id)] = (
            f"report for the review {conference}"
        )
    return entries, described


def _countersign_entries(
    session: Session, described: dict[tuple[str, str], str], names: dict[str, str]
) -> list[ChronologyEntry]:
    if not described:
        return []
    ids = [subject_id for _, subject_id in described]
    entries = []
    for cs in session.scalars(select(Countersignature).where(Countersignature.subject_id.in_(ids))):
        what = described.get((cs.subject_kind.value, cs.subject_id))
        if what is None:
            continue
        manager = names.get(cs.manager_id, "a manager")
        verb = ("countersigned" if cs.decision is CountersignDecision.COUNTERSIGNED
                else "returned for changes")
        entries.append(ChronologyEntry(
            when=cs.signed_at.date(), kind=ChronologyKind.COUNTERSIGNATURE,
            title=f"{what[:1].upper()}{what[1:]} {verb}", detail=_sentence(cs.comment),
            by=manager, record_id=cs.id, at=cs.signed_at,
        ))
    return entries


def chronology_for(store: Store, child_id: str) -> list[ChronologyEntry]:
    """Every dated event of the child's case, newest first."""
    with store.session() as session:
        profile = profile_in(session)
        names = staff_names(session)
        visits, visit_words = _visit_entries(session, child_id, names)
        plan_entries, described = _plan_entries(session, child_id, names, profile)
        for visit_id, words in visit_words.items():
            described[(CountersignSubject.VISIT.value, visit_id)] = words
        signed = _countersign_entries(session, described, names)
    return newest_first([*visits, *plan_entries, *signed])


def kinds_present(entries: list[ChronologyEntry]) -> list[ChronologyKind]:
    """The kinds that occur, in the enum's order (for the filter list)."""
    present = {e.kind for e in entries}
    return [k for k in ChronologyKind if k in present]


__all__ = ["chronology_for", "kinds_present"]
