"""The PDF: a preview inside the window, Export PDF…, and exporting many plans at once.

Rendering runs on a worker thread (ui/tasks.py) so the window keeps answering. QtPdf and the PDF stack are
imported the first time a PDF is asked for, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.audience import Audience
from ..domain.filenames import distinct_pdf_file_names, pdf_file_name
from ..domain.model import Plan, PlanSummary
from ..domain.versions import VersionLabel
from ..services import Portfolio
from . import i18n
from .application import room_for_title
from .document import PlanDocument
from .i18n import version_name
from .tasks import Task, TaskFailed, run_and_wait

translate = QCoreApplication.translate


def find_renderer(portfolio: Portfolio) -> Callable[[int, Plan, str], bytes]:
    """How to turn a plan into PDF bytes: the render_pdf use case (the queued edits are saved
    before, so the database holds what the window shows)."""
    return lambda plan_id, _plan, lang: portfolio.render_pdf(plan_id, lang=lang)


def file_name(account: str, year: int, named: VersionLabel | None = None) -> str:
    """The one rule for a plan's PDF file name, the command line's too (domain/filenames.py):
    with the version's number when given, marked (draft) between versions."""
    if named is None:
        return pdf_file_name(account, year)
    return pdf_file_name(account, year, named.number, "draft" if named.draft else "")


