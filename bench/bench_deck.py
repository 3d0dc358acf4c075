"""Benchmark: the review meeting's slides. Prints figures against the target; asserts nothing.

    python bench/bench_deck.py [--runs 9]

Each demo plan rendered in-process (render_deck, internal and customer version, in the plan's
language): median of --runs renders after one warm-up render               target <= 1 s each
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kamplanner import paths  # noqa: E402
from kamplanner.domain import planfile  # noqa: E402
from kamplanner.domain.audience import Audience  # noqa: E402
from kamplanner.outputs.deck import render_deck  # noqa: E402

TARGET = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    for path in sorted((paths.demo() / "plans").glob("*.json")):
        plan = planfile.loads(path.read_bytes())
        for audience in Audience:
            render_deck(plan, audience=audience)  # warm-up: imports, the style file, font names
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                data = render_deck(plan, audience=audience)
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            verdict = "ok" if median <= TARGET else "OVER"
            print(
                f"{path.stem:<18} {audience.value:<9} median {median:.3f} s  (min {min(times):.3f}, max {max(times):.3f},"
                f" {len(data) // 1024} KiB)  target <= {TARGET:.0f} s  {verdict}"
            )


if __name__ == "__main__":
    main()
