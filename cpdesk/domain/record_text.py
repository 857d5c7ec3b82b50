"""A stored record's content in words, for a manager reading it before they countersign and for
the audit history's before/after.

The input is the JSON-friendly content a countersignature's hash covers
(services/records.subject_content) or an audit event's before/after: field names become the
procedures' words, ISO dates become "Tue 6 Jan 2027", internal ids are left out and staff ids
become names. Plain Python: no Qt, no SQLAlchemy, no clock.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cpdesk.domain.dates import format_date

# Field names in words; anything not listed reads as its name with spaces ("Next meeting date").
LABELS: dict[str, str] = {
    "made_on": "Made on",
    "made_by_id": "Made by",
    "author_id": "Written by",
    "reason": "Reason",
    "number": "Version",
    "held_on": "Held on",
    "due_date": "Due by",
    "scheduled_for": "Arranged for",
    "moved_reason": "Why the meeting was moved",
    "chair": "Chair",
    "venue": "Venue",
    "decisions": "Decisions",
    "changes_to_plan": "Changes to the plan",
    "next_meeting_date": "Next meeting",
    "minutes_circulated_on": "Minutes circulated on",
    "finalised_at": "Finalised",
    "attendance": "Who came",
    "progress": "Progress against the plan",
    "category": "Category of abuse",
    "childs_copy": "The child's copy",
    "concerns": "Concerns",
    "outcomes": "Outcomes",
    "actions": "Actions",
    "contingency_plan": "Contingency plan",
    "developmental_needs": "Developmental needs",
    "review_points": "How progress is reviewed",
    "therapeutic_services": "Therapeutic services",
    "when_child_seen": "When the child will be seen",
    "danger_statements": "Danger statements",
    "safety_goals": "Safety goals",
    "members": "Core group members",
    "progress_measure": "How progress is measured",
    "origin": "Agreed",
    "what": "What",
    "who": "Who",
    "by_when": "By when",
    "content": "Report",
    "visit_date": "Date of the visit",
    "start_time": "Start time",
    "visit_type": "Announced or unannounced",
    "present": "Who was present",
    "sleeping_arrangements": "Sleeping arrangements",
    "meals": "Meals",
    "next_planned_visit": "Next planned visit",
    "children": "Children",
    "child_seen": "Child seen",
    "seen_alone": "Seen alone",
    "not_seen_reason": "Why the child was not seen",
    "not_seen_alone_reason": "Why the child was not seen alone",
    "seen_awake": "Seen awake",
    "bedroom_seen": "Bedroom seen",
    "presentation_and_behaviour": "Presentation and behaviour",
    "wishes_and_feelings": "Wishes and feelings",
    "new_incidents": "New incidents or injuries",
    "incident_details": "Details of the incident",
    "injury_location": "Where the injury is",
    "observations": "Observations against each concern",
    "observation": "Observation",
    "concern": "Concern",
    "risk_trend": "Risk",
    "status": "Status",
    "comment": "Comment",
    "content_hash": "Fingerprint of what was signed",
    "text": "Text",
}
# Bookkeeping nobody reads: record ids and the links between rows.
_SKIP = re.compile(r"^(id|.*_ids?|position|revision|created_at|updated_at|updated_by)$")
# Ids that are people: shown as their name.
_PEOPLE = frozenset({"made_by_id", "author_id", "manager_id", "lead_worker_id", "actor_id"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}$")
_WORD_VALUE = re.compile(r"^[a-z]+(_[a-z]+)+$")  # enum values such as agreed_at_conference
# Fields holding a vocabulary value ("unannounced", "neglect"): shown with a capital.
_ENUM_KEYS = frozenset({"visit_type", "category", "risk_trend", "status", "origin", "kind",
                        "decision", "role"})
# Asked only sometimes (a moved meeting, a delegated visit): left out when empty.
_OPTIONAL = frozenset({"moved_reason", "delegated_to", "delegation_agreed_by", "not_seen_reason",
                       "not_seen_alone_reason", "incident_details", "injury_location",
                       "seen_awake", "void_reason"})


@dataclass(frozen=True)
class TextSection:
    """One part of a record: a heading and its lines, as a manager reads it."""

    heading: str
    lines: tuple[str, ...]


def label(key: str, labels: Mapping[str, str] | None = None) -> str:
    return (labels or {}).get(key) or LABELS.get(key, key.replace("_", " ").capitalize())


def value_text(value: Any, names: Mapping[str, str] | None = None, key: str = "") -> str:
    """One value in words: dates, yes/no, enum values, people."""
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        local = value.astimezone() if value.tzinfo else value
        return f"{format_date(local.date())} at {local:%H:%M}"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, str):
        if key in _PEOPLE:
            return (names or {}).get(value, "a former colleague")
        if key in _ENUM_KEYS:
            return value.replace("_", " ").capitalize()
        if _ISO_TIME.match(value):
            return value[:5]
        if _ISO_DATE.match(value):
            return format_date(date.fromisoformat(value))
        if _ISO_DATETIME.match(value):
            try:
                return value_text(datetime.fromisoformat(value))
            except ValueError:
                return value
        if _WORD_VALUE.match(value):
            return value.replace("_", " ").capitalize()
        return value
    return str(value)


def _item_text(item: Any, names: Mapping[str, str] | None) -> str:
    """One entry of a list (a concern, an outcome, an attendance line) on one line."""
    if not isinstance(item, Mapping):
        return value_text(item, names)
    item = {k: v for k, v in item.items() if not (k in _OPTIONAL and v in (None, ""))}
    if "attended" in item and "name" in item:  # core group attendance
        if item.get("attended"):
            return f"{item['name']}: attended"
        words = f"{item['name']}: sent apologies" if item.get("apologies") else (
            f"{item['name']}: did not attend")
        summary = item.get("summary_of_involvement")
        return f"{words}. Their summary: {summary}" if summary else words
    main = next((item[k] for k in ("description", "what", "name", "progress", "observation",
                                   "concern", "text") if item.get(k)), None)
    rest = [f"{label(k)}: {value_text(v, names, k)}" for k, v in item.items()
            if not _SKIP.match(k) and v not in (None, "", [], {}) and v is not main
            and not isinstance(v, list | dict) and not (k in _OPTIONAL and v in (None, ""))]
    nested = [f"{label(k)}: " + "; ".join(_item_text(x, names) for x in v)
              for k, v in item.items() if isinstance(v, list) and v and not _SKIP.match(k)]
    head = value_text(main, names) if main is not None else ""
    return " — ".join(p for p in (head, "; ".join(rest + nested)) if p)


def sections(content: Mapping[str, Any], names: Mapping[str, str] | None = None,
             skip: frozenset[str] = frozenset(),
             labels: Mapping[str, str] | None = None) -> list[TextSection]:
    """The content as headed sections, in the order the record stores them.

    Nested JSON (a plan version's snapshot) is opened out; lists become one line per entry.
    """
    out: list[TextSection] = []
    for key, value in content.items():
        if key in skip or _SKIP.match(key) and key not in _PEOPLE:
            continue
        if key in _OPTIONAL and value in (None, ""):
            continue
        if isinstance(value, str) and value[:1] in "{[":
            try:
                value = json.loads(value)
            except ValueError:
                pass
        if isinstance(value, Mapping):
            out.extend(sections(value, names, skip, labels))
        elif isinstance(value, list):
            lines = tuple(_item_text(v, names) for v in value)
            out.append(TextSection(label(key, labels), lines or ("None recorded",)))
        else:
            out.append(TextSection(label(key, labels), (value_text(value, names, key),)))
    return out


def changes_text(raw: str | None, names: Mapping[str, str] | None = None) -> str:
    """An audit event's before or after (stored as JSON) in lines a person can read."""
    if raw is None:
        return ""
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    if isinstance(value, Mapping):
        return "\n".join(f"{s.heading}: " + ("\n  ".join(s.lines) if len(s.lines) > 1
                                               else s.lines[0])
                         for s in sections(value, names))
    if isinstance(value, list):
        return "\n".join(_item_text(v, names) for v in value)
    return value_text(value, names)
