"""Languages: the translations are complete and in step with the code; the window speaks
Chinese or English and switches from Preferences without losing the open plan or its undo."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import Qt

from kamplanner.ui import i18n
from kamplanner.ui.dialogs import PreferencesDialog
from kamplanner.ui.settings import Settings
from kamplanner.ui.window_host import WindowHost
from kamplanner.ui.workspace import Workspace

from .conftest import GRID, JADEWAVE, plan_id_named, send_back
from .helpers import press_ok, when_shown

UPDATE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "update.py"


def _update_module():
    spec = importlib.util.spec_from_file_location("translations_update", UPDATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_translations_are_complete_and_built_from_their_sources():
    assert _update_module().check() == []


def test_the_window_in_chinese(make_window, demo_portfolio, qtbot):
    i18n.install("zh_CN")
    window = make_window(demo_portfolio)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "格式(&O)", "视图(&V)", "帮助(&H)"]
    assert window.save_label.text().endswith("已保存")
    assert window.navigator.outline_model.entries[1].label == "1  总摘要"
    window.open_plan(plan_id_named(demo_portfolio, GRID))
    window.show_section("strategy")
    header = window.editor.field_widget("strategy.opportunities").editor.model.headerData(3, Qt.Orientation.Horizontal)
    assert header == "成功概率 *"


def test_switching_language_in_preferences_keeps_the_plan_and_its_undo(qtbot, ui_language, demo_portfolio):
    from kamplanner.ui.application import create_application

    create_application()
    send_back(demo_portfolio, plan_id_named(demo_portfolio, JADEWAVE))  # the plan the window opens is editable
    settings = Settings()
    host = WindowHost(Workspace(demo_portfolio), settings)
    window = host.window
    qtbot.addWidget(window)
    window.start()
    window.show()
    window.show_cycle()  # panels made so far come along
    document = window.document
    editor = window.editor.field_widget("summary.strategy").editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Undo me. ")

    def choose_chinese(dialog):
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        press_ok(dialog)

    when_shown(PreferencesDialog, choose_chinese)
    window.preferences_action.trigger()
    new = host.window
    qtbot.addWidget(new)
    assert new is not window and new.isVisible() and not window.isVisible()
    assert settings.language == "zh_CN" and i18n.language() == "zh_CN"
    assert new.menuBar().actions()[0].text() == "文件(&F)"
    assert new.document is document
    assert new.editor.field_widget("summary.strategy").editor.toPlainText().startswith("Undo me. ")
    new.undo_action.trigger()
    assert not document.plan.text("summary.strategy").startswith("Undo me.")
    new.show_cycle()
    new.open_plan(plan_id_named(demo_portfolio, GRID))  # the old window's panels are gone quietly
    assert new.document.plan.account.name == GRID
    new.workspace.flush_all()


def test_system_language_decides_when_nothing_is_chosen(qapp):
    assert i18n.resolve("system") in ("zh_CN", "en")
    assert i18n.resolve("en") == "en" and i18n.resolve("zh_CN") == "zh_CN"


def test_settings_upgrade_from_version_1(isolated_settings):
    from PySide6.QtCore import QSettings

    raw = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "kamplanner", "kamplanner")
    raw.setValue("version", 1)
    raw.setValue("general/language", "zh")
    raw.sync()
    settings = Settings()
    assert settings.language == "zh_CN"
    assert int(settings.qsettings.value("version")) == 2
    assert settings.author == "" and settings.last_plan == 0
