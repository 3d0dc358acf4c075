"""The document's Paragraph: what its font lacks goes to the fallback font, Chinese text breaks
into lines by Chinese rules whatever the document's language, and laying it out twice costs once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache

from reportlab.lib.abag import ABag
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import ParaLines, _handleBulletWidth, _split_blParaHard, _split_blParaSimple

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
            style = _wrapping(style, "CJK" if has_wide(markup) else None)
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
