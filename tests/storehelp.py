"""Helpers for the store tests: attempts to record, and real processes that hold the database."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from study.checking import Verdict
from study.quiz.forms import Form
from study.quiz.session import Attempt

REPO = Path(__file__).parent.parent


def attempt(fact_id: str = "cases", *, right: bool = True, response: str = "276",
            topic: str = "figures", seconds: float = 5.0, hints: int = 0, skipped: bool = False,
            overridden: bool = False, retried: bool = False) -> Attempt:
    verdict = Verdict.right() if right else Verdict.wrong("that is not it; the answer is 276")
    if overridden:
        verdict = Verdict.right("overridden by the learner (was: that is not it)")
    return Attempt(fact_id, topic, Form.SHORT, response, verdict, seconds, hints, skipped,
                   overridden, retried)


def python(code: str, *args: str) -> subprocess.Popen[str]:
    """A real Python process running ``code`` with ``args``, stdout and stderr piped."""
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=REPO)


HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline() if sys.argv[2] == "stdin" else time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


class LockHolder:
    """Another real process holding the write lock on a database until released."""

    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), "stdin"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        self.proc.wait(timeout=10)


def wait_for_lines(proc: subprocess.Popen[str], count: int, timeout: float = 60) -> list[str]:
    """The first ``count`` lines ``proc`` prints."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    lines: list[str] = []
    while len(lines) < count and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
    return lines
