"""A plan's money unit: names in both languages, reading units and typed amounts, converting
figures, the stored text of old plans, and a change of unit as one undoable edit."""

from __future__ import annotations

import pytest

from kamplanner.domain import planfile
from kamplanner.domain.currency_change import change_unit, money_cells
from kamplanner.domain.editing import EditingSession
from kamplanner.domain.edits import EditError, SetCurrency
from kamplanner.domain.model import Account, Plan
from kamplanner.domain.money import DEFAULT_UNIT, MoneyProblem, MoneyUnit, unit_label
from tests.factories import full_plan

WAN = MoneyUnit("CNY", 10_000)


@pytest.mark.parametrize(
    ("unit", "zh", "en"),
    [
        (MoneyUnit("CNY", 10_000), "万元", "CNY 10k"),
        (MoneyUnit("CNY", 1), "元", "CNY"),
        (MoneyUnit("CNY", 1_000), "千元", "CNY k"),
        (MoneyUnit("CNY", 100_000_000), "亿元", "CNY 100m"),
        (MoneyUnit("USD", 1_000), "千美元", "USD k"),
        (MoneyUnit("USD", 1_000_000), "百万美元", "USD m"),
        (MoneyUnit("EUR", 1), "欧元", "EUR"),
    ],
)
def test_a_unit_is_named_in_each_language_and_read_back_from_either(unit, zh, en):
    assert (unit.label("zh_CN"), unit.label("en")) == (zh, en)
    assert unit.code == en
    assert MoneyUnit.parse(zh) == unit
    assert MoneyUnit.parse(en) == unit
    assert MoneyUnit.parse(f"  {en.lower()} ") == unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("万元", WAN),  # what every plan said before plans chose
        ("CNY 10K", WAN),
        ("CNY 1k", MoneyUnit("CNY", 1_000)),
        ("USD 1k", MoneyUnit("USD", 1_000)),
        ("百万元", MoneyUnit("CNY", 1_000_000)),
        ("千港元", MoneyUnit("HKD", 1_000)),
        ("USD thousands", MoneyUnit("USD", 1_000)),
    ],
)
def test_old_and_loose_spellings_name_their_unit(text, unit):
    assert MoneyUnit.parse(text) == unit


@pytest.mark.parametrize("text", ["", "dollars", "XYZ 10k", "CNY 7k", "万", "%", "个"])
def test_a_text_naming_no_unit_is_refused_and_reads_as_the_old_hidden_unit(text):
    with pytest.raises(MoneyProblem):
        MoneyUnit.parse(text)
    assert MoneyUnit.read(text) == DEFAULT_UNIT == WAN


def test_an_old_plan_in_wan_yuan_is_in_cny_10k():
    plan = Plan(Account("A"), 2027, currency="万元")
    assert plan.money == WAN
    assert Plan(Account("B"), 2027).money == WAN


@pytest.mark.parametrize(
    ("typed", "figure"),
    [
        ("1,250", 1250.0),  # a bare number is in the field's unit
        ("1250万", 1250.0),
        ("1250 万元", 1250.0),
        ("12.5m", 1250.0),
        ("12.5 million", 1250.0),
        ("12,500,000元", 1250.0),  # yuan said: counted in ones
        ("¥12,500,000", 1250.0),
        ("12500000 yuan", 1250.0),
        ("1.2亿", 12000.0),
        ("300k", 30.0),
        ("  ", None),
    ],
)
def test_a_typed_amount_says_its_own_size_or_is_in_the_unit(typed, figure):
    assert WAN.parse_amount(typed) == figure


@pytest.mark.parametrize("typed", ["abc", "12.5 bananas", "$3m", "3 EUR", "1,2,3x"])
def test_an_amount_that_is_no_amount_or_in_another_currency_is_refused(typed):
    with pytest.raises(MoneyProblem):
        WAN.parse_amount(typed)


def test_an_amount_in_ones_is_spelled_out_in_each_language():
    assert WAN.spelled(1250, "zh_CN") == "12,500,000 元"
    assert WAN.spelled(1250, "en") == "CNY 12,500,000"
    assert MoneyUnit("USD", 1_000).spelled(2.5, "en") == "USD 2,500"


def test_figures_convert_between_multiples_and_at_a_rate_between_currencies():
    assert WAN.convert(1234, MoneyUnit("CNY", 1_000_000)) == 12.34
    assert WAN.convert(8600, MoneyUnit("CNY", 1_000)) == 86_000
    assert WAN.convert(0.3, MoneyUnit("CNY", 1)) == 3000
    assert WAN.convert(14_100, MoneyUnit("USD", 1_000_000), 0.14) == 19.74
    assert MoneyUnit("CNY", 1_000_000).convert(12.34, WAN) == 1234


