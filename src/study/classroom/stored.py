"""The classroom's reads of the progress database (schema version 2): a drill's runs for its
leaderboard and board, and attempt rows for the teacher's report. Read-only queries on a
connection the caller owns (one per thread)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from study.classroom.board import DrillAnswer, DrillSession, results_of
from study.classroom.leaderboard import Result
from study.classroom.report import AttemptRow
from study.errors import StoreError, UsageError
from study.store import Store


def drill_runs(conn: sqlite3.Connection, drill_id: str) -> tuple[list[DrillSession],
                                                                 list[DrillAnswer]]:
    """Every stored run of the drill ``drill_id``, and their answers."""
    sessions = [DrillSession(int(r[0]), str(r[1] or ""), r[2] is not None) for r in conn.execute(
        "SELECT s.id, l.name, s.finished_at FROM sessions s LEFT JOIN learners l "
        "ON l.id = s.learner_id WHERE s.kind = 'drill' AND s.drill_id = ? ORDER BY s.id",
        (drill_id,))]
    answers = [DrillAnswer(int(r[0]), int(r[1]), str(r[2]), r[3] == "correct" and not r[4]
                           and not r[5], float(r[6] or 0.0)) for r in conn.execute(
        "SELECT a.session_id, a.position, a.fact_id, a.outcome, a.skipped, a.timed_out, "
        "a.points FROM attempts a JOIN sessions s ON s.id = a.session_id "
        "WHERE s.kind = 'drill' AND s.drill_id = ? ORDER BY a.session_id, a.position",
        (drill_id,))]
    return sessions, answers


class StoredResults:
    """A drill's results so far, read from the store (the `Results` the leaderboard needs)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def results(self, drill_id: str) -> list[Result]:
        if self.store.conn is None:
            return []
        try:
            return results_of(*drill_runs(self.store.conn, drill_id))
        except sqlite3.Error:  # the leaderboard is a courtesy: never lose the drill over it
            return []


def since_moment(text: str) -> str:
    """``--since``: a date (midnight, local time) or a date and time, as the store's UTC
    ISO 8601 text; a `UsageError` when it is neither."""
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            moment = datetime(day.year, day.month, day.day).astimezone()
        else:
            moment = datetime.fromisoformat(text.strip())
            moment = moment.astimezone() if moment.tzinfo is None else moment
    except ValueError:
        raise UsageError(f"--since must be a date like 2026-11-30 (or a date and time like "
                         f"2026-11-30T09:00), not {text!r}") from None
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def attempt_rows(conn: sqlite3.Connection, *, drill_id: str | None = None,
                 since: str | None = None) -> list[AttemptRow]:
    """The stored attempts (of the drill ``drill_id``, answered at or after ``since``), oldest
    first, as the report's rows."""
    where, params = [], []
    if drill_id is not None:
        where.append("s.kind = 'drill' AND s.drill_id = ?")
        params.append(drill_id)
    if since is not None:
        where.append("a.answered_at >= ?")
        params.append(since)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = conn.execute(
        "SELECT COALESCE(l.name, ''), a.fact_id, a.outcome, CAST(a.score AS REAL), a.response, "
        "a.answered_at, a.topic, a.skipped = 1, a.timed_out = 1 FROM attempts a "
        "JOIN sessions s ON s.id = a.session_id "
        "LEFT JOIN learners l ON l.id = COALESCE(a.learner_id, s.learner_id)"
        f"{clause} ORDER BY a.answered_at, a.id", params)
    # The columns are the row's fields in order and of their types (the flags are 0 or 1).
    return list(map(AttemptRow._make, rows))


def open_for_reading(path: Path) -> Store:
    """The progress database at ``path``, read-only (the board and the report never write);
    a `StoreError` that says so when there is none yet."""
    if not path.exists():
        raise StoreError(f"there is no progress database at {path} yet: nobody has answered "
                         "anything there (STUDY_DATA_DIR chooses the folder)")
    return Store(path, readonly=True)
