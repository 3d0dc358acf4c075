"""The document's Paragraph: what its font lacks goes to the fallback font, Chinese text breaks
into lines by Chinese rules whatever the document's language, and laying it out twice costs once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache

from reportlab.lib.abag import ABag
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.platypus.paragraph import (
    ParaLines,
    _handleBulletWidth,
    _putFragLine,
    _split_blParaHard,
    _split_blParaSimple,
    cleanBlockQuotedText,
    setXPos,
    textTransformFrags,
)
from reportlab.platypus.paraparser import ParaParser

from .fonts import with_fallback
from .linebreak import Source, has_wide, split_lines


class Para(Paragraph):
    """Every paragraph of the document is one, so every text, whatever macro or table built its
    markup, has the characters its font has no glyph for (emoji) set in the fallback font.

    Tables wrap each cell once to size the rows and again to draw it, at the same width;
    breaking Chinese text into lines is most of the cost of a page, so the last result is kept.
    """

    _memo: dict[float, tuple[float, object, object, float]] | None = None

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        bulletText: str | None = None,
        frags: list[object] | None = None,
        **kwargs: object,
    ):
        # (No text but frags: ReportLab splitting a paragraph into parts it parsed already.)
        markup = None if text is None else with_fallback(str(text), style.fontName)
        if markup is not None:
            # The text decides how lines break, not the document's language: a Chinese plan
            # printed with English labels still breaks by Chinese rules.
            wide = has_wide(markup)
            style = _wrapping(style, "CJK" if wide else None)
            if wide and style.name.split("-")[0] in JUSTIFIED and "<u>" not in markup and "<strike>" not in markup:
                style = _justified(style)  # (marks drawn along a line would not follow its spacing)
            if frags is None and "<" not in markup and "&" not in markup:
                # Most of a plan's paragraphs are plain text: their one fragment is the style's,
                # so ReportLab's markup parser (a fifth of a render) is spared them.
                markup = cleanBlockQuotedText(markup)
                if markup:
                    frags = [_plain_fragment(style).clone(text=markup)]
                    textTransformFrags(frags, style)
        super().__init__(markup, style, bulletText, frags, **kwargs)

    _rest: ParaLines | None = None  # the lines of the paragraph this one continues, broken already

    def breakLinesCJK(self, maxWidths):  # type: ignore[no-untyped-def]  # noqa: N802, N803
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        if not self.frags or (hasattr(self, "blPara") and getattr(self, "_splitpara", 0)):
            return super().breakLinesCJK(maxWidths)  # nothing to break, or lines broken already
        self.height = 0
        _handleBulletWidth(self.bulletText, self.style, maxWidths)
        rest = self._rest
        if rest is not None:
            if maxWidths[0] == rest.source.width == maxWidths[-1]:
                return rest  # the rest of a paragraph split at a page's foot, at the same width
            self._own_text(rest.source)
        calc_bounds = getattr(self, "autoLeading", getattr(self.style, "autoLeading", "")) not in ("", "off")
        return split_lines(self.frags, maxWidths, calc_bounds)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """ReportLab's split, and the part for the next page keeps the lines broken here.

        Breaking them again would cost the length of the rest at every page (a paragraph of a
        million characters: minutes); and ReportLab hands a one-style rest its lines as words
        without their text, which this class's line breaking would not see.
        """
        parts = super().split(availWidth, availHeight)
        broken = getattr(self, "blPara", None)
        source = getattr(broken, "source", None)
        if len(parts) != 2 or not isinstance(source, Source) or not isinstance(parts[1], Para):
            return parts
        done = len(parts[0].blPara.lines)  # type: ignore[attr-defined]
        if broken.kind == 0:
            rest = broken.clone(lines=broken.lines[done:])
        else:
            rest = ParaLines(kind=1, lines=broken.lines[done:])
        rest.source = replace(source, first=source.first + done)
        parts[1]._rest = rest
        return parts

    def _get_split_blParaFunc(self):  # type: ignore[no-untyped-def]  # noqa: N802
        # ReportLab hands the part for the next page its fragments, made from every line left:
        # at each page of a long paragraph, which made it cost the square of its length. That
        # part keeps the lines broken here instead (split, above); its fragments are made only
        # if it is ever laid out at another width.
        broken = self.blPara
        if not isinstance(getattr(broken, "source", None), Source):
            return super()._get_split_blParaFunc()
        whole = _split_blParaSimple if broken.kind == 0 else _split_blParaHard

        def fragments(lines: ParaLines, start: int, stop: int) -> list[object]:
            if start == 0:
                return whole(lines, start, stop)
            later = _Later(whole, lines, start, stop)
            return [later]

        return fragments

    def _own_text(self, source: Source) -> None:
        """Give the rest of a split paragraph its fragments, to be broken into lines at another width."""
        if len(self.frags) == 1 and isinstance(self.frags[0], _Later):
            self.frags = self.frags[0].make()
        if len(self.frags) == 1 and not getattr(self.frags[0], "text", ""):
            self.frags[0].text = source.text[source.starts[source.first] :]
            if hasattr(self.frags[0], "words"):
                del self.frags[0].words
        self._rest = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # (by width: a group row spanning a table is measured at its first column's width and
        # at the table's, again at every page)
        memo = self._memo.get(availWidth) if self._memo is not None else None
        if memo is not None:
            self.width, self._wrapWidths, self.blPara, self.height = memo
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            if self._memo is None or len(self._memo) > 3:
                self._memo = {}
            self._memo[availWidth] = (self.width, self._wrapWidths, self.blPara, self.height)
        return size


# Paragraph styles whose Chinese text is set justified, as printed Chinese is: flush at both edges.
JUSTIFIED = frozenset({"body", "list"})


@cache
def _plain_fragment(style: ParagraphStyle) -> ABag:
    """The fragment ReportLab's parser makes of plain text in this style (made once per style)."""
    _, frags, _ = ParaParser().parse("x", style)
    return frags[0]


