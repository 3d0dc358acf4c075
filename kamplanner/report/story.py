"""The plan as a list of flowables, in the order of the template: cover, sign-off, contents, sections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Spacer

from ..domain import analysis, audience
from ..domain.comments import ReviewComment, describe_place
from ..domain.diff import ChangesSinceApproval
from ..domain.template import FORECAST, OPPORTUNITIES, STAKEHOLDERS, TEMPLATE, Kind, Part, Prose, Section, Table
from ..domain.values import format_value
from . import charts, markdown, orgchart, records
from .changes import changes_flowables
from .context import Context
from .cover import cover_flowables
from .markup import escape, one_line
from .para import Para
from .signoff import SignOff, signoff_flowables
from .tables import PlanTable
from .texts import markup
from .toc import ContentsPlace, Heading, Mark

FULL_ENOUGH = 0.3  # a page at least this full (of its frame) ends a section; one less full takes the next section too
HEADING_ROOM = 110.0  # points a heading needs below its top, else it starts a new page
PART_ROOM = 170.0  # the same for an appendix part's heading, which has a field heading below


def _caption_chart(title: str, drawing: Flowable | None, ctx: Context, note: str = "") -> list[Flowable]:
    """A chart under its numbered caption, with its note: the three never part over a page."""
    if drawing is None:
        return []
    caption = Para(ctx.texts.figure(ctx.next_number("figure"), markup(title)), ctx.styles["caption"])
    caption.keepWithNext = 1
    out: list[Flowable] = [caption, drawing]  # (a Drawing takes no keepWithNext: a note may go over)
    if note:
        out.append(Para(note, ctx.styles["note"]))
    return [*out, Spacer(1, 6)]


def _matrix(ctx: Context) -> list[Flowable]:
    threshold = analysis.value_threshold(ctx.plan)
    money = TEMPLATE.table(OPPORTUNITIES).column("value")
    note = ctx.texts.matrix_note(format_value(money, round(threshold), ctx.lang), f"{analysis.LIKELY_PROBABILITY:g}")
    return _caption_chart(ctx.texts.matrix_title(), charts.opportunity_matrix(ctx), ctx, note)


def _forecast(ctx: Context) -> list[Flowable]:
    years = ctx.plan.years
    return _caption_chart(ctx.texts.forecast_chart(years[0], years[-1]), charts.forecast_chart(ctx), ctx)


def _stakeholders(ctx: Context) -> list[Flowable]:
    everyone = len(ctx.plan.rows(STAKEHOLDERS))
    shown = orgchart.top_of(orgchart.forest(ctx.plan.rows(STAKEHOLDERS)))[1]
    note = ctx.texts.orgchart_partial(shown, everyone) if shown < everyone else ""
    # (the customer's copy has no attitudes to colour by)
    title = ctx.texts.orgchart_title_plain() if ctx.for_customer else ctx.texts.orgchart_title()
    return _caption_chart(title, orgchart.stakeholder_map(ctx), ctx, note)


# Charts drawn above a table.
CHARTS: dict[str, Callable[[Context], list[Flowable]]] = {
    OPPORTUNITIES: _matrix,
    FORECAST: _forecast,
    STAKEHOLDERS: _stakeholders,
}
# What an appendix part shows before its own fields: the action items again, by owner.
PART_EXTRAS: dict[str, Callable[[Context], list[Flowable]]] = {
    "appendix.action_detail": records.actions_by_owner,
}


def field_flowables(ctx: Context, field: Prose | Table, level: int) -> list[Flowable]:
    """A field's heading and body; level 1 inside a section, 2 inside an appendix part."""
    if isinstance(field, Table) and field.path in records.SHOWN_ELSEWHERE:
        return []
    title = ctx.label(field.label)
    heading = Heading(
        escape(title), ctx.styles["heading" if level == 1 else "subheading"], outline=(level, f"f:{field.path}", title)
    )
    lead: list[Flowable] = [heading]
    body: list[Flowable] = []
    chart: list[Flowable] = []
    if isinstance(field, Prose):
        text = ctx.plan.text(field.path)
        body = markdown.flowables(text, ctx.styles["body"], ctx.styles["list"], ctx.style.colour("accent"))
        body = body or [Para(ctx.texts.empty_text(), ctx.styles["empty"])]
    else:
        if any(c.kind is Kind.MONEY for c in field.columns) and ctx.plan.rows(field.path):
            lead.append(Para(ctx.texts.amounts_in(one_line(ctx.unit)), ctx.styles["unit"]))
        chart = CHARTS.get(field.path, _no_chart)(ctx)
        body = _after_heading(records.table_flowables(ctx, field))
        left_out = ctx.rows_left_out.get(field.path)
        if left_out:
            body.append(Para(ctx.texts.rows_not_printed(f"{left_out:,}"), ctx.styles["note"]))
        if not chart:
            # A heading over a table needs room for the table's header and first rows below
            # it, or both go to the next page: a table never begins with one row at a page's foot.
            return [*keep_with(lead, chart, max(HEADING_ROOM, _opening(ctx, body) + 34)), *body]
    return [*keep_with(lead, chart), *chart, *body]


