"""Prose as formatted lines, the way a word processor shows it, and back to the Markdown subset.

The editor shows bold, italic and lists as formatting with no marks; the plan stores the subset
domain/markdown.py reads. ``lines(source)`` reads stored text into lines of formatted runs and
``markdown(lines)`` writes them back. What ``markdown`` writes reads back as the same lines, and
writing again gives the same text: a field opened and saved unedited is unchanged.

One limit comes from CommonMark: a mark cannot close after punctuation when a letter follows
(in "中**文字，**中" the marks print as typed). Where formatting begins or ends on such a
boundary, the punctuation at its edge is written outside the marks (plain), so the words keep
their formatting and no stray "**" is printed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from . import markdown as md

BULLET = "bullet"
NUMBER = "number"


@dataclass(frozen=True, slots=True)
class Run:
    """Text in one format. "\\n" in it is a line break inside the paragraph (Shift+Enter)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """A paragraph or a list item. ``depth`` is how deep in lists it sits: 0 for a paragraph
    outside lists and for an outermost item; a paragraph inside an item has its item's depth + 1."""

    runs: tuple[Run, ...]
    kind: str = ""  # "", BULLET or NUMBER
    depth: int = 0
    number: int = 1  # a numbered item's number

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


# --------------------------------------------------------------------------- reading


def lines(source: str) -> list[Line]:
    """The lines of stored prose, formatting read from its marks."""
    out: list[Line] = []
    _blocks(md.parse(source).blocks, 0, out, in_item=False)
    return [replace(line, runs=merged(line.runs)) for line in out]


def _blocks(blocks: tuple[md.Block, ...], depth: int, out: list[Line], in_item: bool) -> None:
    for block in blocks:
        if isinstance(block, md.Paragraph):
            out.append(Line(tuple(_runs(block.inlines, False, False)), "", depth if in_item else 0))
            continue
        for index, item in enumerate(block.items):
            kind = NUMBER if block.ordered else BULLET
            number = block.first + index if block.ordered else 1
            first, rest = (item.blocks[0], item.blocks[1:]) if item.blocks else (None, ())
            if isinstance(first, md.Paragraph):
                out.append(Line(tuple(_runs(first.inlines, False, False)), kind, depth, number))
            else:
                out.append(Line((), kind, depth, number))
                rest = item.blocks
            _blocks(rest, depth + 1, out, in_item=True)


def _runs(inlines: tuple[md.Inline, ...], bold: bool, italic: bool) -> list[Run]:
    out: list[Run] = []
    for node in inlines:
        if isinstance(node, md.Text):
            out.append(Run(node.text, bold, italic))
        elif isinstance(node, md.Break):
            out.append(Run("\n", bold, italic))
        else:
            out += _runs(node.children, bold or node.strong, italic or not node.strong)
    return out


def merged(runs: tuple[Run, ...] | list[Run]) -> tuple[Run, ...]:
    """Runs with nothing empty and no two neighbours in the same format."""
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic)
        else:
            out.append(run)
    return tuple(out)


# --------------------------------------------------------------------------- writing


