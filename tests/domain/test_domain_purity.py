"""The domain package imports only the standard library, dateutil and holidays, and never
reads the clock."""

import ast
from datetime import datetime
from pathlib import Path

import cpdesk.domain
from cpdesk.domain.errors import ImportRejected, StaleRecord, ValidationFailed
from cpdesk.domain.visit_validation import FieldIssue

DOMAIN = Path(cpdesk.domain.__file__).parent
FORBIDDEN = ("PySide6", "sqlalchemy", "alembic", "reportlab", "cpdesk.models", "cpdesk.services",
             "cpdesk.ui", "cpdesk.reports")


def test_domain_imports_nothing_forbidden_and_reads_no_clock() -> None:
    for path in DOMAIN.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
        for clock in ("date.today(", "datetime.now(", "datetime.today(", "time.time("):
            assert clock not in source, f"{path.name} reads the clock"


def test_error_messages() -> None:
    failed = ValidationFailed([FieldIssue("present", "Enter who was present at the visit")])
    assert failed.issues[0].field == "present"
    assert "Enter who was present" in str(failed)
    stale = StaleRecord("Jo Bloggs", datetime(2027, 1, 6, 14, 5))
    assert str(stale) == "Jo Bloggs changed this record at 14:05 on Wed 6 Jan 2027. " \
        "Reopen it to see their changes."
    assert str(ImportRejected("cases.csv", "row 3: no case number")) == (
        "cases.csv: row 3: no case number")
