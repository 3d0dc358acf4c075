"""The main window: menus and shortcuts, the navigator and preview docks, the status strip.

It only wires things together: the plan lives in a PlanDocument, the portfolio operations in
the Workspace, the editing in the plan editor's widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.planfile import PlanFileError
from ..domain.template import TEMPLATE
from ..services import Conflict, DatabaseError, NotFound, Portfolio
from . import i18n
from .autosave import SaveState
from .document import PlanDocument, detach
from .navigator import Navigator
from .plan_editor import PAGE_KEYS, PlanEditor
from .prose_editor import MarkdownEdit
from .settings import Settings
from .workspace import Workspace

translate = QCoreApplication.translate


def _keys(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for a standard action, or ours where the platform has none."""
    keys = QKeySequence.keyBindings(standard)
    return keys or [QKeySequence(fallback)]


class InfoBar(QFrame):
    """A message across the top of the editor, with an optional action (Restore, Reload…)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("infoBar")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.action_button = QPushButton()
        self.close_button = QPushButton(translate("MainWindow", "Dismiss"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._action: Callable[[], None] | None = None
        self.action_button.clicked.connect(self._run)
        self.hide()

    def show_message(self, text: str, action_text: str = "", action: Callable[[], None] | None = None) -> None:
        self.text.setText(text)
        self._action = action
        self.action_button.setText(action_text)
        self.action_button.setVisible(bool(action_text and action))
        self.show()

    def _run(self) -> None:
        action = self._action
        self.hide()
        if action is not None:
            action()


class MainWindow(QMainWindow):
    languageChosen = Signal(str)  # the user picked another interface language

    def __init__(
        self,
        workspace: Workspace,
        settings: Settings,
        open_portfolio: Callable[[str], Portfolio] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self.open_portfolio = open_portfolio
        self.default_database = ""  # shown as the placeholder in Preferences
        self.lang = i18n.language()
        self.setWindowTitle("kamplanner")
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

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
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.navigator_dock)

        self.preview = None  # the PdfPreview, made when first shown (QtPdf is loaded then)
        self.preview_dock = QDockWidget(translate("MainWindow", "PDF Preview"), self)
        self.preview_dock.setObjectName("previewDock")
        self.preview_dock.setWidget(QWidget())
        self.preview_dock.hide()
        self.preview_dock.visibilityChanged.connect(self._preview_visibility)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview_dock)

        self.cycle_panel = None  # made when first shown, like the preview
        self.cycle_dock = self._lazy_dock(translate("MainWindow", "Planning Cycle"), "cycleDock", self._ensure_cycle)
        self.dashboard = None
        self.dashboard_dock = self._lazy_dock(
            translate("MainWindow", "Portfolio Dashboard"), "dashboardDock", self._ensure_dashboard
        )
        self.tabifyDockWidget(self.preview_dock, self.cycle_dock)
        self.tabifyDockWidget(self.cycle_dock, self.dashboard_dock)

        self._build_status()
        self._build_actions()
        self._build_menus()
        self._connect()
        self.document: PlanDocument | None = None
        self.batch = None
        self._layout_restored = False
        self.resize(1400, 900)

    # ---- building

    def _lazy_dock(self, title: str, name: str, ensure: Callable[[], object]) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(QWidget())
        dock.hide()
        dock.visibilityChanged.connect(lambda visible: ensure() if visible else None)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _ensure_cycle(self):  # type: ignore[no-untyped-def]
        if self.cycle_panel is None:
            from .cycle_panel import CyclePanel

            self.cycle_panel = CyclePanel(self.workspace)
            self.cycle_panel.moved.connect(self._cycle_moved)
            self.cycle_dock.setWidget(self.cycle_panel)
        return self.cycle_panel

    def _ensure_dashboard(self):  # type: ignore[no-untyped-def]
        if self.dashboard is None:
            from .dashboard import DashboardView

            self.dashboard = DashboardView(self.workspace.portfolio)
            self.dashboard.openPlan.connect(self.open_plan)
            self.dashboard_dock.setWidget(self.dashboard)
        return self.dashboard

    def show_cycle(self) -> None:
        self.cycle_dock.show()
        self.cycle_dock.raise_()
        self._ensure_cycle()

    def _cycle_moved(self, plan_id: int) -> None:
        """A phase move, review or roll-forward changed the portfolio: show it everywhere."""
        self.workspace.refresh()
        if self.dashboard is not None:
            self.dashboard.refresh()
        if self.document is not None and self.document.plan_id != plan_id and self.workspace.summary(plan_id):
            self.open_plan(plan_id)  # a roll-forward made a new plan: go to it
        self._update_status()
        self.editor._update_title()

    def _build_status(self) -> None:
        bar = self.statusBar()
        self.phase_label = QToolButton()
        self.phase_label.setAutoRaise(True)
        self.phase_label.setToolTip(translate("MainWindow", "Show the planning cycle (Ctrl+Shift+C)"))
        self.phase_label.clicked.connect(self.show_cycle)
        self.complete_bar = QProgressBar()
        self.complete_bar.setRange(0, 100)
        self.complete_bar.setMaximumWidth(110)
        self.complete_bar.setMaximumHeight(14)
        self.complete_bar.setTextVisible(False)
        self.complete_label = QLabel()
        self.version_label = QLabel()
        self.save_label = QLabel()
        self.save_label.setObjectName("saveState")
        for widget, name in (
            (self.phase_label, translate("MainWindow", "Phase")),
            (self.complete_label, translate("MainWindow", "Completeness")),
            (self.version_label, translate("MainWindow", "Version")),
            (self.save_label, translate("MainWindow", "Saved state")),
        ):
            widget.setAccessibleName(name)
        self.complete_bar.setAccessibleName(translate("MainWindow", "Completeness"))
        for widget in (self.phase_label, self.complete_bar, self.complete_label, self.version_label, self.save_label):
            bar.addPermanentWidget(widget)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        keys: list[QKeySequence] | QKeySequence | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if keys:
            if isinstance(keys, list):
                action.setShortcuts(keys)
            else:
                action.setShortcut(QKeySequence(keys))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_account_action = self._action(
            translate("MainWindow", "New &Account…"), self.new_account, "Ctrl+Shift+N"
        )
        self.new_plan_action = self._action(
            translate("MainWindow", "&New Plan…"), self.new_plan, QKeySequence.keyBindings(QKeySequence.StandardKey.New)
        )
        self.duplicate_action = self._action(translate("MainWindow", "&Duplicate Plan…"), self.duplicate_plan)
        self.delete_action = self._action(translate("MainWindow", "De&lete Plan…"), self.delete_plan)
        self.restore_action = self._action(translate("MainWindow", "&Restore Deleted Plan"), self.restore_plan)
        self.restore_action.setEnabled(False)
        self.import_action = self._action(
            translate("MainWindow", "&Import Plan File…"),
            self.import_plan,
            QKeySequence.keyBindings(QKeySequence.StandardKey.Open),
        )
        self.export_json_action = self._action(
            translate("MainWindow", "Export Plan &File…"), self.export_plan_file, "Ctrl+Shift+S"
        )
        self.export_pdf_action = self._action(translate("MainWindow", "&Export PDF…"), self.export_pdf, "Ctrl+E")
        self.batch_action = self._action(
            translate("MainWindow", "Export &Several PDFs…"), self.export_many, "Ctrl+Shift+E"
        )
        self.export_changes_action = self._action(
            translate("MainWindow", "Export PDF with &Changes Since Approval…"), self.export_pdf_with_changes
        )
        self.progress_report_action = self._action(
            translate("MainWindow", "Export Key-Account Progress &Report…"), self.export_progress_report
        )
        self.restore_backup_action = self._action(
            translate("MainWindow", "Restore From &Backup…"), self.restore_from_backup
        )
        self.restore_backup_action.setEnabled(self.workspace.portfolio.db.path is not None)
        self.preferences_action = self._action(
            translate("MainWindow", "&Preferences…"),
            self.preferences,
            _keys(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = self._action(
            translate("MainWindow", "&Quit"), self.close, _keys(QKeySequence.StandardKey.Quit, "Ctrl+Q")
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        group = self.workspace.undo_group
        self.undo_action = group.createUndoAction(self, translate("MainWindow", "&Undo"))
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = group.createRedoAction(self, translate("MainWindow", "&Redo"))
        self.redo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.find_action = self._action(
            translate("MainWindow", "&Find Account…"),
            self.find,
            QKeySequence.keyBindings(QKeySequence.StandardKey.Find),
        )

        self.bold_action = self._action(
            translate("MainWindow", "&Bold"),
            lambda: self._format("bold"),
            QKeySequence.keyBindings(QKeySequence.StandardKey.Bold),
        )
        self.italic_action = self._action(
            translate("MainWindow", "&Italic"),
            lambda: self._format("italic"),
            QKeySequence.keyBindings(QKeySequence.StandardKey.Italic),
        )
        self.bullets_action = self._action(
            translate("MainWindow", "B&ulleted List"), lambda: self._format("bullets"), "Ctrl+Shift+8"
        )
        self.numbers_action = self._action(
            translate("MainWindow", "&Numbered List"), lambda: self._format("numbers"), "Ctrl+Shift+7"
        )

        self.preview_action = self.preview_dock.toggleViewAction()
        self.preview_action.setText(translate("MainWindow", "PDF &Preview"))
        self.preview_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.refresh_preview_action = self._action(
            translate("MainWindow", "&Refresh Preview"),
            self.refresh_preview,
            QKeySequence.keyBindings(QKeySequence.StandardKey.Refresh) or "F5",
        )
        self.cycle_action = self.cycle_dock.toggleViewAction()
        self.cycle_action.setText(translate("MainWindow", "Planning &Cycle"))
        self.cycle_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.dashboard_action = self.dashboard_dock.toggleViewAction()
        self.dashboard_action.setText(translate("MainWindow", "Portfolio &Dashboard"))
        self.dashboard_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        for action, dock, ensure in (
            (self.preview_action, self.preview_dock, self.ensure_preview),
            (self.cycle_action, self.cycle_dock, self._ensure_cycle),
            (self.dashboard_action, self.dashboard_dock, self._ensure_dashboard),
        ):
            # Docks that share a tab: bring the chosen one to the front, and build it then.
            action.triggered.connect(lambda checked, d=dock, e=ensure: (e(), d.raise_()) if checked else None)
        self.navigator_action = self.navigator_dock.toggleViewAction()
        self.navigator_action.setText(translate("MainWindow", "P&ortfolio"))
        self.navigator_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.section_actions: list[QAction] = []
        for i, key in enumerate(PAGE_KEYS):
            if key == "account":
                text = translate("MainWindow", "Account Facts")
            else:
                section = TEMPLATE.section(key)
                text = f"{section.number} {section.label(self.lang)}"
            action = self._action(text, lambda k=key: self.show_section(k), f"Ctrl+{i}")
            self.section_actions.append(action)
        self.next_section_action = self._action(
            translate("MainWindow", "Next Section"), lambda: self.step_section(1), "Ctrl+PgDown"
        )
        self.previous_section_action = self._action(
            translate("MainWindow", "Previous Section"), lambda: self.step_section(-1), "Ctrl+PgUp"
        )
        self.about_action = self._action(translate("MainWindow", "&About kamplanner"), self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.shortcuts_action = self._action(translate("MainWindow", "&Keyboard Shortcuts"), self.show_shortcuts)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(translate("MainWindow", "&File"))
        for action in (
            self.new_account_action,
            self.new_plan_action,
            self.duplicate_action,
            self.delete_action,
            self.restore_action,
        ):
            file.addAction(action)
        file.addSeparator()
        file.addAction(self.import_action)
        file.addAction(self.export_json_action)
        file.addSeparator()
        file.addAction(self.export_pdf_action)
        file.addAction(self.export_changes_action)
        file.addAction(self.batch_action)
        file.addAction(self.progress_report_action)
        file.addSeparator()
        file.addAction(self.restore_backup_action)
        file.addAction(self.preferences_action)
        file.addSeparator()
        file.addAction(self.quit_action)
        edit = bar.addMenu(translate("MainWindow", "&Edit"))
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self.find_action)
        fmt = bar.addMenu(translate("MainWindow", "F&ormat"))
        for action in (self.bold_action, self.italic_action, self.bullets_action, self.numbers_action):
            fmt.addAction(action)
        view = bar.addMenu(translate("MainWindow", "&View"))
        view.addAction(self.navigator_action)
        view.addAction(self.preview_action)
        view.addAction(self.refresh_preview_action)
        view.addAction(self.cycle_action)
        view.addAction(self.dashboard_action)
        view.addSeparator()
        for action in self.section_actions:
            view.addAction(action)
        view.addSeparator()
        view.addAction(self.previous_section_action)
        view.addAction(self.next_section_action)
        help_menu = bar.addMenu(translate("MainWindow", "&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        w = self.workspace
        w.currentChanged.connect(self._document_changed)
        w.portfolioChanged.connect(self._portfolio_changed)
        w.planUpdated.connect(self._plan_updated)
        w.deletedChanged.connect(lambda: self.restore_action.setEnabled(bool(self.workspace.deleted)))
        w.documentClosed.connect(self.editor.forget)
        self.navigator.planActivated.connect(self.open_plan)
        self.navigator.sectionActivated.connect(self.show_section)
        self.navigator.fieldActivated.connect(lambda _section, path: self.editor.focus_field(path))
        self.editor.sectionChanged.connect(self._section_changed)

    # ---- starting and stopping

    def start(self) -> None:
        """Show the portfolio and reopen the last plan (or the first one, on a first start)."""
        self.restore_layout()
        self.workspace.refresh()
        self.editor.current = self.settings.last_section if self.settings.last_section in PAGE_KEYS else "summary"
        self.navigator.current_section = self.editor.current
        plans = self.workspace.summaries
        wanted = self.settings.last_plan
        if plans:
            chosen = wanted if any(p.id == wanted for p in plans) else plans[0].id
            self.open_plan(chosen)
        else:
            self.workspace.close_current()
        self.navigator.tree.setFocus(Qt.FocusReason.OtherFocusReason)

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
            self.resizeDocks([self.navigator_dock], [340], Qt.Orientation.Horizontal)

    def save_layout(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.navigator_state = self.navigator.splitter.saveState()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
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
        self.save_layout()
        event.accept()

    # ---- the open plan

    def open_plan(self, plan_id: int) -> PlanDocument | None:
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
        for action in (
            self.duplicate_action,
            self.delete_action,
            self.export_json_action,
            self.export_pdf_action,
            self.export_changes_action,
        ):
            action.setEnabled(document is not None)
        self.setWindowTitle(f"{document.title} — kamplanner" if document else "kamplanner")

    def _document_connections(self, d: PlanDocument):  # type: ignore[no-untyped-def]
        return [
            (d.saveStateChanged, self._save_state_changed),
            (d.saved, self._update_status),
            (d.issuesChanged, self._update_status),
            (d.problem, self._show_problem),
            (d.conflict, self._show_conflict),
            (d.collided, self._show_collisions),
        ]

    def _update_status(self) -> None:
        d = self.document
        for widget in (self.phase_label, self.complete_bar, self.complete_label, self.version_label, self.save_label):
            widget.setVisible(d is not None)
        if d is None:
            return
        plan = d.plan
        self.phase_label.setText(
            translate("MainWindow", "Phase %1: %2")
            .replace("%1", str(int(plan.phase)))
            .replace("%2", plan.phase.label(self.lang))
        )
        percent = d.completeness_percent
        self.complete_bar.setValue(percent)
        self.complete_label.setText(translate("MainWindow", "%1% complete").replace("%1", str(percent)))
        self.version_label.setText(translate("MainWindow", "Version %1").replace("%1", str(plan.version)))
        state = d.save_state
        texts = {
            SaveState.SAVED: "✓ " + translate("MainWindow", "Saved"),
            SaveState.PENDING: translate("MainWindow", "Saving…"),
            SaveState.FAILED: "⚠ " + translate("MainWindow", "Not saved, retrying: %1").replace("%1", d.autosave.error),
            SaveState.STOPPED: "⚠ " + translate("MainWindow", "Not saved: %1").replace("%1", d.autosave.error),
        }
        self.save_label.setText(texts[state])
        self.save_label.setToolTip(
            translate("MainWindow", "Every edit is written to the database within a second; there is no Save command.")
        )
        if self.save_label.property("state") != state.value:
            self.save_label.setProperty("state", state.value)
            self.save_label.style().unpolish(self.save_label)
            self.save_label.style().polish(self.save_label)

    def _save_state_changed(self) -> None:
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

    def _show_conflict(self, message: str) -> None:
        self.info.show_message(message)

    def _show_collisions(self, collisions: list) -> None:  # type: ignore[type-arg]
        # Shown once the save that found them has returned, not inside it.
        QTimer.singleShot(0, lambda: self.resolve_collisions(collisions))

    def resolve_collisions(self, collisions: list, choose_mine: bool | None = None) -> None:  # type: ignore[type-arg]
        """Both values of each collision, and the choice: keep the stored one or put ours back."""
        from ..domain.rebase import describe_place, insist

        document = self.document
        if document is None or not collisions:
            return

        def shown(value: object) -> str:
            if value is None or value == "":
                return translate("MainWindow", "(empty or removed)")
            return str(value)

        yours = translate("MainWindow", "Yours")
        stored = translate("MainWindow", "Stored now")
        details = "\n\n".join(
            f"{describe_place(c, self.lang, document.plan)}\n  {yours}: {shown(c.mine)}\n  {stored}: {shown(c.theirs)}"
            for c in collisions
        )
        if choose_mine is None:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                translate("MainWindow", "Changed in two places"),
                translate(
                    "MainWindow",
                    "%n of your edits changed what someone else changed at the same time. The other version is"
                    " in the plan now; yours are below (Show Details). Use yours instead?",
                    "",
                    len(collisions),
                ),
                parent=self,
            )
            box.setDetailedText(details)
            mine = box.addButton(translate("MainWindow", "Use Mine"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(translate("MainWindow", "Keep the Other Version"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            choose_mine = box.clickedButton() is mine
        if not choose_mine:
            return
        for collision in collisions:
            edit = insist(document.plan, collision)
            if edit is not None:
                document.push(edit, translate("MainWindow", "Use my version"))

    def _plan_updated(self, plan_id: int) -> None:
        summary = self.workspace.summary(plan_id)
        if summary is not None:
            self.navigator.model.update_plan(
                plan_id,
                version=summary.version,
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
        at = PAGE_KEYS.index(self.editor.current) + step
        self.show_section(PAGE_KEYS[at % len(PAGE_KEYS)])

    def _section_changed(self, key: str) -> None:
        self.navigator.show_section(key)
        self.settings.last_section = key

    def find(self) -> None:
        self.navigator_dock.show()
        self.navigator.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.navigator.search.selectAll()

    def _format(self, command: str) -> None:
        editor = QApplication.focusWidget()
        if not isinstance(editor, MarkdownEdit):
            self.statusBar().showMessage(translate("MainWindow", "Put the cursor in a text field to format it."), 4000)
            return
        {
            "bold": editor.toggle_bold,
            "italic": editor.toggle_italic,
            "bullets": lambda: editor.toggle_list(False),
            "numbers": lambda: editor.toggle_list(True),
        }[command]()

    # ---- accounts and plans

    def new_account(self) -> int | None:
        from .dialogs import NewAccountDialog

        managers = sorted({a.manager for a in self.workspace.accounts if a.manager})
        dialog = NewAccountDialog(self.lang, self.workspace.account_names(), managers, self.settings.author, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.create_account(dialog.account())

    def create_account(self, account) -> int | None:  # type: ignore[no-untyped-def]
        try:
            account_id = self.workspace.add_account(account)
        except Conflict as exc:
            QMessageBox.warning(self, translate("Dialogs", "New Account"), str(exc))
            return None
        self.statusBar().showMessage(translate("MainWindow", "Added the account %1.").replace("%1", account.name), 5000)
        answer = QMessageBox.question(
            self,
            translate("Dialogs", "New Account"),
            translate("MainWindow", "Make a plan for %1 now?").replace("%1", account.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.new_plan(account_id)
        return account_id

    def new_plan(self, account_id: int | None = None) -> int | None:
        if account_id is None:
            selected = self.navigator.selected_account()
            account_id = selected.id if selected else None
        taken: dict[int, set[int]] = {}
        for s in self.workspace.summaries:
            taken.setdefault(s.account_id, set()).add(s.year)
        from .dialogs import NewPlanDialog

        dialog = NewPlanDialog(self.workspace.accounts, taken, account_id, self.lang, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.create_plan(dialog.account.currentData(), dialog.year.value(), dialog.language.currentData())

    def create_plan(self, account_id: int, year: int, language: str) -> int | None:
        try:
            plan_id = self.workspace.new_plan(account_id, year, language)
        except (Conflict, ValueError) as exc:
            QMessageBox.warning(self, translate("Dialogs", "New Plan"), str(exc))
            return None
        self.open_plan(plan_id)
        self.show_section("summary")
        return plan_id

    def duplicate_plan(self) -> int | None:
        d = self.document
        if d is None:
            return None
        taken = {s.year for s in self.workspace.summaries if s.account_id == d.plan.account.id}
        from .dialogs import DuplicatePlanDialog

        dialog = DuplicatePlanDialog(d.title, taken, d.plan.year, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            plan_id = self.workspace.duplicate(d.plan_id, dialog.year.value())
        except Conflict as exc:
            QMessageBox.warning(self, translate("Dialogs", "Duplicate Plan"), str(exc))
            return None
        self.open_plan(plan_id)
        return plan_id

    def delete_plan(self, confirm: bool = True) -> None:
        d = self.document
        if d is None:
            return
        if confirm:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                translate("MainWindow", "Delete Plan"),
                translate("MainWindow", "Delete the plan %1?").replace("%1", d.title),
                QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setInformativeText(
                translate("MainWindow", "You can bring it back with File ▸ Restore Deleted Plan until you quit.")
            )
            delete = box.addButton(translate("MainWindow", "Delete"), QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not delete:
                return
        plan_id = d.plan_id
        deleted = self.workspace.delete(plan_id)
        remaining = self.workspace.summaries
        if remaining:
            self.open_plan(remaining[0].id)
        else:
            self.workspace.close_current()
        self.info.show_message(
            translate("MainWindow", "Deleted the plan %1.").replace("%1", deleted.title),
            translate("MainWindow", "Restore"),
            lambda: self.restore_plan(deleted),
        )

    def restore_plan(self, deleted=None) -> int | None:  # type: ignore[no-untyped-def]
        if not self.workspace.deleted:
            return None
        try:
            plan_id = self.workspace.restore(deleted)
        except (Conflict, PlanFileError) as exc:
            QMessageBox.warning(self, translate("MainWindow", "Restore Deleted Plan"), str(exc))
            return None
        self.open_plan(plan_id)
        self.statusBar().showMessage(translate("MainWindow", "The plan is back."), 5000)
        return plan_id

    # ---- plan files

    def import_plan(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            translate("MainWindow", "Import Plan File"),
            self.settings.last_folder or str(Path.home()),
            translate("MainWindow", "Plan files (*.json);;All files (*)"),
        )
        for path in paths:
            self.settings.last_folder = str(Path(path).parent)
            self.import_path(Path(path))

    def import_path(self, path: Path, ask: bool = True) -> int | None:
        """Import one plan file; a bad file shows every problem, a clash asks before replacing."""
        try:
            plan_id = self.workspace.import_file(path)
        except PlanFileError as exc:
            self.show_problems(path, exc.problems)
            return None
        except Conflict as exc:
            if not ask:
                self.statusBar().showMessage(str(exc), 8000)
                return None
            answer = QMessageBox.question(
                self,
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
        self.open_plan(plan_id)
        self.statusBar().showMessage(translate("MainWindow", "Imported %1.").replace("%1", path.name), 5000)
        return plan_id

    def show_problems(self, path: Path, problems: list[str]):  # type: ignore[no-untyped-def]
        from .dialogs import ProblemsDialog

        dialog = ProblemsDialog(
            translate("MainWindow", "Import Plan File"),
            translate(
                "MainWindow",
                "%1 cannot be imported. Nothing was changed. The problems, each with its place in the file:",
            ).replace("%1", path.name),
            problems,
            self,
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
            self,
            translate("MainWindow", "Export Plan File"),
            str(suggested),
            translate("MainWindow", "Plan files (*.json)"),
        )
        if path:
            self.settings.last_folder = str(Path(path).parent)
            self.workspace.export_file(d.plan_id, Path(path))
            self.statusBar().showMessage(translate("MainWindow", "Wrote %1.").replace("%1", path), 5000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() and url.toLocalFile().lower().endswith(".json") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [
            Path(u.toLocalFile())
            for u in event.mimeData().urls()
            if u.isLocalFile() and u.toLocalFile().lower().endswith(".json")
        ]
        if not files:
            return
        event.acceptProposedAction()
        # After the drop has finished, so a dialog does not run inside the drag.
        QTimer.singleShot(0, lambda: [self.import_path(f) for f in files])

    # ---- PDF

    def ensure_preview(self):  # type: ignore[no-untyped-def]
        if self.preview is None:
            from .pdf_preview import PdfPreview

            self.preview = PdfPreview(lambda: self.workspace.portfolio)
            self.preview.exportRequested.connect(self.export_pdf)
            self.preview_dock.setWidget(self.preview)
            self.preview.set_document(self.document)
            if not self._layout_restored:  # the first time ever: room for a readable page
                self.resizeDocks([self.preview_dock], [max(480, int(self.width() * 0.38))], Qt.Orientation.Horizontal)
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

    def export_pdf(self) -> Path | None:
        d = self.document
        if d is None:
            return None
        from .pdf_preview import export_pdf

        target = export_pdf(self, self.workspace.portfolio, d, self.settings.last_folder)
        if target is not None:
            self.settings.last_folder = str(target.parent)
        return target

    def export_pdf_with_changes(self) -> Path | None:
        d = self.document
        if d is None:
            return None
        from .pdf_preview import export_pdf

        target = export_pdf(self, self.workspace.portfolio, d, self.settings.last_folder, with_changes=True)
        if target is not None:
            self.settings.last_folder = str(target.parent)
        return target

    def export_progress_report(self) -> Path | None:
        from .progress_export import export_progress_report

        self.workspace.flush_all()
        target = export_progress_report(self, self.workspace.portfolio, self.settings.last_folder)
        if target is not None:
            self.settings.last_folder = str(target.parent)
        return target

    def export_many(self) -> None:
        from .pdf_preview import BatchExportDialog

        self.workspace.flush_all()
        proxy = self.navigator.proxy
        shown: set[int] = set()
        for row in range(proxy.rowCount()):
            parent = proxy.index(row, 0)
            for child in range(proxy.rowCount(parent)):
                plan_id = proxy.index(child, 0, parent).data(Qt.ItemDataRole.UserRole + 10)
                if plan_id is not None:
                    shown.add(plan_id)
        dialog = BatchExportDialog(self.workspace.summaries, shown, self.settings.last_folder, self)
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

        self.batch = BatchExport(self, self.workspace.portfolio, plans, folder)
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
        self.statusBar().showMessage(text, 8000)
        if batch is not None and written:
            from .pdf_preview import offer_to_open

            offer_to_open(self, batch.folder, text)

    # ---- preferences and help

    def preferences(self) -> None:
        from .dialogs import PreferencesDialog

        s = self.settings
        portfolio = self.workspace.portfolio
        local = portfolio.db.path is not None
        dialog = PreferencesDialog(
            s.language, s.author, s.database, self.default_database, self, portfolio.backup_days if local else None,
            role=s.role,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        language, author, database = dialog.values()
        if local and dialog.backup_days.value() != portfolio.backup_days:
            try:
                portfolio.backup_days = dialog.backup_days.value()
            except (OSError, ValueError) as exc:
                QMessageBox.warning(self, translate("Dialogs", "Preferences"), str(exc))
        s.author, s.role = author, dialog.chosen_role()
        if database != s.database:
            s.database = database
            self.switch_database(database)
        if language != s.language:
            s.language = language
            if i18n.resolve(language) != self.lang:
                self.languageChosen.emit(i18n.resolve(language))
        s.sync()

    def switch_database(self, database: str) -> None:
        if self.open_portfolio is None:
            QMessageBox.information(
                self,
                translate("Dialogs", "Preferences"),
                translate("MainWindow", "The new database is used from the next start."),
            )
            return
        try:
            portfolio = self.open_portfolio(database)
        except Exception as exc:
            QMessageBox.warning(
                self,
                translate("Dialogs", "Preferences"),
                translate("MainWindow", "Cannot open %1: %2").replace("%1", database).replace("%2", str(exc)),
            )
            return
        self.workspace.set_portfolio(portfolio)
        if self.dashboard is not None:
            self.dashboard.portfolio = portfolio
            self.dashboard.refresh()
        plans = self.workspace.summaries
        if plans:
            self.open_plan(plans[0].id)
        else:
            self.workspace.close_current()

    def restore_from_backup(self, name: str | None = None, confirm: bool = True) -> bool:
        """File ▸ Restore From Backup…: bring a backup back; the current file is kept aside."""
        title = translate("MainWindow", "Restore From Backup")
        portfolio = self.workspace.portfolio
        try:
            found = portfolio.backups()
        except DatabaseError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False
        if not found:
            QMessageBox.information(self, title, translate("MainWindow", "There are no backups of this database yet."))
            return False
        if name is None:
            after_changes = translate("MainWindow", "after changes")
            labels = [f"{b.made_at.astimezone():%Y-%m-%d %H:%M}  ({b.reason or after_changes})  {b.name}" for b in found]
            label, ok = QInputDialog.getItem(
                self, title, translate("MainWindow", "Bring back the database as it was at:"), labels, 0, False
            )
            if not ok:
                return False
            name = found[labels.index(label)].name
        if confirm:
            answer = QMessageBox.question(
                self,
                title,
                translate(
                    "MainWindow",
                    "Replace the database with the backup %1? The current file is kept as a backup first,"
                    " so this can be undone by restoring that one.",
                ).replace("%1", name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.workspace.flush_all()
        try:
            _chosen, aside = portfolio.restore_backup(name)
        except DatabaseError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False
        self.workspace.set_portfolio(portfolio)
        plans = self.workspace.summaries
        if plans:
            self.open_plan(plans[0].id)
        else:
            self.workspace.close_current()
        self.info.show_message(
            translate("MainWindow", "Restored %1. The file it replaced is kept as %2.")
            .replace("%1", name)
            .replace("%2", aside.name)
        )
        return True

    def offer_restore_if_damaged(self) -> None:
        """At start: a damaged database is open read-only; offer the newest backup."""
        db = self.workspace.portfolio.db
        if not db.damaged:
            return
        title = translate("MainWindow", "The database is damaged")
        text = translate(
            "MainWindow",
            "%1 is damaged (%2). It is open read-only: nothing will be written to it.",
        ).replace("%1", db.display_name).replace("%2", db.damaged)
        try:
            newest = self.workspace.portfolio.backups()
        except DatabaseError:
            newest = []
        if not newest:
            QMessageBox.warning(self, title, text + " " + translate("MainWindow", "There is no backup to restore."))
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        restore = box.addButton(
            translate("MainWindow", "Restore the Backup of %1").replace("%1", f"{newest[0].made_at.astimezone():%Y-%m-%d %H:%M}"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(translate("MainWindow", "Open Read-Only"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is restore:
            self.restore_from_backup(newest[0].name, confirm=False)

    def about(self) -> None:
        from .. import __version__

        QMessageBox.about(
            self,
            translate("MainWindow", "About kamplanner"),
            translate(
                "MainWindow",
                "<b>kamplanner %1</b><p>Key account plans: write them, keep them current, review and sign them off as PDFs.</p>",
            ).replace("%1", __version__),
        )

    def show_shortcuts(self) -> None:
        lines = [
            (self.undo_action.text().split("\t")[0], self.undo_action.shortcut()),
            (translate("MainWindow", "Redo"), self.redo_action.shortcut()),
            (translate("MainWindow", "Find Account…").replace("&", ""), self.find_action.shortcut()),
            (translate("MainWindow", "New Plan…").replace("&", ""), self.new_plan_action.shortcut()),
            (translate("MainWindow", "Export PDF…").replace("&", ""), self.export_pdf_action.shortcut()),
            (translate("MainWindow", "PDF Preview"), self.preview_action.shortcut()),
            (translate("MainWindow", "Bold"), self.bold_action.shortcut()),
            (translate("MainWindow", "Italic"), self.italic_action.shortcut()),
            (translate("MainWindow", "Bulleted List"), self.bullets_action.shortcut()),
            (translate("MainWindow", "Numbered List"), self.numbers_action.shortcut()),
            (translate("MainWindow", "Sections"), QKeySequence("Ctrl+0")),
        ]
        rows = "".join(
            f"<tr><td>{name}</td><td><b>{keys.toString(QKeySequence.SequenceFormat.NativeText)}</b></td></tr>"
            for name, keys in lines
        )
        tables = translate(
            "MainWindow",
            "In tables: type to edit, Enter to confirm, Insert or Ctrl+Enter adds a row, Ctrl+- removes rows,"
            " Alt+Up/Down moves a row, Delete clears cells, Ctrl+C/Ctrl+V copy and paste blocks of cells.",
        )
        QMessageBox.information(
            self, translate("MainWindow", "Keyboard Shortcuts"), f"<table cellspacing=6>{rows}</table><p>{tables}</p>"
        )


class WindowHost(QObject):
    """The running app's window over one workspace. Choosing another language builds a new
    window over the same workspace, so open plans and their undo history carry over."""

    def __init__(
        self,
        workspace: Workspace,
        settings: Settings,
        open_portfolio: Callable[[str], Portfolio] | None = None,
        default_database: str = "",
    ):
        super().__init__()
        self.workspace, self.settings = workspace, settings
        self.open_portfolio, self.default_database = open_portfolio, default_database
        self.window = self._build()

    def _build(self) -> MainWindow:
        window = MainWindow(self.workspace, self.settings, self.open_portfolio)
        window.default_database = self.default_database
        window.languageChosen.connect(self.relaunch)
        return window

    def relaunch(self, language: str) -> MainWindow:
        old = self.window
        old.save_layout()
        i18n.install(language)
        window = self._build()
        window.restore_layout()
        window._portfolio_changed()
        current = self.workspace.current
        if current is not None:
            window.editor.current = old.editor.current
            window.navigator.current_section = old.editor.current
            window._document_changed(current)
            window.navigator.select_plan(current.plan_id)
        window.show()
        self.window = window
        old.hide()
        old.deleteLater()
        return window


def run(
    portfolio: Portfolio,
    *,
    settings: Settings | None = None,
    open_portfolio: Callable[[str], Portfolio] | None = None,
    ready: Callable[[MainWindow], None] | None = None,
    default_database: str = "",
    activation_key: str = "",
) -> int:
    """Open the window on a portfolio and run until it is closed; ``ready`` is called once it shows."""
    from .application import create_application

    app = create_application()
    settings = settings or Settings()
    i18n.install(i18n.resolve(settings.language))
    workspace = Workspace(portfolio)
    host = WindowHost(workspace, settings, open_portfolio, default_database)
    host.window.start()
    host.window.show()
    QTimer.singleShot(0, lambda: host.window.offer_restore_if_damaged())
    if activation_key:
        from .single_instance import ActivationServer

        server = ActivationServer(activation_key, lambda: host.window, app)
        server.start()
    # A long session is backed up hourly too, not only when it ends.
    hourly = QTimer(app, interval=3_600_000)
    hourly.timeout.connect(lambda: workspace.flush_all() and workspace.portfolio.backup_if_due())
    hourly.start()
    if ready is not None:
        QTimer.singleShot(0, lambda: ready(host.window))
    code = app.exec()
    workspace.flush_all()
    workspace.portfolio.backup_if_due()
    return code