def markdown(source_lines: list[Line]) -> str:
    """The Markdown subset for formatted lines."""
    parts: list[str] = []
    columns: list[int] = []  # the content column of each open list level
    lists: list[tuple[str, int, str]] = []  # each open list level: its kind, last number, delimiter
    after_item = False  # the last part written was a list item's line
    for line in source_lines:
        depth = min(line.depth, len(columns))  # a level opens only one deeper than the last
        if not line.kind:
            indent = columns[depth - 1] if depth else 0
            body = _inline(line.runs, " " * indent)
            if not body.strip():
                continue  # an empty paragraph is nothing in Markdown: it changes nothing around it
            del columns[depth:]
            del lists[depth:]
            parts.append(("\n\n" if parts else "") + " " * indent + body)
            after_item = False
            continue
        del columns[depth:]
        del lists[depth + 1 :]
        indent = columns[-1] if columns else 0
        open_list = lists[depth] if depth < len(lists) else None
        separator = "\n" if after_item else "\n\n"
        if line.kind == NUMBER:
            wanted = max(0, min(line.number, 999_999_999))
            if open_list is not None and open_list[0] == NUMBER and wanted > open_list[1]:
                number, delimiter = open_list[1] + 1, open_list[2]  # the list goes on: it counts itself
            else:
                # A new list. Right after another numbered one it needs the other delimiter, and
                # only a list starting at 1 may follow a line of text directly.
                continues = open_list is not None and open_list[0] == NUMBER
                number = wanted
                delimiter = (")" if open_list[2] == "." else ".") if continues and open_list else "."
                if number != 1:
                    separator = "\n\n"
            marker = f"{number}{delimiter} "
            state = (NUMBER, number, delimiter)
        else:
            marker = "- "
            state = (BULLET, 1, "-")
        body = _inline(line.runs, " " * (indent + len(marker)))
        if not body and (open_list is None or open_list[0] != state[0] or state[1] != open_list[1] + 1):
            separator = "\n\n"  # an empty item may not start a list right under a line of text
        del lists[depth:]
        lists.append(state)
        parts.append((separator if parts else "") + " " * indent + marker + body)
        if body:  # an empty item holds nothing: what is under it goes one level out
            columns.append(indent + len(marker))
        after_item = True
    return "".join(parts)


@lru_cache(maxsize=8192)  # a field is written again after each key: its other paragraphs are as they were
def _inline(runs: tuple[Run, ...], continuation: str) -> str:
    """A paragraph's runs in marks; ``continuation`` indents the lines after a break."""
    return _written(_representable(runs), continuation)


REPAIRS = 64  # formatting changes tried on one paragraph before it is written plain


