"""The deck's slides of words and pictures: the cover, the plan on one slide, strategic choices, the
opportunity matrix, the forecast, the stakeholder map and the risks; and the Deck they are built on."""

from __future__ import annotations

import datetime as dt
import math

from pptx import Presentation

from ..domain import analysis, markdown
from ..domain.audience import Audience
from ..domain.model import Plan
from ..domain.money import with_unit
from ..domain.template import (
    FORECAST,
    OPPORTUNITIES,
    STAKEHOLDERS,
    TEMPLATE,
    TIERS,
    Cell,
)
from ..domain.values import format_value
from . import deck_charts
from .deck_fields import (
    ASSUMPTIONS,
    COMPETITOR_WEAKNESSES,
    CUSTOMER_VALUE,
    DECISION_PROCESS,
    MARKET_TRENDS,
    PRIORITIES,
    RELATIONSHIP_PLAN,
    RISK_COMPETITORS,
    RISK_GAPS,
    RISK_TRENDS,
    SUMMARY_OBJECTIVES,
    SUMMARY_RISKS,
    SUMMARY_STRATEGY,
    TARGET_OPPORTUNITIES,
)
from .deck_texts import say
from .slide_kit import (
    BODY_H,
    BODY_TOP,
    MARGIN,
    SLIDE_H,
    SLIDE_W,
    Col,
    Run,
    Theme,
    bounded,
    heading,
    line_of,
    notes,
    pt,
    rectangle,
    table,
    text_box,
    theme,
)
from .slide_kit import title as put_title

NOTES_PER_FIELD = 3_000  # characters of one prose field in the speaker notes
NOTES_PEOPLE = 60  # stakeholders in the map's speaker notes
BODY_W = SLIDE_W - 2 * MARGIN


class Deck:
    """One deck being built: the plan it is made from, its language, look and slide count."""

    def __init__(self, plan: Plan, lang: str, audience: Audience, moment: dt.datetime):
        self.plan, self.lang, self.audience = plan, lang, audience
        self.day = moment.date()
        self.th: Theme = theme()
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = pt(SLIDE_W), pt(SLIDE_H)
        self.blank = self.prs.slide_layouts[6]
        account = line_of(plan.account.name, 80) or "—"
        self.footer = f"{account} · {say('plan_year', lang, year=plan.year)} · {self.version_text()}"
        if audience is Audience.CUSTOMER:
            self.footer += f" · {audience.label(lang)}"

    def label(self, path: str) -> str:
        return TEMPLATE.field(path).label(self.lang)

    def version_text(self) -> str:
        named = self.plan.version_label
        return say("draft_value" if named.draft else "version_value", self.lang, number=named.number)

    def slide(self, title: str, note_paths: tuple[str, ...] = (), more_notes: str = ""):  # type: ignore[no-untyped-def]
        slide = self.prs.slides.add_slide(self.blank)
        put_title(slide, self.th, bounded(title, 160), self.footer, len(self.prs.slides))
        notes(slide, "\n\n".join(p for p in (self.notes_of(note_paths), more_notes) if p))
        return slide

    def notes_of(self, paths: tuple[str, ...]) -> str:
        parts = []
        for path in paths:
            text = prose(self.plan, path, NOTES_PER_FIELD)
            if text:
                parts.append(f"{self.label(path)}\n{text}")
        return "\n\n".join(parts)


def prose(plan: Plan, path: str, limit: int) -> str:
    """A prose field's words as plain text (Markdown marks gone), bounded."""
    source = plan.text(path)[: limit * 2]
    if not markdown.has_text(source):
        return ""
    return bounded(markdown.written(bounded(source, limit * 2)), limit)


def prose_box(deck: Deck, slide, path: str, x: float, y: float, w: float, h: float, size: float = 15) -> None:  # type: ignore[no-untyped-def]
    top = heading(slide, deck.th, x, y, w, deck.label(path), size=14)
    text = prose(deck.plan, path, 1_500)
    lines = [p for p in text.split("\n") if p.strip()] or [say("empty", deck.lang)]
    text_box(slide, deck.th, x, top, w, y + h - top, lines, size=size, smallest=10, colour="text" if text else "muted")


