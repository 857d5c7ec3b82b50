"""The case record as SQLAlchemy 2 typed mapped classes, and the one place a store is opened.

The first screen, the caseload, reads tables, not classes: the tables it reads are Core tables
(models/tables.py), built before its first paint without declaring a mapped class (issue 10).
Each class is declared as it is first named (`from cpdesk.models import Visit` loads
models/visit.py), or once the caseload is on show, when the mapped classes are set up
(services.start_up). Setting them up, whenever and however it happens, first loads every class
(`load_all`), so each relationship finds the class it names.

Imports domain and SQLAlchemy only; never Qt or ReportLab.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Mapper

from cpdesk.models.base import Base

if TYPE_CHECKING:
    from cpdesk.models.addendum import Addendum
    from cpdesk.models.audit import AuditEvent
    from cpdesk.models.child import Child
    from cpdesk.models.conference import Conference
    from cpdesk.models.core_group import CoreGroupMeeting, CoreGroupMember
    from cpdesk.models.countersign import Countersignature
    from cpdesk.models.danger_statement import DangerStatement
    from cpdesk.models.household import FamilyMember, Household
    from cpdesk.models.meeting_record import MeetingAttendance, MeetingProgress
    from cpdesk.models.observation import Observation
    from cpdesk.models.plan import Action, Concern, Outcome, Plan, PlanVersion
    from cpdesk.models.plan_records import Disagreement, Notification, ReviewReport
    from cpdesk.models.settings import Setting
    from cpdesk.models.staff import Staff, Team
    from cpdesk.models.visit import Visit, VisitChild

# Each mapped class, by the module (of cpdesk.models) that declares it.
MODULES = {
    "Action": "plan", "Addendum": "addendum", "AuditEvent": "audit", "Child": "child",
    "Concern": "plan", "Conference": "conference", "CoreGroupMeeting": "core_group",
    "CoreGroupMember": "core_group", "Countersignature": "countersign",
    "DangerStatement": "danger_statement", "Disagreement": "plan_records",
    "FamilyMember": "household", "Household": "household", "MeetingAttendance": "meeting_record",
    "MeetingProgress": "meeting_record", "Notification": "plan_records",
    "Observation": "observation", "Outcome": "plan", "Plan": "plan", "PlanVersion": "plan",
    "ReviewReport": "plan_records", "Setting": "settings", "Staff": "staff", "Team": "staff",
    "Visit": "visit", "VisitChild": "visit",
}


def __getattr__(name: str) -> Any:
    module = MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # found directly from now on
    return value


def load_all() -> None:
    """Declare every mapped class (Base.metadata then holds every table)."""
    for module in sorted(set(MODULES.values())):
        import_module(f"{__name__}.{module}")


@event.listens_for(Mapper, "before_configured")
def _load_all_before_setting_up() -> None:
    # SQLAlchemy sets the mapped classes up together, at the first statement that needs them:
    # every class is declared first, so that each relationship finds the class it names.
    load_all()


__all__ = [
    "Action", "Addendum", "AuditEvent", "Base", "Child", "Concern", "Conference",
    "CoreGroupMeeting", "CoreGroupMember", "Countersignature", "DangerStatement", "Disagreement",
    "FamilyMember", "Household", "MeetingAttendance", "MeetingProgress", "Notification",
    "Observation", "Outcome", "Plan", "PlanVersion", "ReviewReport", "Setting", "Staff", "Team",
    "Visit", "VisitChild", "load_all",
]