def test_unit_words_in_cells_read_in_the_documents_language():
    assert unit_label("万元", "en") == "CNY 10k"
    assert unit_label("CNY 10k", "zh_CN") == "万元"
    assert unit_label("%", "en") == "%"
    assert unit_label("个", "en") == "个"


# ---- changing a plan's unit


def test_changing_the_unit_converts_every_money_figure_and_one_undo_puts_all_back():
    plan = full_plan()
    before = plan.copy()
    figures = {(p, r.key, c.key): v for p, r, c, v in money_cells(plan)}
    assert len(figures) >= 5  # forecast, opportunities, share, budget all have figures
    session = EditingSession(plan)
    session.do(change_unit(plan, MoneyUnit("CNY", 1_000_000)), "Currency and unit")
    assert plan.money == MoneyUnit("CNY", 1_000_000)
    after = {(p, r.key, c.key): v for p, r, c, v in money_cells(plan)}
    assert after == {k: round(v / 100, 10) for k, v in figures.items()}
    assert plan.account.annual_revenue == before.account.annual_revenue  # the portfolio's unit
    objective = plan.rows("objectives.financial")[0]
    assert objective.get("target") == before.rows("objectives.financial")[0].get("target")
    session.undo()
    assert plan.currency == before.currency
    assert plan.tables == before.tables
    session.redo()
    assert plan.money.scale == 1_000_000


def test_a_new_currency_converts_at_the_rate_given_or_only_relabels():
    plan = full_plan()
    value = plan.rows("strategy.opportunities")[0].get("value")
    converted = plan.copy()
    change_unit(converted, MoneyUnit("USD", 1_000), 0.14).apply(converted)
    assert converted.rows("strategy.opportunities")[0].get("value") == pytest.approx(value * 10 * 0.14)
    assert converted.currency == "USD k"
    relabelled = plan.copy()
    change_unit(relabelled, MoneyUnit("USD", 10_000), None).apply(relabelled)
    assert relabelled.rows("strategy.opportunities")[0].get("value") == value
    assert relabelled.currency == "USD 10k"  # written as the unit's code
    with pytest.raises(ValueError):
        change_unit(plan, MoneyUnit("USD", 1_000), 0)
    with pytest.raises(ValueError):
        change_unit(plan, MoneyUnit("CNY", 1_000), 7.0)  # same currency: no rate


def test_a_currency_edit_refuses_a_text_that_names_no_unit():
    plan = full_plan()
    with pytest.raises(EditError):
        SetCurrency(plan.currency, "bananas").apply(plan)


# ---- the plan file


def test_the_unit_goes_through_a_plan_file_as_written():
    plan = full_plan()
    change_unit(plan, MoneyUnit("EUR", 1_000_000), 0.0001).apply(plan)
    again = planfile.loads(planfile.dumps(plan))
    assert again.currency == "EUR m"
    assert again.money == MoneyUnit("EUR", 1_000_000)
    assert again.tables == plan.tables


def test_an_old_file_without_a_unit_is_in_wan_yuan_and_keeps_its_fingerprint():
    plan = full_plan()
    plan.currency = "万元"
    document = planfile.to_document(plan)
    del document["plan"]["currency"]
    import json

    old = planfile.loads(json.dumps(document, ensure_ascii=False))
    assert old.money == WAN
    assert planfile.fingerprint(old) == planfile.fingerprint(plan)  # kept as 万元, not rewritten


def test_a_file_whose_unit_names_none_keeps_its_text_and_reads_as_wan_yuan():
    plan = full_plan()
    plan.currency = "bananas"
    again = planfile.loads(planfile.dumps(plan))
    assert again.currency == "bananas"
    assert again.money == WAN


def test_a_heading_takes_its_unit_in_each_languages_brackets():
    from kamplanner.domain.money import with_unit

    assert with_unit("价值", WAN, "zh_CN") == "价值（万元）"
    assert with_unit("Value", MoneyUnit("USD", 1_000_000), "en") == "Value (USD m)"


def test_a_unit_changed_elsewhere_meanwhile_collides_instead_of_being_written_over():
    from kamplanner.domain.rebase import rebase

    plan = full_plan()
    ours = change_unit(plan, MoneyUnit("CNY", 1_000))
    fresh = full_plan()
    SetCurrency(fresh.currency, "USD 10k").apply(fresh)
    result = rebase(fresh, [ours])
    assert [c.where for c in result.collisions] == ["plan.currency"]
    assert fresh.currency == "USD 10k"
    untouched = full_plan()
    assert rebase(untouched, [ours]).collisions == [] and untouched.currency == "CNY k"
