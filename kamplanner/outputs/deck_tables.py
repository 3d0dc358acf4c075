"""The deck's slides of records: objectives against last year, key actions, what we ask for, the team."""

from __future__ import annotations

import datetime as dt

from ..domain import analysis
from ..domain.audience import columns
from ..domain.cycle import due_items
from ..domain.money import unit_label, with_unit
from ..domain.template import (
    ACTIONS,
    BUDGET,
    FINANCIAL,
    MEMBERS,
    SHARE,
    TEMPLATE,
    Cell,
)
from ..domain.values import format_value
from .deck_fields import MIX, NEEDS, OPERATIONS, OUTLINE, RESOURCES, SUMMARY_OBJECTIVES
from .deck_slides import BODY_W, Deck, cell, more, prose, prose_box
from .deck_texts import say
from .slide_kit import (
    BODY_H,
    BODY_TOP,
    MARGIN,
    SLIDE_H,
    Col,
    Run,
    heading,
    line_of,
    table,
    text_box,
)

ROWS_PER_SLIDE = 9  # action items on one slide; a second slide takes as many again


def objectives(deck: Deck) -> bool:
    plan, lang, th = deck.plan, deck.lang, deck.th
    financial, share = plan.rows(FINANCIAL), plan.rows(SHARE)
    texts = [p for p in (MIX, OPERATIONS) if prose(plan, p, 10)]
    if not financial and not share and not texts:
        return False
    slide = deck.slide(say("objectives_title", lang), (SUMMARY_OBJECTIVES, *texts))
    fin = TEMPLATE.table(FINANCIAL)
    y = BODY_TOP
    if financial:
        y = heading(slide, th, MARGIN, y, BODY_W, fin.label(lang), size=14)
        cols = [Col(fin.column(k).label(lang), wdt, al) for k, wdt, al in (
            (Cell.metric, 2.2, "left"), (Cell.label, 3, "left"), (Cell.unit, 1.2, "left"),
            (Cell.last_actual, 1.5, "right"), (Cell.target, 1.5, "right"),
        )] + [Col(say("change", lang), 1.2, "right")]  # fmt: skip
        shown_rows = financial[:6]
        rows = []
        for row in shown_rows:
            last, target = row.get(Cell.last_actual), row.get(Cell.target)
            change = ""
            if isinstance(last, (int, float)) and isinstance(target, (int, float)) and last:
                change = f"{(target - last) / abs(last) * 100:+.1f}%"
            rows.append([
                format_value(fin.column(Cell.metric), row.get(Cell.metric), lang),
                line_of(row.get(Cell.label), 80),
                unit_label(line_of(row.get(Cell.unit), 30), lang),
                format_value(fin.column(Cell.last_actual), last, lang),
                format_value(fin.column(Cell.target), target, lang),
                change,
            ])  # fmt: skip
        table(slide, th, MARGIN, y, BODY_W, cols, rows, size=12, row_h=24)
        y += 24 * (len(rows) + 1) + 6
        y = more(deck, slide, y, len(financial) - len(shown_rows))
    if share and y < BODY_TOP + BODY_H - 90:
        tab = TEMPLATE.table(SHARE)
        y = heading(slide, th, MARGIN, y + 4, BODY_W, tab.label(lang), size=14)
        room = max(1, int((BODY_TOP + BODY_H - y) // 24) - 1)
        shown_rows = share[:room]
        keys = (Cell.platform, Cell.region, Cell.total_demand, Cell.current_share, Cell.target_share)
        cols = [
            Col(with_unit(tab.column(k).label(lang), plan.money, lang) if k == Cell.total_demand else tab.column(k).label(lang), 2, "left" if k in (Cell.platform, Cell.region) else "right")
            for k in keys
        ]  # fmt: skip
        rows = [[cell(deck, SHARE, k, r) for k in keys] for r in shown_rows]
        table(slide, th, MARGIN, y, BODY_W, cols, rows, size=12, row_h=24)
        y += 24 * (len(rows) + 1) + 6
        y = more(deck, slide, y, len(share) - len(shown_rows))
    if texts and y < BODY_TOP + BODY_H - 80:
        w = (BODY_W - 18 * (len(texts) - 1)) / len(texts)
        for i, path in enumerate(texts):
            prose_box(deck, slide, path, MARGIN + i * (w + 18), y + 4, w, BODY_TOP + BODY_H - y - 4, size=13)
    return True


def actions(deck: Deck) -> bool:
    plan, lang, th = deck.plan, deck.lang, deck.th
    items = plan.rows(ACTIONS)
    if not items:
        return False
    overdue = {id(d.row) for d in due_items(plan, deck.day, within_days=0) if d.overdue}
    # Milestones and 1-year items first, each by due date: what the meeting follows up on.
    ordered = sorted(
        items,
        key=lambda r: (
            not r.get(Cell.milestone),
            r.get(Cell.horizon) != "year1",
            r.get(Cell.due) if isinstance(r.get(Cell.due), dt.date) else dt.date.max,
        ),
    )
    tab = TEMPLATE.table(ACTIONS)
    keys = (Cell.due, Cell.description, Cell.owner, Cell.status, Cell.measure)
    cols = [Col(tab.column(k).label(lang), wdt, "left") for k, wdt in zip(keys, (1.3, 4.2, 1.5, 1.3, 2.4), strict=True)]
    pages = [ordered[:ROWS_PER_SLIDE], ordered[ROWS_PER_SLIDE : 2 * ROWS_PER_SLIDE]]
    for page, chunk in enumerate(p for p in pages if p):
        slide = deck.slide(say("actions_title" if page == 0 else "actions_continued", lang), (OUTLINE,) if page == 0 else ())  # fmt: skip
        rows: list[list[str | Run]] = []
        for row in chunk:
            late = id(row) in overdue
            due = cell(deck, ACTIONS, Cell.due, row)
            description = line_of(row.get(Cell.description), 140)
            if row.get(Cell.milestone):
                description = f"◆ {description}"
            rows.append([
                Run(f"{due} · {say('overdue', lang)}" if late else due, late, "warning" if late else "text"),
                description,
                line_of(plan.label_of(MEMBERS, row.get(Cell.owner)), 40),
                cell(deck, ACTIONS, Cell.status, row),
                line_of(row.get(Cell.measure), 80),
            ])  # fmt: skip
        row_h = 34.0
        table(slide, th, MARGIN, BODY_TOP, BODY_W, cols, rows, size=11, row_h=row_h)
        y = BODY_TOP + row_h * (len(rows) + 1) + 6
        if page == 1 or len(ordered) <= ROWS_PER_SLIDE:
            y = more(deck, slide, y, len(ordered) - 2 * ROWS_PER_SLIDE)
        legend = [say("milestone", lang)]
        if overdue:
            legend.append(say("overdue_note", lang, day=deck.day.isoformat()))
        text_box(slide, th, MARGIN, SLIDE_H - 52, BODY_W, 22, ["  ·  ".join(legend)], size=10, colour="muted")
    return True


def asks(deck: Deck) -> bool:
    plan, lang, th = deck.plan, deck.lang, deck.th
    budget = plan.rows(BUDGET)
    needs = prose(plan, NEEDS, 10)
    if not budget and not needs:
        return False
    slide = deck.slide(say("ask_title", lang), (NEEDS, RESOURCES))
    w = BODY_W * 0.55 if needs else BODY_W
    if budget:
        tab = TEMPLATE.table(BUDGET)
        y = heading(slide, th, MARGIN, BODY_TOP, w, tab.label(lang), size=14)
        room = max(1, int((BODY_TOP + BODY_H - y - 30) // 26) - 2)
        shown_rows = budget[:room]
        cols = [
            Col(tab.column(Cell.item).label(lang), 3),
            Col(with_unit(tab.column(Cell.amount).label(lang), plan.money, lang), 1.6, "right"),
            Col(tab.column(Cell.provider).label(lang), 2),
        ]
        rows = [[line_of(r.get(Cell.item), 80), cell(deck, BUDGET, Cell.amount, r), line_of(r.get(Cell.provider), 40)] for r in shown_rows]  # fmt: skip
        total = [say("total", lang), plan.money.format(round(analysis.column_total(plan, BUDGET, Cell.amount), 1)), ""]
        table(slide, th, MARGIN, y, w, cols, rows, size=12, row_h=26, total=total)
        more(deck, slide, y + 26 * (len(rows) + 2) + 4, len(budget) - len(shown_rows), MARGIN, w)
    if needs:
        x = MARGIN + (w + 20 if budget else 0)
        prose_box(deck, slide, NEEDS, x, BODY_TOP, BODY_W - (x - MARGIN), BODY_H, size=14)
    return True


def team(deck: Deck) -> bool:
    plan, lang, th = deck.plan, deck.lang, deck.th
    members = plan.rows(MEMBERS)
    if not members:
        return False
    slide = deck.slide(say("team_title", lang), ())
    tab = TEMPLATE.table(MEMBERS)
    wanted = {Cell.name: 2, Cell.function: 2, Cell.responsibilities: 5, Cell.time_share: 1.2}
    shown_cols = [c for c in columns(deck.audience, tab) if c.key in wanted]
    cols = [Col(c.label(lang), wanted[c.key], "right" if c.key == Cell.time_share else "left") for c in shown_cols]
    room = int((BODY_H - 30) // 30) - 1
    rows = [[cell(deck, MEMBERS, c.key, r) for c in shown_cols] for r in members[:room]]
    table(slide, th, MARGIN, BODY_TOP, BODY_W, cols, rows, size=12, row_h=30)
    more(deck, slide, BODY_TOP + 30 * (len(rows) + 1) + 4, len(members) - len(rows))
    return True
