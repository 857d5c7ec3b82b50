"""The plan as printed: the child protection plan in full, the child's own copy, and the
written agreement every core group member signs (002 sections 1 and 3; 003).

Pure functions from document records to a PDF file. ReportLab and domain only.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from cpdesk.domain.documents import (
    AgreementDocument,
    ChildDetails,
    ChildsCopyDocument,
    MemberLine,
    OutcomeLine,
    PlanDocument,
    VersionLine,
)
from cpdesk.reports.layout import (
    FRAME_WIDTH,
    RULE,
    SHADE,
    CachedParagraph,
    Heading,
    build_pdf,
    capital,
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
    text_section,
    title_block,
)


def version_text(version: VersionLine | None) -> str:
    if version is None:
        return "No version has been saved yet: this is the plan as it stands today"
    by = f" by {version.made_by}" if version.made_by else ""
    return f"Version {version.number}, saved {d(version.made_on)}{by}: {version.reason}"


def plan_fact(plan_name: str, version: VersionLine | None) -> tuple[str, str]:
    """The facts line naming the plan and the version a document speaks to."""
    return capital(plan_name), version_text(version)


def child_facts(child: ChildDetails) -> list[tuple[str, object]]:
    born = (f"{d(child.date_of_birth)} ({child.age})" if child.date_of_birth
            else child.age)
    rows: list[tuple[str, object]] = [("Name", child.name)]
    if child.known_as:
        rows.append(("Known as", child.known_as))
    rows += [("Date of birth", born), ("Gender", child.gender),
             ("Address", child.address or "Not recorded")]
    if child.preferred_language:
        rows.append(("Preferred language", child.preferred_language))
    return rows


def outcome_block(outcome: OutcomeLine, *, with_status: bool = True,
                  with_why: bool = True) -> list[Flowable]:
    """'Outcome 1: ...', how progress is judged, and its actions as a table."""
    s = styles()
    head = [h3(f"Outcome {outcome.number}: {outcome.description}"),
            rich(f"<b>{outcome.origin}.</b> How progress will be judged: "
                 f"{markup(outcome.progress_measure) or '<i>not recorded</i>'}", s.small)]
    if not outcome.actions:
        return [KeepTogether([*head, para(None, empty="No actions recorded for this outcome")])]
    headings = ["No.", "What will be done"]
    widths = [0.07, 0.33]
    if with_why:
        headings.append("Why")
        widths.append(0.22)
    headings += ["Who", "By when"]
    widths += [0.16, 0.12]
    if with_status:
        headings.append("Status")
        widths.append(0.10)
    # give the spare width to "What will be done"
    widths[1] += 1 - sum(widths)
    rows = []
    for a in outcome.actions:
        row: list[object] = [a.number, a.what]
        if with_why:
            row.append(a.why)
        row += [a.who, d(a.by_when, "Not set")]
        if with_status:
            row.append(a.status)
        rows.append(row)
    return [KeepTogether([*head, spacer(1.5), grid(headings, rows, widths)]), spacer(2)]


def members_table(members: tuple[MemberLine, ...]) -> Table | Paragraph:
    if not members:
        return para(None, empty="No core group members recorded")
    rows = []
    for m in members:
        contact = [markup(m.phone)] if m.phone else []
        if m.email:
            # a long address breaks after its "@" rather than mid-word
            contact.append(markup(m.email).replace("@", "@<br/>") if len(m.email) > 22
                           else markup(m.email))
        name = m.name + ("\n(excluded from meetings)" if m.excluded else "")
        rows.append([name, m.role, m.role_in_plan, m.contact_frequency,
                     CachedParagraph("<br/>".join(contact), styles().cell_small) if contact
                     else None])
    return grid(["Name", "Job and agency", "Role in the plan", "How often in contact",
                 "Phone and email"], rows, [0.16, 0.19, 0.29, 0.14, 0.22])


def render_plan(doc: PlanDocument, out: Path) -> Path:
    """The child protection plan in full (002 section 1), as agreed in its latest version."""
    h = doc.header
    story: list[Flowable] = title_block(capital(h.plan_name), markup(version_text(doc.version)))
    story += [h2("The child"), facts(child_facts(doc.child))]
    if doc.family:
        story += [spacer(2), grid(
            ["Family member", "Relationship", "Parental responsibility", "Lives with the child"],
            [[f.name, f.relationship, "Yes" if f.parental_responsibility else "No",
              "Yes" if f.lives_with_child else "No"] for f in doc.family],
            [0.3, 0.3, 0.2, 0.2])]
    countersigned = (f"Countersigned by {doc.countersigned.manager} on "
                     f"{d(doc.countersigned.signed_at.date())}" if doc.countersigned
                     else "Not yet countersigned by a manager")
    story += [h2("The plan"), facts([
        ("Category of abuse", doc.category),
        (f"Initial {h.conference_name}", d(doc.start_date)),
        (h.worker_title, doc.lead_worker or "Not named"),
        ("Manager", doc.manager or "Not named"),
        ("Conference chair", doc.conference_chair or "Not recorded"),
        ("Lead statutory body", doc.lead_statutory_body or "Not recorded"),
        (f"Next review {h.conference_name}", d(doc.next_review_date, "Not set")),
        ("Countersignature", countersigned),
    ])]
    story += [h2("Why there is a plan: the concerns")]
    if doc.concerns:
        story += [grid(["No.", "Concern"], [[str(i), c] for i, c in enumerate(doc.concerns, 1)],
                       [0.07, 0.93])]
    else:
        story.append(para(None))
    story += [h2("Outcomes and actions")]
    if not doc.outcomes:
        story.append(para(None, empty="No outcomes recorded"))
    for outcome in doc.outcomes:
        story += outcome_block(outcome)
    if doc.danger_statements:
        story += [h2("Danger statements and safety goals"), grid(
            ["Danger statement", "Safety goal"],
            [[statement, goal] for statement, goal in doc.danger_statements], [0.5, 0.5])]
    story += text_section("Contingency plan", doc.contingency_plan)
    story += [h2("When the child will be seen"),
              rich(f"<b>Visits:</b> {markup(doc.visit_frequency)}.", styles().body),
              para(doc.when_child_seen)]
    story += text_section("Developmental needs", doc.developmental_needs)
    story += text_section("Therapeutic services", doc.therapeutic_services)
    if doc.family_involvement:
        story += text_section("How the family is involved", doc.family_involvement)
    story += text_section("Review points and how progress will be judged", doc.review_points)
    story += [h2("Core group members: roles and contact"),
              members_table(doc.members)]
    story += [h2("Disagreements recorded")]
    if doc.disagreements:
        story.append(grid(["Recorded on", "Who", "What they disagree with"],
                          [[d(x.recorded_on), x.who, x.about] for x in doc.disagreements],
                          [0.2, 0.22, 0.58]))
    else:
        story.append(para(None, empty="No disagreements with the plan have been recorded."))
    return build_pdf(out, h, story)


def render_childs_copy(doc: ChildsCopyDocument, out: Path) -> Path:
    """The child's own copy: their plan in plain words and large type (002 section 3)."""
    s = styles()
    story: list[Flowable] = [spacer(6), Paragraph(markup(f"{doc.first_name}'s plan"),
                                                  s.big_title)]
    story.append(Paragraph("This is about keeping you safe and well.", s.big_body))
    story.append(h_big("What your plan says"))
    story += [Paragraph(_question_first(p), s.big_body) for p in doc.paragraphs]
    if doc.helpers:
        story.append(h_big("The people helping you"))
        rows = [[Paragraph(markup(name), s.big_body), Paragraph(markup(what), s.big_body)]
                for name, what in doc.helpers]
        table = Table(rows, colWidths=[0.42 * FRAME_WIDTH, 0.58 * FRAME_WIDTH], hAlign="LEFT")
        table.setStyle(plain_table_style(
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
        ))
        story.append(table)
    story.append(h_big("If you are worried"))
    talk = (f"You can talk to {doc.worker_name}, your social worker, at any time."
            if doc.worker_name else "You can talk to your social worker at any time.")
    story.append(Paragraph(markup(talk), s.big_body))
    story.append(Paragraph("You can also talk to any grown-up you trust, or call Childline "
                           "free on 0800 1111.", s.big_body))
    if doc.next_meeting:
        story.append(h_big("What happens next"))
        story.append(Paragraph(
            markup(f"The grown-ups helping you will meet again on {d(doc.next_meeting)} to "
                   "talk about how things are going. You can tell your social worker what you "
                   "want them to know."), s.big_body))
    return build_pdf(out, doc.header, story)


