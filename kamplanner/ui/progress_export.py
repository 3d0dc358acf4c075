"""File ▸ Export Key-Account Progress Report…: the 6-monthly report across the portfolio as a PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QWidget,
)

from ..services import Portfolio, progress_report_pdf
from . import i18n
from .tasks import TaskFailed, run_and_wait

translate = QCoreApplication.translate


class ReportOptions(QDialog):
    """As of which date, in which language."""

    def __init__(self, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("ProgressExport", "Key-account progress report"))
        form = QFormLayout(self)
        self.as_of = QDateEdit(QDate(today.year, today.month, today.day), calendarPopup=True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setAccessibleName(translate("ProgressExport", "Report date"))
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if i18n.language() == "zh_CN" else 1)
        form.addRow(translate("ProgressExport", "Report as of:"), self.as_of)
        form.addRow(translate("ProgressExport", "Language:"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def date(self) -> dt.date:
        d = self.as_of.date()
        return dt.date(d.year(), d.month(), d.day())


def render_report(portfolio: Portfolio, as_of: dt.date, lang: str, parent: QWidget | None = None) -> bytes:
    """Render off the GUI thread while the window keeps painting; raise on failure."""
    data = run_and_wait(lambda _task: progress_report_pdf(portfolio, as_of, lang), parent)
    assert isinstance(data, bytes)
    return data


def export_progress_report(
    parent: QWidget, portfolio: Portfolio, last_folder: str, today: dt.date | None = None
) -> Path | None:
    from .pdf_preview import offer_to_open

    options = ReportOptions(today or dt.date.today(), parent)
    if options.exec() != QDialog.DialogCode.Accepted:
        return None
    as_of, lang = options.date(), options.language.currentData()
    suggested = Path(last_folder or Path.home()) / f"key-accounts-progress-{as_of.isoformat()}.pdf"
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        translate("ProgressExport", "Export progress report"),
        str(suggested),
        translate("ProgressExport", "PDF files (*.pdf)"),
    )
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    try:
        data = render_report(portfolio, as_of, lang, parent)
        target.write_bytes(data)
    except (TaskFailed, OSError) as exc:
        QMessageBox.warning(parent, translate("ProgressExport", "Export progress report"), str(exc))
        return None
    offer_to_open(parent, target, translate("ProgressExport", "Exported the progress report."))
    return target
