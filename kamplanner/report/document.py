"""The document template (page layouts, header and footer, bookmarks) and ``render_plan``."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import partial

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .. import __version__
from ..domain import planfile
from ..domain.audience import Audience, for_audience
from ..domain.currency_change import for_edition
from ..domain.cycle import Cycle
from ..domain.diff import ChangesSinceApproval, PlanDiff
from ..domain.model import Plan
from ..domain.planfile import fingerprint as plan_fingerprint
from ..domain.template import LANGUAGES, TEMPLATE
from . import compression as _compression  # noqa: F401  (how the streams are compressed)
from . import fonts, style
from .attachments import Attachment, add_signature_field, attach
from .clip import within_limits
from .context import Context
from .cover import cover_frame, draw_background
from .drawing import draw_string, fit
from .exclusive import one_at_a_time
from .markup import one_line
from .signoff import SIGNATURE_LABEL, SIGNATURE_ROW, SignOff, SignOffTable
from .story import build_story
from .texts import texts
from .toc import Bookmark, ContentsPlace, Entry, Heading, Mark, draw_contents

SHORT = 12  # hex digits of the fingerprint printed on every page


class PlanCanvas(Canvas):
    """A canvas that holds its pages back until the end, then has ``finish`` draw on each what
    needs the whole document (page count, contents, bookmarks) before writing it out.

    Its dates are the plan version's, never the clock's.
    """

    def __init__(self, *args: object, finish: Callable[[Canvas, int, int], None], stamp: str, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._held: list[dict[str, object]] = []
        self._finish = finish
        self.setDateFormatter(lambda *_: stamp)

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        held = self._held
        for number, state in enumerate(held, 1):
            self.__dict__.update(state)
            self._finish(self, number, len(held))
            super().showPage()
        self._held = []
        super().save()


class ReportDocument(BaseDocTemplate):
    """Cover page, then body pages with a header (a title on the left, the running section
    title on the right) and a footer (a line on the left, "page X of Y" on the right); headings
    become bookmarks and contents entries. The plan and the progress report are both one."""

    def __init__(
        self,
        buffer: io.BytesIO,
        ctx: Context,
        *,
        header: str,
        footer: str,
        cover_note: str | None = None,
        content_lang: str | None = None,
        **metadata: object,
    ):
        s = ctx.style
        top, right, bottom, left = s.margins
        super().__init__(
            buffer,
            pagesize=s.page_size,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            initialFontName=ctx.fonts.regular,
            initialFontSize=s.size("body"),
            invariant=1,  # no clock and no random document id in the file
            pageCompression=1,
            # The language of what the pages mostly say: a plan's own text, whatever language
            # its labels are in (an English edition of a Chinese plan is Chinese to a reader).
            lang="zh-CN" if (content_lang or ctx.lang).startswith("zh") else "en",
            **metadata,
        )
        no_padding = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        body = Frame(left, bottom, s.frame_width, s.frame_height, id="body", **no_padding)
        cover = Frame(*cover_frame(ctx), id="cover", **no_padding)
        self.addPageTemplates(
            [
                PageTemplate("cover", [cover], onPage=self._cover),
                PageTemplate("body", [body], onPageEnd=self._header),
            ]
        )
        self.ctx = ctx
        self.header_text = header
        self.version_text = footer
        self.cover_note = cover_note  # the cover's confidentiality note; None: the plan's
        self.running_title = ""
        self.entries: list[Entry] = []
        self.bookmarks: dict[int, list[Bookmark]] = defaultdict(list)
        self.starts: dict[str, float] = {}
        self.spans: dict[str, float] = {}  # section bookmark key -> its length in pages
        self.contents_at: tuple[int, float, float, float] | None = None  # page, x, top, room
        self.signature_at: tuple[int, float, float, float, float] | None = None  # the sign-off's signature row
        self.mark: Callable[[str], str] = _no_mark

    # ---- what the layout reports back

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading) and flowable.outline is not None:
            level, key, title = flowable.outline
            top = self.frame._y + flowable.height + 6
            self.bookmarks[self.page].append(Bookmark(key, level, one_line(title), top))
            if flowable.toc is not None:
                self.entries.append(Entry(flowable.toc, flowable.toc_markup, self.page, key))
            if level == 0:
                self.running_title = one_line(title)
        elif isinstance(flowable, SignOffTable):
            # Its last row is where the reviewer signs: page, and x, y, width, height in points.
            width = self.ctx.width * (1 - SIGNATURE_LABEL)
            x = self.frame._x1 + self.ctx.width * SIGNATURE_LABEL
            self.signature_at = (self.page, x, self.frame._y, width, SIGNATURE_ROW)
        elif isinstance(flowable, ContentsPlace):
            self.contents_at = (self.page, self.frame._x1, self.frame._y + flowable.room, flowable.room)
        elif isinstance(flowable, Mark):
            # Where we are, in pages: the page number plus the share of the frame used so far.
            top = self.ctx.style.page_size[1] - self.ctx.style.margins[0]
            position = self.page + (top - self.frame._y) / self.ctx.style.frame_height
            if flowable.start:
                self.starts[flowable.key] = position
            else:
                self.spans[flowable.key] = round(position - self.starts.get(flowable.key, position), 2)

    def finish_page(self, canvas: Canvas, page: int, pages: int) -> None:
        """What a page gets once the whole document is laid out (see PlanCanvas)."""
        if page == 1:
            canvas.showOutline()
        for mark in self.bookmarks.get(page, ()):
            canvas.bookmarkPage(mark.key, fit="XYZ", top=mark.top)
            canvas.addOutlineEntry(mark.title, mark.key, mark.level, closed=True)
        if self.contents_at is not None and self.contents_at[0] == page:
            _, x, top, room = self.contents_at
            styles = self.ctx.styles
            draw_contents(
                canvas,
                self.entries,
                [styles["toc0"], styles["toc1"]],
                self.ctx.fonts.regular,
                self.mark,
                x,
                top,
                self.ctx.style.frame_width,
                room,
            )
        self._footer(canvas, page, pages)

    # ---- page decorations

    def _cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        draw_background(self.ctx, canvas, self.cover_note)

    def _footer(self, canvas: Canvas, page: int, pages: int) -> None:
        s, t = self.ctx.style, self.ctx.texts
        page_w = s.page_size[0]
        _, right, bottom, left = s.margins
        y = bottom - 12 - s.size("small")
        canvas.saveState()
        canvas.setStrokeColor(s.colour("rule"))
        canvas.setLineWidth(0.5)
        canvas.line(left, bottom - 10, page_w - right, bottom - 10)
        canvas.setFont(self.ctx.fonts.regular, s.size("small"))
        canvas.setFillColor(s.colour("muted"))
        draw_string(canvas, left, y, self.version_text, self.ctx.fonts.regular, s.size("small"))
        if page > 1:  # the cover is not counted aloud
            draw_string(
                canvas,
                page_w - right,
                y,
                t.plain(t.page_of(page, pages)),
                self.ctx.fonts.regular,
                s.size("small"),
                "end",
            )
        canvas.restoreState()

    def _header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        s = self.ctx.style
        page_w, page_h = s.page_size
        top, right, _, left = s.margins
        font, size = self.ctx.fonts.regular, s.size("small")
        y = page_h - top + 12
        room = s.frame_width
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.setFillColor(s.colour("muted"))
        draw_string(canvas, left, y, fit(self.header_text, font, size, room * 0.58), font, size)
        if self.running_title:
            draw_string(canvas, page_w - right, y, fit(self.running_title, font, size, room * 0.4), font, size, "end")
        canvas.setStrokeColor(s.colour("accent"))
        canvas.setLineWidth(0.8)
        canvas.line(left, y - 5, page_w - right, y - 5)
        canvas.restoreState()


class PlanDocument(ReportDocument):
    """The plan: header (account, year, section) and footer (version, fingerprint, page), and
    the files it carries (the plan file and how it was rendered)."""

    def __init__(
        self,
        buffer: io.BytesIO,
        ctx: Context,
        fingerprint: str,
        carried: list[Attachment],
        signature_field: bool = False,
        **metadata: object,
    ):
        t = ctx.texts
        named = ctx.plan.version_label.astuple()
        footer = t.version_only(*named) if ctx.for_customer else t.version_line(*named, fingerprint[:SHORT])
        super().__init__(
            buffer,
            ctx,
            header=t.plain(t.header(one_line(ctx.plan.account.name), ctx.plan.year)),
            footer=t.plain(footer),
            content_lang=ctx.plan.language,
            **metadata,
        )
        self.mark = _budget_mark(ctx, self.spans)
        self.carried = carried
        self.signature_field = signature_field  # a review copy: an empty field for the reviewer's signature

    def finish_page(self, canvas: Canvas, page: int, pages: int) -> None:
        if page == 1 and not self.ctx.for_customer:  # (the customer's copy carries nothing)
            # The whole document is laid out by now: where every heading landed is known.
            attach(canvas, [*self.carried, Attachment(LAYOUT_FILE, self.layout(pages), LAYOUT_DESCRIPTION)])
        if self.signature_field and self.signature_at is not None and self.signature_at[0] == page:
            _, x, y, width, height = self.signature_at
            add_signature_field(canvas, str(self.ctx.texts.signoff.field_name()), (x, y + 2, x + width, y + height - 6))
        if not self.ctx.approved:
            self._draft_mark(canvas)
        super().finish_page(canvas, page, pages)

    def _draft_mark(self, canvas: Canvas) -> None:
        """Across the page, faint: until it is signed off, a version is a draft."""
        s = self.ctx.style
        page_w, page_h = s.page_size
        text = self.ctx.texts.plain(self.ctx.texts.cover.draft_mark())
        size = 110 if self.ctx.lang.startswith("zh") else 96
        canvas.saveState()
        canvas.setFillColor(s.colour("warning"))
        canvas.setFillAlpha(0.07)
        canvas.translate(page_w / 2, page_h / 2)
        canvas.rotate(40)
        canvas.setFont(self.ctx.fonts.bold, size)
        draw_string(canvas, 0, -size / 3, text, self.ctx.fonts.bold, size, "middle")
        canvas.restoreState()

    def layout(self, pages: int) -> bytes:
        """Where each section, part and field starts (domain/comments.py places comments by it)."""
        marks = [
            [page, round(mark.top, 1), mark.key] for page in sorted(self.bookmarks) for mark in self.bookmarks[page]
        ]
        document = {"format": LAYOUT_FORMAT, "format_version": 1, "pages": pages, "marks": marks}
        return (json.dumps(document, ensure_ascii=False) + "\n").encode("utf-8")


def _no_mark(key: str) -> str:
    return ""


def _plan_strings(plan: Plan) -> Iterator[str]:
    account = plan.account
    yield from (account.name, account.industry, account.region, account.manager, plan.currency)
    yield from plan.prose.values()
    for rows in plan.tables.values():
        for row in rows:
            yield from (v for v in row.values.values() if isinstance(v, str))


def _change_strings(changes: ChangesSinceApproval) -> Iterator[str]:
    yield changes.signed_by
    if changes.diff is None:
        return
    yield from (changes.diff.old_label, changes.diff.new_label)
    for _, old, new in changes.diff.account:
        yield from (old, new)
    for change in changes.diff.changes:
        yield from (change.label, change.old_text, change.new_text)
        for cell in change.cells:
            yield from (cell.old, cell.new)


# A section is marked when it runs well past its budget: by more than a quarter and by at least
# half a page. A few lines over (2.2 pages for 2) is ordinary and would only cry wolf.
WELL_PAST = 1.25
HALF_PAGE = 0.5


def well_past(pages: float, budget: float) -> bool:
    return pages > max(budget * WELL_PAST, budget + HALF_PAGE)


def _budget_mark(ctx: Context, spans: dict[str, float]) -> Callable[[str], str]:
    """For a contents entry, the warning to add when its section ran well past its page budget."""
    budgets = {f"s:{s.key}": s.pages[1] for s in TEMPLATE.sections if s.pages[1] > 0}
    colour = ctx.style.hex("warning")
    size = ctx.style.size("small") + 0.5

    def mark(key: str) -> str:
        budget = budgets.get(key)
        pages = spans.get(key)
        if budget is None or pages is None or not well_past(pages, budget):
            return ""
        text = ctx.texts.budget_mark(_pages(pages), _pages(budget))
        return f'&nbsp;&nbsp;&nbsp;<font color="{colour}" size="{size}">{text}</font>'

    return mark


def _pages(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


@one_at_a_time
def prepare(lang: str | None = None) -> None:
    """Load what every render needs (style, fonts, texts), e.g. before worker processes fork.
    (Not the fallback font, which a render loads when a text needs it.)"""
    look = style.load()
    fonts.register_style(look)
    for language in (lang,) if lang else LANGUAGES:
        texts(language).main.doc_kind()


# The files every plan PDF carries (report/attachments.py).
PLAN_FILE = "kamplanner-plan.json"
RENDER_FILE = "kamplanner-render.json"
RENDER_FORMAT = "kamplanner-render"
LAYOUT_FILE = "kamplanner-layout.json"
LAYOUT_FORMAT = "kamplanner-layout"
LAYOUT_DESCRIPTION = "Where each section and field of the plan starts on the pages (kamplanner review-from-pdf)"


def render_record(
    lang: str,
    moment: dt.datetime,
    number: int,
    draft: bool,
    signoff: SignOff | None,
    changes: bool,
    for_review: dt.date | None = None,
) -> bytes:
    """What render_plan used besides the plan file: with it, the PDF alone can be rendered again."""
    block = None
    if signoff is not None:
        day = signoff.date.isoformat() if signoff.date else None
        block = {"reviewer": signoff.reviewer, "role": signoff.role, "date": day, "decision": signoff.decision}
    document = {
        "format": RENDER_FORMAT,
        "format_version": 1,
        "language": lang,
        "generated": moment.astimezone(dt.UTC).isoformat(),
        "version": {"number": number, "draft": draft},
        "signoff": block,
        "changes": changes,
        "for_review": for_review.isoformat() if for_review else None,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def version_made(plan: Plan) -> dt.datetime | None:
    """When the plan's current revision was made a numbered version; None for a draft."""
    return next((v.at for v in reversed(plan.versions) if v.revision == plan.version), None)


