"""The document's look, read from templates/style.toml, and the paragraph styles made from it."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .. import paths

PAGE_SIZES = {"A4": A4, "LETTER": LETTER}


class StyleError(ValueError):
    """style.toml is missing a value or has one of the wrong kind; the message says which."""


class Margins(NamedTuple):
    top: float
    right: float
    bottom: float
    left: float


RARE_HAN = "KamplannerHanSupplement.ttf"


def _rare_han(name: object, font: Any) -> Path | None:
    if name == "":
        return None
    return font("rare_han") if name != RARE_HAN else paths.fonts() / RARE_HAN


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


_SIZES = (
    "body",
    "body_leading",
    "small",
    "table",
    "table_leading",
    "section",
    "heading",
    "subheading",
    "cover_title",
    "cover_subtitle",
    "chart",
)
_COLOURS = (
    "text",
    "muted",
    "primary",
    "accent",
    "rule",
    "table_header_text",
    "table_stripe",
    "table_group",
    "table_total",
    "warning",
    "cover_band_text",
    "attitude_a",
    "attitude_b",
    "attitude_c",
    "attitude_d",
    "attitude_e",
)
# Colours added after the first style files were written: a file without them gets these.
_LATER_COLOURS = {"added": "#2e7d32", "removed": "#b3261e"}


def load(path: Path | None = None) -> Style:
    """The style in ``path`` (default templates/style.toml); re-read when the file changes."""
    path = path or paths.templates() / "style.toml"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise StyleError(f"cannot read {path}: {exc.strerror}") from None
    return _load(path, stamp)


@cache
def _load(path: Path, _stamp: int) -> Style:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise StyleError(f"{path}: {exc}") from None
    where = path.name

    def get(table: str, key: str, kind: type | tuple[type, ...]) -> Any:
        value = data.get(table, {}).get(key)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise StyleError(f"{where}: [{table}] {key} is missing or not a {_kind_name(kind)}")
        return value

    def colour(value: object, name: str) -> colors.Color:
        if not isinstance(value, str) or not value.startswith("#") or len(value) != 7:
            raise StyleError(f'{where}: [colours] {name} must be a colour like "#0f3557"')
        try:
            return colors.HexColor(value)
        except ValueError:
            raise StyleError(f"{where}: [colours] {name} is not a colour: {value}") from None

    size_name = get("page", "size", str).upper()
    if size_name not in PAGE_SIZES:
        raise StyleError(f"{where}: [page] size must be one of {', '.join(PAGE_SIZES)}, got {size_name}")
    number = (int, float)
    margins = Margins(*(get("page", f"margin_{side}", number) * mm for side in ("top", "right", "bottom", "left")))
    font_dir = paths.fonts()

    def font(key: str) -> Path:
        name = get("fonts", key, str)
        candidate = font_dir / name if "/" not in name and "\\" not in name else path.parent / name
        if not candidate.is_file():
            raise StyleError(f"{where}: [fonts] {key}: no font file {candidate}")
        return candidate

    logo_name = get("logo", "file", str)
    logo = path.parent / logo_name if logo_name else None
    if logo is not None and not logo.is_file():
        raise StyleError(f"{where}: [logo] file: no image {logo}")
    series = data.get("colours", {}).get("series")
    if not isinstance(series, list) or not series:
        raise StyleError(f"{where}: [colours] series must be a list of colours")
    return Style(
        page_size=PAGE_SIZES[size_name],
        margins=margins,
        font_regular=font("regular"),
        font_bold=font("bold"),
        # A style file from before there was a fallback font has none; "" turns it off.
        font_fallback=font("fallback") if data.get("fonts", {}).get("fallback", "") != "" else None,
        # A style file from before there was one gets the bundled font; "" turns it off.
        font_rare_han=_rare_han(data.get("fonts", {}).get("rare_han", RARE_HAN), font),
        sizes=_sizes(data, get),
        colours={
            **{key: colour(data.get("colours", {}).get(key), key) for key in _COLOURS},
            **{key: colour(data.get("colours", {}).get(key, default), key) for key, default in _LATER_COLOURS.items()},
        },
        series=tuple(colour(value, "series") for value in series),
        logo=logo,
        logo_width=get("logo", "width", number) * mm,
        section_starts_new_page=bool(data.get("layout", {}).get("section_starts_new_page", True)),
    )


def _sizes(data: dict[str, Any], get: Any) -> dict[str, float]:
    sizes = {key: float(get("sizes", key, (int, float))) for key in _SIZES}
    # Printed Chinese reads at 10.5 pt (五号) where Latin text reads at 9.5: the Chinese edition's
    # body size, the Latin one's when a style file from before has none.
    sizes["body_zh"] = (
        float(get("sizes", "body_zh", (int, float))) if "body_zh" in data.get("sizes", {}) else sizes["body"]
    )
    return sizes


def _kind_name(kind: type | tuple[type, ...]) -> str:
    return "number" if isinstance(kind, tuple) else {str: "text", bool: "true/false"}.get(kind, kind.__name__)


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
