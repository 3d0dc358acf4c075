"""Text as users give it: what the store can keep, and how stray characters are made harmless."""

from __future__ import annotations

import re

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
