"""File ▸ Export Slides…: the open plan's deck written from the window, with an offer to open it."""

from __future__ import annotations

import io

from pptx import Presentation
from PySide6.QtWidgets import QApplication, QMessageBox

from kamplanner.domain.audience import Audience
from kamplanner.ui.deck_export import export_slides_to, slides_file_name


def test_export_slides_writes_the_deck_and_offers_to_open_it(window, qtbot, tmp_path):
    assert window.export_slides_action.isEnabled()
    assert window.export_slides_action in window.menuBar().actions()[0].menu().actions()
    target = tmp_path / "deck.pptx"
    written = export_slides_to(window, window.workspace.portfolio, window.document, target)
    assert written == target
    prs = Presentation(io.BytesIO(target.read_bytes()))
    assert 10 <= len(prs.slides) <= 15
    offers = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    offers = [b for b in offers if "Exported" in b.text()]
    assert offers and str(target) in offers[0].informativeText()
    for box in offers:
        box.close()
    customer = tmp_path / "customer.pptx"
    export_slides_to(window, window.workspace.portfolio, window.document, customer, Audience.CUSTOMER, False)
    assert len(Presentation(str(customer)).slides) < len(prs.slides)
    name = slides_file_name(window.document, Audience.CUSTOMER)
    assert name.endswith("(customer).pptx") and window.document.plan.account.name in name
