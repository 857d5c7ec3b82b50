"""The layers of ../shared/ARCHITECTURE.md, checked on every import statement in cpdesk/.

Qt only in ui/ and app.py; SQLAlchemy and Alembic only in models/ and services/; ReportLab
only in reports/; the domain imports none of them and no other cpdesk layer; the UI reaches the
store only through its handle (cpdesk.models.db: Store, open_store), never the mapped classes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cpdesk"

# library -> the places allowed to import it
ALLOWED = {
    "PySide6": ("ui/", "app.py"),
    "sqlalchemy": ("models/", "services/"),
    "alembic": ("models/",),
    "reportlab": ("reports/",),
}
DOMAIN_MUST_NOT = ("cpdesk.models", "cpdesk.services", "cpdesk.reports", "cpdesk.ui",
                   "cpdesk.app", "cpdesk.cli")


def imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_what_its_layer_may(path: Path) -> None:
    where = str(path.relative_to(PACKAGE))
    for name in imports(path):
        top = name.split(".")[0]
        if top in ALLOWED:
            assert where.startswith(ALLOWED[top]), f"{where} imports {name}"
        if where.startswith("domain/"):
            assert not name.startswith(DOMAIN_MUST_NOT), f"{where} imports {name}"
        if where.startswith("ui/") and name.startswith("cpdesk.models"):
            assert name == "cpdesk.models.db", f"{where} imports {name}"


def test_the_scan_sees_the_whole_package() -> None:
    assert len(SOURCES) > 50
    assert any("PySide6" in n for n in imports(PACKAGE / "ui" / "main_window.py"))
