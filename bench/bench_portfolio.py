"""Benchmark: the portfolio-wide reports on a 5,000-plan portfolio. Prints figures; asserts nothing.

    QT_QPA_PLATFORM=offscreen python bench/bench_portfolio.py [--plans 5000] [--runs 3] [--src DIR]

Builds a SQLite portfolio of N plans once (cached in /tmp; bulk inserts of the store's own
rows, so 5,000 plans take seconds, not minutes) from the demo plans, varied: every account its
own name, manager, tier (about one in ten a key account, three in ten important, the rest
general) and phase; about one account in five has last year's plan as well; a plan being
carried out has its signed-off version kept whole, as a sign-off does; a few key accounts have
no plan at all. Then runs, each as a new process whose peak resident memory is its own
(os.wait4 gives the child's rusage: ru_maxrss, as RUSAGE_CHILDREN would for one child):

1. `kamplanner progress-report -o FILE.pdf --date 2026-12-31`   target <= 10 s and <= 300 MB
2. `kamplanner dashboard --json --today 2026-11-23`             target <= 1 s
3. `kamplanner calendar -o FILE.ics --today 2026-11-23`         target <= 1 s
4. the GUI cold start to an interactive main window (offscreen) target <= 1 s

Figures are the median of --runs runs (wall time from launch to exit, or to the window's
first turn of the event loop) and the largest peak RSS. ``--src`` times another checkout of
kamplanner (e.g. the code before a change, unpacked with `git archive`) on the same portfolio.

Figures on 2 CPUs, Python 3.11 (the portfolio: 5,000 plans, 4,191 accounts, 433 of them key accounts, 10 of those without a plan):

                       before (e6bb92d)      after
    progress-report    10.8 s, 260 MB      6.1 s, 224 MB   ReportLab laying out ~430 sections dominates
    dashboard --json    2.4 s, 200 MB      1.2 s,  64 MB   0.4 s interpreter and imports, 0.3 s reading
    calendar            2.8 s, 200 MB      1.4 s,  80 MB   icalendar writing 3,243 events dominates
    GUI cold start      0.90 s, 120 MB     0.68 s, 117 MB  imports (SQLAlchemy, PySide6) dominate

On main after the trust work (rollback journal, the integrity check at open skipped when the
file is unchanged since it last passed), two runs of --runs 3 and --runs 5 on the same VM:
progress-report 7.1 / 9.0 s, 222 MB; dashboard 1.00 / 1.28 s, 74 MB; calendar 1.32 / 1.76 s,
80 MB; GUI cold start 0.73 / 1.02 s, 121 MB. Of the dashboard, ~0.45 s is the interpreter and
imports (SQLAlchemy 0.28 s), ~0.43 s reading and parsing the ~15,000 open actions it lists.

After the due-date index (migration 0004: the dashboard reads only the action items due by its
horizon, through the index's values) and markdown-it imported only when a text is parsed, on the
quiet VM, --runs 7 then --runs 9: progress-report 8.24 s, 223 MB; dashboard 0.89 / 0.93 s (max
1.11 / 1.02 s: the first run compiles the bytecode), 73 MB; calendar 1.50 s, 81 MB; GUI cold
start 0.96 s, 126 MB. A bare `import sqlalchemy.orm` takes 0.38-0.46 s of the dashboard here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LAYOUT = 2  # bump when the generated portfolio changes, so a cached one is built again
REPORT_DATE = "2026-12-31"
TODAY = "2026-11-23"

MANAGERS = ["王立新", "李娜", "张伟", "陈静", "刘洋", "赵敏", "Anna Berg", "David Chen", "孙晓峰", "周海峰"]
REGIONS = ["华东", "华南", "华北", "西南", "华中", "东北", "海外"]

GUI_CHILD = """
import sys
from kamplanner.app import run_gui
from PySide6.QtWidgets import QApplication

def ready(window):
    print("ready", window.document is not None, len(window.workspace.summaries), flush=True)
    QApplication.instance().quit()