@one_at_a_time
def render_plan(
    plan: Plan,
    *,
    lang: str | None = None,
    signoff: SignOff | None = None,
    generated: dt.datetime | None = None,
    changes: PlanDiff | ChangesSinceApproval | None = None,
    for_review: dt.date | None = None,
    cycle: Cycle | None = None,
    audience: Audience = Audience.INTERNAL,
) -> bytes:
    """The plan as PDF bytes: the same plan version (and arguments) always gives the same bytes.

    ``lang`` picks the language of the fixed texts (default: the plan's). ``generated`` is
    the moment stamped into the PDF and printed as the version date; by default the moment
    the version was made (a draft: last saved), else 1 January of the plan year: never the clock. ``changes``
    adds a last part to the appendix listing them (a ChangesSinceApproval also names the
    signed-off version compared with, or says there is none yet). ``for_review`` makes the copy
    sent for review that day: its cover says so, its sign-off has an empty signature field for
    the reviewer's own signing tool, and the appendix ends with the earlier reviews' comments
    in ``cycle`` and what was done about each. The PDF carries the plan file (with ``cycle``, the plan's
    cycle record as well: what the review copy carries, so that it imports whole). One render at a time in a
    process, whatever thread calls it (exclusive.py).
    """
    lang = lang or plan.language
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    look = style.load()
    t = texts(lang)
    fingerprint = plan_fingerprint(plan)  # of the plan as it is, whatever is printed of it
    for_customer = audience is Audience.CUSTOMER
    if for_customer:
        # Made from the customer's copy only, carrying nothing: what is left out cannot leak
        # through a table, a chart, the metadata or an attachment.
        plan, signoff, changes, for_review, cycle = for_audience(plan, audience), None, None, None, None
    carried_plan = planfile.dumps(plan, cycle).encode("utf-8")  # all of it, whatever is printed of it
    plan = for_edition(plan, lang)  # figures in the unit the language counts in: CNY m, not CNY 10k
    printed = within_limits(plan, lambda count: t.plain(t.not_printed(f"{count:,}")))
    plan = printed.plan
    family = fonts.register_style(look)
    family.keep_unknown_characters(set("".join(_plan_strings(plan))))
    if signoff is not None:
        family.keep_unknown_characters(set(signoff.reviewer + signoff.role + signoff.decision))
    if isinstance(changes, PlanDiff):
        changes = ChangesSinceApproval(changes)
    if changes is not None:
        family.keep_unknown_characters(set("".join(_change_strings(changes))))
    moment = generated or version_made(plan) or plan.saved_at or dt.datetime(plan.year, 1, 1)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    ctx = Context(
        plan,
        lang,
        look,
        style.paragraph_styles(look, family.regular, family.bold, lang),
        t,
        family,
        printed.rows_left_out,
        audience,
        approved=signoff is not None,
        as_of=moment.date(),
    )
    comments = cycle.comments if cycle is not None and for_review is not None else []
    if comments:
        family.keep_unknown_characters(set("".join(c.author + c.text + c.answer for c in comments)))
    story = build_story(ctx, fingerprint, moment.date(), signoff, changes, for_review, comments)
    account = one_line(plan.account.name)
    named = plan.version_label
    record = render_record(lang, moment, named.number, named.draft, signoff, changes is not None, for_review)
    carried = [
        Attachment(PLAN_FILE, carried_plan, "The plan file this PDF was rendered from (kamplanner import-json)"),
        Attachment(RENDER_FILE, record, "How kamplanner rendered this PDF from the plan file (kamplanner verify)"),
    ]
    if for_customer:
        carried = []
    buffer = io.BytesIO()
    document = PlanDocument(
        buffer,
        ctx,
        fingerprint,
        carried,
        for_review is not None,
        title=t.plain(t.doc_title(account, plan.year)),
        author=one_line(plan.account.manager),
        subject=t.plain(t.doc_subject(plan.year, *named.astuple(), "" if for_customer else fingerprint)),
        keywords=f"kamplanner; version {named.number}{' draft' if named.draft else ''}"
        + ("; customer version" if for_customer else f"; sha256:{fingerprint}"),
        creator=f"kamplanner {__version__}",
    )
    stamp = moment.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    document.build(story, canvasmaker=partial(PlanCanvas, finish=document.finish_page, stamp=stamp))
    return buffer.getvalue()
