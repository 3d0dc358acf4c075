"""The 6-monthly progress report on the key accounts of the portfolio, as PDF.

Cover, an overview of every key account's plan (two tables: plans and reviews; objectives and
actions), then one short section per key account: progress reviews, objectives with actuals,
stakeholders whose attitude changed, overdue action items and coming milestones. Same style,
fonts, texts and page decorations as the plan; its dates are the report date's, never the clock's.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from functools import partial

from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Spacer

from .. import __version__
from ..domain.cycle import DueItem, ProgressReview
from ..domain.model import Account, Plan
from ..domain.money import restated
from ..domain.progress import HORIZON_MONTHS, AccountProgress, ObjectiveProgress, ProgressReport
from ..domain.template import ACTIONS, FINANCIAL, LANGUAGES, MEMBERS, STAKEHOLDERS, TEMPLATE, Cell
from ..domain.values import format_value
from . import fonts, style
from .context import Context
from .cover import facts_table, title_band
from .document import PlanCanvas, ReportDocument
from .exclusive import one_at_a_time
from .markup import escape, inline_lines, one_line
from .para import Para
from .records import table_caption
from .tables import Col, Grid, cell_markup, empty_line
from .texts import texts
from .toc import Heading


@one_at_a_time
def render_progress_report(report: ProgressReport, *, lang: str = "zh_CN") -> bytes:
    """The report as PDF bytes: the same portfolio and report date always give the same bytes.
    One render at a time in a process, whatever thread calls it (exclusive.py)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    look = style.load()
    family = fonts.register_style(look)
    family.keep_unknown_characters(set("".join(_strings(report))))
    t = texts(lang)
    # The portfolio-wide parts read no plan; the context wants one all the same.
    nobody = Plan(Account(""), report.as_of.year, language=lang)
    ctx = Context(nobody, lang, look, style.paragraph_styles(look, family.regular, family.bold, lang), t, family)
    period = t.plain(t.period_name(report.period.end.year, report.period.half))

    story: list[Flowable] = [*_cover(ctx, report, period), NextPageTemplate("body"), PageBreak()]
    story += _overview(ctx, report)
    for number, account in enumerate(report.accounts, 1):
        # A key account with a plan starts a page; one without is a line, and shares a page.
        story += [PageBreak()] if account.plan is not None else [CondPageBreak(120), Spacer(1, 12)]
        story += _account_section(ctx, report, account, number)

    buffer = io.BytesIO()
    document = ReportDocument(
        buffer,
        ctx,
        header=t.plain(t.progress_header(period)),
        footer=t.plain(t.report_date_line(report.as_of)),
        cover_note=t.plain(t.progress_confidential()),
        title=t.plain(t.progress_doc_title(period)),
        author="kamplanner",
        subject=t.plain(t.period_span(report.period.start, report.period.end)),
        keywords=f"kamplanner; key account progress report; {report.period.start}..{report.period.end}; "
        f"as of {report.as_of}",
        creator=f"kamplanner {__version__}",
    )
    stamp = report.as_of.strftime("D:%Y%m%d000000+00'00'")
    document.build(story, canvasmaker=partial(PlanCanvas, finish=document.finish_page, stamp=stamp))
    return buffer.getvalue()


def _strings(report: ProgressReport) -> Iterator[str]:
    """Every user text the report may print (for characters the font lacks)."""
    for item in report.accounts:
        account = item.account
        yield from (account.name, account.manager)
        if item.signoff is not None:
            yield item.signoff.reviewer
        for review in (*item.earlier_reviews, *item.reviews_in_period, *item.later_reviews):
            yield from (review.reviewer, review.notes)
        plan = item.plan
        if plan is None:
            continue
        for path in (FINANCIAL, STAKEHOLDERS, ACTIONS):
            for row in plan.rows(path):
                yield from (v for v in row.values.values() if isinstance(v, str))
        for member in plan.rows(MEMBERS):
            yield str(member.get(Cell.name) or "")


def _none(_row: object) -> str:
    return ""