def _opening(ctx: Context, body: list[Flowable]) -> float:
    """How tall the first table of ``body`` is to its second record row (0 without a table)."""
    table = next((f for f in body if isinstance(f, PlanTable)), None)
    if table is None:
        return 0.0
    table.wrap(ctx.width, ctx.style.frame_height)
    heights = getattr(table, "_rowHeights", None) or []
    return float(sum(heights[:3]))


def _after_heading(body: list[Flowable]) -> list[Flowable]:
    # A caption's own conditional break, right under a heading, could leave the heading alone
    # at the foot of a page; the heading's break already makes the room.
    return body[1:] if body and isinstance(body[0], CondPageBreak) else body


def _no_chart(ctx: Context) -> list[Flowable]:
    return []


def keep_with(lead: list[Flowable], chart: list[Flowable], room: float = HEADING_ROOM) -> list[Flowable]:
    """A heading never ends a page: it moves along with a chart below it (charts do not split),
    and ahead of text or a table it needs ``room`` points below it or starts a new page. It is
    not kept together with text or a table, which would move a long table whole to the next page.
    """
    if not chart:
        for flowable in lead:
            flowable.keepWithNext = 0
    return [CondPageBreak(room), *lead]


def section_flowables(
    ctx: Context,
    section: Section,
    changes: ChangesSinceApproval | None = None,
    comments: Sequence[ReviewComment] = (),
) -> list[Flowable]:
    """A section; the appendix (the section with parts) ends with the changes part when asked,
    and with the earlier reviews' comments and what was done about them when there are some."""
    title = ctx.label(section.label)
    toc_text = str(ctx.texts.section_heading(section.number, title))
    key = f"s:{section.key}"
    out: list[Flowable] = [
        Mark(key, start=True),
        Heading(toc_text, ctx.styles["section"], outline=(0, key, f"{section.number} {title}"), toc=0),
    ]
    out += fields_flowables(ctx, section.fields, 1)
    shown_parts = [p for p in section.parts if any(audience.shows(ctx.audience, f.path) for f in p.fields)]
    for number, part in enumerate(shown_parts, 1):
        out += part_flowables(ctx, section, number, part)
    extra = len(section.parts)
    if changes is not None and section.parts:
        extra += 1
        out += changes_part(ctx, section, extra, changes)
    if comments and section.parts:
        out += comments_part(ctx, section, extra + 1, comments)
    out.append(Mark(key, start=False))
    return out


def part_heading(ctx: Context, section: Section, number: int, title: str, key: str) -> list[Flowable]:
    """An appendix part's heading ("8.2  Account performance"): in the contents and the bookmarks."""
    heading = Heading(
        str(ctx.texts.part_heading(section.number, number, title)),
        ctx.styles["part"],
        outline=(1, key, f"{section.number}.{number} {title}"),
        toc=1,
    )
    return keep_with([heading], [], PART_ROOM)


def part_flowables(ctx: Context, section: Section, number: int, part: Part) -> list[Flowable]:
    path = f"{section.key}.{part.key}"
    out = part_heading(ctx, section, number, ctx.label(part.label), f"p:{path}")
    extra = PART_EXTRAS.get(path)
    if extra is not None:
        out += _after_heading(extra(ctx))
    return out + fields_flowables(ctx, part.fields, 2)


def written(ctx: Context, field: Prose | Table) -> bool:
    return not ctx.plan.is_empty(field.path)


