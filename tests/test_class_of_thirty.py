"""Thirty students at once: thirty `study drill --plain` processes, answers piped, one store;
every answer is stored exactly once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

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
    with sqlite3.connect(data / "study.db") as db:
        sessions = db.execute("SELECT id, total FROM sessions ORDER BY id").fetchall()
        per_session = dict(db.execute("SELECT session_id, count(*) FROM attempts "
                                      "GROUP BY session_id").fetchall())
        positions = db.execute("SELECT count(DISTINCT session_id || ':' || position), count(*) "
                               "FROM attempts").fetchone()
        right = dict(db.execute("SELECT session_id, sum(outcome = 'correct') FROM attempts "
                                "GROUP BY session_id").fetchall())
        finished = db.execute("SELECT count(*) FROM sessions WHERE finished_at IS NOT NULL"
                              ).fetchone()[0]
    assert len(sessions) == STUDENTS and {total for _, total in sessions} == {10}
    assert set(per_session.values()) == {10}  # ten answers each, none lost, none twice
    assert positions == (STUDENTS * 10, STUDENTS * 10)
    assert finished == STUDENTS
    assert sorted(right.values()) == sorted(n % 11 for n in range(STUDENTS))
