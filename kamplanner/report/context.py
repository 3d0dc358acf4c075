"""What every flowable builder needs to know about one render: the plan, language, look and texts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle

from ..domain.audience import Audience
from ..domain.model import Plan
from ..domain.template import Text
from .fonts import FontFamily
from .style import Style
from .texts import Texts


@dataclass(frozen=True, eq=False)
class Context:
    plan: Plan
    lang: str
    style: Style
    styles: dict[str, ParagraphStyle]
    texts: Texts
    fonts: FontFamily
    rows_left_out: dict[str, int] = field(default_factory=dict)  # tables cut to MAX_ROWS (clip.py)
    audience: Audience = Audience.INTERNAL  # the customer's copy leaves out what is internal
    approved: bool = False  # the version printed is signed off: no draft mark, its approval shown
    as_of: dt.date | None = None  # the version's date: open actions due before it are overdue

    # How many figures and tables the document has numbered so far (the story is built in order).
    numbered: dict[str, int] = field(default_factory=dict)

    def next_number(self, kind: str) -> int:
        """The number of the next figure or table ("figure", "table"): 1, 2, 3…"""
        self.numbered[kind] = self.numbered.get(kind, 0) + 1
        return self.numbered[kind]

    @property
    def for_customer(self) -> bool:
        return self.audience is Audience.CUSTOMER

    @property
    def width(self) -> float:
        """The width of the body frame, in points."""
        return self.style.frame_width

    @property
    def unit(self) -> str:
        """The plan's money unit in the document's language: 万元, CNY 10k, 百万美元, USD m."""
        return self.plan.money.label(self.lang)

    def label(self, text: Text) -> str:
        return text(self.lang)
