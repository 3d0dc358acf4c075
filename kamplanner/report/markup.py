"""User text made safe for ReportLab paragraph markup: cleaned, escaped, **bold** and *italic*.

Everything a user typed passes through ``clean`` and then ``escape`` or ``inline`` before it
reaches a Paragraph, so "<font size=80>", "&" or "]]>" print as typed and never act as markup.
What the document's font cannot draw is put into its fallback font with ``in_font`` (fonts.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from markupsafe import Markup

# Characters that are dropped: C0/C1 controls (but tab and newline), and invisible format
# characters (zero-width joiners, bidi overrides, BOM, soft hyphen) that would otherwise reach
# the PDF as missing-glyph boxes or, worse, reorder what a viewer shows. Variation selectors
# only pick emoji presentation, which the document's fonts do not have.
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def _dropped(char: str) -> bool:
    if char in "\n\t":
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs"):
        return True
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Printable, yet dropped: skin-tone modifiers and variation selectors.
_EMOJI_SHAPING = re.compile(r"[\U0001f3fb-\U0001f3ff\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def clean(text: object) -> str:
    """Plain text with line ends normalised, tabs as spaces and control characters removed.

    Emoji and other symbols stay as typed (the document sets them in its fallback font, see
    fonts.py); skin-tone modifiers, joiners and variation selectors, which only shape an emoji
    in a colour-emoji font, are dropped, so 👨‍👩‍👧 prints as its three people.
    """
    text = _NEWLINES.sub("\n", "" if text is None else str(text))
    if text.isascii():
        return _ASCII_CONTROLS.sub("", text.replace("\t", " "))
    if all(line.isprintable() for line in text.split("\n")) and not _EMOJI_SHAPING.search(text):
        return text  # nothing to drop: isprintable is False for every other category dropped
    out = []
    for char in text:
        if char == "\t":
            out.append(" ")
        elif not _dropped(char) and not 0x1F3FB <= ord(char) <= 0x1F3FF:
            out.append(char)
    return "".join(out)


def escape(text: object) -> Markup:
    """Cleaned text as markup that shows exactly that text (no inline formatting)."""
    cleaned = clean(text)
    return Markup(cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def one_line(text: object) -> str:
    """Cleaned text on one line (for headers, bookmarks, metadata)."""
    return " ".join(clean(text).split())


# **bold** first, then *italic*; the delimiters must touch the text they enclose, so a lone
# "*" or "2 * 3 * 4" stays as typed.
_INLINE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])(.+?)(?<=[^\s*])\*", re.DOTALL)


def inline(text: str) -> Markup:
    """One block of cleaned text as markup, with **bold** and *italic* and line breaks kept."""
    parts: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        parts.append(_escaped_lines(text[position : match.start()]))
        if match.group(1) is not None:
            parts.append(f"<b>{inline(match.group(1))}</b>")
        else:
            parts.append(f"<i>{_escaped_lines(match.group(2))}</i>")
        position = match.end()
    parts.append(_escaped_lines(text[position:]))
    return Markup("".join(parts))


def _escaped_lines(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def inline_lines(text: object) -> Markup:
    """Cleaned text as markup that shows exactly that text with its line breaks (no Markdown)."""
    return Markup(_escaped_lines(clean(text)))


def in_font(markup: str, chars: Collection[str], font: str) -> str:
    """Markup with each run of ``chars`` set in ``font`` (<font name="...">…</font>).

    For the characters the document's font lacks (fonts.py). None of them may be ASCII: tags,
    their attributes and entities are ASCII, so the tags added here fall only between
    characters of text, and the text inside them is exactly what was there before: what a user
    typed still never becomes markup. <b> and <i> around a run keep working.
    """
    if not chars:
        return markup
    if any(c.isascii() for c in chars):
        raise ValueError("in_font sets only non-ASCII characters in another font")
    run = re.compile(f"[{re.escape(''.join(sorted(chars)))}]+")
    return run.sub(lambda m: f'<font name="{font}">{m.group()}</font>', markup)
