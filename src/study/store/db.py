"""The SQLite store: a versioned schema (PRAGMA user_version) with forward migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from study.errors import StoreError
from study.quiz.session import Attempt

# Each entry migrates the schema from version i to i + 1. Never edit one that has shipped.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        pack TEXT NOT NULL,
        seed INTEGER NOT NULL,
        topic TEXT,
        total INTEGER NOT NULL,
        mode TEXT NOT NULL
    );
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        fact_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        form TEXT NOT NULL,
        response TEXT NOT NULL,
        outcome TEXT NOT NULL,
        score REAL NOT NULL,
        reason TEXT NOT NULL,
        seconds REAL NOT NULL,
        hints INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        overridden INTEGER NOT NULL,
        answered_at TEXT NOT NULL,
        UNIQUE (session_id, position)
    );
    CREATE INDEX attempts_fact ON attempts(fact_id);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class OverrideRow:
    session_id: int
    fact_id: str
    response: str
    reason: str
    answered_at: str


class Store:
    """One connection to the progress database; use it from the thread that opened it."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(path))
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the progress database {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer study (schema {version}, "
                f"this one knows {SCHEMA_VERSION}); upgrade study"
            )
        for index in range(version, SCHEMA_VERSION):
            with self.conn:
                self.conn.executescript(MIGRATIONS[index])
                self.conn.execute(f"PRAGMA user_version = {index + 1}")

    def close(self) -> None:
        self.conn.close()

    def start_session(self, pack: str, seed: int, topic: str | None, total: int, mode: str) -> int:
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO sessions (started_at, pack, seed, topic, total, mode) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (_now(), pack, seed, topic, total, mode),
            )
        return int(cur.lastrowid or 0)

    def record(self, session_id: int, position: int, attempt: Attempt) -> None:
        """Write (or, after an override, rewrite) one attempt; committed at once."""
        with self.conn:
            self.conn.execute(
                "INSERT INTO attempts (session_id, position, fact_id, topic, form, response, "
                "outcome, score, reason, seconds, hints, skipped, overridden, answered_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id, position) DO UPDATE SET outcome = excluded.outcome, "
                "score = excluded.score, reason = excluded.reason, "
                "overridden = excluded.overridden",
                (
                    session_id, position, attempt.fact_id, attempt.topic, str(attempt.form),
                    attempt.response, str(attempt.verdict.outcome), attempt.score,
                    attempt.verdict.reason, attempt.seconds, attempt.hints,
                    int(attempt.skipped), int(attempt.overridden), _now(),
                ),
            )

    def finish_session(self, session_id: int) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE sessions SET finished_at = ? WHERE id = ?", (_now(), session_id)
            )

    def attempts(self, session_id: int) -> list[tuple[str, str, float, bool]]:
        """(fact id, outcome, score, overridden) of a session's attempts, in order."""
        rows = self.conn.execute(
            "SELECT fact_id, outcome, score, overridden FROM attempts WHERE session_id = ? "
            "ORDER BY position",
            (session_id,),
        )
        return [(r[0], r[1], float(r[2]), bool(r[3])) for r in rows]

    def overrides(self) -> Iterator[OverrideRow]:
        """Every attempt a learner overrode, newest first, for a teacher to review."""
        rows = self.conn.execute(
            "SELECT session_id, fact_id, response, reason, answered_at FROM attempts "
            "WHERE overridden = 1 ORDER BY answered_at DESC, id DESC"
        )
        for row in rows:
            yield OverrideRow(*row)
