"""What every slide is built from: the look in PowerPoint's terms, bounded text, text boxes, tables.

Plan text is untrusted: every string put on a slide goes through ``bounded`` (cleaned as the PDF
cleans it, characters XML cannot hold dropped, cut with an ellipsis), and every text box is
fitted before it is made: its text shrinks a few points, and what still does not fit is cut, so
nothing runs off a slide. The fit is an estimate from character widths (an ideograph is one em,
other characters about half of one), deliberately on the safe side.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from .. import look as looks
from ..domain.filenames import graphemes
from ..domain.text import shown

SLIDE_W, SLIDE_H = 960.0, 540.0  # points: 16:9, 13.33 × 7.5 inches
MARGIN = 36.0
TITLE_H = 58.0
BODY_TOP = MARGIN + TITLE_H + 8
BODY_H = SLIDE_H - BODY_TOP - 30
ELLIPSIS = "…"
LEADING = 1.22  # line height as a multiple of the size, as LibreOffice and PowerPoint set Noto Sans SC
PAD = 4.0  # points of inner margin left and right in every text box
PAD_V = 2.0  # and at the top and bottom

# Characters XML 1.0 cannot hold (what python-pptx refuses); shown() leaves only U+FFFE and
# U+FFFF of them, the rest is belt and braces.
_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def pt(points: float) -> Emu:
    return Emu(round(points * 12700))


@dataclass(frozen=True)
class Theme:
    """The PDF's look (templates/style.toml) as the slides use it."""

    font: str  # the family name of the regular face
    bold_font: str
    colours: dict[str, str]  # "#rrggbb"
    series: tuple[str, ...]

    def rgb(self, name_or_hex: str) -> RGBColor:
        value = name_or_hex if name_or_hex.startswith("#") else self.colours[name_or_hex]
        return RGBColor.from_string(value[1:].upper())

    def attitude(self, attitude: str) -> str:
        return self.colours.get(f"attitude_{attitude.lower()}", self.colours["muted"])


def theme() -> Theme:
    look = looks.load()
    return _theme(look)


@cache
def _theme(look: looks.Look) -> Theme:
    return Theme(
        looks.font_family(look.font_regular), looks.font_family(look.font_bold), dict(look.colours), look.series
    )


def tint(hex_colour: str, amount: float) -> str:
    """``hex_colour`` mixed with white: 0 is the colour, 1 is white."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in (r, g, b))


# --------------------------------------------------------------------------- text


def bounded(text: object, limit: int = 400) -> str:
    """User text as a slide may carry it: cleaned as the PDF cleans it, only characters XML can
    hold, at most ``limit`` characters (whole graphemes), cut with an ellipsis."""
    raw = "" if text is None else str(text)
    raw = raw[: limit * 4 + 16]  # a 100,000-character string costs no more than a short one
    cleaned = _NOT_XML.sub("", shown(raw))
    if len(cleaned) <= limit:
        return cleaned
    kept: list[str] = []
    used = 0
    for cluster in graphemes(cleaned):
        if used + len(cluster) > limit - 1:
            break
        kept.append(cluster)
        used += len(cluster)
    return "".join(kept).rstrip() + ELLIPSIS


def line_of(text: object, limit: int = 120) -> str:
    """User text on one line (line breaks as spaces), bounded."""
    return bounded(" ".join(bounded(text, limit * 2).split()), limit)


def _em(char: str) -> float:
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char.isupper() or char in "mwMW@%":
        return 0.68
    return 0.55


def text_width(text: str, size: float) -> float:
    """An estimate of ``text``'s width in points at ``size`` (on the wide side)."""
    return sum(_em(c) for c in text) * size


def _lines_needed(paragraph: str, width: float, size: float) -> int:
    if not paragraph:
        return 1
    per_line = max(1.0, width / size)
    return max(1, math.ceil(sum(_em(c) for c in paragraph) / per_line * 1.04))


