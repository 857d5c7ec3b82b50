"""The core group's user actions: members, scheduling and moving meetings, recording a meeting,
the minutes, and the calendar (on screen and as an RFC 5545 file).

Each write is one unit of work that validates with cpdesk.domain.core_group, writes, audits
(`record_event`) and returns `Changes`. Long edits pass the revision they opened; a newer one
raises `StaleRecord` naming who changed it. Reads return the domain's frozen records, never ORM
objects. Imports domain, models and SQLAlchemy; never Qt.

Dates of a meeting: `due_date` is the date the meeting must be held by (the first within the
profile's limit of the initial conference, later ones the interval after the last held), or
the arranged date when that is earlier; `scheduled_for` is when it is arranged (Europe/London;
midnight means no time was given). Moving a meeting never moves its due date later: a meeting
arranged past its due date keeps the due date, gives a reason, and stays overdue in the alerts.

Minutes circulated: the date is a later administrative fact, outside what a countersignature
covers (services/records.py), so it can be set after the manager has countersigned the minutes;
once set on countersigned minutes it is not changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from cpdesk.domain.actor import Actor
from cpdesk.domain.core_group import (
    AttendanceRecord,
    CalendarItem,
    CalendarKind,
    DisagreementRecord,
    MeetingDetail,
    MeetingRecord,
    MemberDraft,
    MemberRecord,
    OutcomeLine,
    ProgressRecord,
    check_meeting_move,
    check_meeting_record,
    check_member,
    check_member_end,
    check_minutes_circulated,
    excluded_parent_reminder,
    first_core_group_due,
    initials,
    minutes_due,
    next_core_group_due,
)
from cpdesk.domain.dates import format_date
from cpdesk.domain.deadlines import deadlines_for
from cpdesk.domain.enums import (
    ConferenceKind,
    CountersignSubject,
    IntervalUnit,
    RecordStatus,
    Role,
)
from cpdesk.domain.errors import CpdeskError, NotAllowed, StaleRecord, ValidationFailed
from cpdesk.domain.permissions import Permission, require
from cpdesk.domain.profiles import Profile
from cpdesk.domain.visit_validation import FieldIssue
from cpdesk.domain.working_days import calendar_for
from cpdesk.models import (
    Child,
    Conference,
    CoreGroupMeeting,
    CoreGroupMember,
    Disagreement,
    MeetingAttendance,
    MeetingProgress,
    Outcome,
    Plan,
    Setting,
    Staff,
    Visit,
    VisitChild,
)
from cpdesk.models.db import Store
from cpdesk.models.queries import open_plans_query, plan_facts
from cpdesk.models.tables import countersigned
from cpdesk.services.audit import record_event
from cpdesk.services.changes import Changes
from cpdesk.services.profile import profile_in

LOCAL = ZoneInfo("Europe/London")
# Setting: whether calendar exports may put children's initials in event titles.
CALENDAR_INITIALS_KEY = "calendar_include_initials"
MEETING_LENGTH = timedelta(hours=1, minutes=30)


class NotFound(CpdeskError):
    """The record asked for is not in this database."""


# --- helpers -------------------------------------------------------------------------------


def _text(value: str | None) -> str | None:
    """Stored text: trimmed, and None rather than an empty string."""
    value = (value or "").strip()
    return value or None


def _fail(issues: list[FieldIssue]) -> None:
    if issues:
        raise ValidationFailed(issues)


def _staff_name(session: Session, staff_id: str | None) -> str:
    if staff_id is None:
        return "Someone"
    return session.scalar(select(Staff.name).where(Staff.id == staff_id)) or "Someone"


def _check_revision(session: Session, row: Any, expected: int | None) -> None:
    if expected is not None and row.revision != expected:
        raise StaleRecord(_staff_name(session, row.updated_by), row.updated_at)


def _flush(session: Session, row: Any) -> None:
    """Flush, turning a lost race on the revision into StaleRecord naming the other writer."""
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        latest = session.get(type(row), row.id, populate_existing=True)
        who = _staff_name(session, latest.updated_by if latest else None)
        raise StaleRecord(who, latest.updated_at if latest else None) from None


def _plan(session: Session, plan_id: str) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound("This child protection plan is no longer in the database")
    return plan


def _may_change(session: Session, actor: Actor, plan: Plan) -> None:
    """The lead worker, a colleague covering in the child's team, or the team's manager."""
    require(actor, Permission.RECORD)
    if actor.staff_id is not None and actor.staff_id == plan.lead_worker_id:
        return
    team = session.scalar(select(Child.team_id).where(Child.id == plan.child_id))
    if team is not None and team == actor.team_id:
        return
    raise NotAllowed("Only the child's lead worker, their team or their manager can change "
                     "this core group.")


def _interval(plan: Plan) -> tuple[int, IntervalUnit] | None:
    if plan.core_group_interval is not None and plan.core_group_interval_unit is not None:
        return plan.core_group_interval, IntervalUnit(plan.core_group_interval_unit)
    return None


def _initial_conference_date(session: Session, plan: Plan) -> date:
    held = session.scalar(
        select(Conference.held_on).where(Conference.plan_id == plan.id,
                                         Conference.kind == ConferenceKind.INITIAL)
        .order_by(Conference.held_on).limit(1)
    )
    return held or plan.start_date


def _last_held(session: Session, plan_id: str, excluding: str | None = None) -> date | None:
    query = select(CoreGroupMeeting.held_on).where(
        CoreGroupMeeting.plan_id == plan_id, CoreGroupMeeting.held_on.is_not(None),
        CoreGroupMeeting.status != RecordStatus.VOIDED,
    )
    if excluding is not None:
        query = query.where(CoreGroupMeeting.id != excluding)
    return session.scalar(query.order_by(CoreGroupMeeting.held_on.desc()).limit(1))


def _statutory_due(
    session: Session, plan: Plan, profile: Profile, excluding: str | None = None
) -> date:
    """When the next meeting is due by the rules alone (ignoring any arranged date)."""
    cal = calendar_for(profile.nation)
    last = _last_held(session, plan.id, excluding)
    if last is None:
        return first_core_group_due(_initial_conference_date(session, plan), profile, cal)
    return next_core_group_due(last, _interval(plan), profile, cal)


def _at(on: date, at: time | None) -> datetime:
    """The arranged moment in local time (midnight: no time given)."""
    return datetime.combine(on, at or time(0, 0), tzinfo=LOCAL)


def _local(value: datetime | None) -> datetime | None:
    return value.astimezone(LOCAL) if value is not None else None


def _pending_meeting(session: Session, plan_id: str, excluding: str | None = None
                     ) -> CoreGroupMeeting | None:
    query = select(CoreGroupMeeting).where(
        CoreGroupMeeting.plan_id == plan_id, CoreGroupMeeting.held_on.is_(None),
        CoreGroupMeeting.status != RecordStatus.VOIDED,
    )
    if excluding is not None:
        query = query.where(CoreGroupMeeting.id != excluding)
    return session.scalars(query.order_by(CoreGroupMeeting.due_date).limit(1)).first()


def _meeting_changes(plan: Plan, ids: Iterable[str], message: str,
                     extra: Iterable[str] = ()) -> Changes:
    return Changes(kinds=frozenset({"core_group", "core_group_meeting", *extra}),
                   ids=frozenset(ids), child_ids=frozenset({plan.child_id}), message=message)


def _meeting_json(m: CoreGroupMeeting) -> dict[str, Any]:
    return {
        "due_date": m.due_date, "scheduled_for": m.scheduled_for, "moved_reason": m.moved_reason,
        "held_on": m.held_on, "chair": m.chair, "venue": m.venue, "decisions": m.decisions,
        "changes_to_plan": m.changes_to_plan, "next_meeting_date": m.next_meeting_date,
        "minutes_circulated_on": m.minutes_circulated_on, "status": m.status.value,
        "attendance": [
            {"name": a.name, "member_id": a.member_id, "attended": a.attended,
             "apologies": a.apologies, "summary_of_involvement": a.summary_of_involvement}
            for a in m.attendance
        ],
        "progress": [{"outcome_id": p.outcome_id, "action_id": p.action_id,
                      "progress": p.progress} for p in m.progress],
    }


# --- members -------------------------------------------------------------------------------


def _member_record(m: CoreGroupMember) -> MemberRecord:
    return MemberRecord(
        member_id=m.id, plan_id=m.plan_id, name=m.name, kind=m.kind, agency=m.agency,
        job_title=m.job_title, role_in_plan=m.role_in_plan,
        contact_frequency=m.contact_frequency, phone=m.phone, email=m.email, address=m.address,
        excluded=m.excluded, excluded_reason=m.excluded_reason, joined_on=m.joined_on,
        left_on=m.left_on, agreement_signed_on=m.agreement_signed_on, revision=m.revision,
    )


def _members(session: Session, plan_id: str) -> list[MemberRecord]:
    rows = session.scalars(
        select(CoreGroupMember).where(CoreGroupMember.plan_id == plan_id)
        .order_by(CoreGroupMember.position, CoreGroupMember.name)
    )
    return [_member_record(m) for m in rows]


def list_members(store: Store, plan_id: str) -> list[MemberRecord]:
    """Every member the core group has had, current and ended, in the order added."""
    with store.session() as session:
        return _members(session, plan_id)


def _apply_member(member: CoreGroupMember, draft: MemberDraft, actor: Actor) -> None:
    member.name = draft.name.strip()
    member.kind = draft.kind
    member.agency = _text(draft.agency)
    member.job_title = _text(draft.job_title)
    member.role_in_plan = _text(draft.role_in_plan)
    member.contact_frequency = _text(draft.contact_frequency)
    member.phone = _text(draft.phone)
    member.email = _text(draft.email)
    member.address = _text(draft.address)
    member.excluded = draft.excluded
    member.excluded_reason = _text(draft.excluded_reason) if draft.excluded else None
    member.joined_on = draft.joined_on
    member.agreement_signed_on = draft.agreement_signed_on
    member.updated_by = actor.staff_id


def _member_json(m: CoreGroupMember) -> dict[str, Any]:
    return {k: getattr(m, k) for k in (
        "name", "kind", "agency", "job_title", "role_in_plan", "contact_frequency", "phone",
        "email", "address", "excluded", "excluded_reason", "joined_on", "left_on",
        "agreement_signed_on")}


def add_member(store: Store, actor: Actor, plan_id: str, draft: MemberDraft) -> Changes:
    _fail(check_member(draft))
    with store.session() as session:
        plan = _plan(session, plan_id)
        _may_change(session, actor, plan)
        position = len(session.scalars(
            select(CoreGroupMember.id).where(CoreGroupMember.plan_id == plan_id)).all())
        member = CoreGroupMember(plan_id=plan_id, position=position, name="", kind=draft.kind)
        _apply_member(member, draft, actor)
        session.add(member)
        session.flush()
        record_event(session, actor, "add_core_group_member", "core_group_member", member.id,
                     None, _member_json(member))
        return Changes(kinds=frozenset({"core_group", "core_group_member"}),
                       ids=frozenset({member.id}), child_ids=frozenset({plan.child_id}),
                       message=f"{member.name} added to the core group.")


def update_member(
    store: Store, actor: Actor, member_id: str, draft: MemberDraft, revision: int | None = None
) -> Changes:
    _fail(check_member(draft))
    with store.session() as session:
        member = session.get(CoreGroupMember, member_id)
        if member is None:
            raise NotFound("This core group member is no longer in the database")
        plan = _plan(session, member.plan_id)
        _may_change(session, actor, plan)
        _check_revision(session, member, revision)
        before = _member_json(member)
        _apply_member(member, draft, actor)
        _flush(session, member)
        record_event(session, actor, "update_core_group_member", "core_group_member", member.id,
                     before, _member_json(member))
        return Changes(kinds=frozenset({"core_group", "core_group_member"}),
                       ids=frozenset({member.id}), child_ids=frozenset({plan.child_id}),
                       message=f"{member.name}'s details saved.")


def end_member(
    store: Store, actor: Actor, member_id: str, left_on: date | None,
    revision: int | None = None,
) -> Changes:
    """End someone's membership from `left_on`; they stay on the record, marked as left."""
    with store.session() as session:
        member = session.get(CoreGroupMember, member_id)
        if member is None:
            raise NotFound("This core group member is no longer in the database")
        plan = _plan(session, member.plan_id)
        _may_change(session, actor, plan)
        _check_revision(session, member, revision)
        _fail(check_member_end(member.joined_on, left_on))
        assert left_on is not None
        if member.left_on is not None:
            raise NotAllowed(f"{member.name} already left the core group on "
                             f"{format_date(member.left_on)}.")
        before = _member_json(member)
        member.left_on = left_on
        member.updated_by = actor.staff_id
        _flush(session, member)
        record_event(session, actor, "end_core_group_member", "core_group_member", member.id,
                     before, _member_json(member))
        return Changes(kinds=frozenset({"core_group", "core_group_member"}),
                       ids=frozenset({member.id}), child_ids=frozenset({plan.child_id}),
                       message=f"{member.name} left the core group on {format_date(left_on)}.")


