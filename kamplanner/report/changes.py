"""The appendix's last part, on request: what changed since the last approved (signed-off) version.

Account details, then the template's sections in order: each changed text with the changed
words marked in place (struck through where removed, underlined where added) and only a little
unchanged text around them, or the new text whole when it was rewritten; each changed table
row with its cells old → new. Every value is user text and is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from reportlab.platypus import CondPageBreak, Flowable

from ..domain.diff import Change, ChangeKind, ChangesSinceApproval, PlanDiff
from ..domain.model import Record
from ..domain.money import MoneyUnit
from ..domain.template import SCOPES, TEMPLATE, TIERS, Kind, Prose, Table
from ..domain.values import format_number
from .context import Context
from .markup import clean, escape, inline, inline_lines, one_line
from .para import Para
from .records import CAPTION_ROOM, table_caption
from .tables import Col, Grid, cell_markup
from .toc import Heading

CONTEXT = 36  # characters of unchanged text shown on each side of a change
MOST_HUNKS = 8  # changes shown in one text; the rest are counted
SPAN_MOST = 320  # characters shown of one removed or added stretch
WHOLE_MOST = 900  # characters shown of a text added, removed or rewritten
OLD_MOST = 240  # ...of the old text beside a rewritten one
REWRITTEN = 0.45  # a text that keeps less than this share unchanged counts as rewritten
LABEL_MOST = 60  # characters of a row's name (an action's description names its row)
ADDED_ROW_MOST = 280  # characters of an added row's values
# Words in alphabetic scripts stay whole; every other character (Chinese) is a token of its own.
_TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\u02af\u0370-\u052f\u0590-\u06ff'’_]+|\s+|.", re.DOTALL)


def changes_flowables(ctx: Context, changes: ChangesSinceApproval) -> list[Flowable]:
    """The part's body: what it compares, then the changes, or one line saying there are none."""
    t, styles = ctx.texts, ctx.styles
    diff = changes.diff
    if diff is None:
        return [Para(t.changes_no_approved_version(), styles["body"])]
    if changes.version is not None and changes.signed_on is not None:
        intro = t.changes_intro(
            *ctx.plan.version_label.astuple(), changes.version, t.date(changes.signed_on), one_line(changes.signed_by)
        )
    else:
        intro = t.changes_between(one_line(diff.old_label), one_line(diff.new_label))
    out: list[Flowable] = [Para(intro, styles["body"])]
    if diff.empty:
        out.append(Para(t.changes_none(), styles["body"]))
        return out
    texts = sum(1 for c in diff.changes if c.row is None)
    out.append(Para(t.changes_count(texts, len(diff.changes) - texts, len(diff.account)), styles["body"]))
    if any(c.row is None and c.kind is ChangeKind.CHANGED for c in diff.changes) or any(c.cells for c in diff.changes):
        out.append(Para(t.changes_legend(ctx.style.hex("removed"), ctx.style.hex("added")), styles["note"]))
    if diff.account:
        out += _section_heading(ctx, "account", t.plain(t.changes_account()))
        out.append(_account_table(ctx, diff))
    grouped = diff.by_section()
    for section in TEMPLATE.sections:
        found = grouped.get(section.key)
        if not found:
            continue
        out += _section_heading(ctx, section.key, f"{section.number} {ctx.label(section.label)}")
        for path, field_changes in _by_field(found):
            out += _field_flowables(ctx, path, field_changes)
    return out


def _section_heading(ctx: Context, key: str, title: str) -> list[Flowable]:
    heading = Heading(escape(title), ctx.styles["subheading"], outline=(2, f"c:{key}", title))
    return [CondPageBreak(CAPTION_ROOM), heading]


def _by_field(changes: list[Change]) -> Iterator[tuple[str, list[Change]]]:
    group: list[Change] = []
    for change in changes:
        if group and group[0].field != change.field:
            yield group[0].field, group
            group = []
        group.append(change)
    if group:
        yield group[0].field, group


def field_title(ctx: Context, path: str) -> str:
    """The field's label, after its appendix part's ("Account information › Stakeholders")."""
    field = TEMPLATE.field(path)
    section = TEMPLATE.section_of(path)
    parts = path.split(".")
    if len(parts) == 3:
        part = next((p for p in section.parts if p.key == parts[1]), None)
        if part is not None:
            return f"{ctx.label(part.label)} › {ctx.label(field.label)}"
    return ctx.label(field.label)


def _field_flowables(ctx: Context, path: str, changes: list[Change]) -> list[Flowable]:
    field = TEMPLATE.field(path)
    title = escape(field_title(ctx, path))
    t = ctx.texts
    if isinstance(field, Prose):
        change = changes[0]
        before, after, rewritten = prose_cells(ctx, change)
        kind = "rewritten" if rewritten else change.kind.value
        grid = Grid(ctx, [Col(str(t.before()), 1, "left", _none), Col(str(t.after()), 1, "left", _none)])
        grid.add([before, after])
        return [*table_caption(ctx, t.change_field(title, kind, ctx.style.hex("muted"))), grid.build()]
    assert isinstance(field, Table)
    cols = [
        Col(str(t.change_column()), 0.8, "left", _none, unwrapped=True, most=0.14),
        Col(str(t.row_column()), 1.8, "left", _none),
        Col(str(t.details_column()), 5, "left", _none),
    ]
    grid = Grid(ctx, cols)
    for change in changes:
        grid.add(
            [
                str(t.change_kind(change.kind.value)),
                escape(_cut_end(one_line(change.label or change.row or ""))),
                _row_details(ctx, field, change),
            ]
        )
    return [*table_caption(ctx, title), grid.build()]


