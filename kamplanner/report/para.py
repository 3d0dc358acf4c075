"""A Paragraph that remembers its line breaks, so laying it out twice costs once."""

from __future__ import annotations

from reportlab.platypus import Paragraph


class Para(Paragraph):
    """Tables wrap each cell once to size the rows and again to draw it, at the same width;
    breaking Chinese text into lines is most of the cost of a page, so the last result is kept.
    """

    _memo: tuple[float, float, object, object, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self._memo
        if memo is not None and memo[0] == availWidth:
            _, self.width, self._wrapWidths, self.blPara, self.height = memo
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            self._memo = (availWidth, self.width, self._wrapWidths, self.blPara, self.height)
        return size
