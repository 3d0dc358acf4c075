"""Figures derived from a plan's records: quadrants, totals, weighted scores."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from .model import Plan, Record
from .template import (
    ATTITUDES,
    COMPETITORS,
    CRITERIA,
    FORECAST,
    OPPORTUNITIES,
    QUALIFICATION_QUESTIONS,
    SCORES,
    SHARE,
    STAGES,
    Cell,
    Text,
)

LIKELY_PROBABILITY = 50.0  # percent: at or above this an opportunity counts as likely


class Quadrant(StrEnum):
    ACT_NOW = "act_now"  # large, likely
    GO_AFTER = "go_after"  # large, less likely
    TAKE_WHEN_COMES = "take_when_comes"  # small, likely
    SHELVE = "shelve"  # small, unlikely

    @property
    def label(self) -> Text:
        return QUADRANT_LABELS[self]


QUADRANT_LABELS = {
    Quadrant.ACT_NOW: Text("马上行动", "Act now"),
    Quadrant.GO_AFTER: Text("出击", "Go after it"),
    Quadrant.TAKE_WHEN_COMES: Text("伺机而动", "Take it when it comes"),
    Quadrant.SHELVE: Text("搁置", "Shelve"),
}


def _number(row: Record, column: str) -> float | None:
    value = row.get(column)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def value_threshold(plan: Plan) -> float:
    """Where 'large' starts on the value axis: the mean value of the plan's opportunities.

    A fixed amount would put every opportunity of a small account in one half of the
    matrix; the mean splits each plan's own opportunities in a way its reader recognises.
    """
    values = [v for r in plan.rows(OPPORTUNITIES) if (v := _number(r, "value")) is not None]
    return math.fsum(values) / len(values) if values else 0.0


def quadrant(value: float | None, probability: float | None, threshold: float) -> Quadrant | None:
    if value is None or probability is None:
        return None
    large = value >= threshold
    likely = probability >= LIKELY_PROBABILITY
    if large:
        return Quadrant.ACT_NOW if likely else Quadrant.GO_AFTER
    return Quadrant.TAKE_WHEN_COMES if likely else Quadrant.SHELVE


def opportunity_quadrants(plan: Plan) -> dict[str, Quadrant | None]:
    """Each opportunity row's quadrant, by row key."""
    threshold = value_threshold(plan)
    return {
        r.key: quadrant(_number(r, "value"), _number(r, "probability"), threshold) for r in plan.rows(OPPORTUNITIES)
    }


@dataclass(frozen=True)
class ForecastTotals:
    years: tuple[int, ...]
    regions: tuple[str, ...]
    platforms: tuple[str, ...]
    revenue_by_year: dict[int, float]
    margin_by_year: dict[int, float]
    revenue_by_region_year: dict[tuple[str, int], float]
    revenue_by_platform_year: dict[tuple[str, int], float]
    revenue_total: float
    margin_total: float


def forecast_totals(plan: Plan) -> ForecastTotals:
    """Sums of the forecast by year, by region and by platform (in first-seen order)."""
    by_year: dict[int, float] = defaultdict(float)
    margin_by_year: dict[int, float] = defaultdict(float)
    by_region: dict[tuple[str, int], float] = defaultdict(float)
    by_platform: dict[tuple[str, int], float] = defaultdict(float)
    regions: dict[str, None] = {}
    platforms: dict[str, None] = {}
    for row in plan.rows(FORECAST):
        year = row.get(Cell.year)
        if not isinstance(year, int):
            continue
        region = str(row.get(Cell.region) or "")
        platform = str(row.get(Cell.platform) or "")
        regions.setdefault(region)
        platforms.setdefault(platform)
        revenue = _number(row, "revenue") or 0.0
        by_year[year] += revenue
        margin_by_year[year] += _number(row, "margin") or 0.0
        by_region[(region, year)] += revenue
        by_platform[(platform, year)] += revenue
    years = plan.years
    return ForecastTotals(
        years=years,
        regions=tuple(regions),
        platforms=tuple(platforms),
        revenue_by_year={y: by_year.get(y, 0.0) for y in years},
        margin_by_year={y: margin_by_year.get(y, 0.0) for y in years},
        revenue_by_region_year=dict(by_region),
        revenue_by_platform_year=dict(by_platform),
        revenue_total=math.fsum(by_year.values()),
        margin_total=math.fsum(margin_by_year.values()),
    )


