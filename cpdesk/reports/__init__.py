"""Printed documents: ReportLab platypus PDFs drawn from the records in cpdesk.domain.documents.

Pure functions `render_<kind>(doc, out) -> Path`; page templates, fonts and styles are shared
in `layout.py`. Imports ReportLab and domain only; never Qt or SQLAlchemy.

The renderers load on first use (PEP 562), so importing the services that print - which the
desktop app and the CLI import at start - does not import ReportLab until the first PDF
(issue 10: start-up).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "render_minutes": "core_group", "render_pro_forma": "core_group",
    "render_agreement": "plan", "render_childs_copy": "plan", "render_plan": "plan",
    "render_compliance": "review", "render_review_report": "review",
    "render_visits": "visits",
}

__all__ = [
    "render_agreement", "render_childs_copy", "render_compliance", "render_minutes",
    "render_plan", "render_pro_forma", "render_review_report", "render_visits",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"cpdesk.reports.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'cpdesk.reports' has no attribute {name!r}")
