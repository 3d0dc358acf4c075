"""The plan's tables that show more than one row per record: quadrants, groups, pivots, scores."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable

from reportlab.platypus import CondPageBreak, Flowable

from ..domain import analysis
from ..domain.model import Phase, Record
from ..domain.template import (
    ACTIONS,
    CRITERIA,
    FORECAST,
    LAST_YEAR,
    MEMBERS,
    OPPORTUNITIES,
    QUALIFICATION_QUESTIONS,
    SCORES,
    SHARE,
    STAKEHOLDERS,
    TEMPLATE,
    Cell,
    Column,
    Kind,
    Table,
)
from ..domain.values import format_number, format_value
from .context import Context
from .markup import escape, one_line
from .para import Para
from .tables import Col, Grid, col_index, empty_line, money_decimals, record_table, template_cols
from .texts import markup

# A caption with less room than this below it starts a new page instead of standing alone.
CAPTION_ROOM = 100.0


def table_caption(ctx: Context, markup: str, style: str = "caption") -> list[Flowable]:
    """A caption above a table. Not kept with the table (a long table would then move whole to
    the next page); the conditional break keeps it from ending a page instead."""
    caption = Para(markup, ctx.styles[style])
    caption.keepWithNext = 0
    return [CondPageBreak(CAPTION_ROOM), caption]


def captioned(ctx: Context, title: str, grid: Grid) -> list[Flowable]:
    """A table under its numbered caption; a page it goes on to begins with the caption again,
    "(continued)"."""
    numbered = str(ctx.texts.table(ctx.next_number("table"), markup(title)))
    grid.caption = numbered
    return [*table_caption(ctx, numbered), grid.build()]


# --------------------------------------------------------------------------- strategy


def opportunities(ctx: Context, table: Table) -> list[Flowable]:
    """Numbered rows (the numbers the matrix shows) with each opportunity's quadrant."""
    rows = ctx.plan.rows(table.path)
    if not rows:
        return [empty_line(ctx)]
    quadrants = analysis.opportunity_quadrants(ctx.plan)
    numbers = {row.key: i for i, row in enumerate(rows, 1)}
    # The eight answers stay in the editor; the page shows the score they make.
    cols = template_cols(ctx, table, hide=QUALIFICATION_QUESTIONS)
    cols.insert(0, Col(escape(ctx.texts.row_number()), 0.45, "right", lambda r: str(numbers[r.key]), unwrapped=True))
    probability = 1 + [c.key for c in table.columns].index("probability")
    stage = next((i for i, c in enumerate(cols) if c.key == Cell.stage), None)
    if stage is not None:  # one column: the stage, and under it the score of the answers
        shown = cols[stage].cell

        def stage_cell(row: Record) -> str:
            score = analysis.qualification(row).text()
            return f"{shown(row)} {escape(score)}".strip()

        cols[stage].cell = stage_cell
        cols[stage].unwrapped = False
        cols[stage].header = escape(ctx.texts.qualification())

    def quadrant(row: Record) -> str:
        q = quadrants.get(row.key)
        return f"<b>{escape(q.label(ctx.lang))}</b>" if q else ""

    cols.insert(probability + 1, Col(escape(ctx.texts.quadrant()), 1.6, "left", quadrant, unwrapped=True, most=0.15))
    pipe = analysis.pipeline(ctx.plan)
    value = table.column("value")
    decimals = money_decimals(r.get(Cell.value) for r in rows)
    note = ctx.texts.weighted_pipeline(
        markup(f"<b>{escape(format_number(pipe.weighted, decimals))}</b>"),
        escape(format_number(pipe.total, decimals)),
        pipe.count,
        escape(one_line(ctx.unit)),
    )
    assert value.kind is Kind.MONEY
    stages = table.column(Cell.stage)
    by_stage = [
        f"{escape(stages.choice(key).label(ctx.lang) if key and stages.choice(key) else ctx.texts.plain(ctx.texts.no_stage()))}"
        f" {escape(format_number(part.weighted, decimals))}"
        for key, part in analysis.pipeline_by_stage(ctx.plan).items()
    ]
    if any(r.get(Cell.stage) for r in rows):
        note += " " + ctx.texts.weighted_by_stage(markup(" · ".join(by_stage)))
    return [record_table(ctx, table, cols), Para(note, ctx.styles["note"])]


def share(ctx: Context, table: Table) -> list[Flowable]:
    """Our share of each platform and region, and of the whole account weighted by demand."""
    rows = ctx.plan.rows(table.path)
    if not rows:
        return [empty_line(ctx)]
    cols = template_cols(ctx, table)
    grid = Grid(ctx, cols, caption=escape(ctx.label(table.label)))
    for row in rows:
        grid.add_record(row)
    weighted = analysis.weighted_share(ctx.plan)
    percent = table.column("current_share")
    cells = [c.total for c in cols]
    cells[0] = str(ctx.texts.weighted_share())
    for key, figure in (("current_share", weighted.current), ("target_share", weighted.target)):
        at = col_index(cols, key)
        if at is not None and figure is not None:
            cells[at] = escape(format_value(percent, round(figure, 1), ctx.lang))
    grid.add_total(cells)
    return [grid.build()]


