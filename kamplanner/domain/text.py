"""Text as users give it: what the store can keep, and how stray characters are made harmless."""

from __future__ import annotations

import re
import unicodedata

MAX_TEXT = 1_000_000  # characters in one text at the door; limits.py bounds each kind of field

# Word and PowerPoint put control characters into what they copy: a vertical tab for a manual
# line break (Shift+Enter), a form feed for a page break, CR for a paragraph's end; Unicode has
# its own line and paragraph separators, and NEL. They are line breaks, a page break or a
# paragraph separator a paragraph break (a blank line).
_PARAGRAPH_BREAK = re.compile("[\x0c\u2029]")
_LINE_BREAK = re.compile("\r\n?|[\x0b\x85\u2028]")
# Any other C0 or C1 control (but tab and newline) means nothing in a plan's text. Deleted, it
# would run two words together; so a run of them between two words is one space, and elsewhere
# (next to a space, at an end) nothing.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]+")
_BREAKS_OR_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _between_words(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    if 0 < start and end < len(text) and not text[start - 1].isspace() and not text[end].isspace():
        return " "
    return ""


def plain_lines(text: str) -> str:
    """The text with its line breaks as "\\n" (a paragraph break as a blank line) and any other
    control character but tab a space between two words, or nothing elsewhere."""
    if not _BREAKS_OR_CONTROLS.search(text):
        return text
    text = _PARAGRAPH_BREAK.sub("\n\n", _LINE_BREAK.sub("\n", text))
    return _CONTROLS.sub(_between_words, text)


def text_problem(text: str) -> str | None:
    """Why a text cannot be stored as it is, or None.

    NUL and unpaired surrogates cannot be stored as text by every database (PostgreSQL
    refuses NUL; UTF-8 has no surrogates), so they are refused at the door.
    """
    if len(text) > MAX_TEXT:
        return f"text is {len(text):,} characters long; at most {MAX_TEXT:,} are allowed"
    if "\x00" in text:
        return "text contains a NUL character (\\u0000)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "text contains an unpaired surrogate (invalid Unicode)"
    return None


def clean_text(text: str) -> str:
    """Text as the store can keep it and the PDF prints it: NUL characters and unpaired
    surrogates dropped, line and paragraph breaks as "\\n", other control characters a space
    between words (``plain_lines``)."""
    if text_problem(text) is not None:
        text = text.replace("\x00", "").encode("utf-8", "ignore").decode("utf-8")
    return plain_lines(text)


# Characters that are dropped: invisible format characters (zero-width joiners, bidi overrides,
# BOM, soft hyphen) that would otherwise reach the PDF as missing-glyph boxes or, worse, reorder
# what a viewer shows. Variation selectors only pick emoji presentation, which the document's
# fonts do not have. (Control characters are line breaks or spaces by then: plain_lines.)


def _dropped(char: str) -> bool:
    if char in "\n\t":
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs"):
        return True
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


# Printable, yet dropped: skin-tone modifiers and variation selectors.
_EMOJI_SHAPING = re.compile(r"[\U0001f3fb-\U0001f3ff\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def shown(text: object) -> str:
    """Text as a document shows it (the PDF, the slides): plain, line breaks as "\\n", tabs as
    spaces, no control characters.

    Line breaks and paragraph breaks in any form (CR, the vertical tab Word uses for a manual
    line break, a form feed, U+2028, U+2029) become "\\n" (a paragraph break a blank line);
    any other control character is a space between two words, so words never run together
    (``plain_lines``, the editor's rule too). Emoji and other symbols stay as typed
    (a document sets them in its fallback font, see report/fonts.py); skin-tone modifiers, joiners
    and variation selectors, which only shape an emoji in a colour-emoji font, are dropped, so
    👨‍👩‍👧 prints as its three people.
    """
    text = plain_lines("" if text is None else str(text))
    if text.isascii():
        return text.replace("\t", " ")
    if all(line.isprintable() for line in text.split("\n")) and not _EMOJI_SHAPING.search(text):
        return text  # nothing to drop: isprintable is False for every other category dropped
    out: list[str] = []
    for char in text:
        if char == "\t":
            out.append(" ")
        elif not _dropped(char) and not 0x1F3FB <= ord(char) <= 0x1F3FF:
            out.append(char)
    return "".join(out)


def one_line(text: object) -> str:
    """Cleaned text on one line (for headers, bookmarks, metadata, slide titles)."""
    return " ".join(shown(text).split())