def fit(paragraphs: list[str], width: float, height: float, size: float, smallest: float) -> tuple[list[str], float]:
    """The paragraphs and the size that fit a box ``width`` × ``height`` (points): the largest
    size from ``size`` down to ``smallest`` at which all of them fit, else ``smallest`` with the
    text cut where the box ends (an ellipsis says so)."""
    inner_w, inner_h = width - 2 * PAD, height - 2 * PAD_V
    current = size
    while True:
        lines = sum(_lines_needed(p, inner_w, current) for p in paragraphs)
        if lines * current * LEADING <= inner_h:
            return paragraphs, current
        if current - 1 < smallest:
            break
        current -= 1
    room = max(1, int(inner_h // (current * LEADING)))
    kept: list[str] = []
    per_line = max(1.0, inner_w / current)
    for paragraph in paragraphs:
        need = _lines_needed(paragraph, inner_w, current)
        if need <= room:
            kept.append(paragraph)
            room -= need
            continue
        if room > 0:
            budget = room * per_line / 1.04 - 1
            out, used = [], 0.0
            for char in paragraph:
                used += _em(char)
                if used > budget:
                    break
                out.append(char)
            kept.append("".join(out).rstrip() + ELLIPSIS)
        elif kept:
            kept[-1] = kept[-1].rstrip(ELLIPSIS) + ELLIPSIS
        break
    return kept, current


@dataclass
class Run:
    """A piece of a paragraph with its own look."""

    text: str
    bold: bool = False
    colour: str = "text"


def style_run(run, th: Theme, size: float, colour: str = "text", bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Size, colour and font of a run; the font named for Latin, East Asian and complex scripts,
    so Chinese is set in it too (python-pptx names the Latin one only)."""
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = th.rgb(colour)
    name_fonts(run._r.get_or_add_rPr(), th.bold_font if bold else th.font)


def name_fonts(rpr: etree._Element, family: str) -> None:
    """``family`` as the Latin, East Asian and complex-script font of a run's properties."""
    for tag in ("a:latin", "a:ea", "a:cs"):
        found = rpr.find(qn(tag))
        if found is None:
            found = etree.SubElement(rpr, qn(tag))
        found.set("typeface", family)
    # The schema wants latin, ea, cs after the fill and before any hyperlink: put them in order.
    for tag in ("a:latin", "a:ea", "a:cs"):
        element = rpr.find(qn(tag))
        rpr.remove(element)
        after = [c for c in rpr if c.tag in (qn("a:hlinkClick"), qn("a:hlinkMouseOver"), qn("a:rtl"), qn("a:extLst"))]
        if after:
            after[0].addprevious(element)
        else:
            rpr.append(element)


def text_box(
    slide,  # type: ignore[no-untyped-def]
    th: Theme,
    x: float,
    y: float,
    w: float,
    h: float,
    paragraphs: list[str] | list[list[Run]],
    *,
    size: float = 16,
    smallest: float = 10,
    colour: str = "text",
    bold: bool = False,
    align: str = "left",
    anchor: str = "top",
    fill: str | None = None,
    space_after: float = 0.35,
):
    """A text box that holds its text: fitted (``fit``) before it is made, never auto-grown.
    ``paragraphs`` are strings, or lists of Runs for mixed looks (fitted as their joined text)."""
    plain = [p if isinstance(p, str) else "".join(r.text for r in p) for p in paragraphs]
    kept, chosen = fit(plain, w, h - len(plain) * size * space_after * 0.5, size, smallest)
    shape = slide.shapes.add_textbox(pt(x), pt(y), pt(w), pt(h))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = pt(PAD)
    frame.margin_top = frame.margin_bottom = pt(PAD_V)
    frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[anchor]
    if fill is not None:
        shape.fill.solid()
        shape.fill.fore_color.rgb = th.rgb(fill)
    for i, text in enumerate(kept):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[align]
        paragraph.space_after = Pt(chosen * space_after)
        source = paragraphs[i]
        runs = [Run(text, bold, colour)] if isinstance(source, str) or text != plain[i] else source
        for piece in runs:
            run = paragraph.add_run()
            run.text = piece.text
            style_run(run, th, chosen, piece.colour, piece.bold)
    return shape


def rectangle(
    slide, th: Theme, x: float, y: float, w: float, h: float, fill: str, line: str | None = None, rounded: bool = False
):  # type: ignore[no-untyped-def]
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE if rounded else MSO_SHAPE.RECTANGLE, pt(x), pt(y), pt(w), pt(h)
    )
    if rounded:
        shape.adjustments[0] = 0.08
    shape.fill.solid()
    shape.fill.fore_color.rgb = th.rgb(fill)
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = th.rgb(line)
        shape.line.width = Pt(1)
    shape.shadow.inherit = False
    return shape


def line(
    slide,
    th: Theme,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    colour: str = "muted",
    width: float = 0.75,
    dashed: bool = False,
):  # type: ignore[no-untyped-def]
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.enum.shapes import MSO_CONNECTOR

    connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, pt(x0), pt(y0), pt(x1), pt(y1))
    connector.line.color.rgb = th.rgb(colour)
    connector.line.width = Pt(width)
    if dashed:
        connector.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    return connector


# --------------------------------------------------------------------------- slide furniture


def title(slide, th: Theme, text: str, footer: str, number: int) -> None:  # type: ignore[no-untyped-def]
    """The slide's title on a band of the brand colour, the accent rule under it, and the footer."""
    rectangle(slide, th, 0, 0, SLIDE_W, MARGIN + TITLE_H - 14, "primary")
    rectangle(slide, th, 0, MARGIN + TITLE_H - 14, SLIDE_W, 3, "accent")
    text_box(
        slide, th, MARGIN, 14, SLIDE_W - 2 * MARGIN, MARGIN + TITLE_H - 30, [text], size=26, smallest=16,
        colour="cover_band_text", bold=True, anchor="middle",
    )  # fmt: skip
    text_box(
        slide, th, MARGIN, SLIDE_H - 26, SLIDE_W - 2 * MARGIN - 60, 20, [footer], size=9, smallest=7, colour="muted"
    )
    text_box(
        slide, th, SLIDE_W - MARGIN - 60, SLIDE_H - 26, 60, 20, [str(number)], size=9, colour="muted", align="right"
    )


def heading(slide, th: Theme, x: float, y: float, w: float, text: str, size: float = 15) -> float:  # type: ignore[no-untyped-def]
    """A bold heading in the brand colour over a thin rule; returns the y under it."""
    text_box(slide, th, x, y, w, size * 1.9, [text], size=size, smallest=10, colour="primary", bold=True)
    rectangle(slide, th, x + PAD, y + size * 1.9, w - 2 * PAD, 1.2, "rule")
    return y + size * 1.9 + 6


def notes(slide, text: str) -> None:  # type: ignore[no-untyped-def]
    """The speaker notes (already bounded plain text)."""
    if text.strip():
        slide.notes_slide.notes_text_frame.text = text


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Col:
    header: str
    width: float  # relative
    align: str = "left"


def table(
    slide,  # type: ignore[no-untyped-def]
    th: Theme,
    x: float,
    y: float,
    w: float,
    columns: list[Col],
    rows: list[list[str | Run]],
    *,
    size: float = 12,
    row_h: float | None = None,
    total: list[str] | None = None,
    max_chars: int = 90,
):
    """A native table with a header row in the brand colour, striped rows and an optional totals
    row; each cell on one or two lines, cut to what its column holds."""
    row_h = row_h or size * 2.3
    count = len(rows) + 1 + (1 if total else 0)
    shape = slide.shapes.add_table(count, len(columns), pt(x), pt(y), pt(w), pt(row_h * count))
    grid = shape.table
    grid.first_row = True
    whole = sum(c.width for c in columns)
    widths = [w * c.width / whole for c in columns]
    for i, width in enumerate(widths):
        grid.columns[i].width = pt(width)
    for r in range(count):
        grid.rows[r].height = pt(row_h)

    def put(r: int, c: int, value: str | Run, fill: str, colour: str = "text", bold: bool = False) -> None:
        cell = grid.cell(r, c)
        cell.fill.solid()
        cell.fill.fore_color.rgb = th.rgb(fill)
        cell.margin_left = cell.margin_right = pt(5)
        cell.margin_top = cell.margin_bottom = pt(2)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        piece = value if isinstance(value, Run) else Run(value, bold, colour)
        lines_room = max(1, int((row_h - 4) // (size * LEADING)))
        room = widths[c] - 10
        text, _ = fit([piece.text[:max_chars]], room + 2 * PAD, lines_room * size * LEADING + 2 * PAD_V, size, size)
        frame = cell.text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        paragraph.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[
            columns[c].align
        ]
        run = paragraph.add_run()
        run.text = text[0] if text else ""
        style_run(run, th, size, piece.colour, piece.bold or bold)

    for c, column in enumerate(columns):
        put(0, c, column.header, "primary", "table_header_text", True)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row):
            put(r, c, value, "table_stripe" if r % 2 == 0 else "#ffffff")
    if total:
        for c, value in enumerate(total):
            put(count - 1, c, value, "table_total", bold=True)
    _plain_table_style(shape)
    return shape


def _plain_table_style(shape) -> None:  # type: ignore[no-untyped-def]
    # No theme table style (its banding would paint over the colours set here).
    tbl_pr = shape._element.graphic.graphicData.tbl.tblPr
    tbl_pr.set("bandRow", "0")
    style = tbl_pr.find(qn("a:tableStyleId"))
    if style is not None:
        tbl_pr.remove(style)
