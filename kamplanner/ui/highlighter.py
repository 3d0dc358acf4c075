"""How the prose editor draws the Markdown subset: marks dimmed, bold and italic set as they
will print, list markers in the accent colour, all read from the domain's grammar
(domain/markdown.py), so the editor and the PDF cannot disagree about a single mark.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from PySide6.QtGui import QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ..domain import markdown


def u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class _Line:
    """One line of the text as the highlighter shows it."""

    formats: tuple[tuple[int, int, tuple[bool, bool, bool, bool]], ...]  # (start, length, look) in UTF-16 units
    marker: markdown.Marker | None  # the innermost list item's marker on this line, offsets in the line


def _read_part(part: str) -> list[_Line]:
    """The lines of one piece of the text (markdown.parts), read by the domain's grammar."""
    document = markdown.parse(part)
    starts = [0]
    for line in part.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    formats: list[list[tuple[int, int, tuple[bool, bool, bool, bool]]]] = [[] for _ in starts]
    for segment in document.segments():
        look = (segment.marker, segment.mark, segment.strong, segment.emphasis)
        n = bisect_right(starts, segment.start) - 1
        start = segment.start
        while start < segment.end:  # (a strong or emphasised run may cross lines)
            line_end = starts[n + 1] - 1 if n + 1 < len(starts) else len(part)
            end = min(segment.end, line_end)
            if end > start:
                formats[n].append((start - starts[n], end - starts[n], look))
            start, n = line_end + 1, n + 1
    markers: dict[int, markdown.Marker] = {}
    for marker in document.markers:  # the innermost, the last on its line, wins
        n = bisect_right(starts, marker.start) - 1
        base = starts[n]
        markers[n] = replace(marker, start=marker.start - base, end=marker.end - base, content=marker.content - base)
    lines = []
    for n, base in enumerate(starts):
        text = part[base : starts[n + 1] - 1] if n + 1 < len(starts) else part[base:]
        units = _units(text)
        line_formats = tuple((units(a), units(b) - units(a), look) for a, b, look in formats[n])
        lines.append(_Line(line_formats, markers.get(n)))
    return lines


def _units(text: str) -> Callable[[int], int]:
    """str offsets in a line to Qt's UTF-16 offsets."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return lambda i: i
    return lambda i: u16(text[:i])


class MarkdownHighlighter(QSyntaxHighlighter):
    """Bold shown bold, italic shown italic, the marks themselves dimmed, list markers in colour:
    all as domain.markdown reads the text, the same reading the PDF and completeness use.

    Emphasis may run across the lines of a paragraph, so the whole text is read at each change
    (a piece unchanged since the last reading is not read again, markdown.parts) and the lines
    whose look changed outside the edited ones are drawn again too.
    """

    def __init__(self, document: QTextDocument, palette: QPalette):
        super().__init__(document)
        self.setDocument(None)  # (set again below, once this reads ahead of Qt's drawing)
        self.lines: list[_Line] = []
        self._parts: dict[str, list[_Line]] = {}
        self._looks: dict[tuple[bool, bool, bool, bool], QTextCharFormat] = {}
        self.set_palette(palette)
        # Read before QSyntaxHighlighter draws the changed lines: connected ahead of it.
        document.documentLayout()  # (a document without its layout yet announces no changes)
        document.contentsChange.connect(self._reread)
        self._read(document)
        self.setDocument(document)

    def set_palette(self, palette: QPalette) -> None:
        self.mark = QTextCharFormat()
        self.mark.setForeground(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText))
        self.bold = QTextCharFormat()
        self.bold.setFontWeight(QFont.Weight.Bold)
        self.italic = QTextCharFormat()
        self.italic.setFontItalic(True)
        self.bullet = QTextCharFormat()
        self.bullet.setForeground(palette.color(QPalette.ColorRole.Link))
        self.bullet.setFontWeight(QFont.Weight.Bold)
        self._looks = {}

    def _look(self, look: tuple[bool, bool, bool, bool]) -> QTextCharFormat:
        found = self._looks.get(look)
        if found is None:
            marker, mark, strong, emphasis = look
            found = QTextCharFormat()
            for wanted, part in (
                (marker, self.bullet),
                (mark, self.mark),
                (strong, self.bold),
                (emphasis, self.italic),
            ):
                if wanted:
                    found.merge(part)
            self._looks[look] = found
        return found

    def _read(self, document: QTextDocument) -> list[_Line]:
        text = document.toPlainText()
        if text.count("\n") + 1 != document.blockCount():  # (a U+2028 inside a line reads as "\n")
            block, lines = document.firstBlock(), []
            while block.isValid():
                lines.append(block.text())
                block = block.next()
            text = "\n".join(lines)
        cuts = [*markdown.parts(text), len(text) + 1]
        parts: dict[str, list[_Line]] = {}
        lines = []
        for start, end in pairwise(cuts):
            part = text[start : end - 1]
            read = parts.get(part) or self._parts.get(part) or _read_part(part)
            parts[part] = read
            lines += read
        old, self.lines, self._parts = self.lines, lines, parts
        return old

    def _reread(self, position: int, removed: int, added: int) -> None:
        document = self.document()
        if document is None:
            return
        old = self._read(document)
        first = document.findBlock(position).blockNumber()
        last = document.findBlock(position + added).blockNumber()
        shift = len(self.lines) - len(old)
        for n, line in enumerate(self.lines):
            before = n if n < first else n - shift if n > last else -1
            if before >= 0 and (before >= len(old) or old[before] != line):
                self.rehighlightBlock(document.findBlockByNumber(n))

    def highlightBlock(self, text: str) -> None:
        n = self.currentBlock().blockNumber()
        if n >= len(self.lines):
            return
        for start, length, look in self.lines[n].formats:
            self.setFormat(start, length, self._look(look))