# --------------------------------------------------------------------------- action plan


def _choice_groups(rows: list[Record], column: Column) -> list[tuple[str, list[Record]]]:
    """Rows grouped by a choice column, in the order of its choices; unknown values last."""
    known = [c.key for c in column.choices]
    groups: list[tuple[str, list[Record]]] = []
    for key in known:
        members = [r for r in rows if r.get(column.key) == key]
        if members:
            groups.append((key, members))
    rest = [r for r in rows if r.get(column.key) not in known]
    if rest:
        groups.append(("", rest))
    return groups


def _choice_label(ctx: Context, column: Column, key: str) -> str:
    choice = column.choice(key)
    return escape(ctx.label(choice.label)) if choice else "—"


def flag_late(ctx: Context, cols: list[Col]) -> list[Col]:
    """An action at risk, or open past its due date on the version's date, in the warning colour
    ("overdue" after its date), as the progress report shows them."""
    colour = ctx.style.hex("warning")
    due, status = col_index(cols, Cell.due), col_index(cols, Cell.status)
    carrying_out = ctx.plan.phase is Phase.MONITORING  # (as the dashboard counts them)

    def late(row: Record) -> bool:
        when = row.get(Cell.due)
        return (
            carrying_out
            and ctx.as_of is not None
            and isinstance(when, dt.date)
            and when < ctx.as_of
            and row.get(Cell.status) not in ("done", "dropped")
        )

    if due is not None:
        plain_due = cols[due].cell

        def due_cell(row: Record) -> str:
            text = plain_due(row)
            return (
                f'<font color="{colour}"><b>{text}</b> {ctx.texts.overdue_tag()}</font>' if text and late(row) else text
            )

        cols[due].cell, cols[due].unwrapped = due_cell, False
    if status is not None:
        plain_status = cols[status].cell

        def status_cell(row: Record) -> str:
            text = plain_status(row)
            risky = row.get(Cell.status) == "at_risk" or late(row)
            return f'<font color="{colour}"><b>{text}</b></font>' if text and risky else text

        cols[status].cell = status_cell
    return cols


def actions(ctx: Context, table: Table) -> list[Flowable]:
    """The action items grouped by horizon, then by category."""
    rows = ctx.plan.rows(table.path)
    if not rows:
        return [empty_line(ctx)]
    horizon, category = table.column("horizon"), table.column("category")
    grid = Grid(ctx, flag_late(ctx, template_cols(ctx, table, hide=(horizon.key, category.key))))
    for h_key, in_horizon in _choice_groups(rows, horizon):
        grid.add_group(_choice_label(ctx, horizon, h_key), level=1)
        for c_key, in_category in _choice_groups(in_horizon, category):
            grid.add_group(_choice_label(ctx, category, c_key), level=2)
            for row in in_category:
                grid.add_record(row)
    grid.caption = escape(ctx.label(table.label))
    return [grid.build()]


def actions_by_owner(ctx: Context) -> list[Flowable]:
    """Appendix, action detail: every action item under the team member who owns it."""
    table = TEMPLATE.table(ACTIONS)
    members = ctx.plan.rows(MEMBERS)
    rows = ctx.plan.rows(table.path)
    caption = table_caption(ctx, ctx.texts.actions_by_owner(), "subheading")
    if not rows:
        return [*caption, empty_line(ctx)]
    owner = table.column("owner")
    grid = Grid(ctx, flag_late(ctx, template_cols(ctx, table, hide=(owner.key, "measure"))))
    order = [m.key for m in members]
    by_owner: dict[str, list[Record]] = defaultdict(list)
    for row in rows:
        by_owner[str(row.get(owner.key) or "")].append(row)
    keys = [k for k in order if k in by_owner]
    keys += [k for k in by_owner if k not in order and k]  # owners that are not on the team
    keys += [""] if "" in by_owner else []
    for key in keys:
        member = ctx.plan.row(MEMBERS, key) if key else None
        if member is not None:
            name = escape(member.get(Cell.name) or key)
            function = member.get(Cell.function)
            label = f"{name} · {escape(function)}" if function else name
        else:
            label = escape(key) if key else ctx.texts.no_owner()
        count = ctx.texts.owner_count(len(by_owner[key]))
        grid.add_group(f"{label}　<font color='{ctx.style.hex('muted')}'>{count}</font>")
        for row in by_owner[key]:
            grid.add_record(row)
    grid.caption = str(ctx.texts.actions_by_owner())
    return [*caption, grid.build()]


