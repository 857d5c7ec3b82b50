"""`cpdesk calendar`: the .ics file from the command line, for one person or everyone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from cpdesk.cli import main
from cpdesk.models.db import Store
from tests.case_factory import make_case, make_team


def summaries(path: Path) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_calendar_command(sqlite_store: Store, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    team = make_team(sqlite_store)
    make_case(sqlite_store, lead_worker_id=team.workers["Jo Bloggs"], team_id=team.team_id,
              case_number="CP-0007", start=date(2026, 12, 18))
    make_case(sqlite_store, lead_worker_id=team.workers["Sam Patel"], team_id=team.team_id,
              case_number="CP-0008", start=date(2026, 12, 18))
    db = sqlite_store.url.removeprefix("sqlite:///")
    out = tmp_path / "jo.ics"
    args = ["calendar", "--db", db, "--out", str(out), "--from", "2026-12-01",
            "--to", "2027-06-30"]
    assert main([*args, "--as", "jo.bloggs"]) == 0
    assert "Calendar saved: 4 events" in capsys.readouterr().out
    found = summaries(out)
    assert all("CP-0007" in s for s in found) and len(found) == 4
    # whether overdue depends on the day the test runs: the title is the same either way
    assert any("Core group due, not yet arranged, CP-0007" in s for s in found)
    assert main([*args, "--initials"]) == 0  # everyone's, with initials
    assert {s.split(", ")[-1] for s in summaries(out)} == {"CP-0007 (AS)", "CP-0008 (AS)"}
    assert main([*args, "--as", "nobody"]) == 1
    assert "no member of staff has the username 'nobody'" in capsys.readouterr().err
