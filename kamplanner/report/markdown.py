"""A prose field as flowables: the Markdown subset as domain.markdown reads it, set for print.

Paragraphs are paragraphs, lists are lists (nested inside their items), and the inline
**bold** and *italic* come from the same reading (markup.inlines). A single line break inside
a paragraph is kept, because that is what the writer saw in the editor.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem

from ..domain import markdown
from .markup import clean, inline, inlines
from .para import Para

# Paragraphs and list items of one field set as such; the rest of a field past them is set as
# its lines in one paragraph (markers kept, "- item"). Each is a flowable of its own, ~0.2 ms
# to lay out: a field of 50,000 characters of one-word bullets would take seconds, and no
# real plan comes near this many.
MOST_BLOCKS = 500


def _count(block: markdown.Block) -> int:
    """Flowables a block is set as: one per paragraph (an empty list item: one too)."""
    if isinstance(block, markdown.Paragraph):
        return 1
    return sum(_item_count(item) for item in block.items)


def _item_count(item: markdown.Item) -> int:
    return sum(_count(b) for b in item.blocks) or 1


def _capped(document: markdown.Document) -> tuple[list[markdown.Block], int | None]:
    """The blocks up to MOST_BLOCKS flowables, and where in the source the text past them starts."""
    count = 0
    kept: list[markdown.Block] = []
    for block in document.blocks:
        size = _count(block)
        if count + size <= MOST_BLOCKS:
            kept.append(block)
            count += size
            continue
        if isinstance(block, markdown.ListBlock):
            items: list[markdown.Item] = []
            for item in block.items:
                size = _item_count(item)
                if count + size > MOST_BLOCKS:
                    if items:
                        kept.append(markdown.ListBlock(block.ordered, block.first, tuple(items)))
                    return kept, item.marker.start
                items.append(item)
                count += size
        assert isinstance(block, markdown.Paragraph)
        return kept, block.start
    return kept, None


def flowables(text: str, body: ParagraphStyle, item: ParagraphStyle, bullet_colour: object = None) -> list[Flowable]:
    """Paragraphs and lists for a prose field, set in ``body`` (list items in ``item``)."""
    document = markdown.parse(clean(text))
    blocks, rest = _capped(document)
    out = [_flowable(block, body, item, bullet_colour) for block in blocks]
    if rest is not None:
        out.append(Para(inline(document.source[rest:]), body))
    return out


def _flowable(
    block: markdown.Block, body: ParagraphStyle, item: ParagraphStyle, bullet_colour: object, nested: bool = False
) -> Flowable:
    if isinstance(block, markdown.Paragraph):
        return Para(inlines(block.inlines), body)
    entries = []
    for entry in block.items:
        parts = [
            Para(inlines(b.inlines), item)
            if isinstance(b, markdown.Paragraph)
            else _flowable(b, body, item, bullet_colour, nested=True)
            for b in entry.blocks
        ]
        entries.append(ListItem(parts or Para("", item)))
    numbered = block.ordered
    return ListFlowable(
        entries,
        bulletType="1" if numbered else "bullet",
        start=block.first if numbered else "•",
        bulletFormat="%s." if numbered else None,
        leftIndent=item.fontSize * (2.0 if numbered else 1.5),
        bulletFontName=item.fontName,
        bulletFontSize=item.fontSize,
        bulletColor=bullet_colour or item.textColor,
        spaceAfter=0 if nested else body.spaceAfter,  # (a list inside an item: the item's own lines)
    )
