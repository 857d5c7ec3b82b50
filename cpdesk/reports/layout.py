"""The page templates, fonts and styles every cpdesk document shares, built once per process.

Every page: A4; a header with "OFFICIAL-SENSITIVE", the child's name and case number and the
document's title; a footer with the date printed, who printed it and "Page X of Y". Text is set
in DejaVu Sans (resources/fonts, Bitstream Vera licence), embedded as a subset so every PDF
reads the same everywhere and its text can be selected and searched. Everything reads in black
and white: rules and light grey shading only, meaning always in words.

Imports ReportLab and domain only; never Qt or SQLAlchemy.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from cpdesk.domain.dates import format_date
from cpdesk.domain.documents import DocumentHeader
from cpdesk.domain.resources import resources_dir

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 21 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"

INK = colors.black
RULE = colors.Color(0.35, 0.35, 0.35)
SHADE = colors.Color(0.9, 0.9, 0.9)  # header rows and labels: light grey at most
MUTED = colors.Color(0.3, 0.3, 0.3)

NOT_RECORDED = "Not recorded"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, oblique) with ReportLab, once per process."""
    folder = fonts_dir()
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf"),
                       (FONT_ITALIC, "DejaVuSans-Oblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD)
    return FONT


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_small: ParagraphStyle
    empty: ParagraphStyle
    # the child's copy: large, friendly type
    big_title: ParagraphStyle
    big_h2: ParagraphStyle
    big_body: ParagraphStyle
    tick: ParagraphStyle  # a box to tick by hand


@lru_cache(maxsize=1)
def styles() -> Styles:
    """The paragraph styles, made once (fonts registered on first use)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, textColor=INK,
                          spaceAfter=4)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=17, leading=22,
                             spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=10.5, leading=14,
                                textColor=MUTED, spaceAfter=10),
        h2=ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=12.5, leading=16,
                          spaceBefore=12, spaceAfter=5),
        h3=ParagraphStyle("h3", parent=body, fontName=FONT_BOLD, fontSize=10.5, leading=14,
                          spaceBefore=6, spaceAfter=3),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=FONT_BOLD),
        cell_small=ParagraphStyle("cell_small", parent=cell, fontSize=8, leading=11),
        empty=ParagraphStyle("empty", parent=body, fontName=FONT_ITALIC, textColor=MUTED),
        big_title=ParagraphStyle("big_title", parent=body, fontName=FONT_BOLD, fontSize=26,
                                 leading=34, spaceAfter=10, alignment=TA_CENTER),
        big_h2=ParagraphStyle("big_h2", parent=body, fontName=FONT_BOLD, fontSize=19,
                              leading=26, spaceBefore=16, spaceAfter=8),
        big_body=ParagraphStyle("big_body", parent=body, fontSize=16, leading=24,
                                spaceAfter=10),
        tick=ParagraphStyle("tick", parent=body, fontSize=16, leading=18, alignment=TA_CENTER,
                            spaceAfter=0),
    )


# --- words ---------------------------------------------------------------------------------


def d(value: date | datetime | None, empty: str = NOT_RECORDED) -> str:
    """A date as 'Tue 6 Jan 2027' (a timestamp adds its time), or `empty`."""
    if value is None:
        return empty
    if isinstance(value, datetime):
        return f"{format_date(value.date())} at {value:%H:%M}"
    return format_date(value)


def yes_no(value: bool | None, empty: str = NOT_RECORDED) -> str:
    if value is None:
        return empty
    return "Yes" if value else "No"


def capital(text: str) -> str:
    """The first letter made a capital: 'child protection plan' -> 'Child protection plan'."""
    return text[:1].upper() + text[1:]


def markup(text: str | None) -> str:
    """User text made safe for a Paragraph: XML escaped, line breaks kept."""
    return escape(text or "").replace("\r\n", "\n").replace("\n", "<br/>")


# --- paragraphs --------------------------------------------------------------------------


class CachedParagraph(Paragraph):
    """A paragraph that breaks its lines once per width.

    ReportLab lays a paragraph out again each time it is asked its size: a table wraps each
    cell to size its row, again to draw it and again whenever the table splits across a page;
    KeepTogether wraps its content to measure it and the frame wraps it again to place it. A
    paragraph's lines depend only on the width it is given, so the lines of the last wrap at
    that width are kept. (A split makes new paragraphs, which wrap afresh; a split that finds
    no room drops the lines it was given, and they are broken again.)
    """

    _wrapped_width: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width == self._wrapped_width and hasattr(self, "blPara"):
            return self.width, self.height
        width, height = super().wrap(avail_width, avail_height)
        self._wrapped_width = avail_width if height != 0x7FFFFFFF else None
        return width, height


# --- paragraphs without markup --------------------------------------------------------------
#
# Most of a document's paragraphs are table cells and user text with no markup at all, yet
# ReportLab runs its XML parser over every one, building the same starting fragment from the
# style each time. For text with nothing to parse, `plain` clones a fragment parsed once per
# style instead: the same fragment the parser would make (tests/reports check they are equal).

_MARKUP_CHARS = frozenset("<>&\r\n")


@cache
def _style_fragment(style: ParagraphStyle) -> ParaFrag:
    """The fragment ReportLab's parser makes for plain text in `style` (its text aside)."""
    _style, frags, _bullets = ParaParser().parse("x", style)
    return frags[0]


def plain(text: str, style: ParagraphStyle,
          cls: Callable[..., Paragraph] = CachedParagraph, *,
          line_breaks: bool = True) -> Paragraph:
    """A Paragraph of `text` (user text or cpdesk's words), exactly as
    Paragraph(markup(text), style) would make it (without `line_breaks`, as
    Paragraph(escape(text), style): a heading runs its lines together), without parsing when
    there is no markup to parse."""
    if _MARKUP_CHARS.isdisjoint(text) and not getattr(style, "bulletText", None):
        cleaned = cleanBlockQuotedText(text)
        if cleaned:
            frags = [_style_fragment(style).clone(text=cleaned)]
            textTransformFrags(frags, style)
            return cls(cleaned, style, frags=frags)
    return cls(markup(text) if line_breaks else escape(text), style)


# --- flowables -----------------------------------------------------------------------------


def para(text: str | None, style: ParagraphStyle | None = None,
         empty: str = NOT_RECORDED) -> Paragraph:
    """A paragraph of user text; an empty one reads `empty` in italics, never a blank."""
    s = styles()
    if text is None or not text.strip():
        return plain(empty, s.empty if style is None else _empty_style(style),
                     line_breaks=False)
    return plain(text, style or s.body)


@cache
def _empty_style(style: ParagraphStyle) -> ParagraphStyle:
    """`style` in muted italics, for an empty value's 'Not recorded'."""
    return ParagraphStyle("e", parent=style, fontName=FONT_ITALIC, textColor=MUTED)


def rich(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of cpdesk's own words, which may carry <b> markup (never user text)."""
    return CachedParagraph(text, style or styles().body)


def title_block(title: str, subtitle: str) -> list[Flowable]:
    s = styles()
    return [plain(title, s.title, line_breaks=False), CachedParagraph(subtitle, s.subtitle)]


class Heading(CachedParagraph):
    """A heading that moves to the next page rather than sit alone at the foot of one.

    (ReportLab's keepWithNext wraps the heading and the whole next flowable together, which
    pushes a long table to a new page and leaves a blank half page; this only asks for room
    for the heading and the first lines of what follows.)
    """

    def __init__(self, text: str, style: ParagraphStyle, room: float = 30 * mm,
                 frags: list[ParaFrag] | None = None) -> None:
        super().__init__(text, style, frags=frags)
        self.room = room

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = super().wrap(avail_width, avail_height)
        if height + self.room > avail_height and avail_height < FRAME_HEIGHT - 10 * mm:
            return width, avail_height + 1  # does not fit here: go to the next page
        return width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # a heading is never split


def h2(text: str) -> Paragraph:
    return plain(text, styles().h2, Heading, line_breaks=False)


def h3(text: str) -> Paragraph:
    return plain(text, styles().h3, partial(Heading, room=15 * mm), line_breaks=False)


def cell(value: Any, style: ParagraphStyle | None = None) -> Any:
    """A table cell: flowables pass through, text becomes a wrapping paragraph."""
    if isinstance(value, Flowable | list):
        return value
    s = styles()
    if value is None or (isinstance(value, str) and not value.strip()):
        return plain("—", style or s.cell)
    return plain(str(value), style or s.cell)


def plain_table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A table style in the document font (a table's own default is unembedded Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


def _base_table_style(header_rows: int) -> list[tuple[Any, ...]]:
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # empty cells too: no stray Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if header_rows:
        style.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    return style


def grid(
    headings: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[float],
    extra_style: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A ruled table with a light grey heading row repeated on every page it spans.

    `widths` are fractions of the frame width.
    """
    s = styles()
    data = [[plain(h, s.cell_head, line_breaks=False) for h in headings]]
    data += [[cell(v) for v in row] for row in rows]
    table = Table(data, colWidths=[w * FRAME_WIDTH for w in widths], repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(TableStyle([*_base_table_style(1), *extra_style]))
    return table


def facts(rows: Sequence[tuple[str, Any]], label_width: float = 0.3) -> Table:
    """Label and value pairs as a two-column ruled table, labels on light grey."""
    s = styles()
    data = [[plain(label, s.cell_bold, line_breaks=False), cell(value)]
            for label, value in rows]
    table = Table(data, colWidths=[label_width * FRAME_WIDTH, (1 - label_width) * FRAME_WIDTH],
                  hAlign="LEFT")
    table.setStyle(TableStyle([*_base_table_style(0),
                               ("BACKGROUND", (0, 0), (0, -1), SHADE)]))
    return table


def text_section(heading: str, text: str | None, empty: str = NOT_RECORDED) -> list[Flowable]:
    return [h2(heading), para(text, empty=empty)]


class WritingLines(Flowable):
    """Ruled lines to write on by hand (the blank pro forma, signatures)."""

    def __init__(self, lines: int, gap: float = 9 * mm, width: float | None = None) -> None:
        super().__init__()
        self.lines = lines
        self.gap = gap
        self.line_width = width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = self.line_width or avail_width
        self.height = self.lines * self.gap
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        for i in range(1, self.lines + 1):
            y = self.height - i * self.gap
            c.line(0, y, self.width, y)


def write_here(heading: str, text: str | None, lines: int, filled: bool,
               empty: str = "None recorded") -> list[Flowable]:
    """A section that prints its text when the meeting is recorded, else lines to write on."""
    if filled:
        return [h2(heading), para(text, empty=empty)]
    return [KeepTogether([h2(heading), WritingLines(lines)])]


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


# --- the page: header, footer, "Page X of Y" ----------------------------------------------


def draw_furniture(canvas: Canvas, header: DocumentHeader, page: int, pages: int) -> None:
    """The header and footer of one page."""
    canvas.saveState()
    top = PAGE_HEIGHT - 10 * mm
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 9.5)
    canvas.drawCentredString(PAGE_WIDTH / 2, top, header.marking)
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawString(MARGIN_X, top - 6 * mm, header.subject_line)
    canvas.setFont(FONT, 9)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top - 6 * mm, header.title)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_X, top - 8.5 * mm, PAGE_WIDTH - MARGIN_X, top - 8.5 * mm)

    bottom = 9 * mm
    canvas.line(MARGIN_X, bottom + 5 * mm, PAGE_WIDTH - MARGIN_X, bottom + 5 * mm)
    canvas.setFont(FONT, 8)
    canvas.drawString(MARGIN_X, bottom,
                      f"Printed {format_date(header.printed_on)} by {header.printed_by}")
    canvas.setFont(FONT_BOLD, 8)
    canvas.drawCentredString(PAGE_WIDTH / 2, bottom, header.marking)
    canvas.setFont(FONT, 8)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, bottom, f"Page {page} of {pages}")
    canvas.restoreState()


def _numbered_canvas(header: DocumentHeader) -> Callable[..., Canvas]:
    """A canvas that holds its pages until the end, so each footer can say 'of Y'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                draw_furniture(self, header, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def build_pdf(out: Path, header: DocumentHeader, story: list[Flowable],
              subject: str = "") -> Path:
    """Lay `story` out on A4 pages with the shared header and footer and write it to `out`.

    Written to a temporary file beside `out` and moved into place, so a failed render never
    leaves half a document where a finished one is expected.
    """
    register_fonts()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".pdf", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        doc = BaseDocTemplate(
            str(tmp), pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=f"{header.title}: {header.subject_line}", author=header.printed_by,
            subject=subject or header.title, creator="cpdesk", initialFontName=FONT,
            initialFontSize=10,
        )
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH,
                      PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(story, canvasmaker=_numbered_canvas(header))
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out