def _question_first(text: str) -> str:
    """'Why do I have a plan? Because...' with the opening question in bold."""
    question, mark, rest = text.partition("? ")
    if mark and len(question) < 60:
        return f"<b>{markup(question)}?</b> {markup(rest)}"
    return markup(text)


def h_big(text: str) -> Paragraph:
    return Heading(markup(text), styles().big_h2, room=35 * mm)


def render_agreement(doc: AgreementDocument, out: Path) -> Path:
    """The written agreement from the plan, with a signature and date line for every core
    group member (003: 'to be signed by all members of the Core Group')."""
    h = doc.header
    s = styles()
    first = doc.child.known_as or doc.child.name.split()[0]
    story: list[Flowable] = title_block(
        "Written agreement", markup(f"From the {h.plan_name}: {version_text(doc.version)}"))
    story.append(para(
        f"This agreement comes from {first}'s {h.plan_name}. Everyone in the core group signs "
        f"it to show that they understand the plan and will do their part. A copy is given to "
        f"everyone who signs it and one is kept on {first}'s file."))
    story += [h2("The child"), facts([
        *child_facts(doc.child)[:3],
        (f"Initial {h.conference_name}", d(doc.start_date)),
        (h.worker_title, doc.lead_worker or "Not named"),
        (f"Next review {h.conference_name}", d(doc.next_review_date, "Not set")),
    ])]
    story += [h2("Why there is a plan")]
    story += [grid(["No.", "Concern"], [[str(i), c] for i, c in enumerate(doc.concerns, 1)],
                   [0.07, 0.93])] if doc.concerns else [para(None)]
    story += [h2("What needs to change, and who will do what")]
    for outcome in doc.outcomes:
        story += outcome_block(outcome, with_status=False, with_why=False)
    story += text_section("If things change: the contingency plan", doc.contingency_plan)
    story += text_section(f"When {first} will be seen", doc.when_child_seen)
    story += [h2("Core group members and their part in the plan"), members_table(doc.members)]
    story += [h2("Signatures"), para(
        "I have read this written agreement. I understand what it asks of me and I agree to "
        "do my part.")]
    rows = [[Paragraph("Name and role", s.cell_head), Paragraph("Signature", s.cell_head),
             Paragraph("Date", s.cell_head)]]
    for m in doc.members:
        rows.append([cell(f"{m.name}\n{m.role}"), "", "", ""])
    rows[0].insert(2, "")
    # an empty column between signature and date keeps their two lines apart
    table = Table(rows, colWidths=[0.4 * FRAME_WIDTH, 0.37 * FRAME_WIDTH, 0.04 * FRAME_WIDTH,
                                   0.19 * FRAME_WIDTH],
                  rowHeights=[None] + [16 * mm] * len(doc.members), repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(plain_table_style(
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
        ("LINEBELOW", (1, 1), (1, -1), 0.6, RULE),
        ("LINEBELOW", (3, 1), (3, -1), 0.6, RULE),
        ("LINEBELOW", (0, 1), (0, -1), 0.3, SHADE),
        ("VALIGN", (0, 1), (-1, -1), "BOTTOM"),
        ("VALIGN", (0, 0), (-1, 0), "TOP"),
        ("LEFTPADDING", (1, 1), (-1, -1), 8),
        ("RIGHTPADDING", (1, 1), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 3),
    ))
    if not doc.members:
        story.append(para(None, empty="No core group members recorded"))
    elif len(doc.members) <= 8:
        # heading, statement and lines on one page when they fit
        story[-2:] = [KeepTogether([*story[-2:], table])]
    else:
        story.append(table)
    return build_pdf(out, h, story)
