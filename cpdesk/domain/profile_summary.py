"""A procedure profile's key numbers in words, for the Procedure profile screen and
`cpdesk profile`: "Visits: at least every 14 days", "Seen alone: at least every 28 days".

Plain Python only: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

from cpdesk.domain.enums import IntervalUnit
from cpdesk.domain.profiles import Profile


def span(n: int, unit: IntervalUnit) -> str:
    """'14 days', '10 working days', '1 day'."""
    word = "working day" if unit is IntervalUnit.WORKING_DAYS else "day"
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _months(n: int) -> str:
    return "1 month" if n == 1 else f"{n} months"


def profile_lines(p: Profile) -> list[tuple[str, str]]:
    """(what, rule in words) for each key number, in the order a worker meets them."""
    seen_alone = f"at least every {span(p.seen_alone_interval, p.seen_alone_interval_unit)}"
    if p.baby_seen_awake:
        seen_alone += " (a baby seen awake)"
    first_core_group = span(p.first_core_group_within, p.first_core_group_within_unit)
    lines = [
        ("Title of the worker", p.worker_title),
        ("Visits", f"at least every {span(p.visit_interval, p.visit_interval_unit)}"),
        ("Child seen alone", seen_alone),
        ("First core group", f"within {first_core_group} of the {p.conference_name}"),
        ("Core group meetings",
         f"at least every {span(p.core_group_interval, p.core_group_interval_unit)}"),
        ("Core group minutes",
         f"circulated within {span(p.minutes_within, p.minutes_within_unit)} of the meeting"),
        ("First review",
         (f"within {_months(p.first_review_within_months)} of the initial "
          f"{p.conference_name}, then at "
          f"most {_months(p.review_interval_months)} apart")),
    ]
    if p.bedroom_seen_between_conferences:
        lines.append(("Child's bedroom", "seen at least once between conferences"))
    if p.written_agreement_required:
        lines.append(("Written agreement", "signed by every core group member"))
    if p.register_name:
        lines.append(("Register", f"the {p.register_name}; its keeper is told of every change"
                      if p.notify_register_keeper else f"the {p.register_name}"))
    return lines
