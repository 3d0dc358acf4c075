"""The document template (page layouts, header and footer, bookmarks) and ``render_plan``."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .. import __version__
from ..domain.model import Plan
from ..domain.planfile import fingerprint as plan_fingerprint
from ..domain.template import LANGUAGES, TEMPLATE
from . import fonts, style
from .context import Context
from .cover import cover_frame, draw_background
from .drawing import fit
from .markup import one_line
from .signoff import SignOff
from .story import build_story
from .texts import texts
from .toc import Contents, Heading, PageTotal, SectionMark

SHORT = 12  # hex digits of the fingerprint printed on every page


class PlanDocument(BaseDocTemplate):
    """Cover page, then body pages with header (account, year, section) and footer (version, page)."""

    def __init__(self, buffer: io.BytesIO, ctx: Context, fingerprint: str, contents: Contents, total: PageTotal,
                 **metadata: object):
        s = ctx.style
        top, right, bottom, left = s.margins
        super().__init__(
            buffer,
            pagesize=s.page_size,
            leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom,
            initialFontName=ctx.fonts.regular,
            initialFontSize=s.size("body"),
            invariant=1,  # no clock and no random document id in the file
            pageCompression=1,
            lang="zh-CN" if ctx.lang.startswith("zh") else "en",
            **metadata,
        )
        no_padding = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        body = Frame(left, bottom, s.frame_width, s.frame_height, id="body", **no_padding)
        cover = Frame(*cover_frame(ctx), id="cover", **no_padding)
        self.addPageTemplates([
            PageTemplate("cover", [cover], onPage=self._cover, onPageEnd=self._footer),
            PageTemplate("body", [body], onPageEnd=self._decorate),
        ])
        self.ctx = ctx
        self.short = fingerprint[:SHORT]
        self.contents = contents
        self.total = total
        self.starts: dict[str, float] = {}
        self.running_title = ""
        t = ctx.texts
        self.header_text = t.plain(t.header(one_line(ctx.plan.account.name), ctx.plan.year))
        self.version_text = t.plain(t.version_line(ctx.plan.version, self.short))

    # ---- what the layout reports back

    def beforeDocument(self) -> None:  # noqa: N802 - ReportLab's names from here on
        self.starts.clear()
        self.running_title = ""
        self.canv.showOutline()

    def afterPage(self) -> None:  # noqa: N802
        self.total.current = self.page

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if isinstance(flowable, Heading):
            level, key, title = flowable.outline
            title = one_line(title)
            self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + flowable.height + 6)
            self.canv.addOutlineEntry(title, key, level, closed=True)
            if flowable.toc is not None:
                self.notify("TOCEntry", (flowable.toc, flowable.toc_markup, self.page, key))
            if level == 0:
                self.running_title = title
        elif isinstance(flowable, SectionMark):
            # Where we are, in pages: the page number plus the share of the frame used so far.
            top = self.ctx.style.page_size[1] - self.ctx.style.margins[0]
            position = self.page + (top - self.frame._y) / self.ctx.style.frame_height
            if flowable.start:
                self.starts[flowable.key] = position
            else:
                span = position - self.starts.get(flowable.key, position)
                self.contents.spans[flowable.key] = round(span, 2)

    # ---- page decorations

    def _cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        draw_background(self.ctx, canvas)

    def _footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        s, t = self.ctx.style, self.ctx.texts
        page_w = s.page_size[0]
        top, right, bottom, left = s.margins
        y = bottom - 12 * 1.0 - s.size("small")
        canvas.saveState()
        canvas.setStrokeColor(s.colour("rule"))
        canvas.setLineWidth(0.5)
        canvas.line(left, bottom - 10, page_w - right, bottom - 10)
        canvas.setFont(self.ctx.fonts.regular, s.size("small"))
        canvas.setFillColor(s.colour("muted"))
        canvas.drawString(left, y, self.version_text)
        # Until the page count is known (first layout pass) the total is the page itself.
        total = self.total.previous or self.page
        canvas.drawRightString(page_w - right, y, t.plain(t.page_of(self.page, total)))
        canvas.restoreState()

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        s = self.ctx.style
        page_w, page_h = s.page_size
        top, right, bottom, left = s.margins
        font, size = self.ctx.fonts.regular, s.size("small")
        y = page_h - top + 12
        room = s.frame_width
        title = fit(self.running_title, font, size, room * 0.4) if self.running_title else ""
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.setFillColor(s.colour("muted"))
        canvas.drawString(left, y, fit(self.header_text, font, size, room * 0.58))
        if title:
            canvas.drawRightString(page_w - right, y, title)
        canvas.setStrokeColor(s.colour("accent"))
        canvas.setLineWidth(0.8)
        canvas.line(left, y - 5, page_w - right, y - 5)
        canvas.restoreState()
        self._footer(canvas, doc)


def _canvas_dated(moment: dt.datetime) -> type[Canvas]:
    """A canvas whose creation and modification dates are the plan version's, not the clock's."""
    stamp = moment.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")

    class DatedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object):
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self.setDateFormatter(lambda *_: stamp)

    return DatedCanvas


def _plan_strings(plan: Plan) -> Iterator[str]:
    account = plan.account
    yield from (account.name, account.industry, account.region, account.manager, plan.currency)
    yield from plan.prose.values()
    for rows in plan.tables.values():
        for row in rows:
            yield from (v for v in row.values.values() if isinstance(v, str))


def _budget_mark(ctx: Context) -> object:
    budgets = {f"s:{s.key}": s.pages[1] for s in TEMPLATE.sections if s.pages[1] > 0}
    colour = ctx.style.hex("warning")
    size = ctx.style.size("small") + 0.5

    def mark(key: str, pages: float | None) -> str:
        budget = budgets.get(key)
        if budget is None or pages is None or pages <= budget:
            return ""
        text = ctx.texts.budget_mark(_pages(pages), _pages(budget))
        return f'&nbsp;&nbsp;&nbsp;<font color="{colour}" size="{size}">{text}</font>'

    return mark


def _pages(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def render_plan(
    plan: Plan,
    *,
    lang: str | None = None,
    signoff: SignOff | None = None,
    generated: dt.datetime | None = None,
) -> bytes:
    """The plan as PDF bytes: the same plan version (and arguments) always gives the same bytes.

    ``lang`` picks the language of the fixed texts (default: the plan's). ``generated`` is
    the moment stamped into the PDF and printed as the version date; by default the moment
    the version was saved, else 1 January of the plan year: never the clock.
    """
    lang = lang or plan.language
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    look = style.load()
    family = fonts.register(look.font_regular, look.font_bold)
    family.keep_unknown_characters(set("".join(_plan_strings(plan))))
    if signoff is not None:
        family.keep_unknown_characters(set(signoff.reviewer + signoff.role + signoff.decision))
    t = texts(lang)
    ctx = Context(plan, lang, look, style.paragraph_styles(look, family.regular, family.bold, lang), t, family)
    fingerprint = plan_fingerprint(plan)
    moment = generated or plan.saved_at or dt.datetime(plan.year, 1, 1)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    contents = Contents([ctx.styles["toc0"], ctx.styles["toc1"]], family.regular, _budget_mark(ctx))
    total = PageTotal()
    story = build_story(ctx, fingerprint, moment.date(), signoff, contents, total)
    account = one_line(plan.account.name)
    buffer = io.BytesIO()
    document = PlanDocument(
        buffer, ctx, fingerprint, contents, total,
        title=t.plain(t.doc_title(account, plan.year)),
        author=one_line(plan.account.manager),
        subject=t.plain(t.doc_subject(plan.year, plan.version, fingerprint)),
        keywords=f"kamplanner; version {plan.version}; sha256:{fingerprint}",
        creator=f"kamplanner {__version__}",
    )
    document.multiBuild(story, canvasmaker=_canvas_dated(moment))
    return buffer.getvalue()
