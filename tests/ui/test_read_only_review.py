"""A plan under senior review is read-only for its account manager, until it is sent back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kamplanner.domain.cycle import Decision, Review, ReviewAnswer
from kamplanner.domain.model import Phase
from kamplanner.domain.template import ACTIONS
from tests.ui.conftest import JADEWAVE, plan_id_named


def test_typing_into_a_plan_under_review_changes_nothing_until_it_is_sent_back(window, qtbot):
    import datetime as dt

    portfolio = window.workspace.portfolio
    plan_id = plan_id_named(portfolio, JADEWAVE)
    window.open_plan(plan_id)
    assert window.document.plan.phase is Phase.REVIEW
    editor = window.editor
    assert editor.read_only and editor.banner.isVisible()
    assert editor.banner.text().startswith("Under senior review since ")
    assert "read-only until sent back" in editor.banner.text()
    before = portfolio.load_plan(plan_id)

    prose = editor.field_widget("summary.objectives").editor
    prose.setFocus()
    qtbot.keyClicks(prose, " More.")
    table = editor.field_widget(ACTIONS).editor
    view = table.view
    index = view.model().index(0, 2)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.indexWidget(index) is None  # no cell editor opens
    qtbot.keyClicks(view, "typed")
    window.workspace.flush_all()
    after = portfolio.load_plan(plan_id)
    assert after.version == before.version
    assert after.prose == before.prose and after.tables == before.tables

    # Sent back for changes: editable again.
    review = Review("Helen Zhou", "VP", dt.date(2026, 11, 23), after.version, Decision.CHANGES_REQUESTED, 3,
                    {"return": ReviewAnswer(False, "payback")})  # fmt: skip
    portfolio.record_review(plan_id, review)
    qtbot.waitUntil(lambda: window.document.plan.phase is Phase.DEVELOPMENT, timeout=3000)
    assert not editor.read_only and not editor.banner.isVisible()
    prose = editor.field_widget("summary.objectives").editor
    prose.setFocus()
    qtbot.keyClick(prose, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(prose, " More.")
    window.workspace.flush_all()
    assert portfolio.load_plan(plan_id).text("summary.objectives").endswith("More.")
