"""Visit records as printed: one visit or every visit in a period, each with every statutory
field (002 section 4), its addenda and its countersignature.

Pure functions from document records to a PDF file. ReportLab and domain only.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from cpdesk.domain.documents import VisitLine, VisitRecordDocument
from cpdesk.reports.layout import (
    NOT_RECORDED,
    build_pdf,
    d,
    facts,
    grid,
    h2,
    h3,
    markup,
    para,
    spacer,
    title_block,
    yes_no,
)


def _with_reason(value: bool | None, reason: str | None) -> str:
    if value is None:
        return NOT_RECORDED
    if value:
        return "Yes"
    return f"No. Why not: {reason}" if reason else "No (no reason recorded)"


def _visit(v: VisitLine) -> list[Flowable]:
    when = d(v.visit_date, "Date not recorded")
    if v.start_time is not None:
        when += f" at {v.start_time:%H:%M}"
    rows: list[tuple[str, object]] = [
        ("Date and time", when),
        ("Type of visit", v.visit_type or NOT_RECORDED),
        ("Record", v.status + (f": {v.void_reason}" if v.void_reason else "")),
        ("Written by", v.author or NOT_RECORDED),
        ("Finalised", d(v.finalised_at, "Not finalised")),
        ("Who was present", v.present or NOT_RECORDED),
    ]
    if v.others_visited:
        rows.append(("Also visited", ", ".join(v.others_visited)))
    if v.delegated_to:
        rows.append(("Visit delegated to", (f"{v.delegated_to} (agreed by "
                     f"{v.delegation_agreed_by or 'nobody recorded'})")))
    rows += [
        ("Was the child seen?", _with_reason(v.child_seen, v.not_seen_reason)),
        ("Was the child seen alone?", _with_reason(v.seen_alone, v.not_seen_alone_reason)),
    ]
    if v.seen_awake is not None:
        rows.append(("Was the baby seen awake?", yes_no(v.seen_awake)))
    rows += [
        ("Was the child's bedroom seen?", yes_no(v.bedroom_seen)),
        ("Sleeping arrangements", v.sleeping_arrangements or NOT_RECORDED),
        ("Meals", v.meals or NOT_RECORDED),
        ("Presentation and behaviour", v.presentation_and_behaviour or NOT_RECORDED),
        ("Wishes and feelings", v.wishes_and_feelings or NOT_RECORDED),
    ]
    if v.new_incidents:
        incident = v.incident_details or "Details not recorded"
        if v.injury_location:
            incident += f"\nInjury: {v.injury_location}"
        rows.append(("New incidents or injuries", f"Yes. {incident}"))
    else:
        rows.append(("New incidents or injuries", yes_no(v.new_incidents)))
    rows.append(("Next planned visit", d(v.next_planned_visit, "Not set")))
    if v.countersignatures:
        signed = "\n".join(
            f"{c.decision} by {c.manager} on {d(c.signed_at)}"
            + (f": {c.comment}" if c.comment else "") for c in v.countersignatures)
    else:
        signed = "Not yet countersigned by a manager"
    rows.append(("Countersignature", signed))
    story: list[Flowable] = [CondPageBreak(60 * mm), h2(f"Visit on {when}"),
                             facts(rows, label_width=0.32)]
    if v.observations:
        story += [h3("What was seen about each identified risk"), grid(
            ["Identified risk", "What was seen and heard", "Risk"],
            [[o.concern, o.observation, o.risk_trend] for o in v.observations],
            [0.3, 0.55, 0.15])]
    if v.addenda:
        story += [h3("Addenda"), grid(
            ["Written", "By", "Addendum"],
            [[d(a.written_at), a.author, a.text] for a in v.addenda], [0.24, 0.18, 0.58])]
    story.append(spacer(3))
    return story


def render_visits(doc: VisitRecordDocument, out: Path) -> Path:
    """Every visit in the document, newest last, each with every statutory field."""
    n = len(doc.visits)
    if doc.date_from or doc.date_to:
        period = (f"Visits from {d(doc.date_from, 'the start of the plan')} to "
                  f"{d(doc.date_to, 'today')}")
    else:
        period = "Visits"
    subtitle = f"{period}: {n} visit{'s' if n != 1 else ''} recorded"
    story: list[Flowable] = title_block("Visit records", markup(subtitle))
    if not doc.visits:
        story.append(para(None, empty="No visits were recorded in this period."))
    for v in doc.visits:
        story += _visit(v)
    return build_pdf(out, doc.header, story)
