"""A QTextDocument as formatted prose lines (domain/rich.py) and back; pasted HTML made clean.

The editor's document holds only what the Markdown subset can store: bold, italic, bulleted and
numbered lists nested by indent, line breaks inside a paragraph (U+2028). Anything else pasted
in (fonts, colours, sizes, tables, images, links) is dropped on the way in, so what the editor
shows is what is stored.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData
from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextList,
    QTextListFormat,
)

from ..domain.rich import BULLET, NUMBER, Line, Run, merged
from ..domain.text import clean_text

LINE_BREAK = "\u2028"  # Shift+Enter in a QTextEdit: a new line inside the paragraph
PARAGRAPH_GAP = 6  # pixels under a paragraph (list items sit close together)
MAX_PASTE_TEXT = 200_000  # characters of pasted plain text taken at all
MAX_PASTE_HTML = 1_000_000  # characters of pasted HTML read at all; past that, its plain text is used

_BULLET_STYLES = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare)
_NUMBER_STYLES = frozenset(
    {
        QTextListFormat.Style.ListDecimal,
        QTextListFormat.Style.ListLowerAlpha,
        QTextListFormat.Style.ListUpperAlpha,
        QTextListFormat.Style.ListLowerRoman,
        QTextListFormat.Style.ListUpperRoman,
    }
)


def list_format(kind: str, depth: int, start: int = 1) -> QTextListFormat:
    fmt = QTextListFormat()
    fmt.setIndent(depth + 1)
    if kind == NUMBER:
        fmt.setStyle(QTextListFormat.Style.ListDecimal)
        fmt.setStart(max(0, start))
        fmt.setNumberSuffix(".")
    else:
        fmt.setStyle(_BULLET_STYLES[depth % len(_BULLET_STYLES)])
    return fmt


def char_format(bold: bool, italic: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(italic)
    return fmt


def is_bold(fmt: QTextCharFormat) -> bool:
    return fmt.fontWeight() >= QFont.Weight.DemiBold


# --------------------------------------------------------------------------- lines -> document


def fill(document: QTextDocument, lines: list[Line]) -> None:
    """Replace what the document holds with the lines."""
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    insert_lines(cursor, lines, first_block=True)
    cursor.endEditBlock()


def insert_lines(cursor: QTextCursor, lines: list[Line], first_block: bool) -> None:
    """Insert lines at the cursor, each its own block (the first into the cursor's block when
    ``first_block``); lists are joined up by depth, as they were written."""
    open_lists: dict[int, tuple[str, QTextList]] = {}
    for index, line in enumerate(lines):
        if index or not first_block:
            cursor.insertBlock(QTextBlockFormat(), char_format(False, False))
        block_format = QTextBlockFormat()
        if not line.kind:
            block_format.setIndent(line.depth)
            block_format.setBottomMargin(PARAGRAPH_GAP)  # paragraphs apart, as a page prints them
            for depth in [d for d in open_lists if d >= line.depth]:
                del open_lists[depth]
            cursor.setBlockFormat(block_format)
        else:
            for depth in [d for d in open_lists if d > line.depth]:
                del open_lists[depth]
            cursor.setBlockFormat(block_format)
            here = open_lists.get(line.depth)
            if here is not None and here[0] == line.kind:
                here[1].add(cursor.block())
            else:
                open_lists[line.depth] = (line.kind, cursor.createList(list_format(line.kind, line.depth, line.number)))
        for run in line.runs:
            cursor.insertText(run.text.replace("\n", LINE_BREAK), char_format(run.bold, run.italic))
        cursor.setCharFormat(char_format(False, False))


# --------------------------------------------------------------------------- document -> lines


RunCache = dict[int, tuple[str, tuple[Run, ...]]]  # a block's node -> its text and runs as last read


def watch_changes(document: QTextDocument) -> RunCache:
    """A cache of the runs read from each block, forgetting the blocks that change, so that
    ``read`` reads only those again (a field of 50,000 characters is written after each key)."""
    cache: RunCache = {}

    def changed(position: int, removed: int, added: int) -> None:
        block = document.findBlock(position)
        end = position + max(removed, added)
        while block.isValid() and block.position() <= end:
            cache.pop(block.fragmentIndex(), None)
            block = block.next()

    document.contentsChange.connect(changed)
    return cache


def _block_runs(block: QTextBlock, cache: RunCache | None) -> tuple[Run, ...]:
    text = block.text()
    if cache is not None:
        cached = cache.get(block.fragmentIndex())
        if cached is not None and cached[0] == text:
            return cached[1]
    runs: list[Run] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            piece = fragment.text().replace(LINE_BREAK, "\n").replace("\ufffc", "")
            runs.append(Run(piece, is_bold(fmt), fmt.fontItalic()))
        it += 1
    found = merged(runs)
    if cache is not None:
        cache[block.fragmentIndex()] = (text, found)
    return found


def read(document: QTextDocument, cache: RunCache | None = None) -> list[Line]:
    """The document's blocks as lines: formats, lists and their depth, as shown."""
    lines: list[Line] = []
    block = document.firstBlock()
    while block.isValid():
        runs = _block_runs(block, cache)
        text_list = block.textList()
        if text_list is not None:
            fmt = text_list.format()
            kind = NUMBER if fmt.style() in _NUMBER_STYLES else BULLET
            number = fmt.start() + text_list.itemNumber(block) if kind == NUMBER else 1
            lines.append(Line(runs, kind, max(0, fmt.indent() - 1), number))
        else:
            lines.append(Line(runs, "", max(0, block.blockFormat().indent())))
        block = block.next()
    return lines


