"""Plan health and qualification on screen: the navigator's mark and tooltip, the questions
behind a toggle in the opportunities table, and the PDF's stage column."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kamplanner.domain.audience import Audience
from kamplanner.domain.template import OPPORTUNITIES, QUALIFICATION_QUESTIONS, TEMPLATE
from kamplanner.report import render_plan
from kamplanner.ui.document import PlanDocument
from kamplanner.ui.navigator import Navigator
from kamplanner.ui.record_table import RecordTable
from tests.factories import full_plan
from tests.report.helpers import pages_text
from tests.ui.conftest import GRID, plan_id_named


def outline_row(navigator: Navigator, key: str):
    model = navigator.outline_model
    return model.index(model.row_of(key), 1)


def test_the_navigator_marks_sections_with_failing_checks_and_lists_them(qtbot, ui_language, demo_portfolio):
    navigator = Navigator("en")
    qtbot.addWidget(navigator)
    document = PlanDocument(demo_portfolio, demo_portfolio.load_plan(plan_id_named(demo_portfolio, GRID)))
    navigator.set_document(document)
    appendix = outline_row(navigator, "appendix")
    assert "⚠ health" in appendix.data()
    tip = appendix.data(Qt.ItemDataRole.ToolTipRole)
    assert "Plan health:" in tip
    assert (
        "⚠ Every doubting or opposing decision maker has an action aimed at them: no action is aimed at: 唐卫东 (D)"
        in tip
    )
    assert "not yet qualified: 营销系统核心模块升级" in outline_row(navigator, "strategy").data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "health" not in (outline_row(navigator, "forecast").data() or "")  # its forecast meets the target
    # Aim an action at him: the mark goes.
    plan = document.plan
    plan.row("action_plan.actions", "a2").values["aimed_at"] = "s6"
    document.issuesChanged.emit()
    assert "health" not in (outline_row(navigator, "appendix").data() or "")


def test_the_qualification_questions_hide_behind_a_toggle(qtbot, ui_language, document):
    table = RecordTable(TEMPLATE.table(OPPORTUNITIES), "en")
    qtbot.addWidget(table)
    table.set_document(document)
    keys = TEMPLATE.table(OPPORTUNITIES).column_keys
    questions = [keys.index(k) for k in QUALIFICATION_QUESTIONS]
    assert all(table.view.isColumnHidden(c) for c in questions)
    assert not table.view.isColumnHidden(keys.index("stage"))
    qtbot.mouseClick(table.questions, Qt.MouseButton.LeftButton)
    assert not any(table.view.isColumnHidden(c) for c in questions)
    assert table.model.headerData(questions[0], Qt.Orientation.Horizontal) == "Pressure and need"
    assert table.model.index(0, keys.index("stage")).data() == "Ours"


def test_the_pdf_shows_stage_and_score_and_the_customer_version_neither():
    internal = " ".join(pages_text(render_plan(full_plan(), lang="en")))
    assert "Stage / score" in internal and "Ours 15/16" in internal
    assert "By stage: Potential" in internal
    customer = " ".join(pages_text(render_plan(full_plan(), lang="en", audience=Audience.CUSTOMER)))
    assert "Stage / score" not in customer and "15/16" not in customer and "Pressure and need" not in customer
