"""Printed documents: ReportLab platypus PDFs drawn from the records in cpdesk.domain.documents.

Pure functions `render_<kind>(doc, out) -> Path`; page templates, fonts and styles are shared
in `layout.py`. Imports ReportLab and domain only; never Qt or SQLAlchemy.
"""

from cpdesk.reports.core_group import render_minutes, render_pro_forma
from cpdesk.reports.plan import render_agreement, render_childs_copy, render_plan
from cpdesk.reports.review import render_compliance, render_review_report
from cpdesk.reports.visits import render_visits

__all__ = [
    "render_agreement", "render_childs_copy", "render_compliance", "render_minutes",
    "render_plan", "render_pro_forma", "render_review_report", "render_visits",
]