def _muted(ctx: Context, markup: str) -> str:
    return f'<font color="{ctx.style.hex("muted")}">{markup}</font>'


def _warning(ctx: Context, markup: str) -> str:
    return f'<font color="{ctx.style.hex("warning")}">{markup}</font>'


# --------------------------------------------------------------------------- cover


def _cover(ctx: Context, report: ProgressReport, period: str) -> list[Flowable]:
    t = ctx.texts
    span = t.period_span(report.period.start, report.period.end)
    monitoring = sum(1 for a in report.accounts if a.monitoring)
    facts = [
        (t.period_label(), f"{escape(period)}<br/>{span}"),
        (t.report_date_label(), t.date(report.as_of)),
        (t.key_accounts_label(), t.key_accounts_value(len(report.accounts), monitoring)),
    ]
    band = title_band(ctx, t.progress_kicker(), t.progress_title(), escape(period), span)
    note = Para(t.progress_basis(HORIZON_MONTHS), ctx.styles["note"])
    return [Spacer(1, 40), band, Spacer(1, 34), facts_table(ctx, facts), Spacer(1, 14), _indented(ctx, note)]


def _indented(ctx: Context, flowable: Flowable) -> Flowable:
    """A flowable on the cover (whose frame is the page's whole width) within the body's margins."""
    from reportlab.platypus import Table, TableStyle

    table = Table([[flowable]], colWidths=[ctx.width], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),  # else ReportLab's default Helvetica
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


# --------------------------------------------------------------------------- overview


def _overview(ctx: Context, report: ProgressReport) -> list[Flowable]:
    t = ctx.texts
    title = t.plain(t.overview())
    out: list[Flowable] = [Heading(t.overview(), ctx.styles["section"], outline=(0, "overview", title))]
    if not report.accounts:
        return [*out, Para(t.no_key_accounts(), ctx.styles["body"])]
    out += [*table_caption(ctx, t.overview_plans()), _plans_table(ctx, report)]
    out += [*table_caption(ctx, t.overview_progress()), _progress_table(ctx, report)]
    return out


def _plans_table(ctx: Context, report: ProgressReport) -> Flowable:
    t = ctx.texts
    grid = Grid(
        ctx,
        [
            Col(str(t.account_column()), 3, "left", _none),
            Col(str(t.plan_year_column()), 1, "right", _none, unwrapped=True),
            Col(str(t.phase_column()), 2.6, "left", _none),
            Col(str(t.version_column()), 1, "right", _none, unwrapped=True),
            Col(str(t.signed_column()), 1.5, "left", _none),
            Col(str(t.completeness_column()), 1, "right", _none, unwrapped=True),
            Col(str(t.last_review_column()), 1.5, "left", _none, unwrapped=True),
            Col(str(t.next_review_column()), 1.5, "left", _none),
        ],
    )
    dash = _muted(ctx, "—")
    for item in report.accounts:
        name = escape(one_line(item.account.name))
        plan, summary = item.plan, item.summary
        if plan is None or summary is None:
            grid.add([name, _muted(ctx, str(t.no_plan())), dash, dash, dash, dash, dash, dash])
            continue
        signed = (
            str(t.signed_value(item.signoff.number, item.signoff.date.isoformat()))
            if item.signoff is not None
            else _muted(ctx, str(t.not_signed()))
        )
        last = item.last_review.date.isoformat() if item.last_review is not None else dash
        grid.add(
            [
                name,
                str(plan.year),
                str(t.phase_value(int(plan.phase), plan.phase.label(ctx.lang))),
                str(t.version_value(*plan.version_label.astuple())),
                signed,
                f"{summary.completeness}%",
                last,
                _next_review(ctx, item) or dash,
            ]
        )
    return grid.build()


def _next_review(ctx: Context, item: AccountProgress) -> str:
    if item.next_review is None:
        return ""
    day = item.next_review.isoformat()
    if item.review_overdue:
        return _warning(ctx, f"{day}<br/>{ctx.texts.overdue_tag()}")
    return day