def _none(_row: Record) -> str:
    return ""


# --------------------------------------------------------------------------- account


def _account_value(attribute: str, value: str, lang: str) -> str:
    choices = {"tier": TIERS, "scope": SCOPES}.get(attribute)
    if choices is not None:
        return next((c.label(lang) for c in choices if c.key == value), value)
    if attribute == "currency" and value:
        return MoneyUnit.read(value).label(lang)
    if attribute == "annual_revenue" and value:
        try:
            number = float(value)
        except ValueError:
            return value
        return format_number(number, 0 if number.is_integer() else 1)
    return value


def _account_table(ctx: Context, diff: PlanDiff) -> Flowable:
    t = ctx.texts
    grid = Grid(
        ctx,
        [
            Col(str(t.item_column()), 1.2, "left", _none),
            Col(str(t.before()), 2, "left", _none),
            Col(str(t.after()), 2, "left", _none),
        ],
    )
    for attribute, old, new in diff.account:
        grid.add(
            [
                str(t.account_field(attribute)),
                _value_or_blank(ctx, _account_value(attribute, old, ctx.lang)),
                _value_or_blank(ctx, _account_value(attribute, new, ctx.lang)),
            ]
        )
    return grid.build()


def _value_or_blank(ctx: Context, value: str) -> str:
    return str(inline_lines(value)) if value.strip() else _blank(ctx)


def _blank(ctx: Context) -> str:
    return f'<font color="{ctx.style.hex("muted")}">{ctx.texts.blank_value()}</font>'


# --------------------------------------------------------------------------- table rows


def _row_details(ctx: Context, table: Table, change: Change) -> str:
    if change.kind is ChangeKind.REMOVED:
        return f'<font color="{ctx.style.hex("muted")}">—</font>'
    if change.kind is ChangeKind.ADDED:
        return _added_row(ctx, table, change)
    lines = []
    colon = "：" if ctx.lang.startswith("zh") else ": "
    for cell in change.cells:
        column = next((c for c in table.columns if c.key == cell.column), None)
        label = escape(ctx.label(column.label)) if column is not None else escape(cell.column)
        old, new = clean(cell.old).strip(), clean(cell.new).strip()
        if column is not None and column.kind in (Kind.TEXT, Kind.LONGTEXT) and old and new:
            # Text that was edited reads best with the edit marked in place.
            marked = track_changes(ctx, old, new)
            if marked is not None:
                lines.append(f"<b>{label}</b>{colon}{marked}")
                continue
        lines.append(
            f"<b>{label}</b>{colon}{_removed(ctx, _cut(old, SPAN_MOST))} → {_added(ctx, _cut(new, SPAN_MOST))}"
        )
    return "<br/>".join(lines)


def _removed(ctx: Context, text: str) -> str:
    if not text:
        return _blank(ctx)
    return f'<font color="{ctx.style.hex("removed")}"><strike>{inline_lines(text)}</strike></font>'


def _added(ctx: Context, text: str) -> str:
    if not text:
        return _blank(ctx)
    return f'<font color="{ctx.style.hex("added")}"><u>{inline_lines(text)}</u></font>'


def _added_row(ctx: Context, table: Table, change: Change) -> str:
    """What a new row says: its filled cells, as far as a few lines go."""
    row = ctx.plan.row(table.path, change.row or "")
    if row is None:
        return ""
    parts: list[str] = []
    used = 0
    for column in table.columns:
        value = row.get(column.key)
        if value in (None, "") or column.key == table.display:
            continue
        shown = cell_markup(ctx, column, value)
        plain = ctx.texts.plain(shown)
        if used + len(plain) > ADDED_ROW_MOST:
            parts.append("…")
            break
        used += len(plain)
        parts.append(f'<font color="{ctx.style.hex("muted")}">{escape(ctx.label(column.label))}</font> {shown}')
    return "；".join(parts) if ctx.lang.startswith("zh") else "; ".join(parts)


# --------------------------------------------------------------------------- texts


def prose_cells(ctx: Context, change: Change) -> tuple[str, str, bool]:
    """Before and after as cell markup, and whether the text counts as rewritten."""
    old, new = clean(change.old_text).strip(), clean(change.new_text).strip()
    if change.kind is ChangeKind.ADDED:
        return _blank(ctx), _whole(ctx, new, WHOLE_MOST), False
    if change.kind is ChangeKind.REMOVED:
        return _whole(ctx, old, WHOLE_MOST), _blank(ctx), False
    return text_change(ctx, old, new)


