"""Thirty students at once: thirty `study drill --plain` processes, answers piped, one store;
every answer is stored exactly once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import REPO
from study.classroom.drill import find_drill
from study.pack.cache import load_pack_cached
from study.store import Store

#: The warm-up's right answers, in order; student n gets the first n % 11 right.
RIGHT = ["D", "2005", "D", "B", "C", "true", "A", "Fast and Furious", "A", "D"]
WRONG = ["A", "2008", "A", "A", "A", "false", "B", "Gunrunner", "B", "A"]
STUDENTS = 30


def answers(n: int) -> str:
    right = n % 11
    return "".join(f"{a}\n" for a in RIGHT[:right] + WRONG[right:])


def test_thirty_students_take_the_warm_up_at_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # The database exists before the class starts (`study serve` creates it the same way).
    Store(data / "study.db").close()
    env = {**os.environ, "STUDY_DATA_DIR": str(data)}
    # The pack and its drill were read before the class (as `study serve` reads them, or the
    # teacher's own first run): the thirty start from the parsed-pack cache. Several cold
    # starts at once are test_pack_cache's.
    find_drill(load_pack_cached(REPO), "warm-up")
    procs = [subprocess.Popen(
        [sys.executable, "-m", "study", "drill", "warm-up", "--plain", "--learner",
         f"student{n:02d}"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env=env) for n in range(STUDENTS)]
    outputs = []
    for n, proc in enumerate(procs):
        out, err = proc.communicate(answers(n), timeout=300)
        assert proc.returncode == 0, err
        outputs.append(out)
    for n, out in enumerate(outputs):
        assert f"Score {n % 11} of 10" in out, out[-400:]
        assert "so far." in out  # the place on the leaderboard, read from the shared store
    with sqlite3.connect(data / "study.db") as db:
        per_learner = db.execute(
            "SELECT l.name, count(DISTINCT s.id), count(a.id), count(DISTINCT a.position), "
            "sum(a.outcome = 'correct'), sum(a.points), min(s.status), max(s.drill_id) "
            "FROM learners l JOIN sessions s ON s.learner_id = l.id "
            "LEFT JOIN attempts a ON a.session_id = s.id GROUP BY l.name ORDER BY l.name"
        ).fetchall()
        total = db.execute("SELECT count(*) FROM attempts").fetchone()[0]
    assert [row[0] for row in per_learner] == [f"student{n:02d}" for n in range(STUDENTS)]
    for n, (name, sessions, attempts, positions, right, points, status, drill) in \
            enumerate(per_learner):
        # One finished drill session each, ten answers in ten positions: none lost, none twice.
        assert (sessions, attempts, positions, status, drill) == (1, 10, 10, "finished",
                                                                  "warm-up"), name
        assert right == n % 11 and (points > 0) == (n % 11 > 0)
    assert total == STUDENTS * 10
