"""Accounts and plans from the window: duplicate, delete and restore, import and export, drop."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from kamplanner.domain.model import Phase, Tier
from kamplanner.ui.dialogs import DuplicatePlanDialog, ProblemsDialog

from .conftest import GRID, JADEWAVE, plan_id_named
from .helpers import answer, press_ok, when_shown


def drop_files(window, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)


def test_delete_asks_first_and_can_be_undone(window, qtbot):
    portfolio = window.workspace.portfolio
    doomed = window.document.plan_id
    title = window.document.title
    count = len(portfolio.list_plans())
    when_shown(QMessageBox, answer(QMessageBox.StandardButton.Cancel), match=lambda b: "Delete the plan" in b.text())
    window.delete_action.trigger()
    assert len(portfolio.list_plans()) == count

    def really(box):
        next(b for b in box.buttons() if b.text() == "Delete").click()

    when_shown(QMessageBox, really, match=lambda b: "Delete the plan" in b.text())
    window.delete_action.trigger()
    assert len(portfolio.list_plans()) == count - 1
    assert window.document is not None and window.document.plan_id != doomed
    assert window.info.isVisible() and title in window.info.text.text()
    assert window.restore_action.isEnabled()
    qtbot.mouseClick(window.info.action_button, Qt.MouseButton.LeftButton)
    assert len(portfolio.list_plans()) == count
    assert window.document.title == title
    assert not window.restore_action.isEnabled()


def test_duplicate_makes_next_years_plan(window, qtbot):
    source = window.document
    when_shown(DuplicatePlanDialog, press_ok)
    window.duplicate_action.trigger()
    copy = window.document
    assert copy.plan_id != source.plan_id
    assert copy.plan.year == source.plan.year + 1 and copy.plan.version == 1
    assert copy.plan.phase is Phase.PREPARATION
    assert copy.plan.text("summary.strategy") == source.plan.text("summary.strategy")


def test_dropping_plan_files_imports_them_and_shows_every_problem_of_a_bad_one(window, qtbot, tmp_path):
    portfolio = window.workspace.portfolio
    text = portfolio.export_json(plan_id_named(portfolio, JADEWAVE))
    document = json.loads(text)
    document["account"]["name"] = "Dropped Industries"
    del document["account"]["uuid"], document["plan"]["uuid"]  # another account's plan, not a copy of this one
    good = tmp_path / "dropped.json"
    good.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    document["plan"]["year"] = "next year"
    document["sections"]["strategy"]["opportunities"][0]["probability"] = "high"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    count = len(portfolio.list_plans())

    drop_files(window, [good])
    qtbot.waitUntil(lambda: window.document.plan.account.name == "Dropped Industries", timeout=3000)
    assert len(portfolio.list_plans()) == count + 1
    assert window.navigator.current_plan == window.document.plan_id

    drop_files(window, [bad])
    qtbot.waitUntil(lambda: isinstance(getattr(window.files, "problems_dialog", None), ProblemsDialog), timeout=3000)
    problems = window.files.problems_dialog.details.toPlainText()
    assert "plan.year" in problems
    assert "opportunities[0].probability" in problems
    assert len(portfolio.list_plans()) == count + 1
    window.files.problems_dialog.close()


def test_importing_over_an_existing_plan_asks_before_replacing(window, qtbot, tmp_path):
    portfolio = window.workspace.portfolio
    grid = plan_id_named(portfolio, GRID)
    document = json.loads(portfolio.export_json(grid))
    document["sections"]["summary"]["strategy"] = "Replaced from a file."
    path = tmp_path / "grid.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    window.open_plan(grid)
    when_shown(QMessageBox, answer(QMessageBox.StandardButton.Yes), match=lambda b: "Replace" in b.text())
    assert window.import_path(path) == grid
    assert window.document.plan.text("summary.strategy") == "Replaced from a file."
    assert window.editor.field_widget("summary.strategy").editor.toPlainText() == "Replaced from a file."
    assert portfolio.load_plan(grid).text("summary.strategy") == "Replaced from a file."


def test_export_plan_file_round_trips(window, tmp_path):
    path = tmp_path / "out.json"
    window.workspace.export_file(window.document.plan_id, path)
    assert json.loads(path.read_text("utf-8"))["account"]["name"] == window.document.plan.account.name


def test_navigator_filters_by_tier_phase_manager_and_name(window, qtbot):
    nav = window.navigator

    def shown_accounts():
        return [nav.proxy.index(r, 0).data() for r in range(nav.proxy.rowCount())]

    everyone = shown_accounts()
    assert len(everyone) == len(window.workspace.accounts)
    nav.tier.setCurrentIndex(nav.tier.findData(Tier.GENERAL))
    assert shown_accounts() and all(
        a.tier is Tier.GENERAL for a in window.workspace.accounts if a.name in shown_accounts()
    )
    nav.tier.setCurrentIndex(0)
    nav.phase.setCurrentIndex(nav.phase.findData(Phase.MONITORING))
    assert shown_accounts() == ["浦瀚联合银行"]
    nav.phase.setCurrentIndex(0)
    manager = window.workspace.accounts[0].manager
    nav.manager.setCurrentIndex(nav.manager.findData(manager))
    assert all(a.manager == manager for a in window.workspace.accounts if a.name in shown_accounts())
    nav.manager.setCurrentIndex(0)
    window.find_action.trigger()
    qtbot.keyClicks(nav.search, "jade")
    assert shown_accounts() == [JADEWAVE]
    nav.search.clear()
    assert shown_accounts() == everyone


def test_the_outline_lists_what_is_still_empty_and_goes_there(window, qtbot):
    window.open_plan(plan_id_named(window.workspace.portfolio, "安澜人寿保险股份有限公司"))
    outline = window.navigator.outline_model
    row = outline.row_of("summary")
    parent = outline.index(row, 0)
    assert outline.rowCount(parent) == 3
    assert "3 empty" in outline.data(outline.index(row, 1))
    missing = outline.index(0, 0, parent)
    assert missing.data() == "Strategy in brief"
    window.navigator.outline.clicked.emit(missing)
    editor = window.editor.field_widget("summary.strategy").editor
    assert window.editor.current == "summary"
    editor.setFocus()
    qtbot.keyClicks(editor, "Now written.")
    window.document.check_now()
    assert outline.rowCount(outline.index(row, 0)) == 2
    window.workspace.flush_all()
    summary = window.workspace.summary(window.document.plan_id)
    assert summary.completeness == window.document.completeness_percent > 10


def test_the_cycle_panel_and_dashboard_open_from_the_view_menu(window, qtbot):
    assert window.cycle_panel is None and window.dashboard is None  # nothing loaded at start
    qtbot.mouseClick(window.phase_label, Qt.MouseButton.LeftButton)
    assert window.cycle_panel is not None and window.cycle_dock.isVisible()
    window.dashboard_action.trigger()
    assert window.dashboard is not None and window.dashboard_dock.isVisible()
    grid = plan_id_named(window.workspace.portfolio, GRID)
    window.dashboard.openPlan.emit(grid)
    assert window.document.plan_id == grid


def test_dropping_a_plan_pdf_imports_the_plan_it_carries(window, qtbot, tmp_path):
    portfolio = window.workspace.portfolio
    grid = plan_id_named(portfolio, GRID)
    pdf = tmp_path / "from someone else.pdf"
    pdf.write_bytes(portfolio.render_pdf(grid))
    other = tmp_path / "other.pdf"
    other.write_bytes(pdf.read_bytes().replace(b"/Keywords", b"/Keywordz", 1))  # its fingerprint gone
    count = len(portfolio.list_plans())
    drop_files(window, [other])
    qtbot.waitUntil(lambda: isinstance(getattr(window.files, "problems_dialog", None), ProblemsDialog), timeout=8000)
    assert "does not match the plan it carries" in window.files.problems_dialog.details.toPlainText()
    window.files.problems_dialog.close()
    assert len(portfolio.list_plans()) == count
    portfolio.delete_plan(grid)  # the PDF is all that is left of the plan: it brings it back
    drop_files(window, [pdf])
    qtbot.waitUntil(lambda: window.document is not None and window.document.plan.account.name == GRID, timeout=8000)
    assert len(portfolio.list_plans()) == count
