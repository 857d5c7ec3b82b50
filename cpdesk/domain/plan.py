"""The child protection plan as the editor edits it, its versions, and the rules on editing it.

Owns the frozen `PlanRecord` (every part 002 section 1 and 004 5.105 ask for, each item with its
id), `snapshot` (the JSON a saved version keeps), `compare_versions` (what was added, changed and
removed, section by section), `check_core_group_edit` (002 6.6: the core group can add outcomes
and actions but cannot alter an outcome agreed at the conference) and `readability` (a hint for
the child's copy, 002 section 3).

Plain Python only: no Qt, no SQLAlchemy, no clock (callers pass dates).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from dateutil.relativedelta import relativedelta

from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import ActionStatus, MemberKind, OutcomeOrigin
from cpdesk.domain.errors import NotAllowed
from cpdesk.domain.plan_completeness import (
    ActionContent,
    MemberRole,
    OutcomeContent,
    PlanContent,
)

SNAPSHOT_FORMAT = 1

CONFERENCE_OUTCOME_LOCKED = (
    "Outcomes agreed at the conference cannot be changed by the core group. "
    "Add a new outcome instead."
)
CONFERENCE_OUTCOME_NOT_DELETED = (
    "Outcomes agreed at the conference cannot be deleted by the core group. "
    "Add a new outcome instead."
)

ACTION_STATUS_WORDS: dict[ActionStatus, str] = {
    ActionStatus.NOT_STARTED: "Not started",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.NOT_DONE: "Not done",
}

ORIGIN_WORDS: dict[OutcomeOrigin, str] = {
    OutcomeOrigin.AGREED_AT_CONFERENCE: "Agreed at the conference",
    OutcomeOrigin.ADDED_BY_CORE_GROUP: "Added by the core group",
}


class VersionReason(StrEnum):
    """Why a new numbered version of the plan was saved (issue 6; 002 6.5)."""

    CORE_GROUP_MEETING = "Core group meeting"
    REVIEW_CONFERENCE = "Review conference"
    CHANGE_OF_CIRCUMSTANCES = "Change of circumstances"


def new_item_id() -> str:
    """An id for an item added in the editor, kept when it is saved (so undo stays exact)."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class ConcernItem:
    id: str
    description: str = ""


@dataclass(frozen=True)
class ActionItem:
    id: str
    what: str = ""
    why: str = ""
    who: str = ""
    member_id: str | None = None
    by_when: date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED


@dataclass(frozen=True)
class OutcomeItem:
    id: str
    description: str = ""
    origin: OutcomeOrigin = OutcomeOrigin.ADDED_BY_CORE_GROUP
    progress_measure: str = ""
    actions: tuple[ActionItem, ...] = ()

    @property
    def agreed_at_conference(self) -> bool:
        return self.origin is OutcomeOrigin.AGREED_AT_CONFERENCE


@dataclass(frozen=True)
class MemberItem:
    """A core group member's role in the plan and the nature and frequency of their contact."""

    member_id: str
    name: str
    kind: MemberKind = MemberKind.PROFESSIONAL
    job_title: str = ""
    agency: str = ""
    role_in_plan: str = ""
    contact_frequency: str = ""


@dataclass(frozen=True)
class DangerItem:
    """Signs of Safety: a danger statement paired with its safety goal."""

    id: str
    danger_statement: str = ""
    safety_goal: str = ""


@dataclass(frozen=True)
class SafetyScore:
    """Signs of Safety: the 0 to 10 safety scale recorded at one conference."""

    conference_id: str
    held_on: date
    review: bool
    score: int | None = None


