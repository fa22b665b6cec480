"""`python -m study.bench store WHAT`: the store and learning benchmarks, with real processes.

    starts      N runs of 30 processes opening a new store at once: how many fail
    contention  30 processes x 1,000 writes at once: how many raise, how many are stored,
                against as many plain sqlite3 writers, interleaved rounds
    kills       a plain-mode quiz fed from a pipe, SIGKILLed at random moments: answers shown
                as recorded against answers stored
    pick        picking the next practice card with 10,000 reviews stored (target: < 20 ms),
                cold and warm, against one SQL query for the earliest due card

Counts (failures, losses) have no baseline; every time has one.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import select
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from study.bench.timing import Figure, header, orders, ratio

if TYPE_CHECKING:
    from study.pack.models import Pack

_START = """
import os, sys, time
from study.store import Store
ready, go, db = sys.argv[1], sys.argv[2], sys.argv[3]
open(os.path.join(ready, str(os.getpid())), "w").close()
while not os.path.exists(go):
    time.sleep(0.001)
store = Store(db)
store.start_session("pack", 1, None, 1, "plain", learner=f"p{os.getpid()}")
store.close()
"""

_WRITE = """
import os, sys, time
from types import SimpleNamespace as NS
from study.store import Store
ready, go, db, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
store = Store(db)
store.cards("warm-up", "pack")
open(os.path.join(ready, str(os.getpid())), "w").close()
while not os.path.exists(go):
    time.sleep(0.001)
sid = store.start_session("pack", 1, None, count, "plain", learner=f"p{os.getpid()}")
right = NS(fact_id="cases", topic="figures", form="short", response="276", score=1.0,
           verdict=NS(outcome="correct", reason="correct"), seconds=1.0, hints=0,
           skipped=False, overridden=False, retried=False)
kept = 0
start = time.perf_counter()
for i in range(count):
    store.record(sid, i, right, rating=3)
    kept += store.degraded
