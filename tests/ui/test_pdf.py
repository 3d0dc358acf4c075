"""The PDF from the editor: the preview inside the window, Export PDF…, and a batch with Cancel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from kamplanner.ui.pdf_preview import BatchExport, export_pdf_to

from .conftest import GRID, plan_id_named


def _message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_preview_renders_the_open_plan_and_again_on_request(editable_window, qtbot):
    window = editable_window
    document = window.document
    window.preview_action.trigger()
    preview = window.preview
    assert preview is not None and window.preview_dock.isVisible()
    qtbot.waitUntil(lambda: preview.pdf.pageCount() > 3, timeout=60000)
    assert preview.data.startswith(b"%PDF")
    first_version = preview.rendered_version
    assert first_version == document.plan.version
    assert preview.status.text().startswith("Version 1 · ")  # as submitted, then sent back

    field = window.editor.field_widget("summary.strategy")
    field.editor.setFocus()
    qtbot.keyClicks(field.editor, " Added for the preview.")
    window.refresh_preview_action.trigger()
    qtbot.waitUntil(lambda: preview.rendered_version == document.plan.version != first_version, timeout=60000)
    assert preview.pdf.pageCount() > 3
    assert preview.status.text().startswith("Version 2 (draft) · ")  # edited since version 1


def test_export_pdf_writes_the_file_and_offers_to_open_it(window, qtbot, tmp_path):
    target = tmp_path / "plan.pdf"
    written = export_pdf_to(window, window.workspace.portfolio, window.document, target)
    assert written == target
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    offers = [b for b in _message_boxes() if "Exported" in b.text()]
    assert offers and str(target) in offers[0].informativeText()
    for box in offers:
        box.close()


def test_export_pdf_for_the_customer_writes_the_customers_copy(window, tmp_path):
    import io

    import pypdf

    from kamplanner.domain.audience import Audience

    target = tmp_path / "customer.pdf"
    written = export_pdf_to(
        window, window.workspace.portfolio, window.document, target, offer_open=False, audience=Audience.CUSTOMER
    )
    assert written == target
    pdf = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    cover = pdf.pages[0].extract_text()
    assert ("Customer version" in cover or "客户版本" in cover) and pdf.attachments == {}
    assert window.actions_by_id["export_pdf_customer"].isEnabled()


def test_batch_export_runs_beside_a_responsive_window_and_can_be_cancelled(window, qtbot, tmp_path):
    summaries = [s for s in window.workspace.summaries if s.completeness > 50]
    batch = window.start_batch(summaries, tmp_path)
    assert isinstance(batch, BatchExport)
    # The window keeps working while the worker renders: an edit goes through meanwhile.
    window.open_plan(plan_id_named(window.workspace.portfolio, GRID))
    editor = window.editor.field_widget("summary.risks").editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " Typed during the export.")
    assert window.document.plan.text("summary.risks").endswith("Typed during the export.")
    with qtbot.waitSignal(batch.finished, timeout=120000) as done:
        pass
    written, problems = done.args
    assert problems == [] and written == len(summaries)
    assert not batch.thread.cancelled  # closing the progress dialog at the end is no cancel
    assert "Cancelled" not in window.statusBar().currentMessage()
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == sorted(f"{s.account} {s.year}.pdf" for s in summaries)
    for box in _message_boxes():
        box.close()

    cancelled = window.start_batch(summaries * 3, tmp_path / "cancelled")
    (tmp_path / "cancelled").mkdir()
    qtbot.mouseClick(cancelled.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(cancelled.finished, timeout=120000) as stopped:
        pass
    assert cancelled.thread.cancelled
    assert stopped.args[0] < len(summaries) * 3
    assert "Cancelled before the end." in window.statusBar().currentMessage()
    for box in _message_boxes():
        box.close()


def test_the_export_list_speaks_the_interfaces_language_and_enter_does_not_reopen_the_folder(window, tmp_path):
    from kamplanner.ui.pdf_preview import BatchExportDialog

    dialog = BatchExportDialog(window.workspace.summaries, set(), str(tmp_path), window)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    from kamplanner.domain.model import Phase

    chinese_phases = [phase.label("zh_CN") for phase in Phase]  # the one definition of the phases
    assert texts and not any(phase in text for text in texts for phase in chinese_phases)
    folder = [b for b in dialog.findChildren(QPushButton) if b.text() == "Folder…"]
    assert folder and not folder[0].autoDefault() and not folder[0].isDefault()
    dialog.close()


@pytest.fixture(autouse=True)
def _close_boxes():
    yield
    for box in _message_boxes():
        box.close()
