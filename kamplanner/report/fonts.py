"""The document's TrueType family, registered with ReportLab once per process."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .fontcache import load_font

_lock = threading.Lock()


@dataclass(frozen=True)
class FontFamily:
    """The registered names: paragraphs use ``regular`` and get ``bold`` through <b>."""

    regular: str
    bold: str
    faces: tuple[TTFont, ...]

    def keep_unknown_characters(self, chars: Iterable[str]) -> None:
        """Let characters the font has no glyph for (emoji, Hebrew, Arabic) keep their identity.

        ReportLab maps every such character to one shared code, so it would vanish from the
        text a reader copies or searches. Mapping it to glyph 0 instead gives it a code of its
        own: it still draws as the font's missing-glyph box, but its ToUnicode entry is the
        character itself. Adding entries only ever affects characters the font lacks, so
        output stays the same whatever was rendered before.
        """
        for face in self.faces:
            to_glyph = face.face.charToGlyph
            # Only the Basic Multilingual Plane: ReportLab writes a ToUnicode entry as four hex
            # digits, which would make one for an emoji invalid (markup.clean replaces those).
            missing = [ord(c) for c in chars if ord(c) not in to_glyph and ord(c) <= 0xFFFF]
            if missing:
                with _lock:
                    for code in missing:
                        to_glyph.setdefault(code, 0)

    def has_glyph(self, char: str) -> bool:
        return self.faces[0].face.charToGlyph.get(ord(char), 0) != 0


@cache
def register(regular: Path, bold: Path) -> FontFamily:
    """Load and register the two faces as one family, once per process (see fontcache)."""
    faces = []
    names = []
    for path in (regular, bold):
        name = path.stem
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(load_font(name, path))
        face = pdfmetrics.getFont(name)
        # Each embedded subset copies tables out of the 10 MB file (glyf alone is ~8 MB); keep
        # the copies, they never change.
        face.face.get_table = cache(face.face.get_table)
        faces.append(face)
        names.append(name)
    regular_name, bold_name = names
    # No italic faces exist for Chinese; *italic* text is set in the regular face.
    pdfmetrics.registerFontFamily(
        regular_name, normal=regular_name, bold=bold_name, italic=regular_name, boldItalic=bold_name
    )
    return FontFamily(regular_name, bold_name, tuple(faces))
