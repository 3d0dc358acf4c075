"""The plans' Markdown subset, read once for the editor, the PDF and completeness.

The subset is CommonMark's paragraphs, bullet lists ("- ", "* ", and "• " as pasted from Word),
ordered lists ("1. ", "1) "), nested as far as MAX_DEPTH, and inline *emphasis*, **strong** (with
"*" or "_", by CommonMark's delimiter-run rules) and backslash escapes. Nothing else is Markdown
here: headings, quotes, code, links, HTML, entities and "+ " bullets print as typed.

markdown-it-py does the reading, with only those rules on; its tokens carry line numbers, and
the rules wrapped below note where each mark stands, so every node here carries offsets into
the text it was read from (str indices; the editor converts them to UTF-16 units itself).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:  # markdown-it is imported when a text is first parsed, not with the domain
    from markdown_it import MarkdownIt
    from markdown_it.rules_block.state_block import StateBlock
    from markdown_it.rules_inline.state_inline import StateInline
    from markdown_it.token import Token

# A list nests this deep at most; a marker deeper in prints as typed. (markdown-it drops the
# text of blocks nested past its own limit, 20 levels of tokens; this keeps well under it.)
MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class Text:
    """Printed text: ``text`` as the writer sees it, from ``start`` to ``end`` in the source."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Break:
    """A line break inside a paragraph (kept: the writer saw it), at the source's "\\n"."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Emphasis:
    """*Emphasis* or **strong**: the marks around it and what they enclose."""

    strong: bool
    opening: tuple[int, int]  # the opening mark's source range
    closing: tuple[int, int]
    children: tuple[Inline, ...]


Inline: TypeAlias = Text | Break | Emphasis


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int  # the source range of its lines
    end: int
    content: str  # its lines without their indentation, marks still in (as CommonMark reads them)
    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Marker:
    """A list item's marker: "-", "*", "•", or a number and "." or ")"."""

    start: int
    end: int
    ordered: bool
    number: int  # an ordered item's number (0 for a bullet)
    delimiter: str  # the bullet, or the character after the number
    content: int  # where the item's text on that line starts (after the spaces past the marker)


@dataclass(frozen=True, slots=True)
class Item:
    marker: Marker
    blocks: tuple[Block, ...]  # empty for an empty item ("- " alone)


@dataclass(frozen=True, slots=True)
class ListBlock:
    ordered: bool
    first: int  # the first item's number (1 for bullets)
    items: tuple[Item, ...]


Block: TypeAlias = Paragraph | ListBlock


@dataclass(frozen=True, slots=True)
class Document:
    """A prose field as read: its blocks, and flat lists of what an editor colours."""

    source: str
    blocks: tuple[Block, ...]
    markers: tuple[Marker, ...]  # every list marker, in source order
    marks: tuple[tuple[int, int], ...]  # emphasis marks and escaping backslashes, in source order
    spans: tuple[tuple[int, int, bool], ...]  # (start, end, strong) of what each emphasis encloses

    def text(self) -> str:
        """The words as printed, without marks: paragraphs and items on lines of their own."""
        lines: list[str] = []
        for paragraph in paragraphs(self.blocks):
            lines.append("".join(_printed(paragraph.inlines)))
        return "\n".join(lines)

    def segments(self) -> list[Segment]:
        """The source cut where its look changes, each piece with what it is: what an editor
        colours (every character not in a segment is plain text)."""
        edges: dict[int, list[tuple[int, int]]] = {}  # offset -> (role, +1 or -1)
        ranges = [(m.start, m.end, _MARKER) for m in self.markers]
        ranges += [(start, end, _MARK) for start, end in self.marks]
        ranges += [(start, end, _STRONG if strong else _EMPHASIS) for start, end, strong in self.spans]
        for start, end, role in ranges:
            edges.setdefault(start, []).append((role, 1))
            edges.setdefault(end, []).append((role, -1))
        out: list[Segment] = []
        depth = [0, 0, 0, 0]
        offsets = sorted(edges)
        for here, following in pairwise(offsets):
            for role, step in edges[here]:
                depth[role] += step
            if any(depth):
                out.append(Segment(here, following, depth[0] > 0, depth[1] > 0, depth[2] > 0, depth[3] > 0))
        return out


