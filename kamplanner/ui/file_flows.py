"""File ▸ plan files and PDFs: import (also by dropping files on the window) and export a plan
file, export the open plan's PDF (with its changes since approval) or its slides, the key-account
progress report, and many PDFs at once beside a window that keeps working."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ..domain.planfile import PlanFileError
from ..services import Conflict, NotAPlanPdf, NotFound
from .flows import Flows, busy
from .navigator_models import PLAN_ID_ROLE
from .workbook_flow import WorkbookFlows

translate = QCoreApplication.translate


def _plan_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    return [
        Path(u.toLocalFile())
        for u in event.mimeData().urls()
        if u.isLocalFile() and u.toLocalFile().lower().endswith((".json", ".pdf"))
    ]


class FileFlows(Flows):
    def __init__(self, window):  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.batch = None  # the BatchExport under way, or the last one
        self.problems_dialog = None  # the last import's problems, while shown
        self.workbook = WorkbookFlows(window)  # File ▸ Export / Import Workbook…

    # ---- plan files

    def import_plan(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            translate("MainWindow", "Import Plan File"),
            self.settings.last_folder or str(Path.home()),
            translate("MainWindow", "Plan files and plan PDFs (*.json *.pdf);;All files (*)"),
        )
        for path in paths:
            self.settings.last_folder = str(Path(path).parent)
            self.import_path(Path(path))

    def import_path(self, path: Path, ask: bool = True) -> int | None:
        """Import one plan file, or the plan a plan PDF carries; a bad file shows every problem, a
        clash asks before replacing. A PDF of a plan the database has brings its review comments."""
        if path.suffix.lower() == ".pdf":
            try:
                with busy():
                    try:
                        return self.read_plan_pdf(path)
                    except NotFound:  # a plan this database does not have: the PDF brings it
                        return self.import_plan_pdf(path)
            except (NotAPlanPdf, PlanFileError, OSError, ValueError) as exc:
                problems = exc.problems if isinstance(exc, PlanFileError) else [str(exc)]
                self.show_problems(path, problems)
                return None
            except Conflict as exc:
                self.window.info.show_message("⚠ " + str(exc))
                return None
        try:
            with busy():  # a PDF is checked against the plan it carries first: a second or two
                plan_id = self.workspace.import_file(path)
        except PlanFileError as exc:
            self.show_problems(path, exc.problems)
            return None
        except Conflict as exc:
            if not ask:
                self.status(str(exc), 8000)
                return None
            answer = QMessageBox.question(
                self.window,
                translate("MainWindow", "Import Plan File"),
                translate("MainWindow", "%1\n\nReplace the plan in the database with the file's content?").replace(
                    "%1", str(exc)
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            plan_id = self.workspace.import_file(path, replace=True)
        except (OSError, UnicodeDecodeError) as exc:
            self.show_problems(path, [str(exc)])
            return None
        self.window.open_plan(plan_id)
        self.status(translate("MainWindow", "Imported %1.").replace("%1", path.name), 5000)
        return plan_id

    def read_plan_pdf(self, path: Path) -> int:
        """A plan PDF of a plan the database has, come back from review: its comments into the
        plan's review record (the cycle panel's Comments tab shows them) and, when the reviewer
        signed it in their own tool, the sign-off. NotFound when the database lacks the plan."""
        portfolio = self.workspace.portfolio
        data = path.read_bytes()
        found = portfolio.read_review_pdf(data)
        added = portfolio.add_comments(found.plan_id, found.new) if found.new else 0
        signed = portfolio.import_pdf(data, self.trust_roots()) if b"/ByteRange" in data else None
        self.window.open_plan(found.plan_id)
        panel = self.window.show_cycle()
        panel.tabs.setCurrentWidget(panel.comments if added or signed is None else panel.review)
        if added:
            text = translate("MainWindow", "%n review comment(s) read from %1.", "", added).replace("%1", path.name)
            self.status(text, 8000)
        elif signed is None:
            text = translate("MainWindow", "%1 has no comments that are not here already.").replace("%1", path.name)
            self.status(text, 8000)
        if signed is not None and signed.signoff is not None and signed.signature is not None:
            self.window.info.show_message(self.signed_message(signed.signoff, signed.signature.trusted))
        return found.plan_id

    def import_plan_pdf(self, path: Path) -> int:
        """The plan a plan PDF carries, into a database that lacks it (with its sign-off, when
        the reviewer signed it)."""
        done = self.workspace.portfolio.import_pdf(path.read_bytes(), self.trust_roots())
        self.window.open_plan(done.plan_id)
        self.status(translate("MainWindow", "Imported %1.").replace("%1", path.name), 5000)
        if done.signoff is not None and done.signature is not None:
            self.window.info.show_message(self.signed_message(done.signoff, done.signature.trusted))
        return done.plan_id

    def trust_roots(self) -> list[Path]:
        folder = self.settings.trust_roots
        return [Path(folder)] if folder and Path(folder).is_dir() else []

    def signed_message(self, signoff, trusted: bool | None) -> str:  # type: ignore[no-untyped-def]
        said = (
            translate("MainWindow", "Signed off: version %1, by %2 on %3, signed in their own tool.")
            .replace("%1", str(signoff.number))
            .replace("%2", signoff.reviewer)
            .replace("%3", signoff.date.isoformat())
        )
        trust = {
            True: translate("MainWindow", "The signer's certificate chains to a trusted root."),
            False: "⚠ "
            + translate("MainWindow", "The signer is NOT verified: no trusted root issued the certificate."),
            None: "⚠ " + translate("MainWindow", "The signer is not verified: no folder of trusted roots is set."),
        }[trusted]
        return f"✓ {said} {trust}"

    def show_problems(self, path: Path, problems: list[str]):  # type: ignore[no-untyped-def]
        from .dialogs import ProblemsDialog

        dialog = ProblemsDialog(
            translate("MainWindow", "Import Plan File"),
            translate(
                "MainWindow",
                "%1 cannot be imported. Nothing was changed. The problems, each with its place in the file:",
            ).replace("%1", path.name),
            problems,
            self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.problems_dialog = dialog
        return dialog

    def export_plan_file(self) -> None:
        d = self.document
        if d is None:
            return
        from .pdf_preview import file_name

        suggested = Path(self.settings.last_folder or Path.home()) / file_name(
            d.plan.account.name, d.plan.year
        ).replace(".pdf", ".json")
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            translate("MainWindow", "Export Plan File"),
            str(suggested),
            translate("MainWindow", "Plan files (*.json)"),
        )
        if path:
            self.settings.last_folder = str(Path(path).parent)
            self.workspace.export_file(d.plan_id, Path(path))
            self.status(translate("MainWindow", "Wrote %1.").replace("%1", path), 5000)

    def drag_enter(self, event: QDragEnterEvent) -> None:
        if _plan_files(event):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        files = _plan_files(event)
        if not files:
            return
        event.acceptProposedAction()
        # After the drop has finished, so a dialog does not run inside the drag.
        QTimer.singleShot(0, lambda: [self.import_path(f) for f in files])

    # ---- PDF

    def export_pdf(self) -> Path | None:
        d = self.document
        if d is None:
            return None
        from .pdf_preview import export_pdf

        target = export_pdf(self.window, self.workspace.portfolio, d, self.settings.last_folder)
        if target is not None:
            self.settings.last_folder = str(target.parent)
        return target

    def export_pdf_with_changes(self) -> Path | None:
        d = self.document
        if d is None:
            return None
        from .pdf_preview import export_pdf

        target = export_pdf(self.window, self.workspace.portfolio, d, self.settings.last_folder, with_changes=True)
        if target is not None:
            self.settings.last_folder = str(target.parent)
        return target

    def export_pdf_for_customer(self) -> Path | None:
        d = self.document
        if d is None:
            return None
        from ..domain.audience import Audience
        from .pdf_preview import export_pdf

        target = export_pdf(
            self.window, self.workspace.portfolio, d, self.settings.last_folder, audience=Audience.CUSTOMER
        )
        if target is not None:
            self.settings.last_folder = str(target.parent)
        return target

    def export_slides(self) -> Path | None:
        d = self.document
        if d is None:
            return None
        from .deck_export import export_slides

        target = export_slides(self.window, self.workspace.portfolio, d, self.settings.last_folder)
        if target is not None:
            self.settings.last_folder = str(target.parent)
        return target

    def export_progress_report(self) -> Path | None:
        from .progress_export import export_progress_report

        self.workspace.flush_all()
        target = export_progress_report(self.window, self.workspace.portfolio, self.settings.last_folder)
        if target is not None:
            self.settings.last_folder = str(target.parent)
        return target

    def export_many(self) -> None:
        from .pdf_preview import BatchExportDialog

        self.workspace.flush_all()
        proxy = self.window.navigator.proxy
        shown: set[int] = set()
        for row in range(proxy.rowCount()):
            parent = proxy.index(row, 0)
            for child in range(proxy.rowCount(parent)):
                plan_id = proxy.index(child, 0, parent).data(PLAN_ID_ROLE)
                if plan_id is not None:
                    shown.add(plan_id)
        dialog = BatchExportDialog(self.workspace.summaries, shown, self.settings.last_folder, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        plans = dialog.chosen()
        if not plans:
            return
        folder = Path(dialog.folder.text())
        self.settings.last_folder = str(folder)
        self.start_batch(plans, folder)

    def start_batch(self, plans, folder: Path):  # type: ignore[no-untyped-def]
        from .pdf_preview import BatchExport

        self.batch = BatchExport(self.window, self.workspace.portfolio, plans, folder)
        self.batch.finished.connect(self._batch_done)
        self.batch.start()
        return self.batch

    def _batch_done(self, written: int, problems: list[str]) -> None:
        batch = self.batch
        cancelled = batch is not None and batch.thread.cancelled
        text = translate("MainWindow", "Exported %n PDF(s).", "", written)
        if cancelled:
            text += " " + translate("MainWindow", "Cancelled before the end.")
        if problems:
            self.show_problems(Path(translate("MainWindow", "Some plans")), problems)
        self.status(text, 8000)
        if batch is not None and written:
            from .pdf_preview import offer_to_open

            offer_to_open(self.window, batch.folder, text)
