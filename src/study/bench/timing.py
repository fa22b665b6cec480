"""Shared timing for the benchmarks: interleaved rounds, CPU time, medians with the slowest round,
ratios to a baseline, and the machine's load written beside every figure."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

cpu = time.process_time
"""CPU time of this process: on a shared machine wall time measures the neighbours too."""


def load() -> str:
    """The machine's load average, as written beside a figure."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # pragma: no cover - not on Linux or macOS
        return "load average unknown"
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def orders(names: Sequence[str], rounds: int) -> Iterable[tuple[int, list[str]]]:
    """Each round's order of the contenders: rotated every round, so that a noisy neighbour on
    the machine hurts every contender alike and none always runs first (or after a warm-up)."""
    for number in range(rounds):
        shift = number % len(names)
        yield number, [*names[shift:], *names[:shift]]


def interleaved(contenders: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Call every contender once per round, in `orders`; each returns one figure."""
    out: dict[str, list[float]] = {name: [] for name in contenders}
    for _, order in orders(list(contenders), rounds):
        for name in order:
            out[name].append(contenders[name]())
    return out


@dataclass(frozen=True)
class Figure:
    """Rounds of one figure: the median and the slowest round (the worst of the rounds, which for
    a rate is the lowest and for a time the highest)."""

    values: tuple[float, ...]
    higher_is_better: bool = False

    @classmethod
    def of(cls, values: Iterable[float], higher_is_better: bool = False) -> Figure:
        return cls(tuple(values), higher_is_better)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def slowest(self) -> float:
        return min(self.values) if self.higher_is_better else max(self.values)

    def ms(self, digits: int = 0) -> str:
        return f"{1000 * self.median:,.{digits}f} ms (slowest {1000 * self.slowest:,.{digits}f})"

    def rate(self) -> str:
        return f"{self.median:,.0f} (slowest {self.slowest:,.0f})"


def ratio(mine: Figure, baseline: Figure) -> float:
    """The ratio of the medians."""
    return mine.median / baseline.median if baseline.median else float("inf")


def run_child(module: str, args: Sequence[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``python -m module args`` in a fresh process; its last stdout line is JSON figures."""
    result = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True,
                            env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed ({result.returncode}):\n"
                           f"{result.stderr[-2000:]}")
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def header(title: str, detail: str = "") -> None:
    """A benchmark's first line, with the machine's load at its start."""
    print(f"\n== {title} ({load()}){': ' + detail if detail else ''}", flush=True)