# --- meetings: reading ---------------------------------------------------------------------


def _detail(m: CoreGroupMeeting, profile: Profile, disagreements: list[Disagreement],
            labels: dict[str, str]) -> MeetingDetail:
    cal = calendar_for(profile.nation)
    return MeetingDetail(
        meeting_id=m.id, plan_id=m.plan_id, due_date=m.due_date,
        scheduled_for=_local(m.scheduled_for), moved_reason=m.moved_reason, held_on=m.held_on,
        chair=m.chair, venue=m.venue, decisions=m.decisions, changes_to_plan=m.changes_to_plan,
        next_meeting_date=m.next_meeting_date, minutes_circulated_on=m.minutes_circulated_on,
        minutes_due=minutes_due(m.held_on, profile, cal) if m.held_on else None,
        status=m.status, revision=m.revision,
        attendance=tuple(
            AttendanceRecord(name=a.name, attended=a.attended, apologies=a.apologies,
                             summary_of_involvement=a.summary_of_involvement or "",
                             member_id=a.member_id)
            for a in m.attendance
        ),
        progress=tuple(
            ProgressRecord(progress=p.progress, outcome_id=p.outcome_id, action_id=p.action_id,
                           label=labels.get(p.action_id or p.outcome_id or "", ""))
            for p in m.progress
        ),
        disagreements=tuple(DisagreementRecord(who=d.who, about=d.about) for d in disagreements),
    )