def _progress_table(ctx: Context, report: ProgressReport) -> Flowable:
    t = ctx.texts
    grid = Grid(
        ctx,
        [
            Col(str(t.account_column()), 2.6, "left", _none),
            Col(str(t.objectives_column()), 5, "left", _none),
            Col(str(t.overdue_column()), 1.2, "right", _none),
            Col(str(t.milestones_column(HORIZON_MONTHS)), 1.8, "left", _none, unwrapped=True, most=0.2),
        ],
    )
    dash = _muted(ctx, "—")
    for item in report.accounts:
        name = escape(one_line(item.account.name))
        if item.plan is None:
            grid.add([name, _muted(ctx, str(t.no_plan())), dash, dash])
            continue
        pctx = dataclasses.replace(ctx, plan=item.plan)
        lines = [_objective_line(pctx, o) for o in item.objectives if o.actual is not None]
        objectives = "<br/>".join(lines) if lines else _muted(ctx, str(t.no_actuals()))
        overdue = (_warning(ctx, f"<b>{len(item.overdue)}</b>") if item.overdue else "0") if item.monitoring else dash
        next_due = item.milestones[0].due.isoformat() if item.milestones else ""
        milestones = str(t.milestone_count(len(item.milestones), next_due))
        grid.add([name, objectives, overdue, milestones])
    return grid.build()


def _objective_label(ctx: Context, objective: ObjectiveProgress) -> str:
    row = objective.row
    label = row.get(Cell.label)
    if isinstance(label, str) and label.strip():
        return label
    return format_value(TEMPLATE.table(FINANCIAL).column("metric"), row.get(Cell.metric), ctx.lang) or row.key


def _number(ctx: Context, value: float | None) -> str:
    return format_value(TEMPLATE.table(FINANCIAL).column("target"), value, ctx.lang)


def _attainment(objective: ObjectiveProgress) -> str:
    value = objective.attainment
    return "" if value is None else f"{value:.0f}%"


def _in_edition(ctx: Context, objective: ObjectiveProgress, value: object) -> tuple[str, str]:
    """A figure of the objective and its unit as this edition shows them (万元 reads CNY m in English)."""
    figure = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    unit = objective.row.get(Cell.unit)
    if not isinstance(unit, str) or not unit.strip():
        return _number(ctx, figure), ""
    shown, label = restated(figure, unit, ctx.lang)
    return _number(ctx, shown), label


def _objective_line(ctx: Context, objective: ObjectiveProgress) -> str:
    actual, _ = _in_edition(ctx, objective, objective.actual)
    target, unit = _in_edition(ctx, objective, objective.target)
    target = f"{target or '—'} {unit}".strip()
    return str(ctx.texts.objective_line(_objective_label(ctx, objective), actual, target, _attainment(objective)))


# --------------------------------------------------------------------------- one key account


def _account_section(ctx: Context, report: ProgressReport, item: AccountProgress, number: int) -> list[Flowable]:
    t, styles = ctx.texts, ctx.styles
    name = one_line(item.account.name) or "—"
    key = f"a{number}"
    out: list[Flowable] = [Heading(escape(name), styles["section"], outline=(0, key, name))]
    plan = item.plan
    if plan is None:
        return [*out, Para(t.account_without_plan(), styles["body"])]
    pctx = dataclasses.replace(ctx, plan=plan)
    lines = [
        str(
            t.account_facts(
                plan.year,
                *plan.version_label.astuple(),
                int(plan.phase),
                plan.phase.label(ctx.lang),
                one_line(plan.account.manager),
            )
        )
    ]
    signoff = item.signoff
    if signoff is not None:
        lines.append(str(t.signed_line(signoff.number, signoff.date, one_line(signoff.reviewer))))
    else:
        lines.append(str(t.unsigned_line()))
    if item.next_review is not None:
        line = str(t.next_review_line(item.next_review, item.review_overdue))
        lines.append(_warning(ctx, line) if item.review_overdue else line)
    out.append(Para("<br/>".join(lines), styles["body"]))
    if not item.monitoring:
        out.append(Para(t.not_monitoring(), styles["note"]))
    out += _subheading(ctx, key, "reviews", t.reviews_heading())
    out += _reviews(pctx, report, item)
    out += _subheading(ctx, key, "objectives", t.objectives_heading())
    out += _objectives(pctx, item)
    out += _subheading(ctx, key, "attitudes", t.attitudes_heading())
    out += _attitudes(pctx, item)
    out += _subheading(ctx, key, "actions", t.actions_heading())
    out += _actions(pctx, report, item)
    return out


