"""The pictures of the README's review loop, made on the demo portfolio (not a test: a tool).

    QT_QPA_PLATFORM=offscreen python tests/ui/review_loop_screenshots.py OUT_DIR [--lang en|zh_CN]

1. review-1-send.png      the account manager sends the plan for review (the Review tab)
2. review-2-copy.png      the reviewer's copy: its cover says it was submitted, and as which version
3. review-3-reader.png    the reviewer's comments, made in a PDF reader (poppler draws them)
4. review-4-comments.png  back in the app: the comments under their fields and in the Comments tab
5. review-5-signed.png    the copy signed in the reviewer's own tool, dropped on the window: signed off

Needs pdftoppm (poppler-utils) for the PDF pages and convert (ImageMagick) to set two side by side.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

PLAN = "江南省电网有限公司"  # in plan development, complete: ready to be sent


def settle(app: QApplication, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def page_png(pdf: Path, page: int, out: Path, resolution: int = 70) -> None:
    stem = out.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(resolution),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kamplanner-review-loop-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))

    from kamplanner.app import open_portfolio
    from kamplanner.ui import i18n
    from kamplanner.ui.application import create_application
    from kamplanner.ui.main_window import MainWindow
    from kamplanner.ui.settings import Settings
    from kamplanner.ui.workspace import Workspace
    from tests.certificates import make_cert
    from tests.test_review_from_pdf import reviewed, where
    from tests.test_send_for_review import sign_as_reviewer
    from tests.ui.helpers import when_shown

    app = create_application()
    i18n.install(args.lang)
    portfolio = open_portfolio(str(work / "demo.db"))
    settings = Settings()
    settings.last_folder = str(work)
    window = MainWindow(Workspace(portfolio), settings)
    window.resize(1600, 950)
    window.start()
    window.show()
    plan_id = next(p.id for p in portfolio.list_plans() if p.account == PLAN)
    window.open_plan(plan_id)
    panel = window.show_cycle()
    panel.tabs.setCurrentWidget(panel.review)
    window.show_section("summary")
    settle(app)
    window.grab().save(str(args.out / "review-1-send.png"))

    # 1 → 2: Send for Review (PDF)…, going on past what is still open.
    from PySide6.QtWidgets import QMessageBox

    def go_on(box: QMessageBox) -> None:
        button = next((b for b in box.buttons() if "anyway" in b.text() or "仍然" in b.text()), None)
        (button or box.buttons()[0]).click()

    panel.review.signoff_folder = lambda: work
    when_shown(QMessageBox, go_on)
    copy = panel.review.send_for_review()
    assert copy is not None, "the plan was not sent"
    for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]:
        box.close()
    page_png(copy, 1, args.out / "review-2-copy.png")

    # 3: the reviewer's comments, as a PDF reader saves them.
    data = copy.read_bytes()
    back = work / "reviewed.pdf"
    back.write_bytes(reviewed(data))
    risks, forecast = where(data, "f:risks.trends")[0], where(data, "f:forecast.rows")[0]
    page_png(back, risks, work / "risks.png")
    page_png(back, forecast, work / "forecast.png")
    subprocess.run(
        [
            "convert",
            str(work / "risks.png"),
            str(work / "forecast.png"),
            "+append",
            str(args.out / "review-3-reader.png"),
        ],
        check=True,
    )

    # 4: dropped on the window (as File ▸ Import does it); one answered, one resolved.
    window.import_path(back)
    comments = portfolio.load_cycle(plan_id).comments
    risk = next(c for c in comments if c.section == "risks")
    portfolio.answer_comment(plan_id, risk.key, "Added the price war in Jiangsu to the trends, with our answer to it.")
    window.show_section("risks")
    panel.tabs.setCurrentWidget(panel.comments)
    panel.refresh()
    for i in range(panel.comments.list.topLevelItemCount()):
        if panel.comments.list.topLevelItem(i).text(1).startswith("3"):
            panel.comments.list.setCurrentItem(panel.comments.list.topLevelItem(i))
    window.editor.focus_field("risks.trends")
    settle(app)
    window.grab().save(str(args.out / "review-4-comments.png"))

    # 5: the reviewer approves by signing the copy in her own tool; the signed file comes back.
    cert = make_cert(work, "helen", "Helen Zhou", "pw", "Northwind Group")
    signed = work / "signed.pdf"
    signed.write_bytes(sign_as_reviewer(data, cert))
    window.import_path(signed)
    panel.tabs.setCurrentWidget(panel.review)
    window.show_section("summary")
    settle(app)
    window.grab().save(str(args.out / "review-5-signed.png"))
    window.workspace.flush_all()
    print(f"wrote review-1..5 to {args.out}")


if __name__ == "__main__":
    main()
