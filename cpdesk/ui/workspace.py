"""What the screens need to call services: the open store, who is signed in, today, the bus.

Passed explicitly to each view (no global app object that widgets reach into).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cpdesk.domain.profiles import Profile
from cpdesk.domain.staff import StaffMember
from cpdesk.models.db import Store
from cpdesk.ui.event_bus import EventBus
from cpdesk.ui.worker import Worker


@dataclass
class Workspace:
    store: Store
    user: StaffMember
    today: date
    profile: Profile
    bus: EventBus
    worker: Worker
