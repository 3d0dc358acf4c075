"""Benchmark: the plan workbook. Prints figures against the target; asserts nothing.

    python bench/bench_workbook.py [--runs 9]

For each demo plan, in-process: write_workbook (export) and read_workbook (import of the
unedited workbook: unpack, read every sheet, check every cell and the plan's rules, list the
changes), median of --runs after one warm-up run.                        target <= 1 s each
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kamplanner.outputs.workbook import write_workbook  # noqa: E402
from kamplanner.outputs.workbook_read import read_workbook  # noqa: E402
from kamplanner.services import Portfolio  # noqa: E402
from kamplanner.store.database import Database  # noqa: E402


def median_time(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(Path(folder) / "bench.db")
        portfolio = Portfolio(db)
        portfolio.add_demo()
        print(f"{'plan':44} {'lang':5} {'rows':>5} {'bytes':>8} {'export':>9} {'import':>9}")
        for summary in portfolio.list_plans():
            plan = portfolio.load_plan(summary.id)
            rows = sum(len(r) for r in plan.tables.values())
            for lang in ("zh_CN", "en"):
                data = write_workbook(plan, lang=lang)
                export = median_time(lambda p=plan, lang=lang: write_workbook(p, lang=lang), args.runs)
                imported = median_time(lambda d=data, p=plan: read_workbook(d, p), args.runs)
                name = f"{summary.account} {summary.year}"
                print(f"{name:44} {lang:5} {rows:>5} {len(data):>8,} {export * 1000:>7.0f}ms {imported * 1000:>7.0f}ms")
        db.close()
    print("target: <= 1 s each")


if __name__ == "__main__":
    main()
