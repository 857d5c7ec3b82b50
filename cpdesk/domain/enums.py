"""The fixed vocabularies of the case record, in the procedures' own words.

Values are stored in the database and in the interchange format, so they never change;
labels are what people read.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SOCIAL_WORKER = "social_worker"
    MANAGER = "manager"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return {"social_worker": "Social worker", "manager": "Manager",
                "administrator": "Administrator"}[self.value]


class Category(StrEnum):
    """Category of abuse under which the child is subject to a plan (Wales adds financial)."""

    NEGLECT = "neglect"
    PHYSICAL = "physical"
    SEXUAL = "sexual"
    EMOTIONAL = "emotional"
    MULTIPLE = "multiple"
    FINANCIAL = "financial"

    @property
    def label(self) -> str:
        return {"neglect": "Neglect", "physical": "Physical abuse", "sexual": "Sexual abuse",
                "emotional": "Emotional abuse", "multiple": "Multiple categories",
                "financial": "Financial abuse"}[self.value]


class PlanStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class IntervalUnit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"


class OutcomeOrigin(StrEnum):
    """Outcomes agreed at conference cannot be altered by the core group (002, 6.6)."""

    AGREED_AT_CONFERENCE = "agreed_at_conference"
    ADDED_BY_CORE_GROUP = "added_by_core_group"


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_DONE = "not_done"


class ConferenceKind(StrEnum):
    INITIAL = "initial"
    REVIEW = "review"


class VisitType(StrEnum):
    ANNOUNCED = "announced"
    UNANNOUNCED = "unannounced"


class RecordStatus(StrEnum):
    """A record is a draft until its author finalises it; final records change only by addenda."""

    DRAFT = "draft"
    FINAL = "final"
    VOIDED = "voided"


class RiskTrend(StrEnum):
    INCREASED = "increased"
    SAME = "same"
    REDUCED = "reduced"


class MemberKind(StrEnum):
    PROFESSIONAL = "professional"
    FAMILY = "family"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class EndReason(StrEnum):
    """Why a plan ended (the reasons the national returns use)."""

    NO_LONGER_AT_RISK = "no_longer_at_risk"
    LOOKED_AFTER = "looked_after"
    MOVED_AWAY = "moved_away"
    TRANSFERRED = "transferred"
    REACHED_18 = "reached_18"
    DIED = "died"
    OTHER = "other"


class CountersignSubject(StrEnum):
    """Kinds of record a manager countersigns (002, section 5)."""

    VISIT = "visit"
    PLAN_VERSION = "plan_version"
    CORE_GROUP_MINUTES = "core_group_minutes"
    REVIEW_REPORT = "review_report"


class CountersignDecision(StrEnum):
    COUNTERSIGNED = "countersigned"
    RETURNED = "returned"


class Nation(StrEnum):
    """The UK nation an authority is in: it decides the bank holidays and the wording."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"

    @property
    def holiday_subdivision(self) -> str:
        """The `holidays` package's subdivision code for the GB calendar."""
        return {"england": "ENG", "wales": "WLS", "scotland": "SCT",
                "northern_ireland": "NIR"}[self.value]


class PlanFramework(StrEnum):
    """How the plan is laid out: the standard pro forma, or Signs of Safety."""

    STANDARD = "standard"
    SIGNS_OF_SAFETY = "signs_of_safety"


class AlertKind(StrEnum):
    """What an alert is about. The kind stays the same whether it is due soon or late."""

    VISIT_OVERDUE = "visit_overdue"
    NOT_SEEN_ALONE = "not_seen_alone"
    BEDROOM_NOT_SEEN = "bedroom_not_seen"
    CHILD_UNSEEN = "child_unseen"
    VISIT_NOT_WRITTEN_UP = "visit_not_written_up"
    CORE_GROUP_OVERDUE = "core_group_overdue"
    MINUTES_OVERDUE = "minutes_overdue"
    REVIEW_CONFERENCE_DUE = "review_conference_due"
    ACTION_OVERDUE = "action_overdue"
    COUNTERSIGN_PENDING = "countersign_pending"
    PLAN_INCOMPLETE = "plan_incomplete"


class Severity(StrEnum):
    """How serious an alert is; `rank` orders them, most serious (0) first."""

    URGENT = "urgent"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"

    @property
    def rank(self) -> int:
        return {"urgent": 0, "overdue": 1, "due_soon": 2}[self.value]

    @property
    def label(self) -> str:
        return {"urgent": "Urgent", "overdue": "Overdue", "due_soon": "Due soon"}[self.value]