def text_change(ctx: Context, old: str, new: str) -> tuple[str, str, bool]:
    """The changed stretches of a text, marked, with a little unchanged text around each."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops = _opcodes(a, b)
    if _similarity(a, ops, old, new) < REWRITTEN:
        return _whole(ctx, old, OLD_MOST), _whole(ctx, new, WHOLE_MOST), True
    before: list[str] = []
    after: list[str] = []
    hunks = sum(1 for op in ops if op[0] != "equal")
    shown = 0
    for index, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            text = "".join(a[i1:i2])
            first, last = index == 0, index == len(ops) - 1
            piece = _context(text, lead=not first, trail=not last)
            before.append(piece)
            after.append(piece)
            continue
        if shown == MOST_HUNKS:
            more = str(ctx.texts.more_changes(hunks - shown))
            before.append(f" {more}")
            after.append(f" {more}")
            break
        shown += 1
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if removed:
            before.append(_removed(ctx, _cut(removed, SPAN_MOST)))
        if added:
            after.append(_added(ctx, _cut(added, SPAN_MOST)))
    return "".join(before), "".join(after), False


def track_changes(ctx: Context, old: str, new: str) -> str | None:
    """One text with its edits marked in place (removed struck through, added underlined),
    or None when it was rewritten rather than edited."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops = _opcodes(a, b)
    if _similarity(a, ops, old, new) < REWRITTEN:
        return None
    out: list[str] = []
    hunks = sum(1 for op in ops if op[0] != "equal")
    shown = 0
    for index, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            out.append(_context("".join(a[i1:i2]), lead=index > 0, trail=index < len(ops) - 1))
            continue
        if shown == MOST_HUNKS:
            out.append(f" {ctx.texts.more_changes(hunks - shown)}")
            break
        shown += 1
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if removed:
            out.append(_removed(ctx, _cut(removed, SPAN_MOST)))
        if added:
            out.append(_added(ctx, _cut(added, SPAN_MOST)))
    return "".join(out)


def _similarity(a: list[str], ops: list[tuple[str, int, int, int, int]], old: str, new: str) -> float:
    """The share of the two texts' characters that stayed the same (0 to 1)."""
    if not old or not new:
        return 0.0
    same = sum(sum(len(x) for x in a[i1:i2]) for tag, i1, i2, _, _ in ops if tag == "equal")
    return 2 * same / (len(old) + len(new))


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Edit operations from a to b: the common start and end first, then difflib on the middle."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    mid_a, mid_b = a[start : len(a) - end], b[start : len(b) - end]
    ops: list[tuple[str, int, int, int, int]] = []
    if start:
        ops.append(("equal", 0, start, 0, start))
    if mid_a or mid_b:
        if len(mid_a) * len(mid_b) <= 1_000_000:
            matcher = SequenceMatcher(None, mid_a, mid_b, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                ops.append((tag, i1 + start, i2 + start, j1 + start, j2 + start))
        else:  # too long to compare word by word in reasonable time: one replaced stretch
            ops.append(("replace", start, len(a) - end, start, len(b) - end))
    if end:
        ops.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    # A single unchanged space or character between two changes reads better as part of them.
    merged: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if merged and merged[-1][0] != "equal" and op[0] != "equal":
            tag, i1, _, j1, _ = merged[-1]
            merged[-1] = ("replace", i1, op[2], j1, op[4])
        else:
            merged.append(op)
    return merged


def _context(text: str, *, lead: bool, trail: bool) -> str:
    """Unchanged text as it shows between changes: its end after one (``lead``), its start
    before the next (``trail``), the middle left out when it is long."""
    text = re.sub(r"\n\s*\n", "\n", text)
    if lead and trail:
        if len(text) <= 2 * CONTEXT + 8:
            return str(inline_lines(text))
        return f"{inline_lines(_head(text))} … {inline_lines(_tail(text))}"
    if lead:  # the text after the last change
        return str(inline_lines(text if len(text) <= CONTEXT + 8 else _head(text) + "…"))
    if trail:  # the text before the first change
        return str(inline_lines(text if len(text) <= CONTEXT + 8 else "…" + _tail(text)))
    return ""


def _head(text: str) -> str:
    cut = text[:CONTEXT]
    space = cut.rfind(" ")
    return cut[:space] if space > CONTEXT // 2 else cut


def _tail(text: str) -> str:
    cut = text[-CONTEXT:]
    space = cut.find(" ")
    return cut[space + 1 :] if 0 <= space < CONTEXT // 2 else cut


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most // 2] + " … " + text[-most // 4 :]


def _cut_end(text: str, most: int = LABEL_MOST) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _whole(ctx: Context, text: str, most: int) -> str:
    if not text:
        return _blank(ctx)
    text = re.sub(r"\n\s*\n", "\n", text)
    # A text shown whole keeps its **bold** and *italic*; an excerpt shows the asterisks as typed.
    if len(text) <= most:
        return str(inline(text))
    return f'{inline(text[:most])}… <font color="{ctx.style.hex("muted")}">{ctx.texts.text_length(len(text))}</font>'
