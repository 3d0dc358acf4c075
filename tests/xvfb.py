"""A private X server (Xvfb) for the tests and benchmarks that need a real X11 display."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def xvfb(screen: str = "1366x768x24") -> Iterator[str]:
    """Start Xvfb on a free display number (it picks one and says which) and yield ":N"."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        if not number:
            raise RuntimeError("Xvfb gave no display number")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
