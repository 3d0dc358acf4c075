"""One PDF at a time in a process: every function that builds a PDF holds this lock.

ReportLab is not thread-safe. Its font registry, its rl_config settings and caches are
process-wide, and a render also changes state of its own here (fonts registered and loaded
on first use, characters added to a font's map, see fonts.py). The GUI renders the preview on
one worker thread while a batch export may run on another; with the lock they take turns, and
each PDF is byte for byte what it would be alone. Renders in separate processes (batch.py)
never wait for each other.

The lock is not re-entrant: a function holding it must not call another that takes it.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()


def one_at_a_time(build: Callable[P, R]) -> Callable[P, R]:
    """``build`` run while holding the process's PDF lock."""

    @functools.wraps(build)
    def exclusive(*args: P.args, **kwargs: P.kwargs) -> R:
        with _lock:
            return build(*args, **kwargs)

    return exclusive


def _new_lock_in_child() -> None:
    # A process forked (batch.py's workers) while another thread was rendering would start with
    # the lock held by a thread it does not have, and wait for it forever.
    global _lock
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_new_lock_in_child)
