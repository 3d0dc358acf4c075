"""Text as users give it: what the store can keep, and how stray characters are made harmless."""

from __future__ import annotations

MAX_TEXT = 1_000_000  # characters in one text at the door; limits.py bounds each kind of field


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
    """Text as the store can keep it: NUL characters and unpaired surrogates dropped."""
    if text_problem(text) is None:
        return text
    return text.replace("\x00", "").encode("utf-8", "ignore").decode("utf-8")
