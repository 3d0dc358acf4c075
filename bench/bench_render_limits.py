"""Benchmark: the plan PDF at the bounds of domain/limits.py. Prints figures; asserts nothing.

    python bench/bench_render_limits.py [--case NAME]

Each case is rendered in a new process of its own (after one warm-up render of a small plan,
so fonts are parsed and templates compiled): seconds for the render, and the process's peak
memory (resident set) against what it held after the warm-up.

1. the account name at MAX_NAME characters
2. the account name at 20,000 characters (printed clipped to MAX_NAME)
3. one prose field at MAX_PROSE characters
4. a table at MAX_ROWS rows: the team budget (one row each), and the action items (grouped by
   horizon and category, and shown again by owner in the appendix)
5. the worst plan the limits allow: every table at MAX_ROWS rows, every name at MAX_NAME, and
   MAX_PLAN_TEXT characters of text, spent (a) on the prose fields first, each at MAX_PROSE,
   (b) spread over every text cell, (c) half and half, (d) on prose of one-character bullets
   (the costliest shape of text per character)                            target <= 5 s
6. a plan far over every limit (1,000,000-character prose fields, 20,000 rows): printed
   clipped, with "… (N more characters not printed)"
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kamplanner.domain.limits import (  # noqa: E402
    MAX_CELL,
    MAX_LONG_CELL,
    MAX_NAME,
    MAX_PLAN_TEXT,
    MAX_PROSE,
    MAX_ROWS,
)
from kamplanner.domain.model import Plan, Record  # noqa: E402
from kamplanner.domain.template import TEMPLATE, Kind  # noqa: E402
from tests.factories import full_plan  # noqa: E402

# Text as plans have it: Chinese sentences with punctuation, numbers and English words.
SENTENCE = "客户的核心系统计划在2027年迁移到云平台，我们负责迁移方案 (cloud migration) 和运维服务。"


def text(n: int) -> str:
    return (SENTENCE * (n // len(SENTENCE) + 1))[:n]


def with_rows(plan: Plan, rows: int, path: str | None = None) -> Plan:
    """Every table (or one) at ``rows`` rows: its rows in full_plan repeated, references kept."""
    for table in TEMPLATE.tables():
        if path is not None and table.path != path:
            continue
        model = plan.rows(table.path) or [Record("x", {})]
        plan.tables[table.path] = [
            Record(
                model[i % len(model)].key if i < len(model) else f"{model[i % len(model)].key}-{i}",
                dict(model[i % len(model)].values),
            )
            for i in range(rows)
        ]
    return plan


def text_cells(plan: Plan) -> list[tuple[Record, str, int]]:
    cells = []
    for table in TEMPLATE.tables():
        for row in plan.rows(table.path):
            for column in table.columns:
                if column.kind in (Kind.TEXT, Kind.LONGTEXT):
                    cells.append((row, column.key, MAX_LONG_CELL if column.kind is Kind.LONGTEXT else MAX_CELL))
    return cells


def bullets(n: int) -> str:
    """The costliest prose per character: one-character bullets, a list item (a flowable) each."""
    return ("- 项\n" * (n // 4 + 1))[:n]


def worst(prose_share: float, prose: Callable[[int], str] = text) -> Plan:
    plan = with_rows(full_plan(), MAX_ROWS)
    for attr in ("name", "industry", "region", "manager"):
        setattr(plan.account, attr, text(MAX_NAME))
    budget = MAX_PLAN_TEXT
    prose_budget = int(budget * prose_share)
    for f in TEMPLATE.prose_fields():
        n = min(MAX_PROSE, prose_budget)
        plan.prose[f.path] = prose(n)
        prose_budget -= n
        budget -= n
    cells = text_cells(plan)
    each = max(1, budget // max(1, len(cells)))
    for row, key, most in cells:
        row.values[key] = text(min(most, each))
    return plan


def far_over() -> Plan:
    plan = with_rows(full_plan(), 20_000, "team.budget")
    plan.account.name = text(20_000)
    for f in list(TEMPLATE.prose_fields())[:3]:
        plan.prose[f.path] = text(1_000_000)
    return plan


def plan_text(plan: Plan) -> int:
    """Characters of text as MAX_PLAN_TEXT counts them: prose and text cells."""
    return sum(len(t) for t in plan.prose.values()) + sum(
        len(v) for row, key, _ in text_cells(plan) if isinstance(v := row.values.get(key), str)
    )


def name_plan(n: int) -> Plan:
    plan = full_plan()
    plan.account.name = text(n)
    return plan


def prose_plan() -> Plan:
    plan = full_plan()
    plan.prose[next(iter(TEMPLATE.prose_fields())).path] = text(MAX_PROSE)
    return plan


CASES = {
    "name": (f"1. account name at MAX_NAME = {MAX_NAME:,} characters", lambda: name_plan(MAX_NAME)),
    "name-20000": ("2. account name at 20,000 characters (clipped)", lambda: name_plan(20_000)),
    "prose": (f"3. one prose field at MAX_PROSE = {MAX_PROSE:,} characters", prose_plan),
    "rows": (
        f"4a. team budget at MAX_ROWS = {MAX_ROWS:,} rows",
        lambda: with_rows(full_plan(), MAX_ROWS, "team.budget"),
    ),
    "actions": (
        f"4b. action items at MAX_ROWS = {MAX_ROWS:,} rows (grouped, and again by owner)",
        lambda: with_rows(full_plan(), MAX_ROWS, "action_plan.actions"),
    ),
    "worst-prose": ("5a. worst plan: every table at MAX_ROWS, MAX_PLAN_TEXT on prose first", lambda: worst(1.0)),
    "worst-cells": ("5b. worst plan: every table at MAX_ROWS, MAX_PLAN_TEXT over the cells", lambda: worst(0.0)),
    "worst-mixed": ("5c. worst plan: every table at MAX_ROWS, MAX_PLAN_TEXT half and half", lambda: worst(0.5)),
    "worst-bullets": (
        "5d. worst plan: every table at MAX_ROWS, MAX_PLAN_TEXT on prose of one-character bullets",
        lambda: worst(1.0, bullets),
    ),
    "far-over": ("6. far over the limits: 3 prose fields of 1,000,000, 20,000 rows, 20,000-char name", far_over),
}


def run_case(name: str) -> None:
    from kamplanner.report import render_plan

    render_plan(full_plan())  # warm-up: fonts parsed, templates compiled
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    plan = CASES[name][1]()
    start = time.perf_counter()
    data = render_plan(plan)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak / 1024,
                "warm_mb": before / 1024,
                "pages": data.count(b"/Type /Page\n"),
                "text": plan_text(plan),
                "kb": len(data) / 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES))
    args = parser.parse_args()
    if args.case:
        run_case(args.case)
        return
    print(
        f"limits: MAX_NAME {MAX_NAME:,}, MAX_CELL {MAX_CELL:,}, MAX_LONG_CELL {MAX_LONG_CELL:,}, "
        f"MAX_PROSE {MAX_PROSE:,}, MAX_ROWS {MAX_ROWS:,}, MAX_PLAN_TEXT {MAX_PLAN_TEXT:,}"
    )
    for name, (label, _) in CASES.items():
        result = subprocess.run([sys.executable, __file__, "--case", name], capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            print(f"{label}: FAILED\n{result.stderr[-2000:]}")
            continue
        r = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{label}: {r['seconds']:.2f} s, peak memory {r['peak_mb']:.0f} MB "
            f"(+{r['peak_mb'] - r['warm_mb']:.0f} MB over the warm process), {r['pages']} pages, "
            f"{r['text']:,} characters of text, {r['kb']:.0f} KB",
            flush=True,
        )


if __name__ == "__main__":
    main()