def _outcome_lines(session: Session, plan_id: str) -> tuple[OutcomeLine, ...]:
    outcomes = session.scalars(
        select(Outcome).where(Outcome.plan_id == plan_id)
        .options(selectinload(Outcome.actions)).order_by(Outcome.position)
    ).all()
    lines: list[OutcomeLine] = []
    for o in outcomes:
        lines.append(OutcomeLine(label=o.description, outcome_id=o.id))
        for a in o.actions:
            lines.append(OutcomeLine(label=a.what, outcome_id=o.id, action_id=a.id))
    return tuple(lines)


def plan_outcomes(store: Store, plan_id: str) -> tuple[OutcomeLine, ...]:
    """The current plan's outcomes, each followed by its actions: what progress is recorded
    against at a meeting."""
    with store.session() as session:
        return _outcome_lines(session, plan_id)


def _meetings(session: Session, plan_id: str, profile: Profile,
              meeting_id: str | None = None) -> list[MeetingDetail]:
    query = (select(CoreGroupMeeting).where(CoreGroupMeeting.plan_id == plan_id)
             .options(selectinload(CoreGroupMeeting.attendance),
                      selectinload(CoreGroupMeeting.progress)))
    if meeting_id is not None:
        query = query.where(CoreGroupMeeting.id == meeting_id)
    meetings = session.scalars(query).all()
    disagreements: dict[str, list[Disagreement]] = defaultdict(list)
    for d in session.scalars(
        select(Disagreement).where(Disagreement.plan_id == plan_id,
                                   Disagreement.meeting_id.is_not(None))
    ):
        disagreements[d.meeting_id or ""].append(d)
    labels = {line.action_id or line.outcome_id or "": line.label
              for line in _outcome_lines(session, plan_id)}
    details = [_detail(m, profile, disagreements.get(m.id, []), labels) for m in meetings]
    details.sort(key=lambda d: d.meeting_date, reverse=True)
    return details


