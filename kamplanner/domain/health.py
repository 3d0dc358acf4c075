"""Plan health: whether the plan's parts hold together, beyond each field being written.

Completeness (validation.section_completeness) asks "is it filled in?"; these checks ask "does
it add up?": the forecast reaches the target, the pipeline covers the gap, every objective has
an action, every doubting decision maker is worked on, every action has an owner from the team,
every large opportunity is qualified. The navigator, the list at submit (cycle.open_items) and
``kamplanner check`` all show this one list.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from . import analysis
from .model import Plan, Record
from .template import ACTIONS, FINANCIAL, MEMBERS, METRICS, STAKEHOLDERS, Cell, Text
from .validation import Severity
from .values import format_number

# The first forecast year may fall this far short of the revenue target and still count as
# meeting it: targets are round numbers, forecasts are sums of rows.
TARGET_TOLERANCE = 0.02
DOUBTING = frozenset({"D", "E"})
DECIDING = frozenset({"final_approval", "decision_maker"})
INACTIVE = frozenset({"dropped"})  # a dropped action works towards nothing


class CheckKey(StrEnum):
    FORECAST_TARGET = "forecast_target"
    PIPELINE_GAP = "pipeline_gap"
    OBJECTIVES_ACTIONS = "objectives_actions"
    DECISION_MAKERS = "decision_makers"
    ACTION_OWNERS = "action_owners"
    QUALIFIED = "qualified"


TITLES = {
    CheckKey.FORECAST_TARGET: Text("首年预测达到收入目标", "First forecast year meets the revenue target"),
    CheckKey.PIPELINE_GAP: Text("加权商机覆盖目标缺口", "Weighted pipeline covers the gap to target"),
    CheckKey.OBJECTIVES_ACTIONS: Text("每个目标都有行动", "Every objective has an action"),
    CheckKey.DECISION_MAKERS: Text(
        "每个持怀疑或反对态度的决策者都有针对的行动",
        "Every doubting or opposing decision maker has an action aimed at them",
    ),
    CheckKey.ACTION_OWNERS: Text("每个行动都由小组成员负责", "Every action is owned by someone on the team"),
    CheckKey.QUALIFIED: Text("大机会都已评估", "Every large opportunity is qualified"),
}

# The section each check points at (the navigator marks it there).
SECTIONS = {
    CheckKey.FORECAST_TARGET: "forecast",
    CheckKey.PIPELINE_GAP: "strategy",
    CheckKey.OBJECTIVES_ACTIONS: "objectives",
    CheckKey.DECISION_MAKERS: "appendix",
    CheckKey.ACTION_OWNERS: "action_plan",
    CheckKey.QUALIFIED: "strategy",
}


# How much a failure weighs: the method's own rules (every action has an owner from the team;
# the people who decide against us are worked on) are errors, the judgements warnings.
SEVERITIES = {
    CheckKey.FORECAST_TARGET: Severity.WARNING,
    CheckKey.PIPELINE_GAP: Severity.WARNING,
    CheckKey.OBJECTIVES_ACTIONS: Severity.WARNING,
    CheckKey.DECISION_MAKERS: Severity.ERROR,
    CheckKey.ACTION_OWNERS: Severity.ERROR,
    CheckKey.QUALIFIED: Severity.WARNING,
}


@dataclass(frozen=True)
class HealthCheck:
    key: CheckKey
    passed: bool
    message: Text  # what was found: on a failure, names what is wrong

    @property
    def severity(self) -> Severity:
        return SEVERITIES[self.key]

    @property
    def title(self) -> Text:
        return TITLES[self.key]

    @property
    def section(self) -> str:
        return SECTIONS[self.key]

    def describe(self, lang: str) -> str:
        return f"{self.title(lang)}{'：' if lang.startswith('zh') else ': '}{self.message(lang)}"


def check(plan: Plan) -> list[HealthCheck]:
    """Every health check of the plan, in a fixed order."""
    return [
        _forecast_target(plan),
        _pipeline_gap(plan),
        _objectives_actions(plan),
        _decision_makers(plan),
        _action_owners(plan),
        _qualified(plan),
    ]


def failing(plan: Plan) -> list[HealthCheck]:
    return [c for c in check(plan) if not c.passed]


# --------------------------------------------------------------------------- the checks


def _n(x: float) -> str:
    return format_number(x, 0 if float(x).is_integer() else 1)


def _figure(row: Record, key: str) -> float | None:
    value = row.get(key)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _revenue_rows(plan: Plan) -> list[Record]:
    return [r for r in plan.rows(FINANCIAL) if r.get(Cell.metric) == "revenue"]


def revenue_target(plan: Plan) -> float | None:
    targets = [t for r in _revenue_rows(plan) if (t := _figure(r, Cell.target)) is not None]
    return math.fsum(targets) if targets else None


def _no_target(key: CheckKey) -> HealthCheck:
    return HealthCheck(
        key,
        False,
        Text("财务目标中没有收入目标", "the financial objectives have no revenue target"),
    )


def _forecast_target(plan: Plan) -> HealthCheck:
    key = CheckKey.FORECAST_TARGET
    target = revenue_target(plan)
    if target is None:
        return _no_target(key)
    year = plan.year
    forecast = analysis.forecast_totals(plan).revenue_by_year.get(year, 0.0)
    if forecast >= target * (1 - TARGET_TOLERANCE):
        return HealthCheck(
            key,
            True,
            Text(
                f"{year} 年预测 {_n(forecast)}，目标 {_n(target)}",
                f"{year} forecast {_n(forecast)}, target {_n(target)}",
            ),
        )
    short = target - forecast
    return HealthCheck(
        key,
        False,
        Text(
            f"{year} 年预测收入 {_n(forecast)}，比收入目标 {_n(target)} 少 {_n(short)}",
            f"the {year} forecast revenue of {_n(forecast)} is {_n(short)} short of the revenue target of {_n(target)}",
        ),
    )


def _pipeline_gap(plan: Plan) -> HealthCheck:
    key = CheckKey.PIPELINE_GAP
    target = revenue_target(plan)
    if target is None:
        return _no_target(key)
    actuals = [a for r in _revenue_rows(plan) if (a := _figure(r, Cell.last_actual)) is not None]
    if not actuals:
        return HealthCheck(
            key,
            False,
            Text(
                "收入目标没有去年实际值，无法计算缺口",
                "the revenue objective has no last year actual, so the gap is unknown",
            ),
        )
    gap = target - math.fsum(actuals)
    weighted = analysis.pipeline(plan).weighted
    if gap <= 0:
        return HealthCheck(
            key, True, Text("目标不高于去年实际，没有缺口", "the target is not above last year's actual: no gap")
        )
    if weighted >= gap:
        return HealthCheck(
            key,
            True,
            Text(f"加权商机 {_n(weighted)}，缺口 {_n(gap)}", f"weighted pipeline {_n(weighted)}, gap {_n(gap)}"),
        )
    return HealthCheck(
        key,
        False,
        Text(
            f"加权商机 {_n(weighted)} 不足以弥补目标缺口 {_n(gap)}（差 {_n(gap - weighted)}）",
            f"the weighted pipeline of {_n(weighted)} does not cover the gap to target of {_n(gap)}"
            f" ({_n(gap - weighted)} short)",
        ),
    )


def _active_actions(plan: Plan) -> list[Record]:
    return [a for a in plan.rows(ACTIONS) if a.get(Cell.status) not in INACTIVE]


def objective_name(row: Record) -> Text:
    """An objective as a sentence names it: its description, else its metric."""
    label = row.get(Cell.label)
    if isinstance(label, str) and label.strip():
        return Text(label, label)
    metric = next((c.label for c in METRICS if c.key == row.get(Cell.metric)), None)
    return metric or Text(row.key, row.key)


def _names(texts: list[Text]) -> Text:
    return Text("、".join(t.zh for t in texts), ", ".join(t.en for t in texts))


def _objectives_actions(plan: Plan) -> HealthCheck:
    key = CheckKey.OBJECTIVES_ACTIONS
    linked = {a.get(Cell.objective) for a in _active_actions(plan)}
    lacking = [objective_name(r) for r in plan.rows(FINANCIAL) if r.key not in linked]
    objectives = len(plan.rows(FINANCIAL))
    if not objectives:
        return HealthCheck(key, True, Text("还没有财务目标", "no financial objectives yet"))
    if not lacking:
        return HealthCheck(
            key, True, Text(f"{objectives} 个目标都有行动", f"all {objectives} objectives have an action")
        )
    names = _names(lacking)
    return HealthCheck(
        key,
        False,
        Text(f"没有行动指向这些目标：{names.zh}", f"no action works towards: {names.en}"),
    )


def _decision_makers(plan: Plan) -> HealthCheck:
    key = CheckKey.DECISION_MAKERS
    aimed = {a.get(Cell.aimed_at) for a in _active_actions(plan)}
    doubting = [s for s in plan.rows(STAKEHOLDERS) if s.get(Cell.role) in DECIDING and s.get(Cell.attitude) in DOUBTING]
    missed = [s for s in doubting if s.key not in aimed]
    if not missed:
        if not doubting:
            return HealthCheck(key, True, Text("没有持怀疑或反对态度的决策者", "no decision maker doubts or opposes"))
        return HealthCheck(
            key, True, Text(f"{len(doubting)} 人都有针对的行动", f"an action is aimed at each of the {len(doubting)}")
        )
    names = _names(
        [
            Text(
                f"{s.get(Cell.name) or s.key}（{s.get(Cell.attitude)}）",
                f"{s.get(Cell.name) or s.key} ({s.get(Cell.attitude)})",
            )
            for s in missed
        ]
    )
    return HealthCheck(
        key,
        False,
        Text(f"没有行动针对：{names.zh}", f"no action is aimed at: {names.en}"),
    )


def _action_name(row: Record, index: int) -> str:
    text = str(row.get(Cell.description) or "").strip().splitlines()
    first = text[0] if text else ""
    return f"#{index} {first[:40]}{'…' if len(first) > 40 else ''}".strip()


def _action_owners(plan: Plan) -> HealthCheck:
    key = CheckKey.ACTION_OWNERS
    team = {m.key for m in plan.rows(MEMBERS)}
    actions = plan.rows(ACTIONS)
    orphans = [_action_name(a, i) for i, a in enumerate(actions, 1) if a.get(Cell.owner) not in team]
    if not actions:
        return HealthCheck(key, True, Text("还没有行动项", "no action items yet"))
    if not orphans:
        return HealthCheck(
            key, True, Text(f"{len(actions)} 个行动都有负责人", f"all {len(actions)} actions have an owner")
        )
    return HealthCheck(
        key,
        False,
        Text(
            f"这些行动的负责人不是小组成员：{'、'.join(orphans)}", f"not owned by a team member: {'; '.join(orphans)}"
        ),
    )


def _qualified(plan: Plan) -> HealthCheck:
    key = CheckKey.QUALIFIED
    open_ = analysis.large_unqualified(plan)
    if not open_:
        return HealthCheck(
            key, True, Text("大机会都已回答八个评估问题", "every large opportunity answers the eight questions")
        )
    names = [str(r.get(Cell.name) or r.key) for r in open_]
    large = _n(analysis.value_threshold(plan))
    return HealthCheck(
        key,
        False,
        Text(
            f"价值不低于 {large} 的机会尚未评估完：{'、'.join(names)}",
            f"large opportunities (value {large} or more) not yet qualified: {', '.join(names)}",
        ),
    )