def fields_flowables(ctx: Context, fields: Sequence[Prose | Table], level: int) -> list[Flowable]:
    """The fields the audience sees, in order. Fields not written yet take no heading and page
    of their own: each run of them is one line naming them ("Not written yet: A · B"); the
    customer's copy leaves them out."""
    out: list[Flowable] = []
    waiting: list[str] = []

    def name_waiting() -> None:
        if waiting and not ctx.for_customer:
            out.append(Para(ctx.texts.not_written([escape(n) for n in waiting]), ctx.styles["empty"]))
        waiting.clear()

    for field in fields:
        if not audience.shows(ctx.audience, field.path) or (
            isinstance(field, Table) and field.path in records.SHOWN_ELSEWHERE
        ):
            continue
        if ctx.plan.is_empty(field.path):
            waiting.append(ctx.label(field.label))
            continue
        name_waiting()
        out += field_flowables(ctx, field, level)
    name_waiting()
    return out


def changes_part(ctx: Context, section: Section, number: int, changes: ChangesSinceApproval) -> list[Flowable]:
    """The appendix's last part on request: changes since the last approved version."""
    title = ctx.texts.plain(ctx.texts.changes_title())
    # On a page of its own: a reviewer looks for it, and may print just these pages.
    return [PageBreak(), *part_heading(ctx, section, number, title, "p:changes"), *changes_flowables(ctx, changes)]


def comments_part(ctx: Context, section: Section, number: int, comments: Sequence[ReviewComment]) -> list[Flowable]:
    """The appendix's last part in a review copy: each comment of the earlier reviews, where it
    was, who made it, and what the account manager did about it."""
    t, styles = ctx.texts, ctx.styles
    title = t.plain(t.comments_title())
    out = [
        *part_heading(ctx, section, number, title, "p:comments"),
        Para(t.comments_intro(len(comments)), styles["body"]),
    ]
    for c in comments:
        head = t.comment_head(
            escape(describe_place(c.place, ctx.lang)),
            escape(one_line(c.author) or "?"),
            t.date(c.at.date()) if c.at else "",
            escape(c.status.label(ctx.lang)),
        )
        out.append(Para(head, styles["body"]))
        out.append(Para(escape(c.text).replace("\n", "<br/>"), styles["list"]))
        answer = t.comment_answer(escape(c.answer).replace("\n", "<br/>")) if c.answer else t.comment_no_answer()
        out.append(Para(answer, styles["note"]))
    return out


def build_story(
    ctx: Context,
    fingerprint: str,
    version_date: dt.date,
    signoff: SignOff | None,
    changes: ChangesSinceApproval | None = None,
    submitted: dt.date | None = None,
    comments: Sequence[ReviewComment] = (),
) -> list[Flowable]:
    texts = ctx.texts
    cover = cover_flowables(ctx, version_date, fingerprint, submitted, signoff)
    story: list[Flowable] = [*cover, NextPageTemplate("body"), PageBreak()]
    if not ctx.for_customer:  # the customer signs nothing
        heading = texts.plain(texts.signoff.heading())
        story += [Heading(texts.signoff.heading(), ctx.styles["section"], outline=(0, "signoff", heading))]
        story += signoff_flowables(ctx, fingerprint, signoff, version_date)
        story.append(PageBreak())
    story += [
        Heading(texts.contents(), ctx.styles["section"], outline=(0, "contents", texts.plain(texts.contents()))),
        ContentsPlace(),
    ]
    short_before = False
    for number, section in enumerate(audience.sections(ctx.audience), 1):
        # (the customer's copy has fewer sections, numbered as it shows them)
        section = replace(section, number=number)
        # A section not written yet is one line: it does not take a page of its own, nor
        # leave the section after it one.
        short = not any(written(ctx, f) for f in audience.fields(ctx.audience, section))
        if number == 1:
            story.append(PageBreak())  # (after the contents)
        elif ctx.style.section_starts_new_page and not (short or short_before):
            # A new page, unless the section before left this one less than a quarter full:
            # then this section begins below it rather than leave a page nearly empty.
            story.append(CondPageBreak(ctx.style.frame_height * (1 - FULL_ENOUGH)))
        else:
            story.append(CondPageBreak(HEADING_ROOM))
        short_before = short
        story += section_flowables(ctx, section, changes, comments)
    return story
