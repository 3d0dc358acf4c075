"""The documents' look as plain data, read from templates/style.toml: page, fonts, sizes, colours.

One reader of the style file for every kind of document: report/style.py turns it into
ReportLab's units and colours for the PDF, outputs/ into PowerPoint's for the slides. Nothing
here needs ReportLab; colours stay "#rrggbb" text, lengths millimetres, sizes points.
"""

from __future__ import annotations

import struct
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import paths

PAGE_SIZE_NAMES = ("A4", "LETTER")
RARE_HAN = "KamplannerHanSupplement.ttf"

SIZES = (
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
COLOURS = (
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
LATER_COLOURS = {"added": "#2e7d32", "removed": "#b3261e"}


class StyleError(ValueError):
    """style.toml is missing a value or has one of the wrong kind; the message says which."""


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per file version
class Look:
    page_size: str  # one of PAGE_SIZE_NAMES
    margins: tuple[float, float, float, float]  # top, right, bottom, left, in millimetres
    font_regular: Path
    font_bold: Path
    font_fallback: Path | None  # for what the two faces lack (emoji, symbols); None: no fallback
    font_rare_han: Path | None  # CJK ideographs beyond U+FFFF; None: none
    sizes: dict[str, float]  # points
    colours: dict[str, str]  # "#rrggbb"
    series: tuple[str, ...]
    logo: Path | None
    logo_width: float  # millimetres
    section_starts_new_page: bool

    def colour(self, name: str) -> str:
        return self.colours[name]

    def attitude_colour(self, attitude: str) -> str:
        return self.colours.get(f"attitude_{attitude.lower()}", self.colours["muted"])


def load(path: Path | None = None) -> Look:
    """The look in ``path`` (default templates/style.toml); re-read when the file changes."""
    path = path or paths.templates() / "style.toml"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise StyleError(f"cannot read {path}: {exc.strerror}") from None
    return _load(path, stamp)


@cache
def _load(path: Path, _stamp: int) -> Look:
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

    def colour(value: object, name: str) -> str:
        if not isinstance(value, str) or not value.startswith("#") or len(value) != 7:
            raise StyleError(f'{where}: [colours] {name} must be a colour like "#0f3557"')
        try:
            int(value[1:], 16)
        except ValueError:
            raise StyleError(f"{where}: [colours] {name} is not a colour: {value}") from None
        return value.lower()

    size_name = get("page", "size", str).upper()
    if size_name not in PAGE_SIZE_NAMES:
        raise StyleError(f"{where}: [page] size must be one of {', '.join(PAGE_SIZE_NAMES)}, got {size_name}")
    number = (int, float)
    margins = tuple(float(get("page", f"margin_{side}", number)) for side in ("top", "right", "bottom", "left"))
    font_dir = paths.fonts()

    def font(key: str) -> Path:
        name = get("fonts", key, str)
        candidate = font_dir / name if "/" not in name and "\\" not in name else path.parent / name
        if not candidate.is_file():
            raise StyleError(f"{where}: [fonts] {key}: no font file {candidate}")
        return candidate

    def rare_han(name: object) -> Path | None:
        if name == "":
            return None
        return font("rare_han") if name != RARE_HAN else paths.fonts() / RARE_HAN

    logo_name = get("logo", "file", str)
    logo = path.parent / logo_name if logo_name else None
    if logo is not None and not logo.is_file():
        raise StyleError(f"{where}: [logo] file: no image {logo}")
    series = data.get("colours", {}).get("series")
    if not isinstance(series, list) or not series:
        raise StyleError(f"{where}: [colours] series must be a list of colours")
    fonts = data.get("fonts", {})
    return Look(
        page_size=size_name,
        margins=(margins[0], margins[1], margins[2], margins[3]),
        font_regular=font("regular"),
        font_bold=font("bold"),
        # A style file from before there was a fallback font has none; "" turns it off.
        font_fallback=font("fallback") if fonts.get("fallback", "") != "" else None,
        # A style file from before there was one gets the bundled font; "" turns it off.
        font_rare_han=rare_han(fonts.get("rare_han", RARE_HAN)),
        sizes=_sizes(data, get),
        colours={
            **{key: colour(data.get("colours", {}).get(key), key) for key in COLOURS},
            **{key: colour(data.get("colours", {}).get(key, default), key) for key, default in LATER_COLOURS.items()},
        },
        series=tuple(colour(value, "series") for value in series),
        logo=logo,
        logo_width=float(get("logo", "width", number)),
        section_starts_new_page=bool(data.get("layout", {}).get("section_starts_new_page", True)),
    )


def _kind_name(kind: type | tuple[type, ...]) -> str:
    return "number" if isinstance(kind, tuple) else {str: "text", bool: "true/false"}.get(kind, kind.__name__)


@cache
def font_family(path: Path) -> str:
    """The family name a TrueType/OpenType file gives itself ("Noto Sans SC"): what a document that
    names its fonts (a slide deck) must write for a viewer to find them. The file's stem when its
    name table cannot be read."""
    try:
        data = path.read_bytes()
        return _family_from_name_table(data) or path.stem
    except (OSError, struct.error, UnicodeDecodeError):
        return path.stem


def _family_from_name_table(data: bytes) -> str | None:
    (count,) = struct.unpack_from(">H", data, 4)
    for i in range(count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag != b"name":
            continue
        _format, records, strings = struct.unpack_from(">HHH", data, offset)
        found: dict[tuple[int, int], str] = {}
        for r in range(records):
            platform, encoding, language, name_id, length, at = struct.unpack_from(">HHHHHH", data, offset + 6 + 12 * r)
            # 16: the typographic family (a face of a family with more than four styles); 1: the family.
            if name_id not in (1, 16):
                continue
            raw = data[offset + strings + at : offset + strings + at + length]
            if platform == 3 and encoding in (0, 1, 10) and language == 0x409:
                found[(0, name_id)] = raw.decode("utf-16-be")
            elif platform == 1 and encoding == 0:
                found.setdefault((1, name_id), raw.decode("latin-1"))
        for key in ((0, 16), (0, 1), (1, 16), (1, 1)):
            if found.get(key):
                return found[key]
        return None
    return None


def _sizes(data: dict[str, Any], get: Any) -> dict[str, float]:
    sizes = {key: float(get("sizes", key, (int, float))) for key in SIZES}
    # Printed Chinese reads at 10.5 pt (五号) where Latin text reads at 9.5: the Chinese edition's
    # body size; the Latin one's when a style file from before has none.
    given = data.get("sizes", {})
    sizes["body_zh"] = float(get("sizes", "body_zh", (int, float))) if "body_zh" in given else sizes["body"]
    return sizes
