"""The window's commands, declared once: text, shortcuts, handler, menu and when each is enabled.

The menus and the keyboard-shortcuts dialog are both built from this table, so they cannot
disagree. A handler is named by its path from the window ("plans.new_account", "close") and
looked up when the command runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from ..domain.template import TEMPLATE
from .plan_editor import PAGE_KEYS

if TYPE_CHECKING:
    from .main_window import MainWindow

translate = QCoreApplication.translate
Std = QKeySequence.StandardKey
Key = QKeySequence.StandardKey | str


@dataclass(frozen=True)
class ActionSpec:
    id: str  # the window holds it as ``<id>_action``
    text: str  # translated
    menu: str  # a key of menus()
    handler: str = ""  # a path from the window; "" for the undo/redo and dock actions
    args: tuple[object, ...] = ()
    # A standard key gives the platform's bindings; the strings after it are used where it has none.
    keys: tuple[Key, ...] = ()
    enabled_when: str = ""  # a key of ENABLED_WHEN; "" is always
    separator: bool = False  # a line above it in its menu
    role: QAction.MenuRole | None = None
    dock: str = ""  # the window's dock this action shows and hides
    ensure: str = ""  # the window's method that builds that dock's widget on first show
    undo: str = ""  # "undo" or "redo": made by the workspace's undo group


ENABLED_WHEN: dict[str, Callable[[MainWindow], bool]] = {
    "document": lambda window: window.document is not None,
    "deleted": lambda window: bool(window.workspace.deleted),
    "local": lambda window: window.workspace.portfolio.db.path is not None,
}


def menus() -> list[tuple[str, str]]:
    return [
        ("file", translate("MainWindow", "&File")),
        ("edit", translate("MainWindow", "&Edit")),
        ("format", translate("MainWindow", "F&ormat")),
        ("view", translate("MainWindow", "&View")),
        ("help", translate("MainWindow", "&Help")),
    ]


def action_table(lang: str) -> list[ActionSpec]:
    """Every command of the window, in menu order."""
    A = ActionSpec
    return [
        A("new_account", translate("MainWindow", "New &Account…"), "file", "plans.new_account", keys=("Ctrl+Shift+N",)),
        A("new_plan", translate("MainWindow", "&New Plan…"), "file", "plans.new_plan", keys=(Std.New,)),
        A(
            "duplicate",
            translate("MainWindow", "&Duplicate Plan…"),
            "file",
            "plans.duplicate_plan",
            enabled_when="document",
        ),
        A("delete", translate("MainWindow", "De&lete Plan…"), "file", "plans.delete_plan", enabled_when="document"),
        A(
            "restore",
            translate("MainWindow", "&Restore Deleted Plan"),
            "file",
            "plans.restore_plan",
            enabled_when="deleted",
        ),
        A(
            "log_contact",
            translate("MainWindow", "Log a Con&tact…"),
            "file",
            "plans.log_contact",
            keys=("Ctrl+Shift+K",),
            enabled_when="document",
            separator=True,
        ),
        A(
            "save_version",
            translate("MainWindow", "Save as &Version…"),
            "file",
            "plans.save_version",
            keys=("Ctrl+Alt+S",),
            enabled_when="document",
            separator=True,
        ),
        A(
            "sync",
            translate("MainWindow", "S&ync with Team Server…"),
            "file",
            "database.syncing.sync_now",
            keys=("Ctrl+Alt+Y",),
            enabled_when="local",
            separator=True,
        ),
        A(
            "import",
            translate("MainWindow", "&Import Plan File…"),
            "file",
            "files.import_plan",
            keys=(Std.Open,),
            separator=True,
        ),
        A(
            "export_json",
            translate("MainWindow", "Export Plan &File…"),
            "file",
            "files.export_plan_file",
            keys=("Ctrl+Shift+S",),
            enabled_when="document",
        ),
        A(
            "export_workbook",
            translate("MainWindow", "Export &Workbook…"),
            "file",
            "files.workbook.export_workbook",
            enabled_when="document",
        ),
        A(
            "import_workbook",
            translate("MainWindow", "Import W&orkbook…"),
            "file",
            "files.workbook.import_workbook",
            enabled_when="document",
        ),
        A(
            "export_pdf",
            translate("MainWindow", "&Export PDF…"),
            "file",
            "files.export_pdf",
            keys=("Ctrl+E",),
            enabled_when="document",
            separator=True,
        ),
        A(
            "export_changes",
            translate("MainWindow", "Export PDF with &Changes Since Approval…"),
            "file",
            "files.export_pdf_with_changes",
            enabled_when="document",
        ),
        A(
            "export_pdf_customer",
            translate("MainWindow", "Export PDF for the C&ustomer…"),
            "file",
            "files.export_pdf_for_customer",
            enabled_when="document",
        ),
        A(
            "export_slides",
            translate("MainWindow", "E&xport Slides…"),
            "file",
            "files.export_slides",
            enabled_when="document",
        ),
        A(
            "batch",
            translate("MainWindow", "Export &Several PDFs…"),
            "file",
            "files.export_many",
            keys=("Ctrl+Shift+E",),
        ),
        A(
            "progress_report",
            translate("MainWindow", "Export Key-Account Progress &Report…"),
            "file",
            "files.export_progress_report",
        ),
        A(
            "restore_backup",
            translate("MainWindow", "Restore From &Backup…"),
            "file",
            "database.restore_from_backup",
            enabled_when="local",
            separator=True,
        ),
        A(
            "preferences",
            translate("MainWindow", "&Preferences…"),
            "file",
            "database.preferences",
            keys=(Std.Preferences, "Ctrl+,"),
            role=QAction.MenuRole.PreferencesRole,
        ),
        A(
            "quit",
            translate("MainWindow", "&Quit"),
            "file",
            "close",
            keys=(Std.Quit, "Ctrl+Q"),
            role=QAction.MenuRole.QuitRole,
            separator=True,
        ),
        A("undo", translate("MainWindow", "&Undo"), "edit", keys=(Std.Undo,), undo="undo"),
        A("redo", translate("MainWindow", "&Redo"), "edit", keys=(Std.Redo, "+Ctrl+Y"), undo="redo"),
        A("find", translate("MainWindow", "&Find Account…"), "edit", "find", keys=(Std.Find,), separator=True),
        A(
            "money_unit",
            translate("MainWindow", "Currency and &Unit…"),
            "edit",
            "plans.change_money_unit",
            enabled_when="document",
            separator=True,
        ),
        A("bold", translate("MainWindow", "&Bold"), "format", "format_text", ("bold",), keys=(Std.Bold,)),
        A("italic", translate("MainWindow", "&Italic"), "format", "format_text", ("italic",), keys=(Std.Italic,)),
        A(
            "bullets",
            translate("MainWindow", "B&ulleted List"),
            "format",
            "format_text",
            ("bullets",),
            keys=("Ctrl+Shift+8",),
        ),
        A(
            "numbers",
            translate("MainWindow", "&Numbered List"),
            "format",
            "format_text",
            ("numbers",),
            keys=("Ctrl+Shift+7",),
        ),
        A("navigator", translate("MainWindow", "P&ortfolio"), "view", keys=("Ctrl+Shift+O",), dock="navigator_dock"),
        A(
            "preview",
            translate("MainWindow", "PDF &Preview"),
            "view",
            keys=("Ctrl+Shift+P",),
            dock="preview_dock",
            ensure="ensure_preview",
        ),
        A(
            "refresh_preview",
            translate("MainWindow", "&Refresh Preview"),
            "view",
            "refresh_preview",
            keys=(Std.Refresh, "F5"),
        ),
        A(
            "cycle",
            translate("MainWindow", "Planning &Cycle"),
            "view",
            keys=("Ctrl+Shift+C",),
            dock="cycle_dock",
            ensure="_ensure_cycle",
        ),
        A(
            "dashboard",
            translate("MainWindow", "Portfolio &Dashboard"),
            "view",
            keys=("Ctrl+Shift+D",),
            dock="dashboard_dock",
            ensure="_ensure_dashboard",
        ),
        A(
            "history",
            translate("MainWindow", "Plan &History…"),
            "view",
            "plans.show_history",
            keys=("Ctrl+Shift+H",),
            enabled_when="document",
        ),
        *_section_actions(lang),
        A(
            "previous_section",
            translate("MainWindow", "Previous Section"),
            "view",
            "step_section",
            (-1,),
            keys=("Ctrl+PgUp",),
            separator=True,
        ),
        A("next_section", translate("MainWindow", "Next Section"), "view", "step_section", (1,), keys=("Ctrl+PgDown",)),
        A("shortcuts", translate("MainWindow", "&Keyboard Shortcuts"), "help", "show_shortcuts"),
        A("about", translate("MainWindow", "&About kamplanner"), "help", "about", role=QAction.MenuRole.AboutRole),
    ]


def _section_actions(lang: str) -> list[ActionSpec]:
    """Ctrl+0 for the account facts, Ctrl+1… for the plan's sections."""
    specs = []
    for i, key in enumerate(PAGE_KEYS):
        if key == "account":
            text = translate("MainWindow", "Account Facts")
        else:
            section = TEMPLATE.section(key)
            text = f"{section.number} {section.label(lang)}"
        specs.append(
            ActionSpec(f"section_{key}", text, "view", "show_section", (key,), keys=(f"Ctrl+{i}",), separator=i == 0)
        )
    return specs


