"""What start-up leaves until the first screen is on show (issue 10).

SQLAlchemy sets up the mapped classes' relationships (configure_mappers: ~50 ms for cpdesk's
models) the first time a mapped class or one of its attributes is compiled into a statement.
The reads before the caseload's first paint (the staff list, whether passwords are in use, the
procedure profile, the plan facts) therefore select the columns of Core tables
(models/tables.py), declaring no mapped class, and the main window calls `configure_models`
once the caseload has been painted: the classes are declared and set up then, rather than
inside whatever a person does first. Any earlier use of a mapped class still declares and sets
them up itself, so nothing depends on this having run.

Imports SQLAlchemy and the models; never Qt.
"""

from __future__ import annotations

from sqlalchemy.orm import configure_mappers

from cpdesk.models import load_all


def configure_models() -> None:
    """Declare and set up every mapped class now (at once if they already are). Declared
    first: with none declared yet, set-up would have nothing to start from."""
    load_all()
    configure_mappers()
