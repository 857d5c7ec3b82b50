"""The shape of the cpdesk interchange file (format "cpdesk-interchange", version 1).

Owns: which record kinds the file holds, where each sits (its list key and its parent), which
columns it carries (read from the SQLAlchemy models, so a new column joins the format by
itself), which fields refer to other records, the order lists are written in, and how one
value is read from JSON and written back. docs/interchange.md is the reader's version of this.

Imports domain and models only; the reading, checking and writing live in
`cpdesk.services.interchange`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String, Time, Uuid
from sqlalchemy import Enum as SAEnum

from cpdesk.models import (
    Action,
    Addendum,
    Child,
    Concern,
    Conference,
    CoreGroupMeeting,
    CoreGroupMember,
    Countersignature,
    DangerStatement,
    Disagreement,
    FamilyMember,
    Household,
    MeetingAttendance,
    MeetingProgress,
    Notification,
    Observation,
    Outcome,
    Plan,
    PlanVersion,
    ReviewReport,
    Staff,
    Team,
    Visit,
    VisitChild,
)
from cpdesk.models.base import Base, UTCDateTime
from cpdesk.models.core_group import MEETING_COPIES
from cpdesk.models.visit import VISIT_COPIES

FORMAT = "cpdesk-interchange"
VERSION = 1

# Never in the file: the optimistic-lock counter (an imported record starts at revision 1) and
# sign-in secrets (a password hash must not travel in a case file).
ALWAYS_EXCLUDED = frozenset({"revision"})
STAFF_EXCLUDED = frozenset({"password_hash", "failed_sign_ins", "locked_until"})

# Dates that may lie in the future: plans for what is to come. Every other date and timestamp
# records something that has happened, so it must be today or earlier.
FUTURE_ALLOWED = frozenset({
    "expected_date_of_birth", "next_review_date", "by_when", "due_date", "scheduled_for",
    "next_meeting_date", "next_planned_visit",
})

INT_MAX = 2**31 - 1
# (lowest, highest) for whole-number fields; the rest are 0..INT_MAX.
INT_RANGES: dict[str, tuple[int, int]] = {
    "visit_interval": (1, 366),
    "core_group_interval": (1, 366),
    "safety_scale": (0, 10),
    "number": (1, INT_MAX),
}

# What each reference field points at. "staff" accepts a staff id or a username; the others
# take ids. Kinds ending in "@plan" must be records of the same plan (the child's plans, for a
# visit entry that belongs to no plan).
REFERENCES: dict[tuple[str, str], str] = {
    ("staff", "team_id"): "team",
    ("child", "team_id"): "team",
    ("child", "household_id"): "household",
    ("plan", "lead_worker_id"): "staff",
    ("plan", "manager_id"): "staff",
    ("action", "member_id"): "member@plan",
    ("meeting", "author_id"): "staff",
    ("attendance", "member_id"): "member@plan",
    ("progress", "outcome_id"): "outcome@plan",
    ("progress", "action_id"): "action@plan",
    ("version", "made_by_id"): "staff",
    ("disagreement", "version_id"): "version@plan",
    ("disagreement", "meeting_id"): "meeting@plan",
    ("review_report", "conference_id"): "conference@plan",
    ("review_report", "author_id"): "staff",
    ("visit", "household_id"): "household",
    ("visit", "author_id"): "staff",
    ("observation", "concern_id"): "concern@plan",
    ("countersignature", "manager_id"): "staff",
    ("addendum", "author_id"): "staff",
}

# Countersignatures and addenda name their subject by kind and id.
SUBJECT_KINDS: dict[str, str] = {
    "visit": "visit",
    "plan_version": "version",
    "core_group_minutes": "meeting",
    "review_report": "review_report",
}

# Fields unique across the whole store (checked in the file and against the database).
UNIQUE_FIELDS: dict[str, tuple[str, ...]] = {
    "team": ("name",),
    "staff": ("username",),
    "child": ("case_number",),
}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # uuid, str, int, bool, date, time, datetime, enum
    nullable: bool
    required: bool
    max_length: int | None = None
    enum: type[StrEnum] | None = None


@dataclass(frozen=True)
class KindSpec:
    """One kind of record: its model, list key, parent column, order and nested lists."""

    name: str
    model: type[Base]
    key: str
    parent_fk: str | None
    order: tuple[str, ...]
    nested: tuple[str, ...] = ()
    exclude: frozenset[str] = frozenset()
    fields: dict[str, FieldSpec] = field(default_factory=dict)


def _field_kind(column: Any) -> tuple[str, int | None, type[StrEnum] | None]:
    t = column.type
    if isinstance(t, SAEnum):
        return "enum", None, t.enum_class
    if isinstance(t, Uuid):
        return "uuid", None, None
    if isinstance(t, UTCDateTime):
        return "datetime", None, None
    if isinstance(t, Date):
        return "date", None, None
    if isinstance(t, Time):
        return "time", None, None
    if isinstance(t, Boolean):
        return "bool", None, None
    if isinstance(t, Integer):
        return "int", None, None
    if isinstance(t, String):
        return "str", t.length, None
    raise TypeError(f"{column}: no interchange form for {t!r}")


def model_fields(model: type[Base], exclude: frozenset[str]) -> dict[str, FieldSpec]:
    """The interchange fields of a model, in column order."""
    out: dict[str, FieldSpec] = {}
    columns = sorted(model.__table__.columns, key=lambda c: c.key != "id")  # id first
    for column in columns:
        if column.key in exclude or column.key in ALWAYS_EXCLUDED:
            continue
        kind, length, enum = _field_kind(column)
        nullable = bool(column.nullable) and not column.primary_key
        required = column.key == "id" or (not nullable and column.default is None)
        out[column.key] = FieldSpec(column.key, kind, nullable, required, length, enum)
    return out


def _kind(name: str, model: type[Base], key: str, parent_fk: str | None,
          order: tuple[str, ...], nested: tuple[str, ...] = (),
          exclude: frozenset[str] = frozenset()) -> KindSpec:
    drop = exclude | ({parent_fk} if parent_fk else set())
    return KindSpec(name, model, key, parent_fk, order, nested, exclude,
                    model_fields(model, frozenset(drop)))


POS = ("position", "id")

KINDS: dict[str, KindSpec] = {
    k.name: k for k in (
        _kind("team", Team, "teams", None, ("name", "id")),
        _kind("staff", Staff, "staff", None, ("username", "id"), exclude=STAFF_EXCLUDED),
        _kind("household", Household, "households", None, ("name", "id")),
        _kind("child", Child, "children", None, ("case_number", "id"),
              nested=("family", "plans", "visits")),
        _kind("family", FamilyMember, "family", "child_id", POS),
        _kind("plan", Plan, "plans", "child_id", ("start_date", "id"),
              nested=("concerns", "outcomes", "danger_statements", "members", "conferences",
                      "meetings", "versions", "disagreements", "notifications",
                      "review_reports", "visits")),
        _kind("concern", Concern, "concerns", "plan_id", POS),
        _kind("outcome", Outcome, "outcomes", "plan_id", POS, nested=("actions",)),
        _kind("action", Action, "actions", "outcome_id", POS),
        _kind("danger_statement", DangerStatement, "danger_statements", "plan_id", POS),
        _kind("member", CoreGroupMember, "members", "plan_id", POS),
        _kind("conference", Conference, "conferences", "plan_id", ("held_on", "id")),
        _kind("meeting", CoreGroupMeeting, "meetings", "plan_id", ("due_date", "id"),
              nested=("attendance", "progress"), exclude=MEETING_COPIES),
        _kind("attendance", MeetingAttendance, "attendance", "meeting_id", ("name", "id")),
        _kind("progress", MeetingProgress, "progress", "meeting_id", POS),
        _kind("version", PlanVersion, "versions", "plan_id", ("number", "id")),
        _kind("disagreement", Disagreement, "disagreements", "plan_id", ("recorded_on", "id")),
        _kind("notification", Notification, "notifications", "plan_id", ("sent_on", "id")),
        _kind("review_report", ReviewReport, "review_reports", "plan_id", ("created_at", "id")),
        _kind("visit", Visit, "visits", None, ("visit_date", "start_time", "id")),
        _kind("entry", VisitChild, "", "visit_id", POS,
              exclude=frozenset({"child_id", "plan_id"}) | VISIT_COPIES),
        _kind("observation", Observation, "observations", "visit_child_id", POS),
        _kind("countersignature", Countersignature, "countersignatures", None,
              ("signed_at", "id")),
        _kind("addendum", Addendum, "addenda", None, ("written_at", "id")),
    )
}

# The nested list keys of each kind, mapped to the kind they hold.
NESTED: dict[str, dict[str, str]] = {
    "child": {"family": "family", "plans": "plan", "visits": "visit"},
    "plan": {"concerns": "concern", "outcomes": "outcome",
             "danger_statements": "danger_statement", "members": "member",
             "conferences": "conference", "meetings": "meeting", "versions": "version",
             "disagreements": "disagreement", "notifications": "notification",
             "review_reports": "review_report", "visits": "visit"},
    "outcome": {"actions": "action"},
    "meeting": {"attendance": "attendance", "progress": "progress"},
    "visit": {"observations": "observation"},
}

TOP_LEVEL_LISTS: dict[str, str] = {
    "staff": "staff", "teams": "team", "households": "household", "children": "child",
    "countersignatures": "countersignature", "addenda": "addendum",
}
TOP_LEVEL_KEYS = ("format", "version", "exported_at", "staff", "teams", "households",
                  "children", "countersignatures", "addenda")

# A visit item in a plan's (or child's) "visits" list is one child's view of one visit: the
# visit's shared fields under their own names, this child's entry (VisitChild) fields under
# theirs, and the entry's own bookkeeping under "entry_" names (both records have an id).
ENTRY_PREFIX = "entry_"
ENTRY_BOOKKEEPING = ("id", "created_at", "updated_at", "updated_by", "position")


def visit_item_fields() -> dict[str, FieldSpec]:
    """Fields of a visit item: the Visit's, then the entry's (bookkeeping ones prefixed)."""
    out = dict(KINDS["visit"].fields)
    for name, spec in KINDS["entry"].fields.items():
        if name in ENTRY_BOOKKEEPING:
            out[ENTRY_PREFIX + name] = FieldSpec(ENTRY_PREFIX + name, spec.kind, spec.nullable,
                                                 spec.required, spec.max_length, spec.enum)
        else:
            out[name] = spec
    return out


VISIT_ITEM_FIELDS = visit_item_fields()
VISIT_SHARED = tuple(KINDS["visit"].fields)


def item_fields(kind: str) -> dict[str, FieldSpec]:
    return VISIT_ITEM_FIELDS if kind == "visit" else KINDS[kind].fields


# --- values: JSON to Python and back ---

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")


class BadValue(ValueError):
    """A value that does not fit its field; the message is the rule, e.g. "must be a date"."""


def _describe_enum(enum: type[StrEnum]) -> str:
    return ", ".join(m.value for m in enum)


def read_value(spec: FieldSpec, value: Any) -> Any:
    """The Python value for one JSON value (not null). Raises BadValue naming the rule."""
    k = spec.kind
    if k == "str":
        if not isinstance(value, str):
            raise BadValue("must be text")
        if spec.max_length is not None and len(value) > spec.max_length:
            raise BadValue(f"must be {spec.max_length} characters or fewer")
        if "\x00" in value:
            raise BadValue("must not contain the NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise BadValue("must be valid Unicode text (unpaired surrogate)") from None
        return value
    if k == "uuid":
        if not isinstance(value, str):
            raise BadValue("must be an id (a UUID as text)")
        try:
            canonical = str(uuid.UUID(value))
        except ValueError:
            raise BadValue("must be a UUID like 0b5e3c1a-6f7e-4d2a-9c41-2f0e8d1b7a90") from None
        if canonical != value:
            raise BadValue(f"must be a UUID in lowercase 8-4-4-4-12 form ({canonical})")
        return value
    if k == "bool":
        if not isinstance(value, bool):
            raise BadValue("must be true or false")
        return value
    if k == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadValue("must be a whole number")
        low, high = INT_RANGES.get(spec.name, (0, INT_MAX))
        if not low <= value <= high:
            raise BadValue(f"must be a whole number from {low} to {high}")
        return value
    if k == "enum":
        assert spec.enum is not None
        if not isinstance(value, str):
            raise BadValue(f"must be one of: {_describe_enum(spec.enum)}")
        try:
            return spec.enum(value)
        except ValueError:
            raise BadValue(f"must be one of: {_describe_enum(spec.enum)}") from None
    if k == "date":
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise BadValue("must be a date in the form YYYY-MM-DD")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise BadValue("must be a real date in the form YYYY-MM-DD") from None
    if k == "time":
        if not isinstance(value, str) or not _TIME.fullmatch(value):
            raise BadValue("must be a time in the form HH:MM or HH:MM:SS")
        try:
            return time.fromisoformat(value)
        except ValueError:
            raise BadValue("must be a real time in the form HH:MM or HH:MM:SS") from None
    if k == "datetime":
        if not isinstance(value, str) or not _DATETIME.fullmatch(value):
            raise BadValue("must be a date and time with its UTC offset, "
                           "e.g. 2027-01-06T10:30:00+00:00")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise BadValue("must be a real date and time, e.g. 2027-01-06T10:30:00+00:00") \
                from None
        return parsed.astimezone(UTC)
    raise AssertionError(k)


def write_value(spec: FieldSpec, value: Any) -> Any:
    """The JSON value for one Python value as the store returns it."""
    if value is None:
        return None
    k = spec.kind
    if k == "enum":
        return value.value if isinstance(value, StrEnum) else str(value)
    if k == "uuid":
        return str(uuid.UUID(str(value)))
    if k == "date":
        return value.isoformat()
    if k == "time":
        if value.second == 0 and value.microsecond == 0:
            return value.strftime("%H:%M")
        return value.strftime("%H:%M:%S")
    if k == "datetime":
        return value.astimezone(UTC).isoformat()
    return value


def order_key(kind: str) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """Sort key for a kind's Python rows: documented order, missing values last."""
    names = KINDS[kind].order

    def key(row: Mapping[str, Any]) -> tuple[Any, ...]:
        out: list[Any] = []
        for name in names:
            v = row.get(name)
            out.append((v is None, "" if v is None else v))
        return tuple(out)

    return key