def key_sequences(keys: tuple[Key, ...]) -> list[QKeySequence]:
    """The platform's bindings of a standard key, or the fallback strings after it; a string
    starting with "+" is added everywhere (Ctrl+Y redoes on Linux too, as Windows users expect)."""
    found: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, str) and key.startswith("+"):
            extra = QKeySequence(key[1:])
            if extra not in found:
                found.append(extra)
        elif isinstance(key, str):
            if not found:
                found.append(QKeySequence(key))
        else:
            found.extend(QKeySequence.keyBindings(key))
    return found


def resolve(window: object, path: str) -> Callable[..., object]:
    target = window
    for name in path.split("."):
        target = getattr(target, name)
    assert callable(target), path
    return target


def build_actions(window: MainWindow, specs: list[ActionSpec]) -> dict[str, QAction]:
    """The QActions of the table, each also set on the window as ``<id>_action``."""
    built: dict[str, QAction] = {}
    for spec in specs:
        if spec.undo:
            group = window.workspace.undo_group
            make = group.createUndoAction if spec.undo == "undo" else group.createRedoAction
            action = make(window, spec.text)
        elif spec.dock:
            dock = getattr(window, spec.dock)
            action = dock.toggleViewAction()
            action.setText(spec.text)
            if spec.ensure:
                # Docks that share a tab: bring the chosen one to the front, and build it then.
                action.triggered.connect(
                    lambda checked, d=dock, e=spec.ensure: (resolve(window, e)(), d.raise_()) if checked else None
                )
        else:
            action = QAction(spec.text, window)
            action.triggered.connect(lambda _checked=False, h=spec.handler, a=spec.args: resolve(window, h)(*a))
        keys = key_sequences(spec.keys)
        if keys:
            action.setShortcuts(keys)
        if spec.role is not None:
            action.setMenuRole(spec.role)
        if not spec.dock:
            window.addAction(action)
        built[spec.id] = action
        setattr(window, f"{spec.id}_action", action)
    return built


def build_menus(window: MainWindow, specs: list[ActionSpec], actions: dict[str, QAction]) -> None:
    bar = window.menuBar()
    for key, title in menus():
        menu = bar.addMenu(title)
        first = True
        for spec in specs:
            if spec.menu != key:
                continue
            if spec.separator and not first:
                menu.addSeparator()
            menu.addAction(actions[spec.id])
            first = False


def update_enabled(window: MainWindow, specs: list[ActionSpec], actions: dict[str, QAction]) -> None:
    for spec in specs:
        if spec.enabled_when:
            actions[spec.id].setEnabled(ENABLED_WHEN[spec.enabled_when](window))