@dataclass(frozen=True)
class PlanRecord:
    """Everything the plan editor edits, as it was read (revision) plus the child it is for."""

    plan_id: str
    child_id: str
    revision: int
    child_name: str = ""
    child_date_of_birth: date | None = None
    child_expected_date_of_birth: date | None = None
    child_preferred_language: str = ""
    concerns: tuple[ConcernItem, ...] = ()
    outcomes: tuple[OutcomeItem, ...] = ()
    contingency_plan: str = ""
    members: tuple[MemberItem, ...] = ()
    when_child_seen: str = ""
    developmental_needs: str = ""
    therapeutic_services: str = ""
    review_points: str = ""
    worries: str = ""
    working_well: str = ""
    needs_to_happen: str = ""
    danger_statements: tuple[DangerItem, ...] = ()
    safety_scores: tuple[SafetyScore, ...] = ()
    childs_copy: str = ""
    family_copy_language: str = ""

    def outcome(self, outcome_id: str) -> OutcomeItem | None:
        return next((o for o in self.outcomes if o.id == outcome_id), None)

    def member_name(self, member_id: str | None) -> str:
        return next((m.name for m in self.members if m.member_id == member_id), "")


# The plain text sections, in the order the plan is read, with their names on screen.
TEXT_SECTIONS: tuple[tuple[str, str], ...] = (
    ("contingency_plan", "Contingency plan"),
    ("when_child_seen", "When the child will be seen, alone and with others"),
    ("developmental_needs", "Developmental needs"),
    ("therapeutic_services", "Therapeutic services"),
    ("review_points", "Review points"),
)
SIGNS_OF_SAFETY_SECTIONS: tuple[tuple[str, str], ...] = (
    ("worries", "What are we worried about?"),
    ("working_well", "What is working well?"),
    ("needs_to_happen", "What needs to happen?"),
)


def plan_content(record: PlanRecord) -> PlanContent:
    """The plan as the completeness check reads it (cpdesk.domain.plan_completeness)."""
    return PlanContent(
        concerns=tuple(c.description for c in record.concerns),
        outcomes=tuple(
            OutcomeContent(
                description=o.description, origin=o.origin, progress_measure=o.progress_measure,
                actions=tuple(
                    ActionContent(what=a.what, why=a.why,
                                  who=a.who or record.member_name(a.member_id),
                                  by_when=a.by_when, status=a.status)
                    for a in o.actions
                ),
            )
            for o in record.outcomes
        ),
        contingency_plan=record.contingency_plan,
        members=tuple(
            MemberRole(name=m.name, role_in_plan=m.role_in_plan,
                       contact_frequency=m.contact_frequency)
            for m in record.members
        ),
        when_child_seen=record.when_child_seen,
        developmental_needs=record.developmental_needs,
        therapeutic_services=record.therapeutic_services,
        review_points=record.review_points,
    )


# ----------------------------------------------------------------------------------- snapshot


def snapshot(record: PlanRecord) -> dict[str, Any]:
    """The plan's content as JSON-ready data: what a saved version keeps, readable for ever.

    Items keep their ids so two versions can be compared item by item.
    """
    return {
        "format": SNAPSHOT_FORMAT,
        "plan_id": record.plan_id,
        "concerns": [{"id": c.id, "description": c.description} for c in record.concerns],
        "outcomes": [
            {
                "id": o.id, "description": o.description, "origin": o.origin.value,
                "progress_measure": o.progress_measure,
                "actions": [
                    {"id": a.id, "what": a.what, "why": a.why,
                     "who": a.who or record.member_name(a.member_id), "member_id": a.member_id,
                     "by_when": a.by_when.isoformat() if a.by_when else None,
                     "status": a.status.value}
                    for a in o.actions
                ],
            }
            for o in record.outcomes
        ],
        **{key: getattr(record, key) for key, _ in TEXT_SECTIONS},
        "members": [
            {"member_id": m.member_id, "name": m.name, "kind": m.kind.value,
             "job_title": m.job_title, "agency": m.agency, "role_in_plan": m.role_in_plan,
             "contact_frequency": m.contact_frequency}
            for m in record.members
        ],
        **{key: getattr(record, key) for key, _ in SIGNS_OF_SAFETY_SECTIONS},
        "danger_statements": [
            {"id": d.id, "danger_statement": d.danger_statement, "safety_goal": d.safety_goal}
            for d in record.danger_statements
        ],
        "safety_scores": [
            {"conference_id": s.conference_id, "held_on": s.held_on.isoformat(),
             "review": s.review, "score": s.score}
            for s in record.safety_scores
        ],
        "childs_copy": record.childs_copy,
        "family_copy_language": record.family_copy_language,
    }


