"""The PDF: a preview inside the window, Export PDF…, and exporting many plans at once.

Rendering runs on a worker thread so the window keeps answering. QtPdf and the PDF stack are
imported the first time a PDF is asked for, never at start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, Qt, QThread, QUrl, Signal
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

from ..domain.filenames import distinct_pdf_file_names, pdf_file_name
from ..domain.model import Plan, PlanSummary
from ..services import Portfolio
from .document import PlanDocument

translate = QCoreApplication.translate


def find_renderer(portfolio: Portfolio) -> Callable[[int, Plan, str], bytes]:
    """How to turn a plan into PDF bytes: the render_pdf use case (the queued edits are saved
    before, so the database holds what the window shows)."""
    return lambda plan_id, _plan, lang: portfolio.render_pdf(plan_id, lang=lang)


def file_name(account: str, year: int, version: int | None = None) -> str:
    """The one rule for a plan's PDF file name, the command line's too (domain/filenames.py)."""
    return pdf_file_name(account, year, version)


class RenderThread(QThread):
    """Renders one plan off the GUI thread; the result comes back through a signal."""

    rendered = Signal(int, bytes, int)  # plan id, PDF, version
    failed = Signal(int, str)

    def __init__(self, render: Callable[[int, Plan, str], bytes], plan: Plan, lang: str, parent: QObject | None = None):
        super().__init__(parent)
        self.render, self.plan, self.lang = render, plan, lang

    def run(self) -> None:
        assert self.plan.id is not None
        try:
            data = self.render(self.plan.id, self.plan, self.lang)
        except Exception as exc:
            self.failed.emit(self.plan.id, f"{type(exc).__name__}: {exc}")
            return
        self.rendered.emit(self.plan.id, data, self.plan.version)


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
        self._thread: RenderThread | None = None
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
        self._thread = RenderThread(find_renderer(self.portfolio_of()), plan, plan.language, self)
        self._thread.rendered.connect(self._rendered)
        self._thread.failed.connect(self._failed)
        self._thread.finished.connect(self._finished)
        self._thread.start()

    def _rendered(self, plan_id: int, data: bytes, version: int) -> None:
        if self.document is None or plan_id != self.document.plan_id:
            return
        self.rendered_version = version
        self._show(data)
        pages = self.pdf.pageCount()
        self.status.setText(translate("PdfPreview", "Version %1 · %n page(s)", "", pages).replace("%1", str(version)))

    def _failed(self, plan_id: int, message: str) -> None:
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
    parent: QWidget, portfolio: Portfolio, document: PlanDocument, last_folder: str, with_changes: bool = False
) -> Path | None:
    """Export PDF…: ask where (native file dialog), render, write, offer to open the file.

    ``with_changes`` ends the appendix with what changed since the last signed-off version."""
    document.flush()
    plan = document.plan
    name = file_name(plan.account.name, plan.year, plan.version)
    if with_changes:
        name = name.removesuffix(".pdf") + translate("PdfPreview", " changes") + ".pdf"
    suggested = Path(last_folder or Path.home()) / name
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("PdfPreview", "Export PDF"), str(suggested), translate("PdfPreview", "PDF files (*.pdf)")
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    return export_pdf_to(parent, portfolio, document, target, with_changes=with_changes)


def export_pdf_to(
    parent: QWidget,
    portfolio: Portfolio,
    document: PlanDocument,
    target: Path,
    offer_open: bool = True,
    with_changes: bool = False,
) -> Path | None:
    document.flush()
    plan = document.plan.copy()
    progress = QProgressDialog(translate("PdfPreview", "Rendering %1…").replace("%1", document.title), "", 0, 0, parent)
    progress.setWindowTitle(translate("PdfPreview", "Export PDF"))
    progress.setCancelButton(None)  # type: ignore[arg-type]
    progress.setMinimumDuration(300)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    result: dict[str, object] = {}
    render = find_renderer(portfolio)
    if with_changes:

        def render(plan_id: int, _plan: Plan, lang: str) -> bytes:
            return portfolio.render_pdf(plan_id, lang=lang, with_changes=True)

    thread = RenderThread(render, plan, plan.language, parent)
    thread.rendered.connect(lambda _id, data, _v: result.setdefault("data", data))
    thread.failed.connect(lambda _id, message: result.setdefault("error", message))
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    thread.finished.connect(loop.quit)
    thread.start()
    if not thread.isFinished():
        loop.exec()
    thread.wait()
    progress.close()
    thread.deleteLater()
    if "error" in result:
        QMessageBox.warning(
            parent,
            translate("PdfPreview", "Export PDF"),
            translate("PdfPreview", "Could not render the PDF: %1").replace("%1", str(result["error"])),
        )
        return None
    data = result.get("data")
    assert isinstance(data, bytes)
    try:
        target.write_bytes(data)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            translate("PdfPreview", "Export PDF"),
            translate("PdfPreview", "Could not write %1: %2")
            .replace("%1", str(target))
            .replace("%2", exc.strerror or str(exc)),
        )
        return None
    if offer_open:
        offer_to_open(parent, target, translate("PdfPreview", "Exported %1.").replace("%1", target.name))
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


class BatchExportThread(QThread):
    """Exports several plans one after the other; checks for Cancel between plans."""

    progressed = Signal(int, str)  # plans done, the one being rendered now
    done = Signal(int, list)  # files written, problems

    def __init__(self, portfolio: Portfolio, plans: list[PlanSummary], folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.portfolio, self.plans, self.folder = portfolio, plans, folder
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        render = find_renderer(self.portfolio)
        written = 0
        problems: list[str] = []
        names = distinct_pdf_file_names((s.account, s.year, s.id) for s in self.plans)
        for i, summary in enumerate(self.plans):
            if self._cancel.is_set():
                break
            title = f"{summary.account} {summary.year}"
            self.progressed.emit(i, title)
            try:
                plan = self.portfolio.load_plan(summary.id)
                data = render(summary.id, plan, plan.language)
                (self.folder / names[i]).write_bytes(data)
                written += 1
            except Exception as exc:
                problems.append(f"{title}: {type(exc).__name__}: {exc}")
        self.progressed.emit(len(self.plans), "")
        self.done.emit(written, problems)


class BatchExportDialog(QDialog):
    """Choose the plans (those the navigator shows are ticked) and a folder."""

    def __init__(self, plans: list[PlanSummary], ticked: set[int], folder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("PdfPreview", "Export PDFs"))
        self.list = QListWidget()
        self.list.setAccessibleName(translate("PdfPreview", "Plans to export"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for summary in plans:
            item = QListWidgetItem(
                f"{summary.account} · {summary.year} · {summary.phase.label('zh_CN' if summary.language.startswith('zh') else 'en')}"
            )
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setCheckState(Qt.CheckState.Checked if summary.id in ticked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.plans = {s.id: s for s in plans}
        self.folder = QLabel(folder or str(Path.home()))
        self.folder.setObjectName("value")
        choose = QPushButton(translate("PdfPreview", "Folder…"))
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
        self.thread = BatchExportThread(portfolio, plans, folder, self)
        self.thread.progressed.connect(self._progressed)
        self.thread.done.connect(self._done)
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
        self.progress.close()
        self.result = (written, problems)
        self.finished.emit(written, problems)
