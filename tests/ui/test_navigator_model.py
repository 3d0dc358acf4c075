"""The navigator's models without widgets: the portfolio tree, its filter, the outline."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from kamplanner.domain.model import Phase, Tier
from kamplanner.domain.validation import section_completeness, validate
from kamplanner.domain.versions import VersionLabel
from kamplanner.ui.navigator_models import (
    COMPLETE,
    NAME,
    PERCENT_ROLE,
    PLAN_ID_ROLE,
    OutlineModel,
    PortfolioFilter,
    PortfolioModel,
)

from .conftest import GRID, plan_id_named


def loaded(portfolio) -> PortfolioModel:
    model = PortfolioModel("en")
    model.load(portfolio.list_accounts(), portfolio.list_plans())
    return model


def test_accounts_hold_their_plans(demo_portfolio, qapp):
    model = loaded(demo_portfolio)
    accounts = demo_portfolio.list_accounts()
    assert model.rowCount() == len(accounts)
    grid_id = plan_id_named(demo_portfolio, GRID)
    index = model.plan_index(grid_id)
    assert index.parent().data() == GRID
    assert index.data() == "2027 · Plan development"
    assert index.siblingAtColumn(COMPLETE).data(PERCENT_ROLE) == 100
    assert index.data(PLAN_ID_ROLE) == grid_id
    assert model.rowCount(index) == 0
    plans_without = [model.index(r, 0) for r in range(model.rowCount()) if not model.rowCount(model.index(r, 0))]
    assert len(plans_without) == len(accounts) - len(demo_portfolio.list_plans())


def test_a_save_updates_one_row_in_place(demo_portfolio, qtbot, qapp):
    model = loaded(demo_portfolio)
    grid_id = plan_id_named(demo_portfolio, GRID)
    index = model.plan_index(grid_id)
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.update_plan(grid_id, version=99, version_label=VersionLabel(7, True), completeness=42)
    assert changed.args[0] == index
    assert index.siblingAtColumn(COMPLETE).data() == "42%"
    assert " · Version 7 (draft) · 42% complete" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_the_filter(demo_portfolio, qapp):
    model = loaded(demo_portfolio)
    proxy = PortfolioFilter()
    proxy.setSourceModel(model)
    proxy.set_filters(phase=Phase.DEVELOPMENT)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [GRID]
    proxy.set_filters(tier=Tier.GENERAL)
    assert proxy.rowCount() == sum(1 for a in demo_portfolio.list_accounts() if a.tier is Tier.GENERAL)
    proxy.set_filters(text="电网")
    assert proxy.rowCount() == 1
    proxy.set_filters()
    assert proxy.rowCount() == model.rowCount()


def test_the_outline_counts_what_is_empty_and_wrong(demo_portfolio, ui_language):
    plan = demo_portfolio.load_plan(plan_id_named(demo_portfolio, GRID))
    plan.prose["summary.risks"] = ""
    plan.rows("strategy.opportunities")[0].values["probability"] = 150.0
    outline = OutlineModel("en")
    outline.update(section_completeness(plan), validate(plan))
    summary = outline.index(outline.row_of("summary"), 0)
    assert outline.rowCount(summary) == 1
    assert outline.index(0, 0, summary).data() == "Risks in brief"
    assert summary.siblingAtColumn(1).data() == "1 empty"
    strategy = outline.index(outline.row_of("strategy"), 1)
    assert strategy.data() == "1 problem"
    assert outline.index(outline.row_of("team"), 1).data() == "✓"
    assert outline.rowCount(QModelIndex()) == 9 and outline.index(0, NAME).data() == "Account facts"
