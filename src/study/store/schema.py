"""The database schema: forward migrations, each applied with its version bump in one transaction.

Version 1 (shipped) holds sessions and attempts. Version 2 adds learners, FSRS cards, the review
log, accepted forms, and on sessions and attempts the columns below; every v1 session and attempt
is given to the system user's learner at migration time, and no row is dropped or rewritten.

    learners   id, name (unique), created_at
    sessions   + learner_id, kind (quiz|practice|review|drill), drill_id, plan (JSON), status
               (open|finished|abandoned), uid (a random key that survives a recovery replay)
    attempts   + learner_id, timed_out, points, override_status (pending|accepted|rejected),
               retried
    cards      (learner_id, pack, fact_id) -> card (fsrs Card.to_json), due, last_review, reps
    reviews    one row per reviewed attempt: rating, reviewed_at, the card before (JSON or NULL)
    accepted   (pack, fact_id, normalized) -> response: forms a teacher accepted
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

#: A migration runs inside an open transaction and must not commit.
Migration = Callable[[sqlite3.Connection], None]

# Shipped as version 1; never edit it. It is now run statement by statement inside a
# transaction (executescript commits each statement, which let two first starts collide).
V1 = """
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
    """

V2 = """
    CREATE TABLE learners (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    ALTER TABLE sessions ADD COLUMN learner_id INTEGER REFERENCES learners(id);
    ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'quiz';
    ALTER TABLE sessions ADD COLUMN drill_id TEXT;
    ALTER TABLE sessions ADD COLUMN plan TEXT;
    ALTER TABLE sessions ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
    ALTER TABLE sessions ADD COLUMN uid TEXT;
    UPDATE sessions SET status = 'finished' WHERE finished_at IS NOT NULL;
    UPDATE sessions SET uid = 'v1-' || id;
    CREATE UNIQUE INDEX sessions_uid ON sessions(uid);
    CREATE INDEX sessions_learner ON sessions(learner_id, pack, status);
    ALTER TABLE attempts ADD COLUMN learner_id INTEGER REFERENCES learners(id);
    ALTER TABLE attempts ADD COLUMN timed_out INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE attempts ADD COLUMN points REAL;
    ALTER TABLE attempts ADD COLUMN override_status TEXT;
    ALTER TABLE attempts ADD COLUMN retried INTEGER NOT NULL DEFAULT 0;
    UPDATE attempts SET override_status = 'pending' WHERE overridden = 1;
    CREATE INDEX attempts_learner ON attempts(learner_id, answered_at);
    CREATE TABLE cards (
        learner_id INTEGER NOT NULL REFERENCES learners(id),
        pack TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        card TEXT NOT NULL,
        due TEXT NOT NULL,
        last_review TEXT,
        reps INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (learner_id, pack, fact_id)
    );
    CREATE INDEX cards_due ON cards(learner_id, pack, due);
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id),
        pack TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        attempt_id INTEGER NOT NULL UNIQUE REFERENCES attempts(id) ON DELETE CASCADE,
        rating INTEGER NOT NULL,
        reviewed_at TEXT NOT NULL,
        card_before TEXT
    );
    CREATE INDEX reviews_card ON reviews(learner_id, pack, fact_id, id);
    CREATE TABLE accepted (
        pack TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        normalized TEXT NOT NULL,
        response TEXT NOT NULL,
        attempt_id INTEGER,
        accepted_at TEXT NOT NULL,
        PRIMARY KEY (pack, fact_id, normalized)
    );
    """


def statements(script: str) -> list[str]:
    """Split a script into whole statements (``sqlite3.complete_statement`` decides)."""
    out: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:60]}")
    return out


def system_user() -> str:
    """The learner that version-1 rows and unnamed sessions belong to: the system user."""
    from study.learning import default_learner

    return default_learner()


def _run_script(script: str) -> Migration:
    def migrate(conn: sqlite3.Connection) -> None:
        for statement in statements(script):
            conn.execute(statement)

    return migrate


def _v1(conn: sqlite3.Connection) -> None:
    """Version 1, healing what the old first start left when killed between its statements
    (it ran them with executescript, which commits each one): a table or index already there
    with exactly this statement's text is kept, anything else is created."""
    for statement in statements(V1):
        name = re.match(r"CREATE\s+(?:TABLE|INDEX)\s+(\w+)", statement)
        if name:
            row = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                               (name.group(1),)).fetchone()
            if row and _words(row[0]) == _words(statement.rstrip(";")):
                continue
        conn.execute(statement)


def _words(sql: str) -> str:
    return " ".join(sql.replace("(", " ( ").replace(")", " ) ").replace(",", " , ").split())


def _v2(conn: sqlite3.Connection) -> None:
    _run_script(V2)(conn)
    if conn.execute("SELECT 1 FROM sessions LIMIT 1").fetchone():
        now = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute("INSERT INTO learners (name, created_at) VALUES (?, ?)", (system_user(), now))
        conn.execute("UPDATE sessions SET learner_id = (SELECT max(id) FROM learners)")
        conn.execute(
            "UPDATE attempts SET learner_id = "
            "(SELECT learner_id FROM sessions WHERE sessions.id = attempts.session_id)"
        )


#: Entry i migrates the schema from version i to i + 1. Never edit one that has shipped.
MIGRATIONS: list[Migration] = [_v1, _v2]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, newer: Callable[[int], Exception]) -> None:
    """Bring the schema up to date: each migration and its ``user_version`` in one transaction
    (``BEGIN IMMEDIATE``), the version read again once the write lock is held, so two first
    starts never both migrate and a kill or a full disk mid-way leaves the old version whole.
    ``conn`` is in autocommit mode (``isolation_level=None``)."""
    version = _version(conn)
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = _version(conn)  # another process may have migrated while we waited
            if version < SCHEMA_VERSION:
                MIGRATIONS[version](conn)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    if version > SCHEMA_VERSION:
        raise newer(version)


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])
