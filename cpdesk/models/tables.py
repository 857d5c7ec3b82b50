"""The tables the first screen reads, declared as Core tables: staff and teams, children, plans
and their contents and versions, visits and each child's entry, the core group's members and
meetings, conferences, countersignatures and the settings.

Why Core: the caseload's reads select these tables' columns (models/queries.py,
services/staff.py, services/profile.py), and declaring the mapped classes that hold them (their
mappers, instrumented attributes and annotations) costs three times building the tables alone
(~40 against ~12 ms, issue 10: start-up). So the tables are built here, before the first paint,
and each mapped class is declared over its table (`__table__ = tables.plans`, with its columns'
types as `Mapped[...]` annotations) when it is first named, or once the caseload is on show
(services.start_up). A column is added here and annotated in its class; a test checks the two
agree. The other tables stay in their classes (mapped_column), as the first screen reads none.

Every table ends with Base's five record columns (models/base.py: record_columns).

Imports domain and SQLAlchemy only; never Qt or ReportLab; and no mapped class.
"""

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    Uuid,
    exists,
    false,
    text,
)
from sqlalchemy.sql.expression import Exists

from cpdesk.domain.enums import (
    ActionStatus,
    Category,
    ConferenceKind,
    CountersignDecision,
    CountersignSubject,
    EndReason,
    Gender,
    IntervalUnit,
    MemberKind,
    OutcomeOrigin,
    PlanStatus,
    RecordStatus,
    Role,
    VisitType,
)
from cpdesk.models.base import Base, UTCDateTime, enum_column, record_columns

metadata = Base.metadata

# --- staff (models/staff.py) ---

teams = Table(
    "teams", metadata,
    Column("name", String(200), nullable=False, unique=True),
    *record_columns(),
)

staff = Table(
    "staff", metadata,
    Column("name", String(200), nullable=False),
    Column("username", String(80), nullable=False, unique=True),
    Column("role", enum_column(Role), nullable=False),
    Column("team_id", ForeignKey("teams.id")),
    Column("email", String(200)),
    Column("active", Boolean, nullable=False, default=True),
    # Sign-in (argon2id hash); empty until the account's first password is set.
    Column("password_hash", String(255)),
    Column("failed_sign_ins", Integer, nullable=False, default=0),
    Column("locked_until", UTCDateTime()),
    *record_columns(),
)

# --- the child (models/child.py) ---


def full_name_of(given_names: str, family_name: str) -> str:
    """A child's full name as every screen and document shows it: "Amy Smith"."""
    return f"{given_names} {family_name}"


children = Table(
    "children", metadata,
    Column("case_number", String(40), nullable=False, unique=True),
    Column("given_names", String(200), nullable=False),
    Column("family_name", String(200), nullable=False),
    Column("known_as", String(200)),
    # An unborn child has an expected date of birth and no date of birth.
    Column("date_of_birth", Date),
    Column("expected_date_of_birth", Date),
    Column("gender", enum_column(Gender), nullable=False, default=Gender.UNKNOWN),
    Column("ethnicity", String(200)),
    Column("disability", String(200)),
    Column("preferred_language", String(200)),
    Column("address", Text),
    Column("team_id", ForeignKey("teams.id")),
    Column("household_id", ForeignKey("households.id")),
    # Scotland: the named person to keep informed of changes (001).
    Column("named_person", String(200)),
    Column("emergency_protection_order", Boolean, nullable=False, default=False),
    Column("emergency_protection_order_date", Date),
    Column("police_protection", Boolean, nullable=False, default=False),
    Column("police_protection_date", Date),
    *record_columns(),
)

# --- the plan, its contents and versions (models/plan.py) ---

