"""`python -m study.bench score`: `study score` on a generated sheet against an exact-match
baseline: time (cold and warm) and peak memory, each run in a child process of its own."""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from study.bench.timing import header, orders

FORMATS = ("md", "csv", "json")
CONTENDERS = ("study", "exact")


def write_sheet(path: Path, rows: int, seed: int = 3) -> None:
    """A class's sheet from the bundled pack: each student answers distinct questions, with the
    usual mix of right answers, sloppy ones, typos, distractors, blanks and half answers."""
    from study.checking.forms import expand
    from study.pack.loader import load_pack
    from study.paths import bundled_pack_dir

    pack = load_pack(bundled_pack_dir())
    rng = random.Random(seed)
    per_student = min(len(pack.facts), 250)
    letters = "abcdefghijklmnopqrstuvwxyz"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "question", "response"])
        written = 0
        student = 0
        while written < rows:
            for fact in rng.sample(pack.facts, per_student):
                if written == rows:
                    break
                forms = [f for text in (*fact.items, *fact.accept) for f in expand(text)]
                right = ", ".join(expand(i)[0] for i in fact.items) if fact.kind == "list" else (
                    rng.choice(forms))
                roll = rng.random()
                if roll < 0.35:
                    response = right
                elif roll < 0.45:
                    response = "  " + right.lower() + " "
                elif roll < 0.55 and len(right) > 3:
                    at = rng.randrange(len(right))
                    response = right[:at] + rng.choice(letters) + right[at + 1:]
                elif roll < 0.75:
                    other = rng.choice(pack.facts)
                    response = rng.choice(fact.distractors or other.items)
                elif roll < 0.85:
                    response = rng.choice(["i don't know", "", "?", "no idea"])
                elif roll < 0.95:
                    response = right.split()[0]
                else:
                    response = f"I think it was {right}, maybe"
                writer.writerow([f"student {student:04d}", fact.id, response])
                written += 1
            student += 1


def _child(contender: str, fmt: str, sheet: Path) -> None:
    """One contender, one format: precompute, then a cold pass and a warm pass; print figures."""
    from study.checking import prepare
    from study.checking.forms import expand
    from study.checking.normalize import normalize
    from study.classroom.sheet import Judge, checker_judge, grade, open_sheet, write_report
    from study.pack.loader import load_pack
    from study.pack.models import Fact
    from study.paths import bundled_pack_dir

    pack = load_pack(bundled_pack_dir())
    judge: Judge
    if contender == "study":
        prepare(pack)  # the checker's pack index, built once per pack
        judge = checker_judge(pack)
    else:
        # The same precomputation for the baseline: every fact's accepted forms, normalised once.
        forms = {
            f.id: {normalize(x) for t in (*f.items, *f.accept) for x in expand(t)}
            | {normalize(", ".join(f.items))}
            for f in pack.facts
        }

        def judge(fact: Fact, response: str) -> tuple[str, float, str]:
            if normalize(response) in forms[fact.id]:
                return "correct", 1.0, "correct"
            return "incorrect", 0.0, f"the answer is {fact.answer_text}"

    times = []
    for _ in range(2):  # cold (every response met for the first time), then warm
        # CPU time of this process: on a shared machine, wall time measures the neighbours.
        start = time.process_time()
        with open(os.devnull, "w", encoding="utf-8") as out:
            sheet_in = open_sheet(sheet, pack.facts_by_id)
            totals = write_report(grade(pack, sheet_in, judge), fmt, out, str(sheet))
        times.append(time.process_time() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(json.dumps({"cold": times[0], "warm": times[1], "peak_mb": peak_kb / 1024,
                      "rows": totals.rows}))


def _run_child(contender: str, fmt: str, sheet: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-m", "study.bench.score", "--child", contender, "--format", fmt,
         str(sheet)],
        capture_output=True, text=True, check=True,
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def bench(rows: int, rounds: int, formats: Sequence[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / "sheet.csv"
        write_sheet(sheet, rows)
        size = sheet.stat().st_size
        runs: dict[tuple[str, str], list[dict[str, float]]] = {}
        for _, order in orders(list(CONTENDERS), rounds):
            for fmt in formats:
                # Interleaved, the order turned every round, so that a noisy neighbour on the
                # machine hurts both contenders alike.
                for contender in order:
                    runs.setdefault((contender, fmt), []).append(_run_child(contender, fmt, sheet))
    print(f"score: {rows:,} rows ({size / 1e6:.1f} MB sheet), {rounds} interleaved rounds, each "
          "run in a fresh process; CPU time of the pass over the sheet (pack loaded and "
          "indexed first, for both), peak RSS of the whole process")
    print("| format | contender | cold median (slowest) | warm median (slowest) | peak RSS max |")
    print("| --- | --- | --- | --- | --- |")
    for fmt in formats:
        for contender in CONTENDERS:
            got = runs[(contender, fmt)]
            cold = [g["cold"] for g in got]
            warm = [g["warm"] for g in got]
            print(f"| {fmt} | {contender} | {statistics.median(cold):.2f} s ({max(cold):.2f}) | "
                  f"{statistics.median(warm):.2f} s ({max(warm):.2f}) | "
                  f"{max(g['peak_mb'] for g in got):.0f} MB |")
    for fmt in formats:
        study, exact = runs[("study", fmt)], runs[("exact", fmt)]
        for phase in ("cold", "warm"):
            ratio = statistics.median(g[phase] for g in study) / statistics.median(
                g[phase] for g in exact)
            print(f"score {fmt} {phase}: study / exact-match baseline = {ratio:.2f}x "
                  "(target at most 3x)")
        print(f"score {fmt} peak RSS: study {max(g['peak_mb'] for g in study):.0f} MB, exact "
              f"{max(g['peak_mb'] for g in exact):.0f} MB (target at most 80 MB for {rows:,} rows)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m study.bench score", description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help="comma-separated, of md, csv, json (default: all three)")
    parser.add_argument("--child", choices=CONTENDERS, help=argparse.SUPPRESS)
    parser.add_argument("--format", choices=FORMATS, default="md", help=argparse.SUPPRESS)
    parser.add_argument("sheet", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.format, args.sheet)
        return 0
    header("score")
    bench(args.rows, args.rounds, [f for f in args.formats.split(",") if f])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