def list_meetings(store: Store, plan_id: str) -> list[MeetingDetail]:
    """The plan's core group meetings, newest first."""
    with store.session() as session:
        return _meetings(session, plan_id, profile_in(session))


def get_meeting(store: Store, meeting_id: str) -> MeetingDetail:
    with store.session() as session:
        m = session.get(CoreGroupMeeting, meeting_id)
        if m is None:
            raise NotFound("This core group meeting is no longer in the database")
        return _meetings(session, m.plan_id, profile_in(session), meeting_id)[0]


def statutory_due(store: Store, plan_id: str, meeting_id: str | None = None) -> date:
    """When the plan's next core group is due by the rules (for forms that ask for a reason
    when a date goes past it). `meeting_id`: the meeting being moved, ignored as held."""
    with store.session() as session:
        plan = _plan(session, plan_id)
        return _statutory_due(session, plan, profile_in(session), meeting_id)


def next_due_after(store: Store, plan_id: str, held_on: date) -> date:
    """When the meeting after one held on `held_on` falls due (the conference's interval, else
    the profile's)."""
    with store.session() as session:
        plan = _plan(session, plan_id)
        profile = profile_in(session)
        return next_core_group_due(held_on, _interval(plan), profile, calendar_for(profile.nation))


# --- meetings: scheduling ------------------------------------------------------------------


def _arrange(
    session: Session, actor: Actor, plan: Plan, profile: Profile, today: date,
    on: date | None, at: time | None, reason: str, action: str,
) -> Changes:
    due = _statutory_due(session, plan, profile)
    existing = _pending_meeting(session, plan.id)
    if existing is not None:
        when = _local(existing.scheduled_for)
        raise NotAllowed(
            "A core group meeting is already arranged for "
            f"{format_date(when.date() if when else existing.due_date)}: move that meeting "
            "instead.")
    if on is not None:
        _fail(check_meeting_move(due, on, reason, today))
    meeting = CoreGroupMeeting(
        plan_id=plan.id, due_date=min(due, on) if on else due,
        scheduled_for=_at(on, at) if on else None,
        moved_reason=_text(reason) if on and on > due else None,
        author_id=actor.staff_id, updated_by=actor.staff_id, status=RecordStatus.DRAFT,
    )
    session.add(meeting)
    session.flush()
    record_event(session, actor, action, "core_group_meeting", meeting.id, None,
                 _meeting_json(meeting))
    when = on or due
    message = f"Core group meeting arranged for {format_date(when)}"
    message += "." if when <= due else f", later than its due date of {format_date(due)}."
    return _meeting_changes(plan, {meeting.id}, message)


def schedule_first_core_group(
    store: Store, actor: Actor, plan_id: str, today: date, on: date | None = None,
    at: time | None = None, reason: str = "",
) -> Changes:
    """Arrange the first core group: due within the profile's limit of the initial conference
    (England 10 working days, Scotland 15). `on`: the date set at the conference, if any."""
    with store.session() as session:
        plan = _plan(session, plan_id)
        _may_change(session, actor, plan)
        if _last_held(session, plan_id) is not None:
            raise NotAllowed("The first core group has already met: arrange the next meeting "
                             "instead.")
        return _arrange(session, actor, plan, profile_in(session), today, on, at, reason,
                        "schedule_first_core_group")


def schedule_next(
    store: Store, actor: Actor, plan_id: str, today: date, on: date | None = None,
    at: time | None = None, reason: str = "",
) -> Changes:
    """Arrange the next meeting: due the core group interval (the conference's, else the
    profile's) after the last one held; before any is held, this is the first core group."""
    with store.session() as session:
        plan = _plan(session, plan_id)
        _may_change(session, actor, plan)
        return _arrange(session, actor, plan, profile_in(session), today, on, at, reason,
                        "schedule_core_group")