def growth_by_year(totals: ForecastTotals) -> dict[int, float | None]:
    """Each forecast year's revenue growth on the year before, in percent (None: the first
    year, or a year after one without revenue)."""
    out: dict[int, float | None] = {}
    before: float | None = None
    for year in totals.years:
        now = totals.revenue_by_year[year]
        out[year] = (now / before - 1) * 100 if before else None
        before = now
    return out


def cagr(totals: ForecastTotals) -> float | None:
    """The compound annual growth rate of revenue from the first forecast year to the last, in
    percent; None without revenue in both."""
    first, last = totals.revenue_by_year[totals.years[0]], totals.revenue_by_year[totals.years[-1]]
    periods = len(totals.years) - 1
    if first <= 0 or last <= 0 or periods < 1:
        return None
    return float((last / first) ** (1 / periods) - 1) * 100


@dataclass(frozen=True)
class Pipeline:
    """The opportunities' value, and that value weighted by each one's probability."""

    total: float
    weighted: float
    count: int


def pipeline(plan: Plan) -> Pipeline:
    values = [(_number(r, "value"), _number(r, "probability")) for r in plan.rows(OPPORTUNITIES)]
    known = [(v, p) for v, p in values if v is not None]
    return Pipeline(
        total=math.fsum(v for v, _ in known),
        weighted=math.fsum(v * (p or 0.0) / 100 for v, p in known),
        count=len(known),
    )


def pipeline_by_stage(plan: Plan) -> dict[str | None, Pipeline]:
    """The pipeline of each stage in funnel order (potential, project, ours), then of the
    opportunities without a stage (None); stages without opportunities are left out."""
    groups: dict[str | None, list[Record]] = {c.key: [] for c in STAGES}
    groups[None] = []
    for row in plan.rows(OPPORTUNITIES):
        stage = row.get(Cell.stage)
        groups[stage if isinstance(stage, str) and stage in groups else None].append(row)
    out: dict[str | None, Pipeline] = {}
    for stage, rows in groups.items():
        known = [(v, _number(r, "probability")) for r in rows if (v := _number(r, "value")) is not None]
        if known:
            total = math.fsum(v for v, _ in known)
            out[stage] = Pipeline(total, math.fsum(v * (p or 0.0) / 100 for v, p in known), len(known))
    return out


# --------------------------------------------------------------------------- qualification

ANSWER_POINTS = {"yes": 2, "partly": 1, "no": 0}
QUALIFICATION_MAXIMUM = 2 * len(QUALIFICATION_QUESTIONS)


@dataclass(frozen=True)
class Qualification:
    """How an opportunity answers the method's eight qualification questions.

    The one rule: yes scores 2, partly 1, no 0, summed over the eight (0 to 16). An
    opportunity is *qualified* once every question has an answer, whatever the answers; a
    low score then says it is a poor one, not an unexamined one."""

    score: int
    answered: int

    @property
    def qualified(self) -> bool:
        return self.answered == len(QUALIFICATION_QUESTIONS)

    @property
    def maximum(self) -> int:
        return QUALIFICATION_MAXIMUM

    def text(self) -> str:
        """'11/16', or '3/8 answered' style when questions are still open: '5/16 (3 of 8)'."""
        if self.answered == 0:
            return ""
        shown = f"{self.score}/{QUALIFICATION_MAXIMUM}"
        return shown if self.qualified else f"{shown} ({self.answered}/{len(QUALIFICATION_QUESTIONS)})"