sys.exit(run_gui(sys.argv[1], ready=ready))
"""


# --------------------------------------------------------------------------- the portfolio


def build(path: Path, count: int) -> float:
    """Write a portfolio of ``count`` plans to a new SQLite file at ``path``; returns seconds."""
    from sqlalchemy import insert

    from kamplanner import paths
    from kamplanner.domain import planfile
    from kamplanner.domain.cycle import cycle_to_json
    from kamplanner.domain.model import Phase
    from kamplanner.domain.template import TEMPLATE
    from kamplanner.domain.validation import completeness_percent, section_completeness
    from kamplanner.store.database import Database
    from kamplanner.store.models import AccountRow, CycleRow, PlanRow, ProseRow, RecordRow, SignOffRow, utcnow
    from kamplanner.store.plans import _record_to_json

    started = time.perf_counter()
    templates = []
    for file in sorted((paths.demo() / "plans").glob("*.json")):
        plan, cycle = planfile.loads_with_cycle(file.read_bytes())
        records = [
            (field, position, record.key, _record_to_json(TEMPLATE.table(field), record))
            for field, rows in plan.tables.items()
            for position, record in enumerate(rows)
        ]
        templates.append(
            {
                "plan": plan,
                "prose": [(f, t) for f, t in plan.prose.items() if t],
                "records": records,
                "cycle": cycle_to_json(cycle),
                "completeness": completeness_percent(section_completeness(plan)),
                "snapshot": planfile.dumps(plan),
                "fingerprint": planfile.fingerprint(plan),
            }
        )
    rng = random.Random(14)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = Database.open(tmp)
    accounts, plans, prose, records, cycles, signoffs = [], [], [], [], [], []
    now = utcnow()
    plan_id = 0
    account_id = 0
    phases = [Phase.PREPARATION, Phase.DEVELOPMENT, Phase.REVIEW, Phase.MONITORING]
    while plan_id < count:
        account_id += 1
        template = templates[rng.randrange(len(templates))]
        source = template["plan"]
        tier = rng.choices(["key", "important", "general"], weights=[1, 3, 6])[0]
        account = source.account
        accounts.append(
            {
                "id": account_id,
                "name": f"{account.name} #{account_id:05d}",
                "tier": tier,
                "industry": account.industry,
                "region": rng.choice(REGIONS),
                "scope": str(account.scope.value),
                "customer_since": account.customer_since,
                "annual_revenue": round(rng.uniform(500, 90000), -1),
                "manager": rng.choice(MANAGERS),
                "created_at": now,
            }
        )
        years = [source.year]
        if rng.random() < 0.2 and plan_id + 2 <= count:
            years.insert(0, source.year - 1)  # last year's plan, being carried out or done
        for year in years:
            plan_id += 1
            last_year = year != source.year
            phase = Phase.MONITORING if last_year else rng.choices(phases, weights=[1, 2, 1, 4])[0]
            plans.append(
                {
                    "id": plan_id,
                    "account_id": account_id,
                    "year": year,
                    "language": source.language,
                    "version": source.version,
                    "phase": int(phase),
                    "currency": source.currency,
                    "completeness": template["completeness"],
                    "created_at": now,
                    "updated_at": now,
                }
            )
            prose.extend({"plan_id": plan_id, "field": f, "text": t} for f, t in template["prose"])
            records.extend(
                {"plan_id": plan_id, "field": f, "position": p, "key": k, "data": d}
                for f, p, k, d in template["records"]
            )
            cycles.append({"plan_id": plan_id, "data": template["cycle"]})
            if phase is Phase.MONITORING:
                signoffs.append(
                    {
                        "plan_id": plan_id,
                        "version": source.version,
                        "fingerprint": template["fingerprint"],
                        "reviewer": rng.choice(MANAGERS),
                        "role": "高级经理",
                        "date": source.saved_at.date() if source.saved_at else None,
                        "snapshot": template["snapshot"],
                        "created_at": now,
                    }
                )
    for extra in range(max(1, count // 250)):  # key accounts with no plan yet
        account_id += 1
        accounts.append(
            {
                "id": account_id,
                "name": f"新签关键客户 #{account_id:05d}",
                "tier": "key" if extra % 2 == 0 else "important",
                "industry": "",
                "region": rng.choice(REGIONS),
                "scope": "national",
                "customer_since": 2026,
                "annual_revenue": None,
                "manager": rng.choice(MANAGERS),
                "created_at": now,
            }
        )
    import datetime as dt

    for row in signoffs:
        row["date"] = row["date"] or dt.date(2026, 1, 15)
    with db.transaction() as session:
        for model, rows in (
            (AccountRow, accounts),
            (PlanRow, plans),
            (ProseRow, prose),
            (RecordRow, records),
            (CycleRow, cycles),
            (SignOffRow, signoffs),
        ):
            for start in range(0, len(rows), 20000):
                session.execute(insert(model), rows[start : start + 20000])
    db.close()
    tmp.replace(path)
    return time.perf_counter() - started


def portfolio(count: int, folder: Path) -> Path:
    path = folder / f"kamplanner-bench-portfolio-{count}-v{LAYOUT}.db"
    if not path.exists():
        took = build(path, count)
        print(f"(built {path} with {count} plans in {took:.1f} s)")
    return path


# --------------------------------------------------------------------------- measuring


# A small process starts each measured one and waits for it: the peak RSS that
# RUSAGE_CHILDREN gives is then that child's own, not the high-water mark of this process
# (Linux carries it over a fork, and this one may have built the portfolio).
LAUNCHER = """
import json, resource, subprocess, sys, time
until_line, command = sys.argv[1] == "line", sys.argv[2:]
started = time.perf_counter()
process = subprocess.Popen(command, stdout=subprocess.PIPE)
first = process.stdout.readline()
elapsed = time.perf_counter() - started
process.stdout.read()
code = process.wait()
if not until_line:
    elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(json.dumps({"code": code, "seconds": elapsed, "peak_kib": peak, "first": first.decode(errors="replace")}))