plans = Table(
    "plans", metadata,
    Column("child_id", ForeignKey("children.id"), nullable=False, index=True),
    Column("strategy_discussion_date", Date),
    Column("section_47_date", Date),
    # The plan starts on the date of the initial conference.
    Column("start_date", Date, nullable=False),
    # Why the initial conference was later than the profile allows after the strategy
    # discussion.
    Column("late_conference_reason", Text),
    Column("category", enum_column(Category), nullable=False),
    Column("latest_category", enum_column(Category)),
    Column("lead_worker_id", ForeignKey("staff.id"), index=True),
    Column("manager_id", ForeignKey("staff.id")),
    Column("conference_chair", String(200)),
    Column("lead_statutory_body", String(200)),
    Column("status", enum_column(PlanStatus), nullable=False, default=PlanStatus.ACTIVE),
    Column("end_date", Date),
    Column("end_reason", enum_column(EndReason)),
    Column("previous_plans", Integer, nullable=False, default=0),
    # Set by the conference when it differs from the profile (overrides the profile).
    Column("visit_interval", Integer),
    Column("visit_interval_unit", enum_column(IntervalUnit)),
    Column("core_group_interval", Integer),
    Column("core_group_interval_unit", enum_column(IntervalUnit)),
    # The plan's sections (002 section 1).
    Column("when_child_seen", Text),
    Column("contingency_plan", Text),
    Column("developmental_needs", Text),
    Column("therapeutic_services", Text),
    Column("review_points", Text),
    Column("family_involvement", Text),
    # Signs of Safety view of the same plan.
    Column("worries", Text),
    Column("working_well", Text),
    Column("needs_to_happen", Text),
    # The child's copy (002 section 3) and the family's preferred language for theirs.
    Column("childs_copy", Text),
    Column("family_copy_language", String(200)),
    *record_columns(),
    # Every alert and caseload read starts from the plans open on a day: found within this
    # index alone (migration 0005; issue 10).
    Index("ix_plans_open", "status", "child_id", "end_date", "start_date", "id"),
)

concerns = Table(
    "concerns", metadata,
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False, default=0),
    Column("description", Text, nullable=False),
    *record_columns(),
)

outcomes = Table(
    "outcomes", metadata,
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False, default=0),
    Column("description", Text, nullable=False),
    Column("origin", enum_column(OutcomeOrigin), nullable=False),
    Column("progress_measure", Text),
    *record_columns(),
)