_MARKER, _MARK, _STRONG, _EMPHASIS = range(4)


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    marker: bool  # a list marker
    mark: bool  # an emphasis mark or an escaping backslash: shown, never printed
    strong: bool
    emphasis: bool


def parts(source: str) -> list[int]:
    """Where the text falls into pieces that each read alone as they do in the whole: at a line
    that starts in the first column after a blank line (no item or paragraph goes on across
    that). An editor reads again only the piece that changed."""
    return [0, *(m.end() for m in _PART.finditer(source))]


_PART = re.compile(r"(?<=\n)[ \t]*\n(?=[^ \t\n])")


def paragraphs(blocks: tuple[Block, ...]) -> list[Paragraph]:
    """Every paragraph, those in list items too, in source order."""
    out: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block)
        else:
            for item in block.items:
                out += paragraphs(item.blocks)
    return out


def parse(source: str) -> Document:
    """The blocks of a prose field. Lines end at "\\n" only (domain.text.plain_lines makes them so)."""
    fed = _fed(source)
    starts = _line_starts(source)
    builder = _Builder(source, fed, starts)
    builder.blocks(_markdown().parse(fed))
    return builder.document()


def parse_inline(source: str) -> tuple[Inline, ...]:
    """Text read as one paragraph (no lists): for excerpts set on their own, as in a change list."""
    fed = _fed(source)
    builder = _Builder(source, fed, _line_starts(source))
    tokens = _markdown().parseInline(fed)
    return builder.inlines(tokens[0].content, 0, source.count("\n") + 1)


# Characters that can be markup; a text with any other character has something written.
_MARKUP = frozenset(" \t\n\r-*•_\\.)0123456789")


def has_text(source: str) -> bool:
    """Whether a prose field has anything written: more than white space, list markers and marks."""
    if not source.strip():
        return False
    if not _MARKUP.issuperset(source):
        return True
    return any(not c.isspace() for c in parse(source).text())


def written(source: str) -> str:
    """The words of a prose field as printed (what completeness reads)."""
    return parse(source).text()


def _printed(inlines: tuple[Inline, ...]) -> list[str]:
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Break):
            out.append("\n")
        else:
            out += _printed(node.children)
    return out


# --------------------------------------------------------------------------- the parser


def _fed(source: str) -> str:
    """The text markdown-it reads, offset for offset the source: "+" is no bullet here (it is
    punctuation, as ";" is, to emphasis), "•" is one (as "-" is), and a "\\r" is a space."""
    return source.translate(_FED)


_FED = str.maketrans({"+": ";", "•": "-", "\r": " ", "\0": "\ufffd"})


def _line_starts(source: str) -> list[int]:
    starts = [0]
    at = source.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = source.find("\n", at + 1)
    return starts


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    blocks = ["code", "fence", "blockquote", "hr", "heading", "lheading", "html_block", "reference"]
    inlines = ["backticks", "link", "image", "autolink", "html_inline", "entity"]
    # (text_join would fold escapes into text; "inline" is run here, only where there are marks)
    md.disable([*blocks, *inlines, "text_join", "inline"])
    md.block.ruler.at("list", _list, {"alt": ["paragraph", "reference", "blockquote"]})  # (as it was)
    md.inline.ruler.at("emphasis", _emphasis)
    md.inline.ruler.at("escape", _escape)
    md.inline.ruler.at("newline", _newline)
    return md


