"""The document's look, read from templates/style.toml, and the paragraph styles made from it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .. import look as plain_look
from ..look import RARE_HAN as RARE_HAN
from ..look import StyleError as StyleError

PAGE_SIZES = {"A4": A4, "LETTER": LETTER}


class Margins(NamedTuple):
    top: float
    right: float
    bottom: float
    left: float


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per file version
class Style:
    page_size: tuple[float, float]
    margins: Margins  # in points
    font_regular: Path
    font_bold: Path
    font_fallback: Path | None  # for what the two faces lack (emoji, symbols); None: no fallback
    sizes: dict[str, float]
    colours: dict[str, colors.Color]
    series: tuple[colors.Color, ...]
    logo: Path | None
    logo_width: float
    section_starts_new_page: bool
    # For CJK ideographs beyond U+FFFF (Extension B on) that neither face nor the fallback has.
    font_rare_han: Path | None = None

    def colour(self, name: str) -> colors.Color:
        return self.colours[name]

    def hex(self, name: str) -> str:
        """A colour as "#rrggbb", for <font color=...> in paragraph markup."""
        return "#" + self.colours[name].hexval()[2:]

    def size(self, name: str) -> float:
        return self.sizes[name]

    def attitude_colour(self, attitude: str) -> colors.Color:
        return self.colours.get(f"attitude_{attitude.lower()}", self.colours["muted"])

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - self.margins.left - self.margins.right

    @property
    def frame_height(self) -> float:
        return self.page_size[1] - self.margins.top - self.margins.bottom


def load(path: Path | None = None) -> Style:
    """The style in ``path`` (default templates/style.toml); re-read when the file changes.

    The file is read and checked by kamplanner/look.py, which the slides read too; here its
    values become ReportLab's points and colours."""
    return _style(plain_look.load(path))


@cache
def _style(look: plain_look.Look) -> Style:
    return Style(
        page_size=PAGE_SIZES[look.page_size],
        margins=Margins(*(side * mm for side in look.margins)),
        font_regular=look.font_regular,
        font_bold=look.font_bold,
        font_fallback=look.font_fallback,
        font_rare_han=look.font_rare_han,
        sizes=dict(look.sizes),
        colours={key: colors.HexColor(value) for key, value in look.colours.items()},
        series=tuple(colors.HexColor(value) for value in look.series),
        logo=look.logo,
        logo_width=look.logo_width * mm,
        section_starts_new_page=look.section_starts_new_page,
    )


def paragraph_styles(style: Style, regular: str, bold: str, lang: str = "en") -> dict[str, ParagraphStyle]:
    """The named paragraph styles every flowable module uses, for a document in ``lang``."""
    return dict(_paragraph_styles(style, regular, bold, lang.startswith("zh")))


@cache
def _paragraph_styles(style: Style, regular: str, bold: str, chinese: bool) -> tuple[tuple[str, ParagraphStyle], ...]:
    # How lines break is not set here: each paragraph picks it from its own text (para.py).
    text, muted, primary = style.colour("text"), style.colour("muted"), style.colour("primary")
    size, lead = style.size("body_zh" if chinese else "body"), style.size("body_leading")
    table, table_lead = style.size("table"), style.size("table_leading")
    base = ParagraphStyle(
        "body",
        fontName=regular,
        fontSize=size,
        leading=size * lead,
        textColor=text,
        bulletFontName=regular,
        bulletFontSize=size,
        spaceAfter=size * 0.6,
        allowWidows=0,
    )

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    cell = derive("cell", fontSize=table, leading=table * table_lead, spaceAfter=0, allowWidows=1)
    heading_kw = dict(fontName=bold, textColor=primary, keepWithNext=1, allowWidows=1)
    styles = {
        "body": base,
        "list": derive("list", spaceAfter=size * 0.25),
        "empty": derive("empty", textColor=muted),
        "note": derive("note", fontSize=style.size("small"), leading=style.size("small") * 1.45, textColor=muted),
        "unit": derive(
            "unit",
            fontSize=style.size("small"),
            leading=style.size("small") * 1.45,
            textColor=muted,
            alignment=TA_RIGHT,
            keepWithNext=1,
            spaceAfter=1,
        ),
        "section": derive(
            "section",
            fontSize=style.size("section"),
            leading=style.size("section") * 1.3,
            spaceBefore=22,  # (below the section before, when it begins on that one's last page)
            spaceAfter=12,
            **heading_kw,
        ),
        "part": derive(
            "part",
            fontSize=style.size("heading") + 2,
            leading=(style.size("heading") + 2) * 1.35,
            spaceBefore=14,
            spaceAfter=6,
            **heading_kw,
        ),
        "heading": derive(
            "heading",
            fontSize=style.size("heading"),
            leading=style.size("heading") * 1.35,
            spaceBefore=10,
            spaceAfter=4,
            **heading_kw,
        ),
        "subheading": derive(
            "subheading",
            fontSize=style.size("subheading"),
            leading=style.size("subheading") * 1.4,
            spaceBefore=8,
            spaceAfter=3,
            **heading_kw,
        ),
        "caption": derive(
            "caption",
            fontName=bold,
            fontSize=table + 0.5,
            leading=(table + 0.5) * 1.4,
            textColor=primary,
            spaceBefore=6,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "cell": cell,
        "cell_right": ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        "cell_center": ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        "cell_head": ParagraphStyle(
            "cell_head", parent=cell, fontName=bold, textColor=style.colour("table_header_text")
        ),
        "cell_head_right": ParagraphStyle(
            "cell_head_right",
            parent=cell,
            fontName=bold,
            textColor=style.colour("table_header_text"),
            alignment=TA_RIGHT,
        ),
        "cell_group": ParagraphStyle("cell_group", parent=cell, fontName=bold, textColor=primary),
        "toc0": derive("toc0", fontSize=size + 1, leading=(size + 1) * 1.9, fontName=bold, textColor=primary),
        "toc1": derive("toc1", leftIndent=18, leading=size * 1.7, textColor=text),
        "cover_kicker": derive(
            "cover_kicker",
            fontName=bold,
            fontSize=size + 0.5,
            textColor=style.colour("accent"),
            leading=size * 1.6,
        ),
        "cover_title": derive(
            "cover_title",
            fontName=bold,
            fontSize=style.size("cover_title"),
            leading=style.size("cover_title") * 1.25,
            textColor=primary,
            spaceAfter=6,
            alignment=TA_LEFT,
        ),
        "cover_subtitle": derive(
            "cover_subtitle",
            fontSize=style.size("cover_subtitle"),
            leading=style.size("cover_subtitle") * 1.4,
            textColor=text,
            spaceAfter=4,
        ),
        "cover_meta": derive("cover_meta", textColor=muted),
        "label": derive("label", fontSize=table + 0.5, leading=(table + 0.5) * 1.5, textColor=muted, spaceAfter=0),
        "value": derive("value", spaceAfter=0),
        "value_small": derive("value_small", fontSize=table, leading=table * 1.5, spaceAfter=0),
    }
    return tuple(styles.items())