store.close()
print(kept, time.perf_counter() - start)
"""


# The baseline writer: the same processes, the same rows' worth of writes, through plain sqlite3
# (one INSERT per transaction, WAL, a 30 s busy timeout), with none of the store's retries,
# recovery file or card review.
_WRITE_RAW = """
import os, sqlite3, sys, time
ready, go, db, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
conn = sqlite3.connect(db, timeout=30, isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
open(os.path.join(ready, str(os.getpid())), "w").close()
while not os.path.exists(go):
    time.sleep(0.001)
start = time.perf_counter()
for i in range(count):
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO attempts_raw VALUES (?, ?, ?, ?)", (os.getpid(), i, "cases", "276"))
    conn.execute("COMMIT")
conn.close()
print(0, time.perf_counter() - start)
"""


def _at_once(code: str, count: int, folder: Path, *args: str) -> list[subprocess.CompletedProcess[str]]:
    ready, go = folder / "ready", folder / "go"
    ready.mkdir()
    procs = [subprocess.Popen([sys.executable, "-c", code, str(ready), str(go), *args],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(count)]
    while len(list(ready.iterdir())) < count and all(p.poll() is None for p in procs):
        time.sleep(0.01)
    go.touch()
    done = []
    for proc in procs:
        out, err = proc.communicate()
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def bench_starts(runs: int = 10, processes: int = 30) -> int:
    """Processes opening a brand-new store at the same moment; returns how many failed."""
    failed = 0
    reasons: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            folder = Path(tmp) / str(run)
            folder.mkdir()
            for result in _at_once(_START, processes, folder, str(folder / "study.db")):
                if result.returncode:
                    failed += 1
                    last = (result.stderr.strip().splitlines() or ["?"])[-1]
                    reason = re.sub(r"/\S+", "FILE", last)[:120]
                    reasons[reason] = reasons.get(reason, 0) + 1
    print(f"starts: {runs} runs x {processes} processes on a new store: {failed} failed")
    for reason, count in reasons.items():
        print(f"  {count} x {reason}")
    return failed


def _contend(code: str, processes: int, writes: int) -> tuple[float, list[float], int, int, int]:
    """``processes`` processes of ``code`` released together: (wall seconds, each process's
    seconds writing, 'database is locked' errors, failed processes, writes kept for later)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "study.db"
        from study.store import Store

        Store(db).close()
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE attempts_raw (pid INTEGER, i INTEGER, fact TEXT, said TEXT)")
        conn.commit()
        conn.close()
        started = time.perf_counter()
        results = _at_once(code, processes, Path(tmp), str(db), str(writes))
        wall = time.perf_counter() - started
        locked = sum(r.stderr.count("database is locked") for r in results)
        crashed = sum(1 for r in results if r.returncode)
        kept = sum(int(r.stdout.split()[0]) for r in results if r.stdout.strip())
        loops = [float(r.stdout.split()[1]) for r in results if r.stdout.strip()]
        conn = sqlite3.connect(db)
        table = "attempts" if code is _WRITE else "attempts_raw"
        stored = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        conn.close()
    return wall, loops, locked + (processes * writes - stored), crashed, kept


def bench_contention(processes: int = 30, writes: int = 1000, rounds: int = 1) -> int:
    """Processes writing attempts (each with its card review) at once, against plain sqlite3
    writing one row per transaction from as many processes, interleaved; returns the store's
    errors (locked, lost or crashed)."""
    runs: dict[str, list[tuple[float, list[float], int, int, int]]] = {"study": [], "sqlite3": []}
    for _, order in orders(["study", "sqlite3"], rounds):
        for name in order:
            runs[name].append(_contend(_WRITE if name == "study" else _WRITE_RAW, processes, writes))
    total = processes * writes
    figures = {}
    for name, got in runs.items():
        wall = Figure.of(r[0] for r in got)
        loop = Figure.of(statistics.median(r[1]) if r[1] else 0.0 for r in got)
        errors, crashed, kept = (sum(r[2] for r in got), sum(r[3] for r in got),
                                 sum(r[4] for r in got))
        figures[name] = loop
        print(f"contention, {name}: {processes} processes x {writes} writes = {total:,} a round, "
              f"{rounds} round{'s' if rounds != 1 else ''}: {errors} locked or lost, {crashed} "
              f"processes failed, {kept} writes kept for later; wall {wall.median:.1f} s (30 "
              f"starts included, slowest {wall.slowest:.1f}), a process's writes median "
              f"{loop.median:.2f} s (slowest round {loop.slowest:.2f})")
    print(f"contention: study / plain sqlite3 = {ratio(figures['study'], figures['sqlite3']):.2f}x "
          "the time a process spends writing (the store also writes each card's review)")
    return sum(r[2] + r[3] for r in runs["study"])


_VERDICT = re.compile(r"^(?:> )*(Correct|Not quite|Partly right)\b")
_ANSWERS = [b"zebra\n", b"/skip\n", b"2008\n", b"ICE\n", b"true\n", b"A\n"]


def _kill_once(seed: int, folder: Path, latest: float = 3.0) -> tuple[int, int, str]:
    """One plain-mode quiz fed answers from a pipe and SIGKILLed at a random moment, 0.3 to
    ``latest`` seconds after the first question: (answers shown as recorded, attempts stored,
    integrity check)."""
    env = dict(os.environ, STUDY_DATA_DIR=str(folder))
    proc = subprocess.Popen(
        [sys.executable, "-m", "study", "quiz", "--plain", "--count", "40", "--seed", str(seed)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        bufsize=0)
    assert proc.stdin is not None and proc.stdout is not None
    rng = random.Random(seed)
    # The random moment is counted from the first question, so a slow start (a busy machine)
    # never makes the kill land before the quiz began.
    after = rng.uniform(0.3, latest)
    deadline = time.monotonic() + 60
    shown, pending, started = 0, b"", False
    while time.monotonic() < deadline and proc.poll() is None:
        ready, _, _ = select.select([proc.stdout], [], [], 0.01)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            pending += chunk
            *lines, pending = pending.split(b"\n")
            shown += sum(bool(_VERDICT.match(line.decode(errors="replace"))) for line in lines)
        if pending.endswith(b"> "):
            if not started:
                started, deadline = True, time.monotonic() + after
            pending = b""
            time.sleep(rng.uniform(0, 0.12))
            try:
                proc.stdin.write(rng.choice(_ANSWERS))
            except BrokenPipeError:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    shown += sum(bool(_VERDICT.match(line.decode(errors="replace")))
                 for line in pending.split(b"\n"))
    db = folder / "study.db"
    if not db.exists():
        return shown, 0, "no database"
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return shown, int(stored), str(integrity)


def bench_kills(kills: int = 20) -> int:
    """SIGKILL plain-mode quizzes at random moments; returns how many shown answers were lost."""
    shown = stored = lost = damaged = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, kills + 1):
            folder = Path(tmp) / str(seed)
            a, b, integrity = _kill_once(seed, folder)
            shown, stored, lost = shown + a, stored + b, lost + max(0, a - b)
            damaged += integrity != "ok"
    print(f"kills: {kills} SIGKILLs of a plain-mode quiz: {shown} answers shown as recorded, "
          f"{stored} stored, {lost} lost, integrity not ok {damaged} times")
    return lost + damaged


def _fill_reviews(db: Path, reviews: int, learner: str) -> tuple[Pack, datetime]:
    """A store holding ``reviews`` reviews of the bundled pack by ``learner``, a session of 25
    every 4 to 30 hours."""
    from study.checking import Verdict
    from study.learning import pack_key
    from study.learning.cards import Rating
    from study.pack.loader import load_pack
    from study.paths import bundled_pack_dir
    from study.quiz.forms import Form
    from study.quiz.session import Attempt
    from study.store import Store

    pack = load_pack(bundled_pack_dir())
    key = pack_key(pack)
    store = Store(db)
    rng = random.Random(5)
    facts = pack.facts
    start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    per_session = 25

    moment = start
    for first in range(0, reviews, per_session):
        sid = store.start_session(key, first, None, per_session, "bench", learner=learner,
                                  now=moment)
        for position in range(min(per_session, reviews - first)):
            fact = rng.choice(facts)
            right = rng.random() < 0.7
            moment += timedelta(seconds=rng.randint(5, 40))
            verdict = Verdict.right() if right else Verdict.wrong("no")
            attempt = Attempt(fact.id, fact.topic, Form.SHORT, "x", verdict, 4.0)
            store.record(sid, position, attempt, rating=Rating.Good if right else Rating.Again,
                         now=moment)
        moment += timedelta(hours=rng.randint(4, 30))
    store.close()
    return pack, moment


def bench_pick(reviews: int = 10_000, rounds: int = 15) -> float:
    """Time to pick the next practice card with ``reviews`` reviews stored: cold (a new Store
    opened each round, as a new `study practice` does) and warm (an open Store), interleaved;
    returns the warm median in ms."""
    from study.learning import pack_key
    from study.learning.practice import pick, pick_from_store
    from study.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "study.db"
        built = time.perf_counter()
        pack, now = _fill_reviews(db, reviews, "ada")
        built = time.perf_counter() - built
        warm_store = Store(db)
        count = warm_store.review_count("ada")
        # The baseline: one indexed query for the learner's earliest due card, through plain
        # sqlite3, cold (a new connection each round) and warm.
        query = ("SELECT c.fact_id FROM cards c JOIN learners l ON l.id = c.learner_id "
                 "WHERE l.name = ? AND c.pack = ? ORDER BY c.due LIMIT 1")
        key = pack_key(pack)
        raw_warm = sqlite3.connect(db)
        cold, warm, ordering, raw_cold_t, raw_warm_t = [], [], [], [], []
        for _ in range(rounds):
            t = time.perf_counter()
            conn = sqlite3.connect(db)
            conn.execute(query, ("ada", key)).fetchone()
            conn.close()
            raw_cold_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            raw_warm.execute(query, ("ada", key)).fetchone()
            raw_warm_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            store = Store(db)
            first = pick_from_store(store, "ada", pack, now, 1)
            store.close()
            cold.append(time.perf_counter() - t)
            t = time.perf_counter()
            again = pick_from_store(warm_store, "ada", pack, now, 1)
            warm.append(time.perf_counter() - t)
            dues = warm_store.dues("ada", pack_key(pack))
            t = time.perf_counter()
            pick(pack, dues, now, 20)
            ordering.append(time.perf_counter() - t)
            assert first == again
        warm_store.close()
        raw_warm.close()

    def ms(values: list[float]) -> str:
        return f"median {1000 * statistics.median(values):.2f} ms, slowest {1000 * max(values):.2f} ms"

    print(f"pick: next practice card with {count:,} reviews stored ({reviews:,} asked, store "
          f"built in {built:.1f} s), {rounds} interleaved rounds: warm {ms(warm)}; cold "
          f"(opening the store too) {ms(cold)}; ordering alone (20 cards) {ms(ordering)}; "
          f"target < 20 ms")
    print(f"pick: baseline, one SQL query for the earliest due card through plain sqlite3: warm "
          f"{ms(raw_warm_t)}, cold {ms(raw_cold_t)}; study / baseline = "
          f"{statistics.median(warm) / statistics.median(raw_warm_t):.1f}x warm, "
          f"{statistics.median(cold) / statistics.median(raw_cold_t):.1f}x cold")
    return 1000 * statistics.median(warm)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m study.bench store", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["starts", "contention", "kills", "pick", "all"])
    parser.add_argument("--runs", type=int, default=10, help="starts: runs of 30 processes")
    parser.add_argument("--writes", type=int, default=1000, help="contention: writes each")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3,
                        help="contention: interleaved rounds of the store and its baseline")
    parser.add_argument("--reviews", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions (2 runs of starts, 200 writes each, 3 kills), for "
                        "`bench all`")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.writes, args.kills = min(args.runs, 2), min(args.writes, 200), min(args.kills, 3)
        args.rounds = 1
    header("store", args.what)
    if args.what in ("starts", "all"):
        bench_starts(args.runs)
    if args.what in ("contention", "all"):
        bench_contention(writes=args.writes, rounds=args.rounds)
    if args.what in ("kills", "all"):
        bench_kills(args.kills)
    if args.what in ("pick", "all"):
        bench_pick(args.reviews)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
