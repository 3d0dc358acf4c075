"""Benchmark: a team server on loopback PostgreSQL. Prints figures; checks that no update was lost.

    python bench/bench_team.py --url postgresql+psycopg://postgres@/kam_bench?host=/tmp/pg&port=5432
        [--writers 20] [--edits 500] [--plans 20] [--portfolio 50000]

The URL names a database whose user may create roles (it is emptied first). The benchmark
makes it a team server, gives one account manager 20 plans, and runs 20 writers at once (each a
process with its own connection, as 20 windows are; on one machine they share its cores with
the server), each saving 500 one-field edits to random
plans of those 20 the way autosave does: on a stale version (someone saved the plan in between)
it reads the version again and retries, as the editor rebases. Writer i always edits prose field
i, so every edit can be checked: each must be in the change log, and each plan's field i must
hold writer i's last edit to that plan. Then it seeds a 50,000-plan portfolio and times listing
it and opening one plan, through the account manager's own login (row-level security applies).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from kamplanner import paths  # noqa: E402
from kamplanner.domain import planfile  # noqa: E402
from kamplanner.domain.edits import SetProse  # noqa: E402
from kamplanner.domain.model import Phase  # noqa: E402
from kamplanner.domain.template import TEMPLATE  # noqa: E402
from kamplanner.services import Portfolio, Role, StaleVersion, init_team  # noqa: E402
from kamplanner.store import plans as repo  # noqa: E402
from kamplanner.store.database import Database  # noqa: E402

MANAGER, LOGIN = "白露", "bench_am"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def as_login(url: str, login: str) -> str:
    return make_url(url).set(username=login, password="bench").render_as_string(hide_password=False)


def fresh_team(url: str) -> None:
    db = Database(url)
    with db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    db.close()
    init_team(url)
    admin = Portfolio(Database.open(url))
    admin.add_team_member(LOGIN, MANAGER, Role.ACCOUNT_MANAGER, "bench")
    admin.close()


def seed_plans(url: str, count: int) -> list[int]:
    """``count`` full plans (copies of the demo plans) of accounts MANAGER manages."""
    templates = [planfile.loads(p.read_bytes()) for p in sorted((paths.demo() / "plans").glob("*.json"))]
    db = Database.open(url)
    ids = []
    with db.transaction() as session:
        for i in range(count):
            plan = templates[i % len(templates)].copy()
            plan.uuid = plan.account.uuid = None
            plan.account.name = f"{plan.account.name} #{i:03d}"
            plan.account.manager = MANAGER
            if plan.phase is Phase.REVIEW:  # frozen for its manager: this one is being written
                plan.phase = Phase.DEVELOPMENT
            ids.append(repo.add_plan(session, plan))
    db.close()
    return ids


def _writer(url: str, plan_ids: list[int], field: str, index: int, edits: int, start_line, out) -> None:
    """One writer, in a process of its own (as a window on another machine is)."""
    portfolio = Portfolio(Database.open(as_login(url, LOGIN)))
    rng = random.Random(index)
    latencies: list[float] = []
    last: dict[tuple[int, str], str] = {}
    retries = 0
    start_line.wait()
    for n in range(edits):
        plan_id = rng.choice(plan_ids)
        value = f"writer {index} edit {n}"
        while True:
            plan = portfolio.load_plan(plan_id)
            began = time.perf_counter()
            try:
                portfolio.save_edits(plan_id, plan.version, [SetProse(field, plan.text(field), value)])
            except StaleVersion:
                retries += 1
                continue
            finally:
                latencies.append(time.perf_counter() - began)
            break
        last[(plan_id, field)] = value
    portfolio.close()
    out.put((latencies, retries, last))


def run_writers(url: str, plan_ids: list[int], writers: int, edits: int) -> dict:
    fields = [f.path for f in TEMPLATE.prose_fields()][:writers]
    if len(fields) < writers:
        raise SystemExit(f"the template has {len(fields)} prose fields; at most that many writers")
    context = multiprocessing.get_context("spawn")
    start_line = context.Barrier(writers + 1)
    out = context.Queue()
    processes = [
        context.Process(target=_writer, args=(url, plan_ids, fields[i], i, edits, start_line, out))
        for i in range(writers)
    ]
    for process in processes:
        process.start()
    start_line.wait()
    began = time.perf_counter()
    results = [out.get() for _ in processes]
    wall = time.perf_counter() - began
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise SystemExit(f"a writer failed (exit {process.exitcode})")
    latencies = [t for r in results for t in r[0]]
    last: dict[tuple[int, str], str] = {}
    for r in results:
        last.update(r[2])
    return {"latencies": latencies, "stale": sum(r[1] for r in results), "last": last, "wall": wall}


def single_writer(url: str, plan_id: int, saves: int = 200) -> list[float]:
    """The same save with nobody else writing: the latency a person sees at their desk."""
    portfolio = Portfolio(Database.open(as_login(url, LOGIN)))
    version = portfolio.load_plan(plan_id).version
    times = []
    for n in range(saves):
        began = time.perf_counter()
        version = portfolio.save_edits(plan_id, version, [SetProse("summary.risks", None, f"alone {n}")])
        times.append(time.perf_counter() - began)
    portfolio.close()
    return times


def check_nothing_lost(url: str, plan_ids: list[int], result: dict, writers: int, edits: int) -> tuple[int, int]:
    db = Database.open(url)
    with db.engine.connect() as connection:
        logged = {
            row[0]
            for row in connection.execute(
                text("SELECT after::text FROM changes WHERE kind = 'edit' AND actor = :a"), {"a": MANAGER}
            )
        }
        expected = {f'"writer {w} edit {n}"' for w in range(writers) for n in range(edits)}
        missing_log = len(expected - logged)
        wrong_state = 0
        for (plan_id, field), value in result["last"].items():
            stored = connection.execute(
                text("SELECT text FROM prose WHERE plan_id = :p AND field = :f"), {"p": plan_id, "f": field}
            ).scalar()
            wrong_state += stored != value
    db.close()
    return missing_log, wrong_state


def laptop_sync(url: str, plan_ids: list[int]) -> None:
    """A laptop synced with the server once, then one plan changed on it and synced again."""
    import tempfile

    from kamplanner.domain.actor import Actor
    from kamplanner.sync import sync

    folder = Path(tempfile.mkdtemp())
    laptop = Portfolio(Database.open(folder / "laptop.db"), Actor(MANAGER))
    server = Portfolio(Database.open(as_login(url, LOGIN)))
    began = time.perf_counter()
    first = sync(laptop, server)
    print(f"first sync of a laptop: {len(first.created_here)} plans pulled in {time.perf_counter() - began:.2f} s")
    times = []
    for n in range(7):
        summary = laptop.list_plans()[n % len(plan_ids)]
        plan = laptop.load_plan(summary.id)
        laptop.save_edits(
            summary.id, plan.version, [SetProse("summary.risks", plan.text("summary.risks"), f"laptop {n}")]
        )
        began = time.perf_counter()
        report = sync(laptop, server)
        times.append(time.perf_counter() - began)
        assert report.pushed == [f"{plan.account.name} {plan.year}"], report
    print(
        f"sync of a laptop with one changed plan ({len(plan_ids)} plans on the server): median"
        f" {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms (target <= 500 ms)"
    )
    laptop.close()
    server.close()


def seed_portfolio(url: str, count: int) -> None:
    """``count`` more plans, bare (an account and a plan row each): what listing reads."""
    db = Database.open(url)
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO account (name, tier, industry, region, scope, manager, created_at, uuid)"
                " SELECT '客户 ' || g, (ARRAY['key','important','general'])[1 + g % 3], '制造', '华东', 'national',"
                " :m, now(), gen_random_uuid()::text FROM generate_series(1, :n) g"
            ),
            {"m": MANAGER, "n": count},
        )
        connection.execute(
            text(
                "INSERT INTO plan (account_id, year, language, version, phase, currency, completeness,"
                " created_at, updated_at, uuid)"
                " SELECT id, 2027, 'zh_CN', 1, 1 + id % 4, '万元', id % 100, now(), now(), gen_random_uuid()::text"
                " FROM account WHERE name LIKE '客户 %'"
            )
        )
        connection.execute(text("ANALYZE"))
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("KAMPLANNER_BENCH_DB_URL"))
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--plans", type=int, default=20)
    parser.add_argument("--portfolio", type=int, default=50_000)
    args = parser.parse_args()
    if not args.url:
        raise SystemExit("give --url (a PostgreSQL database the benchmark may empty) or $KAMPLANNER_BENCH_DB_URL")

    fresh_team(args.url)
    plan_ids = seed_plans(args.url, args.plans)
    result = run_writers(args.url, plan_ids, args.writers, args.edits)
    lat = result["latencies"]
    total = args.writers * args.edits
    print(
        f"{args.writers} concurrent writers x {args.edits} edits over {args.plans} plans: {total} edits in"
        f" {result['wall']:.1f} s ({total / result['wall']:.0f} edits/s); {result['stale']} saves refused as stale"
        " and retried on the fresh version"
    )
    print(
        f"save latency per attempt ({len(lat)} attempts): p50 {statistics.median(lat) * 1000:.1f} ms,"
        f" p95 {percentile(lat, 0.95) * 1000:.1f} ms, p99 {percentile(lat, 0.99) * 1000:.1f} ms (target p95 <= 20 ms)"
    )
    missing, wrong = check_nothing_lost(args.url, plan_ids, result, args.writers, args.edits)
    print(
        f"lost updates: {missing} of {total} edits missing from the change log, {wrong} of"
        f" {len(result['last'])} (plan, field) pairs not holding their writer's last edit"
    )
    alone = single_writer(args.url, plan_ids[0])
    print(
        f"save latency with one writer ({len(alone)} saves): p50 {statistics.median(alone) * 1000:.1f} ms,"
        f" p95 {percentile(alone, 0.95) * 1000:.1f} ms"
    )

    laptop_sync(args.url, plan_ids)
    seed_portfolio(args.url, args.portfolio - args.plans)
    manager = Portfolio(Database.open(as_login(args.url, LOGIN)))
    listed = []
    for _ in range(7):
        began = time.perf_counter()
        plans = manager.list_plans()
        listed.append(time.perf_counter() - began)
    print(
        f"list_plans() of {len(plans)} plans as the account manager's login: median"
        f" {statistics.median(listed) * 1000:.0f} ms, min {min(listed) * 1000:.0f} ms (target <= 300 ms)"
    )
    loads = []
    for plan_id in plan_ids[:10]:
        began = time.perf_counter()
        manager.load_plan(plan_id)
        loads.append(time.perf_counter() - began)
    print(f"open one full plan among {len(plans)}: median {statistics.median(loads) * 1000:.1f} ms")
    manager.close()


if __name__ == "__main__":
    main()
