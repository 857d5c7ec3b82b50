"""Benchmark: the plan PDF and 50 core group pro formas in one run, against a floor.

The floor is a bare ReportLab document of the same size: the same text (page furniture
included, read back from cpdesk's PDF), one plain paragraph a line (more paragraphs than
cpdesk's, which hold several lines) set solid in 10 pt on a 12 pt leading, about the pages
cpdesk takes (the plan 5 to cpdesk's 4, a pro forma 3 to 3), in the font cpdesk must print in:
DejaVu Sans embedded as a subset (registered once per process, as cpdesk does; only the regular
face, where cpdesk embeds regular, bold and oblique); no tables, no page templates. That is
what ReportLab alone costs for that much paper, so the figures say what cpdesk adds.
(Until issue 10's documents work the floor was set in Helvetica, a standard font ReportLab
neither measures from a TrueType file nor embeds, with a 6 pt space between lines, on up to
twice cpdesk's pages: not the same document, nor a printout cpdesk may make.)

cpdesk and its floor are timed alternately, run by run, so a busy moment on a shared machine
falls on both.

Run: python -m bench.bench_documents [--runs N], or as part of python -m bench.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlalchemy import func, select

from bench.harness import Result, interleaved, median_of
from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import RecordStatus, Role
from cpdesk.models import Child, CoreGroupMeeting, Plan
from cpdesk.models.db import Store, open_store
from cpdesk.reports.layout import register_fonts
from cpdesk.services.demo import write_demo_data
from cpdesk.services.documents import export_document, export_pro_formas_for_date

TODAY = date(2026, 11, 25)
BATCH_DAY = date(2026, 12, 3)
ACTOR = Actor(staff_id=None, name="Benchmark", role=Role.MANAGER)


def _text_and_pages(path: Path) -> tuple[str, int]:
    reader = PdfReader(str(path))
    return "\n".join(p.extract_text() or "" for p in reader.pages), len(reader.pages)


@lru_cache(maxsize=1)
def _floor_style() -> ParagraphStyle:
    """BodyText (10 pt on 12 pt) in cpdesk's document font (DejaVu Sans, registered once per
    process), lines set solid."""
    return ParagraphStyle("floor", parent=getSampleStyleSheet()["BodyText"],
                          fontName=register_fonts(), spaceBefore=0, spaceAfter=0)


def _bare(text: str, out: Path) -> None:
    """The floor: the same text as plain paragraphs in the same font, nothing else."""
    style = _floor_style()
    story = [Paragraph(line.replace("&", "&amp;").replace("<", "&lt;"), style)
             for line in text.splitlines() if line.strip()]
    SimpleDocTemplate(str(out), pagesize=A4, initialFontName=style.fontName).build(story)


def _busiest_case(store: Store) -> str:
    with store.session() as s:
        return s.execute(
            select(Child.case_number).join(Plan, Plan.child_id == Child.id)
            .join(CoreGroupMeeting, CoreGroupMeeting.plan_id == Plan.id)
            .where(Plan.end_date.is_(None)).group_by(Child.id)
            .order_by(func.count().desc(), Child.case_number).limit(1)).scalar_one()


def _arrange_meetings(store: Store, day: date, count: int) -> None:
    """Core group meetings on `day`, spread over the open plans, until there are `count`."""
    with store.session() as s:
        plans = s.scalars(select(Plan.id).where(Plan.end_date.is_(None))
                          .order_by(Plan.id)).all()
        already = s.scalar(select(func.count()).select_from(CoreGroupMeeting).where(
            (func.date(CoreGroupMeeting.scheduled_for) == day.isoformat())
            | ((CoreGroupMeeting.scheduled_for.is_(None))
               & (CoreGroupMeeting.due_date == day)))) or 0
        for i in range(count - already):
            s.add(CoreGroupMeeting(plan_id=plans[i % len(plans)], due_date=day,
                                   scheduled_for=datetime(day.year, day.month, day.day,
                                                          9 + i % 8, tzinfo=UTC),
                                   venue="Family centre", status=RecordStatus.DRAFT))


def measure(runs: int) -> dict[str, tuple[int, float, float, int]]:
    """{figure: (pages, cpdesk median s, floor median s, documents)} for both figures."""
    with tempfile.TemporaryDirectory(prefix="cpdesk-bench-") as tmp:
        folder = Path(tmp)
        store = open_store(folder / "bench.sqlite")
        write_demo_data(store, TODAY)
        case = _busiest_case(store)
        _arrange_meetings(store, BATCH_DAY, 50)

        plan_pdf = folder / "plan.pdf"

        def run_plan() -> None:
            export_document(store, ACTOR, "plan", child_case_number=case, out=plan_pdf,
                            today=TODAY)

        run_plan()
        plan_text, plan_pages = _text_and_pages(plan_pdf)
        mine, floor = interleaved(run_plan, lambda: _bare(plan_text, folder / "bare-plan.pdf"),
                                  runs)
        plan_s, plan_floor = median_of(mine), median_of(floor)

        batch = folder / "batch"
        batch_runs = max(1, runs // 2)
        paths: list[Path] = []

        def run_batch() -> None:
            paths[:] = export_pro_formas_for_date(store, ACTOR, BATCH_DAY, batch, TODAY)

        run_batch()
        texts = [_text_and_pages(p) for p in paths]
        batch_pages = sum(n for _t, n in texts)

        def run_floor() -> None:
            for i, (text, _n) in enumerate(texts):
                _bare(text, folder / f"bare-{i}.pdf")

        mine, floor = interleaved(run_batch, run_floor, batch_runs)
        batch_s, batch_floor = median_of(mine), median_of(floor)
        store.close()
    return {"plan_pdf": (plan_pages, plan_s, plan_floor, 1),
            "pro_formas_50": (batch_pages, batch_s, batch_floor, len(paths))}


def run(runs: int) -> list[Result]:
    """The suite's figures: plan_pdf (<= 1.5x) and pro_formas_50 (<= 1.5x and <= 3 s)."""
    figures = measure(runs)
    pages, took, floor, _n = figures["plan_pdf"]
    out = [Result("plan_pdf", took, floor, runs, target_ratio=1.5,
                  note=f"demo's busiest plan, {pages} pages")]
    pages, took, floor, n = figures["pro_formas_50"]
    out.append(Result("pro_formas_50", took, floor, max(1, runs // 2), target_ratio=1.5,
                      target_s=3.0, note=f"{n} pro formas, {pages} pages"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (median)")
    args = parser.parse_args(argv)
    figures = measure(args.runs)
    rows = [
        ("plan PDF (1 document)", *figures["plan_pdf"][:3]),
        (f"pro formas ({figures['pro_formas_50'][3]} in one run)", *figures["pro_formas_50"][:3]),
    ]
    print(f"{'document':32} {'pages':>6} {'cpdesk s':>9} {'floor s':>8} {'ratio':>6} "
          f"{'ms/page':>8}")
    for name, pages, took, floor in rows:
        print(f"{name:32} {pages:6d} {took:9.3f} {floor:8.3f} {took / floor:6.1f} "
              f"{1000 * took / pages:8.1f}")
    print("cpdesk s: build from the store, render, write and audit (median of runs); "
          "floor s: bare ReportLab, same text, same font (timed alternately).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
