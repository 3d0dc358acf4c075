"""The slide deck's own fixed texts, in both languages: the one table of them.

Labels of sections, fields, columns and choices come from the template (domain/template.py);
what is here is only what the deck says itself. A text with ``{name}`` fields is filled in with
``str.format`` by the slide that uses it.
"""

from __future__ import annotations

from ..domain.languages import Text

T = Text

TEXTS: dict[str, Text] = {
    # cover
    "kicker": T("客户规划审查会", "Key account plan review"),
    "plan_year": T("{year} 年度客户规划", "Account plan {year}"),
    "version": T("版本", "Version"),
    "version_value": T("第 {number} 版", "Version {number}"),
    "draft_value": T("第 {number} 版（草稿）", "Version {number} (draft)"),
    "manager": T("客户经理", "Account manager"),
    "date": T("日期", "Date"),
    "phase": T("阶段", "Phase"),
    # the plan on one slide
    "plan_on_one": T("一页看规划", "The plan on one slide"),
    # objectives
    "objectives_title": T("目标：去年实际与今年目标", "Objectives against last year"),
    "change": T("变化", "Change"),
    "share_title": T("客户份额", "Share of account"),
    # matrix
    "matrix_title": T("机会矩阵：价值 × 成功概率", "Opportunity matrix: value × probability"),
    "probability_axis": T("成功概率", "Probability of success"),
    "matrix_note": T(
        "价值分界为各机会价值的平均值（{threshold}），概率分界为 {likely}%。",
        "Value splits at the mean of the opportunities' values ({threshold}), probability at {likely}%.",
    ),
    # forecast
    "forecast_title": T("五年财务预测 {first}–{last}", "Five-year forecast {first}–{last}"),
    "forecast_chart": T("收入（按区域）", "Revenue by region"),
    "year": T("年份", "Year"),
    "growth": T("增长", "Growth"),
    "forecast_words": T(
        "收入（{unit}）从 {first} 年的 {start} 到 {last} 年的 {end}：五年合计 {total}，年均复合增长率 {cagr}。",
        "Revenue ({unit}) goes from {start} in {first} to {end} in {last}: {total} over the five years,"
        " a compound annual growth rate of {cagr}.",
    ),
    "forecast_words_no_cagr": T(
        "收入（{unit}）从 {first} 年的 {start} 到 {last} 年的 {end}：五年合计 {total}。",
        "Revenue ({unit}) goes from {start} in {first} to {end} in {last}: {total} over the five years.",
    ),
    "margin_words": T(
        "五年贡献毛利合计 {margin}（{unit}），占收入 {rate}。",
        "Contribution margin over the five years: {margin} ({unit}), {rate} of revenue.",
    ),
    "other_regions": T("其他 {count} 个区域", "{count} other regions"),
    "no_region": T("（未填区域）", "(no region)"),
    # stakeholders
    "map_title": T("关键人物图", "Stakeholder map"),
    "attitudes": T("态度：", "Attitude:"),
    "map_left_out": T(
        "图中列出 {shown} 人，另有 {count} 人见规划。", "{shown} people shown; {count} more in the plan."
    ),
    # actions
    "actions_title": T("关键行动和里程碑", "Key actions and milestones"),
    "actions_continued": T("关键行动和里程碑（续）", "Key actions and milestones (continued)"),
    "overdue": T("已逾期", "overdue"),
    "milestone": T("◆ 里程碑", "◆ milestone"),
    "overdue_note": T(
        "截至 {day} 未完成且已过完成日期的行动标为逾期。",
        "Marked overdue: open actions due before {day}.",
    ),
    # risks, asks, team, strategy
    "strategy_title": T("战略选择", "Strategic choices"),
    "risks_title": T("业务风险", "Business risks"),
    "ask_title": T("我们需要的支持", "What we ask for"),
    "total": T("合计", "Total"),
    "team_title": T("客户小组", "The account team"),
    # everywhere
    "more_rows": T("……另有 {count} 行见规划。", "… {count} more in the plan."),
    "empty": T("（未填写）", "(not written yet)"),
}


def say(key: str, lang: str, **values: object) -> str:
    """The deck's text ``key`` in ``lang``, its ``{fields}`` filled in."""
    text = TEXTS[key](lang)
    return text.format(**values) if values else text
