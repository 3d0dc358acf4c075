"""User text made safe for ReportLab paragraph markup: cleaned, escaped, **bold** and *italic* set.

Everything a user typed passes through ``clean`` and then ``escape`` or ``inline`` before it
reaches a Paragraph, so "<font size=80>", "&" or "]]>" print as typed and never act as markup.
What the document's font cannot draw is put into its fallback font with ``in_font`` (fonts.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from markupsafe import Markup

from ..domain import markdown
from ..domain.text import plain_lines

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


def clean(text: object) -> str:
    """Plain text with line breaks as "\\n", tabs as spaces and no control characters.

    Line breaks and paragraph breaks in any form (CR, the vertical tab Word uses for a manual
    line break, a form feed, U+2028, U+2029) become "\\n" (a paragraph break a blank line);
    any other control character is a space between two words, so words never run together
    (domain.text.plain_lines, the editor's rule too). Emoji and other symbols stay as typed
    (the document sets them in its fallback font, see fonts.py); skin-tone modifiers, joiners
    and variation selectors, which only shape an emoji in a colour-emoji font, are dropped, so
    👨‍👩‍👧 prints as its three people.
    """
    text = plain_lines("" if text is None else str(text))
    if text.isascii():
        return text.replace("\t", " ")
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


def inline(text: str) -> Markup:
    """One block of cleaned text as markup, with **bold** and *italic* and line breaks kept.

    The text is read as one paragraph of the Markdown subset (domain.markdown), so list markers
    in it stay as typed; ``inlines`` sets a paragraph read already.
    """
    return inlines(markdown.parse_inline(text))


def inlines(nodes: tuple[markdown.Inline, ...]) -> Markup:
    """A paragraph's text as markup: its words escaped, emphasis as <i> and <b>, breaks as <br/>."""
    parts: list[str] = []
    _set(nodes, parts)
    return Markup("".join(parts))


def _set(nodes: tuple[markdown.Inline, ...], parts: list[str]) -> None:
    for node in nodes:
        if isinstance(node, markdown.Text):
            parts.append(_escaped_lines(node.text))
        elif isinstance(node, markdown.Break):
            parts.append("<br/>")
        else:
            tag = "b" if node.strong else "i"
            parts.append(f"<{tag}>")
            _set(node.children, parts)
            parts.append(f"</{tag}>")


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
