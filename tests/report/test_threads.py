"""PDFs rendered on several threads at once (the GUI's preview and a batch export): each the same as alone."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from kamplanner.report import exclusive, render_plan
from kamplanner.report.progress_report import render_progress_report
from kamplanner.services import progress_report
from tests.factories import full_plan

from .helpers import demo

ROUNDS = 8


def test_two_plans_rendered_concurrently_are_byte_identical_to_each_alone():
    plans = {"bank": demo("bank-2026"), "emoji": full_plan(text="并发 😀🏦✅ ★ 𠮷 **粗体 🚀**")}
    plans["emoji"].account.name = "示例 🏦 银行"
    alone = {key: render_plan(plan) for key, plan in plans.items()}
    start = threading.Barrier(2)

    def render(key: str) -> list[bytes]:
        start.wait()  # both threads begin together
        return [render_plan(plans[key]) for _ in range(ROUNDS)]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = {key: pool.submit(render, key) for key in plans}
        for key, future in results.items():
            pdfs = future.result(timeout=300)
            assert len(pdfs) == ROUNDS
            assert all(pdf == alone[key] for pdf in pdfs), key


def test_a_plan_and_the_progress_report_rendered_concurrently(demo_portfolio):
    report = progress_report(demo_portfolio, dt.date(2026, 12, 31))
    plan = full_plan(text="报告与规划同时 ✅")
    report_alone, plan_alone = render_progress_report(report, lang="en"), render_plan(plan)
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = [pool.submit(render_progress_report, report, lang="en") for _ in range(3)]
        plans = [pool.submit(render_plan, plan) for _ in range(3)]
        assert all(f.result(timeout=300) == report_alone for f in reports)
        assert all(f.result(timeout=300) == plan_alone for f in plans)


@pytest.mark.parametrize("kind", ["plan", "progress report"])
def test_a_render_waits_for_the_lock(demo_portfolio, kind):
    if kind == "plan":
        plan = full_plan()
        build = lambda: render_plan(plan)  # noqa: E731
    else:
        report = progress_report(demo_portfolio, dt.date(2026, 12, 31))
        build = lambda: render_progress_report(report)  # noqa: E731
    done = threading.Event()
    with exclusive._lock:
        worker = threading.Thread(target=lambda: (build(), done.set()))
        worker.start()
        assert not done.wait(1.5)  # held here: the render has not even started
    worker.join(timeout=60)
    assert done.is_set()


def _take_the_lock(result: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    result.put(exclusive.one_at_a_time(lambda: "rendered")())


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform")
def test_a_process_forked_while_a_thread_renders_starts_with_a_free_lock():
    context = multiprocessing.get_context("fork")
    result = context.Queue()
    with exclusive._lock:  # as if the preview thread were rendering when a batch export forks
        child = context.Process(target=_take_the_lock, args=(result,))
        child.start()
        child.join(timeout=30)
    if child.is_alive():  # waiting for a lock no thread of its own will ever release
        child.kill()
    assert child.exitcode == 0
    assert result.get(timeout=5) == "rendered"
