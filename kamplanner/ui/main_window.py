"""The main window: the editor, the navigator and the other docks, the status strip.

It lays out and wires: the commands are declared in actions.py (menus and the shortcuts dialog
are built from that table), the menu flows live in plan_flows, file_flows and database_flows,
the plan in a PlanDocument, the portfolio operations in the Workspace.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.ops import Scope
from . import i18n
from .application import default_size

if TYPE_CHECKING:
    from ..domain.ops import Changes
    from ..services import Portfolio
    from .document import PlanDocument
    from .settings import Settings
    from .workspace import Workspace

translate = QCoreApplication.translate


class MainWindow(QMainWindow):
    """Made in two steps, so that a start shows the window before the slow part: the frame
    (title, size and place, "Opening…") needs only Qt; ``build(workspace)`` loads the rest of
    the app's modules and lays out the editor, the docks and the menus over the portfolio."""

    languageChosen = Signal(str)  # the user picked another interface language

    def __init__(
        self,
        workspace: Workspace | None,
        settings: Settings,
        open_portfolio: Callable[[str], Portfolio] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.settings = settings
        self.open_portfolio = open_portfolio
        self.default_database = ""  # shown as the placeholder in Preferences
        self.lang = i18n.language()
        self.document: PlanDocument | None = None
        self.built = False
        self._layout_restored = False
        self.setWindowTitle("kamplanner")
        self.resize(*default_size(self))
        if workspace is not None:
            self.build(workspace)
        else:
            # Centred by stretches, not QtCore.Qt.AlignCenter: PySide builds all of the Qt namespace's
            # enums (25 ms) the first time it is touched, and the frame is there to come up fast.
            opening = QWidget()
            row = QHBoxLayout(opening)
            row.addStretch(1)
            row.addWidget(QLabel(translate("MainWindow", "Opening the portfolio…"), enabled=False))
            row.addStretch(1)
            self.setCentralWidget(opening)
            if not settings.geometry.isEmpty():
                self.restoreGeometry(settings.geometry)

    def build(self, workspace: Workspace) -> None:
        """The window over the portfolio: every widget, dock, command and connection."""
        from . import actions
        from .database_flows import DatabaseFlows
        from .file_flows import FileFlows
        from .info_bar import InfoBar
        from .navigator import Navigator
        from .plan_editor import PAGE_KEYS, PlanEditor
        from .plan_flows import PlanFlows
        from .status_strip import StatusStrip

        self.workspace = workspace
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.plans = PlanFlows(self)
        self.files = FileFlows(self)
        self.database = DatabaseFlows(self)

        self.editor = PlanEditor(self.lang, workspace.account_names)
        self.info = InfoBar()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        info_holder = QHBoxLayout()
        info_holder.setContentsMargins(8, 6, 8, 0)
        info_holder.addWidget(self.info)
        central_layout.addLayout(info_holder)
        central_layout.addWidget(self.editor, 1)
        self.setCentralWidget(central)

        self.navigator = Navigator(self.lang)
        self.navigator_dock = QDockWidget(translate("MainWindow", "Portfolio"), self)
        self.navigator_dock.setObjectName("navigatorDock")
        self.navigator_dock.setWidget(self.navigator)
        self.navigator_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, self.navigator_dock)

        self.preview = None  # the PdfPreview, made when first shown (QtPdf is loaded then)
        self.preview_dock = QDockWidget(translate("MainWindow", "PDF Preview"), self)
        self.preview_dock.setObjectName("previewDock")
        self.preview_dock.setWidget(QWidget())
        self.preview_dock.hide()
        self.preview_dock.visibilityChanged.connect(self._preview_visibility)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, self.preview_dock)

        self.cycle_panel = None  # made when first shown, like the preview
        self.cycle_dock = self._lazy_dock(translate("MainWindow", "Planning Cycle"), "cycleDock", self._ensure_cycle)
        self.dashboard = None
        self.dashboard_dock = self._lazy_dock(
            translate("MainWindow", "Portfolio Dashboard"), "dashboardDock", self._ensure_dashboard
        )
        self.tabifyDockWidget(self.preview_dock, self.cycle_dock)
        self.tabifyDockWidget(self.cycle_dock, self.dashboard_dock)

        self.status = StatusStrip(self.statusBar(), self.lang, self.show_cycle)
        self.phase_label, self.save_label, self.version_label = (
            self.status.phase_label,
            self.status.save_label,
            self.status.version_label,
        )
        self.page_keys = PAGE_KEYS
        self.action_specs = actions.action_table(self.lang)
        self.actions_by_id = actions.build_actions(self, self.action_specs)
        self.section_actions = [self.actions_by_id[f"section_{key}"] for key in PAGE_KEYS]
        actions.build_menus(self, self.action_specs, self.actions_by_id)
        self._connect()
        self.built = True
        self.update_actions()

    # ---- building

    def _lazy_dock(self, title: str, name: str, ensure: Callable[[], object]) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(QWidget())
        dock.hide()
        dock.visibilityChanged.connect(lambda visible: ensure() if visible else None)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _ensure_cycle(self):  # type: ignore[no-untyped-def]
        if self.cycle_panel is None:
            from .cycle_panel import CyclePanel

            self.cycle_panel = CyclePanel(self.workspace)
            self.cycle_panel.comments.goTo.connect(self.editor.show_place)
            self.cycle_dock.setWidget(self.cycle_panel)
            if not self._layout_restored:  # the first time ever: a third of the window, the editor keeps the rest
                self.resizeDocks(
                    [self.cycle_dock], [max(360, int(self.width() * 0.36))], QtCore.Qt.Orientation.Horizontal
                )
        return self.cycle_panel

    def _ensure_dashboard(self):  # type: ignore[no-untyped-def]
        if self.dashboard is None:
            from .dashboard import DashboardView

            self.dashboard = DashboardView(self.workspace.portfolio)
            self.dashboard.openPlan.connect(self.open_plan)
            self.dashboard_dock.setWidget(self.dashboard)
        return self.dashboard

    def show_cycle(self):  # type: ignore[no-untyped-def]
        self.cycle_dock.show()
        self.cycle_dock.raise_()
        return self._ensure_cycle()

    def _changed(self, changes: Changes) -> None:
        """What any operation changed (the workspace has taken it in): show it everywhere."""
        if not (changes.scope & (Scope.CYCLE | Scope.PORTFOLIO) or changes.everything):
            return  # a content edit: its views changed with it, the navigator row with its save
        if self.dashboard is not None:
            self.dashboard.refresh()
        if (
            self.cycle_panel is not None
            and self.document is not None
            and changes.touches(self.document.plan_id, Scope.CYCLE)
        ):
            self.cycle_panel.refresh()
        if self.document is not None and changes.touches(self.document.plan_id, Scope.CYCLE):
            self.editor.refresh_comments()
        created = changes.created
        # Only the cycle makes plans itself (a roll-forward); the flows that make one open it.
        if created is not None and changes.scope == Scope.CYCLE | Scope.PORTFOLIO and self.workspace.summary(created):
            if self.document is None or self.document.plan_id != created:
                self.open_plan(created)  # a roll-forward made next year's plan: go to it
        self._update_status()
        self.editor._update_title()

    def _connect(self) -> None:
        w = self.workspace
        w.currentChanged.connect(self._document_changed)
        w.portfolioChanged.connect(self._portfolio_changed)
        w.changed.connect(self._changed)
        w.planUpdated.connect(self._plan_updated)
        w.deletedChanged.connect(self.update_actions)
        w.documentClosed.connect(self.editor.forget)
        self.navigator.planActivated.connect(self.open_plan)
        self.navigator.sectionActivated.connect(self.show_section)
        self.navigator.fieldActivated.connect(lambda _section, path: self.editor.focus_field(path))
        self.editor.sectionChanged.connect(self._section_changed)

    def update_actions(self) -> None:
        """Enable each command as its table entry says (a plan open, a plan deleted…)."""
        from . import actions

        actions.update_enabled(self, self.action_specs, self.actions_by_id)

    # ---- starting and stopping

    def start(self) -> None:
        """Show the portfolio and reopen the last plan (or the first one, on a first start)."""
        self.restore_layout()
        self.workspace.refresh()
        self.status.watch(self.workspace)
        self.workspace.listen()  # a team server: other people's saves show as they are made
        self.database.syncing.start_background()  # a laptop with a team server: sync now and then
        self.editor.current = self.settings.last_section if self.settings.last_section in self.page_keys else "summary"
        self.navigator.current_section = self.editor.current
        plans = self.workspace.summaries
        wanted = self.settings.last_plan
        if plans:
            chosen = wanted if any(p.id == wanted for p in plans) else plans[0].id
            self.open_plan(chosen)
        else:
            self.workspace.close_current()
        self.navigator.tree.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def restore_layout(self) -> None:
        geometry = self.settings.geometry
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.window_state
        if not state.isEmpty():
            self._layout_restored = self.restoreState(state)
        navigator = self.settings.navigator_state
        if not navigator.isEmpty():
            self.navigator.splitter.restoreState(navigator)
        else:
            self.resizeDocks([self.navigator_dock], [340], QtCore.Qt.Orientation.Horizontal)

    def save_layout(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.navigator_state = self.navigator.splitter.saveState()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.built:  # closed while the portfolio was opening: nothing to keep yet
            event.accept()
            return
        if not self.workspace.flush_all():
            unsaved = ", ".join(d.title for d in self.workspace.unsaved())
            answer = QMessageBox.warning(
                self,
                translate("MainWindow", "Unsaved edits"),
                translate("MainWindow", "Some edits could not be saved (%1). Quit anyway and lose them?").replace(
                    "%1", unsaved
                ),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        if self.preview is not None:
            self.preview.wait(10000)
        self.workspace.stop_listening()
        self.save_layout()
        event.accept()

    # ---- the open plan

    def open_plan(self, plan_id: int) -> PlanDocument | None:
        from ..services import NotFound

        try:
            document = self.workspace.open(plan_id)
        except NotFound:
            self.statusBar().showMessage(translate("MainWindow", "That plan is no longer in the database."), 6000)
            self.workspace.refresh()
            return None
        self.settings.last_plan = plan_id
        self.navigator.select_plan(plan_id)
        return document

    def _document_changed(self, document: PlanDocument | None) -> None:
        from .document import detach

        old = self.document
        if old is not None:
            for signal, slot in self._document_connections(old):
                detach(signal, slot)
        self.document = document
        if document is not None:
            for signal, slot in self._document_connections(document):
                signal.connect(slot)
        self.editor.set_document(document)
        self.navigator.set_document(document)
        if self.preview is not None:
            self.preview.set_document(document)
        self.info.hide()
        self._update_status()
        self.update_actions()
        self.setWindowTitle(f"{document.title} — kamplanner" if document else "kamplanner")

    def _document_connections(self, d: PlanDocument):  # type: ignore[no-untyped-def]
        return [
            (d.saveStateChanged, self._save_state_changed),
            (d.saved, self._update_status),
            (d.issuesChanged, self._update_status),
            (d.problem, self._show_problem),
            (d.notice, self._show_notice),
            (d.replayed, self._show_replayed),
            (d.conflict, self._show_conflict),
            (d.collided, self._show_collisions),
        ]

    def _update_status(self) -> None:
        self.status.show(self.document)

    def _save_state_changed(self) -> None:
        from .autosave import SaveState

        self._update_status()
        d = self.document
        if d is not None and d.save_state in (SaveState.FAILED, SaveState.STOPPED):
            # Not only the status strip: a save that did not land must not go unnoticed.
            self.info.show_message(
                "⚠ "
                + translate(
                    "MainWindow",
                    "Your latest edits are not saved: %1. They are kept in this window and tried again every few"
                    " seconds; do not quit until the status says Saved.",
                ).replace("%1", d.autosave.error)
            )
        elif d is not None and d.save_state is SaveState.SAVED and self.info.text.text().startswith("⚠"):
            self.info.hide()

    def _show_problem(self, message: str) -> None:
        self.statusBar().showMessage("⚠ " + message, 8000)

    def _show_notice(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _show_replayed(self, edit: object, message: str) -> None:
        from .undo import reveal

        reveal(self, edit, message)

    def _show_conflict(self, message: str) -> None:
        self.info.show_message(message)

    def _show_collisions(self, collisions: list) -> None:  # type: ignore[type-arg]
        # Shown once the save that found them has returned, not inside it.
        QTimer.singleShot(0, lambda: self.resolve_collisions(collisions))

    def resolve_collisions(self, collisions: list, choose_mine: bool | None = None) -> None:  # type: ignore[type-arg]
        if self.document is not None:
            from .collisions import resolve_collisions

            resolve_collisions(self, self.document, collisions, self.lang, choose_mine)

    def _plan_updated(self, plan_id: int) -> None:
        summary = self.workspace.summary(plan_id)
        if summary is not None:
            self.navigator.model.update_plan(
                plan_id,
                version=summary.version,
                version_label=summary.version_label,
                completeness=summary.completeness,
                account=summary.account,
                tier=summary.tier,
                manager=summary.manager,
            )
        if self.document is not None and self.document.plan_id == plan_id:
            self.setWindowTitle(f"{self.document.title} — kamplanner")

    def _portfolio_changed(self) -> None:
        self.navigator.load(self.workspace.accounts, self.workspace.summaries)

    def show_section(self, key: str) -> None:
        self.editor.show_section(key)

    def step_section(self, step: int) -> None:
        keys = self.page_keys
        self.show_section(keys[(keys.index(self.editor.current) + step) % len(keys)])
        if self.document is not None:
            self.editor.focus_page()

    def _section_changed(self, key: str) -> None:
        self.navigator.show_section(key)
        self.settings.last_section = key

    def find(self) -> None:
        self.navigator_dock.show()
        self.navigator.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.navigator.search.selectAll()

    def format_text(self, command: str) -> None:
        from .prose_editor import ProseEdit

        editor = QApplication.focusWidget()
        if isinstance(editor, ProseEdit):
            editor.format(command)
        else:
            self.statusBar().showMessage(translate("MainWindow", "Put the cursor in a text field to format it."), 4000)

    # ---- plan files dropped on the window

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.files.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.files.drop(event)

    # ---- the PDF preview

    def ensure_preview(self):  # type: ignore[no-untyped-def]
        if self.preview is None:
            from .pdf_preview import PdfPreview

            self.preview = PdfPreview(lambda: self.workspace.portfolio)
            self.preview.exportRequested.connect(self.export_pdf)
            self.preview_dock.setWidget(self.preview)
            self.preview.set_document(self.document)
            if not self._layout_restored:  # the first time ever: room for a readable page
                self.resizeDocks(
                    [self.preview_dock], [max(480, int(self.width() * 0.38))], QtCore.Qt.Orientation.Horizontal
                )
        return self.preview

    def _preview_visibility(self, visible: bool) -> None:
        if visible:
            self.ensure_preview()

    def show_preview(self) -> None:
        self.preview_dock.show()
        self.preview_dock.raise_()
        self.ensure_preview()

    def refresh_preview(self) -> None:
        self.show_preview()
        self.ensure_preview().refresh()

    # ---- what tests and scripts call on the window (the flows do the work)

    def export_pdf(self) -> Path | None:
        return self.files.export_pdf()

    def import_path(self, path: Path, ask: bool = True) -> int | None:
        return self.files.import_path(path, ask)

    def start_batch(self, plans, folder: Path):  # type: ignore[no-untyped-def]
        return self.files.start_batch(plans, folder)

    def delete_plan(self, confirm: bool = True) -> None:
        self.plans.delete_plan(confirm)

    def restore_from_backup(self, name: str | None = None, confirm: bool = True) -> bool:
        return self.database.restore_from_backup(name, confirm)

    def offer_restore_if_damaged(self) -> None:
        self.database.offer_restore_if_damaged()

    # ---- help

    def show_shortcuts(self) -> None:
        from . import help_dialogs

        help_dialogs.show_shortcuts(self)

    def about(self) -> None:
        from . import help_dialogs

        help_dialogs.about(self)
