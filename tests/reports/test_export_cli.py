"""`cpdesk export KIND`: every kind from the demo caseload, the batch of a day's pro formas,
`--as`, and one-line errors."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cpdesk.cli import main
from cpdesk.domain.enums import RecordStatus
from cpdesk.models import Child, CoreGroupMeeting, Plan
from cpdesk.models.db import open_store
from tests.case_factory import make_case, make_team
from tests.reports.conftest import TODAY, pdf_text


def _case_and_meeting(demo_file: Path) -> tuple[str, str, str]:
    """(case number, child's name, a held meeting id) of the child with most meetings."""
    store = open_store(demo_file)
    try:
        with store.session() as s:
            number, given, family, meeting = s.execute(
                select(Child.case_number, Child.given_names, Child.family_name,
                       func.max(CoreGroupMeeting.id))
                .join(Plan, Plan.child_id == Child.id)
                .join(CoreGroupMeeting, CoreGroupMeeting.plan_id == Plan.id)
                .where(Plan.end_date.is_(None), CoreGroupMeeting.held_on.is_not(None))
                .group_by(Child.id).order_by(func.count().desc(), Child.case_number)).first()
    finally:
        store.close()
    return number, f"{given} {family}", meeting


@pytest.mark.parametrize("kind", ["plan", "child-plan", "visits", "pro-forma", "minutes",
                                  "agreement", "review-report", "compliance"])
def test_every_kind(demo_file: Path, tmp_path: Path, kind: str,
                    capsys: pytest.CaptureFixture[str]) -> None:
    number, name, _meeting = _case_and_meeting(demo_file)
    out = tmp_path / f"{kind}.pdf"
    args = ["export", kind, "--db", str(demo_file), "--out", str(out), "--as", "asha.patel",
            "--as-of", TODAY.isoformat()]
    if kind != "compliance":
        args += ["--child", number]
    assert main(args) == 0, capsys.readouterr().err
    assert "printed by Asha Patel" in capsys.readouterr().out
    text, _pages = pdf_text(out)
    assert "Printed Wed 25 Nov 2026 by Asha Patel" in text
    if kind != "compliance":
        assert f"{name}, case number {number}" in text


def test_minutes_of_a_given_meeting_and_as_the_os_user(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number, _name, meeting = _case_and_meeting(demo_file)
    out = tmp_path / "m.pdf"
    assert main(["export", "minutes", "--meeting", meeting, "--db", str(demo_file),
                 "--out", str(out), "--as-of", TODAY.isoformat()]) == 0
    text, _pages = pdf_text(out)
    assert number in text and "Core group minutes" in text
    assert f"by {getpass.getuser()}" in text  # no staff account: the OS user's name


def test_visits_in_a_date_range(demo_file: Path, tmp_path: Path) -> None:
    number, _name, _meeting = _case_and_meeting(demo_file)
    out = tmp_path / "v.pdf"
    assert main(["export", "visits", "--child", number, "--from", "2026-10-01",
                 "--to", "2026-10-31", "--db", str(demo_file), "--out", str(out),
                 "--as-of", TODAY.isoformat()]) == 0
    text, _pages = pdf_text(out)
    assert "Visits from Thu 1 Oct 2026 to Sat 31 Oct 2026" in text
    assert "Nov 2026 at" not in text.replace("Printed", "")  # nothing after the range


def test_batch_pro_formas_for_a_date(demo_file: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(demo_file)
    try:
        with store.session() as s:
            meetings = s.execute(
                select(CoreGroupMeeting.scheduled_for, CoreGroupMeeting.due_date, Child.case_number)
                .join(Plan, Plan.id == CoreGroupMeeting.plan_id).join(Child)
                .where(CoreGroupMeeting.held_on.is_(None),
                       CoreGroupMeeting.status != RecordStatus.VOIDED)).all()
    finally:
        store.close()
    by_day: dict[date, list[str]] = {}
    for scheduled, due, number in meetings:
        by_day.setdefault(scheduled.date() if scheduled else due, []).append(number)
    day, numbers = max(by_day.items(), key=lambda item: (len(item[1]), item[0]))
    folder = tmp_path / "tomorrow"
    assert main(["export", "pro-forma", "--date", day.isoformat(), "--db", str(demo_file),
                 "--out", str(folder), "--as", "helen.ashworth",
                 "--as-of", TODAY.isoformat()]) == 0
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == len(numbers)
    assert [f.name for f in files] == sorted(f"pro-forma-{day.isoformat()}-{n}.pdf"
                                             for n in numbers)
    for f in files:
        text, _pages = pdf_text(f)
        assert "Core group meeting" in text and "Printed Wed 25 Nov 2026 by Helen Ashworth" in text
    assert f"Wrote {len(numbers)} pro forma" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["export", "plan", "--child", "NOPE"], "cpdesk: No child with case number NOPE"),
    (["export", "plan"], "cpdesk: Enter the child's case number"),
    (["export", "compliance", "--child", "X"], "give --team NAME or nothing"),
    (["export", "compliance", "--team", "Nowhere"], "No team called 'Nowhere'"),
    (["export", "plan", "--child", "X", "--meeting", "1"], "--meeting is only for"),
    (["export", "pro-forma", "--date", "2020-01-01"], "No core group meetings are arranged"),
])
def test_one_line_errors(demo_file: Path, tmp_path: Path, args: list[str], message: str,
                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    assert main([*args, "--db", str(demo_file), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_minutes_without_a_held_meeting(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "none-held.sqlite"
    store = open_store(db)
    team = make_team(store)
    case = make_case(store, lead_worker_id=team.workers["Jo Bloggs"], case_number="NH1")
    store.close()
    assert main(["export", "minutes", "--child", case.case_number, "--db",
                 str(db),
                 "--out", str(tmp_path / "m.pdf")]) == 1
    assert "No core group meeting has been held for NH1 yet" in capsys.readouterr().err