@lru_cache(maxsize=4096)
def _representable(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """The runs as close to these as the subset can say, checked by reading them back.

    Some sequences of formats have no CommonMark spelling (a single italic letter, then a bold
    one, then one that is both): where the reading differs, the first character read wrongly
    takes its left neighbour's format, and the paragraph is tried again; after REPAIRS tries
    it is written plain, which always reads back."""
    runs = _flankable(_trimmed(runs))
    for _ in range(REPAIRS):
        if not any(r.bold or r.italic for r in runs):
            return runs
        read = merged(_runs(md.parse_inline(_written(runs, "")), False, False))
        if read == runs:
            return runs
        wanted = [(c, r.bold, r.italic) for r in runs for c in r.text]
        got = [(c, r.bold, r.italic) for r in read for c in r.text]
        k = next((i for i, (w, g) in enumerate(zip(wanted, got, strict=False)) if w != g), min(len(wanted), len(got)))
        k = min(k, len(wanted) - 1)
        left = wanted[k - 1] if k > 0 else (None, False, False)
        wanted[k] = (wanted[k][0], left[1], left[2])
        runs = _flankable(merged([Run(c, b, i) for c, b, i in wanted]))
    return merged([Run("".join(r.text for r in runs))])


def _written(runs: tuple[Run, ...], continuation: str) -> str:
    out: list[str] = []
    stack: list[str] = []  # the marks open, outermost first

    def has(run: Run, mark: str) -> bool:
        return run.bold if mark == "**" else run.italic

    def lasting(index: int, mark: str) -> int:
        count = 0
        while index + count < len(runs) and has(runs[index + count], mark):
            count += 1
        return count

    for index, run in enumerate(runs):
        wanted = [m for m in ("**", "*") if has(run, m)]
        # Close from the outermost mark that ends here; those inside it that go on open again.
        cut = next((j for j, m in enumerate(stack) if m not in wanted), len(stack))
        out += reversed(stack[cut:])
        del stack[cut:]
        # What lasts longer opens first, outside, so that it need not close and open again.
        for mark in sorted((m for m in wanted if m not in stack), key=lambda m: -lasting(index, m)):
            out.append(mark)
            stack.append(mark)
        out.append(_escaped(run.text, continuation, at_start=index == 0))
    out += reversed(stack)
    return "".join(out)


_SPECIAL = frozenset("\\*_")


def _escaped(text: str, continuation: str, at_start: bool) -> str:
    pieces = text.split("\n")
    out = []
    for i, piece in enumerate(pieces):
        escaped = "".join("\\" + c if c in _SPECIAL else c for c in piece)
        if i > 0 or at_start:
            escaped = _escape_line_start(escaped)
        out.append(escaped)
    return ("\n" + continuation).join(out)


def _escape_line_start(line: str) -> str:
    """A line that would read as a list item (or lose its leading spaces) written as text."""
    stripped = line.lstrip(" ")
    lead = line[: len(line) - len(stripped)]
    if stripped[:1] in ("-", "•", "+") and (len(stripped) == 1 or stripped[1] in " \t"):
        return lead + "\\" + stripped if stripped[0] != "+" else line
    digits = len(stripped) - len(stripped.lstrip("0123456789"))
    if 0 < digits <= 9 and stripped[digits : digits + 1] in (".", ")"):
        return lead + stripped[:digits] + "\\" + stripped[digits:]
    return line


def _trimmed(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """The runs without what a paragraph cannot hold: white space at its edges and around its
    line breaks, and blank lines (a blank line would end the paragraph)."""
    chars = [(c, r.bold, r.italic) for r in runs for c in r.text]
    kept: list[tuple[str, bool, bool]] = []
    for i, (c, bold, italic) in enumerate(chars):
        if c in " \t":
            if not kept or kept[-1][0] == "\n":
                continue  # at the start of a line
            j = i
            while j < len(chars) and chars[j][0] in " \t":
                j += 1
            if j == len(chars) or chars[j][0] == "\n":
                continue  # at the end of a line
        elif c == "\n" and (not kept or kept[-1][0] == "\n"):
            continue
        kept.append((c, bold, italic))
    while kept and kept[-1][0] == "\n":
        kept.pop()
    return merged([Run(c, bold, italic) for c, bold, italic in kept])


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith(("P", "S"))


def _flankable(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Runs whose every mark opens and closes as CommonMark reads it. Marks sit between two
    characters; a mark that closes needs no white space before it and, after punctuation,
    white space or punctuation after it; a mark that opens, the same mirrored. Where that
    fails, the formatted character at the edge (white space or punctuation) is made plain and
    the boundary is looked at again."""
    chars: list[tuple[str, bool, bool]] = [(c, r.bold, r.italic) for r in runs for c in r.text]

    def blank(i: int) -> bool:
        return i < 0 or i >= len(chars) or chars[i][0].isspace()

    def punct(i: int) -> bool:
        return 0 <= i < len(chars) and _is_punctuation(chars[i][0])

    changed = True
    while changed:
        changed = False
        for i in range(len(chars) + 1):
            before = (chars[i - 1][1], chars[i - 1][2]) if i > 0 else (False, False)
            after = (chars[i][1], chars[i][2]) if i < len(chars) else (False, False)
            if before == after:
                continue
            closes = (before[0] and not after[0]) or (before[1] and not after[1])
            opens = (after[0] and not before[0]) or (after[1] and not before[1])
            a, b = i - 1, i
            if closes and (blank(a) or (punct(a) and not (blank(b) or punct(b)))):
                chars[a] = (chars[a][0], after[0] and before[0], after[1] and before[1])  # as plain as its neighbour
                changed = True
                break
            if opens and (blank(b) or (punct(b) and not (blank(a) or punct(a)))):
                chars[b] = (chars[b][0], after[0] and before[0], after[1] and before[1])
                changed = True
                break
    return merged([Run(c, bold, italic) for c, bold, italic in chars])
