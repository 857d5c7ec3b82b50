"""Read-only records of home visits as the screens and the CLI see them (002 s4; 003).

Filled by cpdesk/services/visits.py; the form edits a `VisitDraft` (domain/visit_validation.py)
and reads everything else from a `VisitForm`. Plain frozen dataclasses: no Qt, no SQLAlchemy,
no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from cpdesk.domain.enums import RecordStatus
from cpdesk.domain.errors import NotAllowed
from cpdesk.domain.profiles import Profile
from cpdesk.domain.visit_validation import FieldIssue, VisitDraft


@dataclass(frozen=True)
class VisitChildInfo:
    """One child the visit is for, and the concerns of their plan (one observation box each)."""

    child_id: str
    name: str  # full name: "Amy Smith"
    first_name: str  # known-as or given names, for the form's questions: "Was Amy seen?"
    date_of_birth: date | None
    plan_id: str | None
    plan_start: date | None
    concerns: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddendumRecord:
    """A dated correction or addition to a final visit record, by its author."""

    addendum_id: str
    written_at: datetime
    author: str
    text: str


@dataclass(frozen=True)
class VisitForm:
    """Everything the visit form shows: the draft as stored, and who/what/when around it."""

    visit_id: str
    revision: int
    status: RecordStatus
    author_id: str | None
    author: str
    updated_at: datetime | None
    finalised_at: datetime | None
    countersigned: bool
    draft: VisitDraft
    children: tuple[VisitChildInfo, ...]  # in the same order as draft.children
    addenda: tuple[AddendumRecord, ...]  # oldest first
    profile: Profile  # the procedures this database follows (wording, baby seen awake...)
    # Brothers and sisters on open plans in the same household who are not on this visit.
    siblings_not_included: tuple[VisitChildInfo, ...] = ()
    void_reason: str = ""  # a voided record stays on the file, with why it was voided

    @property
    def is_final(self) -> bool:
        return self.status is not RecordStatus.DRAFT

    @property
    def is_household_visit(self) -> bool:
        return len(self.children) > 1

    @property
    def child_names(self) -> str:
        return names_in_words([c.name for c in self.children])


@dataclass(frozen=True)
class VisitRow:
    """One line of a child's Visits tab: what the court and the manager look for first."""

    visit_id: str
    visit_date: date | None
    child_seen: bool | None
    seen_alone: bool | None
    seen_awake: bool | None
    bedroom_seen: bool | None
    status: RecordStatus
    countersigned: bool
    author: str
    other_children: tuple[str, ...] = ()  # brothers and sisters seen at the same visit
    not_seen_reason: str = ""
    not_seen_alone_reason: str = ""
    new_incidents: bool | None = None
    incident_details: str = ""
    void_reason: str = ""  # why a voided record was voided (it stays on the file)


@dataclass(frozen=True)
class DraftEntry:
    """A draft visit a worker has not finalised yet (offered back when cpdesk starts)."""

    visit_id: str
    visit_date: date | None
    child_names: str
    child_ids: tuple[str, ...]
    updated_at: datetime | None


@dataclass(frozen=True)
class PresentChoice:
    """Someone who may have been present: a family member, carer or core group member."""

    name: str
    description: str  # "Mother", "Health visitor, NHS"

    @property
    def text(self) -> str:
        """What goes into "Who was present?" when the worker ticks them."""
        return f"{self.name} ({self.description})" if self.description else self.name


class WarningsNotAcknowledged(NotAllowed):
    """The record has vague-word warnings the worker has not confirmed reading."""

    def __init__(self, warnings: tuple[FieldIssue, ...]) -> None:
        self.warnings = warnings
        super().__init__(
            f"Confirm you have read the {len(warnings)} warning(s) about vague words before "
            "finalising")


def names_in_words(names: list[str]) -> str:
    """'Amy', 'Amy and Ben', 'Amy, Ben and Cara'."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"
