"""File ▸ Import Workbook: the preview lists what changes; Apply writes it, Cancel does not."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QDialogButtonBox

from kamplanner.domain.template import OPPORTUNITIES
from kamplanner.ui.dialogs import ProblemsDialog
from kamplanner.ui.workbook_flow import WorkbookPreview


def _edited(path, cell: str, value) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.load_workbook(path)
    book["Opportunities"][cell] = value
    book.save(path)


def test_the_preview_lists_the_changes_and_apply_writes_them(editable_window, qtbot, tmp_path):
    window = editable_window
    flows = window.files.workbook
    document = window.document
    plan_id = document.plan_id
    portfolio = window.workspace.portfolio
    path = tmp_path / "plan.xlsx"
    assert flows.export_to(path) == path
    first = document.plan.rows(OPPORTUNITIES)[0]
    _edited(path, "D2", 4321)
    before = portfolio.load_plan(plan_id).version

    dialog = flows.import_path(path)
    assert isinstance(dialog, WorkbookPreview) and dialog.isVisible()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "Opportunities!D2"
    assert dialog.table.item(0, 3).text() == "4,321"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert portfolio.load_plan(plan_id).version == before

    dialog = flows.import_path(path)
    dialog.apply_button.click()
    stored = portfolio.load_plan(plan_id)
    assert stored.version > before and stored.row(OPPORTUNITIES, first.key).get("value") == 4321.0
    qtbot.waitUntil(lambda: window.document.plan.row(OPPORTUNITIES, first.key).get("value") == 4321.0, timeout=3000)


def test_a_refused_workbook_shows_its_problems_and_writes_nothing(editable_window, tmp_path):
    window = editable_window
    flows = window.files.workbook
    plan_id = window.document.plan_id
    path = tmp_path / "plan.xlsx"
    flows.export_to(path)
    _edited(path, "D2", "a lot")
    before = window.workspace.portfolio.load_plan(plan_id).version
    dialog = flows.import_path(path)
    assert isinstance(dialog, ProblemsDialog)
    assert dialog.details.toPlainText() == 'Opportunities!D2: expected a number, got "a lot"'
    assert window.workspace.portfolio.load_plan(plan_id).version == before
    dialog.close()


def test_the_file_menu_has_the_workbook_commands(editable_window):
    texts = [a.text() for a in editable_window.menuBar().actions()[0].menu().actions()]
    assert "Export &Workbook…" in texts and "Import W&orkbook…" in texts