"""


def run_child(command: list[str], env: dict[str, str], *, until_line: bool = False) -> tuple[float, float, str]:
    """Run a process; returns (seconds, its own peak RSS in MB, its first stdout line).

    ``until_line``: the time is taken when the first line arrives (the GUI says it is ready),
    else when the process ends."""
    launcher = [sys.executable, "-c", LAUNCHER, "line" if until_line else "end", *command]
    # Run from a folder of its own: `python -m` and `-c` put the working folder first on the path.
    done = subprocess.run(launcher, env=env, cwd=env["HOME"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the launcher failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result['code']}):\n{done.stderr}")
    return result["seconds"], result["peak_kib"] / 1024, result["first"].strip()


def measure(
    label: str, command: list[str], env: dict[str, str], runs: int, target: str, *, until_line: bool = False
) -> dict[str, object]:
    times, peaks = [], []
    first = ""
    for _ in range(runs):
        seconds, mb, first = run_child(command, env, until_line=until_line)
        times.append(seconds)
        peaks.append(mb)
    median = statistics.median(times)
    print(
        f"{label:<44} {median:7.2f} s  (min {min(times):.2f}, max {max(times):.2f}, n={runs})"
        f"   peak RSS {max(peaks):7.1f} MB   [target {target}]",
        flush=True,
    )
    return {"label": label, "seconds": median, "times": times, "peak_mb": max(peaks), "first": first}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--report-runs", type=int, help="runs of the progress report (default: --runs)")
    parser.add_argument(
        "--folder", type=Path, default=Path(tempfile.gettempdir()), help="where the portfolio is cached"
    )
    parser.add_argument("--src", type=Path, default=ROOT, help="the kamplanner checkout to time (default: this one)")
    parser.add_argument("--only", nargs="*", choices=["report", "dashboard", "calendar", "gui"])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db = portfolio(args.plans, args.folder)
    src = args.src.resolve()
    work = Path(tempfile.mkdtemp(prefix="kamplanner-bench-portfolio-"))
    env = {k: v for k, v in os.environ.items() if k not in ("KAMPLANNER_DB", "PYTHONDONTWRITEBYTECODE")}
    env.update(
        PYTHONPATH=str(src),
        PYTHONPYCACHEPREFIX=str(work / "pycache"),  # bytecode cached, as an installed package has it
        HOME=str(work),
        XDG_CONFIG_HOME=str(work / "config"),
    )
    print(
        f"kamplanner portfolio benchmark · {args.plans} plans · code from {src} · Python {sys.version.split()[0]}"
        f" · {os.cpu_count()} CPUs"
    )
    python = sys.executable
    cli = [python, "-m", "kamplanner", "--db", str(db)]
    only = set(args.only or ["report", "dashboard", "calendar", "gui"])
    # bytecode compiled; and the code timed is the code asked for
    where = subprocess.run(
        [python, "-c", "import kamplanner; print(kamplanner.__file__)"],
        env=env,
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not Path(where).resolve().is_relative_to(src):
        raise SystemExit(f"kamplanner comes from {where}, not from {src}")
    subprocess.run([*cli, "list", "--json"], env=env, cwd=work, check=True, capture_output=True)
    results = []
    if "report" in only:
        pdf = work / "progress.pdf"
        results.append(
            measure(
                "progress-report -o FILE.pdf --date " + REPORT_DATE,
                [*cli, "progress-report", "-o", str(pdf), "--date", REPORT_DATE],
                env,
                args.report_runs or args.runs,
                "<= 10 s, <= 300 MB",
            )
        )
        print(f"{'':<44} {pdf.stat().st_size / 1e6:.1f} MB PDF")
    if "dashboard" in only:
        results.append(
            measure(
                "dashboard --json --today " + TODAY,
                [*cli, "dashboard", "--json", "--today", TODAY],
                env,
                args.runs,
                "<= 1 s",
            )
        )
    if "calendar" in only:
        results.append(
            measure(
                "calendar -o FILE.ics --today " + TODAY,
                [*cli, "calendar", "-o", str(work / "review.ics"), "--today", TODAY],
                env,
                args.runs,
                "<= 1 s",
            )
        )
    if "gui" in only:
        gui = [python, "-c", GUI_CHILD, str(db)]
        run_child(gui, env, until_line=True)  # the first start: settings written, last plan remembered
        result = measure("GUI cold start to an interactive window", gui, env, args.runs, "<= 1 s", until_line=True)
        if not str(result["first"]).startswith("ready True"):
            raise SystemExit(f"the window did not come up with a plan open: {result['first']!r}")
        results.append(result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
