"""The account's facts: the New Account dialog and the account page ask the same things and
refuse the same mistakes, with a message that names the field."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kamplanner.domain.model import Tier
from kamplanner.ui.dialogs import NewAccountDialog

from .conftest import JADEWAVE, plan_id_named, send_back
from .helpers import press_ok


def test_new_account_refuses_a_taken_name_and_a_revenue_that_is_no_number(qtbot, ui_language):
    dialog = NewAccountDialog("en", {"Existing Co"}, ["Sarah Lin", "李明"], "李明")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.manager.text() == "李明"

    qtbot.keyClicks(dialog.name, "Existing Co")
    press_ok(dialog)
    assert dialog.isVisible() and not dialog.result()
    assert dialog.problem.text() == "There is already an account named Existing Co."

    dialog.name.setText("North Star Logistics")
    qtbot.keyClicks(dialog.fields.annual_revenue, "twelve million")  # "12 million" is an amount now
    press_ok(dialog)
    assert dialog.isVisible()
    assert dialog.problem.text() == "Our annual revenue from it: expected a number, got 'twelve million'"
    assert dialog.focusWidget() is dialog.fields.annual_revenue

    dialog.fields.annual_revenue.setText("12,500,000")
    dialog.tier.setCurrentIndex(dialog.tier.findData("important"))
    press_ok(dialog)
    assert dialog.result()
    account = dialog.account()
    assert account.name == "North Star Logistics" and account.tier is Tier.IMPORTANT
    assert account.annual_revenue == 12_500_000 and account.customer_since is None
    assert account.manager == "李明"


def test_the_account_page_edits_the_account_with_undo(make_window, demo_portfolio, qtbot):
    # The Jadewave plan opens first on a new portfolio; under review it is read-only, so it is sent back first.
    send_back(demo_portfolio, plan_id_named(demo_portfolio, JADEWAVE))
    window = make_window(demo_portfolio)
    document = window.document
    window.editor.show_section("account")
    page = window.editor.page("account")
    original = document.plan.account
    assert page.annual_revenue.text().replace(",", "") == f"{original.annual_revenue:.0f}"

    page.industry.setFocus()
    page.industry.selectAll()
    qtbot.keyClicks(page.industry, "Cold-chain logistics")
    qtbot.keyClick(page.industry, Qt.Key.Key_Tab)
    assert document.plan.account.industry == "Cold-chain logistics"

    problems: list[str] = []
    document.problem.connect(problems.append)
    page.annual_revenue.setText("lots")
    page.annual_revenue.editingFinished.emit()
    assert problems == ["Our annual revenue from it: expected a number, got 'lots'"]
    assert document.plan.account.annual_revenue == original.annual_revenue

    page.annual_revenue.setText("3,400,000")
    page.annual_revenue.editingFinished.emit()
    assert document.plan.account.annual_revenue == 3_400_000

    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.plan.account.annual_revenue == original.annual_revenue
    assert document.plan.account.industry == original.industry
    assert page.industry.text() == original.industry
