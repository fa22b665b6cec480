"""`python -m study.bench startup`: launch to the first question on screen, study against a bare
Textual app, each in a fresh process."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence

from study.bench.timing import Figure, header, orders, ratio

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


def bench_startup(rounds: int = 7) -> float:
    """Launch to first question on screen: study (cold and warm parsed-pack cache) and a bare
    Textual app, in interleaved rounds, each a fresh process; returns the warm ratio."""
    # The same precomputation for both: Textual's bytecode was compiled when it was installed,
    # so study's is compiled first too (as its first run would, unless PYTHONDONTWRITEBYTECODE
    # is set, as on this project's machine: without it study starts ~50 ms later).
    import compileall

    import study

    compileall.compile_dir(os.path.dirname(study.__file__), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "STUDY_DATA_DIR": os.path.join(tmp, "data")}
        warm_env = {**env, "STUDY_CACHE_DIR": os.path.join(tmp, "warm")}
        _launch(_STUDY, warm_env)  # fills the warm cache
        times: dict[str, list[float]] = {"bare": [], "cold": [], "warm": []}
        for index, order in orders(["bare", "cold", "warm"], rounds):
            for name in order:
                if name == "bare":
                    times[name].append(_launch(_BARE, env))
                elif name == "cold":
                    cold_env = {**env, "STUDY_CACHE_DIR": os.path.join(tmp, f"cold{index}")}
                    times[name].append(_launch(_STUDY, cold_env))
                else:
                    times[name].append(_launch(_STUDY, warm_env))
    bare, cold, warm = (Figure.of(times[name]) for name in ("bare", "cold", "warm"))
    print(f"startup, launch to first question on screen, headless, wall time, {rounds} "
          "interleaved rounds, each a fresh process (both with their bytecode compiled):")
    print(f"  bare Textual app (Header, Static, Input, Footer): {bare.ms()}")
    print(f"  study, cold (no parsed-pack cache): {cold.ms()}, ratio {ratio(cold, bare):.2f}")
    print(f"  study, warm (parsed-pack cache): {warm.ms()}, ratio {ratio(warm, bare):.2f}")
    print(f"startup: study {1000 * warm.median:.0f} ms, bare Textual app {1000 * bare.median:.0f} "
          f"ms, ratio {ratio(warm, bare):.2f}")
    return ratio(warm, bare)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m study.bench startup", description=__doc__)
    parser.add_argument("--rounds", "--runs", type=int, default=7)
    args = parser.parse_args(argv)
    header("startup")
    bench_startup(args.rounds)
    return 0
