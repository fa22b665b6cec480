"""Benchmarks: `python -m study.bench startup|checker|score|tutor|all`. Figures, not impressions."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence

# Both contenders run headless in a fresh process, from launch until their first question is
# on screen; the same Textual, the same terminal size, the same wait.
_STUDY = """
import asyncio
from study.chat.conversation import Conversation
from study.pack.cache import load_pack_cached
from study.paths import bundled_pack_dir
from study.tui.app import make_app
from study.tui.widgets.chat import ChatMessage

async def main() -> None:
    chat = Conversation(load_pack_cached(bundled_pack_dir()))
    app = make_app(conversation=chat,
                   start=lambda: chat.opening() + chat.start_quiz(count=10, seed=1))
    async with app.run_test(size=(120, 40)) as pilot:
        while not any("Question 1 of" in m.plain for m in app.screen.query(ChatMessage)):
            await pilot.pause(0.001)
        print("READY", flush=True)

asyncio.run(main())
"""
_BARE = """
import asyncio
from textual.app import App
from textual.widgets import Footer, Header, Input, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Question 1 of 10", id="q")
        yield Input()
        yield Footer()

async def main() -> None:
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.query("#q"):
            await pilot.pause(0.001)
        print("READY", flush=True)

asyncio.run(main())
"""


def _launch(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            env=env)
    assert proc.stdout is not None
    elapsed = float("nan")
    for line in proc.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - start
            break
    proc.wait()
    if proc.returncode != 0:
        raise RuntimeError(f"the startup probe failed with status {proc.returncode}")
    return elapsed


def bench_startup(runs: int = 7) -> None:
    """Launch to first question on screen: study (cold and warm parsed-pack cache) and a bare
    Textual app, in interleaved rounds, each a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "STUDY_DATA_DIR": os.path.join(tmp, "data")}
        warm_env = {**env, "STUDY_CACHE_DIR": os.path.join(tmp, "warm")}
        _launch(_STUDY, warm_env)  # fills the warm cache
        times: dict[str, list[float]] = {"bare": [], "cold": [], "warm": []}
        for index in range(runs):
            cold_env = {**env, "STUDY_CACHE_DIR": os.path.join(tmp, f"cold{index}")}
            order = [("bare", _BARE, env), ("cold", _STUDY, cold_env), ("warm", _STUDY, warm_env)]
            if index % 2:
                order.reverse()
            for name, code, run_env in order:
                times[name].append(_launch(code, run_env))

    def ms(name: str) -> str:
        values = times[name]
        return (f"median {1000 * statistics.median(values):.0f} ms "
                f"(slowest {1000 * max(values):.0f})")

    bare = statistics.median(times["bare"])
    warm = statistics.median(times["warm"])
    cold = statistics.median(times["cold"])
    print(f"startup, launch to first question on screen, headless, {runs} interleaved rounds:")
    print(f"  bare Textual app (Header, Static, Input, Footer): {ms('bare')}")
    print(f"  study, cold (no parsed-pack cache): {ms('cold')}, ratio {cold / bare:.2f}")
    print(f"  study, warm (parsed-pack cache): {ms('warm')}, ratio {warm / bare:.2f}")
    print(f"startup: study {1000 * warm:.0f} ms, bare Textual app {1000 * bare:.0f} ms, "
          f"ratio {warm / bare:.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["tutor"]:  # the tutor's benchmark has flags of its own
        from study.bench_tutor import main as bench_tutor

        return bench_tutor(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m study.bench", description=__doc__)
    parser.add_argument("what", choices=["startup", "checker", "score", "tutor", "all"])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    if args.what in ("startup", "all"):
        bench_startup(args.runs)
    if args.what in ("checker", "all"):
        from study.checkbench import bench_checker

        bench_checker()
    if args.what in ("score", "all"):
        from study.bench_score import main as bench_score

        bench_score(["--rounds", str(min(args.runs, 3))])
    if args.what == "all":
        from study.bench_tutor import main as bench_tutor

        bench_tutor([])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
