"""User text made safe for ReportLab paragraph markup: cleaned, escaped, **bold** and *italic*.

Everything a user typed passes through ``clean`` and then ``escape`` or ``inline`` before it
reaches a Paragraph, so "<font size=80>", "&" or "]]>" print as typed and never act as markup.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup

# Characters that are dropped: C0/C1 controls (but tab and newline), and invisible format
# characters (zero-width joiners, bidi overrides, BOM, soft hyphen) that would otherwise reach
# the PDF as missing-glyph boxes or, worse, reorder what a viewer shows. Variation selectors
# only pick emoji presentation, which the document font does not have.
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
_ASTRAL = re.compile(r"[\U00010000-\U0010ffff]")


# What an emoji (or another symbol beyond the Basic Multilingual Plane) becomes: the document
# font has no glyph for it, and ReportLab cannot map such a character back to its text.
REPLACEMENT = "\u25a1"  # □


def _replaced(char: str) -> bool:
    return ord(char) > 0xFFFF and unicodedata.category(char) in ("So", "Sk", "Cn", "Co")


def clean(text: object) -> str:
    """Plain text with line ends normalised, tabs as spaces and control characters removed;
    emoji become one □ each (skin-tone modifiers and joiners are dropped)."""
    text = _NEWLINES.sub("\n", "" if text is None else str(text))
    if text.isascii():
        return _ASCII_CONTROLS.sub("", text.replace("\t", " "))
    if all(line.isprintable() for line in text.split("\n")) and not _ASTRAL.search(text):
        # nothing to drop (isprintable is False for every category dropped here) and no emoji
        # to replace (printable, but beyond the Basic Multilingual Plane)
        return text
    out = []
    for char in text:
        if char == "\t":
            out.append(" ")
        elif 0x1F3FB <= ord(char) <= 0x1F3FF:
            continue  # a skin tone modifies the emoji before it
        elif _replaced(char):
            out.append(REPLACEMENT)
        elif not _dropped(char):
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
