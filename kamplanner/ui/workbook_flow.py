"""File ▸ Export Workbook… and Import Workbook…: the open plan's tables out to .xlsx, and an
edited workbook back in after a preview of every change (or the problems, each at its cell)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services import BookChange, WorkbookError
from .flows import Flows, busy

translate = QCoreApplication.translate


class WorkbookPreview(QDialog):
    """What an import would change, a line per cell or row (where, before, after); Apply or Cancel."""

    def __init__(self, name: str, changes: list[BookChange], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("Workbook", "Import Workbook"))
        layout = QVBoxLayout(self)
        if changes:
            intro = translate("Workbook", "Importing %1 makes %n change(s) to the plan:", "", len(changes))
        else:
            intro = translate("Workbook", "%1 changes nothing in the plan.")
        self.intro = QLabel(intro.replace("%1", name))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(len(changes), 4)
        self.table.setHorizontalHeaderLabels(
            [
                translate("Workbook", "Cell"),
                translate("Workbook", "Where in the plan"),
                translate("Workbook", "Before"),
                translate("Workbook", "After"),
            ]
        )
        self.table.setAccessibleName(translate("Workbook", "Changes"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        for row, change in enumerate(changes):
            for column, text in enumerate((change.where, change.place, change.before or "—", change.after or "—")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.resizeSection(2, 170)
        head.resizeSection(3, 230)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Long places and rows wrap instead of being cut, once the columns have their widths.
        head.sectionResized.connect(lambda *_: QTimer.singleShot(0, self.table.resizeRowsToContents))
        layout.addWidget(self.table)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(translate("Workbook", "Apply"))
        self.apply_button.setEnabled(bool(changes))
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(920, 420)


class WorkbookFlows(Flows):
    def __init__(self, window):  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.preview: WorkbookPreview | None = None  # the last import's preview, while shown

    def export_workbook(self) -> Path | None:
        d = self.document
        if d is None:
            return None
        from .pdf_preview import file_name

        name = file_name(d.plan.account.name, d.plan.year).removesuffix(".pdf") + ".xlsx"
        suggested = Path(self.settings.last_folder or Path.home()) / name
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            translate("Workbook", "Export Workbook"),
            str(suggested),
            translate("Workbook", "Excel workbooks (*.xlsx)"),
        )
        if not path:
            return None
        target = Path(path)
        self.settings.last_folder = str(target.parent)
        return self.export_to(target)

    def export_to(self, target: Path) -> Path | None:
        d = self.document
        if d is None:
            return None
        d.flush()  # the workbook shows what is saved, and names that revision
        try:
            with busy():
                _write_atomically(target, self.workspace.portfolio.export_workbook(d.plan_id))
        except OSError as exc:
            self.window.info.show_message("⚠ " + str(exc))
            return None
        self.status(translate("Workbook", "Wrote %1.").replace("%1", str(target)), 5000)
        return target

    def import_workbook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            translate("Workbook", "Import Workbook"),
            self.settings.last_folder or str(Path.home()),
            translate("Workbook", "Excel workbooks (*.xlsx);;All files (*)"),
        )
        if path:
            self.settings.last_folder = str(Path(path).parent)
            self.import_path(Path(path))

    def import_path(self, path: Path) -> QDialog | None:
        """The preview of what the workbook at ``path`` changes in the open plan (Apply writes
        it), or the problems that refuse it; returns the dialog shown."""
        d = self.document
        if d is None:
            return None
        d.flush()
        portfolio = self.workspace.portfolio
        try:
            data = path.read_bytes()
            with busy():
                changes = portfolio.workbook_changes(d.plan_id, data, lang=self.lang)
        except WorkbookError as exc:
            return self._problems(path, exc.problems)
        except OSError as exc:
            return self._problems(path, [str(exc)])
        dialog = WorkbookPreview(path.name, changes, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._apply(d.plan_id, path, data))
        dialog.open()
        self.preview = dialog
        return dialog

    def _apply(self, plan_id: int, path: Path, data: bytes) -> None:
        try:
            with busy():
                self.workspace.portfolio.import_workbook(plan_id, data)  # its announcement reloads the open plan
        except WorkbookError as exc:  # the plan changed between the preview and Apply
            self._problems(path, exc.problems)
            return
        self.status(translate("Workbook", "Imported %1.").replace("%1", path.name), 5000)

    def _problems(self, path: Path, problems: list[str]) -> QDialog:
        from .dialogs import ProblemsDialog

        dialog = ProblemsDialog(
            translate("Workbook", "Import Workbook"),
            translate(
                "Workbook",
                "%1 cannot be imported. Nothing was changed. The problems, each with its sheet and cell:",
            ).replace("%1", path.name),
            problems,
            self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.window.files.problems_dialog = dialog
        return dialog


def _write_atomically(path: Path, data: bytes) -> None:
    """A new file beside the target, then renamed over it: a failed write leaves no half file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:100]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
