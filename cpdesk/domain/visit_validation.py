"""What a home-visit record must hold (002 s4), checked the same way by the form, the import,
the CLI and the services: `validate_visit(draft, today, profile)`.

Errors block finalising; warnings (vague labels such as 'disturbed', 002 s4) only ask for facts.
Messages follow the GOV.UK error-message pattern (UI.md). `FieldIssue.field` is a path the form
maps to its widget: "present", "children[0].seen_alone",
"children[0].observations[1].observation". Never raises, whatever the input.

Decisions: for a baby under one on the visit date (where the profile has `baby_seen_awake`),
"seen awake" replaces "seen alone" as the required answer; a child not seen needs a reason
instead of the seen-alone answer and presentation; observation rows left wholly blank are
ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from cpdesk.domain.dates import format_date, is_under_one
from cpdesk.domain.enums import IntervalUnit, RiskTrend, VisitType
from cpdesk.domain.profiles import Profile


@dataclass(frozen=True)
class ObservationDraft:
    concern: str = ""
    observation: str = ""
    risk_trend: RiskTrend | None = None


@dataclass(frozen=True)
class VisitChildDraft:
    child_name: str = ""
    date_of_birth: date | None = None
    plan_start: date | None = None
    child_seen: bool | None = None
    not_seen_reason: str = ""
    seen_alone: bool | None = None
    not_seen_alone_reason: str = ""
    seen_awake: bool | None = None
    bedroom_seen: bool | None = None
    presentation_and_behaviour: str = ""
    wishes_and_feelings: str = ""
    new_incidents: bool | None = None
    incident_details: str = ""
    injury_location: str = ""
    observations: tuple[ObservationDraft, ...] = ()


@dataclass(frozen=True)
class VisitDraft:
    visit_date: date | None = None
    start_time: time | None = None
    visit_type: VisitType | None = None
    present: str = ""
    sleeping_arrangements: str = ""
    meals: str = ""
    delegated: bool = False
    delegated_to: str = ""
    delegation_agreed_by: str = ""
    next_planned_visit: date | None = None
    children: tuple[VisitChildDraft, ...] = ()


@dataclass(frozen=True)
class FieldIssue:
    field: str
    message: str
    word: str | None = None


@dataclass(frozen=True)
class VisitCheck:
    errors: tuple[FieldIssue, ...]
    warnings: tuple[FieldIssue, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


# The fields the form marks as required. "children[].x" is required for every child; some only
# in a case (seen alone: when seen and not a baby; seen awake: a baby under one; reasons and
# details: when the answer calls for them).
REQUIRED_VISIT_FIELDS: tuple[str, ...] = (
    "visit_date",
    "start_time",
    "present",
    "sleeping_arrangements",
    "meals",
    "children",
    "children[].child_seen",
    "children[].not_seen_reason",
    "children[].seen_alone",
    "children[].not_seen_alone_reason",
    "children[].seen_awake",
    "children[].presentation_and_behaviour",
    "children[].new_incidents",
    "children[].incident_details",
    "delegated_to",
    "delegation_agreed_by",
)


def _blank(value: object) -> bool:
    return not isinstance(value, str) or not value.strip()


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


# A label matches as a whole word or phrase, whatever the spacing between its words.
_NOT_IN_A_WORD, _NOT_BEFORE_A_WORD = r"(?<![\w'-])", r"(?![\w'-])"


def _words(label: str) -> str:
    return r"\s+".join(re.escape(w) for w in label.split())


@lru_cache(maxsize=64)
def _label_pattern(label: str) -> re.Pattern[str]:
    return re.compile(rf"{_NOT_IN_A_WORD}{_words(label)}{_NOT_BEFORE_A_WORD}", re.IGNORECASE)


@lru_cache(maxsize=16)
def _any_label(labels: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that matches wherever one of the labels' patterns would (the same edges
    around any one of the labels' words)."""
    either = "|".join(_words(label) for label in labels)
    return re.compile(rf"{_NOT_IN_A_WORD}(?:{either}){_NOT_BEFORE_A_WORD}", re.IGNORECASE)


def vague_words(text: object, labels: tuple[str, ...]) -> list[str]:
    """The profile's vague labels found in `text` as whole words or phrases, in text order.

    A longer phrase wins over a word inside it ("presented well", not also "well").
    """
    if _blank(text):
        return []
    assert isinstance(text, str)
    # Most text holds none of them: one search says so, instead of one search a label
    # (issue 10: the searches a label were most of the time of checking a visit record).
    if _any_label(labels).search(text) is None:
        return []
    found: list[tuple[int, int, str]] = []
    for label in sorted(labels, key=len, reverse=True):
        for m in _label_pattern(label).finditer(text):
            if not any(m.start() < end and start < m.end() for start, end, _ in found):
                found.append((m.start(), m.end(), label))
    seen: list[str] = []
    for _, _, label in sorted(found):
        if label not in seen:
            seen.append(label)
    return seen


def _vague_warning(field: str, word: str, what: str) -> FieldIssue:
    return FieldIssue(field, f"'{word}' does not say what you saw. {what}", word)


