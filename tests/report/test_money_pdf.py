"""The plan's money unit in the PDF, read back: table notes, the matrix axis, objective units,
in the document's language; a blank margin has no rate."""

from __future__ import annotations

import pytest

from kamplanner.domain.currency_change import change_unit
from kamplanner.domain.money import MoneyUnit
from kamplanner.domain.template import FORECAST
from kamplanner.report import render_plan
from tests.factories import full_plan

from .helpers import pages_text, squeeze


def in_usd_millions():
    plan = full_plan()
    change_unit(plan, MoneyUnit("USD", 1_000_000), 0.14).apply(plan)
    return plan


@pytest.mark.parametrize(
    ("lang", "note", "axis", "other"),
    [
        ("zh_CN", "金额单位：百万美元", "价值（百万美元）", "Amounts in"),
        ("en", "Amounts in USD m", "Value (USD m)", "金额单位"),
    ],
)
def test_every_money_table_and_the_matrix_say_the_plans_unit(lang, note, axis, other):
    text = squeeze("".join(pages_text(render_plan(in_usd_millions(), lang=lang))))
    assert squeeze(note) in text
    assert text.count(squeeze(note)) >= 4  # opportunities, share, budget, forecast
    assert squeeze(axis) in text
    assert other not in text
    assert squeeze("金额单位：万元") not in text and squeeze("Amounts in CNY 10k") not in text


def test_an_objectives_unit_reads_in_the_documents_language():
    plan = full_plan()  # its revenue objective's unit is written 万元
    en = squeeze("".join(pages_text(render_plan(plan, lang="en"))))
    zh = squeeze("".join(pages_text(render_plan(plan, lang="zh_CN"))))
    assert "万元" not in en and "CNY10k" not in en and "CNYm" in en  # (in millions, as English counts)
    assert "万元" in zh and "CNY10k" not in zh


def test_a_year_without_a_margin_has_no_margin_rate():
    plan = full_plan()
    for row in plan.rows(FORECAST):
        row.values.pop("margin", None)
    text = squeeze("".join(pages_text(render_plan(plan, lang="en"))))
    rates = text[text.index("Marginrate") :][:80]
    assert "0.0%" not in rates and "—" in rates


def test_figures_in_millions_line_up_with_one_decimal_each():
    from .helpers import demo

    plan = demo("electronics-2027")  # its prose says "CNY 141.0 million"
    change_unit(plan, MoneyUnit("CNY", 1_000_000)).apply(plan)
    text = squeeze("".join(pages_text(render_plan(plan, lang="en"))))
    assert squeeze("Amounts in CNY m") in text
    assert "141.0" in text and "80.0" in text  # a whole figure next to 14.7 keeps its decimal


@pytest.mark.parametrize(("lang", "line"), [("zh_CN", "金额单位万元百万元"), ("en", "MoneyunitCNY10kCNYm")])
def test_a_change_of_unit_since_approval_is_listed_with_the_account_facts(lang, line):
    from kamplanner.domain.diff import diff_plans

    old, new = full_plan(), full_plan()
    new.version = 4
    change_unit(new, MoneyUnit("CNY", 1_000_000)).apply(new)
    diff = diff_plans(old, new, lang)
    assert ("currency", "CNY 10k", "CNY m") in diff.account
    assert ("currency", "CNY 10k", "CNY 10k") not in diff_plans(old, full_plan(), lang).account
    text = squeeze("".join(pages_text(render_plan(new, lang=lang, changes=diff))))
    assert line in text


def test_an_english_edition_counts_in_millions_and_never_mixes_units():
    from kamplanner.domain.template import FINANCIAL, FORECAST, Cell

    plan = full_plan()  # kept in 万元 (CNY 10k)
    plan.rows(FINANCIAL)[0].values[Cell.unit] = "万元"
    plan.rows(FINANCIAL)[0].values[Cell.target] = 12_500.0
    revenue = sum(float(r.get(Cell.revenue) or 0) for r in plan.rows(FORECAST))
    en = squeeze("".join(pages_text(render_plan(plan, lang="en"))))
    assert "CNY10k" not in en and "万元" not in en.replace("示例银行", "")
    assert squeeze("Amounts in CNY m") in en and "125" in en  # 12,500 万元 is CNY 125 m
    assert f"{revenue / 100:,.0f}" in en or f"{revenue / 100:,.1f}" in en or f"{revenue / 100:,.2f}" in en
    zh = squeeze("".join(pages_text(render_plan(plan, lang="zh_CN"))))
    assert squeeze("金额单位：万元") in zh and "12,500" in zh  # the Chinese edition as kept
    # the plan file the English edition carries has the figures as kept
    from kamplanner.domain import planfile

    from .helpers import reader

    carried = reader(render_plan(plan, lang="en")).attachments["kamplanner-plan.json"][0]
    back = planfile.loads(carried)
    assert back.money == plan.money and back.rows(FINANCIAL)[0].get(Cell.target) == 12_500.0