def _meeting_for_change(session: Session, actor: Actor, meeting_id: str
                        ) -> tuple[CoreGroupMeeting, Plan]:
    meeting = session.get(CoreGroupMeeting, meeting_id)
    if meeting is None:
        raise NotFound("This core group meeting is no longer in the database")
    plan = _plan(session, meeting.plan_id)
    _may_change(session, actor, plan)
    if meeting.status is RecordStatus.VOIDED:
        raise NotAllowed("This meeting was voided and cannot be changed.")
    return meeting, plan


def move_meeting(
    store: Store, actor: Actor, meeting_id: str, new_date: date | None, reason: str, *,
    today: date, at: time | None = None, revision: int | None = None,
) -> Changes:
    """Arrange a meeting for another date; past its due date a reason is required."""
    with store.session() as session:
        meeting, plan = _meeting_for_change(session, actor, meeting_id)
        _check_revision(session, meeting, revision)
        if meeting.held_on is not None:
            raise NotAllowed("This meeting has been held: it cannot be moved.")
        profile = profile_in(session)
        due = _statutory_due(session, plan, profile, excluding=meeting.id)
        _fail(check_meeting_move(due, new_date, reason, today))
        assert new_date is not None
        before = _meeting_json(meeting)
        meeting.scheduled_for = _at(new_date, at)
        meeting.due_date = min(due, new_date)
        meeting.moved_reason = _text(reason)
        meeting.updated_by = actor.staff_id
        _flush(session, meeting)
        record_event(session, actor, "move_core_group_meeting", "core_group_meeting",
                     meeting.id, before, _meeting_json(meeting))
        late = "" if new_date <= due else f", later than its due date of {format_date(due)}"
        return _meeting_changes(plan, {meeting.id},
                                f"Core group meeting moved to {format_date(new_date)}{late}.")


# --- meetings: recording -------------------------------------------------------------------


def record_meeting(
    store: Store, actor: Actor, meeting_id: str, record: MeetingRecord, *, today: date,
    revision: int | None = None, finalise: bool = True,
) -> Changes:
    """Record a held meeting: who came, apologies with summaries, progress against the plan,
    decisions, disagreements (Disagreement rows), changes to the plan, the next meeting (which
    is arranged) and when the minutes were circulated. Finalised unless `finalise=False`."""
    with store.session() as session:
        meeting, plan = _meeting_for_change(session, actor, meeting_id)
        _check_revision(session, meeting, revision)
        if meeting.status is RecordStatus.FINAL:
            raise NotAllowed("This meeting's record is final and cannot be changed. Add an "
                             "addendum to correct it.")
        profile = profile_in(session)
        cal = calendar_for(profile.nation)
        outcomes = _outcome_lines(session, plan.id)
        next_due = (next_core_group_due(record.held_on, _interval(plan), profile, cal)
                    if record.held_on else None)
        issues = check_meeting_record(record, today, outcomes=outcomes, next_due=next_due)
        members = {m.id: m for m in session.scalars(
            select(CoreGroupMember).where(CoreGroupMember.plan_id == plan.id))}
        known_lines = {(line.outcome_id, line.action_id) for line in outcomes}
        for i, a in enumerate(record.attendance):
            if a.member_id is not None and a.member_id not in members:
                issues.append(FieldIssue(f"attendance[{i}].name",
                                         f"{a.name} is not a member of this core group"))
        for i, p in enumerate(record.progress):
            if (p.outcome_id, p.action_id) not in known_lines:
                issues.append(FieldIssue(f"progress[{i}]",
                                         "Progress must be against an outcome or action of the "
                                         "current plan"))
        _fail(issues)
        assert record.held_on is not None
        before = _meeting_json(meeting)

        meeting.held_on = record.held_on
        meeting.chair = _text(record.chair)
        meeting.venue = _text(record.venue)
        meeting.decisions = _text(record.decisions)
        meeting.changes_to_plan = _text(record.changes_to_plan)
        meeting.next_meeting_date = record.next_meeting_date
        meeting.minutes_circulated_on = record.minutes_circulated_on
        meeting.author_id = meeting.author_id or actor.staff_id
        meeting.updated_by = actor.staff_id
        meeting.attendance = [
            MeetingAttendance(name=a.name.strip(), member_id=a.member_id, attended=a.attended,
                              apologies=a.apologies,
                              summary_of_involvement=_text(a.summary_of_involvement)
                              if a.apologies else None,
                              updated_by=actor.staff_id)
            for a in record.attendance if a.name.strip()
        ]
        meeting.progress = [
            MeetingProgress(position=i, outcome_id=p.outcome_id, action_id=p.action_id,
                            progress=p.progress.strip(), updated_by=actor.staff_id)
            for i, p in enumerate(q for q in record.progress if q.progress.strip())
        ]
        if finalise:
            meeting.status = RecordStatus.FINAL
            meeting.finalised_at = datetime.now(UTC)
        # Disagreements are the plan's record (002 6.5), each pointing at this meeting.
        for old in session.scalars(select(Disagreement).where(
                Disagreement.meeting_id == meeting.id)):
            session.delete(old)
        for d in record.disagreements:
            session.add(Disagreement(plan_id=plan.id, meeting_id=meeting.id,
                                     recorded_on=record.held_on, who=d.who.strip(),
                                     about=d.about.strip(), updated_by=actor.staff_id))
        _flush(session, meeting)
        ids = {meeting.id}
        record_event(session, actor, "record_core_group_meeting", "core_group_meeting",
                     meeting.id, before,
                     {**_meeting_json(meeting),
                      "disagreements": [{"who": d.who, "about": d.about}
                                        for d in record.disagreements]})

        parts = [f"Core group meeting on {format_date(record.held_on)} recorded."]
        if record.next_meeting_date is not None:
            ids |= _arrange_next(session, actor, plan, meeting, record, next_due)
            parts.append(f"Next meeting arranged for {format_date(record.next_meeting_date)}.")
        if record.minutes_circulated_on is None:
            parts.append("Circulate the minutes by "
                         f"{format_date(minutes_due(record.held_on, profile, cal))}.")
        reminder = excluded_parent_reminder(
            [_member_record(m) for m in members.values() if m.left_on is None
             or m.left_on > record.held_on])
        if reminder:
            parts.append(reminder)
        if record.changes_to_plan.strip():
            parts.append(f"Changes to the {profile.plan_name} were agreed: save them as a new "
                         "version of the plan.")
        extra = {"disagreement"} if record.disagreements else set()
        return _meeting_changes(plan, ids, " ".join(parts), extra)