# --------------------------------------------------------------------------- forecast


def _sum(cells: dict[tuple[str, str, int], float], keys: list[tuple[str, str]], year: int) -> float:
    return math.fsum(cells.get((region, platform, year), 0.0) for region, platform in keys)


def forecast_tables(ctx: Context, table: Table) -> list[Flowable]:
    """Revenue and margin by region and platform (year columns, row and column totals)."""
    plan = ctx.plan
    totals = analysis.forecast_totals(plan)
    years = totals.years
    revenue: dict[tuple[str, str, int], float] = defaultdict(float)
    margin: dict[tuple[str, str, int], float] = defaultdict(float)
    combos: dict[tuple[str, str], None] = {}
    with_margin: set[int] = set()  # years with a margin entered: a blank margin has no rate
    for row in plan.rows(table.path):
        year = row.get(Cell.year)
        if not isinstance(year, int):
            continue
        key = (str(row.get(Cell.region) or ""), str(row.get(Cell.platform) or ""))
        combos.setdefault(key)
        revenue[(*key, year)] += _number(row.get(Cell.revenue))
        margin[(*key, year)] += _number(row.get(Cell.margin))
        if _is_figure(row.get(Cell.margin)):
            with_margin.add(year)
    if not combos:
        return [empty_line(ctx)]
    # Regions in first-seen order, each with its platforms in first-seen order.
    by_region: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in combos:
        by_region[key[0]].append(key)

    decimals = money_decimals(v for row in plan.rows(table.path) for v in (row.get(Cell.revenue), row.get(Cell.margin)))

    def fmt(x: float) -> str:
        return escape(format_number(x, decimals))

    def pivot(cells: dict[tuple[str, str, int], float], year_totals: dict[int, float], grand: float) -> Grid:
        texts = ctx.texts
        cols = [
            Col(escape(ctx.label(table.column("region").label)), 1.7, "left", _none),
            Col(escape(ctx.label(table.column("platform").label)), 2.2, "left", _none),
            *[Col(str(y), 1, "right", _none, unwrapped=True) for y in years],
            Col(str(texts.total()), 1.1, "right", _none, unwrapped=True),
        ]
        grid = Grid(ctx, cols)
        for region, keys in by_region.items():
            for i, (_, platform) in enumerate(keys):
                values = [_sum(cells, [(region, platform)], y) for y in years]
                grid.add(
                    [
                        escape(region or "—") if i == 0 else "",
                        escape(platform or "—"),
                        *map(fmt, values),
                        fmt(math.fsum(values)),
                    ],
                    carry=escape(region or "—"),
                )
            if len(keys) > 1:
                values = [_sum(cells, keys, y) for y in years]
                grid.add_subtotal(["", str(texts.subtotal(region or "—")), *map(fmt, values), fmt(math.fsum(values))])
                grid.carried[len(grid.rows) - 1] = escape(region or "—")
        grid.add_total([str(texts.total()), "", *[fmt(year_totals[y]) for y in years], fmt(grand)])
        return grid

    def percent(value: float | None) -> str:
        return "—" if value is None else f"{value:+.1f}%"

    revenue_grid = pivot(revenue, totals.revenue_by_year, totals.revenue_total)
    growth = analysis.growth_by_year(totals)
    rate = analysis.cagr(totals)
    revenue_grid.add(
        [
            "",
            str(ctx.texts.growth_row()),
            *[percent(growth[y]) for y in years],
            str(ctx.texts.cagr(percent(rate).lstrip("+"))) if rate is not None else "—",
        ],
        keep=True,
    )
    margin_grid = pivot(margin, totals.margin_by_year, totals.margin_total)
    rates = [_rate(totals.margin_by_year[y], totals.revenue_by_year[y]) if y in with_margin else "—" for y in years]
    overall = _rate(totals.margin_total, totals.revenue_total) if with_margin else "—"
    margin_grid.add(["", str(ctx.texts.margin_rate()), *rates, overall], keep=True)

    platform_cols = [
        Col(escape(ctx.label(table.column("platform").label)), 3.9, "left", _none),
        *[Col(str(y), 1, "right", _none, unwrapped=True) for y in years],
        Col(str(ctx.texts.total()), 1.1, "right", _none, unwrapped=True),
    ]
    platform_grid = Grid(ctx, platform_cols)
    for platform in totals.platforms:
        values = [totals.revenue_by_platform_year.get((platform, y), 0.0) for y in years]
        platform_grid.add([escape(platform or "—"), *map(fmt, values), fmt(math.fsum(values))])
    platform_grid.add_total(
        [str(ctx.texts.total()), *[fmt(totals.revenue_by_year[y]) for y in years], fmt(totals.revenue_total)]
    )
    return [
        *captioned(ctx, ctx.texts.forecast_revenue(), revenue_grid),
        *captioned(ctx, ctx.texts.forecast_margin(), margin_grid),
        *captioned(ctx, ctx.texts.forecast_platform(), platform_grid),
    ]


