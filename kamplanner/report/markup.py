"""User text made safe for ReportLab paragraph markup: cleaned, escaped, **bold** and *italic* set.

Everything a user typed passes through ``clean`` (domain/text.py ``shown``, which the slides use
too) and then ``escape`` or ``inline`` before it
reaches a Paragraph, so "<font size=80>", "&" or "]]>" print as typed and never act as markup.
What the document's font cannot draw is put into its fallback font with ``in_font`` (fonts.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from markupsafe import Markup

from ..domain import markdown
from ..domain.text import one_line as one_line
from ..domain.text import shown as clean


def escape(text: object) -> Markup:
    """Cleaned text as markup that shows exactly that text (no inline formatting)."""
    cleaned = clean(text)
    return Markup(cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


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
