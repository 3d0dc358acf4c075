"""The document's Paragraph: what its font lacks goes to the fallback font, Chinese text breaks
into lines by Chinese rules whatever the document's language, and laying it out twice costs once."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import ParaLines, _handleBulletWidth

from .fonts import with_fallback
from .linebreak import Source, has_wide, split_lines


class Para(Paragraph):
    """Every paragraph of the document is one, so every text, whatever macro or table built its
    markup, has the characters its font has no glyph for (emoji) set in the fallback font.

    Tables wrap each cell once to size the rows and again to draw it, at the same width;
    breaking Chinese text into lines is most of the cost of a page, so the last result is kept.
    """

    _memo: tuple[float, float, object, object, float] | None = None

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

    def _own_text(self, source: Source) -> None:
        """Give a one-style rest its text back, to be broken into lines at another width."""
        if len(self.frags) == 1 and not getattr(self.frags[0], "text", ""):
            self.frags[0].text = source.text[source.starts[source.first] :]
            if hasattr(self.frags[0], "words"):
                del self.frags[0].words
        self._rest = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self._memo
        if memo is not None and memo[0] == availWidth:
            _, self.width, self._wrapWidths, self.blPara, self.height = memo
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            self._memo = (availWidth, self.width, self._wrapWidths, self.blPara, self.height)
        return size


@cache
def _wrapping(style: ParagraphStyle, wrap: str | None) -> ParagraphStyle:
    """The style, or a child of it that wraps lines the other way (made once per style)."""
    if style.wordWrap == wrap:
        return style
    return ParagraphStyle(f"{style.name}-{wrap or 'latin'}", parent=style, wordWrap=wrap)