# --------------------------------------------------------------------------- paste

# A paragraph Word or WPS wrote as a list item: its bullet or number is text, then spaces.
_WORD_BULLET = re.compile(r"^[\s\u00a0]*([·•▪◦○●■□➢➤✓§o\-–—*])[\s\u00a0]+")
_WORD_NUMBER = re.compile(r"^[\s\u00a0]*(\d{1,9})[.)、][\s\u00a0]+")


def pasted_lines(html: str) -> list[Line]:
    """HTML from Word, WPS or a web page as clean lines: bold, italic and lists kept (Word's
    list paragraphs, whose bullets are text, too), everything else dropped."""
    scratch = QTextDocument()
    scratch.setHtml(html[:MAX_PASTE_HTML])
    out: list[Line] = []
    for line in read(scratch):
        if not line.kind:
            line = _word_list_item(line)
        out.append(line)
    while out and not out[-1].text.strip() and not out[-1].kind:
        out.pop()  # the empty paragraph a copied selection often ends with
    while out and not out[0].text.strip() and not out[0].kind:
        out.pop(0)
    return out


def clipboard_lines(source: QMimeData, bold: bool, italic: bool) -> list[Line]:
    """What a paste inserts: HTML as clean formatted lines; plain text as text in the format at
    the caret (``bold``, ``italic``), marks in it taken as characters. Control characters go."""
    if source.hasHtml():
        return [
            Line(
                tuple(Run(clean_text(r.text), r.bold, r.italic) for r in line.runs), line.kind, line.depth, line.number
            )
            for line in pasted_lines(source.html())
        ]
    text = clean_text(source.text()[:MAX_PASTE_TEXT])
    return [Line((Run(part, bold, italic),)) for part in text.split("\n")]


def _word_list_item(line: Line) -> Line:
    text = line.text
    for pattern, kind in ((_WORD_BULLET, BULLET), (_WORD_NUMBER, NUMBER)):
        found = pattern.match(text)
        if found and found.end() < len(text):
            number = int(found.group(1)) if kind == NUMBER else 1
            return Line(_drop_prefix(line.runs, found.end()), kind, 0, number)
    return line


def _drop_prefix(runs: tuple[Run, ...], count: int) -> tuple[Run, ...]:
    out: list[Run] = []
    for run in runs:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        out.append(Run(run.text[count:], run.bold, run.italic))
        count = 0
    return merged(out)
