"""Many plans to PDF on every core: plans go to worker processes, PDFs come back in order."""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from ..domain.audience import Audience
from ..domain.diff import ChangesSinceApproval
from ..domain.model import Plan
from .document import prepare, render_plan
from .signoff import SignOff

if TYPE_CHECKING:
    from concurrent.futures import Future

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Job:
    """What ``load`` gives for one PDF: the plan, and what render_plan takes besides."""

    plan: Plan
    changes: ChangesSinceApproval | None = None  # the appendix ends with them
    signoff: SignOff | None = None  # the version's approval
    audience: Audience = Audience.INTERNAL

    def render(self, lang: str | None) -> bytes:
        return render_plan(self.plan, lang=lang, changes=self.changes, signoff=self.signoff, audience=self.audience)


def _pdf(job: Job, lang: str | None) -> bytes:
    return job.render(lang)


def _render(job: Job, lang: str | None) -> tuple[bytes, float]:
    start = time.perf_counter()
    return _pdf(job, lang), time.perf_counter() - start


def render_all(
    keys: Iterable[K], load: Callable[[K], Job], *, lang: str | None = None, jobs: int | None = None
) -> Iterator[tuple[K, bytes | Exception, float]]:
    """(key, PDF or the exception that stopped it, seconds) for each key, in the order given.

    ``load`` runs here, in this process (it may use the database); rendering runs in ``jobs``
    worker processes (default: one per CPU), started after the fonts and templates are loaded
    so that, where processes fork, they start with them. One plan's failure stops no other.
    """
    keys = list(keys)
    jobs = min(jobs or os.cpu_count() or 1, len(keys))
    if jobs <= 1:
        for key in keys:
            start = time.perf_counter()
            try:
                data = _pdf(load(key), lang)
            except Exception as exc:  # noqa: BLE001 - reported to the caller, the rest go on
                yield key, exc, time.perf_counter() - start
            else:
                yield key, data, time.perf_counter() - start
        return
    import multiprocessing  # only here: a single plan does not pay for importing them
    from concurrent.futures import ProcessPoolExecutor

    prepare(lang)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if "fork" in methods else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        waiting = iter(keys)
        pending: deque[tuple[K, Future[tuple[bytes, float]] | Exception]] = deque()

        def submit() -> None:
            key = next(waiting, None)
            if key is None:
                return
            try:
                pending.append((key, pool.submit(_render, load(key), lang)))
            except Exception as exc:  # noqa: BLE001 - a plan that cannot be loaded is one failure
                pending.append((key, exc))

        for _ in range(jobs * 2):  # a few ahead, so no worker waits for the database
            submit()
        while pending:
            key, job = pending.popleft()
            submit()
            if isinstance(job, Exception):
                yield key, job, 0.0
                continue
            try:
                data, seconds = job.result()
            except Exception as exc:  # noqa: BLE001
                yield key, exc, 0.0
            else:
                yield key, data, seconds
