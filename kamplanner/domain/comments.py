"""A reviewer's comments on a plan, made in a PDF reader (sticky notes, highlights with a note,
text boxes) and read back from the PDF: where each sits in the plan, and what became of it.

A plan PDF carries where every section, part and field begins on its pages (the layout: one
mark per heading, in reading order). A comment belongs to the last heading above it: on the
same page higher up, else on an earlier page. The cover is the account's own page; the
contents page is no part of the plan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .languages import Text
from .template import TEMPLATE

MAX_COMMENT = 20_000  # characters of one comment kept (a reader's note is a few lines)
MAX_COMMENTS = 2_000  # comments one PDF may bring
APPENDIX = "appendix"
APPENDIX_EXTRAS = ("changes", "comments")  # parts the PDF adds at the end of the appendix (report/story.py)
COVER = "account"  # the cover shows the account: its comments go to the account page
SIGNOFF = "signoff"


class CommentStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"  # the account manager has replied
    RESOLVED = "resolved"  # done with

    @property
    def label(self) -> Text:
        return {
            CommentStatus.OPEN: Text("待处理", "open"),
            CommentStatus.ANSWERED: Text("已答复", "answered"),
            CommentStatus.RESOLVED: Text("已解决", "resolved"),
        }[self]


@dataclass(frozen=True)
class LayoutMark:
    """Where a heading starts: its page (1 is the cover), the top of it in PDF points from the
    foot of the page, and its key: s:SECTION, p:SECTION.PART, f:FIELD.PATH, signoff, contents."""

    page: int
    top: float
    key: str


@dataclass(frozen=True)
class Place:
    section: str  # a section key, "account" (the cover) or "signoff"
    field: str = ""  # a field's path, a part's (appendix.account_info), or "" for the section itself


@dataclass
class ReviewComment:
    """One comment read from a PDF, kept with the plan's review record."""

    key: str  # the same annotation read twice has the same key (it is added once)
    author: str
    at: dt.datetime | None  # when the reader says it was made
    text: str
    section: str
    field: str
    page: int
    kind: str  # the annotation's kind as the PDF names it: text, highlight, freetext…
    version: int  # the number of the plan version it was made on (0: a draft)
    status: CommentStatus = CommentStatus.OPEN
    answer: str = ""

    @property
    def place(self) -> Place:
        return Place(self.section, self.field)


def layout_marks(layout: dict[str, object]) -> list[LayoutMark]:
    """The marks of a PDF's layout record (what report/document.py writes), the broken ones left out."""
    marks = []
    raw = layout.get("marks")
    for entry in raw if isinstance(raw, list) else []:
        if (
            isinstance(entry, list)
            and len(entry) == 3
            and isinstance(entry[0], int)
            and isinstance(entry[1], (int, float))
            and isinstance(entry[2], str)
        ):
            marks.append(LayoutMark(entry[0], float(entry[1]), entry[2][:200]))
    return marks


def place(marks: Sequence[LayoutMark], page: int, y: float) -> Place | None:
    """The section and field at height ``y`` on ``page``; None outside the plan (the contents
    page, or past its last page)."""
    if page == 1:
        return Place(COVER)
    chosen: LayoutMark | None = None
    for mark in marks:
        if mark.page < page or (mark.page == page and mark.top >= y):
            chosen = mark
        elif mark.page > page:
            break
    last_page = max((m.page for m in marks), default=1)
    if chosen is None or page > last_page + _PAGES_PAST_LAST_MARK:
        return None
    return _place_of(chosen.key)


_PAGES_PAST_LAST_MARK = 40  # a long table may run over many pages after the last heading


def _place_of(key: str) -> Place | None:
    if key == SIGNOFF:
        return Place(SIGNOFF)
    kind, _, path = key.partition(":")
    if kind == "p" and path in APPENDIX_EXTRAS:
        return Place(APPENDIX, "")  # the appendix's own last parts: changes, earlier comments
    section = path.split(".", 1)[0]
    if kind not in ("s", "p", "f") or section not in {s.key for s in TEMPLATE.sections}:
        return None  # the contents page, or a mark this kamplanner does not know
    return Place(section, "" if kind == "s" else path)


def comment_key(fingerprint: str, page: int, rect: Sequence[float], author: str, text: str, made: str) -> str:
    """The identity of a comment: the reviewed version, where it sits, who wrote what, when."""
    where = ",".join(f"{round(v):d}" for v in rect)
    raw = "\x1f".join([fingerprint, str(page), where, author, text, made])
    return "c" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:20]


_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+\-])(\d{2})?'?(\d{2})?'?)?")


def pdf_date(value: str) -> dt.datetime | None:
    """A PDF date ("D:20261202093000+08'00'") as a moment; None when it is not one. A date
    without a time zone is taken as UTC."""
    found = _PDF_DATE.match(value.strip()[:40])
    if not found:
        return None
    year, month, day, hour, minute, second, sign, off_h, off_m = found.groups()
    try:
        zone = dt.UTC
        if sign in ("+", "-"):
            offset = dt.timedelta(hours=int(off_h or 0), minutes=int(off_m or 0))
            zone = dt.timezone(offset if sign == "+" else -offset)
        return dt.datetime(
            int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0), int(second or 0), tzinfo=zone
        )
    except ValueError:
        return None


def clean_comment(text: str) -> str:
    """A comment's text as kept: line breaks kept, other control characters dropped, at most
    MAX_COMMENT characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(c for c in text if c in "\n\t" or c.isprintable())
    return kept.strip()[:MAX_COMMENT]


PLACE_NAMES = {
    COVER: Text("客户概况（封面）", "Account facts (cover)"),
    SIGNOFF: Text("签批页", "Sign-off page"),
}


def describe_place(at: Place, lang: str) -> str:
    """Where a comment sits, as a reader of the plan names it: "3 Business risks › Trends"."""
    if at.section in PLACE_NAMES:
        return PLACE_NAMES[at.section](lang)
    try:
        section = TEMPLATE.section(at.section)
    except KeyError:
        return at.section
    name = f"{section.number} {section.label(lang)}"
    if not at.field:
        return name
    part = next((p for p in section.parts if f"{section.key}.{p.key}" == at.field), None)
    if part is not None:
        return f"{name} › {part.label(lang)}"
    try:
        return f"{name} › {TEMPLATE.field(at.field).label(lang)}"
    except KeyError:
        return name
