"""The case record as SQLAlchemy 2 typed mapped classes, and the one place a store is opened.

Imports domain and SQLAlchemy only; never Qt or ReportLab.
"""

from cpdesk.models.audit import AuditEvent
from cpdesk.models.base import Base
from cpdesk.models.child import Child, FamilyMember, Household
from cpdesk.models.conference import Conference
from cpdesk.models.core_group import (
    CoreGroupMeeting,
    CoreGroupMember,
    MeetingAttendance,
    MeetingProgress,
)
from cpdesk.models.countersign import Addendum, Countersignature
from cpdesk.models.plan import (
    Action,
    Concern,
    DangerStatement,
    Disagreement,
    Notification,
    Outcome,
    Plan,
    PlanVersion,
    ReviewReport,
)
from cpdesk.models.settings import Setting
from cpdesk.models.staff import Staff, Team
from cpdesk.models.visit import Observation, Visit, VisitChild

__all__ = [
    "Action", "Addendum", "AuditEvent", "Base", "Child", "Concern", "Conference",
    "CoreGroupMeeting", "CoreGroupMember", "Countersignature", "DangerStatement", "Disagreement",
    "FamilyMember", "Household", "MeetingAttendance", "MeetingProgress", "Notification",
    "Observation", "Outcome", "Plan", "PlanVersion", "ReviewReport", "Setting", "Staff", "Team",
    "Visit", "VisitChild",
]
