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

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

PLANS = {"zh_CN": "江南省电网有限公司", "en": "Jadewave Electronics Group"}


def dark_palette():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2b2b2e",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f22",
        QPalette.ColorRole.AlternateBase: "#26262a",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#35353a",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9a9aa0",
        QPalette.ColorRole.Link: "#6aa7ff",
        QPalette.ColorRole.Mid: "#505056",
        QPalette.ColorRole.ToolTipBase: "#35353a",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
    }
    for role, color in colors.items():
        p.setColor(role, QColor(color))
    return p


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--size", default="1400x900")
    parser.add_argument("--dark", action="store_true", help="a dark palette, as a dark desktop theme gives")
    parser.add_argument("--field", default="", help="show the main window scrolled to this field path")
    parser.add_argument("--name", default="", help="file name of the main picture")
    parser.add_argument("--plan", default="", help="the account whose plan is shown")
    parser.add_argument(
        "--cycle", type=int, default=-1, metavar="TAB", help="also picture the planning cycle dock on this tab"
    )
    parser.add_argument("--dashboard", action="store_true", help="also picture the portfolio dashboard dock")
    parser.add_argument(
        "--workbook-preview", action="store_true", help="also picture File ▸ Import Workbook's preview of three edits"
    )
    parser.add_argument(
        "--contact",
        action="store_true",
        help="also picture File ▸ Log a Contact's dialog and the stakeholder table with a last-contact tooltip",
    )
    parser.add_argument("--db", default="", help="picture this database (a team server's URL) instead of a new demo")
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

    portfolio = Portfolio(Database.open(args.db or tmp / "plans.db"))
    if not args.db:
        portfolio.add_demo()
    app = create_application([])
    i18n.install(args.lang)
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    window = MainWindow(Workspace(portfolio), Settings())
    width, height = (int(x) for x in args.size.split("x"))
    window.resize(width, height)
    window.start()
    plan_id = next(s.id for s in portfolio.list_plans() if s.account == (args.plan or PLANS[args.lang]))
    window.open_plan(plan_id)
    window.show()
    settle(app)
    window.show_section("summary")
    settle(app)
    if args.field:
        widget = window.editor.field_widget(args.field)
        settle(app)
        page = window.editor.page(window.editor.current)
        page.verticalScrollBar().setValue(widget.y() - 12)
        settle(app)
    suffix = f"{args.lang}-dark" if args.dark else args.lang
    window.grab().save(str(args.out / (args.name or f"main-{suffix}.png")))
    if args.cycle >= 0:
        panel = window._ensure_cycle()
        window.show_cycle()
        panel.tabs.setCurrentIndex(args.cycle)
        settle(app)
        window.grab().save(str(args.out / f"cycle-{suffix}.png"))
    if args.dashboard:
        window._ensure_dashboard()
        window.dashboard_dock.show()
        window.dashboard_dock.raise_()
        window.resizeDocks([window.dashboard_dock], [int(width * 0.6)], Qt.Orientation.Horizontal)
        settle(app)
        window.grab().save(str(args.out / f"dashboard-{suffix}.png"))
    if args.all:
        for key in ("account", "strategy", "objectives", "action_plan", "team", "forecast", "appendix"):
            window.show_section(key)
            settle(app)
            window.grab().save(str(args.out / f"section-{key}-{suffix}.png"))
        field = window.editor.field_widget("forecast.rows")
        settle(app)
        field.grab().save(str(args.out / f"forecast-{suffix}.png"))
        field = window.editor.field_widget("appendix.account_info.stakeholders")
        page = window.editor.page("appendix")
        page.ensureWidgetVisible(field, 0, 0)
        settle(app)
        field.grab().save(str(args.out / f"stakeholders-{suffix}.png"))
        field = window.editor.field_widget("strategy.opportunities")
        settle(app)
        field.grab().save(str(args.out / f"opportunities-{suffix}.png"))
    if args.workbook_preview:
        import openpyxl

        from kamplanner.domain.template import OPPORTUNITIES, TEMPLATE

        book_path = tmp / "plan.xlsx"
        window.files.workbook.export_to(book_path)
        book = openpyxl.load_workbook(book_path)
        sheet = book[TEMPLATE.table(OPPORTUNITIES).label(args.lang)]
        sheet["D2"] = 2500
        sheet["E3"] = 65
        book.save(book_path)
        dialog = window.files.workbook.import_path(book_path)
        dialog.resize(920, 420)
        settle(app)
        dialog.grab().save(str(args.out / f"workbook-import-{suffix}.png"))
        dialog.close()
    if args.contact:
        contact_pictures(app, window, args.out / f"contact-{suffix}.png", args.lang)
    window.workspace.flush_all()


