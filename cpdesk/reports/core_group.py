"""The core group's paper: the pro forma printed before a meeting (blank or filled in) and the
minutes of a held meeting (002 sections 4, 6.5: "All Core Group meetings are recorded on the
Core Group pro forma"; disagreements recorded specifically).

Pure functions from document records to a PDF file. ReportLab and domain only.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from cpdesk.domain.documents import (
    AttendanceLine,
    DisagreementLine,
    MeetingDetails,
    MinutesDocument,
    ProFormaDocument,
    ProgressRow,
)
from cpdesk.reports.layout import (
    SHADE,
    CachedParagraph,
    WritingLines,
    build_pdf,
    cell,
    d,
    facts,
    grid,
    h2,
    markup,
    para,
    plain,
    rich,
    styles,
    title_block,
    write_here,
)
from cpdesk.reports.plan import plan_fact

BOX = "\u2610"  # a ballot box to tick by hand


def _when(m: MeetingDetails) -> str:
    if m.held_on is not None:
        return d(m.held_on)
    if m.scheduled_for is not None:
        return d(m.scheduled_for)
    return f"Not yet arranged: due by {d(m.due_date)}"


def _progress_table(rows: tuple[ProgressRow, ...], filled: bool) -> Flowable:
    s = styles()
    if not rows:
        return para(None, empty="The plan has no outcomes or actions recorded.")
    data = []
    style: list[tuple[object, ...]] = []
    for i, r in enumerate(rows, start=1):
        if r.is_outcome:
            heading = CachedParagraph(f"<b>Outcome {r.number}:</b> {markup(r.text)}", s.cell)
            data.append([r.number, heading, "", _progress_cell(r, filled, outcome=True)])
            style += [("BACKGROUND", (0, i), (2, i), SHADE), ("SPAN", (1, i), (2, i))]
        else:
            who = "\n".join(p for p in (r.who, f"By {d(r.by_when)}" if r.by_when else None,
                                        r.status) if p)
            data.append([r.number, r.text, who or None, _progress_cell(r, filled)])
    return grid(["No.", "Outcome or action", "Who, by when, status", "Progress"], data,
                [0.06, 0.32, 0.18, 0.44], extra_style=style)


def _progress_cell(row: ProgressRow, filled: bool, outcome: bool = False) -> object:
    if row.progress:
        return cell(row.progress)
    if filled:
        return cell("No progress recorded")
    # blank space to write progress by hand
    return Spacer(1, (10 if outcome else 17) * mm)


def _attendance_table(lines: tuple[AttendanceLine, ...], filled: bool) -> Flowable:
    if not lines:
        return para(None, empty="No core group members recorded.")
    if not filled:
        return grid(["Name", "Job and agency", "Attended", "Apologies",
                     "Summary of involvement (with apologies)"],
                    [[a.name, a.role, plain(BOX, styles().tick),
                      plain(BOX, styles().tick), Spacer(1, 9 * mm)]
                     for a in lines],
                    [0.19, 0.22, 0.13, 0.13, 0.33])
    rows = []
    for a in lines:
        if a.attended:
            status = "Attended"
        elif a.apologies:
            status = "Apologies"
        else:
            status = "Did not attend"
        rows.append([a.name, a.role, status, a.summary_of_involvement])
    return grid(["Name", "Job and agency", "Attendance", "Summary of involvement"], rows,
                [0.22, 0.24, 0.14, 0.4])


def _disagreements(items: tuple[DisagreementLine, ...], filled: bool) -> list[Flowable]:
    heading = "Disagreements with the plan"
    if not filled:
        return [KeepTogether([h2(heading), para(
            "Record each disagreement specifically: who disagrees, and with what.",
            styles().small), WritingLines(4)])]
    if not items:
        return [h2(heading), para(None, empty="No disagreements were recorded at this meeting.")]
    return [h2(heading), grid(["Recorded on", "Who", "What they disagree with"],
                              [[d(x.recorded_on), x.who, x.about] for x in items],
                              [0.2, 0.22, 0.58])]


def render_pro_forma(doc: ProFormaDocument, out: Path) -> Path:
    """The core group pro forma: header filled in; progress, attendance, decisions,
    disagreements and next meeting filled from the record or left blank to write on."""
    h = doc.header
    m = doc.meeting
    filled = doc.filled
    state = "filled in from the meeting record" if filled else "to complete at the meeting"
    story: list[Flowable] = title_block(
        "Core group meeting", markup(f"Pro forma for core group meeting {m.number}, {state}"))
    story += [facts([
        ("Child", f"{h.child_name} (case number {h.case_number})"),
        ("Date and time", _when(m)),
        ("Venue", m.venue or (Spacer(1, 4 * mm) if not filled else "Not recorded")),
        ("Chair", m.chair or Spacer(1, 4 * mm)),
        (h.worker_title, doc.lead_worker or "Not named"),
        plan_fact(h.plan_name, doc.version),
        (f"Next review {h.conference_name}", d(doc.next_review_date, "Not set")),
    ])]
    story += [h2("Members invited: attendance and apologies"),
              _attendance_table(doc.attendance, filled)]
    story += [h2("Progress against the plan"),
              _progress_table(doc.rows, filled)]
    story += write_here("Decisions", doc.decisions, 5, filled)
    story += write_here("Changes to the plan", doc.changes_to_plan, 4, filled)
    story += _disagreements(doc.disagreements, filled)
    if filled:
        story += [h2("Next meeting"), para(d(doc.next_meeting_date, "Not set"))]
    else:
        s = styles()
        story += [KeepTogether([h2("Next meeting"), rich(
            "Date: ____________________   Time: __________   Venue: "
            "______________________________", s.body)])]
    return build_pdf(out, h, story)


def render_minutes(doc: MinutesDocument, out: Path) -> Path:
    """The minutes of a held core group meeting, disagreements drawn out (002 section 6.5)."""
    h = doc.header
    m = doc.meeting
    status = "Final" if m.status == "Final" else f"{m.status}: not yet finalised"
    story: list[Flowable] = title_block(
        "Core group minutes",
        markup(f"Core group meeting {m.number}, held on {d(m.held_on)}. {status}."))
    circulated = (d(doc.minutes_circulated_on) if doc.minutes_circulated_on
                  else f"Not yet circulated: due by {d(doc.minutes_due)}")
    story += [facts([
        ("Held on", d(m.held_on)),
        ("Venue", m.venue or "Not recorded"),
        ("Chair", m.chair or "Not recorded"),
        ("Minutes written by", doc.author or "Not recorded"),
        ("Minutes circulated", circulated),
        (h.worker_title, doc.lead_worker or "Not named"),
        plan_fact(h.plan_name, doc.version),
        (f"Next review {h.conference_name}", d(doc.next_review_date, "Not set")),
    ])]
    story += [h2("Attendance and apologies"), _attendance_table(doc.attendance, True)]
    story += [h2("Progress against the plan"),
              _progress_table(doc.rows, True)]
    story += write_here("Decisions", doc.decisions, 0, True)
    story += write_here("Changes to the plan", doc.changes_to_plan, 0, True)
    story += _disagreements(doc.disagreements, True)
    story += [h2("Next meeting"), para(d(doc.next_meeting_date, "Not set"))]
    if doc.addenda:
        story += [h2("Addenda"), grid(["Written", "By", "Addendum"],
                                      [[d(a.written_at), a.author, a.text] for a in doc.addenda],
                                      [0.24, 0.18, 0.58])]
    story.append(h2("Countersignature"))
    if doc.countersignatures:
        story += [para("\n".join(
            f"{c.decision} by {c.manager} on {d(c.signed_at)}" + (f": {c.comment}"
                                                                  if c.comment else "")
            for c in doc.countersignatures))]
    else:
        story.append(para(None, empty="Not yet countersigned by a manager."))
    return build_pdf(out, h, story)

