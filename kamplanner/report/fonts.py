"""The document's TrueType fonts, registered with ReportLab once per process: the family the
text is set in, and a fallback font for what the family has no glyph for (emoji, symbols).

Every text that reaches the PDF asks here which of its characters the family lacks: runs of
those the fallback font has are set in it (``with_fallback`` for paragraph markup, ``runs``
for strings drawn on a canvas or in a chart); the rest keep their identity as the family's
missing-glyph box (``keep_unknown_characters``). The fallback font is loaded the first time a
text needs it, so a document without such characters never pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from .fontcache import load_font

if TYPE_CHECKING:
    from .style import Style
from .markup import in_font

# ---------------------------------------------------------------------------------------------
# ReportLab writes a font's ToUnicode CMap (what a reader copies or searches for each glyph) with
# "<%02X> <%04X>" % (code, character): a character beyond U+FFFF, such as any emoji, becomes five
# hex digits, which is no valid entry, and readers extract something else or nothing. A PDF
# writes such a character as its UTF-16BE surrogate pair (U+1F600 -> <D83DDE00>). ReportLab calls
# ``ttfonts.makeToUnicodeCMap`` by its module name when it writes each font subset, so it is
# replaced here, once, with a wrapper that rewrites those entries and leaves every other as it
# was. tests/report/test_fonts.py checks that ReportLab still has the bug: when an upgrade
# fixes it (or changes the function), that test fails and this wrapper can go.
# ---------------------------------------------------------------------------------------------
_ASTRAL_ENTRY = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$", re.MULTILINE)


def _surrogate_pair(entry: re.Match[str]) -> str:
    character = chr(int(entry.group(2), 16))
    return f"<{entry.group(1)}> <{character.encode('utf-16-be').hex().upper()}>"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    cmap = _reportlab_to_unicode_cmap(fontname, subset)
    return _ASTRAL_ENTRY.sub(_surrogate_pair, cmap) if max(subset, default=0) > 0xFFFF else cmap


_reportlab_to_unicode_cmap = getattr(ttfonts.makeToUnicodeCMap, "wrapped", ttfonts.makeToUnicodeCMap)
_to_unicode_cmap.wrapped = _reportlab_to_unicode_cmap  # type: ignore[attr-defined]  # (a reload wraps once)
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


# Text the family is asked about is mostly ASCII (markup, numbers, Latin words): taken as covered,
# as it always was (control characters never reach a drawn string: markup.clean drops them).
_ASCII = frozenset(map(chr, range(0x80)))


@dataclass(eq=False)
class Fallback:
    """A font for characters the family lacks: loaded and registered when first needed.

    ``planes``: the Unicode planes it is asked about at all (None: every one), so a font for
    rare CJK ideographs (planes 2 and 3) is not even read for an emoji.
    """

    path: Path
    planes: frozenset[int] | None = None
    _glyphs: dict[int, int] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.path.stem

    def has_glyph(self, char: str) -> bool:
        if self.planes is not None and ord(char) >> 16 not in self.planes:
            return False
        if self._glyphs is None:
            name = self.name
            self._glyphs = _load(name, self.path).face.charToGlyph
            # It has no bold or italic face: <b> and <i> around a fallback run keep it upright.
            pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        return self._glyphs.get(ord(char), 0) != 0


@dataclass(frozen=True, eq=False)
class FontFamily:
    """The registered names: paragraphs use ``regular`` and get ``bold`` through <b>."""

    regular: str
    bold: str
    faces: tuple[TTFont, ...]
    fallback: Fallback | None = None  # emoji and symbols
    more: tuple[Fallback, ...] = ()  # asked in turn for what the fallback lacks (rare CJK)
    _covered: set[str] = field(default_factory=lambda: set(_ASCII), repr=False)
    _font_of: dict[str, str] = field(default_factory=dict, repr=False)  # fallback font of each character

    @property
    def fallbacks(self) -> tuple[Fallback, ...]:
        return (self.fallback, *self.more) if self.fallback is not None else self.more

    def keep_unknown_characters(self, chars: Iterable[str]) -> None:
        """Let characters the font has no glyph for (Hebrew, Arabic, rare CJK) keep their identity.

        ReportLab maps every such character to one shared code, so it would vanish from the
        text a reader copies or searches. Mapping it to glyph 0 instead gives it a code of its
        own: it still draws as the font's missing-glyph box, but its ToUnicode entry is the
        character itself (beyond U+FFFF too, see _to_unicode_cmap). Adding entries only ever
        affects characters the font lacks, so output stays the same whatever was rendered before.
        (Called while rendering, under the render lock: see exclusive.py.)
        """
        for face in self.faces:
            to_glyph = face.face.charToGlyph
            for code in {ord(c) for c in chars if ord(c) not in to_glyph}:
                to_glyph[code] = 0

    def has_glyph(self, char: str) -> bool:
        return self.faces[0].face.charToGlyph.get(ord(char), 0) != 0

    def _lacking(self, text: str) -> set[str]:
        """The characters of ``text`` the family has no glyph for."""
        chars = set(text)
        chars -= self._covered
        if chars:
            covered = {c for c in chars if self.has_glyph(c)}
            self._covered.update(covered)
            chars -= covered
        return chars

    def fallback_characters(self, text: str) -> set[str]:
        """The characters of ``text`` to set in a fallback font (the first of them that has
        it: ``font_of``). Those no font has are kept as the family's missing-glyph box (and so
        extract as themselves)."""
        lacking = self._lacking(text)
        if not lacking:
            return lacking
        font_of = self._font_of
        for char in lacking - font_of.keys():
            found = next((f.name for f in self.fallbacks if f.has_glyph(char)), "")
            font_of[char] = found
        drawn = {c for c in lacking if font_of[c]}
        self.keep_unknown_characters(lacking - drawn)
        return drawn

    def font_of(self, char: str) -> str:
        """The fallback font a character found by ``fallback_characters`` is set in."""
        return self._font_of[char]

    def with_fallback(self, markup: str) -> str:
        """Paragraph markup with each run of characters only a fallback font has set in it."""
        if markup.isascii():
            return markup
        chars = self.fallback_characters(markup)
        for fallback in self.fallbacks:
            own = {c for c in chars if self._font_of[c] == fallback.name}
            markup = in_font(markup, own, fallback.name) if own else markup
        return markup

    def runs(self, text: str, font: str) -> list[tuple[str, str]]:
        """``text`` as (font name, part) runs: in ``font``, but what only a fallback has in it."""
        if text.isascii():
            return [(font, text)]
        chars = self.fallback_characters(text)
        if not chars:
            return [(font, text)]
        pattern = re.compile(f"([{re.escape(''.join(sorted(chars)))}]+)")
        parts = pattern.split(text)  # odd indexes are runs of fallback characters
        out: list[tuple[str, str]] = []
        for i, part in enumerate(parts):
            if not part:
                continue
            if not i % 2:
                out.append((font, part))
                continue
            for name, group in groupby(part, key=self._font_of.__getitem__):
                out.append((name, "".join(group)))
        return out


# The family each registered face belongs to, so that a paragraph style or a drawing, which know
# only a font name, find the fallback (ReportLab's own registry is by name and process-wide too).
_families: dict[str, FontFamily] = {}


# CJK ideographs beyond U+FFFF (Extension B onwards, common in names of people and places) are
# all in planes 2 and 3.
RARE_HAN_PLANES = frozenset({2, 3})


def register(regular: Path, bold: Path, fallback: Path | None = None, rare_han: Path | None = None) -> FontFamily:
    """The two faces as one family (loaded and registered once per process, see fontcache),
    with ``fallback`` for the characters they lack and ``rare_han`` for the CJK ideographs
    beyond U+FFFF that neither has; this family is now the one their names use."""
    family = _family(regular, bold, fallback, rare_han)
    _families[family.regular] = _families[family.bold] = family
    return family


@cache
def _family(regular: Path, bold: Path, fallback: Path | None, rare_han: Path | None) -> FontFamily:
    faces = (_load(regular.stem, regular), _load(bold.stem, bold))
    # No italic faces exist for Chinese; *italic* text is set in the regular face.
    pdfmetrics.registerFontFamily(
        regular.stem, normal=regular.stem, bold=bold.stem, italic=regular.stem, boldItalic=bold.stem
    )
    more = (Fallback(rare_han, RARE_HAN_PLANES),) if rare_han else ()
    return FontFamily(regular.stem, bold.stem, faces, Fallback(fallback) if fallback else None, more)


def _load(name: str, path: Path) -> TTFont:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(load_font(name, path))
        # Each embedded subset copies tables out of the file (glyf alone is ~8 MB for Noto
        # Sans SC); keep the copies, they never change.
        face = pdfmetrics.getFont(name).face
        face.get_table = cache(face.get_table)
    return pdfmetrics.getFont(name)


def register_style(look: Style) -> FontFamily:
    """The family a style file names, with its fallback fonts (see ``register``)."""
    return register(look.font_regular, look.font_bold, look.font_fallback, look.font_rare_han)


def with_fallback(markup: str, font: str) -> str:
    """Paragraph markup in ``font`` with what only its family's fallback has set in the fallback."""
    family = _families.get(font)
    return family.with_fallback(markup) if family is not None else markup


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """A string drawn in ``font`` as (font name, part) runs (see FontFamily.runs)."""
    family = _families.get(font)
    return family.runs(text, font) if family is not None else [(font, text)]