def _arrange_next(
    session: Session, actor: Actor, plan: Plan, held: CoreGroupMeeting, record: MeetingRecord,
    next_due: date | None,
) -> set[str]:
    """Arrange the next meeting on the date set at this one (moving one already arranged)."""
    on = record.next_meeting_date
    assert on is not None and next_due is not None
    pending = _pending_meeting(session, plan.id, excluding=held.id)
    reason = _text(record.next_meeting_reason) if on > next_due else None
    if pending is None:
        pending = CoreGroupMeeting(plan_id=plan.id, author_id=actor.staff_id,
                                   status=RecordStatus.DRAFT, due_date=min(on, next_due))
        session.add(pending)
        before = None
    else:
        before = _meeting_json(pending)
    pending.due_date = min(on, next_due)
    pending.scheduled_for = _at(on, None)
    pending.moved_reason = reason
    pending.updated_by = actor.staff_id
    _flush(session, pending)
    record_event(session, actor, "schedule_core_group", "core_group_meeting", pending.id,
                 before, _meeting_json(pending))
    return {pending.id}


def set_minutes_circulated(
    store: Store, actor: Actor, meeting_id: str, on: date | None, *, today: date,
    revision: int | None = None,
) -> Changes:
    """Record the date the minutes went to the core group (the minutes alert then clears)."""
    with store.session() as session:
        meeting, plan = _meeting_for_change(session, actor, meeting_id)
        _check_revision(session, meeting, revision)
        if meeting.held_on is None:
            raise NotAllowed("Record the meeting before the date its minutes were circulated.")
        if on is None:
            _fail([FieldIssue("minutes_circulated_on",
                              "Enter the date the minutes were circulated")])
        _fail(check_minutes_circulated(meeting.held_on, on, today))
        signed = session.scalar(select(
            countersigned(CountersignSubject.CORE_GROUP_MINUTES, meeting.id)))
        already = meeting.minutes_circulated_on
        if signed and already is not None and already != on:
            raise NotAllowed("These minutes have been countersigned, so the date they were "
                             "circulated cannot be changed. Add an addendum instead.")
        before = _meeting_json(meeting)
        meeting.minutes_circulated_on = on
        meeting.updated_by = actor.staff_id
        _flush(session, meeting)
        record_event(session, actor, "set_minutes_circulated", "core_group_meeting", meeting.id,
                     before, _meeting_json(meeting))
        assert on is not None
        return _meeting_changes(plan, {meeting.id},
                                f"Minutes of the meeting on {format_date(meeting.held_on)} "
                                f"circulated on {format_date(on)}.")


# --- the calendar --------------------------------------------------------------------------


def _scope(actor: Actor) -> dict[str, str | None]:
    """A worker sees their own children; a manager their team; an administrator everyone."""
    if actor.role is Role.SOCIAL_WORKER:
        return {"worker_id": actor.staff_id or "-"}
    if actor.role is Role.MANAGER:
        return {"team_id": actor.team_id or "-"}
    return {}


def _in(day: date, date_from: date, date_to: date) -> bool:
    return date_from <= day <= date_to