def _list(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.level >= 2 * MAX_DEPTH:  # (each level is a list and an item)
        return False
    from markdown_it.rules_block.list import list_block

    return list_block(state, start_line, end_line, silent)


# The inline rules as markdown-it has them, each noting in its tokens' meta where it began.


def _emphasis(state: StateInline, silent: bool) -> bool:
    from markdown_it.rules_inline.emphasis import tokenize as emphasis_rule

    start, before = state.pos, len(state.delimiters)
    if not emphasis_rule(state, silent):
        return False
    for i, delimiter in enumerate(state.delimiters[before:]):
        state.tokens[delimiter.token].meta["at"] = start + i  # one token per "*" or "_"
    return True


def _escape(state: StateInline, silent: bool) -> bool:
    from markdown_it.rules_inline.escape import escape as escape_rule

    start, before = state.pos, len(state.tokens)
    if not escape_rule(state, silent):
        return False
    if not silent and len(state.tokens) > before:
        state.tokens[-1].meta.update(at=start, end=state.pos)
    return True


def _newline(state: StateInline, silent: bool) -> bool:
    from markdown_it.rules_inline.newline import newline as newline_rule

    start, before = state.pos, len(state.tokens)
    if not newline_rule(state, silent):
        return False
    if not silent and len(state.tokens) > before:
        state.tokens[-1].meta.update(at=start, end=state.pos)
    return True


class _Builder:
    """Turns markdown-it's tokens into the nodes above, with offsets into the source."""

    def __init__(self, source: str, fed: str, starts: list[int]):
        self.source = source
        self.fed = fed
        self.starts = starts
        self.markers: list[Marker] = []
        self.marks: list[tuple[int, int]] = []
        self.spans: list[tuple[int, int, bool]] = []
        self.top: tuple[Block, ...] = ()
        self._scanned: dict[int, int] = {}  # per line, where the next marker search starts

    def document(self) -> Document:
        self.marks.sort()
        self.spans.sort()
        return Document(self.source, self.top, tuple(self.markers), tuple(self.marks), tuple(self.spans))

    def line(self, n: int) -> str:
        end = self.starts[n + 1] - 1 if n + 1 < len(self.starts) else len(self.fed)
        return self.fed[self.starts[n] : end]

    def blocks(self, tokens: list[Token]) -> None:
        # A stack of open containers: the document, lists and items, each with its blocks so far.
        stack: list[tuple[Token | None, Marker | None, list[Block] | list[Item]]] = [(None, None, [])]
        paragraph: Token | None = None
        for token in tokens:
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                stack.append((token, None, []))
            elif kind == "list_item_open":
                assert token.map is not None
                stack.append((token, self.marker(token), []))
            elif kind == "paragraph_open":
                paragraph = token
            elif kind == "inline" and paragraph is not None and paragraph.map is not None:
                first, last = paragraph.map
                lines = self._lines(token.content, first, last) if token.content else None
                inlines = self.inlines(token.content, first, last, lines)
                start = self.starts[first]
                end = self.starts[last] - 1 if last < len(self.starts) else len(self.source)
                content = self.content(token.content, lines)
                blocks = stack[-1][2]
                blocks.append(Paragraph(start, end, content, inlines))  # type: ignore[arg-type]
                paragraph = None
            elif kind == "list_item_close":
                _, marker, children = stack.pop()
                assert marker is not None
                stack[-1][2].append(Item(marker, tuple(children)))  # type: ignore[arg-type]
            elif kind in ("bullet_list_close", "ordered_list_close"):
                opening, _, items = stack.pop()
                assert opening is not None
                ordered = kind == "ordered_list_close"
                first_number = int(str(opening.attrs.get("start", 1))) if ordered else 1
                stack[-1][2].append(ListBlock(ordered, first_number, tuple(items)))  # type: ignore[arg-type]
        self.top = tuple(stack[0][2])  # type: ignore[arg-type]

    def marker(self, token: Token) -> Marker:
        # Items that start on one line open outermost first, and a line holds nothing before
        # an item's marker but white space and the markers of the items around it.
        assert token.map is not None
        n = token.map[0]
        text = self.line(n)
        at = self._scanned.get(n, 0)
        while at < len(text) and text[at] in " \t":
            at += 1
        ordered = token.markup in (".", ")")
        end = at + (len(token.info) + 1 if ordered else 1)
        content = end
        while content < len(text) and text[content] in " \t":
            content += 1
        self._scanned[n] = end
        base = self.starts[n]
        marker = Marker(
            base + at,
            base + end,
            ordered,
            int(token.info) if ordered else 0,
            token.markup if ordered else self.source[base + at],
            base + content,
        )
        self.markers.append(marker)
        return marker

    # ---- inline content: offsets in markdown-it's content string, mapped back to the source

    def _lines(self, content: str, first: int, last: int) -> tuple[list[int], list[int], list[int]]:
        """For each line of a paragraph's content: where it starts in the content, how many
        characters lead it that are not the source's (spaces markdown-it made of a tab), and
        where its own characters start in the source."""
        lines = content.split("\n")
        kept = len(lines)
        span = last - first
        # Python's strip() took whole lines of other white space (U+3000) off either end.
        trailing = 0
        while trailing < span - kept and not self.line(last - 1 - trailing).strip():
            trailing += 1
        leading = span - kept - trailing
        at, heads, pads, sources = 0, [], [], []
        for k, text in enumerate(lines):
            n = first + leading + k
            line = self.line(n)
            own = text.lstrip(" \t")
            if k == kept - 1:
                offset = len(line.rstrip()) - len(own.rstrip())
            else:
                offset = len(line) - len(own)
            offset, pad = max(offset, 0), len(text) - len(own)
            while pad and offset and text[pad - 1] == line[offset - 1]:  # white space that is the source's
                pad, offset = pad - 1, offset - 1
            heads.append(at)
            pads.append(pad)
            sources.append(self.starts[n] + offset)
            at += len(text) + 1
        return heads, pads, sources

    def content(self, content: str, lines: tuple[list[int], list[int], list[int]] | None) -> str:
        if not content or lines is None:
            return ""
        _, pads, sources = lines
        out = []
        for k, text in enumerate(content.split("\n")):
            own = len(text) - pads[k]
            out.append(text[: pads[k]] + self.source[sources[k] : sources[k] + own])
        return "\n".join(out)

    def inlines(
        self, content: str, first: int, last: int, lines: tuple[list[int], list[int], list[int]] | None = None
    ) -> tuple[Inline, ...]:
        if not content:
            return ()
        heads, pads, sources = lines or self._lines(content, first, last)
        children: list[Token] = []
        if "*" in content or "_" in content or "\\" in content:
            md = _markdown()
            md.inline.parse(content, md, {}, children)
        else:  # no marks: only its lines' breaks (markdown-it's tokens would be just these)
            from markdown_it.token import Token

            found = -1
            while (found := content.find("\n", found + 1)) >= 0:
                end = found + 1
                while end < len(content) and content[end] in " \t":
                    end += 1
                children.append(Token("softbreak", "br", 0, meta={"at": found, "end": end}))

        def at(offset: int) -> int:
            k = bisect_right(heads, offset) - 1
            column = offset - heads[k]
            return sources[k] + max(column - pads[k], 0)

        # Each open emphasis: its kind, its opening mark (source), and the nodes in it so far.
        stack: list[tuple[bool, tuple[int, int], list[Inline]]] = [(False, (0, 0), [])]
        done = 0  # content offset up to which text is placed

        def text_to(offset: int, before_break: bool = False) -> None:
            nonlocal done
            piece = content[done:offset]
            if before_break:
                piece = piece.rstrip(" \t")
            if piece:
                start = at(done)
                stack[-1][2].append(Text(start, start + len(piece), self.source[start : start + len(piece)]))
            done = max(done, offset)

        for child in children:
            kind = child.type
            if kind in ("em_open", "strong_open"):
                strong = kind == "strong_open"
                begin = child.meta["at"] - (1 if strong else 0)  # a strong opening's token is its inner mark
                text_to(begin)
                mark = (at(begin), at(begin) + (2 if strong else 1))
                self.marks.append(mark)
                stack.append((strong, mark, []))
                done = begin + (2 if strong else 1)
            elif kind in ("em_close", "strong_close"):
                begin = child.meta["at"]
                text_to(begin)
                strong, opening, nodes = stack.pop()
                mark = (at(begin), at(begin) + (2 if strong else 1))
                self.marks.append(mark)
                self.spans.append((opening[1], mark[0], strong))
                stack[-1][2].append(Emphasis(strong, opening, mark, tuple(nodes)))
                done = begin + (2 if strong else 1)
            elif kind == "text_special" and child.content != child.markup:
                # an escaped punctuation character: the backslash is a mark, the character text
                begin = child.meta["at"]
                text_to(begin)
                self.marks.append((at(begin), at(begin) + 1))
                done = begin + 1
            elif kind in ("softbreak", "hardbreak"):
                begin, end = child.meta["at"], child.meta["end"]
                if content[begin] == "\\":  # a backslash at the end of a line
                    text_to(begin)
                    self.marks.append((at(begin), at(begin) + 1))
                    begin += 1
                    done = begin
                text_to(begin, before_break=True)
                stack[-1][2].append(Break(at(begin), at(begin) + 1))
                done = end
        text_to(len(content))
        return tuple(stack[0][2])
