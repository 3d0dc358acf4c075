"""Screenshots of the main window on the demo portfolio, offscreen (not a test: a tool).

    QT_QPA_PLATFORM=offscreen python tests/ui/screenshots.py OUT_DIR [--lang zh_CN|en] [--all]

Writes main-<lang>.png (the window on a demo plan) and, with --all, one picture per section
plus the forecast grid and the stakeholder map.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

PLANS = {"zh_CN": "江南省电网有限公司", "en": "Jadewave Electronics Group"}


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--size", default="1400x900")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

    from kamplanner.services import Portfolio
    from kamplanner.store.database import Database
    from kamplanner.ui import i18n
    from kamplanner.ui.application import create_application
    from kamplanner.ui.main_window import MainWindow
    from kamplanner.ui.settings import Settings
    from kamplanner.ui.workspace import Workspace

    portfolio = Portfolio(Database.open(tmp / "plans.db"))
    portfolio.add_demo()
    app = create_application([])
    i18n.install(args.lang)
    window = MainWindow(Workspace(portfolio), Settings())
    width, height = (int(x) for x in args.size.split("x"))
    window.resize(width, height)
    window.start()
    plan_id = next(s.id for s in portfolio.list_plans() if s.account == PLANS[args.lang])
    window.open_plan(plan_id)
    window.show()
    settle(app)
    window.show_section("summary")
    settle(app)
    window.grab().save(str(args.out / f"main-{args.lang}.png"))
    if args.all:
        for key in ("account", "strategy", "objectives", "action_plan", "team", "forecast", "appendix"):
            window.show_section(key)
            settle(app)
            window.grab().save(str(args.out / f"section-{key}-{args.lang}.png"))
        field = window.editor.field_widget("forecast.rows")
        settle(app)
        field.grab().save(str(args.out / f"forecast-{args.lang}.png"))
        field = window.editor.field_widget("appendix.account_info.stakeholders")
        page = window.editor.page("appendix")
        page.ensureWidgetVisible(field, 0, 0)
        settle(app)
        field.grab().save(str(args.out / f"stakeholders-{args.lang}.png"))
        field = window.editor.field_widget("strategy.opportunities")
        settle(app)
        field.grab().save(str(args.out / f"opportunities-{args.lang}.png"))
    window.workspace.flush_all()


if __name__ == "__main__":
    main()
