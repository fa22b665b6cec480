"""`python -m study.bench WHAT [flags]`: WHAT is startup, checker, score, pack, store, tutor or
all; the flags after WHAT are that benchmark's own (`python -m study.bench checker --help`)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from importlib import import_module

#: Each benchmark's module (whose ``main(argv)`` takes its flags) and the flags `all` gives it,
#: chosen so that `all` runs in under 3 minutes on this project's 2-core machine.
BENCHMARKS: dict[str, tuple[str, list[str]]] = {
    "startup": ("study.bench.startup", ["--rounds", "5"]),
    "checker": ("study.bench.checker", ["--rounds", "3", "--no-misses"]),
    "score": ("study.bench.score", ["--rounds", "2"]),
    "pack": ("study.bench.pack", ["--rounds", "2"]),
    "store": ("study.bench.store", ["all", "--quick"]),
    "tutor": ("study.bench_tutor", []),
}


def _main_of(name: str) -> Callable[[list[str]], int]:
    main: Callable[[list[str]], int] = import_module(BENCHMARKS[name][0]).main
    return main


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in (*BENCHMARKS, "all"):
        print(__doc__, file=sys.stderr)
        return 2
    what, rest = argv[0], argv[1:]
    if what != "all":
        return _main_of(what)(rest)
    if rest:
        print("bench all takes no flags: it picks each benchmark's own", file=sys.stderr)
        return 2
    from study.bench.timing import load

    started = time.perf_counter()
    print(f"bench all: {load()} at the start")
    status = 0
    for name, (_, flags) in BENCHMARKS.items():
        began = time.perf_counter()
        status |= _main_of(name)(flags)
        print(f"({name}: {time.perf_counter() - began:.0f} s)", flush=True)
    print(f"bench all: {time.perf_counter() - started:.0f} s wall in all; {load()} at the end")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