def _none(_row: Record) -> str:
    return ""


def _number(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _is_figure(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _rate(part: float, whole: float) -> str:
    return f"{part / whole * 100:.1f}%" if whole else ""


# --------------------------------------------------------------------------- appendix


def stakeholders(ctx: Context, table: Table) -> list[Flowable]:
    """Decision makers with their attitude change since the last review (e.g. D→B)."""
    cols = template_cols(ctx, table, hide=("previous_attitude",))
    attitude = col_index(cols, Cell.attitude)
    if attitude is not None:  # (the customer's copy has none)
        cols[attitude].cell = lambda row: escape(analysis.attitude_text(row))
        cols[attitude].align = "center"
    return [record_table(ctx, table, cols)]


def competition_matrix(ctx: Context, table: Table) -> list[Flowable]:
    """Criteria with weights, our score and each competitor's, and the weighted totals."""
    criteria = ctx.plan.rows(CRITERIA)
    if not criteria:
        return [empty_line(ctx)]
    scores = analysis.competitive_scores(ctx.plan, us=str(ctx.texts.us()))
    who = list(scores.names)  # "" (us) first, then the competitors in their order
    left_out = max(0, len(who) - 1 - MATRIX_COMPETITORS)
    who = who[: 1 + MATRIX_COMPETITORS]  # a column each: no more than the page's width holds
    score_col = table.column("our_score")
    weight_col = table.column("weight")
    cols = [
        Col(escape(ctx.label(table.column("criterion").label)), 3, "left", _none),
        Col(escape(ctx.label(weight_col.label)), 1, "right", _none, unwrapped=True),
        *[Col(escape(scores.names[k]) if k else str(ctx.texts.us()), 1.1, "right", _none, unwrapped=True) for k in who],
    ]
    grid = Grid(ctx, cols)

    def fmt(value: float | None) -> str:
        return escape(format_value(score_col, value, ctx.lang)) if value is not None else ""

    for criterion in criteria:
        row_scores = scores.by_criterion[criterion.key]
        best = max((v for v in row_scores.values() if v is not None), default=None)
        cells = [fmt(row_scores.get(k)) for k in who]
        cells = [f"<b>{c}</b>" if c and row_scores.get(k) == best else c for c, k in zip(cells, who, strict=True)]
        grid.add(
            [
                escape(criterion.get(Cell.criterion) or ""),
                escape(format_value(weight_col, criterion.get(Cell.weight), ctx.lang)),
                *cells,
            ]
        )
    total_weight = analysis.column_total(ctx.plan, CRITERIA, "weight")
    grid.add_total(
        [
            str(ctx.texts.weighted_score()),
            escape(format_value(weight_col, total_weight, ctx.lang)),
            *[format_number(scores.weighted[k], 2) for k in who],
        ]
    )
    note = [Para(ctx.texts.matrix_left_out(MATRIX_COMPETITORS, left_out), ctx.styles["note"])] if left_out else []
    return [*captioned(ctx, ctx.texts.scores_matrix(), grid), *note]


MATRIX_COMPETITORS = 8  # competitors compared in the scores matrix, beside us


def last_year(ctx: Context, table: Table) -> list[Flowable]:
    """Last year's objectives: target, actual and how much of the target was reached."""

    def attainment(row: Record) -> str:
        target, actual = row.get(Cell.target), row.get(Cell.actual)
        if isinstance(target, (int, float)) and isinstance(actual, (int, float)) and target:
            return escape(f"{actual / target * 100:.0f}%")
        return ""

    cols = template_cols(ctx, table)
    actual = col_index(cols, Cell.actual)
    assert actual is not None  # (shown to every audience)
    cols.insert(actual + 1, Col(escape(ctx.texts.attainment()), 1, "right", attainment, unwrapped=True))
    return [record_table(ctx, table, cols)]


# Tables drawn by a builder of their own; every other table is one row per record.
BUILDERS: dict[str, Callable[[Context, Table], list[Flowable]]] = {
    OPPORTUNITIES: opportunities,
    ACTIONS: actions,
    FORECAST: forecast_tables,
    STAKEHOLDERS: stakeholders,
    SHARE: share,
    CRITERIA: competition_matrix,
    LAST_YEAR: last_year,
}
# Tables whose rows another table already shows (the scores are in the criteria matrix).
SHOWN_ELSEWHERE = frozenset({SCORES})


def table_flowables(ctx: Context, table: Table) -> list[Flowable]:
    builder = BUILDERS.get(table.path)
    if builder is not None:
        return builder(ctx, table)
    return [record_table(ctx, table)]
