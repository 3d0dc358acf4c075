"""The plan's safe Markdown subset as flowables: paragraphs, "- " bullets, "1. " numbered lists.

Inline **bold** and *italic* come from markup.inline. Nothing else is Markdown here: no
headings, links, HTML or code, so whatever else a user types prints as typed. A single line
break inside a paragraph is kept, because that is what the writer saw in the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem

from .markup import clean, inline
from .para import Para

_BULLET = re.compile(r"^ {0,3}[-*•] +(.*)$")
_NUMBER = re.compile(r"^ {0,3}(\d{1,9})[.)] +(.*)$")


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "bullets" or "numbers"
    items: tuple[str, ...]  # the paragraph's text, or each list item's
    start: int = 1  # the first number of a numbered list


def parse(text: str) -> list[Block]:
    """The blocks of a prose field, in order; blank text gives none."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[list[str]] = []  # each item's lines (joined at the end: += would copy a long item each line)
    kind = ""
    start = 1
    blank_before = False

    def end_paragraph() -> None:
        if paragraph:
            blocks.append(Block("paragraph", ("\n".join(paragraph),)))
            paragraph.clear()

    def end_list() -> None:
        nonlocal kind
        if items:
            blocks.append(Block(kind, tuple("\n".join(item) for item in items), start))
            items.clear()
        kind = ""

    for line in clean(text).split("\n"):
        if not line.strip():
            end_paragraph()
            blank_before = True
            continue
        bullet = _BULLET.match(line)
        number = None if bullet else _NUMBER.match(line)
        if number and paragraph and number.group(1) != "1":
            number = None  # as in CommonMark: "2024. was a year" inside a paragraph stays text
        if bullet or number:
            end_paragraph()
            new_kind = "bullets" if bullet else "numbers"
            if new_kind != kind:
                end_list()
                kind = new_kind
                start = int(number.group(1)) if number else 1
            match = bullet or number
            assert match is not None and match.lastindex is not None
            items.append([match.group(match.lastindex).strip()])
        elif kind and not blank_before:
            items[-1].append(line.strip())  # a wrapped list item
        else:
            end_list()
            paragraph.append(line.strip())
        blank_before = False
    end_paragraph()
    end_list()
    return blocks


# Paragraphs and list items of one field set as such; the rest of a field past them is set as
# its lines in one paragraph (markers kept, "- item"). Each is a flowable of its own, ~0.2 ms
# to lay out: a field of 50,000 characters of one-word bullets would take seconds, and no
# real plan comes near this many.
MOST_BLOCKS = 500


def _capped(blocks: list[Block]) -> tuple[list[Block], str]:
    """The blocks up to MOST_BLOCKS entries, and the text of what follows as plain lines."""
    count = 0
    for n, block in enumerate(blocks):
        if count + len(block.items) <= MOST_BLOCKS:
            count += len(block.items)
            continue
        keep = MOST_BLOCKS - count
        head = [*blocks[:n], Block(block.kind, block.items[:keep], block.start)] if keep else blocks[:n]
        rest: list[str] = []
        for later in [Block(block.kind, block.items[keep:], block.start + keep), *blocks[n + 1 :]]:
            if later.kind == "paragraph":
                rest.append(later.items[0])
            else:
                numbered, first = later.kind == "numbers", later.start
                rest.append("\n".join(f"{first + i}. {e}" if numbered else f"- {e}" for i, e in enumerate(later.items)))
        return head, "\n\n".join(rest)
    return blocks, ""


def flowables(text: str, body: ParagraphStyle, item: ParagraphStyle, bullet_colour: object = None) -> list[Flowable]:
    """Paragraphs and lists for a prose field, set in ``body`` (list items in ``item``)."""
    out: list[Flowable] = []
    blocks, rest = _capped(parse(text))
    for block in blocks:
        if block.kind == "paragraph":
            out.append(Para(inline(block.items[0]), body))
            continue
        numbered = block.kind == "numbers"
        entries = [ListItem(Para(inline(entry), item)) for entry in block.items]
        out.append(
            ListFlowable(
                entries,
                bulletType="1" if numbered else "bullet",
                start=block.start if numbered else "•",
                bulletFormat="%s." if numbered else None,
                leftIndent=item.fontSize * (2.0 if numbered else 1.5),
                bulletFontName=item.fontName,
                bulletFontSize=item.fontSize,
                bulletColor=bullet_colour or item.textColor,
                spaceAfter=body.spaceAfter,
            )
        )
    if rest:
        out.append(Para(inline(rest), body))
    return out
