"""Headings that report where they land, and the contents page filled in once that is known.

The document is laid out once. While it is laid out, headings and section marks tell the
document template their page (``ReportDocument.afterFlowable``); the canvas holds the pages
back, and when the last one is done it draws, on each page, what needed the whole document:
the footer's page count, the contents with page numbers and page-budget marks, and the
bookmarks (``PlanCanvas``). One layout instead of the two or three that ``multiBuild`` needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.tableofcontents import TableOfContents

from .fonts import with_fallback
from .para import Para


class Heading(Para):
    """A heading that becomes a PDF bookmark and, with ``toc``, an entry in the contents.

    ``outline`` is (level, key, plain title); ``toc`` is the level in the contents, if any.
    The key names the bookmark the contents entry links to. (The arguments after ``style``
    are ReportLab's, which it passes when it splits a paragraph; a split part is no heading.)
    """

    def __init__(
        self,
        markup: str | None,
        style: ParagraphStyle,
        bulletText: str | None = None,
        frags: list[object] | None = None,
        *,
        outline: tuple[int, str, str] | None = None,
        toc: int | None = None,
        **kwargs: object,
    ):
        super().__init__(None if markup is None else str(markup), style, bulletText, frags, **kwargs)
        self.outline = outline
        self.toc = toc if outline is not None else None
        # The contents sets the entry in its own paragraph styles, in the same family.
        self.toc_markup = with_fallback(str(markup), style.fontName)


class Mark(Flowable):
    """An invisible mark: where a section starts or ends, or where the contents go."""

    def __init__(self, key: str, start: bool = True):
        super().__init__()
        self.key = key
        self.start = start

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class ContentsPlace(Mark):
    """Where the contents go: it takes the rest of the page, and is filled when the pages are known."""

    def __init__(self) -> None:
        super().__init__("contents")
        self.room = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.room = availHeight
        return availWidth, availHeight


@dataclass
class Entry:
    level: int
    markup: str
    page: int
    key: str


@dataclass
class Bookmark:
    key: str
    level: int
    title: str
    top: float


def draw_contents(
    canvas: Canvas,
    entries: list[Entry],
    levels: list[ParagraphStyle],
    font: str,
    mark: Callable[[str], str],
    x: float,
    top: float,
    width: float,
    room: float,
) -> None:
    """The contents, with dot leaders and page numbers, linked to the sections' bookmarks."""
    toc = TableOfContents(
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
    toc._lastEntries = [(e.level, e.markup + mark(e.key), e.page, e.key) for e in entries]
    _, height = toc.wrapOn(canvas, width, room)
    toc.drawOn(canvas, x, top - height)
