"""Blocks of cells to and from spreadsheets: tab-separated text and HTML tables.

Excel, WPS and LibreOffice put both on the clipboard; a web page or Word only HTML. What comes
in is untrusted and bounded: past ``MAX_CLIPBOARD`` characters, or ``MAX_ROWS`` rows or
``MAX_COLUMNS`` columns, the rest is left out.
"""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser

from .limits import MAX_ROWS

MAX_CLIPBOARD = 2_000_000  # characters of clipboard text or HTML read at all
MAX_COLUMNS = 64

_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def tsv_cells(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated text, reading Excel's quotes around cells that hold a
    tab, a line break or a quote. A trailing line break ends the block, not an empty row."""
    text = text[:MAX_CLIPBOARD].replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    quoted = '"' in text
    if quoted:
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter="\t", quotechar='"', strict=True))
        except csv.Error:  # not Excel's quoting after all: the quotes are part of the text
            rows = [line.split("\t") for line in text.split("\n")]
    else:
        rows = [line.split("\t") for line in text.split("\n")]
    return [row[:MAX_COLUMNS] for row in rows[:MAX_ROWS]]


def tsv_text(rows: list[list[str]]) -> str:
    """Tab-separated text Excel and WPS read back cell for cell (quoted where a cell needs it)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue().rstrip("\n")


def html_table(rows: list[list[str]]) -> str:
    """An HTML table of the cells, every text escaped; line breaks inside a cell as <br>."""
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell).replace(chr(10), '<br>')}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return f"<table>{body}</table>"


class _TableReader(HTMLParser):
    """The first table's cells; a nested table's text is part of its cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.depth = 0  # tables open
        self.done = False
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth += 1
        if self.depth != 1:
            if tag == "br" and self.cell is not None:
                self.cell.append("\n")
            return
        if tag == "tr":
            self._end_row()
            self.row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = []
            self.cell = []
            span = (dict(attrs).get("colspan") or "1").strip()
            self.span = min(int(span), MAX_COLUMNS) if span.isdigit() and len(span) <= 3 and int(span) > 0 else 1
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")
        elif tag in ("p", "div") and self.cell:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self._end_row()
                self.done = True
            return
        if self.depth != 1:
            return
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.done:
            self.cell.append(data)

    def _end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        lines = [_SPACES.sub(" ", line).strip() for line in "".join(self.cell).split("\n")]
        text = "\n".join(line for line in lines if line)
        self.row.append(text)
        self.row.extend([""] * (self.span - 1))
        self.cell = None
        self.span = 1

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None:
            if len(self.rows) < MAX_ROWS:
                self.rows.append(self.row[:MAX_COLUMNS])
            self.row = None


def html_cells(markup: str) -> list[list[str]] | None:
    """The cells of the first table in an HTML fragment, or None when it has no table."""
    if "<table" not in markup[:MAX_CLIPBOARD].lower():
        return None
    reader = _TableReader()
    reader.feed(markup[:MAX_CLIPBOARD])
    reader.close()
    reader._end_row()
    rows = reader.rows
    while rows and not any(rows[-1]):
        rows.pop()
    return rows or None
