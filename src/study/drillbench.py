"""Classroom benchmarks: `python -m study.drillbench class|report`. Figures, not impressions.

- ``class``: N students take the bundled warm-up drill at once, each a `study drill --plain`
  process with its answers piped, on one progress database; against one student alone, in
  interleaved rounds. Prints wall times (median and slowest) and answers stored vs answered.
- ``report``: the teacher's report over generated attempts (100,000 by default): building it,
  then rendering each format, cold (a fresh process) and warm (the same data again).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from study.classroom.report import AttemptRow

WARM_UP_RIGHT = ["D", "2005", "D", "B", "C", "true", "A", "Fast and Furious", "A", "D"]
WARM_UP_WRONG = ["A", "2008", "A", "A", "A", "false", "B", "Gunrunner", "B", "A"]


def _answers(n: int) -> str:
    right = n % 11
    return "".join(f"{a}\n" for a in WARM_UP_RIGHT[:right] + WARM_UP_WRONG[right:])


def _class(students: int, data: Path) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds of the students' processes, answers stored, answers given)
    for ``students`` at once."""
    import resource

    from study.store import Store

    Store(data / "study.db").close()
    env = {**os.environ, "STUDY_DATA_DIR": str(data)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    procs = [subprocess.Popen(
        [sys.executable, "-m", "study", "drill", "warm-up", "--plain", "--learner",
         f"student{n:02d}"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env=env) for n in range(students)]
    given = 0
    for n, proc in enumerate(procs):
        out, err = proc.communicate(_answers(n))
        if proc.returncode != 0:
            raise RuntimeError(f"student {n} failed: {err.strip()}")
        given += out.count("\n> ") + out.startswith("> ")  # one prompt per answer read
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    with sqlite3.connect(data / "study.db") as db:
        stored = int(db.execute("SELECT count(*) FROM attempts").fetchone()[0])
    return wall, cpu, stored, min(given, students * len(WARM_UP_RIGHT))


def bench_class(students: int = 30, rounds: int = 3) -> None:
    alone: list[float] = []
    together: list[float] = []
    cpu_alone: list[float] = []
    cpu_together: list[float] = []
    counts: list[tuple[int, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("STUDY_CACHE_DIR", os.path.join(tmp, "cache"))
        _class(1, Path(tmp) / "warm")  # fills the parsed-pack cache, as a class's first run
        for index in range(rounds):
            order = ["alone", "class"] if index % 2 == 0 else ["class", "alone"]
            for what in order:
                data = Path(tmp) / f"{what}{index}"
                if what == "alone":
                    wall, cpu, _, _ = _class(1, data)
                    alone.append(wall)
                    cpu_alone.append(cpu)
                else:
                    wall, cpu, stored, given = _class(students, data)
                    together.append(wall)
                    cpu_together.append(cpu)
                    counts.append((stored, given))
    one, many = statistics.median(alone), statistics.median(together)
    print(f"class: {students} students take the 10-question warm-up at once (plain mode, one "
          f"database), {rounds} interleaved rounds:")
    print(f"  one student alone: median {one:.2f} s (slowest {max(alone):.2f} s), CPU "
          f"{statistics.median(cpu_alone):.2f} s")
    print(f"  {students} at once: median {many:.2f} s (slowest {max(together):.2f} s), "
          f"ratio {many / one:.1f} to one student; {many / students:.2f} s a student; CPU of "
          f"the {students} processes {statistics.median(cpu_together):.1f} s "
          f"({statistics.median(cpu_together) / students:.2f} s a student) on "
          f"{os.cpu_count()} cores")
    for number, (stored, given) in enumerate(counts, start=1):
        print(f"  round {number}: {stored} answers stored of {given} answered")


def _rows(count: int, seed: int = 12) -> list[AttemptRow]:
    """``count`` attempts by a class over the bundled pack's facts: students of mixed
    ability, wrong answers drawn from each fact's distractors in varied spellings."""
    from study.classroom.report import AttemptRow
    from study.pack.cache import load_pack_cached
    from study.paths import bundled_pack_dir

    pack = load_pack_cached(bundled_pack_dir())
    rng = random.Random(seed)
    facts = pack.facts
    students = [(f"student{n:03d}", rng.uniform(0.3, 0.95)) for n in range(300)]
    rows = []
    for index in range(count):
        name, ability = students[index % len(students)]
        fact = facts[rng.randrange(len(facts))]
        right = rng.random() < ability
        if right:
            response, outcome, score = fact.answer_text, "correct", 1.0
        else:
            wrong = rng.choice(fact.distractors) if fact.distractors else "I don't know"
            response = rng.choice([wrong, wrong.lower(), wrong.upper() + "!", f" {wrong}."])
            outcome, score = "incorrect", 0.0
        rows.append(AttemptRow(name, fact.id, outcome, score, response,
                               f"2026-11-{1 + index % 28:02d}T10:00:00+00:00", fact.topic))
    return rows


def bench_report(count: int = 100_000, rounds: int = 5) -> None:
    from study.classroom.report import build_report, render

    rows = _rows(count)
    build: list[float] = []
    renders: dict[str, list[float]] = {fmt: [] for fmt in ("md", "csv", "json", "html")}
    for _ in range(rounds):
        start = time.perf_counter()
        report = build_report(rows)
        build.append(time.perf_counter() - start)
        for fmt in renders:
            start = time.perf_counter()
            render(report, fmt)
            renders[fmt].append(time.perf_counter() - start)
    print(f"report: {count:,} attempts, {len(report.students)} students, "
          f"{len(report.questions)} questions, {rounds} rounds (the first cold):")
    print(f"  build: median {1000 * statistics.median(build):.0f} ms "
          f"(first {1000 * build[0]:.0f} ms, slowest {1000 * max(build):.0f} ms)")
    for fmt, times in renders.items():
        print(f"  render {fmt}: median {1000 * statistics.median(times):.0f} ms "
              f"(slowest {1000 * max(times):.0f} ms)")


def _stored(rows: list[AttemptRow], path: Path) -> None:
    """Write ``rows`` to a progress database at ``path`` as a class's drills of ten would
    leave them (one session per ten attempts of a student), in one transaction."""
    from study.store import Store

    Store(path).close()  # the schema, as study creates it
    names = sorted({r.learner for r in rows})
    ids = {name: i + 1 for i, name in enumerate(names)}
    with sqlite3.connect(path) as db:
        db.executemany("INSERT INTO learners (id, name, created_at) VALUES (?, ?, ?)",
                       [(ids[n], n, "2026-11-01T00:00:00+00:00") for n in names])
        counts: dict[str, int] = {}
        sessions: list[tuple[object, ...]] = []
        attempts: list[tuple[object, ...]] = []
        current: dict[str, int] = {}  # each learner's session under way
        for row in rows:
            n = counts.get(row.learner, 0)
            counts[row.learner] = n + 1
            if n % 10 == 0:
                sessions.append((len(sessions) + 1, row.time, row.time, "bench", 1, None, 10,
                                 "plain", ids[row.learner], "drill", "warm-up", "finished",
                                 f"bench-{len(sessions) + 1}"))
                current[row.learner] = len(sessions)
            attempts.append((current[row.learner], n % 10, ids[row.learner], row.fact, row.topic, "short",
                             row.response, row.outcome, row.score, "", 3.0, 0, 0, 0,
                             row.time, 0, 0, 1000.0 * row.score))
        db.executemany("INSERT INTO sessions (id, started_at, finished_at, pack, seed, topic, "
                       "total, mode, learner_id, kind, drill_id, status, uid) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sessions)
        db.executemany("INSERT INTO attempts (session_id, position, learner_id, fact_id, topic, "
                       "form, response, outcome, score, reason, seconds, hints, skipped, "
                       "overridden, answered_at, retried, timed_out, points) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", attempts)


def bench_stored_report(count: int = 100_000, rounds: int = 3) -> None:
    """`study report` end to end (a fresh process: start, read the store, build, render) on a
    database of ``count`` attempts, each format in interleaved rounds."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        _stored(_rows(count), data / "study.db")
        env = {**os.environ, "STUDY_DATA_DIR": str(data),
               "STUDY_CACHE_DIR": os.path.join(tmp, "cache")}
        formats = ["md", "csv", "json", "html"]
        runs: dict[str, list[float]] = {f"{fmt}{drill}": [] for fmt in formats
                                        for drill in ("", " --drill")}
        subprocess.run([sys.executable, "-m", "study", "report"], env=env, check=True,
                       capture_output=True)  # fills the parsed-pack cache
        for index in range(rounds):
            keys = list(runs) if index % 2 == 0 else list(reversed(runs))
            for key in keys:
                fmt, _, drill = key.partition(" ")
                argv = [sys.executable, "-m", "study", "report", "--format", fmt]
                argv += ["--drill", "warm-up"] if drill else []
                start = time.perf_counter()
                subprocess.run(argv, env=env, check=True, capture_output=True)
                runs[key].append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import study.cli"], env=env, check=True)
        baseline = time.perf_counter() - start
    print(f"report, end to end: study report on a database of {count:,} attempts, {rounds} "
          f"interleaved rounds (a fresh process each; starting Python and importing study.cli "
          f"alone: {baseline:.2f} s):")
    for key, times in runs.items():
        print(f"  --format {key}: median {statistics.median(times):.2f} s "
              f"(slowest {max(times):.2f} s)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m study.drillbench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["class", "report", "all"])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if args.what in ("class", "all"):
        bench_class(args.students, args.rounds)
    if args.what in ("report", "all"):
        bench_report(args.attempts, max(args.rounds, 3))
        bench_stored_report(args.attempts, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