def cell(deck: Deck, path: str, key: str, row) -> str:  # type: ignore[no-untyped-def]
    column = TEMPLATE.table(path).column(key)
    value = row.get(key)
    if column.ref is not None:
        return line_of(deck.plan.label_of(column.ref, value), 60)
    return line_of(format_value(column, value, deck.lang), 160)


def more(deck: Deck, slide, y: float, count: int, x: float = MARGIN, w: float = BODY_W) -> float:  # type: ignore[no-untyped-def]
    if count <= 0:
        return y
    text_box(slide, deck.th, x, y, w, 20, [say("more_rows", deck.lang, count=count)], size=10, colour="muted")
    return y + 22


def shown_paths(deck: Deck) -> set[str]:
    return set(deck.plan.prose) | set(deck.plan.tables)


# --------------------------------------------------------------------------- the slides


def cover(deck: Deck) -> None:
    plan, lang, th = deck.plan, deck.lang, deck.th
    slide = deck.prs.slides.add_slide(deck.blank)
    rectangle(slide, th, 0, 0, SLIDE_W, SLIDE_H * 0.62, "primary")
    rectangle(slide, th, 0, SLIDE_H * 0.62, SLIDE_W, 5, "accent")
    text_box(slide, th, MARGIN + 10, 70, BODY_W, 30, [say("kicker", lang)], size=16, colour="accent", bold=True)
    name = line_of(plan.account.name, 120) or "—"
    text_box(slide, th, MARGIN + 10, 104, BODY_W - 20, 130, [name], size=40, smallest=22, colour="cover_band_text", bold=True)  # fmt: skip
    text_box(slide, th, MARGIN + 10, 236, BODY_W, 36, [say("plan_year", lang, year=plan.year)], size=22, colour="cover_band_text")  # fmt: skip
    tier = next((c.label(lang) for c in TIERS if c.key == plan.account.tier.value), "")
    meta = " · ".join(p for p in (line_of(plan.account.industry, 60), line_of(plan.account.region, 60), tier) if p)
    text_box(slide, th, MARGIN + 10, 276, BODY_W, 28, [meta], size=14, colour="rule")
    facts = [
        (say("version", lang), deck.version_text()),
        (say("manager", lang), line_of(plan.account.manager, 80) or "—"),
        (say("date", lang), deck.day.isoformat()),
        (say("phase", lang), f"{int(plan.phase)} · {plan.phase.label(lang)}"),
    ]
    for i, (key, value) in enumerate(facts):
        x = MARGIN + 10 + i * (BODY_W / 4)
        text_box(slide, th, x, 362, BODY_W / 4 - 10, 22, [key], size=12, colour="muted")
        text_box(slide, th, x, 384, BODY_W / 4 - 10, 50, [value], size=16, smallest=10, bold=True)
    if deck.audience is Audience.CUSTOMER:
        text_box(slide, th, MARGIN + 10, 450, 260, 34, [deck.audience.label(lang)], size=16, colour="cover_band_text", bold=True, fill="accent", anchor="middle")  # fmt: skip
    notes(slide, deck.notes_of((SUMMARY_STRATEGY,)))


def plan_on_one(deck: Deck) -> bool:
    paths = [p for p in (SUMMARY_STRATEGY, SUMMARY_OBJECTIVES, SUMMARY_RISKS) if p in shown_paths(deck)]
    if not any(prose(deck.plan, p, 10) for p in paths):
        return False
    slide = deck.slide(say("plan_on_one", deck.lang), tuple(paths))
    gap = 18
    w = (BODY_W - gap * (len(paths) - 1)) / len(paths)
    for i, path in enumerate(paths):
        prose_box(deck, slide, path, MARGIN + i * (w + gap), BODY_TOP, w, BODY_H)
    return True


