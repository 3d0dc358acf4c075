"""The cycle panel and the dashboard, driven through their real widgets on a demo database."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMessageBox

from kamplanner.domain.model import Phase
from tests.ui.conftest import GRID, JADEWAVE, plan_id_named
from tests.ui.helpers import when_shown

TODAY = dt.date(2026, 11, 23)


def answer_next_message_box(seen: list[str]) -> None:
    """Read and close the next modal message box, the way a user would click it away."""

    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, close)

    QTimer.singleShot(0, close)


def click_on_next_box(text: str, seen: list[str] | None = None) -> None:
    """Click the button called ``text`` on the next message box (reading its text into ``seen``)."""

    def click(box) -> None:  # type: ignore[no-untyped-def]
        if seen is not None:
            seen.append(box.text())
        found = [b for b in box.buttons() if b.text() == text]
        assert found, (text, box.text(), [b.text() for b in box.buttons()])
        found[0].click()

    when_shown(QMessageBox, click)


def make_panel(qtbot, portfolio):
    from kamplanner.ui.cycle_panel import CyclePanel
    from kamplanner.ui.workspace import Workspace

    workspace = Workspace(portfolio)
    workspace.refresh()
    panel = CyclePanel(workspace, today=lambda: TODAY)
    qtbot.addWidget(panel)
    return workspace, panel


def test_review_asks_for_changes_then_approves_signs_off_and_starts_monitoring(
    qtbot, ui_language, demo_portfolio, tmp_path
):
    workspace, panel = make_panel(qtbot, demo_portfolio)
    plan_id = plan_id_named(demo_portfolio, JADEWAVE)
    workspace.open(plan_id)
    assert workspace.current.plan.phase is Phase.REVIEW
    assert not panel.review.sign.isEnabled()  # nothing approved yet

    qtbot.keyClicks(panel.review.reviewer, "Helen Zhou")
    qtbot.keyClicks(panel.review.role, "VP Sales")
    panel.review.answer_boxes[2].setCurrentIndex(2)  # "Will the resources spent bring enough return?" → No
    panel.review.questions.item(2, 2).setText("Show the payback of the Penang pilot")
    qtbot.mouseClick(panel.review.request_changes, Qt.MouseButton.LeftButton)
    assert workspace.current.plan.phase is Phase.DEVELOPMENT
    review = demo_portfolio.load_cycle(plan_id).reviews[-1]
    assert review.answers["return"].comment == "Show the payback of the Penang pilot"
    assert "submit for senior review" in [b.text().lower() for b in panel.move_buttons.values()]

    assert demo_portfolio.open_items(plan_id, Phase.DEVELOPMENT) == []  # nothing open: no question asked
    qtbot.mouseClick(panel.move_buttons["review"], Qt.MouseButton.LeftButton)
    assert workspace.current.plan.phase is Phase.REVIEW
    panel.review.score.setValue(4)
    click_on_next_box("Approve anyway")
    qtbot.mouseClick(panel.review.approve, Qt.MouseButton.LeftButton)
    assert panel.review.sign.isEnabled()
    panel.review.signoff_folder = lambda: tmp_path
    click_on_next_box("Sign off")
    qtbot.mouseClick(panel.review.sign, Qt.MouseButton.LeftButton)
    signoff = demo_portfolio.load_cycle(plan_id).last_signoff
    assert signoff is not None and signoff.reviewer == "Helen Zhou" and signoff.date == TODAY
    qtbot.mouseClick(panel.move_buttons["monitoring"], Qt.MouseButton.LeftButton)
    assert demo_portfolio.load_plan(plan_id).phase is Phase.MONITORING
    timeline = [panel.timeline.topLevelItem(i).text(1) for i in range(panel.timeline.topLevelItemCount())]
    assert "Implementation and monitoring" in timeline and "Signed off: Version 1" in timeline


def test_a_refused_move_shows_the_reasons(qtbot, ui_language, demo_portfolio):
    workspace, panel = make_panel(qtbot, demo_portfolio)
    workspace.open(plan_id_named(demo_portfolio, "安澜人寿保险股份有限公司"))
    # The insurer's plan is still in preparation, but its timetable is set: development may start.
    assert workspace.current.plan.phase is Phase.PREPARATION
    qtbot.mouseClick(panel.move_buttons["development"], Qt.MouseButton.LeftButton)
    assert workspace.current.plan.phase is Phase.DEVELOPMENT
    seen: list[str] = []
    answer_next_message_box(seen)
    qtbot.mouseClick(panel.move_buttons["review"], Qt.MouseButton.LeftButton)
    assert workspace.current.plan.phase is Phase.DEVELOPMENT
    assert seen and "Executive summary still lacks" in seen[0]


def test_preparation_and_steps_are_saved_as_they_are_edited(qtbot, ui_language, demo_portfolio):
    workspace, panel = make_panel(qtbot, demo_portfolio)
    plan_id = plan_id_named(demo_portfolio, GRID)
    workspace.open(plan_id)
    panel.tabs.setCurrentIndex(1)
    panel.preparation.expectations.selectAll()
    qtbot.keyClicks(panel.preparation.expectations, "Win the dispatch cloud deal")
    panel.preparation.dev_weeks.setValue(12)
    qtbot.waitUntil(
        lambda: demo_portfolio.load_cycle(plan_id).preparation.expectations == "Win the dispatch cloud deal",
        timeout=3000,
    )
    assert demo_portfolio.load_cycle(plan_id).preparation.development_weeks == 12
    item = panel.development.steps.item(6)
    assert item.checkState() == Qt.CheckState.Unchecked
    item.setCheckState(Qt.CheckState.Checked)
    assert demo_portfolio.load_cycle(plan_id).steps["consolidate"] is True
    assert panel.development.steps_progress.value() == 6


def test_monitoring_shows_due_items_and_the_changes_since_sign_off(qtbot, ui_language, demo_portfolio):
    from kamplanner.ui.cycle.monitoring import ProgressDialog

    workspace, panel = make_panel(qtbot, demo_portfolio)
    plan_id = plan_id_named(demo_portfolio, "浦瀚联合银行")
    workspace.open(plan_id)
    assert (
        panel.monitoring.next_review.text() == "Next progress review: 2026-12-31 (Key account: reviewed every quarter)"
    )
    states = [panel.monitoring.due.topLevelItem(i).text(3) for i in range(panel.monitoring.due.topLevelItemCount())]
    assert any(s.startswith("overdue") for s in states)
    assert panel.changes.note.text().startswith("0 changes")

    dialog = ProgressDialog(workspace.current.plan, "en", TODAY, panel)
    qtbot.addWidget(dialog)
    first = next(iter(dialog.attitudes))
    box = dialog.attitudes[first]
    box.setCurrentIndex((box.currentIndex() + 1) % box.count())
    dialog.notes.setPlainText("十一月进度审查")
    review = dialog.review()
    assert list(review.attitudes) == [first]
    assert panel._run(lambda: demo_portfolio.record_progress(plan_id, review))
    assert panel.changes.note.text().startswith("1 change from")  # was "1 changes" (issue 11)
    assert workspace.current.plan.version == demo_portfolio.load_plan(plan_id).version


def test_dashboard_counts_phases_and_exports_the_calendar(qtbot, ui_language, demo_portfolio, tmp_path):
    from kamplanner.ui.dashboard import DashboardView

    view = DashboardView(demo_portfolio, today=lambda: TODAY)
    qtbot.addWidget(view)
    assert [label.text() for label in view.tiles.values()] == ["1", "1", "1", "1"]
    # six action items and milestones, and two next steps of the contact log past their dates
    assert view.overdue.topLevelItemCount() == 8
    assert view.reviews.topLevelItem(0).text(1).startswith("Senior review: Jadewave")
    opened = []
    view.openPlan.connect(opened.append)
    view.overdue.itemActivated.emit(view.overdue.topLevelItem(0), 0)
    assert opened == [plan_id_named(demo_portfolio, "浦瀚联合银行")]
    written = view.export_calendar(tmp_path / "reviews.ics")
    assert written is not None and written.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_progress_reviews_show_each_attitude_change_beside_the_contacts_that_led_to_it(
    qtbot, ui_language, demo_portfolio
):
    from kamplanner.ui.cycle.monitoring import ProgressDialog

    workspace, panel = make_panel(qtbot, demo_portfolio)
    workspace.open(plan_id_named(demo_portfolio, "浦瀚联合银行"))
    lines = [panel.monitoring.progress_list.item(i).text() for i in range(panel.monitoring.progress_list.count())]
    # the demo's September review, under its own line: 梁雪 went from D to E with one contact
    # since June, 林佩华 from B to A with none; 张 and others whose attitude stayed are not listed
    september = next(i for i, line in enumerate(lines) if line.startswith("2026-09-30"))
    changes = [line.strip() for line in lines[september + 1 :]]
    assert "梁雪: D → E after 1 contact" in changes
    assert "林佩华: B → A after 0 contacts" in changes
    assert len(changes) == 8
    assert all(line.startswith("2026-") for line in lines[:september])  # the first reviews changed none

    # the dialog of the next review: beside each attitude, the contacts since the last review
    dialog = ProgressDialog(workspace.current.plan, "en", TODAY, panel, panel.monitoring.cycle)
    qtbot.addWidget(dialog)
    notes = {}
    for key, box in dialog.attitudes.items():
        line = next(layout for layout in dialog.findChildren(QHBoxLayout) if layout.indexOf(box) >= 0)
        notes[key] = line.itemAt(1).widget()
    assert notes["s1"].text().startswith("1 contact since the last review, the last on 2026-")
    assert notes["s1"].isEnabled() and notes["s1"].toolTip()
    assert notes["s8"].text() == "no contact since the last review"
    assert not notes["s8"].isEnabled()