@cache
def _justified(style: ParagraphStyle) -> ParagraphStyle:
    if style.alignment != TA_LEFT:
        return style
    return ParagraphStyle(f"{style.name}-justified", parent=style, alignment=TA_JUSTIFY)


def _justify_line(tx, offset, extraspace, words, last=0):  # type: ignore[no-untyped-def]
    """ReportLab stretches a justified line at its spaces; a Chinese line has none, so it is
    stretched between its characters instead (PDF character spacing)."""
    text = words[0] if len(words) == 1 else ""
    if last or getattr(words, "hard", False) or not has_wide(text) or len(text) < 2 or extraspace <= 1e-8:
        return _latin_line(tx, offset, extraspace, words, last)
    setXPos(tx, offset)
    tx.setCharSpace(extraspace / (len(text) - 1))
    tx._textOut(text, 1)
    tx.setCharSpace(0)
    setXPos(tx, -offset)
    return offset


def _justify_line_x(tx, offset, line, last=0):  # type: ignore[no-untyped-def]
    """The same for a line of several styles (bold words in it)."""
    text = "".join(getattr(w, "text", "") for w in line.words if not hasattr(w, "cbDefn"))
    simple = last or line.lineBreak or line.extraSpace <= 1e-8 or len(text) < 2 or not has_wide(text)
    if simple or any(hasattr(w, "cbDefn") or getattr(w, "underline", 0) or getattr(w, "strike", 0) for w in line.words):
        return _latin_line_x(tx, offset, line, last)
    tx._x_offset = offset
    setXPos(tx, offset)
    tx.setCharSpace(line.extraSpace / (len(text) - 1))
    _putFragLine(offset, tx, line, last, "left")
    tx.setCharSpace(0)
    setXPos(tx, -offset)
    return None


_latin_line, _latin_line_x = _rl_paragraph._justifyDrawParaLine, _rl_paragraph._justifyDrawParaLineX
_rl_paragraph._justifyDrawParaLine = _justify_line
_rl_paragraph._justifyDrawParaLineX = _justify_line_x


@cache
def _wrapping(style: ParagraphStyle, wrap: str | None) -> ParagraphStyle:
    """The style, or a child of it that wraps lines the other way (made once per style)."""
    if style.wordWrap == wrap:
        return style
    return ParagraphStyle(f"{style.name}-{wrap or 'latin'}", parent=style, wordWrap=wrap)


class _Later(ABag):
    """The fragments of a split paragraph's rest, made when asked for (see Para._get_split_blParaFunc)."""

    def __init__(self, make: Callable[..., list[object]], lines: ParaLines, start: int, stop: int):
        first = lines.lines[start]
        style = first.words[0] if lines.kind == 1 and first.words else lines
        super().__init__(**{k: v for k, v in style.__dict__.items() if k not in ("lines", "words", "text", "kind")})
        self.text = " "  # (ReportLab asks only that there is a fragment)
        self._make = (make, lines, start, stop)

    def make(self) -> list[object]:
        make, lines, start, stop = self._make
        return make(lines, start, stop)
