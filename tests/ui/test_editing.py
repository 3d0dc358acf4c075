"""The editor driven through its real widgets on a real temporary database.

One long story, like a morning's work: make an account and a plan, write prose, fill tables
and the forecast grid, make a mistake and undo it, switch plans and come back, see a
validation message — then open the database afresh and find every edit there.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QMessageBox

from kamplanner.domain import rich
from kamplanner.domain.template import FORECAST, OPPORTUNITIES
from kamplanner.services import Portfolio
from kamplanner.store.database import Database
from kamplanner.ui.autosave import SaveState
from kamplanner.ui.dialogs import NewAccountDialog, NewPlanDialog
from kamplanner.ui.forecast_grid import FIRST_YEAR

from .conftest import GRID, JADEWAVE, plan_id_named
from .helpers import answer, commit, edit_cell, press_ok, type_into_cell, type_over_cell, when_shown

ACTIONS = "action_plan.actions"


def saved(qtbot, document) -> None:
    qtbot.waitUntil(lambda: document.save_state is SaveState.SAVED and not document.autosave.pending, timeout=3000)


def column(model, key: str) -> int:
    return model.table.column_keys.index(key)


def test_a_mornings_work_reaches_the_database(window, qtbot, db_path):
    # ---- a new account and a plan for it, through the dialogs
    def fill_account(dialog):
        qtbot.keyClicks(dialog.name, "Test Retail")
        dialog.name.insert(" 测试零售")  # Chinese comes through the input method, not key by key
        qtbot.keyClicks(dialog.industry, "Retail")
        dialog.tier.setCurrentIndex(1)
        press_ok(dialog)

    def fill_plan(dialog):
        assert dialog.account.currentText() == "Test Retail 测试零售"
        dialog.year.setValue(2028)
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        press_ok(dialog)

    when_shown(NewAccountDialog, fill_account)
    when_shown(QMessageBox, answer(QMessageBox.StandardButton.Yes), match=lambda b: "Make a plan" in b.text())
    when_shown(NewPlanDialog, fill_plan)
    window.new_account_action.trigger()
    document = window.document
    assert document.plan.account.name == "Test Retail 测试零售"
    assert document.plan.year == 2028 and document.plan.language == "en"
    new_plan_id = document.plan_id
    assert window.navigator.current_plan == new_plan_id
    assert window.editor.title.text() == "Test Retail 测试零售 — 2028 plan"

    # ---- prose, with the bold key and a bulleted list
    field = window.editor.field_widget("summary.strategy")
    editor = field.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "We win on ")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "service")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # bold off again, as in Word
    qtbot.keyClicks(editor, ".")
    assert document.plan.text("summary.strategy") == "We win on **service**."
    risks = window.editor.field_widget("summary.risks").editor
    risks.setFocus()
    qtbot.keyClicks(risks, "Price war")
    qtbot.keyClick(risks, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(risks, Qt.Key.Key_Return)
    qtbot.keyClicks(risks, "Late delivery")
    assert document.plan.text("summary.risks") == "- Price war\n- Late delivery"
    saved(qtbot, document)
    assert window.save_label.text().endswith("Saved")

    # ---- a team member, then an action item owned by them (choice, reference, date, flag)
    members = window.editor.field_widget("team.members").editor
    members.view.add_row()
    type_into_cell(qtbot, members.view, members.model.index(0, column(members.model, "name")), "Li Na")
    type_into_cell(qtbot, members.view, members.model.index(0, column(members.model, "function")), "Architect")
    actions = window.editor.field_widget(ACTIONS).editor
    qtbot.mouseClick(actions.buttons.itemAt(0).widget(), Qt.MouseButton.LeftButton)
    model = actions.model
    assert len(document.plan.rows(ACTIONS)) == 1
    type_into_cell(qtbot, actions.view, model.index(0, column(model, "description")), "Visit the CIO")
    category = edit_cell(qtbot, actions.view, model.index(0, column(model, "category")))
    assert isinstance(category, QComboBox)
    category.setCurrentIndex(category.findData("relationship"))
    commit(qtbot, actions.view, model.index(0, column(model, "category")), category)
    owner = edit_cell(qtbot, actions.view, model.index(0, column(model, "owner")))
    assert [owner.itemText(i) for i in range(owner.count())] == ["", "Li Na"]
    owner.setCurrentIndex(1)
    commit(qtbot, actions.view, model.index(0, column(model, "owner")), owner)
    due = edit_cell(qtbot, actions.view, model.index(0, column(model, "due")))
    assert isinstance(due, QDateEdit)
    due.setDate(dt.date(2028, 3, 31))
    commit(qtbot, actions.view, model.index(0, column(model, "due")), due)
    actions.view.setCurrentIndex(model.index(0, column(model, "milestone")))
    qtbot.keyClick(actions.view, Qt.Key.Key_Space)
    row = document.plan.rows(ACTIONS)[0]
    member_key = document.plan.rows("team.members")[0].key
    assert row.values == {
        "horizon": "year1",
        "status": "planned",
        "description": "Visit the CIO",
        "category": "relationship",
        "owner": member_key,
        "due": dt.date(2028, 3, 31),
        "milestone": True,
    }
    assert model.data(model.index(0, column(model, "owner"))) == "Li Na"

    # ---- an opportunity with an impossible probability: the cell says what is wrong
    opportunities = window.editor.field_widget(OPPORTUNITIES).editor
    opportunities.view.add_row()
    om = opportunities.model
    type_over_cell(qtbot, opportunities.view, om.index(0, column(om, "name")), "Store IoT")
    type_into_cell(qtbot, opportunities.view, om.index(0, column(om, "value")), "1,200")
    type_into_cell(qtbot, opportunities.view, om.index(0, column(om, "probability")), "150")
    with qtbot.waitSignal(document.issuesChanged, timeout=2000):
        pass
    tip = om.data(om.index(0, column(om, "probability")), Qt.ItemDataRole.ToolTipRole)
    assert "Probability must be at most 100 %" in tip
    outline = window.navigator.outline_model
    strategy_row = outline.row_of("strategy")
    assert "1 problem" in outline.data(outline.index(strategy_row, 1))
    # ... fixed at once
    type_into_cell(qtbot, opportunities.view, om.index(0, column(om, "probability")), "60")
    document.check_now()
    assert om.data(om.index(0, column(om, "probability")), Qt.ItemDataRole.ToolTipRole) is None

    # ---- the forecast grid: type a figure, add a line and fill it; totals follow
    grid = window.editor.field_widget(FORECAST).editor
    pivot = grid.pivot
    line = pivot.add_line("East", "Cloud")
    type_into_cell(qtbot, grid.grid, pivot.index(line, FIRST_YEAR), "500")
    type_into_cell(qtbot, grid.grid, pivot.index(line, FIRST_YEAR + 1), "650")
    line2 = pivot.add_line("West", "Cloud")
    type_over_cell(qtbot, grid.grid, pivot.index(line2, FIRST_YEAR), "100")
    rows = {(r.get("year"), r.get("region"), r.get("platform")): r.get("revenue") for r in document.plan.rows(FORECAST)}
    assert rows == {(2028, "East", "Cloud"): 500.0, (2029, "East", "Cloud"): 650.0, (2028, "West", "Cloud"): 100.0}
    total_row = pivot.rowCount() - 1
    assert pivot.data(pivot.index(total_row, FIRST_YEAR)) == "600"
    assert pivot.data(pivot.index(line, pivot.columnCount() - 1)) == "1,150"
    type_into_cell(qtbot, grid.grid, pivot.index(line, FIRST_YEAR), "550")
    assert pivot.data(pivot.index(total_row, pivot.columnCount() - 1)) == "1,300"

    # ---- a mistake, undone and redone
    type_into_cell(qtbot, grid.grid, pivot.index(line2, FIRST_YEAR), "")  # clears: the record goes
    assert len(document.plan.rows(FORECAST)) == 2
    window.undo_action.trigger()
    assert len(document.plan.rows(FORECAST)) == 3
    window.redo_action.trigger()
    window.undo_action.trigger()
    assert pivot.data(pivot.index(line2, FIRST_YEAR)) == "100"
    editor.setFocus()
    qtbot.keyClicks(editor, " Oops")
    assert document.plan.text("summary.strategy").endswith("Oops")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.plan.text("summary.strategy") == "We win on **service**."
    assert editor.markdown() == "We win on **service**." and editor.toPlainText() == "We win on service."
    saved(qtbot, document)

    # ---- switch to another plan and back: the undo history is still there
    other = plan_id_named(window.workspace.portfolio, GRID)
    proxy_index = window.navigator.proxy.mapFromSource(window.navigator.model.plan_index(other))
    window.navigator.tree.setCurrentIndex(proxy_index)
    assert window.document.plan_id == other
    assert window.editor.title.text().startswith(GRID)
    assert window.workspace.undo_group.activeStack() is window.document.undo_stack
    back = window.navigator.proxy.mapFromSource(window.navigator.model.plan_index(new_plan_id))
    window.navigator.tree.setCurrentIndex(back)
    assert window.document is document and document.undo_stack.count() > 5

    # ---- the portfolio row shows the new completeness and version
    document.check_now()
    summary = window.workspace.summary(new_plan_id)
    assert summary.version == document.plan.version > 1
    assert summary.completeness == document.completeness_percent > 0

    # ---- a fresh connection to the same file finds every edit
    window.workspace.flush_all()
    database = Database.open(db_path)
    try:
        plan = Portfolio(database).load_plan(new_plan_id)
    finally:
        database.close()
    assert plan.account.name == "Test Retail 测试零售" and plan.year == 2028
    assert plan.text("summary.strategy") == "We win on **service**."
    assert plan.text("summary.risks") == "- Price war\n- Late delivery"
    assert plan.rows("team.members")[0].values == {"name": "Li Na", "function": "Architect"}
    assert plan.rows(ACTIONS)[0].values == row.values
    assert plan.rows(OPPORTUNITIES)[0].values == {"name": "Store IoT", "value": 1200.0, "probability": 60.0}
    stored = {(r.get("year"), r.get("region"), r.get("platform")): r.get("revenue") for r in plan.rows(FORECAST)}
    assert stored == {(2028, "East", "Cloud"): 550.0, (2029, "East", "Cloud"): 650.0, (2028, "West", "Cloud"): 100.0}
    assert plan.version == document.plan.version


def test_switching_plans_keeps_the_navigator_and_each_plans_undo(window, qtbot):
    portfolio = window.workspace.portfolio
    # A plan in development: the one the window opens (Jadewave) is under review, read-only.
    window.open_plan(plan_id_named(portfolio, GRID))
    first = window.document
    first_id = first.plan_id
    field = window.editor.field_widget("summary.objectives")
    field.editor.setFocus()
    qtbot.keyClick(field.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.editor, " More.")
    other = plan_id_named(portfolio, "浦瀚联合银行")
    window.open_plan(other)
    assert window.editor.field_widget("summary.objectives").editor.markdown() == rich.markdown(
        rich.lines(window.document.plan.text("summary.objectives"))
    )
    assert not window.undo_action.isEnabled()
    window.open_plan(first_id)
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert not first.plan.text("summary.objectives").endswith("More.")
    assert window.navigator.tree.currentIndex().data().startswith(str(first.plan.year))


def test_the_window_reopens_the_last_plan_and_its_layout(make_window, demo_portfolio, qtbot):
    window = make_window(demo_portfolio)
    grid = plan_id_named(demo_portfolio, GRID)
    window.open_plan(grid)
    window.show_section("forecast")
    window.resize(700, 520)  # the offscreen screen is small: stay inside it
    window.close()
    again = make_window(demo_portfolio)
    assert again.document.plan_id == grid
    assert again.editor.current == "forecast"
    assert again.navigator.outline.currentIndex().data().endswith(window.editor.page("forecast").section.label("en"))
    assert (again.width(), again.height()) == (700, 520)


def test_jadewave_is_english_and_opens_first_on_a_new_portfolio(window):
    assert window.document.plan.account.name == JADEWAVE


def test_pages_let_go_of_plans_closed_while_they_were_hidden(window, qtbot, monkeypatch):
    from kamplanner.ui import workspace

    first = window.document.plan_id
    for section in ("team", "forecast", "appendix", "account"):
        window.show_section(section)  # these pages now show the first plan
    window.show_section("summary")
    monkeypatch.setattr(workspace, "KEEP_OPEN", 1)  # so the first plan is closed on the next switch
    for summary in window.workspace.summaries:
        window.open_plan(summary.id)
    qtbot.wait(20)  # the closed documents are deleted
    for section in ("team", "forecast", "appendix", "account"):
        window.show_section(section)
    window.open_plan(first)
    window.show_section("team")
    members = window.editor.field_widget("team.members").editor
    assert members.model.rowCount() == len(window.document.plan.rows("team.members"))
