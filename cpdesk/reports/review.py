"""The core group's report for the review conference (002 sections 4 and 6.1: "To prepare the
assessment report of the Core Group for the Child Protection Review Conference"), and the
manager's caseload compliance report (every open plan with its alerts).

Pure functions from document records to a PDF file. ReportLab and domain only.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from cpdesk.domain.documents import (
    ComplianceDocument,
    OutcomeProgress,
    ReviewReportDocument,
    VisitGap,
)
from cpdesk.reports.layout import (
    FRAME_WIDTH,
    RULE,
    SHADE,
    build_pdf,
    cell,
    d,
    facts,
    grid,
    h2,
    h3,
    markup,
    para,
    plain_table_style,
    rich,
    spacer,
    styles,
    title_block,
)
from cpdesk.reports.plan import child_facts, outcome_block, plan_fact


def _outcome(o: OutcomeProgress) -> list[Flowable]:
    story = outcome_block(o.outcome, with_why=False)
    if o.progress:
        story += [rich("<b>Progress recorded at core group meetings</b>", styles().small),
                  grid(["Meeting", "Item", "Progress"],
                       [[d(day), f"{'Outcome' if '.' not in n else 'Action'} {n}", text]
                        for day, n, text in o.progress], [0.2, 0.13, 0.67]), spacer(3)]
    else:
        story.append(para(None, empty="No progress recorded at core group meetings in this "
                                      "period."))
    return story


def _gaps(title: str, gaps: tuple[VisitGap, ...], interval: str, what: str) -> list[Flowable]:
    if not gaps:
        return [h3(title), para(f"None: every {what} was within the interval ({interval}).")]
    rows = [[d(g.after), "No visit yet" if g.still_open else d(g.until), d(g.due),
             f"{g.days} days"] for g in gaps]
    return [h3(title), grid(["From", "To", "Was due by", "Length"], rows,
                            [0.28, 0.28, 0.28, 0.16])]


def render_review_report(doc: ReviewReportDocument, out: Path) -> Path:
    h = doc.header
    story: list[Flowable] = title_block(
        f"Report of the core group for the review {h.conference_name}",
        markup(f"For the period {d(doc.period_from)} to {d(doc.period_to)}. Prepared by "
               f"{doc.lead_worker or 'the ' + h.worker_title}, {h.worker_title}."))
    story += [h2("The child and the plan"), facts([
        *child_facts(doc.child)[:3],
        ("Category of abuse", doc.category),
        (f"Initial {h.conference_name}", d(doc.start_date)),
        (h.worker_title, doc.lead_worker or "Not named"),
        plan_fact(h.plan_name, doc.version),
        (f"Review {h.conference_name} due", d(doc.review_due, "Not set")),
    ])]
    story += [h2("Progress against the plan, outcome by outcome")]
    if not doc.outcomes:
        story.append(para(None, empty="The plan has no outcomes recorded."))
    for o in doc.outcomes:
        story += _outcome(o)

    v = doc.visits
    story += [h2("Visits"), facts([
        ("Visits recorded", str(v.visits)),
        ("Child seen", f"{v.seen} of {v.visits} visits"
         + (f" (not seen at {v.not_seen})" if v.not_seen else "")),
        ("Child seen alone", f"{v.seen_alone} of {v.visits} visits"),
        *([("Baby seen awake", f"{v.seen_awake} of {v.visits} visits")] if v.seen_awake else []),
        ("Bedroom seen", f"{v.bedroom_seen} of {v.visits} visits"
         + (f", last on {d(v.last_bedroom_seen)}" if v.last_bedroom_seen else "")),
        ("Visits due", v.interval_text),
        ("Seen alone due", v.seen_alone_interval_text),
    ], label_width=0.3)]
    story += _gaps("Gaps between visits longer than the plan allows", v.gaps,
                   v.interval_text, "visit")
    story += _gaps("Gaps in seeing the child alone", v.seen_alone_gaps,
                   v.seen_alone_interval_text, "time the child was seen alone")

    story += [h2("Core group attendance")]
    if doc.meetings:
        story.append(grid(["Meeting held", "Attended", "Apologies", "Did not attend"],
                          [[d(m.held_on), ", ".join(m.attended) or None,
                            ", ".join(m.apologies) or None, ", ".join(m.absent) or None]
                           for m in doc.meetings], [0.19, 0.33, 0.24, 0.24]))
    else:
        story.append(para(None, empty="No core group meetings were held in this period."))
    if doc.members:
        story += [spacer(3), grid(
            ["Member", "Job and agency", "Attended", "Apologies", "Meetings held"],
            [[m.name, m.role, str(m.attended), str(m.apologies), str(m.meetings)]
             for m in doc.members], [0.24, 0.34, 0.14, 0.14, 0.14])]

    story.append(h2("Incidents and injuries"))
    if doc.incidents:
        story.append(grid(["Visit", "What happened", "Injury"],
                          [[d(i.visit_date), i.details, i.injury_location]
                           for i in doc.incidents], [0.2, 0.55, 0.25]))
    else:
        story.append(para(None, empty="No new incidents or injuries were recorded at visits "
                                      "in this period."))
    story.append(h2("Disagreements recorded"))
    if doc.disagreements:
        story.append(grid(["Recorded on", "Who", "What they disagree with"],
                          [[d(x.recorded_on), x.who, x.about] for x in doc.disagreements],
                          [0.2, 0.22, 0.58]))
    else:
        story.append(para(None, empty="No disagreements with the plan were recorded in this "
                                      "period."))
    story.append(_signatures(h.worker_title, doc.lead_worker))
    return build_pdf(out, h, story)


def _signatures(worker_title: str, lead_worker: str | None) -> Flowable:
    s = styles()
    rows = [[cell(f"{worker_title}: {lead_worker or ''}", s.cell_bold), "", ""],
            [cell("Manager (countersigned)", s.cell_bold), "", ""]]
    table = Table([[cell("Signed by", s.cell_head), cell("Signature", s.cell_head),
                    cell("Date", s.cell_head)], *rows],
                  colWidths=[0.4 * FRAME_WIDTH, 0.4 * FRAME_WIDTH, 0.2 * FRAME_WIDTH],
                  rowHeights=[None, 15 * mm, 15 * mm], hAlign="LEFT")
    table.setStyle(plain_table_style(
        ("LINEBELOW", (1, 1), (-1, -1), 0.6, RULE),
        ("VALIGN", (0, 1), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (1, 1), (-1, -1), 8),
        ("RIGHTPADDING", (1, 1), (-1, -1), 8),
    ))
    return KeepTogether([h2("Signatures"), table])


def render_compliance(doc: ComplianceDocument, out: Path) -> Path:
    """Every open plan in scope with its alerts, most serious first (for a manager)."""
    h = doc.header
    story: list[Flowable] = title_block(
        "Caseload compliance",
        markup(f"Every open {h.plan_name} ({h.scope or 'All teams'}) and its alerts on "
               f"{d(doc.as_of)}"))
    clear = sum(1 for p in doc.plans if not p.alerts)
    story += [facts([
        ("Open plans", str(len(doc.plans))),
        ("Urgent", str(doc.count("Urgent"))),
        ("Overdue", str(doc.count("Overdue"))),
        ("Due soon", str(doc.count("Due soon"))),
        ("Plans with no alerts", str(clear)),
    ], label_width=0.3), h2("Open plans and their alerts")]
    s = styles()
    rows: list[list[object]] = []
    style: list[tuple[object, ...]] = []
    for p in doc.plans:
        # one shaded row naming the child, then a row per alert
        row = len(rows) + 1
        rows.append([rich(
            f"<b>{markup(p.child_name)}</b>, case number {markup(p.case_number)}. "
            f"{markup(h.worker_title)}: {markup(p.lead_worker or 'not named')}. "
            f"Plan started {d(p.start_date)}.", s.cell), "", ""])
        style += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), SHADE)]
        if not p.alerts:
            rows.append(["None", "No alerts", None])
        for a in p.alerts:
            late = f"\n{a.days_overdue} days late" if a.days_overdue else ""
            rows.append([cell(a.severity, s.cell_bold if a.severity == "Urgent" else None),
                         a.message, d(a.due) + late])
    if rows:
        story.append(grid(["Severity", "Alert", "Due"], rows, [0.13, 0.65, 0.22],
                          extra_style=style))
    else:
        story.append(para(None, empty="There are no open plans in this scope."))
    return build_pdf(out, h, story)