def _subheading(ctx: Context, key: str, part: str, markup: str) -> list[Flowable]:
    title = ctx.texts.plain(markup)
    heading = Heading(str(markup), ctx.styles["heading"], outline=(1, f"{key}:{part}", title))
    heading.keepWithNext = 1
    return [heading]


def _reviews(ctx: Context, report: ProgressReport, item: AccountProgress) -> list[Flowable]:
    t = ctx.texts
    out: list[Flowable] = []
    if not item.reviews_in_period:
        out.append(Para(t.no_review_in_period(), ctx.styles["empty"]))
    if not (item.reviews_in_period or item.earlier_reviews or item.later_reviews):
        return out
    grid = Grid(
        ctx,
        [
            Col(str(t.date_column()), 1.2, "left", _none, unwrapped=True),
            Col(str(t.reviewer_column()), 1.2, "left", _none),
            Col(str(t.notes_column()), 5, "left", _none),
            Col(str(t.actuals_column()), 2.4, "left", _none),
        ],
    )
    if item.reviews_in_period:
        grid.add_group(str(t.reviews_in_period(t.period_span(report.period.start, report.period.end))))
        for review in item.reviews_in_period:
            grid.add(_review_cells(ctx, review))
    if item.earlier_reviews:
        grid.add_group(str(t.reviews_earlier()))
        for review in item.earlier_reviews:
            grid.add(_review_cells(ctx, review))
    if item.later_reviews:
        grid.add_group(str(t.reviews_later(t.date(report.as_of))))
        for review in item.later_reviews:
            grid.add(_review_cells(ctx, review))
    out.append(grid.build())
    return out


def _review_cells(ctx: Context, review: ProgressReview) -> list[str]:
    rows = {row.key: row for row in ctx.plan.rows(FINANCIAL)}
    actuals = []
    for key, value in sorted(review.actuals.items(), key=lambda kv: _row_order(ctx, kv[0])):
        row = rows.get(key)
        label = _objective_label(ctx, ObjectiveProgress(row, None, None, None)) if row is not None else key
        actuals.append(f"{escape(label)} {escape(_number(ctx, value))}")
    return [
        review.date.isoformat(),
        escape(one_line(review.reviewer)),
        str(inline_lines(review.notes)),
        "<br/>".join(actuals),
    ]


def _row_order(ctx: Context, key: str) -> tuple[int, str]:
    keys = [row.key for row in ctx.plan.rows(FINANCIAL)]
    return (keys.index(key) if key in keys else len(keys), key)


