"""Record tables as ReportLab tables: typed columns, totals and group rows; empty means one line.

Columns come from the template: their kind decides alignment and formatting (numbers
right-aligned with thousands separators), their width hint the share of the page width.
Long tables split across pages with the header repeated; a cell taller than a page splits too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, TableStyle
from reportlab.platypus import Table as RLTable

from ..domain.analysis import column_total
from ..domain.audience import columns as audience_columns
from ..domain.model import Record, Value
from ..domain.money import unit_label
from ..domain.template import Cell as CellName
from ..domain.template import Column, Kind, Table
from ..domain.values import format_number, format_value
from .context import Context
from .drawing import width as text_width
from .fonts import runs
from .linebreak import break_points, has_wide
from .markup import escape, inline_lines
from .para import Para
from .texts import Texts

NUMERIC = (Kind.NUMBER, Kind.MONEY, Kind.PERCENT, Kind.INTEGER, Kind.YEAR)
CENTRED = (Kind.FLAG,)
# Kinds whose values read badly when wrapped ("2026-03-\n31"): their columns get at least the
# width of their widest value. A choice label may still wrap when it is long.
UNWRAPPED = (*NUMERIC, Kind.DATE, Kind.FLAG, Kind.CHOICE)
PADDING = 4.0  # left and right, in points
_LATIN_WORD = re.compile(r"[A-Za-z][\w'’.\-]{5,}")  # words long enough to be worth not breaking

Cell = Callable[[Record], str]


@dataclass
class Col:
    """A column as the PDF shows it: header, width hint, alignment and how a row fills it."""

    header: str
    width: float
    align: str  # "left", "right" or "center"
    cell: Cell
    total: str = ""  # markup for the totals row, if the column has a total
    unwrapped: bool = False  # widen the column to its widest value rather than wrap
    long_below: bool = False  # a very long value goes under its row, across the table (free-text notes)
    most: float = 0.25  # ...but to no more than this share of the table's width
    key: str = ""  # the template column it shows, if it is one


def align_of(column: Column) -> str:
    if column.kind in NUMERIC:
        return "right"
    return "center" if column.kind in CENTRED else "left"


def cell_markup(ctx: Context, column: Column, value: Value) -> str:
    """One value as cell markup: references show the row they point to, text keeps its lines."""
    if value is None or value == "":
        return ""
    if column.kind in (Kind.REF, Kind.REFS):
        return escape(ctx.plan.shown_ref(column.ref or "", column.kind, value, ctx.lang))
    if column.key == CellName.unit and column.kind is Kind.TEXT:
        return escape(unit_label(str(value), ctx.lang))  # 万元 reads CNY 10k in English
    if column.kind in (Kind.TEXT, Kind.LONGTEXT):
        return inline_lines(str(value))
    return escape(format_value(column, value, ctx.lang))


def money_decimals(values: Iterable[object]) -> int:
    """One number of decimals for a column of money figures, so they line up: none when every
    figure is whole, else as many as the most precise needs, up to two (12.5 and 20.0 in CNY m)."""
    needed = 0
    for value in values:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            needed = max(needed, next((d for d in (0, 1) if abs(round(value, d) - value) < 1e-9), 2))
    return needed


def _money(value: float, decimals: int) -> str:
    return format_number(value, decimals)


def template_col(ctx: Context, table: Table, column: Column) -> Col:
    total = ""
    if column.kind in (Kind.MONEY, Kind.NUMBER):
        # One number of decimals down a column, so the figures line up (124.0 over 39.7).
        decimals = money_decimals(r.get(column.key) for r in ctx.plan.rows(table.path))
        if column.total:
            total = escape(_money(column_total(ctx.plan, table.path, column.key), decimals))

        def cell(row: Record, c: Column = column) -> str:
            value = row.get(c.key)
            return escape(_money(float(value), decimals)) if isinstance(value, (int, float)) else ""
    else:
        if column.total:
            total = escape(format_value(column, column_total(ctx.plan, table.path, column.key), ctx.lang))

        def cell(row: Record, c: Column = column) -> str:
            return cell_markup(ctx, c, row.get(c.key))

    return Col(
        header=escape(ctx.label(column.label)),
        width=column.width,
        align=align_of(column),
        cell=cell,
        total=total,
        unwrapped=column.kind in UNWRAPPED,
        most=0.15 if column.kind is Kind.CHOICE else 0.25,  # (a long choice label wraps rather than crowd text)
        key=column.key,
        long_below=column.kind is Kind.LONGTEXT,
    )


def col_index(cols: Sequence[Col], key: str) -> int | None:
    """Where the column showing template column ``key`` is; None when it is not shown."""
    return next((i for i, c in enumerate(cols) if c.key == key), None)


def template_cols(ctx: Context, table: Table, hide: Iterable[str] = ()) -> list[Col]:
    """The table's columns as the document's audience sees them, but for ``hide``."""
    hidden = set(hide)
    return [template_col(ctx, table, c) for c in audience_columns(ctx.audience, table) if c.key not in hidden]


MIN_ROWS_OVER = 3  # a table continued on the next page takes at least this many rows there
# A long table is laid out a part of this many rows at a time, each part made when the page
# before has been filled: ReportLab lays out the whole rest of a table again at every page it
# splits, which made a table of a thousand rows take seconds (the cost grew with its square).
PART_ROWS = 100  # more than a page holds (a row is at least one line of text: ~16 points)


class PlanTable(RLTable):
    """A table that splits between rows, and inside a row only when the row is taller than a page.

    ReportLab's splitInRow would also cut a row that merely does not fit at the foot of a page,
    leaving half a stakeholder on each; here such a row moves to the next page whole.
    """

    page_room = 0.0  # the height of an empty frame
    # Given the index (in the whole table) of the first row not placed on this page, the rest as
    # a table that begins with the groups it continues, "(continued)"; None to keep ReportLab's
    # own rest.
    resume: Callable[[int], PlanTable] | None = None
    first = 1  # the index in the whole table of this part's first row after its ``lead``
    lead = 1  # rows this part begins with that are not the whole table's next: header, groups
    more = False  # whether rows of the whole table follow this part's last
    handed_over = False  # this split's parts are another part's (see _split)
    caption: Callable[[], Flowable] | None = None  # the table's title, "(continued)", over each later part

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width, height = super().wrap(availWidth, availHeight)
        # A part with more rows after it never ends on this page: the frame splits it, and
        # the split makes the next part.
        return width, max(height, availHeight + 1) if self.more else height

    def split(self, availWidth: float, availHeight: float) -> list[object]:  # noqa: N803 - ReportLab's names
        self.handed_over = False
        parts = self._split(availWidth, availHeight)
        if self.handed_over:
            return parts
        if self.more and parts and parts[0] is self:  # the part fits whole after all: go on below it
            self.more = False
            assert self.resume is not None
            return [self, self.resume(self.first + len(self._cellvalues) - self.lead)]
        head = self.repeatRows if isinstance(self.repeatRows, int) else 0
        if (
            len(parts) >= 2
            and self.first == 1
            and self.lead == 1
            and not self.splitInRow
            and len(parts[0]._cellvalues) - head < 2  # type: ignore[attr-defined]
            and len(self._cellvalues) - head >= 3
            and availHeight < self.page_room * 0.5
        ):
            return []  # a table does not begin with one row at a page's foot: all of it goes on
        if len(parts) == 2 and not self.splitInRow and not self.more:
            # No widow: when one row (or a row and the total) would go over alone, rows from
            # this page go with it, as long as this page keeps a few of its own.
            head = self.repeatRows if isinstance(self.repeatRows, int) else 0
            here = len(parts[0]._cellvalues) - head  # type: ignore[attr-defined]
            over = len(parts[1]._cellvalues) - head  # type: ignore[attr-defined]
            if over < MIN_ROWS_OVER and here >= MIN_ROWS_OVER + 2:
                moved = sum(self._rowHeights[head + here - (MIN_ROWS_OVER - over) : head + here])
                better = self._split(availWidth, availHeight - moved - 0.01)
                if len(better) == 2:
                    # The room left below is not for the rest of this table.
                    parts = [better[0], PageBreak(), better[1]]
        if len(parts) >= 2 and self.resume is not None:
            placed = len(parts[0]._cellvalues)  # type: ignore[attr-defined]
            last = parts[0]._cellvalues[-1]  # type: ignore[attr-defined]
            # (a row cut in two has new cells; one placed whole, the table's own)
            cut = self.splitInRow and any(a is not b for a, b in zip(last, self._cellvalues[placed - 1], strict=False))
            if not cut:
                parts[-1] = self.resume(self.first + placed - self.lead)
                if self.caption is not None:
                    # The next page says whose rows these are: "Margin by region (continued)".
                    if not any(isinstance(p, PageBreak) for p in parts):
                        parts.insert(-1, PageBreak())
                    parts.insert(-1, self.caption())
            elif isinstance(parts[-1], PlanTable):
                # The rest of a row taller than a page, then this part's rows after it: the
                # part after that is made from the whole table's index of the row split.
                rest = parts[-1]
                rest.resume, rest.more, rest.lead = self.resume, self.more, 1
                rest.first = self.first + placed - 1 - self.lead
        for part in parts:
            if isinstance(part, PlanTable):
                part.page_room = self.page_room
        return parts

    def _split(self, availWidth: float, availHeight: float) -> list[object]:  # noqa: N803
        self.splitInRow = 0
        parts = super().split(availWidth, availHeight)
        if not parts and self._first_row_taller_than_a_page():
            if self.lead > 1 and self.resume is not None:
                # The group rows it continues would have to stay with a row taller than a
                # page: the part begins with that row instead, and splits inside it.
                bare = self.resume(-self.first)
                bare.page_room = self.page_room
                parts = bare.split(availWidth, availHeight)
                self.handed_over = len(parts) >= 2  # (its parts are made and continued already)
                return parts if self.handed_over else []
            self.splitInRow = 1
            parts = super().split(availWidth, availHeight)
        return parts

    def _first_row_taller_than_a_page(self) -> bool:
        # (after the header and the group rows this part continues, which go with it)
        heights = self._rowHeights
        head = max(self.repeatRows if isinstance(self.repeatRows, int) else 0, self.lead)
        return len(heights) > head and sum(heights[: head + 1]) > self.page_room


def _header_word_width(word: str, font: str, size: float) -> float:
    whole = text_width(word, font, size)
    if not has_wide(word):
        return whole
    units = [word[s:e] for s, e, _ in break_points(word, [1.0] * len(word), [1.0])]
    longest = max(text_width(u, font, size) for u in units)
    return min(whole, max(longest, 4 * size))


def empty_line(ctx: Context) -> Para:
    return Para(ctx.texts.empty_table(), ctx.styles["empty"])


@dataclass
class Grid:
    """A table being assembled row by row; group and total rows are remembered for styling."""

    ctx: Context
    cols: list[Col]
    rows: list[list[object]] = field(default_factory=list)
    groups: list[tuple[int, int]] = field(default_factory=list)  # (row index, level)
    totals: list[int] = field(default_factory=list)
    subtotals: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # rows that stay on the page of the row above
    group_markup: dict[int, str] = field(default_factory=dict)
    # Per measured row, per column: the width of each line of its text set in one line.
    text_lines: list[list[list[float]]] = field(default_factory=list)
    keep_whole: list[list[bool]] = field(default_factory=list)  # per measured cell: not to be broken if short
    # A row's first cell when it begins a page: the group it belongs to, shown in the first
    # row of the group only ("East China" over its platforms).
    carried: dict[int, str] = field(default_factory=dict)
    caption: str = ""  # the title over the table (markup): repeated, "(continued)", where it goes on
    notes: list[int] = field(default_factory=list)  # rows holding a long note of the row above, across

    def __post_init__(self) -> None:
        styles = self.ctx.styles
        self.rows.append(
            [Para(c.header, styles["cell_head_right" if c.align == "right" else "cell_head"]) for c in self.cols]
        )
        size = self.ctx.style.size("table")
        bold = self.ctx.fonts.bold
        # A header wraps at spaces and, in Chinese, between characters: its longest word sets a
        # minimum, and a Chinese one at least four characters (a long header takes two lines
        # rather than squeeze the columns of text).
        self.widest = [
            max((_header_word_width(w, bold, size) for w in Texts.plain(c.header).split()), default=0.0)
            for c in self.cols
        ]

    def _measure(self, cells: Sequence[str], bold: bool) -> None:
        # Each cell's lines, as wide as they would be set in one line each (a sample of rows is
        # enough to share the width out: the first SAMPLE_ROWS).
        if len(self.text_lines) >= SAMPLE_ROWS:
            return
        font = self.ctx.fonts.bold if bold else self.ctx.fonts.regular
        size = self.ctx.style.size("table")
        row, whole = [], []
        for markup in cells:
            plain = Texts.plain(_BREAK.sub("\n", str(markup))) if markup else ""
            row.append([text_width(line, font, size) for line in plain.split("\n")] if plain else [])
            # (Chinese breaks between any two characters: "郑国/华"; Latin text only at spaces)
            whole.append(has_wide(plain) or " " not in plain.strip())
        self.text_lines.append(row)
        self.keep_whole.append(whole)

    def _cell(self, index: int, markup: str, bold: bool = False) -> object:
        if not markup:
            return ""
        col = self.cols[index]
        if col.unwrapped:
            font = self.ctx.fonts.bold if bold else self.ctx.fonts.regular
            plain = Texts.plain(markup)
            needed = text_width(plain, font, self.ctx.style.size("table"))
            self.widest[index] = max(self.widest[index], needed)
            if "<" not in markup and needed <= col.most * self.ctx.width and len(runs(plain, font)) == 1:
                # A plain string: drawn as is, in the row's font, without the cost of a paragraph
                # (unless part of it needs the fallback font, which a paragraph puts it in).
                return plain
        elif _LATIN_WORD.search(markup):
            # Wrapping may break lines between words, not inside an English word if avoidable.
            font = self.ctx.fonts.bold if bold else self.ctx.fonts.regular
            size = self.ctx.style.size("table")
            # (default: the word matched may have been inside a tag, e.g. <strike>)
            longest = max((text_width(w, font, size) for w in _LATIN_WORD.findall(Texts.plain(markup))), default=0.0)
            self.widest[index] = max(self.widest[index], longest)
        style = {"right": "cell_right", "center": "cell_center"}.get(col.align, "cell")
        return Para(f"<b>{markup}</b>" if bold else markup, self.ctx.styles[style])

    def add_record(self, row: Record) -> None:
        cells = [c.cell(row) for c in self.cols]
        below = [i for i, (c, m) in enumerate(zip(self.cols, cells, strict=True)) if c.long_below and _long(m)]
        lifted = [cells[i] for i in below]
        for i in below:
            cells[i] = ""
        self._measure(cells, False)
        self.rows.append([self._cell(i, m) for i, m in enumerate(cells)])
        for i, markup in zip(below, lifted, strict=True):
            # A very long note is set under its row across the table's width, not in a column
            # it would make eight lines tall.
            self.notes.append(len(self.rows))
            self.kept.append(len(self.rows))
            label = f"<font color='{self.ctx.style.hex('muted')}'>{self.cols[i].header}{self.ctx.texts.colon()}</font>"
            # (str: a Markup on the right of + would escape the label)
            self.rows.append([Para(label + str(markup), self.ctx.styles["cell"])] + [""] * (len(self.cols) - 1))

    def add(self, cells: Sequence[str], bold: bool = False, keep: bool = False, carry: str = "") -> None:
        """A row of markup; ``carry``: what its empty first cell says when the row begins a page."""
        if keep:
            self.kept.append(len(self.rows))
        if carry:
            self.carried[len(self.rows)] = carry
        if len(cells) != len(self.cols):
            raise ValueError(f"{len(cells)} cells for {len(self.cols)} columns")
        self._measure(cells, bold)
        self.rows.append([self._cell(i, m, bold) for i, m in enumerate(cells)])

    def add_group(self, markup: str, level: int = 1) -> None:
        self.group_markup[len(self.rows)] = markup
        self.groups.append((len(self.rows), level))
        self.rows.append([Para(markup, self.ctx.styles["cell_group"])] + [""] * (len(self.cols) - 1))

    def add_total(self, cells: Sequence[str] | None = None) -> None:
        if cells is None:
            cells = [c.total for c in self.cols]
            # "Total" goes in the first text column (not in a narrow "#" column).
            at = next((i for i, c in enumerate(self.cols) if c.align == "left" and not c.total), 0)
            if not cells[at]:
                cells[at] = str(self.ctx.texts.total())
        self.totals.append(len(self.rows))
        self.add(cells, bold=True)

    def add_subtotal(self, cells: Sequence[str]) -> None:
        self.subtotals.append(len(self.rows))
        self.add(cells, bold=True)

    def build(self, widths: list[float] | None = None) -> PlanTable:
        if widths is None:
            total = self.ctx.width
            least = [min(w, c.most * total) + 2 * PADDING + 0.5 for w, c in zip(self.widest, self.cols, strict=True)]
            header = [
                [
                    text_width(line, self.ctx.fonts.bold, self.ctx.style.size("table"))
                    for line in [Texts.plain(c.header)]
                ]
                for c in self.cols
            ]
            whole = [[has_wide(Texts.plain(c.header)) for c in self.cols], *self.keep_whole]
            widths = fitted_widths(total, least, [header, *self.text_lines], [c.width for c in self.cols], whole)
        if len(self.rows) - 1 > PART_ROWS:
            return self._part(1, widths)
        table = self._table(self, widths)
        if self.groups or self.carried or self.caption:
            table.resume = lambda index: self._part(index, widths)
            table.caption = self._continued_caption()
        return table

    def _continued_caption(self) -> Callable[[], Flowable] | None:
        if not self.caption:
            return None
        markup = f"{self.caption}{self.ctx.texts.continued()}"
        return lambda: Para(markup, self.ctx.styles["caption"])

    def _table(self, grid: Grid, widths: list[float]) -> PlanTable:
        aligns = [c.align for c in self.cols]
        return styled_table(
            self.ctx,
            grid.rows,
            widths,
            grid.groups,
            grid.totals,
            grid.subtotals,
            aligns=aligns,
            kept=grid.kept,
            spanned=grid.notes,
        )

    def _part(self, start: int, widths: list[float]) -> PlanTable:
        """Rows ``start`` to ``start + PART_ROWS`` (1 is the first below the header) as a
        table, led by the group rows they still belong to, "(continued)"; a negative ``start``
        for the same rows without them."""
        bare = start < 0
        start = max(1, min(abs(start), len(self.rows) - 1))
        stop = min(start + PART_ROWS, len(self.rows))
        levels = dict(self.groups)
        cap = levels.get(start, 1_000)  # a group row carried over opens its own level itself
        open_groups: list[tuple[int, int]] = []
        if start > 1 and not bare:
            for index, level in reversed(self.groups):
                if index < start and level < cap:
                    open_groups.insert(0, (index, level))
                    cap = level
        part = Grid(self.ctx, self.cols)
        continued = str(self.ctx.texts.continued())
        for index, level in open_groups:
            part.add_group(f"{self.group_markup[index]}{continued}", level)
        lead = len(part.rows)
        shift = lead - start
        part.rows.extend(self.rows[start:stop])
        carry = self.carried.get(start)
        if carry and not bare and start > 1:
            first = list(part.rows[lead])
            first[0] = Para(f"{carry}{continued}", self.ctx.styles["cell"])
            part.rows[lead] = first
        for index, level in self.groups:
            if start <= index < stop:
                part.groups.append((index + shift, level))
        part.totals = [i + shift for i in self.totals if start <= i < stop]
        part.subtotals = [i + shift for i in self.subtotals if start <= i < stop]
        part.kept = [i + shift for i in self.kept if start <= i < stop]
        part.notes = [i + shift for i in self.notes if start <= i < stop]
        table = self._table(part, widths)
        table.first, table.lead, table.more = start, lead, stop < len(self.rows)
        table.resume = lambda index: self._part(index, widths)
        table.caption = self._continued_caption()
        return table


LONG_NOTE = 180  # characters of free text (a Chinese character counts two) that go under their row
SHORT_VALUE = 0.14  # of the table's width: a value up to this wide has its column wide enough for it
ORPHAN = 0.12  # of a column's width: a last line shorter than this is an orphan
SAMPLE_ROWS = 60  # rows measured to share a table's width out among its columns
STEPS = 32  # the free width is handed out in at most this many steps
_BREAK = re.compile(r"<br\s*/?>")


def _long(markup: str) -> bool:
    plain = Texts.plain(markup)
    return sum(2 if has_wide(c) else 1 for c in plain) > LONG_NOTE if len(plain) > LONG_NOTE // 2 else False


def fitted_widths(
    total: float,
    least: Sequence[float],
    text_lines: Sequence[Sequence[Sequence[float]]],
    hints: Sequence[float],
    keep_whole: Sequence[Sequence[bool]] | None = None,
) -> list[float]:
    """Column widths from what the columns hold: each starts at its least width (its longest
    word, or its widest value where values do not wrap) and the width left is handed out a
    step at a time to the column where it saves the most lines over the rows measured
    (a row is as tall as its tallest cell). No column gets wider than its widest line; what is
    left when every column is that wide is shared in proportion to the template's hints.
    ``text_lines``: per row, per column, the width of each line of text set in one line."""
    count = len(least)
    if sum(least) >= total:
        return [total * x / sum(least) for x in least]
    inner = 2 * PADDING + 0.5
    natural = [least[c] for c in range(count)]
    short = list(least)  # a short value (a name, a title) is not broken: "郑国/华"
    for r, row in enumerate(text_lines):
        for c, lines in enumerate(row):
            if lines:
                natural[c] = max(natural[c], max(lines) + inner)
                whole = keep_whole[r][c] if keep_whole is not None else True
                if whole and len(lines) == 1 and lines[0] + inner <= SHORT_VALUE * total:
                    short[c] = max(short[c], lines[0] + inner)
    # As many columns as fit are kept from breaking a short value, those that need least first.
    least = list(least)
    for c in sorted(range(count), key=lambda i: short[i] - least[i]):
        if sum(least) + short[c] - least[c] <= total:
            least[c] = short[c]
    widths = list(least)
    room = total - sum(widths)
    step = max(room / STEPS, 1.0)

    def lines_at(row: Sequence[Sequence[float]], c: int, w: float) -> float:
        usable = max(w - inner, 1.0)
        if not row[c]:
            return 1.0
        count = 0.0
        for line in row[c]:
            whole = max(1, math.ceil(line / usable - 1e-6))
            count += whole
            if whole > 1 and line - (whole - 1) * usable < ORPHAN * usable:
                count += 0.5  # a last line of a character or two reads as a mistake
        return count

    counts = [[lines_at(row, c, widths[c]) for c in range(count)] for row in text_lines]
    while room > 1e-6:
        # Each column is tried a step wider, and two, four and eight steps (a cell of many lines
        # may need several to lose one); the widening that saves the most lines per point wins.
        best, best_rate, best_width = -1, 0.0, 0.0
        tallest = [max(r) if r else 1.0 for r in counts]
        # (a row's height if its tallest cell were shorter: the next tallest, or the same
        # where two cells are as tall)
        runner_up = [sorted(r)[-2] if len(r) > 1 else 1.0 for r in counts]
        for c in range(count):
            if widths[c] >= natural[c] - 1e-6:
                continue
            for steps in (1, 3, 8):
                wider = min(widths[c] + min(steps * step, room), natural[c])
                saving = 0.0
                for r, row in enumerate(text_lines):
                    if counts[r][c] < tallest[r]:
                        continue  # another cell sets this row's height
                    saving += tallest[r] - max(runner_up[r], lines_at(row, c, wider))
                rate = saving / (wider - widths[c])
                if rate > best_rate + 1e-9:
                    best, best_rate, best_width = c, rate, wider
                if wider >= natural[c] - 1e-6 or steps * step >= room:
                    break
        if best < 0:
            break
        room -= best_width - widths[best]
        widths[best] = best_width
        for r, row in enumerate(text_lines):
            counts[r][best] = lines_at(row, best, best_width)
    if room > 1e-6:
        # No step saves a line: what is left goes to the columns still short of their widest
        # line, then, once all are, in proportion to the hints.
        short = [c for c in range(count) if widths[c] < natural[c] - 1e-6]
        want = sum(natural[c] - widths[c] for c in short)
        if short:
            share = min(1.0, room / want)
            for c in short:
                widths[c] += (natural[c] - widths[c]) * share
            room = total - sum(widths)
        if room > 1e-6:
            weight = sum(hints)
            widths = [w + room * h / weight for w, h in zip(widths, hints, strict=True)]
    return widths


def column_widths(total: float, hints: Sequence[float], least: Sequence[float]) -> list[float]:
    """Widths in proportion to the hints, but none below its least width (if they can all fit)."""
    if sum(least) >= total:
        return [total * x / sum(least) for x in least]
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(hints)) if i not in fixed]
        room = total - sum(fixed.values())
        share = sum(hints[i] for i in free)
        widths = {i: room * hints[i] / share for i in free}
        short = [i for i in free if widths[i] < least[i]]
        if not short:
            break
        for i in short:
            fixed[i] = least[i]
    widths.update(fixed)
    return [widths[i] for i in range(len(hints))]


def styled_table(
    ctx: Context,
    rows: list[list[object]],
    widths: list[float],
    groups: Sequence[tuple[int, int]] = (),
    totals: Sequence[int] = (),
    subtotals: Sequence[int] = (),
    header_rows: int = 1,
    aligns: Sequence[str] = (),
    kept: Sequence[int] = (),
    spanned: Sequence[int] = (),
) -> PlanTable:
    style = ctx.style
    size = style.size("table")
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),  # else ReportLab's default Helvetica
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * style.size("table_leading")),
        ("TEXTCOLOR", (0, 0), (-1, -1), style.colour("text")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, style.colour("table_stripe")]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, style.colour("primary")),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), style.colour("primary")),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    for column, align in enumerate(aligns):
        if align != "left":
            commands.append(("ALIGN", (column, 0), (column, -1), align.upper()))
    last = len(rows) - 1
    together: list[tuple[int, int]] = []  # rows a page may not come between
    for index, level in groups:
        colour = style.colour("table_group") if level == 1 else style.colour("table_stripe")
        together.append((index, min(index + 1, last)))  # a group row never ends a page
        commands += [
            ("SPAN", (0, index), (-1, index)),
            ("BACKGROUND", (0, index), (-1, index), colour),
            ("LINEABOVE", (0, index), (-1, index), 0.5, style.colour("rule")),
        ]
        if level > 1:
            commands.append(("LEFTPADDING", (0, index), (-1, index), 10))
    for index in subtotals:
        commands.append(("BACKGROUND", (0, index), (-1, index), style.colour("table_group")))
    if spanned:
        # A note under its row is on that row's stripe: the stripes count rows of the table, not notes.
        stripes = [colors.white, style.colour("table_stripe")]
        notes, count = set(spanned), -1
        for index in range(header_rows, len(rows)):
            count += index not in notes
            commands.append(("BACKGROUND", (0, index), (-1, index), stripes[count % 2]))
        for index in spanned:
            commands += [("SPAN", (0, index), (-1, index)), ("TOPPADDING", (0, index), (-1, index), 0)]
    for index in (*kept, *subtotals, *totals):
        together.append((max(index - 1, header_rows), index))  # nor does a total start one
    for index in (*subtotals, *totals):
        commands.append(("FONTNAME", (0, index), (-1, index), ctx.fonts.bold))
    # ReportLab loses one of two NOSPLIT ranges that share a row, so they are merged first.
    for start, stop in _merged(together):
        commands.append(("NOSPLIT", (0, start), (-1, stop)))
    for index in totals:
        commands += [
            ("BACKGROUND", (0, index), (-1, index), style.colour("table_total")),
            ("LINEABOVE", (0, index), (-1, index), 0.8, style.colour("primary")),
        ]
    table = PlanTable(
        rows,
        colWidths=widths,
        repeatRows=header_rows,
        style=TableStyle(commands),
        hAlign="LEFT",
        spaceBefore=2,
        spaceAfter=8,
    )
    table.page_room = style.frame_height
    return table


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, stop in sorted(r for r in ranges if r[0] < r[1]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(stop, out[-1][1]))
        else:
            out.append((start, stop))
    return out


def record_table(ctx: Context, table: Table, cols: list[Col] | None = None, with_total: bool | None = None) -> Flowable:
    """A template table, one row per record; a totals row when a column has a total."""
    rows = ctx.plan.rows(table.path)
    if not rows:
        return empty_line(ctx)
    cols = cols if cols is not None else template_cols(ctx, table)
    grid = Grid(ctx, cols, caption=escape(ctx.label(table.label)))
    for row in rows:
        grid.add_record(row)
    if with_total if with_total is not None else any(c.total for c in table.columns):
        grid.add_total()
    return grid.build()
