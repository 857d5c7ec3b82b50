"""The command line: help lists every command; alerts and check work on a real file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cpdesk.cli import app_parser, build_parser, main, starts_the_app
from cpdesk.domain.enums import PlanStatus
from cpdesk.models.db import open_store
from tests.factories import make_child, make_plan, make_visit


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.sqlite"
    store = open_store(path)
    with store.session() as session:
        child = make_child(session, case_number="CLI1")
        make_plan(session, child, start_date=date(2026, 10, 1))
        make_visit(session, [child], date(2026, 10, 20))
        other = make_child(session, case_number="CLI2")
        # Starts and ends on the same day: a consistency breach.
        make_plan(session, other, start_date=date(2026, 3, 2), status=PlanStatus.ENDED,
                  end_date=date(2026, 3, 2))
    store.close()
    return path


def test_help_lists_every_command_with_its_purpose(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in ("alerts", "check"):
        assert command in out


def test_alerts_as_json(db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["alerts", "--db", str(db_file), "--as-of", "2026-11-25", "--json"]) == 0
    alerts = json.loads(capsys.readouterr().out)
    visit = next(a for a in alerts if a["kind"] == "visit_overdue")
    # Last visit Tue 20 Oct 2026 + 14 days = Tue 3 Nov 2026; 22 days late on 25 Nov.
    assert visit["child"] == "CLI1" and visit["due"] == "2026-11-03"
    assert visit["days_overdue"] == 22 and visit["severity"] == "overdue"
    assert {"kind", "child", "plan", "due", "days_overdue", "severity", "message"} <= set(visit)


def test_check_lists_breaches_and_exits_non_zero(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--db", str(db_file)]) == 1
    out = capsys.readouterr().out
    assert "CLI2" in out and "CLI1" not in out


def test_errors_are_one_line_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["alerts", "--db", "mysql://nobody@nowhere/x"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cpdesk: ") and "Traceback" not in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as exit_:
        main(["alerts", "--as-of", "25/11/2026"])
    assert exit_.value.code == 2


@pytest.mark.parametrize("argv", [
    [], ["--demo"], ["--db", "case.sqlite"], ["--db=postgresql://team/cpdesk", "--demo"],
    ["--demo", "--db", "alerts"], ["--db", "a.sqlite", "--db", "b.sqlite"],
])
def test_starting_the_app_is_read_as_the_whole_parser_reads_it(argv: list[str]) -> None:
    assert starts_the_app(argv)
    assert vars(app_parser().parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["alerts"], ["--help"], ["--version"], ["--db"], ["--db", "--demo"], ["--dem"],
    ["--demo", "check"], ["--", "--demo"],
])
def test_anything_else_gets_the_whole_parser(argv: list[str]) -> None:
    assert not starts_the_app(argv)
