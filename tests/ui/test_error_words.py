"""What the window says when an action fails for a database reason (ui/errors.describe)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError

from cpdesk.models import Plan
from cpdesk.models.db import Store, open_store
from cpdesk.ui.errors import describe
from tests.case_factory import make_case, make_team


@pytest.fixture
def second(store: Store) -> Iterator[Store]:
    other = open_store(store.url)
    yield other
    other.close()


def test_a_save_that_lost_a_race_says_someone_else_changed_the_record(
    store: Store, second: Store
) -> None:
    # Two computers hold the same plan; the first saves, the second's save then finds it at a
    # newer revision: the window must not blame the connection.
    team = make_team(store)
    case = make_case(store, lead_worker_id=team.workers["Jo Bloggs"], team_id=team.team_id)
    mine, theirs = store.sessions(), second.sessions()
    try:
        held, other = mine.get(Plan, case.plan_id), theirs.get(Plan, case.plan_id)
        assert held is not None and other is not None
        other.contingency_plan = "A strategy discussion the same day."
        theirs.commit()
        held.contingency_plan = "The children stay with their aunt."
        with pytest.raises(StaleDataError) as lost:
            mine.commit()
    finally:
        mine.close()
        theirs.close()
    words = describe(lost.value)
    assert words.startswith("Someone else changed this record while you had it open")
    assert "Nothing has been saved" in words and "connection" not in words


def test_other_database_errors_still_say_the_database_could_not_be_read() -> None:
    words = describe(SQLAlchemyError("disk I/O error"))
    assert words == ("The database could not be read: disk I/O error. Check the connection "
                     "and try again.")