_PRESENTATION_HINT = ("Describe the child's presentation, for example what they were wearing, "
                      "how they moved, what they said")
_OBSERVATION_HINT = "Describe what you saw and heard, not a judgement"


def validate_visit(draft: VisitDraft, today: date, profile: Profile) -> VisitCheck:
    """Check a visit record; errors block finalising, warnings ask for facts."""
    errors: list[FieldIssue] = []
    warnings: list[FieldIssue] = []

    def err(field: str, message: str) -> None:
        errors.append(FieldIssue(field, message))

    visit_date = _as_date(getattr(draft, "visit_date", None))
    today_d = _as_date(today) or today
    if visit_date is None:
        err("visit_date", "Enter the date of the visit")
    elif visit_date > today_d:
        err("visit_date", "Date of the visit must be today or in the past")
    if getattr(draft, "start_time", None) is None:
        err("start_time", "Enter the time of the visit")
    if _blank(draft.present):
        err("present", "Enter who was present at the visit")
    if _blank(draft.sleeping_arrangements):
        err("sleeping_arrangements", "Enter what you found out about the sleeping arrangements")
    if _blank(draft.meals):
        err("meals", "Enter what you found out about meals")
    if draft.delegated is True:
        if _blank(draft.delegated_to):
            err("delegated_to", "Enter the name of the worker who made the visit")
        if _blank(draft.delegation_agreed_by):
            err("delegation_agreed_by", "Enter the name of the manager who agreed to delegate "
                                        "the visit")

    next_visit = _as_date(draft.next_planned_visit)
    if next_visit is not None and visit_date is not None:
        if next_visit <= visit_date:
            err("next_planned_visit", "Date of the next planned visit must be after the visit")
        elif profile.visit_interval_unit is IntervalUnit.CALENDAR_DAYS:
            latest = visit_date + timedelta(days=profile.visit_interval)
            if next_visit > latest:
                warnings.append(FieldIssue(
                    "next_planned_visit",
                    f"The next visit is more than {profile.visit_interval} days away. Visits "
                    f"must be no more than {profile.visit_interval} days apart: plan one by "
                    f"{format_date(latest)}"))

    children = draft.children if isinstance(draft.children, tuple | list) else ()
    if not children:
        err("children", "Add the child or children the visit was for")
    for i, child in enumerate(children):
        _check_child(f"children[{i}]", child, visit_date, profile, errors, warnings)
    return VisitCheck(tuple(errors), tuple(warnings))


def _check_child(
    path: str, child: VisitChildDraft, visit_date: date | None, profile: Profile,
    errors: list[FieldIssue], warnings: list[FieldIssue],
) -> None:
    def err(field: str, message: str) -> None:
        errors.append(FieldIssue(f"{path}.{field}", message))

    name = child.child_name.strip() if not _blank(child.child_name) else "the child"
    plan_start = _as_date(child.plan_start)
    if visit_date is not None and plan_start is not None and visit_date < plan_start:
        errors.append(FieldIssue(
            "visit_date",
            f"Date of the visit must be on or after the date the plan for {name} began, "
            f"{format_date(plan_start)}"))

    dob = _as_date(child.date_of_birth)
    baby = (profile.baby_seen_awake and visit_date is not None and dob is not None
            and is_under_one(dob, visit_date))

    if child.child_seen is None:
        err("child_seen", "Select whether the child was seen")
    elif child.child_seen is False:
        if _blank(child.not_seen_reason):
            err("not_seen_reason", "Enter why the child was not seen")
    else:
        if baby:
            if child.seen_awake is None:
                err("seen_awake", "Select whether the baby was seen awake")
        elif child.seen_alone is None:
            err("seen_alone", "Select whether the child was seen alone")
        if child.seen_alone is False and not baby and _blank(child.not_seen_alone_reason):
            err("not_seen_alone_reason", "Enter why the child was not seen alone")
        if _blank(child.presentation_and_behaviour):
            err("presentation_and_behaviour", "Enter the child's presentation and behaviour")

    if child.new_incidents is None:
        err("new_incidents", "Select whether there have been any new incidents or injuries")
    elif child.new_incidents is True and _blank(child.incident_details):
        err("incident_details", "Enter details of the incident or injury")

    for word in vague_words(child.presentation_and_behaviour, profile.vague_labels):
        warnings.append(_vague_warning(f"{path}.presentation_and_behaviour", word,
                                       _PRESENTATION_HINT))

    observations = child.observations if isinstance(child.observations, tuple | list) else ()
    for j, obs in enumerate(observations):
        where = f"observations[{j}]"
        concern_blank, observation_blank = _blank(obs.concern), _blank(obs.observation)
        if concern_blank and observation_blank:
            continue
        if observation_blank:
            err(f"{where}.observation", "Enter what you observed about this concern")
        if concern_blank:
            err(f"{where}.concern", "Enter the concern this observation is about")
        for word in vague_words(obs.observation, profile.vague_labels):
            warnings.append(_vague_warning(f"{path}.{where}.observation", word,
                                           _OBSERVATION_HINT))