def strategy(deck: Deck) -> bool:
    candidates = (
        MARKET_TRENDS,
        CUSTOMER_VALUE,
        PRIORITIES,
        COMPETITOR_WEAKNESSES,
    )
    paths = [p for p in candidates if p in shown_paths(deck) and prose(deck.plan, p, 10)]
    if not paths:
        return False
    slide = deck.slide(TEMPLATE.section("strategy").label(deck.lang), tuple(paths))
    gap = 18
    w, h = (BODY_W - gap) / 2, (BODY_H - gap) / 2
    for i, path in enumerate(paths):
        prose_box(deck, slide, path, MARGIN + (i % 2) * (w + gap), BODY_TOP + (i // 2) * (h + gap), w, h, size=13)
    return True


def opportunity_matrix(deck: Deck) -> bool:
    plan, lang, th = deck.plan, deck.lang, deck.th
    if not any(q is not None for q in analysis.opportunity_quadrants(plan).values()):
        return False
    slide = deck.slide(say("matrix_title", lang), (PRIORITIES, TARGET_OPPORTUNITIES))
    drawn = deck_charts.matrix(slide, th, plan, lang, MARGIN, BODY_TOP, BODY_W * 0.5, BODY_H - 26)
    threshold = plan.money.format(round(analysis.value_threshold(plan), 1))
    text_box(slide, th, MARGIN, BODY_TOP + BODY_H - 22, BODY_W * 0.5, 22, [say("matrix_note", lang, threshold=threshold, likely=f"{analysis.LIKELY_PROBABILITY:.0f}")], size=10, smallest=7, colour="muted")  # fmt: skip
    tab = TEMPLATE.table(OPPORTUNITIES)
    quadrants = analysis.opportunity_quadrants(plan)
    x = MARGIN + BODY_W * 0.53
    w = BODY_W * 0.47
    cols = [
        Col("#", 0.45, "right"),
        Col(tab.column(Cell.name).label(lang), 2.7),
        Col(with_unit(tab.column(Cell.value).label(lang), plan.money, lang), 1.6, "right"),
        Col(tab.column(Cell.probability).label(lang), 1.25, "right"),
    ]
    rows = []
    for number, key in drawn:
        row = plan.row(OPPORTUNITIES, key)
        assert row is not None
        quadrant = quadrants.get(key)
        rows.append([str(number), Run(line_of(row.get(Cell.name), 60), quadrant is analysis.Quadrant.ACT_NOW), cell(deck, OPPORTUNITIES, Cell.value, row), cell(deck, OPPORTUNITIES, Cell.probability, row)])  # fmt: skip
    table(slide, th, x, BODY_TOP, w, cols, rows, size=11, row_h=min(26, BODY_H / (len(rows) + 2)))
    more(deck, slide, BODY_TOP + min(26, BODY_H / (len(rows) + 2)) * (len(rows) + 1) + 4, len(plan.rows(OPPORTUNITIES)) - len(drawn), x, w)  # fmt: skip
    return True


def forecast(deck: Deck) -> bool:
    plan, lang, th = deck.plan, deck.lang, deck.th
    totals = analysis.forecast_totals(plan)
    if not plan.rows(FORECAST) or not any(totals.revenue_by_year.values()):
        return False
    years = totals.years
    slide = deck.slide(say("forecast_title", lang, first=years[0], last=years[-1]), (ASSUMPTIONS,))
    chart_w = BODY_W * 0.62
    text_box(slide, th, MARGIN, BODY_TOP, chart_w, 24, [with_unit(say("forecast_chart", lang), plan.money, lang)], size=13, colour="primary", bold=True)  # fmt: skip
    deck_charts.forecast_chart(slide, th, plan, lang, MARGIN, BODY_TOP + 24, chart_w, BODY_H - 24)
    x, w = MARGIN + chart_w + 20, BODY_W - chart_w - 20
    tab = TEMPLATE.table(FORECAST)
    cols = [
        Col(say("year", lang), 1),
        Col(with_unit(tab.column(Cell.revenue).label(lang), plan.money, lang), 2, "right"),
        Col(say("growth", lang), 1.3, "right"),
    ]
    rows: list[list[str | Run]] = []
    previous: float | None = None
    for year in years:
        revenue = totals.revenue_by_year[year]
        growth = f"{(revenue - previous) / previous * 100:+.1f}%" if previous else ""
        rows.append([str(year), plan.money.format(round(revenue, 1)), growth])
        previous = revenue
    total_row = [say("total", lang), plan.money.format(round(totals.revenue_total, 1)), ""]
    table(slide, th, x, BODY_TOP + 4, w, cols, rows, size=12, row_h=26, total=total_row)
    start, end = totals.revenue_by_year[years[0]], totals.revenue_by_year[years[-1]]
    unit, figure = plan.money.label(lang), plan.money.format
    values = dict(unit=unit, first=years[0], last=years[-1], start=figure(round(start, 1)), end=figure(round(end, 1)), total=figure(round(totals.revenue_total, 1)))  # fmt: skip
    if start > 0 and end > 0:
        cagr = math.pow(end / start, 1 / (len(years) - 1)) - 1
        words = [say("forecast_words", lang, cagr=f"{cagr * 100:.1f}%", **values)]
    else:
        words = [say("forecast_words_no_cagr", lang, **values)]
    if totals.margin_total and totals.revenue_total:
        words.append(say("margin_words", lang, unit=unit, margin=figure(round(totals.margin_total, 1)), rate=f"{totals.margin_total / totals.revenue_total * 100:.1f}%"))  # fmt: skip
    top = BODY_TOP + 4 + 26 * (len(rows) + 2) + 12
    text_box(slide, th, x, top, w, BODY_TOP + BODY_H - top, words, size=14, smallest=9)
    return True


def stakeholders(deck: Deck) -> bool:
    rows = deck.plan.rows(STAKEHOLDERS)
    if not rows:
        return False
    slide = deck.slide(
        say("map_title", deck.lang),
        (RELATIONSHIP_PLAN, DECISION_PROCESS),
        _people_notes(deck),
    )
    shown = deck_charts.stakeholder_map(slide, deck.th, deck.plan, deck.lang, MARGIN, BODY_TOP, BODY_W, BODY_H - 18)
    if shown < len(rows):
        text_box(slide, deck.th, MARGIN, BODY_TOP + BODY_H - 16, BODY_W, 18, [say("map_left_out", deck.lang, shown=shown, count=len(rows) - shown)], size=10, colour="muted", align="right")  # fmt: skip
    return True


def _people_notes(deck: Deck) -> str:
    """One line per stakeholder for the presenter: name, title, attitude, notes (what the
    audience's copy of the plan has of them)."""
    tab = TEMPLATE.table(STAKEHOLDERS)
    lines = []
    rows = deck.plan.rows(STAKEHOLDERS)
    for row in rows[:NOTES_PEOPLE]:
        facts = [
            cell(deck, STAKEHOLDERS, key, row) for key in (Cell.title, Cell.role, Cell.attitude) if key in row.values
        ]
        if row.get(Cell.previous_attitude) not in (None, "", row.get(Cell.attitude)):
            facts.append(
                f"{tab.column(Cell.previous_attitude).label(deck.lang)}: {cell(deck, STAKEHOLDERS, Cell.previous_attitude, row)}"
            )
        facts.append(line_of(row.get(Cell.notes), 300))
        lines.append(f"{line_of(row.get(Cell.name), 60)}: " + "; ".join(f for f in facts if f))
    if len(rows) > NOTES_PEOPLE:
        lines.append(say("more_rows", deck.lang, count=len(rows) - NOTES_PEOPLE))
    return "\n".join(lines)


def risks(deck: Deck) -> bool:
    paths = [p for p in (RISK_COMPETITORS, RISK_TRENDS, RISK_GAPS) if p in shown_paths(deck) and prose(deck.plan, p, 10)]  # fmt: skip
    if not paths:
        return False
    slide = deck.slide(say("risks_title", deck.lang), tuple(paths))
    gap = 18
    w = (BODY_W - gap * (len(paths) - 1)) / len(paths)
    for i, path in enumerate(paths):
        prose_box(deck, slide, path, MARGIN + i * (w + gap), BODY_TOP, w, BODY_H, size=14)
    return True
