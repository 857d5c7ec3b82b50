"""Every printed document, made from the demo caseload and read back with pypdf: each required
section heading, the page furniture and the values really recorded appear in the text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from cpdesk.domain.actor import Actor
from cpdesk.domain.dates import format_date
from cpdesk.domain.enums import RecordStatus, Role
from cpdesk.models import (
    Child,
    CoreGroupMeeting,
    CoreGroupMember,
    Disagreement,
    MeetingProgress,
    Outcome,
    Plan,
    Visit,
    VisitChild,
)
from cpdesk.models.db import Store
from cpdesk.services.documents import export_document
from tests.reports.conftest import TODAY, assert_page_furniture, compact, has, pdf_text

ASHA = Actor(staff_id=None, name="Asha Patel", role=Role.SOCIAL_WORKER)


def _busiest_child(store: Store) -> tuple[str, str, str]:
    """(case number, name, plan id) of the open-plan child with the most held meetings."""
    with store.session() as s:
        row = s.execute(
            select(Child.case_number, Child.given_names, Child.family_name, Plan.id)
            .join(Plan, Plan.child_id == Child.id)
            .join(CoreGroupMeeting, CoreGroupMeeting.plan_id == Plan.id)
            .where(Plan.end_date.is_(None), CoreGroupMeeting.held_on.is_not(None))
            .group_by(Child.id, Plan.id).order_by(func.count().desc(), Child.case_number)
        ).first()
    assert row is not None
    return row[0], f"{row[1]} {row[2]}", row[3]


def _outcomes(store: Store, plan_id: str) -> list[str]:
    with store.session() as s:
        return list(s.scalars(select(Outcome.description).where(Outcome.plan_id == plan_id)
                              .order_by(Outcome.position)))


def _members(store: Store, plan_id: str) -> list[str]:
    with store.session() as s:
        return list(s.scalars(select(CoreGroupMember.name).where(
            CoreGroupMember.plan_id == plan_id, CoreGroupMember.left_on.is_(None),
            CoreGroupMember.excluded.is_(False))))


def _export(store: Store, kind: str, out: Path, **kw: object) -> tuple[str, int]:
    path = export_document(store, ASHA, kind, out=out, today=TODAY, **kw)  # type: ignore[arg-type]
    assert path == out and out.exists()
    return pdf_text(out)


def test_plan_in_full(demo_store: Store, tmp_path: Path) -> None:
    case, name, plan_id = _busiest_child(demo_store)
    text, pages = _export(demo_store, "plan", tmp_path / "plan.pdf", child_case_number=case)
    assert_page_furniture(text, pages, name=name, case_number=case, printed_by="Asha Patel")
    for heading in ("Child protection plan", "The child", "Why there is a plan: the concerns",
                    "Outcomes and actions", "Contingency plan", "When the child will be seen",
                    "Developmental needs", "Therapeutic services",
                    "Review points and how progress will be judged",
                    "Core group members: roles and contact", "Disagreements recorded",
                    "Lead Social Worker", "Version "):
        assert heading in text, heading
    for i, outcome in enumerate(_outcomes(demo_store, plan_id), start=1):
        assert f"Outcome {i}:" in text and has(text, outcome, 40)
    for member in _members(demo_store, plan_id):
        assert has(text, member, 12), member
    with demo_store.session() as s:
        plan = s.get(Plan, plan_id)
        assert plan is not None and plan.contingency_plan
        assert has(text, plan.contingency_plan, 40)


def test_fonts_are_embedded_and_the_page_is_a4(demo_store: Store, tmp_path: Path) -> None:
    case, _name, _plan = _busiest_child(demo_store)
    out = tmp_path / "plan.pdf"
    export_document(demo_store, ASHA, "plan", child_case_number=case, out=out, today=TODAY)
    reader = PdfReader(str(out))
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    fonts = page["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        assert "DejaVuSans" in font["/BaseFont"]  # no unembedded Helvetica anywhere
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
            if "/DescendantFonts" in font else font["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()


def test_childs_copy_is_plain_and_large(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as s:
        case, given, family, copy = s.execute(
            select(Child.case_number, Child.given_names, Child.family_name, Plan.childs_copy)
            .join(Plan, Plan.child_id == Child.id)
            .where(Plan.childs_copy.is_not(None), Plan.end_date.is_(None))
            .order_by(Child.case_number)).first()
    text, pages = _export(demo_store, "child-plan", tmp_path / "mine.pdf",
                          child_case_number=case)
    assert_page_furniture(text, pages, name=f"{given} {family}", case_number=case,
                          printed_by="Asha Patel")
    for heading in ("What your plan says", "The people helping you", "If you are worried",
                    "Childline"):
        assert heading in text
    first_line = copy.splitlines()[0]
    assert has(text, first_line, 30)
    # no jargon: none of the professional terms the full plan uses
    for jargon in ("contingency", "core group members", "statutory", "Category of abuse"):
        assert jargon.lower() not in text.lower()
    reader = PdfReader(str(tmp_path / "mine.pdf"))
    sizes: list[float] = []
    reader.pages[0].extract_text(visitor_text=lambda t, cm, tm, fd, fs: sizes.append(
        fs * tm[0]) if t.strip() and fs else None)
    assert max(sizes) >= 20 and sorted(sizes)[len(sizes) // 2] >= 15  # large type


def test_visit_records_carry_every_statutory_field(demo_store: Store, tmp_path: Path) -> None:
    case, name, _plan = _busiest_child(demo_store)
    with demo_store.session() as s:
        rows = s.execute(
            select(Visit.visit_date, VisitChild.presentation_and_behaviour, Visit.present)
            .join(VisitChild, VisitChild.visit_id == Visit.id).join(Child)
            .where(Child.case_number == case, Visit.visit_date >= date(2026, 10, 1),
                   Visit.visit_date <= date(2026, 11, 20))
            .order_by(Visit.visit_date)).all()
    assert rows
    text, pages = _export(demo_store, "visits", tmp_path / "visits.pdf",
                          child_case_number=case, date_from=date(2026, 10, 1),
                          date_to=date(2026, 11, 20))
    assert_page_furniture(text, pages, name=name, case_number=case, printed_by="Asha Patel")
    assert f"{len(rows)} visit" in text
    for label in ("Who was present", "Was the child seen?", "Was the child seen alone?",
                  "Was the child's bedroom seen?", "Sleeping arrangements", "Meals",
                  "Presentation and behaviour", "Wishes and feelings",
                  "New incidents or injuries", "Countersignature", "Written by"):
        assert compact(text).count(compact(label)) >= len(rows), label
    for day, presentation, present in rows:
        assert f"Visit on {format_date(day)}" in text
        if presentation:
            assert has(text, presentation, 20)
        if present:
            assert has(text, present, 15)


def _held_meeting(store: Store, plan_id: str) -> tuple[str, date]:
    with store.session() as s:
        mid, held = s.execute(
            select(CoreGroupMeeting.id, CoreGroupMeeting.held_on)
            .where(CoreGroupMeeting.plan_id == plan_id, CoreGroupMeeting.held_on.is_not(None),
                   CoreGroupMeeting.status != RecordStatus.VOIDED)
            .order_by(CoreGroupMeeting.held_on.desc())).first()
    return mid, held


def test_pro_forma_blank_for_the_next_meeting(demo_store: Store, tmp_path: Path) -> None:
    case, name, plan_id = _busiest_child(demo_store)
    text, pages = _export(demo_store, "pro-forma", tmp_path / "pf.pdf", child_case_number=case)
    assert_page_furniture(text, pages, name=name, case_number=case, printed_by="Asha Patel")
    for heading in ("Core group meeting", "to complete at the meeting", "Date and time",
                    "Chair", "Members invited: attendance and apologies", "Attended",
                    "Apologies", "Progress against the plan", "Decisions",
                    "Disagreements with the plan", "Next meeting", "Date:"):
        assert heading in text, heading
    for i, outcome in enumerate(_outcomes(demo_store, plan_id), start=1):
        assert has(text, f"Outcome {i}: {outcome}", 16)
    for member in _members(demo_store, plan_id):
        assert has(text, member, 12)
    assert "No progress recorded" not in text  # blank, not "nothing happened"


def test_pro_forma_filled_in_from_a_held_meeting(demo_store: Store, tmp_path: Path) -> None:
    case, name, plan_id = _busiest_child(demo_store)
    meeting_id, _held = _held_meeting(demo_store, plan_id)
    with demo_store.session() as s:
        progress = s.scalars(select(MeetingProgress.progress)
                             .where(MeetingProgress.meeting_id == meeting_id)).all()
    text, pages = _export(demo_store, "pro-forma", tmp_path / "pf.pdf", meeting_id=meeting_id)
    assert_page_furniture(text, pages, name=name, case_number=case, printed_by="Asha Patel")
    assert "filled in from the meeting record" in text and "Attendance" in text
    for p in progress:
        assert has(text, p, 14)


def test_minutes_of_the_latest_held_meeting(demo_store: Store, tmp_path: Path) -> None:
    case, name, plan_id = _busiest_child(demo_store)
    meeting_id, held = _held_meeting(demo_store, plan_id)
    with demo_store.session() as s:
        meeting = s.get(CoreGroupMeeting, meeting_id)
        assert meeting is not None
        attended = [a.name for a in meeting.attendance if a.attended]
        apologies = [a.name for a in meeting.attendance if a.apologies]
        decisions = meeting.decisions
    text, pages = _export(demo_store, "minutes", tmp_path / "min.pdf", child_case_number=case)
    assert_page_furniture(text, pages, name=name, case_number=case, printed_by="Asha Patel")
    assert f"held on {format_date(held)}" in text
    for heading in ("Core group minutes", "Attendance and apologies", "Progress against the plan",
                    "Decisions", "Changes to the plan", "Disagreements with the plan",
                    "Next meeting", "Countersignature", "Minutes circulated"):
        assert heading in text, heading
    for who in attended + apologies:
        assert has(text, who, 12)
    assert text.count("Attended") >= len(attended)
    if decisions:
        assert has(text, decisions, 25)


def test_written_agreement_has_a_signature_line_per_member(demo_store: Store,
                                                          tmp_path: Path) -> None:
    case, name, plan_id = _busiest_child(demo_store)
    text, pages = _export(demo_store, "agreement", tmp_path / "ag.pdf", child_case_number=case)
    assert_page_furniture(text, pages, name=name, case_number=case, printed_by="Asha Patel")
    for heading in ("Written agreement", "Why there is a plan",
                    "What needs to change, and who will do what",
                    "If things change: the contingency plan", "Signatures", "Signature", "Date",
                    "I agree to do my part"):
        assert heading in text, heading
    members = _members(demo_store, plan_id)
    signatures = text[text.index("I agree to do my part"):]
    for member in members:
        assert has(signatures, member, 12)


def test_review_report(demo_store: Store, tmp_path: Path) -> None:
    case, name, plan_id = _busiest_child(demo_store)
    text, pages = _export(demo_store, "review-report", tmp_path / "rr.pdf",
                          child_case_number=case)
    assert_page_furniture(text, pages, name=name, case_number=case, printed_by="Asha Patel")
    for heading in ("Report of the core group for the review child protection conference",
                    "Progress against the plan, outcome by outcome", "Visits",
                    "Visits recorded", "Child seen alone", "Bedroom seen",
                    "Gaps between visits longer than the plan allows",
                    "Core group attendance", "Incidents and injuries", "Disagreements recorded",
                    "Signatures"):
        assert heading in text, heading
    for outcome in _outcomes(demo_store, plan_id):
        assert has(text, outcome, 30)
    with demo_store.session() as s:
        disagreements = s.scalars(select(Disagreement.about)
                                  .where(Disagreement.plan_id == plan_id)).all()
    assert all(has(text, d, 12) for d in disagreements) or "No disagreements" in text


def test_compliance_lists_every_open_plan_with_its_alerts(demo_store: Store,
                                                          tmp_path: Path) -> None:
    from cpdesk.services.alerts import alerts_as_of

    alerts = alerts_as_of(demo_store, TODAY)
    with demo_store.session() as s:
        open_cases = s.scalars(select(Child.case_number).join(Plan)
                               .where(Plan.end_date.is_(None))).all()
    text, pages = _export(demo_store, "compliance", tmp_path / "c.pdf")
    assert_page_furniture(text, pages, name=None, case_number=None, printed_by="Asha Patel")
    assert "Caseload compliance" in text and "All teams" in text
    for number in open_cases:
        assert number in text
    urgent = sum(1 for a in alerts if a.severity.value == "urgent")
    assert f"Urgent {urgent}" in text
    for a in alerts[:5]:
        assert has(text, a.message, 20)


@pytest.mark.parametrize("kind", ["plan", "agreement", "review-report", "minutes"])
def test_user_text_with_markup_characters_prints_as_written(
    demo_store: Store, tmp_path: Path, kind: str
) -> None:
    case, _name, plan_id = _busiest_child(demo_store)
    odd = "Mum & Dad <both> said \"no\""
    with demo_store.session() as s:
        outcome = s.scalars(select(Outcome).where(Outcome.plan_id == plan_id)
                            .order_by(Outcome.position)).first()
        assert outcome is not None
        original = outcome.description
        outcome.description = odd
    try:
        text, _pages = _export(demo_store, kind, tmp_path / f"{kind}.pdf",
                               child_case_number=case)
        assert odd in text
    finally:
        with demo_store.session() as s:
            o = s.scalars(select(Outcome).where(Outcome.plan_id == plan_id)
                          .order_by(Outcome.position)).first()
            assert o is not None
            o.description = original