# ----------------------------------------------------------------------------------- compare


class ChangeKind(StrEnum):
    ADDED = "Added"
    CHANGED = "Changed"
    REMOVED = "Removed"


@dataclass(frozen=True)
class ItemChange:
    kind: ChangeKind
    label: str  # which item: "Outcome: Amy is safe at night"
    before: str | None  # the text in the earlier version (None when added)
    after: str | None  # the text in the later version (None when removed)


@dataclass(frozen=True)
class SectionDiff:
    section: str
    changes: tuple[ItemChange, ...] = field(default_factory=tuple)

    @property
    def unchanged(self) -> bool:
        return not self.changes


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(snap: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = snap.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _date_words(iso: Any) -> str:
    if not iso:
        return "no date yet"
    try:
        return format_date(date.fromisoformat(str(iso)))
    except ValueError:
        return str(iso)


def _origin_words(value: Any) -> str:
    try:
        return ORIGIN_WORDS[OutcomeOrigin(value)]
    except ValueError:
        return str(value)


def _status_words(value: Any) -> str:
    try:
        return ACTION_STATUS_WORDS[ActionStatus(value)]
    except ValueError:
        return str(value)


def _outcome_text(o: dict[str, Any]) -> str:
    lines = [_text(o.get("description")) or "(no description)",
             f"How progress will be judged: {_text(o.get('progress_measure')) or 'not yet said'}",
             f"({_origin_words(o.get('origin'))})"]
    return "\n".join(lines)


def _action_text(a: dict[str, Any]) -> str:
    return "\n".join([
        f"What: {_text(a.get('what')) or 'not yet said'}",
        f"Why: {_text(a.get('why')) or 'not yet said'}",
        f"Who: {_text(a.get('who')) or 'not yet said'}",
        f"By when: {_date_words(a.get('by_when'))}",
        f"Status: {_status_words(a.get('status'))}",
    ])


def _member_text(m: dict[str, Any]) -> str:
    return "\n".join([
        f"Role: {_text(m.get('role_in_plan')) or 'not yet said'}",
        f"Contact: {_text(m.get('contact_frequency')) or 'not yet said'}",
    ])


def _danger_text(d: dict[str, Any]) -> str:
    return "\n".join([
        f"Danger statement: {_text(d.get('danger_statement')) or 'not yet said'}",
        f"Safety goal: {_text(d.get('safety_goal')) or 'not yet said'}",
    ])


def _score_text(s: dict[str, Any]) -> str:
    score = s.get("score")
    return f"{score} out of 10" if isinstance(score, int) else "not recorded"


def _compare_items(
    before: list[dict[str, Any]], after: list[dict[str, Any]], key: str,
    label: Any, text: Any,
) -> tuple[ItemChange, ...]:
    """Match items by id: added (only in `after`), removed (only in `before`), changed."""
    old = {str(i.get(key)): i for i in before}
    new = {str(i.get(key)): i for i in after}
    changes: list[ItemChange] = []
    for item_id, item in new.items():
        if item_id not in old:
            changes.append(ItemChange(ChangeKind.ADDED, label(item), None, text(item)))
        elif text(old[item_id]) != text(item):
            changes.append(ItemChange(ChangeKind.CHANGED, label(item), text(old[item_id]),
                                      text(item)))
    for item_id, item in old.items():
        if item_id not in new:
            changes.append(ItemChange(ChangeKind.REMOVED, label(item), text(item), None))
    return tuple(changes)


def _compare_text(section: str, before: Any, after: Any) -> tuple[ItemChange, ...]:
    a, b = _text(before), _text(after)
    if a == b:
        return ()
    if not a:
        return (ItemChange(ChangeKind.ADDED, section, None, b),)
    if not b:
        return (ItemChange(ChangeKind.REMOVED, section, a, None),)
    return (ItemChange(ChangeKind.CHANGED, section, a, b),)


def _actions(snap: dict[str, Any]) -> list[dict[str, Any]]:
    """Every action with the outcome it sits under, for comparing actions as one section."""
    out: list[dict[str, Any]] = []
    for o in _list(snap, "outcomes"):
        for a in _list(o, "actions"):
            out.append({**a, "_outcome": _text(o.get("description"))})
    return out


def compare_versions(a: dict[str, Any], b: dict[str, Any]) -> list[SectionDiff]:
    """What changed from snapshot `a` (earlier) to snapshot `b` (later), section by section.

    Every section is listed, in the order the plan is read; `unchanged` ones have no changes.
    Snapshots of an older or empty format compare as far as their content goes.
    """
    sections: list[SectionDiff] = [
        SectionDiff("Concerns", _compare_items(
            _list(a, "concerns"), _list(b, "concerns"), "id",
            lambda c: f"Concern: {_short(_text(c.get('description')))}",
            lambda c: _text(c.get("description")))),
        SectionDiff("Outcomes", _compare_items(
            _list(a, "outcomes"), _list(b, "outcomes"), "id",
            lambda o: f"Outcome: {_short(_text(o.get('description')))}", _outcome_text)),
        SectionDiff("Actions", _compare_items(
            _actions(a), _actions(b), "id",
            lambda x: f"Action: {_short(_text(x.get('what')), 40)} "
                      f"(outcome: {_short(x['_outcome'], 40)})",
            _action_text)),
    ]
    for key, title in TEXT_SECTIONS:
        sections.append(SectionDiff(title, _compare_text(title, a.get(key), b.get(key))))
    sections.append(SectionDiff("Core group roles", _compare_items(
        _list(a, "members"), _list(b, "members"), "member_id",
        lambda m: f"Core group member: {_text(m.get('name'))}", _member_text)))
    for key, title in SIGNS_OF_SAFETY_SECTIONS:
        sections.append(SectionDiff(title, _compare_text(title, a.get(key), b.get(key))))
    sections.append(SectionDiff("Danger statements and safety goals", _compare_items(
        _list(a, "danger_statements"), _list(b, "danger_statements"), "id",
        lambda d: f"Danger statement: {_short(_text(d.get('danger_statement')))}",
        _danger_text)))
    sections.append(SectionDiff("Safety scale", _compare_items(
        _list(a, "safety_scores"), _list(b, "safety_scores"), "conference_id",
        lambda s: f"Conference on {_date_words(s.get('held_on'))}", _score_text)))
    sections.append(SectionDiff("The child's copy", _compare_text(
        "The child's copy", a.get("childs_copy"), b.get("childs_copy"))))
    sections.append(SectionDiff("Family's preferred language", _compare_text(
        "Family's preferred language", a.get("family_copy_language"),
        b.get("family_copy_language"))))
    return sections


# ------------------------------------------------------------------------- the conference lock


def check_core_group_edit(before: PlanRecord, after: PlanRecord) -> None:
    """Raise NotAllowed when `after` alters or deletes an outcome agreed at the conference.

    002 6.6: "The Core Group should not alter any of the specified outcomes agreed at the
    conference although they can agree additional outcomes if required." The outcome is its
    wording; the core group adds the detail (actions under any outcome, how progress will be
    judged). An outcome cannot be made (or unmade) a conference outcome in the editor.
    """
    after_by_id = {o.id: o for o in after.outcomes}
    before_by_id = {o.id: o for o in before.outcomes}
    for old in before.outcomes:
        if not old.agreed_at_conference:
            continue
        new = after_by_id.get(old.id)
        if new is None:
            raise NotAllowed(CONFERENCE_OUTCOME_NOT_DELETED)
        if new.description != old.description or not new.agreed_at_conference:
            raise NotAllowed(CONFERENCE_OUTCOME_LOCKED)
    for new in after.outcomes:
        old_outcome = before_by_id.get(new.id)
        if new.agreed_at_conference and (old_outcome is None
                                         or not old_outcome.agreed_at_conference):
            raise NotAllowed(
                "Only the conference can agree an outcome. "
                "Record this one as added by the core group."
            )


def with_outcome(record: PlanRecord, outcome: OutcomeItem) -> PlanRecord:
    """The record with `outcome` replacing the outcome of the same id."""
    return replace(record, outcomes=tuple(outcome if o.id == outcome.id else o
                                          for o in record.outcomes))


# ------------------------------------------------------------------------ the child's copy


def age_in_years(dob: date | None, today: date) -> int | None:
    if dob is None or dob > today:
        return None
    return relativedelta(today, dob).years


@dataclass(frozen=True)
class ReadabilityHint:
    sentences: int
    average_sentence_words: float
    target_sentence_words: int
    long_words: tuple[str, ...]
    message: str

    @property
    def ok(self) -> bool:
        return (self.average_sentence_words <= self.target_sentence_words
                and not self.long_words)


_SENTENCE_END = re.compile(r"[.!?]+(?:\s+|$)|\n\s*\n|\n(?=\s*[-*•])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """A rough syllable count (vowel groups, a silent final e dropped): enough for a hint."""
    w = word.lower().strip("'’-")
    if len(w) <= 3:
        return 1
    if w.endswith("e") and not w.endswith(("le", "ee")):
        w = w[:-1]
    return max(1, len(_VOWEL_GROUPS.findall(w)))


def target_sentence_words(age: int | None) -> int:
    """Plain-language sentence length for the child's age: shorter for younger children."""
    if age is None or age < 8:
        return 10
    if age < 12:
        return 14
    return 20


# Long in letters and syllables but words every child knows.
EVERYDAY_WORDS = frozenset({
    "everyone", "everybody", "everything", "everywhere", "together", "yourself", "grandmother",
    "grandfather", "grandparents", "afternoon", "tomorrow", "yesterday", "sometimes",
    "important", "understand", "remember", "family", "another", "anything", "anyone",
    "somebody", "someone", "something",
})


def long_word_syllables(age: int | None) -> int:
    return 3 if age is None or age < 12 else 4


def readability(text: str, age: int | None) -> ReadabilityHint:
    """A hint for the child's copy: average sentence length and long words, for the child's age.

    Not a score to pass: it points at what to shorten. 002 section 3: "written in a way
    appropriate to the child's age and understanding".
    """
    target = target_sentence_words(age)
    sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
    counts = [len(_WORD.findall(s)) for s in sentences]
    average = sum(counts) / len(counts) if counts else 0.0
    limit = long_word_syllables(age)
    seen: dict[str, None] = {}
    for w in _WORD.findall(text):
        word = w.lower()
        if (syllables(w) >= limit and len(word) >= 8 and word not in EVERYDAY_WORDS
                and word not in seen):
            seen[word] = None
    long_words = tuple(seen)
    who = f"a {age}-year-old" if age is not None else "a young child"
    if not counts:
        message = f"Write short sentences: for {who}, aim for {target} words or fewer each."
    else:
        parts = [f"Sentences average {average:.0f} words"
                 + (f"; for {who}, aim for {target} or fewer." if average > target
                    else f", which suits {who} (aim for {target} or fewer).")]
        if long_words:
            shown = ", ".join(f"'{w}'" for w in long_words[:6])
            more = f" and {len(long_words) - 6} more" if len(long_words) > 6 else ""
            parts.append(f"Long words: {shown}{more}. Use shorter, everyday words if you can.")
        else:
            parts.append("No long words.")
        message = " ".join(parts)
    return ReadabilityHint(len(counts), average, target, long_words, message)