def contact_pictures(app, window, path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The quick-entry dialog filled in, over the stakeholder table with one person's tooltip
    (the last contact, the stale mark), in one picture."""
    import datetime as dt

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QToolTip

    from kamplanner.domain.template import STAKEHOLDERS, Cell
    from kamplanner.ui.contact_entry import ContactDialog

    today = dt.date(2026, 11, 23)
    plan = window.document.plan
    dialog = ContactDialog(plan, lang, today, window)
    people = [str(r.get(Cell.name)) for r in plan.rows(STAKEHOLDERS)]
    ours = [str(r.get(Cell.name)) for r in plan.rows("team.members")]
    zh = lang.startswith("zh")
    dialog.kind.setCurrentIndex(dialog.kind.findData("executive_visit"))
    dialog.theirs.setText(", ".join(people[:2]))
    dialog.ours.setText(ours[0])
    dialog.purpose.setText(
        "汇报试点成果，确认明年推广范围" if zh else "Report the pilot's results; agree next year's scope"
    )
    dialog.outcome.setPlainText(
        "同意分两批推广，需先提交投资回报测算" if zh else "Agreed to roll out in two waves once the ROI case is in"
    )
    dialog.next_step.setText("提交投资回报测算" if zh else "Send the ROI case")
    dialog.has_next_date.setChecked(True)
    dialog.show()
    settle(app)
    dialog_picture = dialog.grab()
    dialog.close()

    field = window.editor.field_widget(STAKEHOLDERS)
    window.show_section("appendix")
    page = window.editor.page("appendix")
    page.ensureWidgetVisible(field, 0, 0)
    settle(app)
    view = field.record_table.view
    source = field.record_table.model
    source.today = lambda: today
    model = view.model()
    rows = range(len(plan.rows(STAKEHOLDERS)))
    stale = next(i for i in rows if source.data(source.index(i, 0), Qt.ItemDataRole.DecorationRole) is not None)
    index = source.index(stale, 0)
    if model is not source:
        index = model.mapFromSource(index)
    text = model.data(index, Qt.ItemDataRole.ToolTipRole)
    rect = view.visualRect(index)
    settle(app)
    table_picture = field.grab()
    QToolTip.showText(view.viewport().mapToGlobal(rect.center()), text, view.viewport())
    settle(app)
    tip = next((w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()), None)
    tip_picture = tip.grab() if tip is not None else QPixmap()
    gap = 16
    width = max(dialog_picture.width(), table_picture.width())
    out = QPixmap(width + 2 * gap, dialog_picture.height() + table_picture.height() + 3 * gap)
    out.fill(QColor("#f0f0f0"))
    painter = QPainter(out)
    painter.drawPixmap(gap, gap, dialog_picture)
    top = dialog_picture.height() + 2 * gap
    painter.drawPixmap(gap, top, table_picture)
    at = view.viewport().mapTo(field, rect.center())
    painter.drawPixmap(QPoint(gap + at.x() + 12, top + at.y() + 12), tip_picture)
    painter.end()
    out.save(str(path))


if __name__ == "__main__":
    main()
