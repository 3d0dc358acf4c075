"""Benchmark: the prose fields' Markdown grammar (domain/markdown.py) where it is read. Prints
figures; asserts nothing.

    QT_QPA_PLATFORM=offscreen python bench/bench_markdown.py [--runs 7]

1. parse: prose of 1,000, 10,000 and 50,000 (MAX_PROSE) characters, paragraphs and lists with
   emphasis, median of --runs
2. the PDF: every prose field of the demo plans set as flowables, and the demo plan rendered
3. the editor: one character typed into a field of 5,000 and of 50,000 characters in the real
   formatted editor, and the Markdown it stores written again: median per key
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kamplanner.domain import markdown, planfile  # noqa: E402
from kamplanner.domain.limits import MAX_PROSE  # noqa: E402

DEMO = ROOT / "resources" / "demo" / "plans"


def prose(size: int) -> str:
    unit = (
        "本季度**重点**是华东区的*续约*，预计收入增长 3*4 个百分点。\n"
        "- 第一项：与**采购部**建立联系\n"
        "  - 细节 *a*、snake_case_name\n"
        "1. 编号项\n\n"
    )
    return (unit * (size // len(unit) + 1))[:size]


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    print("1. parse")
    for size in (1_000, 10_000, MAX_PROSE):
        text = prose(size)
        print(f"   {size:>6} characters: {median_ms(lambda t=text: markdown.parse(t), args.runs):8.1f} ms")

    print("2. the PDF")
    from kamplanner.report import fonts, render_plan, style
    from kamplanner.report import markdown as pdf_markdown

    look = style.load()
    family = fonts.register_style(look)
    styles = style.paragraph_styles(look, family.regular, family.bold)
    plans = [planfile.loads(p.read_bytes()) for p in sorted(DEMO.glob("*.json"))]
    texts = [t for plan in plans for t in plan.prose.values()]

    def set_all() -> None:
        for t in texts:
            pdf_markdown.flowables(t, styles["body"], styles["list"])

    chars = sum(map(len, texts))
    print(
        f"   {len(texts)} demo prose fields ({chars:,} characters) as flowables: {median_ms(set_all, args.runs):8.1f} ms"
    )
    render_plan(plans[0])
    print(
        f"   the first demo plan rendered: {median_ms(lambda: render_plan(plans[0]), max(3, args.runs // 2)):8.1f} ms"
    )

    print("3. the editor, per key typed")
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from kamplanner.ui.prose_editor import ProseEdit

    app = QApplication.instance() or QApplication([])
    for size in (5_000, MAX_PROSE):
        editor = ProseEdit()
        editor.set_markdown(prose(size))
        cursor = QTextCursor(editor.document())
        cursor.setPosition(editor.document().characterCount() // 2)
        times = []
        for _ in range(args.runs * 3):
            start = time.perf_counter()
            cursor.insertText("字")
            editor.markdown()  # what the field stores after each key
            times.append(time.perf_counter() - start)
        print(f"   {size:>6} characters: {1000 * statistics.median(times):8.1f} ms (the key and the Markdown written)")
    del app


if __name__ == "__main__":
    main()
