"""Test set-up shared by the whole suite.

Qt runs offscreen. Stores: migrate once into a template SQLite file per session and copy it for
each test (real migrations, real pragmas, fast). The PostgreSQL store runs the same tests when
CPDESK_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("CPDESK_DATABASE_URL", None)

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from cpdesk.models import Base, load_all
from cpdesk.models.db import Store, open_store

# Tests read the whole schema (Base.metadata); the app loads classes as they are named.
load_all()

PG_ENV = "CPDESK_TEST_DATABASE_URL"
PG_SKIP = (
    f"PostgreSQL store tests need {PG_ENV}, e.g. "
    f"{PG_ENV}=postgresql+psycopg://postgres@127.0.0.1:5432/test (as .ci/run sets it)"
)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_store(path).close()
    return path


@pytest.fixture
def sqlite_store(sqlite_template: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "cpdesk.sqlite"
    shutil.copyfile(sqlite_template, path)
    store = open_store(path)
    yield store
    store.close()


def reset_postgres(url: str) -> None:
    """Drop everything cpdesk made, so each test starts from a freshly migrated database."""
    store = open_store(url, migrate=False)
    with store.engine.begin() as conn:
        # A session a test left open would hold locks: fail loudly rather than hang.
        conn.execute(text("SET LOCAL lock_timeout = '20s'"))
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    store.close()


@pytest.fixture
def postgres_store() -> Iterator[Store]:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(PG_SKIP)
    reset_postgres(url)
    store = open_store(url)
    yield store
    store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Store:
    """A freshly migrated store: every store test runs on SQLite, and on PostgreSQL when set."""
    name = "sqlite_store" if request.param == "sqlite" else "postgres_store"
    return request.getfixturevalue(name)


__all__ = ["Base"]
