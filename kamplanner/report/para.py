"""The document's Paragraph: what its font lacks goes to the fallback font, and laying it out
twice costs once."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from .fonts import with_fallback


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
        super().__init__(markup, style, bulletText, frags, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self._memo
        if memo is not None and memo[0] == availWidth:
            _, self.width, self._wrapWidths, self.blPara, self.height = memo
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            self._memo = (availWidth, self.width, self._wrapWidths, self.blPara, self.height)
        return size
