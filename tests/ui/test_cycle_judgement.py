"""The cycle asks before it goes on: what is open at submit and approval, sign-off confirmed and
written as a PDF, driven through the real panel on a demo database."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from kamplanner.domain.model import Phase
from tests.ui.conftest import GRID, JADEWAVE, plan_id_named
from tests.ui.helpers import when_shown
from tests.ui.test_cycle_panel import make_panel

TODAY = dt.date(2026, 11, 23)


def click(text: str, seen: list[QMessageBox]):  # type: ignore[no-untyped-def]
    def handle(box) -> None:  # type: ignore[no-untyped-def]
        seen.append((box.text(), box.informativeText(), [b.text() for b in box.buttons()]))
        found = [b for b in box.buttons() if b.text().replace("&", "") == text]
        if not found:  # never leave a modal box open: it would block the test
            box.reject()
        assert found, (text, box.text())
        found[0].click()

    return handle


def test_submit_shows_the_unticked_steps_and_go_back_leaves_the_phase(qtbot, ui_language, demo_portfolio):
    workspace, panel = make_panel(qtbot, demo_portfolio)
    plan_id = plan_id_named(demo_portfolio, GRID)
    workspace.open(plan_id)
    seen: list = []
    when_shown(QMessageBox, click("Go back", seen))
    qtbot.mouseClick(panel.move_buttons["review"], Qt.MouseButton.LeftButton)
    assert demo_portfolio.load_plan(plan_id).phase is Phase.DEVELOPMENT
    text, _informative, buttons = seen[0]
    assert text.startswith("5 things are still open:")
    assert "• Step not ticked: Write the account plan" in text
    assert "• Step not ticked: Keep the action plans current" in text
    # The plan's failing health checks, beside the steps: the person's judgement, not blocking.
    assert (
        "• Every doubting or opposing decision maker has an action aimed at them: no action is aimed at: 唐卫东 (D)"
        in text
    )
    assert "• Every large opportunity is qualified: large opportunities (value 1,631.2 or more) not yet" in text
    assert buttons == ["Submit anyway", "Go back"]

    when_shown(QMessageBox, click("Submit anyway", seen))
    qtbot.mouseClick(panel.move_buttons["review"], Qt.MouseButton.LeftButton)
    assert len(seen) == 2
    assert demo_portfolio.load_plan(plan_id).phase is Phase.REVIEW
    assert workspace.current.plan.phase is Phase.REVIEW


def test_approval_shows_the_no_answers_and_go_back_records_nothing(qtbot, ui_language, demo_portfolio):
    workspace, panel = make_panel(qtbot, demo_portfolio)
    plan_id = plan_id_named(demo_portfolio, JADEWAVE)
    workspace.open(plan_id)
    qtbot.keyClicks(panel.review.reviewer, "Helen Zhou")
    for box in panel.review.answer_boxes:
        box.setCurrentIndex(1)  # Yes
    panel.review.answer_boxes[2].setCurrentIndex(2)  # "Will the resources spent bring enough return?" → No
    panel.review.questions.item(2, 2).setText("payback unclear")
    seen: list = []
    when_shown(QMessageBox, click("Go back", seen))
    qtbot.mouseClick(panel.review.approve, Qt.MouseButton.LeftButton)
    assert demo_portfolio.load_cycle(plan_id).reviews == []
    text, _informative, buttons = seen[0]
    assert (
        text
        == "One thing is still open:\n• Answered No: Will the resources spent bring enough return? (payback unclear)"
    )
    assert buttons == ["Approve anyway", "Go back"]

    when_shown(QMessageBox, click("Approve anyway", seen))
    qtbot.mouseClick(panel.review.approve, Qt.MouseButton.LeftButton)
    review = demo_portfolio.load_cycle(plan_id).reviews[-1]
    assert review.answers["return"].satisfied is False and review.reviewer == "Helen Zhou"
    assert panel.review.sign.isEnabled()


def test_sign_off_asks_first_then_writes_a_pdf_with_the_fingerprint(qtbot, ui_language, demo_portfolio, tmp_path):
    from pypdf import PdfReader

    workspace, panel = make_panel(qtbot, demo_portfolio)
    plan_id = plan_id_named(demo_portfolio, JADEWAVE)
    workspace.open(plan_id)
    qtbot.keyClicks(panel.review.reviewer, "Helen Zhou")
    qtbot.keyClicks(panel.review.role, "VP Sales")
    for box in panel.review.answer_boxes:
        box.setCurrentIndex(1)
    qtbot.mouseClick(panel.review.approve, Qt.MouseButton.LeftButton)  # nothing open: no question
    assert demo_portfolio.load_cycle(plan_id).reviews[-1].decision.value == "approved"
    panel.review.signoff_folder = lambda: tmp_path / "signed"

    seen: list = []
    when_shown(QMessageBox, click("No", seen))
    qtbot.mouseClick(panel.review.sign, Qt.MouseButton.LeftButton)
    assert demo_portfolio.load_cycle(plan_id).signoffs == []  # No: nothing recorded, nothing written
    assert not (tmp_path / "signed").exists()
    number = demo_portfolio.load_plan(plan_id).version_label.number
    assert seen[0][0] == f"Sign off Version {number} of {JADEWAVE} 2027 as Helen Zhou?"

    when_shown(QMessageBox, click("Sign off", seen))
    qtbot.mouseClick(panel.review.sign, Qt.MouseButton.LeftButton)
    signoff = demo_portfolio.load_cycle(plan_id).last_signoff
    assert signoff is not None and (signoff.reviewer, signoff.role, signoff.number) == (
        "Helen Zhou",
        "VP Sales",
        number,
    )
    written = panel.review.last_pdf
    assert written is not None and written.parent == tmp_path / "signed" and written.suffix == ".pdf"
    text = "".join(page.extract_text() for page in PdfReader(written).pages)
    # (printed in groups of eight, so a reader can compare it by eye)
    assert signoff.fingerprint[:16] in "".join(text.split())
    # ... and offers to open it, without blocking the window.
    offers = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert [b.windowTitle() for b in offers] == ["Signed off"]
    assert str(written) in offers[0].informativeText()
    offers[0].button(QMessageBox.StandardButton.Close).click()


def test_after_a_language_switch_plan_switches_raise_nothing(qtbot, ui_language, demo_portfolio):
    """The window is made again after a language switch; the old panel must not hear plan switches."""
    import gc

    from kamplanner.ui.cycle_panel import CyclePanel

    workspace, panel = make_panel(qtbot, demo_portfolio)
    workspace.open(plan_id_named(demo_portfolio, GRID))
    panel.setParent(None)
    panel.deleteLater()
    gone = [panel]
    qtbot.waitUntil(lambda: not _alive(gone[0]), timeout=2000)
    gone.clear()
    del panel
    gc.collect()
    fresh = CyclePanel(workspace, today=lambda: TODAY)
    qtbot.addWidget(fresh)
    with qtbot.capture_exceptions() as raised:
        workspace.open(plan_id_named(demo_portfolio, JADEWAVE))
        workspace.open(plan_id_named(demo_portfolio, GRID))
    assert raised == []
    assert fresh.review.questions.rowCount() > 0 and fresh.cycle is not None


def _alive(widget) -> bool:  # type: ignore[no-untyped-def]
    from shiboken6 import isValid

    return isValid(widget)


def test_send_for_review_shows_what_is_open_then_submits_and_writes_the_reviewers_pdf(
    qtbot, ui_language, demo_portfolio, tmp_path
):
    from pypdf import PdfReader

    workspace, panel = make_panel(qtbot, demo_portfolio)
    plan_id = plan_id_named(demo_portfolio, GRID)
    workspace.open(plan_id)
    panel.review.signoff_folder = lambda: tmp_path / "out"
    seen: list = []
    when_shown(QMessageBox, click("Go back", seen))
    qtbot.mouseClick(panel.review.send, Qt.MouseButton.LeftButton)
    assert demo_portfolio.load_plan(plan_id).phase is Phase.DEVELOPMENT and not (tmp_path / "out").exists()
    assert seen[0][0].startswith("5 things are still open:")

    when_shown(QMessageBox, click("Submit anyway", seen))
    qtbot.mouseClick(panel.review.send, Qt.MouseButton.LeftButton)
    plan = demo_portfolio.load_plan(plan_id)
    assert plan.phase is Phase.REVIEW
    written = panel.review.last_pdf
    assert written is not None and written.name.endswith(f" v{plan.version_label.number} (for review).pdf")
    reader = PdfReader(written)
    assert "日提交审阅，第 1 版" in reader.pages[0].extract_text()  # in the plan's own language
    assert "ReviewerSignature" in reader.get_fields()
    offers = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert [b.windowTitle() for b in offers] == ["Sent for review"]
    offers[0].button(QMessageBox.StandardButton.Close).click()