def calendar_items(
    store: Store, actor: Actor, date_from: date, date_to: date, today: date
) -> list[CalendarItem]:
    """Core group meetings (held, arranged, or due with none arranged), conferences held and
    review conferences due, visits done and visits due, for the actor's children, in date order.

    A fixed handful of set-based queries whatever the caseload size.
    """
    with store.session() as session:
        profile = profile_in(session)
        cal = calendar_for(profile.nation)
        scope = _scope(actor)
        facts = plan_facts(session, today, **scope)  # type: ignore[arg-type]
        plans = open_plans_query(today, **scope).cte("calendar_plans")  # type: ignore[arg-type]
        children = {
            row.id: row for row in session.execute(
                select(Child.id, Child.case_number, Child.given_names, Child.family_name)
                .join(plans, plans.c.child_id == Child.id))
        }
        margin = timedelta(days=1)
        meetings = session.execute(
            select(CoreGroupMeeting.id, CoreGroupMeeting.plan_id, CoreGroupMeeting.due_date,
                   CoreGroupMeeting.scheduled_for, CoreGroupMeeting.held_on,
                   CoreGroupMeeting.minutes_circulated_on, plans.c.child_id)
            .join(plans, plans.c.id == CoreGroupMeeting.plan_id)
            .where(CoreGroupMeeting.status != RecordStatus.VOIDED,
                   or_(CoreGroupMeeting.held_on.between(date_from, date_to),
                       and_(CoreGroupMeeting.held_on.is_(None),
                            or_(CoreGroupMeeting.due_date.between(date_from, date_to),
                                CoreGroupMeeting.scheduled_for.between(
                                    _at(date_from - margin, None), _at(date_to + margin, None))
                                ))))
        ).all()
        conferences = session.execute(
            select(Conference.id, Conference.plan_id, Conference.kind, Conference.held_on,
                   plans.c.child_id)
            .join(plans, plans.c.id == Conference.plan_id)
            .where(Conference.held_on.between(date_from, date_to))
        ).all()
        visits = session.execute(
            select(Visit.id, Visit.visit_date, Visit.status, VisitChild.child_id,
                   VisitChild.plan_id)
            .join(VisitChild, VisitChild.visit_id == Visit.id)
            .join(plans, plans.c.child_id == VisitChild.child_id)
            .where(Visit.status != RecordStatus.VOIDED,
                   Visit.visit_date.between(date_from, date_to))
        ).all()

    def item(kind: CalendarKind, day: date, child_id: str, title: str, record_id: str,
             **more: Any) -> CalendarItem:
        c = children[child_id]
        return CalendarItem(kind=kind, date=day, child_id=child_id, case_number=c.case_number,
                            child_initials=initials(c.given_names, c.family_name), title=title,
                            record_id=record_id, **more)

    items: list[CalendarItem] = []
    for m in meetings:
        starts = _local(m.scheduled_for)
        day = m.held_on or (starts.date() if starts else m.due_date)
        if not _in(day, date_from, date_to):
            continue
        if m.held_on is not None:
            late_minutes = (m.minutes_circulated_on is None
                            and today > minutes_due(m.held_on, profile, cal))
            title = ("Core group meeting held, minutes not circulated" if late_minutes
                     else "Core group meeting held")
            items.append(item(CalendarKind.CORE_GROUP, day, m.child_id, title, m.id,
                              overdue=late_minutes, done=True, plan_id=m.plan_id))
        else:
            items.append(item(CalendarKind.CORE_GROUP, day, m.child_id, "Core group meeting",
                              m.id, overdue=today > m.due_date,
                              starts_at=starts if starts and starts.time() != time(0) else None,
                              plan_id=m.plan_id))
    conference = profile.conference_name
    for c in conferences:
        title = f"{'Initial' if c.kind is ConferenceKind.INITIAL else 'Review'} {conference}"
        items.append(item(CalendarKind.REVIEW_CONFERENCE, c.held_on, c.child_id, title, c.id,
                          overdue=False, done=True, plan_id=c.plan_id))
    for v in visits:
        title = "Visit" if v.status is RecordStatus.FINAL else "Visit, not yet written up"
        items.append(item(CalendarKind.VISIT_DONE, v.visit_date, v.child_id, title, v.id,
                          overdue=False, done=True, plan_id=v.plan_id))
    for f in facts:
        due = deadlines_for(f, profile, today, cal)
        if f.child_id not in children:
            continue
        if _in(due.next_visit_due, date_from, date_to):
            items.append(item(CalendarKind.VISIT_DUE, due.next_visit_due, f.child_id,
                              "Visit due", f.plan_id, overdue=today > due.next_visit_due,
                              plan_id=f.plan_id))
        if _in(due.next_review_due, date_from, date_to):
            items.append(item(CalendarKind.REVIEW_CONFERENCE, due.next_review_due, f.child_id,
                              f"Review {conference} due", f.plan_id,
                              overdue=today > due.next_review_due, plan_id=f.plan_id))
        # No meeting arranged: show when the next one is due, so nothing falls off the calendar.
        if f.next_core_group_scheduled is None and _in(due.next_core_group_due, date_from,
                                                       date_to):
            items.append(item(CalendarKind.CORE_GROUP, due.next_core_group_due, f.child_id,
                              "Core group due, not yet arranged", f.plan_id,
                              overdue=today > due.next_core_group_due, plan_id=f.plan_id))
    # The earliest meeting not yet held on each plan is "the next core group": its UID follows
    # the plan, so a re-imported file moves that one event instead of leaving the old date.
    first_pending: dict[str, CalendarItem] = {}
    for it in sorted(items, key=lambda i: i.date):
        if it.kind is CalendarKind.CORE_GROUP and not it.done and it.plan_id:
            first_pending.setdefault(it.plan_id, it)
    nexts = {id(it) for it in first_pending.values()}
    items = [replace(it, uid_base=f"{it.plan_id}-next") if id(it) in nexts else it
             for it in items]
    items.sort(key=lambda i: (i.date, i.starts_at.time() if i.starts_at else time(0),
                              i.case_number, i.kind.value))
    return items


