"""Benchmarks: `python -m study.bench startup|checker|score|tutor|all`. Figures, not impressions."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

_FIRST_QUESTION = """
import asyncio, sys
from study.pack.loader import load_pack
from study.paths import bundled_pack_dir
from study.quiz import Session
from study.tui.app import make_app
from study.tui.widgets.chat import ChatMessage

async def main() -> None:
    session = Session.build(load_pack(bundled_pack_dir()), count=10, seed=1)
    app = make_app(session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        while not any("Question 1 of" in m.plain for m in app.screen.query(ChatMessage)):
            await pilot.pause(0.001)
        print("READY", flush=True)
        sys.stdout.flush()
        app.exit()

asyncio.run(main())
"""


def bench_startup(runs: int = 5) -> None:
    """Wall time from launching a fresh Python process to the first question on screen."""
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", _FIRST_QUESTION], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("READY"):
                times.append(time.perf_counter() - start)
                break
        proc.wait()
    print(f"startup: launch to first question on screen (headless, {runs} runs): "
          f"median {1000 * statistics.median(times):.0f} ms, "
          f"min {1000 * min(times):.0f} ms, max {1000 * max(times):.0f} ms")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["tutor"]:  # the tutor's benchmark has flags of its own
        from study.bench_tutor import main as bench_tutor

        return bench_tutor(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m study.bench", description=__doc__)
    parser.add_argument("what", choices=["startup", "checker", "score", "tutor", "all"])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if args.what in ("startup", "all"):
        bench_startup(args.runs)
    if args.what in ("checker", "all"):
        from study.checkbench import bench_checker

        bench_checker()
    if args.what in ("score", "all"):
        from study.checkbench import bench_score

        bench_score()
    if args.what == "all":
        from study.bench_tutor import main as bench_tutor

        bench_tutor([])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