def qualification(row: Record) -> Qualification:
    answers = [row.get(key) for key in QUALIFICATION_QUESTIONS]
    points = [ANSWER_POINTS[a] for a in answers if isinstance(a, str) and a in ANSWER_POINTS]
    return Qualification(sum(points), len(points))


def large_unqualified(plan: Plan) -> list[Record]:
    """The large opportunities (value at or above the matrix's threshold) not yet qualified."""
    threshold = value_threshold(plan)
    return [
        r
        for r in plan.rows(OPPORTUNITIES)
        if (v := _number(r, "value")) is not None and v >= threshold and v > 0 and not qualification(r).qualified
    ]


@dataclass(frozen=True)
class WeightedShare:
    """Our share of the account's whole demand: each platform and region's share weighted by
    its demand (percent; None where no row with demand states one)."""

    demand: float
    current: float | None
    target: float | None


def weighted_share(plan: Plan) -> WeightedShare:
    rows = [(r, _number(r, "total_demand")) for r in plan.rows(SHARE)]
    with_demand = [(r, d) for r, d in rows if d]

    def weighted(column: str) -> float | None:
        pairs = [(d, share) for r, d in with_demand if (share := _number(r, column)) is not None]
        weight = math.fsum(d for d, _ in pairs)
        return math.fsum(d * share for d, share in pairs) / weight if weight else None

    return WeightedShare(math.fsum(d for _, d in with_demand), weighted("current_share"), weighted("target_share"))


def column_total(plan: Plan, path: str, column: str) -> float:
    return math.fsum(v for r in plan.rows(path) if (v := _number(r, column)) is not None)


@dataclass(frozen=True)
class CompetitiveScores:
    """Weighted scores (0-10) for us and each competitor, by competitor row key ('' is us)."""

    names: dict[str, str]
    by_criterion: dict[str, dict[str, float | None]]  # criterion key -> competitor key -> score
    weighted: dict[str, float]


def competitive_scores(plan: Plan, us: str = "") -> CompetitiveScores:
    criteria = plan.rows(CRITERIA)
    competitors = plan.rows(COMPETITORS)
    names = {"": us}
    names.update({c.key: str(c.get(Cell.name) or c.key) for c in competitors})
    by_criterion: dict[str, dict[str, float | None]] = {}
    for criterion in criteria:
        scores: dict[str, float | None] = {"": _number(criterion, "our_score")}
        scores.update({c.key: None for c in competitors})
        by_criterion[criterion.key] = scores
    for score in plan.rows(SCORES):
        crit, comp = score.get(Cell.criterion), score.get(Cell.competitor)
        if isinstance(crit, str) and isinstance(comp, str) and crit in by_criterion:
            by_criterion[crit][comp] = _number(score, "score")
    total_weight = math.fsum(w for c in criteria if (w := _number(c, "weight")) is not None)
    weighted: dict[str, float] = {}
    for who in names:
        parts = [(_number(c, "weight") or 0.0) * (by_criterion[c.key].get(who) or 0.0) for c in criteria]
        weighted[who] = math.fsum(parts) / total_weight if total_weight else 0.0
    return CompetitiveScores(names=names, by_criterion=by_criterion, weighted=weighted)


_ATTITUDE_ORDER = {c.key: i for i, c in enumerate(ATTITUDES)}


def attitude_change(row: Record) -> int:
    """Positive when a stakeholder moved towards advocating since the last review."""
    now, before = row.get(Cell.attitude), row.get(Cell.previous_attitude)
    if not isinstance(now, str) or not isinstance(before, str):
        return 0
    return _ATTITUDE_ORDER.get(before, 0) - _ATTITUDE_ORDER.get(now, 0)


def attitude_text(row: Record) -> str:
    """'B', or 'D→B' when it changed since the last review."""
    now, before = row.get(Cell.attitude), row.get(Cell.previous_attitude)
    if not now:
        return ""
    if before and before != now:
        return f"{before}→{now}"
    return str(now)
