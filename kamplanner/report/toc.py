"""Contents with page numbers and page-budget marks, bookmarks, and the page count for the footer.

These are the flowables that report back to the document template as it lays out pages
(``PlanDocument.afterFlowable``). ``multiBuild`` lays the document out again until the
contents, the budget marks and the page count all stop changing, normally twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.tableofcontents import TableOfContents

if TYPE_CHECKING:
    from .document import PlanDocument


class Heading(Paragraph):
    """A heading that becomes a PDF bookmark and, with ``toc``, an entry in the contents.

    ``outline`` is (level, key, plain title); ``toc`` is the level in the contents, if any.
    The key names the bookmark the contents entry links to.
    """

    def __init__(self, markup: str, style: ParagraphStyle, outline: tuple[int, str, str], toc: int | None = None):
        super().__init__(str(markup), style)
        self.outline = outline
        self.toc = toc
        self.toc_markup = str(markup)


class SectionMark(Flowable):
    """An invisible mark where a section starts or ends, so its length in pages can be measured."""

    width = height = 0

    def __init__(self, key: str, start: bool):
        super().__init__()
        self.key = key
        self.start = start

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        pass


class PageTotal(IndexingFlowable):
    """Keeps laying out until the page count is the same twice, so "page X of Y" is right."""

    def __init__(self) -> None:
        super().__init__()
        self.doc: PlanDocument | None = None
        self.previous = 0
        self.current = 0

    def beforeBuild(self) -> None:  # noqa: N802 - ReportLab's name
        self.previous, self.current = self.current, 0

    def isSatisfied(self) -> bool:  # noqa: N802
        return self.previous == self.current

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        pass


class Contents(TableOfContents):
    """The table of contents; a section that runs past its page budget gets a warning mark.

    Marks come from the section lengths measured in the previous layout pass, like the page
    numbers; the contents is satisfied only when both are the same as last time.
    """

    def __init__(self, levels: list[ParagraphStyle], font: str, mark: callable):  # type: ignore[valid-type]
        super().__init__(
            levelStyles=levels,
            dotsMinLevel=0,
            tableStyle=[
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ],
        )
        self.mark = mark  # (entry key, pages) -> markup to append, or ""
        self.spans: dict[str, float] = {}  # entry key -> pages, filled during a pass
        self._shown: dict[str, float] = {}
        self._plain_last: list[tuple[object, ...]] = []

    def beforeBuild(self) -> None:  # noqa: N802
        super().beforeBuild()
        self._plain_last = list(self._lastEntries)
        self._shown = dict(self.spans)
        self.spans.clear()
        self._lastEntries = [
            (level, text + self.mark(key, self._shown.get(key)), page, key)
            for level, text, page, key in self._plain_last
        ]

    def isSatisfied(self) -> bool:  # noqa: N802
        return self._entries == self._plain_last and self._shown == self.spans
