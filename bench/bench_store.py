"""Benchmark: the store with a 5,000-plan portfolio. Prints figures; asserts nothing.

    python bench/bench_store.py [--plans 5000] [--db PATH]

Seeds a database with N accounts, each with a full plan (copies of the demo plans), then
times listing the portfolio (in-process and as `kamplanner list --json`) and saving a
one-field edit, the way autosave does.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kamplanner import paths  # noqa: E402
from kamplanner.domain import planfile  # noqa: E402
from kamplanner.domain.edits import SetCell, SetProse  # noqa: E402
from kamplanner.services import Portfolio  # noqa: E402
from kamplanner.store import plans as repo  # noqa: E402
from kamplanner.store.database import Database  # noqa: E402


def seed(db: Database, count: int) -> None:
    templates = [planfile.loads(p.read_bytes()) for p in sorted((paths.demo() / "plans").glob("*.json"))]
    with db.transaction() as session:
        for i in range(count):
            plan = templates[i % len(templates)].copy()
            plan.uuid = plan.account.uuid = None  # a plan and an account of its own
            plan.account.name = f"{plan.account.name} #{i:05d}"
            repo.add_plan(session, plan)


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=5000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    db = Database.open(path)
    portfolio = Portfolio(db)
    have = len(portfolio.list_plans())
    if have < args.plans:
        start = time.perf_counter()
        seed(db, args.plans - have)
        print(
            f"seeded {args.plans - have} full plans in {time.perf_counter() - start:.1f} s "
            f"({path.stat().st_size / 1e6:.0f} MB) at {path}"
        )

    listing = timed(portfolio.list_plans, 15)
    print(
        f"list_plans() of {len(portfolio.list_plans())} plans, in-process: "
        f"median {statistics.median(listing) * 1000:.1f} ms, min {min(listing) * 1000:.1f} ms (target <= 300 ms)"
    )

    cli = timed(
        lambda: subprocess.run(
            [sys.executable, "-m", "kamplanner", "--db", str(path), "list", "--json"],
            check=True,
            capture_output=True,
            cwd=ROOT,
        ),
        5,
    )
    print(
        f"`kamplanner list --json` as a new process: median {statistics.median(cli) * 1000:.0f} ms "
        f"(interpreter start and imports included)"
    )

    plan_id = portfolio.list_plans()[len(portfolio.list_plans()) // 2].id
    plan = portfolio.load_plan(plan_id)
    version = plan.version
    row = plan.rows("forecast.rows")[0]
    saves = []
    for i in range(200):
        if i % 2:
            edit = SetProse("summary.strategy", "", f"edited {i}")
        else:
            edit = SetCell("forecast.rows", row.key, "revenue", None, 1000.0 + i)
        start = time.perf_counter()
        version = portfolio.save_edits(plan_id, version, [edit])
        saves.append(time.perf_counter() - start)
    print(
        f"save a one-field edit (one transaction, WAL): median {statistics.median(saves) * 1000:.2f} ms, "
        f"p90 {sorted(saves)[int(len(saves) * 0.9)] * 1000:.2f} ms (target median <= 2 ms)"
    )

    loads = timed(lambda: portfolio.load_plan(plan_id), 30)
    print(f"load one full plan: median {statistics.median(loads) * 1000:.1f} ms")
    db.close()


if __name__ == "__main__":
    main()