actions = Table(
    "actions", metadata,
    Column("outcome_id", ForeignKey("outcomes.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False, default=0),
    Column("what", Text, nullable=False),
    Column("why", Text),
    Column("who", String(200)),
    Column("member_id", ForeignKey("core_group_members.id")),
    Column("by_when", Date),
    Column("status", enum_column(ActionStatus), nullable=False,
           default=ActionStatus.NOT_STARTED),
    *record_columns(),
    Index("ix_actions_status_by_when", "status", "by_when"),
)

plan_versions = Table(
    "plan_versions", metadata,
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("made_on", Date, nullable=False),
    Column("made_by_id", ForeignKey("staff.id")),
    Column("reason", Text, nullable=False),
    Column("snapshot", Text, nullable=False),  # JSON of the whole plan content
    Column("status", enum_column(RecordStatus), nullable=False, default=RecordStatus.FINAL),
    Column("finalised_at", UTCDateTime()),
    *record_columns(),
    UniqueConstraint("plan_id", "number"),
)

# --- conferences (models/conference.py) ---

conferences = Table(
    "conferences", metadata,
    Column("plan_id", ForeignKey("plans.id"), nullable=False),
    Column("kind", enum_column(ConferenceKind), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("chair", String(200)),
    Column("decisions", Text),
    Column("category", enum_column(Category)),
    # The date the conference set for the next review (004: agree the first review date).
    Column("next_review_date", Date),
    # Signs of Safety: the 0 to 10 safety scale recorded at this conference.
    Column("safety_scale", Integer),
    *record_columns(),
    Index("ix_conferences_plan_held", "plan_id", "held_on"),
)

# --- the core group (models/core_group.py) ---

core_group_members = Table(
    "core_group_members", metadata,
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False, default=0),
    Column("name", String(200), nullable=False),
    Column("kind", enum_column(MemberKind), nullable=False),
    Column("agency", String(200)),
    # Their job, e.g. "Health visitor", "Class teacher", "Mother".
    Column("job_title", String(200)),
    # Their role and responsibilities in the plan, and how often they see the child/family.
    Column("role_in_plan", Text),
    Column("contact_frequency", String(200)),
    Column("phone", String(60)),
    Column("email", String(200)),
    Column("address", Text),
    # A parent excluded from the core group must still be told of discussions and outcomes.
    Column("excluded", Boolean, nullable=False, default=False),
    Column("excluded_reason", Text),
    Column("joined_on", Date),
    Column("left_on", Date),
    # Sefton: the written agreement is signed by every core group member (003).
    Column("agreement_signed_on", Date),
    *record_columns(),
)

# The minutes no manager has countersigned, as the partial index below spells it: the alerts'
# query names it in the same words so that SQLite can match the two.
MINUTES_AWAITING_COUNTERSIGN = "status = 'final' AND NOT minutes_countersigned"

core_group_meetings = Table(
    "core_group_meetings", metadata,
    Column("plan_id", ForeignKey("plans.id"), nullable=False),
    Column("due_date", Date, nullable=False),
    Column("scheduled_for", UTCDateTime()),
    # Required when a meeting is moved past its due date.
    Column("moved_reason", Text),
    Column("held_on", Date),
    Column("chair", String(200)),
    Column("venue", String(200)),
    Column("decisions", Text),
    Column("changes_to_plan", Text),
    Column("next_meeting_date", Date),
    Column("minutes_circulated_on", Date),
    Column("author_id", Uuid(as_uuid=False)),
    Column("status", enum_column(RecordStatus), nullable=False, default=RecordStatus.DRAFT),
    Column("finalised_at", UTCDateTime()),
    # A copy: whether a manager has countersigned the minutes (MEETING_COPIES,
    # models/core_group.py).
    Column("minutes_countersigned", Boolean, nullable=False, default=False,
           server_default=false()),
    *record_columns(),
    Index("ix_core_group_meetings_plan_due", "plan_id", "due_date"),
    # What the alerts read of every meeting of each open plan (held, due, minutes
    # circulated), within the index (migration 0005; issue 10: 28 -> 17 ms).
    Index("ix_core_group_meetings_plan_facts", "plan_id", "status", "held_on", "due_date",
          "minutes_circulated_on", "id"),
    # The alerts ask which final minutes of each open plan await a countersignature: a few
    # among the thousands signed, found here without looking each one's countersignature
    # up (issue 10: 25 -> 3 ms for an authority). It leads with the same two columns as
    # the index above, so that SQLite's planner, weighing the two, takes this smaller one.
    # Partial on PostgreSQL too (migration 0005).
    Index("ix_core_group_meetings_awaiting_countersign", "plan_id", "status",
          sqlite_where=text(MINUTES_AWAITING_COUNTERSIGN)),
)

# --- visits (models/visit.py) ---

visits = Table(
    "visits", metadata,
    # No index on (status, visit_date): it tempted the planner to walk every final visit in
    # the authority for each plan (issue 10). The alerts read the entries' copies instead
    # (visit_children); migration 0005 dropped the two visits indexes 0002 had made for them.
    Column("visit_date", Date),
    Column("start_time", Time),
    Column("visit_type", enum_column(VisitType)),
    Column("household_id", ForeignKey("households.id")),
    Column("present", Text),
    Column("sleeping_arrangements", Text),
    Column("meals", Text),
    # Delegated contact must be agreed and recorded by the lead worker's manager (002
    # section 4).
    Column("delegated", Boolean, nullable=False, default=False),
    Column("delegated_to", String(200)),
    Column("delegation_agreed_by", String(200)),
    Column("next_planned_visit", Date),
    Column("author_id", Uuid(as_uuid=False), index=True),
    Column("status", enum_column(RecordStatus), nullable=False, default=RecordStatus.DRAFT),
    Column("finalised_at", UTCDateTime()),
    Column("void_reason", Text),
    *record_columns(),
)

# The visits no manager has countersigned, as the partial index below spells it: the alerts'
# query names it in the same words so that SQLite can match the two.
AWAITING_COUNTERSIGN = "visit_status = 'final' AND NOT visit_countersigned"

visit_children = Table(
    "visit_children", metadata,
    Column("visit_id", ForeignKey("visits.id"), nullable=False, index=True),
    # copies of the visit's visit_date and status, and of whether a manager has countersigned
    # it (VISIT_COPIES, models/visit.py)
    Column("visit_date", Date),
    Column("visit_status", enum_column(RecordStatus), nullable=False,
           default=RecordStatus.DRAFT, server_default=RecordStatus.DRAFT.value),
    Column("visit_countersigned", Boolean, nullable=False, default=False,
           server_default=false()),
    Column("child_id", ForeignKey("children.id"), nullable=False),
    Column("plan_id", ForeignKey("plans.id"), index=True),
    Column("position", Integer, nullable=False, default=0),
    Column("child_seen", Boolean),
    Column("not_seen_reason", Text),
    Column("seen_alone", Boolean),
    Column("not_seen_alone_reason", Text),
    # A baby under one is seen awake (002 section 4).
    Column("seen_awake", Boolean),
    Column("bedroom_seen", Boolean),
    Column("presentation_and_behaviour", Text),
    Column("wishes_and_feelings", Text),
    Column("new_incidents", Boolean),
    Column("incident_details", Text),
    Column("injury_location", Text),
    *record_columns(),
    # The alerts ask, for each child on an open plan, when their latest final visit was and
    # when they were last seen, seen alone, seen awake and their bedroom seen since the plan
    # began. Each entry carries a copy of its visit's date and status (kept equal on every
    # flush, models/visit.py), so this one index answers that: a range of the child's final
    # visits since the plan began, every fact in the index, no visit looked up (issue 10: a
    # third of the time of joining each entry to its visit).
    Index("ix_visit_children_child_final_facts", "child_id", "visit_status", "visit_date",
          "visit_id", "child_seen", "seen_alone", "seen_awake", "bedroom_seen"),
    # The alerts also ask which of the child's final visits await a countersignature: a
    # few among the thousands signed, found here without looking at the signed ones
    # (issue 10: 85 of 270 ms probing a countersignature for each final visit). It leads
    # with the same two columns as the index above, so that SQLite's planner, weighing
    # the two, takes this smaller one. Partial on PostgreSQL too (migration 0004).
    Index("ix_visit_children_awaiting_countersign", "child_id", "visit_status", "visit_id",
          sqlite_where=text(AWAITING_COUNTERSIGN)),
)

# --- countersignatures (models/countersign.py) ---

countersignatures = Table(
    "countersignatures", metadata,
    Column("subject_kind", enum_column(CountersignSubject), nullable=False),
    Column("subject_id", Uuid(as_uuid=False), nullable=False),
    Column("manager_id", Uuid(as_uuid=False), nullable=False),
    Column("signed_at", UTCDateTime(), nullable=False),
    Column("decision", enum_column(CountersignDecision), nullable=False),
    Column("comment", Text),
    # SHA-256 of exactly the content that was signed, so a later change is detectable.
    Column("content_hash", String(64), nullable=False),
    *record_columns(),
    # Covering "is this record countersigned?" (the decision too), asked for every final
    # record on an open plan when the alerts are worked out.
    Index("ix_countersignatures_subject_decision", "subject_kind", "subject_id", "decision"),
)


def countersigned(kind: CountersignSubject, record_id: Any) -> Exists:
    """Whether a manager has countersigned the record of `kind` whose id is `record_id` (a
    value, or a column of the query this is part of)."""
    c = countersignatures.c
    return exists().where(c.subject_kind == kind, c.subject_id == record_id,
                          c.decision == CountersignDecision.COUNTERSIGNED)

# --- settings (models/settings.py) ---

PROFILE_KEY = "procedure_profile"

settings = Table(
    "settings", metadata,
    Column("key", String(80), nullable=False, unique=True),
    Column("value", Text, nullable=False),
    *record_columns(),
)
