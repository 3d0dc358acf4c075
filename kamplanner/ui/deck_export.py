"""File ▸ Export Slides…: the open plan as the review meeting's slides (.pptx), rendered off the
window's thread (as Export PDF… renders), with an offer to open the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ..domain.audience import Audience
from ..domain.filenames import plan_file_name
from ..services import Portfolio
from .document import PlanDocument

translate = QCoreApplication.translate


def slides_file_name(document: PlanDocument, audience: Audience) -> str:
    """The suggested name: the PDF's rule (domain/filenames.py) with .pptx, marked for the customer."""
    plan = document.plan
    named = plan.version_label
    tags = (["draft"] if named.draft else []) + (["customer"] if audience is Audience.CUSTOMER else [])
    return plan_file_name(plan.account.name, plan.year, named.number, " ".join(tags), ".pptx")


def export_slides(parent: QWidget, portfolio: Portfolio, document: PlanDocument, last_folder: str) -> Path | None:
    """Ask where (native file dialog; its file type picks the internal or the customer version),
    render, write, offer to open."""
    document.flush()
    internal = translate("DeckExport", "Slides for the review meeting (*.pptx)")
    customer = translate("DeckExport", "Slides, customer version (*.pptx)")
    suggested = Path(last_folder or Path.home()) / slides_file_name(document, Audience.INTERNAL)
    path, chosen = QFileDialog.getSaveFileName(
        parent, translate("DeckExport", "Export Slides"), str(suggested), f"{internal};;{customer}", internal
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pptx":
        target = target.with_suffix(".pptx")
    audience = Audience.CUSTOMER if chosen == customer else Audience.INTERNAL
    return export_slides_to(parent, portfolio, document, target, audience)


def export_slides_to(
    parent: QWidget,
    portfolio: Portfolio,
    document: PlanDocument,
    target: Path,
    audience: Audience = Audience.INTERNAL,
    offer_open: bool = True,
) -> Path | None:
    document.flush()
    from .pdf_preview import render_and_write

    plan_id, lang = document.plan_id, document.plan.language
    written = render_and_write(
        parent,
        target,
        lambda: portfolio.render_deck(plan_id, lang=lang, audience=audience.value),
        title=translate("DeckExport", "Export Slides"),
        busy=translate("DeckExport", "Making the slides of %1…").replace("%1", document.title),
        failed=translate("DeckExport", "Could not make the slides: %1"),
        unwritable=translate("DeckExport", "Could not write %1: %2"),
    )
    if written is None:
        return None
    if offer_open:
        from .pdf_preview import offer_to_open

        box = offer_to_open(parent, target, translate("DeckExport", "Exported %1.").replace("%1", target.name))
        box.setWindowTitle(translate("DeckExport", "Export Slides"))
    return target