class PdfPreview(QWidget):
    """The open plan as its PDF, rendered when asked (Refresh, F5) and on first showing."""

    exportRequested = Signal()

    def __init__(self, portfolio_of: Callable[[], Portfolio], parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.portfolio_of = portfolio_of
        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(translate("PdfPreview", "PDF preview"))
        self._view_class = QPdfView
        self.document: PlanDocument | None = None
        self.data = b""
        self.rendered_version: int | None = None
        self._buffer: QBuffer | None = None
        self._thread: Task | None = None
        self._again = False

        self.refresh_button = QToolButton()
        self.refresh_button.setText(translate("PdfPreview", "Refresh"))
        self.refresh_button.setToolTip(translate("PdfPreview", "Render the plan again (F5)"))
        self.refresh_button.setAccessibleName(translate("PdfPreview", "Refresh"))
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_button.clicked.connect(self.refresh)
        export = QToolButton()
        export.setText(translate("PdfPreview", "Export…"))
        export.setToolTip(translate("PdfPreview", "Export the PDF to a file (Ctrl+E)"))
        export.clicked.connect(self.exportRequested)
        self.zoom = QComboBox()
        self.zoom.setAccessibleName(translate("PdfPreview", "Zoom"))
        self.zoom.addItem(translate("PdfPreview", "Fit width"), "width")
        self.zoom.addItem(translate("PdfPreview", "Whole page"), "page")
        for factor in (0.5, 0.75, 1.0, 1.25, 1.5, 2.0):
            self.zoom.addItem(f"{factor:.0%}", factor)
        self.zoom.currentIndexChanged.connect(self._zoom)
        self.status = QLabel()
        self.status.setObjectName("guidance")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        bar.addWidget(self.refresh_button)
        bar.addWidget(export)
        bar.addWidget(self.zoom)
        bar.addStretch(1)
        bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _zoom(self) -> None:
        choice = self.zoom.currentData()
        modes = self._view_class.ZoomMode
        if choice == "width":
            self.view.setZoomMode(modes.FitToWidth)
        elif choice == "page":
            self.view.setZoomMode(modes.FitInView)
        else:
            self.view.setZoomMode(modes.Custom)
            self.view.setZoomFactor(float(choice))

    def set_document(self, document: PlanDocument | None) -> None:
        if document is self.document:
            return
        self.document = document
        self.rendered_version = None
        self._show(b"")
        if document is not None and self.isVisible():
            self.refresh()
        else:
            self.status.setText(translate("PdfPreview", "Press Refresh to render the plan.") if document else "")

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self.document is not None and self.rendered_version != self.document.plan.version and not self.busy:
            self.refresh()

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def refresh(self) -> None:
        """Render the open plan as it is now (what is queued is saved first)."""
        if self.document is None:
            return
        if self._thread is not None:
            self._again = True
            return
        self.document.flush()
        plan = self.document.plan.copy()
        self.status.setText(translate("PdfPreview", "Rendering…"))
        self.refresh_button.setEnabled(False)
        render, plan_id, version = find_renderer(self.portfolio_of()), self.document.plan_id, plan.version
        named = plan.version_label
        self._thread = Task(lambda _task: (plan_id, render(plan_id, plan, plan.language), version, named), self)
        self._thread.succeeded.connect(lambda result: self._rendered(*result))
        self._thread.failed.connect(self._failed)
        self._thread.finished.connect(self._finished)
        self._thread.start()

    def _rendered(self, plan_id: int, data: bytes, version: int, named: VersionLabel) -> None:
        if self.document is None or plan_id != self.document.plan_id:
            return
        self.rendered_version = version  # the revision: a save after it renders again
        self._show(data)
        pages = self.pdf.pageCount()
        self.status.setText(translate("PdfPreview", "%1 · %n page(s)", "", pages).replace("%1", version_name(named)))

    def _failed(self, message: str) -> None:
        self.status.setText(translate("PdfPreview", "Could not render the PDF: %1").replace("%1", message))

    def _finished(self) -> None:
        thread = self._thread
        self._thread = None
        self.refresh_button.setEnabled(True)
        if thread is not None:
            thread.deleteLater()
        if self._again:
            self._again = False
            self.refresh()

    def _show(self, data: bytes) -> None:
        self.data = data
        self.pdf.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        if not data:
            return
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.pdf.load(buffer)

    def wait(self, timeout_ms: int = 60000) -> bool:
        """Block until a running render is done (for tests and for closing the window)."""
        thread = self._thread
        return thread.wait(timeout_ms) if thread is not None else True


# --------------------------------------------------------------------------- export


def export_pdf(
    parent: QWidget,
    portfolio: Portfolio,
    document: PlanDocument,
    last_folder: str,
    with_changes: bool = False,
    audience: Audience = Audience.INTERNAL,
) -> Path | None:
    """Export PDF…: ask where (native file dialog), render, write, offer to open the file.

    ``with_changes`` ends the appendix with what changed since the last signed-off version;
    ``audience`` CUSTOMER makes the customer's copy (domain/audience.py)."""
    document.flush()
    plan = document.plan
    name = file_name(plan.account.name, plan.year, plan.version_label)
    if with_changes:
        name = name.removesuffix(".pdf") + translate("PdfPreview", " changes") + ".pdf"
    if audience is Audience.CUSTOMER:
        name = name.removesuffix(".pdf") + translate("PdfPreview", " customer version") + ".pdf"
    suggested = Path(last_folder or Path.home()) / name
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("PdfPreview", "Export PDF"), str(suggested), translate("PdfPreview", "PDF files (*.pdf)")
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    return export_pdf_to(parent, portfolio, document, target, with_changes=with_changes, audience=audience)


def export_pdf_to(
    parent: QWidget,
    portfolio: Portfolio,
    document: PlanDocument,
    target: Path,
    offer_open: bool = True,
    with_changes: bool = False,
    audience: Audience = Audience.INTERNAL,
) -> Path | None:
    document.flush()
    plan = document.plan.copy()
    plan_id = document.plan_id
    written = render_and_write(
        parent,
        target,
        lambda: portfolio.render_pdf(plan_id, lang=plan.language, with_changes=with_changes, audience=audience),
        title=translate("PdfPreview", "Export PDF"),
        busy=translate("PdfPreview", "Rendering %1…").replace("%1", document.title),
        failed=translate("PdfPreview", "Could not render the PDF: %1"),
        unwritable=translate("PdfPreview", "Could not write %1: %2"),
    )
    if written is None:
        return None
    if offer_open:
        offer_to_open(parent, target, translate("PdfPreview", "Exported %1.").replace("%1", target.name))
    return target


def render_and_write(
    parent: QWidget,
    target: Path,
    render: Callable[[], bytes],
    *,
    title: str,
    busy: str,
    failed: str,
    unwritable: str,
) -> Path | None:
    """Render in the background behind a busy dialog (``busy``), then write ``target``; a
    failure of either is a warning (``failed`` with %1 the reason, ``unwritable`` with %1 the
    file and %2 why) and None. The document exports (PDF, slides) share it."""
    progress = QProgressDialog(busy, "", 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setCancelButton(None)  # type: ignore[arg-type]
    progress.setMinimumDuration(300)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    try:
        data = run_and_wait(lambda _task: render(), parent)
    except TaskFailed as exc:
        progress.close()
        QMessageBox.warning(parent, title, failed.replace("%1", str(exc)))
        return None
    progress.close()
    assert isinstance(data, bytes)
    try:
        target.write_bytes(data)
    except OSError as exc:
        QMessageBox.warning(
            parent, title, unwritable.replace("%1", str(target)).replace("%2", exc.strerror or str(exc))
        )
        return None
    return target


def offer_to_open(parent: QWidget, target: Path, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(translate("PdfPreview", "Export PDF"))
    box.setText(text)
    box.setInformativeText(str(target))
    open_button = box.addButton(translate("PdfPreview", "Open"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(open_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button) -> None:  # type: ignore[no-untyped-def]
        if button is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    box.buttonClicked.connect(clicked)
    box.open()  # not modal: the window stays usable
    return box


def export_many(task: Task, portfolio: Portfolio, plans: list[PlanSummary], folder: Path) -> tuple[int, list[str]]:
    """Export PDFs into ``folder`` through the batch export both front ends use (the
    render_pdfs use case), one plan after the other on ``task``'s thread, stopping between plans
    when cancelled: (files written, problems)."""
    names = distinct_pdf_file_names((s.account, s.year, s.id) for s in plans)
    titles = [f"{s.account} {s.year}" for s in plans]
    written = 0
    problems: list[str] = []
    if plans:
        task.report(0, titles[0])
    # One process: forking a window's process (its Qt threads) is not safe on every platform.
    rendered = portfolio.render_pdfs([s.id for s in plans], jobs=1)
    for i, (_plan_id, result, _seconds) in enumerate(rendered):
        try:
            if isinstance(result, Exception):
                raise result
            (folder / names[i]).write_bytes(result)
            written += 1
        except Exception as exc:  # noqa: BLE001 - one plan's failure stops no other
            problems.append(f"{titles[i]}: {type(exc).__name__}: {exc}")
        if task.cancelled:
            break
        if i + 1 < len(plans):
            task.report(i + 1, titles[i + 1])
    task.report(len(plans), "")
    return written, problems


class BatchExportDialog(QDialog):
    """Choose the plans (those the navigator shows are ticked) and a folder."""

    def __init__(self, plans: list[PlanSummary], ticked: set[int], folder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("PdfPreview", "Export PDFs"))
        room_for_title(self)
        self.list = QListWidget()
        self.list.setAccessibleName(translate("PdfPreview", "Plans to export"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for summary in plans:
            item = QListWidgetItem(
                f"{summary.account} · {summary.year} · {summary.phase.label(i18n.language())}"  # the interface's language
            )
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setCheckState(Qt.CheckState.Checked if summary.id in ticked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.plans = {s.id: s for s in plans}
        self.folder = QLabel(folder or str(Path.home()))
        self.folder.setObjectName("value")
        choose = QPushButton(translate("PdfPreview", "Folder…"))
        choose.setAutoDefault(False)  # Enter exports; it does not open the folder chooser again
        choose.clicked.connect(self._choose)
        all_button = QPushButton(translate("PdfPreview", "All"))
        all_button.clicked.connect(lambda: self._tick(True))
        none_button = QPushButton(translate("PdfPreview", "None"))
        none_button.clicked.connect(lambda: self._tick(False))
        row = QHBoxLayout()
        row.addWidget(all_button)
        row.addWidget(none_button)
        row.addStretch(1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(translate("PdfPreview", "Into")))
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("PdfPreview", "Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addLayout(folder_row)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def _tick(self, on: bool) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("PdfPreview", "Export PDFs"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def chosen(self) -> list[PlanSummary]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [self.plans[i.data(Qt.ItemDataRole.UserRole)] for i in items if i.checkState() == Qt.CheckState.Checked]


class BatchExport(QObject):
    """Runs a batch export with a progress bar and a Cancel button; the window stays usable."""

    finished = Signal(int, list)

    def __init__(self, parent: QWidget, portfolio: Portfolio, plans: list[PlanSummary], folder: Path):
        super().__init__(parent)
        self.folder = folder
        self.progress = QProgressDialog(
            translate("PdfPreview", "Exporting PDFs…"), translate("PdfPreview", "Cancel"), 0, len(plans), parent
        )
        self.progress.setWindowTitle(translate("PdfPreview", "Export PDFs"))
        self.progress.setWindowModality(Qt.WindowModality.NonModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.thread = Task(lambda task: export_many(task, portfolio, plans, folder), self)
        self.thread.progressed.connect(self._progressed)
        self.thread.succeeded.connect(lambda result: self._done(*result))
        self.thread.failed.connect(lambda message: self._done(0, [message]))
        self.progress.canceled.connect(self.thread.cancel)
        self.result: tuple[int, list[str]] | None = None

    def start(self) -> None:
        self.progress.show()
        self.thread.start()

    def _progressed(self, done: int, title: str) -> None:
        self.progress.setValue(done)
        if title:
            self.progress.setLabelText(translate("PdfPreview", "Exporting %1…").replace("%1", title))

    def _done(self, written: int, problems: list[str]) -> None:
        self.thread.wait()
        # Closing a QProgressDialog emits canceled(): the export is over, nothing was cancelled.
        self.progress.canceled.disconnect(self.thread.cancel)
        self.progress.close()
        self.result = (written, problems)
        self.finished.emit(written, problems)