def calendar_includes_initials(store: Store) -> bool:
    """The setting: may calendar exports put children's initials in event titles?"""
    with store.session() as session:
        value = session.scalar(select(Setting.value).where(Setting.key == CALENDAR_INITIALS_KEY))
    return value == "true"


def set_calendar_includes_initials(store: Store, actor: Actor, include: bool) -> Changes:
    require(actor, Permission.EXPORT)
    with store.session() as session:
        setting = session.scalar(select(Setting).where(Setting.key == CALENDAR_INITIALS_KEY))
        before = setting.value if setting else None
        value = "true" if include else "false"
        if setting is None:
            session.add(Setting(key=CALENDAR_INITIALS_KEY, value=value,
                                updated_by=actor.staff_id))
        else:
            setting.value = value
            setting.updated_by = actor.staff_id
        record_event(session, actor, "set_setting", "setting", None,
                     {CALENDAR_INITIALS_KEY: before}, {CALENDAR_INITIALS_KEY: value})
    words = "will include" if include else "will not include"
    return Changes(kinds=frozenset({"setting"}),
                   message=f"Calendar exports {words} children's initials.")


# Items that go into an exported calendar: what is arranged or due, not visits already done.
EXPORTED_KINDS = frozenset({CalendarKind.CORE_GROUP, CalendarKind.REVIEW_CONFERENCE,
                            CalendarKind.VISIT_DUE})


def calendar_ics(items: Iterable[CalendarItem], include_initials: bool, now: datetime) -> bytes:
    """An RFC 5545 calendar of `items`. UIDs come from the record and its kind, so importing a
    newer file updates each event instead of adding a copy; SEQUENCE grows with each export
    (minutes since 2020) so calendars take the newer file's version."""
    # icalendar loads with the first export, not when the app starts (issue 10: start-up)
    from icalendar import Calendar, Event

    ics = Calendar()
    ics.add("prodid", "-//cpdesk//core group calendar//EN")
    ics.add("version", "2.0")
    ics.add("calscale", "GREGORIAN")
    ics.add("method", "PUBLISH")
    ics.add("x-wr-calname", "cpdesk")
    sequence = int((now - datetime(2020, 1, 1, tzinfo=UTC)).total_seconds() // 60)
    for it in items:
        if it.kind not in EXPORTED_KINDS:
            continue
        event = Event()
        event.add("uid", it.uid)
        event.add("dtstamp", now)
        event.add("sequence", sequence)
        event.add("summary", it.summary(include_initials))
        if it.starts_at is not None:
            event.add("dtstart", it.starts_at.astimezone(UTC))
            event.add("dtend", (it.starts_at + MEETING_LENGTH).astimezone(UTC))
        else:
            event.add("dtstart", it.date)
            event.add("dtend", it.date + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        # No names, addresses or venues: calendars sync to phones and shared servers.
        event.add("description", f"Case {it.case_number}: {it.status_text.lower()}. "
                                 "Open cpdesk for the details.")
        event.add("class", "PRIVATE")
        event.add("categories", [it.kind.label])
        ics.add_component(event)
    return ics.to_ical()


def write_calendar_ics(
    store: Store, actor: Actor, out: str | Path, today: date, include_initials: bool = False,
    date_from: date | None = None, date_to: date | None = None,
) -> Changes:
    """Write the actor's calendar (meetings, conferences, visits due) as an .ics file.

    Default range: a month back to a year ahead of `today`. Children's names never appear;
    the case number always does, initials only when `include_initials`."""
    require(actor, Permission.EXPORT)
    date_from = date_from or today - timedelta(days=31)
    date_to = date_to or today + timedelta(days=366)
    if date_to < date_from:
        raise ValidationFailed([FieldIssue("date_to",
                                           "The end date must be the same as or after the "
                                           "start date")])
    items = [i for i in calendar_items(store, actor, date_from, date_to, today)
             if i.kind in EXPORTED_KINDS]
    data = calendar_ics(items, include_initials, datetime.now(UTC))
    path = Path(out)
    path.write_bytes(data)
    with store.session() as session:
        record_event(session, actor, "export_calendar", "calendar", None, None,
                     {"file": path.name, "events": len(items), "from": date_from,
                      "to": date_to, "initials": include_initials})
    noun = "event" if len(items) == 1 else "events"
    return Changes(kinds=frozenset({"export"}),
                   message=f"Calendar saved: {len(items)} {noun} from {format_date(date_from)} "
                           f"to {format_date(date_to)} in {path.name}. Importing it again "
                           "updates these events rather than adding copies.")
