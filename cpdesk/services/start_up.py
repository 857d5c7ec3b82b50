"""What start-up leaves until the first screen is on show (issue 10).

SQLAlchemy sets up the mapped classes' relationships (configure_mappers: ~50 ms for cpdesk's
models) the first time a mapped class or one of its attributes is compiled into a statement.
The reads before the caseload's first paint (the staff list, whether passwords are in use, the
procedure profile, the plan facts) therefore select the tables' columns instead, and the main
window calls `configure_models` once the caseload has been painted, so the set-up happens then
rather than inside whatever a person does first. Any earlier use of a mapped class still sets
them up itself, so nothing depends on this having run.

Imports SQLAlchemy and the models; never Qt.
"""

from __future__ import annotations

from sqlalchemy.orm import configure_mappers

import cpdesk.models  # noqa: F401 - its listener declares every mapped class before set-up


def configure_models() -> None:
    """Set up every mapped class now (at once if they already are)."""
    configure_mappers()
