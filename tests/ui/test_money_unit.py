"""Money fields show the plan's unit, in the interface's language: record headers, the forecast
grid, the matrix, the account's revenue; Edit ▸ Currency and Unit… converts in one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kamplanner.domain.model import Account, Record
from kamplanner.domain.money import MoneyUnit
from kamplanner.domain.template import FORECAST, OPPORTUNITIES, TEMPLATE
from kamplanner.ui import i18n
from kamplanner.ui.dialogs import NewAccountDialog, NewPlanDialog
from kamplanner.ui.money_fields import MoneyUnitDialog

from .conftest import GRID, JADEWAVE, plan_id_named
from .helpers import press_ok, when_shown

BUDGET = "team.budget"


def header(window, path: str, key: str) -> str:
    model = window.editor.field_widget(path).editor.model
    return model.headerData(TEMPLATE.table(path).column_keys.index(key), Qt.Orientation.Horizontal)


def test_money_headers_and_the_grid_say_the_unit_in_english(window):
    window.open_plan(plan_id_named(window.workspace.portfolio, GRID))  # stored as 万元
    window.show_section("strategy")
    assert header(window, OPPORTUNITIES, "value") == "Value (CNY 10k) *"
    assert header(window, OPPORTUNITIES, "probability") == "Probability *"  # not money
    window.show_section("forecast")
    grid = window.editor.field_widget(FORECAST).editor
    assert grid.currency.text() == "in CNY 10k"
    assert "万元" not in grid.currency.text()
    window.show_section("strategy")
    matrix = window.editor.field_widget(OPPORTUNITIES).chart
    assert matrix.value_axis_title() == "Value (CNY 10k) →"


def test_money_headers_and_the_grid_say_the_unit_in_chinese(make_window, demo_portfolio):
    i18n.install("zh_CN")
    window = make_window(demo_portfolio)
    window.open_plan(plan_id_named(demo_portfolio, JADEWAVE))  # stored as CNY 10k
    window.show_section("strategy")
    assert header(window, OPPORTUNITIES, "value") == "价值（万元） *"
    window.show_section("team")
    assert header(window, BUDGET, "amount") == "金额（万元） *"
    window.show_section("forecast")
    assert window.editor.field_widget(FORECAST).editor.currency.text() == "单位：万元"
    window.show_section("account")
    page = window.editor.page("account")
    assert page.fields.revenue_unit.text() == "万元"
    assert page.currency.text() == "万元（CNY）"
    window.show_section("strategy")
    assert window.editor.field_widget(OPPORTUNITIES).chart.value_axis_title() == "价值（万元） →"


def test_changing_the_unit_converts_everything_and_one_undo_reverts_it(editable_window, qtbot):
    window = editable_window
    document = window.document
    window.show_section("strategy")
    before = document.plan.copy()
    values = [r.get("value") for r in before.rows(OPPORTUNITIES)]
    forecast = [r.get("revenue") for r in before.rows(FORECAST)]

    def choose_millions(dialog):
        assert isinstance(dialog, MoneyUnitDialog)
        dialog.fields.scale.setCurrentIndex(dialog.fields.scale.findData(1_000_000))
        assert "1,250 CNY 10k becomes 12.5 CNY m" in dialog.example.text()
        assert not dialog.rate_row.isVisible()  # the currency stays: no rate to ask
        press_ok(dialog)

    when_shown(MoneyUnitDialog, choose_millions)
    window.money_unit_action.trigger()
    qtbot.waitUntil(lambda: document.plan.currency == "CNY m", timeout=5000)
    assert [r.get("value") for r in document.plan.rows(OPPORTUNITIES)] == [v / 100 for v in values]
    assert [r.get("revenue") for r in document.plan.rows(FORECAST)] == [v / 100 for v in forecast]
    assert header(window, OPPORTUNITIES, "value") == "Value (CNY m) *"
    window.show_section("forecast")
    grid = window.editor.field_widget(FORECAST).editor
    assert grid.currency.text() == "in CNY m"
    pivot = grid.pivot
    cells = [pivot.data(pivot.index(r, c)) for r in range(pivot.rowCount()) for c in range(2, pivot.columnCount())]
    assert "141" in cells and "3.5" in cells  # 14,100 and 350 万元, in millions
    assert document.plan.account.annual_revenue == before.account.annual_revenue

    window.undo_action.trigger()  # one step
    assert document.plan.currency == before.currency
    assert document.plan.tables == before.tables
    assert window.editor.field_widget(FORECAST).editor.currency.text() == "in CNY 10k"
    window.show_section("strategy")
    assert header(window, OPPORTUNITIES, "value") == "Value (CNY 10k) *"
    window.redo_action.trigger()
    assert document.plan.currency == "CNY m"
    document.flush()
    stored = window.workspace.portfolio.load_plan(document.plan_id)
    assert stored.currency == "CNY m" and stored.tables == document.plan.tables


def test_a_new_currency_asks_for_a_rate_or_only_relabels(document, qtbot):
    dialog = MoneyUnitDialog(document, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields.currency.setCurrentIndex(dialog.fields.currency.findData("USD"))
    dialog.fields.scale.setCurrentIndex(dialog.fields.scale.findData(1_000))
    assert dialog.rate_row.isVisible()
    dialog.rate.setValue(0.14)
    assert dialog.rate_value() == 0.14
    assert "1,250 CNY 10k becomes 1,750 USD k" in dialog.example.text()
    dialog.relabel.setChecked(True)
    assert dialog.rate_value() is None
    value = document.plan.rows(OPPORTUNITIES)[0].get("value")
    press_ok(dialog)
    assert document.plan.money == MoneyUnit("USD", 1_000)
    assert document.plan.rows(OPPORTUNITIES)[0].get("value") == value  # only the name changed


def test_the_account_revenue_shows_its_unit_and_reads_back_what_was_typed(qtbot, ui_language):
    dialog = NewAccountDialog("en", set(), [], "Sarah Lin")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.fields.revenue_unit.text() == "CNY 10k"
    assert dialog.fields.revenue_unit.isVisible()
    # the user who means yuan sees at once what the field understood
    qtbot.keyClicks(dialog.fields.annual_revenue, "12,500,000")
    assert dialog.fields.revenue_hint.text() == "= CNY 125,000,000,000"
    dialog.fields.annual_revenue.setText("12,500,000元")
    assert dialog.fields.revenue_hint.text() == "= CNY 12,500,000"
    assert dialog.fields.revenue_value() == 1250
    for typed in ("1250万", "12.5m", "12.5 million"):
        dialog.fields.annual_revenue.setText(typed)
        assert dialog.fields.revenue_value() == 1250, typed


def test_the_account_revenue_unit_in_chinese(qtbot, qapp):
    i18n.install("zh_CN")
    try:
        dialog = NewAccountDialog("zh_CN", set(), [], "李明")
        qtbot.addWidget(dialog)
        assert dialog.fields.revenue_unit.text() == "万元"
        dialog.fields.annual_revenue.setText("1250")
        assert dialog.fields.revenue_hint.text() == "= 12,500,000 元"
    finally:
        i18n.install("en")


def test_a_new_plan_takes_the_unit_chosen(window, qtbot):
    portfolio = window.workspace.portfolio
    account_id = portfolio.add_account(Account("Fabrikam"))
    dialog = NewPlanDialog([Account("Fabrikam", id=account_id)], {}, account_id, "en")
    qtbot.addWidget(dialog)
    assert dialog.money.unit() == MoneyUnit("CNY", 10_000)
    dialog.money.set_unit(MoneyUnit("EUR", 1_000))
    assert dialog.money.shown.text() == "EUR k"
    plan_id = window.plans.create_plan(account_id, 2028, "en", dialog.money.unit().code)
    assert portfolio.load_plan(plan_id).currency == "EUR k"
    window.show_section("strategy")
    assert header(window, OPPORTUNITIES, "value") == "Value (EUR k) *"


def test_the_empty_matrix_shows_no_value_ticks_and_small_values_distinct_ones(window):
    window.show_section("strategy")
    matrix = window.editor.field_widget(OPPORTUNITIES).chart
    document = window.document
    assert len(set(matrix.value_ticks())) == 5
    document.plan.tables[OPPORTUNITIES] = []
    assert matrix.value_ticks() == []
    matrix.grab()  # paints without a scale
    document.plan.tables[OPPORTUNITIES] = [Record("x1", {"name": "tiny", "value": 0.3, "probability": 40.0})]
    ticks = matrix.value_ticks()
    assert len(set(ticks)) == 5, ticks
