"""Comments a reviewer made on the plan's PDF in their PDF reader, dropped on the window: they
appear in the cycle panel's Comments tab, where the account manager answers and resolves them."""

from __future__ import annotations

from kamplanner.domain.comments import CommentStatus
from tests.test_review_from_pdf import reviewed
from tests.ui.test_portfolio_actions import drop_files


def test_a_reviewed_pdf_dropped_on_the_window_brings_its_comments(window, qtbot, tmp_path):
    portfolio = window.workspace.portfolio
    plan_id = window.document.plan_id
    back = tmp_path / "reviewed.pdf"
    back.write_bytes(reviewed(portfolio.render_pdf(plan_id, lang="en")))

    drop_files(window, [back])
    qtbot.waitUntil(
        lambda: window.cycle_panel is not None and window.cycle_panel.comments.list.topLevelItemCount() == 3
    )
    panel = window.cycle_panel
    assert panel.tabs.currentWidget() is panel.comments
    assert panel.tabs.tabText(panel.tabs.indexOf(panel.comments)) == "Comments (3)"
    assert "3 review comments read from reviewed.pdf" in window.statusBar().currentMessage()
    rows = {
        panel.comments.list.topLevelItem(i).text(3): panel.comments.list.topLevelItem(i)
        for i in range(panel.comments.list.topLevelItemCount())
    }
    risk = rows["Add the price war in Jiangsu."]
    assert risk.text(1) == "3 Business risks › Effect of technology and other trends"
    assert risk.text(0) == "open" and risk.text(2) == "Helen Zhou"

    # Answer it, then resolve it: the review record keeps both.
    panel.comments.list.setCurrentItem(risk)
    panel.comments.answer.setPlainText("Added to the trends.")
    panel.comments.save_button.click()
    comment = next(c for c in portfolio.load_cycle(plan_id).comments if c.text == "Add the price war in Jiangsu.")
    assert comment.status is CommentStatus.ANSWERED and comment.answer == "Added to the trends."
    panel.comments.resolve_button.click()
    assert (
        next(c for c in portfolio.load_cycle(plan_id).comments if c.key == comment.key).status is CommentStatus.RESOLVED
    )
    assert panel.tabs.tabText(panel.tabs.indexOf(panel.comments)) == "Comments (2)"

    # Show in Plan goes to the field the comment is on.
    selected = next(
        panel.comments.list.topLevelItem(i)
        for i in range(panel.comments.list.topLevelItemCount())
        if panel.comments.list.topLevelItem(i).text(3) == "2029 growth looks optimistic."
    )
    panel.comments.list.setCurrentItem(selected)
    panel.comments.go_button.click()
    assert window.editor.current == "forecast"

    # The same PDF again adds nothing.
    drop_files(window, [back])
    qtbot.waitUntil(lambda: "has no comments that are not here already" in window.statusBar().currentMessage())
    assert len(portfolio.load_cycle(plan_id).comments) == 3


def test_open_comments_show_under_the_fields_they_are_on(window, qtbot, tmp_path):
    portfolio = window.workspace.portfolio
    plan_id = window.document.plan_id
    back = tmp_path / "reviewed.pdf"
    back.write_bytes(reviewed(portfolio.render_pdf(plan_id, lang="en")))
    window.import_path(back)
    window.show_section("risks")
    note = window.editor.page("risks").notes["risks.trends"]
    assert note.isVisible() and note.text() == "Helen Zhou: Add the price war in Jiangsu."
    assert not window.editor.page("risks").notes["risks.gaps"].isVisible()
    key = next(c.key for c in portfolio.load_cycle(plan_id).comments if c.field == "risks.trends")
    portfolio.answer_comment(plan_id, key, "Added.")
    assert note.text() == "Helen Zhou: Add the price war in Jiangsu.\n    Answer: Added."
    portfolio.answer_comment(plan_id, key, status=CommentStatus.RESOLVED)
    assert not note.isVisible()


def test_a_signed_review_copy_dropped_on_the_window_records_the_sign_off(window, qtbot, tmp_path):
    from tests.certificates import make_cert
    from tests.test_send_for_review import sign_as_reviewer
    from tests.ui.conftest import GRID, plan_id_named

    portfolio = window.workspace.portfolio
    plan_id = plan_id_named(portfolio, GRID)
    _, copy = portfolio.send_for_review(plan_id, "en")
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(sign_as_reviewer(copy, make_cert(tmp_path, "helen", "Helen Zhou", "pw")))
    drop_files(window, [signed])
    qtbot.waitUntil(lambda: window.info.isVisible() and "Signed off" in window.info.text.text())
    assert "by Helen Zhou" in window.info.text.text() and "not verified" in window.info.text.text()
    (signoff,) = portfolio.load_cycle(plan_id).signoffs
    assert signoff.reviewer == "Helen Zhou" and window.document.plan_id == plan_id
    assert window.cycle_panel.tabs.currentWidget() is window.cycle_panel.review


def test_the_review_tab_says_how_many_comments_are_open_and_leads_to_them(window, qtbot, tmp_path):
    portfolio = window.workspace.portfolio
    plan_id = window.document.plan_id
    back = tmp_path / "reviewed.pdf"
    back.write_bytes(reviewed(portfolio.render_pdf(plan_id, lang="en")))
    window.import_path(back)
    panel = window.cycle_panel
    panel.tabs.setCurrentWidget(panel.review)
    assert panel.review.comments_note.text() == "3 review comments from PDFs not resolved yet"
    panel.review.show_comments.click()
    assert panel.tabs.currentWidget() is panel.comments
