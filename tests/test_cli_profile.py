"""`cpdesk profile` shows the procedures a database follows; `cpdesk profile set NAME --as
ADMIN` changes them after the administrator signs in, and nobody else can."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cpdesk.cli import main
from cpdesk.domain.enums import Role
from cpdesk.models.db import open_store
from cpdesk.services.profile import current_profile
from cpdesk.services.team import NewStaff, add_staff, init_team_database

PASSWORD = "a long enough password"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "team.sqlite")
    admin = init_team_database(path, NewStaff("Ada Admin", "ada", Role.ADMINISTRATOR), PASSWORD)
    store = open_store(path)
    add_staff(store, admin, NewStaff("Bo Worker", "bo", Role.SOCIAL_WORKER), PASSWORD)
    store.close()
    return path


def profile_name(db: str) -> str:
    store = open_store(db)
    try:
        return current_profile(store).name
    finally:
        store.close()


def test_profile_shows_the_current_one_in_words_and_the_others(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["profile", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("This database follows: England (Working Together, local "
                          "procedures) (england-default)")
    assert "  Title of the worker: Lead Social Worker" in out
    assert "  Visits: at least every 14 days" in out
    assert "  First core group: within 10 working days of the child protection conference" in out
    assert "england-default   England (Working Together, local procedures)  (in use)" in out
    assert "  sefton            Sefton Safeguarding Children Partnership\n" in out
    assert "  scotland" in out and "  wales" in out


def test_an_administrator_sets_the_profile(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    assert main(["profile", "set", "sefton", "--db", db, "--as", "ada",
                 "--passwords-stdin"]) == 0
    assert capsys.readouterr().out == ("This database now follows the Sefton Safeguarding "
                                       "Children Partnership procedures.\n")
    assert profile_name(db) == "sefton"
    assert main(["profile", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Title of the worker: Key Worker" in out and "Child seen alone: at least every 28" in out
    assert main(["verify", "--db", db]) == 0


@pytest.mark.parametrize(("who", "password", "message"), [
    ("bo", PASSWORD, "A social worker cannot change the procedure profile"),
    ("ada", "not the password", "The username or password is not right"),
])
def test_others_and_wrong_passwords_are_refused(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    who: str, password: str, message: str,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{password}\n"))
    assert main(["profile", "set", "sefton", "--db", db, "--as", who, "--passwords-stdin"]) == 1
    assert message in capsys.readouterr().err
    assert profile_name(db) == "england-default"


def test_an_unknown_profile_is_refused_naming_it(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    assert main(["profile", "set", "kent", "--db", db, "--as", "ada", "--passwords-stdin"]) == 1
    assert "kent.toml: file: no such profile" in capsys.readouterr().err
    assert profile_name(db) == "england-default"