def _objectives(ctx: Context, item: AccountProgress) -> list[Flowable]:
    t = ctx.texts
    if not item.objectives:
        return [empty_line(ctx)]
    table = TEMPLATE.table(FINANCIAL)

    def label(key: str) -> str:
        return escape(ctx.label(table.column(key).label))

    # Before any actual is recorded (a plan not yet carried out) the actual columns would be empty.
    with_actuals = any(o.actual is not None for o in item.objectives)
    cols = [
        Col(label("label"), 3.4, "left", _none),
        Col(label("unit"), 0.9, "left", _none, unwrapped=True, most=0.14),
        Col(label("last_actual"), 1.2, "right", _none, unwrapped=True),
        Col(label("target"), 1.2, "right", _none, unwrapped=True),
    ]
    if with_actuals:
        cols += [
            Col(str(t.actual_column()), 1.3, "right", _none, unwrapped=True),
            Col(str(t.as_of_column()), 1.3, "left", _none, unwrapped=True),
            Col(str(t.attainment()), 1, "right", _none, unwrapped=True),
        ]
    grid = Grid(ctx, cols)
    for objective in item.objectives:
        row = objective.row
        last, unit = _in_edition(ctx, objective, row.get(Cell.last_actual))
        target, _ = _in_edition(ctx, objective, objective.target)
        actual, _ = _in_edition(ctx, objective, objective.actual)
        cells = [
            escape(_objective_label(ctx, objective)),
            escape(one_line(unit or str(row.get(Cell.unit) or ""))),
            escape(last),
            escape(target),
        ]
        if with_actuals:
            cells += [
                f"<b>{escape(actual)}</b>" if objective.actual is not None else "",
                objective.actual_on.isoformat() if objective.actual_on else "",
                _attainment(objective),
            ]
        grid.add(cells)
    out: list[Flowable] = [grid.build()]
    if not with_actuals:
        out.insert(0, Para(t.no_actuals(), ctx.styles["empty"]))
    return out


def _attitudes(ctx: Context, item: AccountProgress) -> list[Flowable]:
    t = ctx.texts
    if not item.attitude_changes:
        return [Para(t.no_attitude_changes(), ctx.styles["empty"])]
    table = TEMPLATE.table(STAKEHOLDERS)
    attitude = table.column("attitude")
    grid = Grid(
        ctx,
        [
            Col(escape(ctx.label(table.column("name").label)), 1.6, "left", _none),
            Col(escape(ctx.label(table.column("title").label)), 2.6, "left", _none),
            Col(escape(ctx.label(table.column("role").label)), 1.6, "left", _none),
            Col(str(t.attitude_change_column()), 2.4, "left", _none),
            Col(str(t.trend_column()), 1, "left", _none, unwrapped=True),
        ],
    )
    for change in item.attitude_changes:
        row = change.row
        before = escape(format_value(attitude, change.before, ctx.lang))
        now = escape(format_value(attitude, change.now, ctx.lang))
        colour = ctx.style.hex("added" if change.better else "removed")
        grid.add(
            [
                escape(one_line(row.get(Cell.name) or "")),
                escape(one_line(row.get(Cell.title) or "")),
                cell_markup(ctx, table.column("role"), row.get(Cell.role)),
                f"{before} → <b>{now}</b>",
                f'<font color="{colour}">{t.trend(change.better)}</font>',
            ]
        )
    return [grid.build()]


def _actions(ctx: Context, report: ProgressReport, item: AccountProgress) -> list[Flowable]:
    t = ctx.texts
    if not item.overdue and not item.milestones:
        return [Para(t.nothing_due(HORIZON_MONTHS), ctx.styles["empty"])]
    table = TEMPLATE.table(ACTIONS)

    def col(key: str, width: float, align: str = "left", unwrapped: bool = False) -> Col:
        return Col(escape(ctx.label(table.column(key).label)), width, align, _none, unwrapped=unwrapped)

    grid = Grid(
        ctx,
        [
            col("due", 1.2, unwrapped=True),
            col("description", 5),
            col("owner", 1.4),
            col("status", 1.1, unwrapped=True),
            col("milestone", 0.8, "center", unwrapped=True),
        ],
    )

    def add(due: DueItem, overdue: bool) -> None:
        row = due.row
        day = due.due.isoformat()
        grid.add(
            [
                _warning(ctx, day) if overdue else day,
                cell_markup(ctx, table.column("description"), row.get(Cell.description)),
                cell_markup(ctx, table.column("owner"), row.get(Cell.owner)),
                cell_markup(ctx, table.column("status"), row.get(Cell.status)),
                "✓" if due.milestone else "",
            ]
        )

    if item.overdue:
        grid.add_group(str(t.overdue_group(len(item.overdue))))
        for due in item.overdue:
            add(due, True)
    if item.milestones:
        grid.add_group(str(t.milestones_group(HORIZON_MONTHS, report.horizon.isoformat())))
        for due in item.milestones:
            add(due, False)
    return [grid.build()]
