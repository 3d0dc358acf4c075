"""The changes appendix and the progress report, exported from the window's code paths."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from tests.ui.conftest import plan_id_named


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_export_pdf_with_changes_since_approval(qtbot, ui_language, demo_portfolio, tmp_path):
    from kamplanner.domain.edits import SetProse
    from kamplanner.ui.document import PlanDocument
    from kamplanner.ui.pdf_preview import export_pdf_to

    plan_id = plan_id_named(demo_portfolio, "浦瀚联合银行")
    document = PlanDocument(demo_portfolio, demo_portfolio.load_plan(plan_id))
    old = document.plan.text("risks.gaps")
    document.push(SetProse("risks.gaps", old, old + "\n\n新增：信创适配团队扩编。"), "edit")
    target = export_pdf_to(
        None, demo_portfolio, document, tmp_path / "changes.pdf", offer_open=False, with_changes=True
    )
    assert target == tmp_path / "changes.pdf"
    text = text_of(target.read_bytes())
    assert "自上次批准版本以来的变化" in text
    assert "信创适配团队扩编" in text


def test_progress_report_renders_off_the_gui_thread(qtbot, ui_language, demo_portfolio):
    from kamplanner.ui.progress_export import render_report

    data = render_report(demo_portfolio, dt.date(2026, 11, 23), "en")
    text = text_of(data)
    assert "浦瀚联合银行" in text and "Jadewave Electronics Group" in text
    assert data == render_report(demo_portfolio, dt.date(2026, 11, 23), "en")
