"""The shared layout's shortcuts make exactly what ReportLab would: a paragraph built without
the markup parser has the parser's own fragments, and a table cell that keeps its line breaks
lays out and draws as a plain Paragraph does (checked byte for byte on an invariant PDF)."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Table

from cpdesk.reports.layout import (
    FRAME_WIDTH,
    CachedParagraph,
    Heading,
    _base_table_style,
    h2,
    h3,
    markup,
    plain,
    styles,
    title_block,
)

TEXTS = [
    "Ayaan Begum",
    "  leading and trailing   spaces, and\ttabs  ",
    "non\u00a0breaking\u00a0spaces and a ballot box \u2610",
    "Łukasz Wiśniewski — “quoted” – 12/06/2026",
    "a very long word " + "x" * 120 + " that cannot break",
    "—",
    # these carry markup characters or line breaks: they go through the parser as before
    "Mum & Dad <both> said \"no\"",
    "first line\nsecond line\r\nthird line",
]


def _fragments(paragraph: Paragraph) -> list[dict[str, object]]:
    return [dict(vars(f)) for f in paragraph.frags]


@pytest.mark.parametrize("text", TEXTS)
def test_plain_paragraph_is_the_parsed_paragraph(text: str) -> None:
    s = styles()
    for style in (s.body, s.cell, s.cell_bold, s.cell_head, s.empty, s.big_body, s.small):
        fast = plain(text, style)
        parsed = Paragraph(markup(text), style)
        assert fast.text == parsed.text
        assert _fragments(fast) == _fragments(parsed)
        assert fast.wrap(FRAME_WIDTH / 3, 1000) == parsed.wrap(FRAME_WIDTH / 3, 1000)
        assert _lines(fast) == _lines(parsed)
        label = plain(text, style, line_breaks=False)  # headings and labels: escaped only
        assert _fragments(label) == _fragments(Paragraph(escape(text), style))


@pytest.mark.parametrize("text", TEXTS)
def test_headings_are_the_parsed_headings(text: str) -> None:
    """Headings and titles escape their text and run its lines together, as before."""
    for made, style in ((h2(text), styles().h2), (h3(text), styles().h3),
                        (title_block(text, "")[0], styles().title)):
        parsed = type(made)(escape(text), style)
        assert made.style is style
        assert made.text == parsed.text
        assert _fragments(made) == _fragments(parsed)
    assert isinstance(h2(text), Heading)
    assert h3(text).room == Heading(escape(text), styles().h3, room=15 * mm).room


def _lines(paragraph: Paragraph) -> list[str]:
    """The broken lines, words and fragments spelt out (fragments compare by identity)."""
    return [repr(line[1] if isinstance(line, tuple) else line.words)
            for line in paragraph.blPara.lines]


def _table_pdf(out: Path, make: type[Paragraph]) -> bytes:
    """A table long enough to split over pages, its heading row repeated, in `make` cells."""
    s = styles()
    rows = [[make(markup("No."), s.cell_head), make(markup("What will be done"), s.cell_head)]]
    rows += [[make(markup(str(i)), s.cell), make(markup(TEXTS[i % len(TEXTS)] * 3), s.cell)]
             for i in range(120)]
    table = Table(rows, colWidths=[0.1 * FRAME_WIDTH, 0.9 * FRAME_WIDTH], repeatRows=1)
    table.setStyle(_base_table_style(1))
    SimpleDocTemplate(str(out), pagesize=A4, invariant=1).build([table])
    return out.read_bytes()


def test_cached_cells_draw_as_paragraphs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            ) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)
    ours = _table_pdf(tmp_path / "cells.pdf", CachedParagraph)
    theirs = _table_pdf(tmp_path / "paragraphs.pdf", Paragraph)
    assert ours.count(b"/Type /Page\n") > 2  # it really split and repeated its heading row
    assert ours == theirs


def _body_pdf(out: Path, make: type[Paragraph], keep_together: bool) -> bytes:
    """Paragraphs of many lengths down several pages: some split at a page's foot, some find
    no room there (orphans) and move on whole, some kept together with the next."""
    s = styles()
    story: list[Flowable] = []
    for i in range(90):
        p = make(markup(" ".join(TEXTS[:1 + i % 6]) * (1 + i % 4)), s.body)
        story.append(KeepTogether([make(markup(f"Heading {i}"), s.h3), p])
                     if keep_together and i % 5 == 0 else p)
    SimpleDocTemplate(str(out), pagesize=A4, invariant=1).build(story)
    return out.read_bytes()


@pytest.mark.parametrize("keep_together", [False, True])
def test_cached_paragraphs_flow_as_paragraphs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              keep_together: bool) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)
    ours = _body_pdf(tmp_path / "cached.pdf", CachedParagraph, keep_together)
    theirs = _body_pdf(tmp_path / "paragraphs.pdf", Paragraph, keep_together)
    assert ours.count(b"/Type /Page\n") > 5
    assert ours == theirs


def test_cached_paragraph_wraps_again_at_a_new_width() -> None:
    p = CachedParagraph(markup(TEXTS[4]), styles().cell)
    narrow = p.wrap(100, 1000)
    wide = p.wrap(400, 1000)
    assert wide[1] < narrow[1]
    assert p.wrap(100, 1000) == narrow
