"""The SQLite store: learners, sessions with their plan, attempts, FSRS cards, reviews, overrides.

Open it with ``Store(path)``; it migrates the schema (see `study.store.schema`), replays any
recovery file a killed or blocked study left next to the database, and uses WAL. Every call
turns sqlite3 and OS errors into a `StoreError` naming the file and what to do. A busy database
is waited on (``busy_timeout`` plus a retry loop with backoff) for at most ``lock_timeout``
seconds (default 30, or ``STUDY_DB_TIMEOUT``).

Writes of answers never fail: `record` and `finish_session` queue the write, and when the
database refuses it (locked too long, read-only, full, damaged) the store keeps it in memory,
rewrites its recovery file (JSON lines, next to the database), and says so in `problem`; every
later write tries the queue again first. `degraded` tells an interface to show `problem`.

The API (names are learner names; ``pack`` is a pack key, see `study.learning.pack_key`)::

    learner(name) -> int                         get or create a learner
    start_session(pack, seed, topic, total, mode, *, learner=None, kind="quiz",
                  plan=(), drill_id=None, now=None) -> session id
    record(session_id, position, attempt, *, rating=None, now=None,
           timed_out=False, points=None)           the attempt and, with a rating, its card's
                                                   review, in one transaction; idempotent on
                                                   (session, position); a new rating for the
                                                   same attempt (an override) re-rates the card
    finish_session(session_id, now=None);  abandon_session(session_id)
    session(session_id) -> SessionRow | None
    resumable(learner, pack) -> Resumable | None   the newest unfinished session with a plan
    session_attempts(session_id) -> list[AttemptRow]
    attempts(session_id) -> [(fact id, outcome, score, overridden)]   (version 1's reader)
    history(learner=None, pack=None) -> list[AttemptRow]              oldest first
    cards(learner, pack) -> dict[fact id, CardRow]
    dues(learner, pack) -> dict[fact id, due datetime]                what `pick` needs
    recent_right_seconds(learner, limit=50) -> list[float]            for `rating_for`
    rerate(attempt_id, rating, now=None)           replay the card from before that review
    overrides(learner=None, status=None) -> list[OverrideRow]         newest first
    override(attempt_id) -> OverrideRow | None
    accept(attempt_id, now=None) -> OverrideRow    the response becomes an accepted form
    reject(attempt_id, now=None) -> OverrideRow    scored wrong again, the card re-rated Again
    accepted(pack) -> dict[fact id, list[response]]
    degraded, problem, pending_writes, recovery_file;  close()
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from study.errors import StoreError
from study.store import recovery
from study.store.faults import Fault, StoreFault, default_lock_timeout, store_error, with_retry
from study.store.rows import (
    SESSION_KINDS,
    AttemptRow,
    CardRow,
    OverrideRow,
    PlanItem,
    Resumable,
    SessionRow,
)
from study.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, system_user

if TYPE_CHECKING:
    from fsrs import Card, Rating

    from study.quiz.session import Attempt

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "OverrideRow", "Store", "clean_text"]

T = TypeVar("T")
Op = dict[str, Any]

#: While degraded, each later write waits at most this long before keeping its answer again.
RETRY_WAIT = 1.0
#: The faults that make the database unavailable (anything else is a bug and is raised).
_UNAVAILABLE = (Fault.LOCKED, Fault.READONLY, Fault.FULL, Fault.CORRUPT, Fault.SCHEMA, Fault.IO)

_ATTEMPT_COLUMNS = (
    "a.id, a.session_id, a.position, l.name, s.pack, s.kind, a.fact_id, a.topic, a.form, "
    "a.response, a.outcome, a.score, a.reason, a.seconds, a.hints, a.skipped, a.overridden, "
    "a.override_status, a.retried, a.timed_out, a.points, a.answered_at"
)
_ATTEMPT_FROM = (
    "FROM attempts a JOIN sessions s ON s.id = a.session_id "
    "LEFT JOIN learners l ON l.id = COALESCE(a.learner_id, s.learner_id)"
)
_SESSION_COLUMNS = (
    "s.id, s.uid, l.name, s.pack, s.kind, s.seed, s.topic, s.total, s.mode, s.started_at, "
    "s.finished_at, s.status, s.drill_id, s.plan"
)


def clean_text(text: str) -> str:
    """``text`` as SQLite and JSON can always hold it: lone surrogates (from undecodable
    input) and NUL become U+FFFD, so a learner's answer is never refused for its bytes."""
    text = text.replace("\x00", "\ufffd")
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape" if _escaped_only(text) else "surrogatepass")
        return raw.decode("utf-8", "replace")


def _escaped_only(text: str) -> bool:
    # surrogateescape maps undecodable bytes to U+DC80..U+DCFF; anything else is a lone surrogate.
    return all(not 0xD800 <= ord(ch) <= 0xDFFF or 0xDC80 <= ord(ch) <= 0xDCFF for ch in text)


def _iso(moment: datetime, timespec: str = "microseconds") -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec=timespec)


def _now() -> datetime:
    return datetime.now(UTC)


class Store:
    """One connection to the progress database; use it from the thread that opened it."""

    def __init__(self, path: Path | str, *, lock_timeout: float | None = None,
                 readonly: bool = False) -> None:
        self.path = Path(path)
        self.lock_timeout = default_lock_timeout() if lock_timeout is None else lock_timeout
        self.readonly = readonly
        self._memory = str(path) == ":memory:"
        self._pending: list[Op] = []
        self._problem: str | None = None
        self._sessions: dict[int, Op] = {}
        self._recovery = recovery.new_file(self.path)
        self._spilled = False
        self.conn: sqlite3.Connection | None = None
        try:
            if not self._memory and not readonly:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = self._connect()
            if readonly:
                self._check_readonly_version()
            else:
                with_retry(lambda: migrate(self._db, self._newer), self.lock_timeout)
        except StoreError:
            self._close_quietly()
            raise
        except (sqlite3.Error, OSError) as exc:
            self._close_quietly()
            raise store_error(exc, self.path, "open", self.lock_timeout) from exc
        if not readonly and not self._memory:
            self._replay_orphans()

    @classmethod
    def for_reading(cls, path: Path | str, *, lock_timeout: float | None = None) -> Store:
        """A store for commands that only read: a read-only file is opened read-only."""
        try:
            return cls(path, lock_timeout=lock_timeout)
        except StoreFault as error:
            if error.fault is not Fault.READONLY or not Path(path).exists():
                raise
            return cls(path, lock_timeout=lock_timeout, readonly=True)

    # -- connection, errors and transactions ----------------------------------------------------

    @property
    def _db(self) -> sqlite3.Connection:
        if self.conn is None:
            raise StoreError(f"the progress database {self.path} is closed")
        return self.conn

    def _connect(self) -> sqlite3.Connection:
        target = str(self.path)
        if self.readonly:
            target = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        # timeout sets SQLite's busy_timeout: a locked database is waited on, not refused.
        conn = sqlite3.connect(target, timeout=self.lock_timeout, isolation_level=None,
                               uri=self.readonly)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            if not self.readonly:
                with_retry(lambda: conn.execute("PRAGMA journal_mode = WAL"), self.lock_timeout)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads page 1
        except BaseException:
            conn.close()
            raise
        return conn

    def _newer(self, version: int) -> StoreError:
        return StoreError(
            f"{self.path} was written by a newer study (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade study"
        )

    def _check_readonly_version(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise self._newer(version)
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema {version} and cannot be upgraded to {SCHEMA_VERSION} "
                "while it is read-only; make it writable and run study once"
            )

    def _read(self, doing: str, body: Callable[[sqlite3.Connection], T]) -> T:
        try:
            return with_retry(lambda: body(self._db), self.lock_timeout)
        except (sqlite3.Error, OSError) as exc:
            raise store_error(exc, self.path, doing, self.lock_timeout) from exc

    def _write(self, doing: str, body: Callable[[sqlite3.Connection], T],
               timeout: float | None = None) -> T:
        """Run ``body`` in one ``BEGIN IMMEDIATE`` transaction, retried while busy."""
        wait = self.lock_timeout if timeout is None else timeout
        conn = self._db

        def once() -> T:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = body(conn)
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
            return result

        if self.readonly:
            raise StoreFault(f"cannot {doing} the progress database {self.path}: it was opened "
                             "read-only", Fault.READONLY)
        try:
            if wait == self.lock_timeout:
                return with_retry(once, wait)
            conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
            try:
                return with_retry(once, wait)
            finally:
                conn.execute(f"PRAGMA busy_timeout = {int(self.lock_timeout * 1000)}")
        except (sqlite3.Error, OSError) as exc:
            raise store_error(exc, self.path, doing, wait) from exc

    def close(self) -> None:
        """Try the unsaved writes once more, then close; what is still unsaved stays in the
        recovery file for the next start."""
        if self.conn is None:
            return
        if self._pending:
            self._flush()
        self._close_quietly()
        recovery.release(self._recovery)  # what is left in it is replayed by the next store

    def _close_quietly(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass
            self.conn = None

    # -- degraded mode: the writes that could not be made -----------------------------------------

    @property
    def degraded(self) -> bool:
        """True while some answer is kept outside the database (see `problem`)."""
        return bool(self._pending)

    @property
    def pending_writes(self) -> int:
        return len(self._pending)

    @property
    def recovery_file(self) -> Path | None:
        """The file holding the unsaved writes, when it could be written."""
        return self._recovery if self._pending and self._spilled else None

    @property
    def problem(self) -> str | None:
        """What to tell the learner while degraded: where their answers are and why."""
        return self._problem if self._pending else None

    def _enqueue(self, op: Op) -> bool:
        self._pending.append(op)
        return self._flush()

    def _flush(self) -> bool:
        """Write the queued ops in order, each in its own transaction; True when all are in."""
        wait = self.lock_timeout if self._problem is None else min(RETRY_WAIT, self.lock_timeout)
        while self._pending:
            op = self._pending[0]
            try:
                self._write("save an answer to", partial(self._apply, op=op), wait)
            except StoreFault as error:
                if error.fault not in _UNAVAILABLE:
                    raise
                self._degrade(error)
                return False
            self._pending.pop(0)
        if self._problem is not None:
            self._problem = None
            self._spilled = False
            try:
                self._recovery.unlink(missing_ok=True)
            except OSError:
                pass  # replayed idempotently by the next start
        return True

    def _degrade(self, error: StoreError) -> None:
        try:
            recovery.write(self._recovery, self._pending)
            self._spilled = True
        except OSError as exc:
            self._spilled = False
            self._problem = (
                f"your answer is kept in memory only ({self._recovery} could not be written "
                f"either: {exc.strerror or exc}); it will be saved when the database is "
                f"writable again, so keep study open until then. {error}"
            )
            return
        self._problem = (f"your answer is kept in {self._recovery}; it will be saved when the "
                         f"database is writable again. {error}")

    def _replay_orphans(self) -> None:
        """Replay the recovery files of stores that are gone, then delete them."""
        for path in recovery.orphans(self.path):
            try:
                ops = recovery.read(path)
            except OSError:
                continue
            try:
                self._write("replay the recovery file into", partial(self._apply_all, ops=ops))
            except (KeyError, TypeError, ValueError):
                # Not a file study wrote (edited by hand?): keep it aside, named for a person.
                try:
                    path.rename(path.with_suffix(".unreadable"))
                except OSError:
                    pass
                continue
            except StoreFault as error:
                if error.fault not in _UNAVAILABLE:
                    raise
                self._pending.extend(ops)  # adopt them: they are retried with this store's writes
                self._degrade(error)
                if not self._spilled:
                    continue  # keep the old file: it is the only copy on disk
            try:
                path.unlink()
            except OSError:
                pass

    # -- learners and sessions -------------------------------------------------------------------

    def learner(self, name: str | None = None) -> int:
        """The id of the learner ``name`` (default: the system user), created on first use."""
        clean = _learner_name(name)
        row = self._read("read", lambda c: c.execute(
            "SELECT id FROM learners WHERE name = ?", (clean,)).fetchone())
        if row:
            return int(row[0])
        return self._write("add a learner to", lambda c: _learner_id(c, clean))

    def learners(self) -> list[str]:
        rows = self._read("read", lambda c: c.execute(
            "SELECT name FROM learners ORDER BY name").fetchall())
        return [str(r[0]) for r in rows]

    def start_session(
        self, pack: str, seed: int, topic: str | None, total: int, mode: str, *,
        learner: str | None = None, kind: str = "quiz", plan: Sequence[PlanItem] = (),
        drill_id: str | None = None, now: datetime | None = None,
    ) -> int:
        """Start a session of ``learner`` with its plan (the questions, in order, as asked)."""
        if kind not in SESSION_KINDS:
            raise ValueError(f"unknown session kind {kind!r}")
        info: Op = {
            "uid": secrets.token_hex(8), "learner": _learner_name(learner), "pack": clean_text(pack),
            "seed": seed, "topic": clean_text(topic) if topic else None, "total": total,
            "mode": mode, "kind": kind, "drill_id": drill_id,
            "started_at": _iso(now or _now(), "seconds"),
        }
        plan_json = json.dumps([_clean_plan(item) for item in plan]) if plan else None
        session_id = self._write(
            "start a session in", lambda c: _insert_session(c, info, plan_json))
        self._sessions[session_id] = info
        return session_id

    def finish_session(self, session_id: int, now: datetime | None = None) -> None:
        """Mark the session finished (queued like an answer: it is never lost)."""
        self._enqueue({"op": "finish", "session": self._info(session_id),
                              "at": _iso(now or _now(), "seconds"), "status": "finished"})

    def abandon_session(self, session_id: int, now: datetime | None = None) -> None:
        """The learner chose a new session over resuming this one: never offer it again."""
        self._enqueue({"op": "finish", "session": self._info(session_id),
                              "at": _iso(now or _now(), "seconds"), "status": "abandoned"})

    def session(self, session_id: int) -> SessionRow | None:
        row = self._read("read", lambda c: c.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions s LEFT JOIN learners l "
            "ON l.id = s.learner_id WHERE s.id = ?", (session_id,)).fetchone())
        return _session_row(row) if row else None

    def resumable(self, learner: str | None, pack: str) -> Resumable | None:
        """The learner's newest open session on ``pack`` that has a plan and unanswered
        questions, with its attempts so far (by position), or None. A drill is never resumed:
        its clock cannot be stopped and started again."""
        name = _learner_name(learner)

        def query(c: sqlite3.Connection) -> list[Any]:
            return c.execute(
                f"SELECT {_SESSION_COLUMNS} FROM sessions s JOIN learners l "
                "ON l.id = s.learner_id WHERE l.name = ? AND s.pack = ? AND s.status = 'open' "
                "AND s.plan IS NOT NULL AND s.kind != 'drill' ORDER BY s.id DESC LIMIT 20",
                (name, pack)).fetchall()

        for row in self._read("read", query):
            session = _session_row(row)
            attempts = self.session_attempts(session.id)
            if len(attempts) < len(session.plan):
                self._sessions[session.id] = _info_of(session)
                return Resumable(session, tuple(attempts))
        return None

    def _info(self, session_id: int) -> Op:
        info = self._sessions.get(session_id)
        if info is None:
            try:
                session = self.session(session_id)
            except StoreError:
                session = None
            info = _info_of(session) if session else {"id": session_id}
            if session:
                self._sessions[session_id] = info
        return info

    # -- attempts, cards and reviews ---------------------------------------------------------------

    def record(
        self, session_id: int, position: int, attempt: Attempt, *, rating: Rating | int | None = None,
        now: datetime | None = None, timed_out: bool = False, points: float | None = None,
    ) -> None:
        """Write (or, after an override, rewrite) one attempt and, given a ``rating``, review its
        card, in one transaction. When the database refuses it (locked too long, read-only,
        full, damaged) the attempt is kept, in memory and in the recovery file, and written
        with the next write that gets through: `degraded` and `problem` say so."""
        op: Op = {
            "op": "record", "session": self._info(session_id), "position": position,
            "attempt": {
                "fact_id": clean_text(attempt.fact_id), "topic": clean_text(attempt.topic),
                "form": str(attempt.form), "response": clean_text(attempt.response),
                "outcome": str(attempt.verdict.outcome), "score": attempt.score,
                "reason": clean_text(attempt.verdict.reason), "seconds": attempt.seconds,
                "hints": attempt.hints, "skipped": attempt.skipped,
                "overridden": attempt.overridden, "retried": attempt.retried,
            },
            "timed_out": timed_out, "points": points,
            "rating": None if rating is None else int(rating),
            "at": _iso(now or _now()),
        }
        self._enqueue(op)

    def _apply_all(self, conn: sqlite3.Connection, ops: list[Op]) -> None:
        for op in ops:
            self._apply(conn, op)

    def _apply(self, conn: sqlite3.Connection, op: Op) -> None:
        session_id, learner_id, pack = _session_of(conn, op["session"])
        if op["op"] == "finish":
            conn.execute(
                "UPDATE sessions SET finished_at = COALESCE(finished_at, ?), status = ? "
                "WHERE id = ? AND status = 'open'", (op["at"], op["status"], session_id))
            return
        a = op["attempt"]
        at = datetime.fromisoformat(op["at"])
        conn.execute(
            "INSERT INTO attempts (session_id, position, learner_id, fact_id, topic, form, "
            "response, outcome, score, reason, seconds, hints, skipped, overridden, "
            "override_status, retried, timed_out, points, answered_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (session_id, position) DO UPDATE SET outcome = excluded.outcome, "
            "score = excluded.score, reason = excluded.reason, overridden = excluded.overridden, "
            "override_status = CASE WHEN excluded.overridden = 0 THEN NULL "
            "ELSE COALESCE(attempts.override_status, 'pending') END, "
            "timed_out = excluded.timed_out, points = excluded.points",
            (session_id, op["position"], learner_id, a["fact_id"], a["topic"], a["form"],
             a["response"], a["outcome"], a["score"], a["reason"], a["seconds"], a["hints"],
             int(a["skipped"]), int(a["overridden"]), "pending" if a["overridden"] else None,
             int(a["retried"]), int(op["timed_out"]), op["points"], _iso(at, "seconds")),
        )
        if op["rating"] is None:
            return
        attempt_id = int(conn.execute(
            "SELECT id FROM attempts WHERE session_id = ? AND position = ?",
            (session_id, op["position"])).fetchone()[0])
        _review(conn, attempt_id, learner_id, pack, a["fact_id"], int(op["rating"]), at)

    def rerate(self, attempt_id: int, rating: Rating | int, now: datetime | None = None) -> None:
        """Give the review of ``attempt_id`` a new rating: the card is replayed from the card
        before that review, through every later review of the same fact."""
        def body(c: sqlite3.Connection) -> None:
            row = c.execute(
                "SELECT a.learner_id, s.pack, a.fact_id, a.answered_at FROM attempts a "
                "JOIN sessions s ON s.id = a.session_id WHERE a.id = ?", (attempt_id,)).fetchone()
            if row is None:
                raise StoreError(f"no attempt has the id {attempt_id}")
            at = now or datetime.fromisoformat(row[3])
            _review(c, attempt_id, int(row[0]), str(row[1]), str(row[2]), int(rating), at)

        self._write("re-rate a card in", body)

    def session_attempts(self, session_id: int) -> list[AttemptRow]:
        rows = self._read("read", lambda c: c.execute(
            f"SELECT {_ATTEMPT_COLUMNS} {_ATTEMPT_FROM} WHERE a.session_id = ? "
            "ORDER BY a.position", (session_id,)).fetchall())
        return [_attempt_row(r) for r in rows]

    def attempts(self, session_id: int) -> list[tuple[str, str, float, bool]]:
        """(fact id, outcome, score, overridden) of a session's attempts, in order."""
        return [(r.fact_id, r.outcome, r.score, r.overridden)
                for r in self.session_attempts(session_id)]

    def history(self, learner: str | None = None, pack: str | None = None) -> list[AttemptRow]:
        """Every attempt (of ``learner`` and ``pack`` when given), oldest first."""
        where, params = [], []
        if learner is not None:
            where.append("l.name = ?")
            params.append(_learner_name(learner))
        if pack is not None:
            where.append("s.pack = ?")
            params.append(pack)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._read("read", lambda c: c.execute(
            f"SELECT {_ATTEMPT_COLUMNS} {_ATTEMPT_FROM}{clause} ORDER BY a.answered_at, a.id",
            params).fetchall())
        return [_attempt_row(r) for r in rows]

    def cards(self, learner: str | None, pack: str) -> dict[str, CardRow]:
        """The learner's FSRS cards on ``pack``, by fact id."""
        from study.learning.cards import card_from_json

        rows = self._read("read", lambda c: c.execute(
            "SELECT c.fact_id, c.card, c.due, c.last_review, c.reps FROM cards c "
            "JOIN learners l ON l.id = c.learner_id WHERE l.name = ? AND c.pack = ?",
            (_learner_name(learner), pack)).fetchall())
        return {
            str(r[0]): CardRow(str(r[0]), card_from_json(r[1]), datetime.fromisoformat(r[2]),
                               datetime.fromisoformat(r[3]) if r[3] else None, int(r[4]))
            for r in rows
        }

    def dues(self, learner: str | None, pack: str) -> dict[str, datetime]:
        """When each of the learner's cards on ``pack`` is due, by fact id (what `pick` needs,
        without decoding the cards)."""
        rows = self._read("read", lambda c: c.execute(
            "SELECT c.fact_id, c.due FROM cards c JOIN learners l ON l.id = c.learner_id "
            "WHERE l.name = ? AND c.pack = ?", (_learner_name(learner), pack)).fetchall())
        return {str(r[0]): datetime.fromisoformat(r[1]) for r in rows}

    def recent_right_seconds(self, learner: str | None, limit: int = 50) -> list[float]:
        """The seconds of the learner's latest right answers (no hint, no retry, not
        overridden), newest first: their usual pace, for `study.learning.rating_for`."""
        rows = self._read("read", lambda c: c.execute(
            "SELECT a.seconds FROM attempts a JOIN learners l ON l.id = a.learner_id "
            "WHERE l.name = ? AND a.outcome = 'correct' AND a.skipped = 0 AND a.hints = 0 "
            "AND a.retried = 0 AND a.overridden = 0 ORDER BY a.id DESC LIMIT ?",
            (_learner_name(learner), limit)).fetchall())
        return [float(r[0]) for r in rows]

    def review_count(self, learner: str | None = None) -> int:
        sql, params = "SELECT count(*) FROM reviews", []
        if learner is not None:
            sql += " WHERE learner_id = (SELECT id FROM learners WHERE name = ?)"
            params.append(_learner_name(learner))
        return int(self._read("read", lambda c: c.execute(sql, params).fetchone()[0]))

    # -- overrides and accepted forms ----------------------------------------------------------------

    def overrides(self, learner: str | None = None, status: str | None = None) -> list[OverrideRow]:
        """Every attempt a learner overrode, newest first (of ``learner``, with ``status``)."""
        where, params = ["a.overridden = 1"], []
        if learner is not None:
            where.append("l.name = ?")
            params.append(_learner_name(learner))
        if status is not None:
            where.append("a.override_status = ?")
            params.append(status)
        rows = self._read("read", lambda c: c.execute(
            "SELECT a.session_id, a.fact_id, a.response, a.reason, a.answered_at, a.id, "
            f"COALESCE(l.name, ''), s.pack, a.form, COALESCE(a.override_status, 'pending') "
            f"{_ATTEMPT_FROM} WHERE {' AND '.join(where)} ORDER BY a.answered_at DESC, a.id DESC",
            params).fetchall())
        return [OverrideRow(*row) for row in rows]

    def override(self, attempt_id: int) -> OverrideRow | None:
        found = [r for r in self.overrides() if r.id == attempt_id]
        return found[0] if found else None

    def _require_override(self, attempt_id: int) -> OverrideRow:
        row = self.override(attempt_id)
        if row is None:
            raise StoreError(f"no overridden answer has the id {attempt_id}; "
                             "`study overrides` lists them")
        return row

    def accept(self, attempt_id: int, now: datetime | None = None) -> OverrideRow:
        """A teacher accepts an override: its response becomes an accepted form of the fact
        (for every later check on this store), and the attempt stays right."""
        from study.checking.normalize import normalize

        row = self._require_override(attempt_id)
        moment = now or _now()

        def body(c: sqlite3.Connection) -> None:
            if row.status == "rejected":  # accepted after all: right again, re-rated as right
                _set_outcome(c, attempt_id, "correct", "accepted by the teacher")
                _rerate_existing(c, attempt_id, _right_rating(c, attempt_id))
            c.execute("UPDATE attempts SET override_status = 'accepted' WHERE id = ?",
                      (attempt_id,))
            c.execute(
                "INSERT INTO accepted (pack, fact_id, normalized, response, attempt_id, "
                "accepted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (row.pack, row.fact_id, normalize(row.response) or row.response.strip(),
                 row.response.strip(), attempt_id, _iso(moment, "seconds")))

        self._write("accept an answer in", body)
        return self._require_override(attempt_id)

    def reject(self, attempt_id: int, now: datetime | None = None) -> OverrideRow:
        """A teacher rejects an override: the attempt is scored wrong again and its card is
        re-rated Again; a form accepted from it is withdrawn."""
        row = self._require_override(attempt_id)

        def body(c: sqlite3.Connection) -> None:
            reason = row.reason
            prefix = "overridden by the learner (was: "
            if reason.startswith(prefix) and reason.endswith(")"):
                reason = reason[len(prefix):-1]
            _set_outcome(c, attempt_id, "incorrect", f"override rejected by the teacher; {reason}")
            c.execute("UPDATE attempts SET override_status = 'rejected' WHERE id = ?",
                      (attempt_id,))
            c.execute("DELETE FROM accepted WHERE attempt_id = ?", (attempt_id,))
            _rerate_existing(c, attempt_id, 1)

        self._write("reject an answer in", body)
        return self._require_override(attempt_id)

    def accepted(self, pack: str) -> dict[str, list[str]]:
        """The forms teachers accepted on ``pack``: fact id -> responses, oldest first."""
        rows = self._read("read", lambda c: c.execute(
            "SELECT fact_id, response FROM accepted WHERE pack = ? ORDER BY accepted_at, rowid",
            (pack,)).fetchall())
        out: dict[str, list[str]] = {}
        for fact_id, response in rows:
            out.setdefault(str(fact_id), []).append(str(response))
        return out


# -- helpers that run inside a transaction ---------------------------------------------------------


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # SQLite already rolled back (a full disk does that)


def _learner_name(name: str | None) -> str:
    clean = " ".join(clean_text(name).split()) if name else ""
    return clean or system_user()


def _learner_id(conn: sqlite3.Connection, name: str) -> int:
    conn.execute("INSERT OR IGNORE INTO learners (name, created_at) VALUES (?, ?)",
                 (name, _iso(_now(), "seconds")))
    return int(conn.execute("SELECT id FROM learners WHERE name = ?", (name,)).fetchone()[0])


def _insert_session(conn: sqlite3.Connection, info: Op, plan: str | None) -> int:
    learner_id = _learner_id(conn, info["learner"])
    cur = conn.execute(
        "INSERT INTO sessions (started_at, pack, seed, topic, total, mode, learner_id, kind, "
        "drill_id, plan, status, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
        (info["started_at"], info["pack"], info["seed"], info["topic"], info["total"],
         info["mode"], learner_id, info["kind"], info["drill_id"], plan, info["uid"]),
    )
    return int(cur.lastrowid or 0)


def _session_of(conn: sqlite3.Connection, info: Op) -> tuple[int, int, str]:
    """(id, learner id, pack) of the session an op belongs to; a session the database lacks
    (a recovery file replayed into a new database) is created from what the op carries."""
    row = None
    if info.get("uid"):
        row = conn.execute("SELECT id, learner_id, pack FROM sessions WHERE uid = ?",
                           (info["uid"],)).fetchone()
    elif info.get("id") is not None:
        row = conn.execute("SELECT id, learner_id, pack FROM sessions WHERE id = ?",
                           (info["id"],)).fetchone()
    if row is not None and row[1] is not None:
        return int(row[0]), int(row[1]), str(row[2])
    if row is not None:  # a v1 session without a learner cannot happen after the migration
        learner_id = _learner_id(conn, system_user())
        conn.execute("UPDATE sessions SET learner_id = ? WHERE id = ?", (learner_id, row[0]))
        return int(row[0]), learner_id, str(row[2])
    full = {
        "uid": info.get("uid") or secrets.token_hex(8), "learner": info.get("learner") or
        system_user(), "pack": info.get("pack") or "unknown", "seed": info.get("seed") or 0,
        "topic": info.get("topic"), "total": info.get("total") or 0,
        "mode": info.get("mode") or "recovered", "kind": info.get("kind") or "quiz",
        "drill_id": info.get("drill_id"), "started_at": info.get("started_at") or
        _iso(_now(), "seconds"),
    }
    session_id = _insert_session(conn, full, None)
    return session_id, _learner_id(conn, str(full["learner"])), str(full["pack"])


def _review(conn: sqlite3.Connection, attempt_id: int, learner_id: int, pack: str, fact_id: str,
            rating: int, at: datetime) -> None:
    """Review the card of ``attempt_id`` with ``rating``, once: a retried write changes
    nothing, a new rating for the same attempt re-rates it."""
    existing = conn.execute("SELECT rating FROM reviews WHERE attempt_id = ?",
                            (attempt_id,)).fetchone()
    if existing is not None:
        if int(existing[0]) != rating:
            _rerate_existing(conn, attempt_id, rating)
        return
    from study.learning.cards import card_from_json, card_to_json, review

    row = conn.execute("SELECT card FROM cards WHERE learner_id = ? AND pack = ? AND fact_id = ?",
                       (learner_id, pack, fact_id)).fetchone()
    before = card_from_json(row[0]) if row else None
    after = review(before, rating, at)
    conn.execute(
        "INSERT INTO reviews (learner_id, pack, fact_id, attempt_id, rating, reviewed_at, "
        "card_before) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (learner_id, pack, fact_id, attempt_id, rating, _iso(at),
         card_to_json(before) if before else None))
    _save_card(conn, learner_id, pack, fact_id, after)


def _rerate_existing(conn: sqlite3.Connection, attempt_id: int, rating: int) -> None:
    """Replay the card from before this attempt's review, with ``rating`` for it and the
    stored ratings for every later review of the same fact."""
    from study.learning.cards import card_from_json, card_to_json, review

    target = conn.execute(
        "SELECT id, learner_id, pack, fact_id, card_before FROM reviews WHERE attempt_id = ?",
        (attempt_id,)).fetchone()
    if target is None:
        return  # the attempt was never reviewed (no rating was given): nothing to re-rate
    review_id, learner_id, pack, fact_id, before_json = target
    card: Card | None = card_from_json(before_json) if before_json else None
    later = conn.execute(
        "SELECT id, rating, reviewed_at FROM reviews WHERE learner_id = ? AND pack = ? "
        "AND fact_id = ? AND id >= ? ORDER BY id", (learner_id, pack, fact_id, review_id)).fetchall()
    for rid, old_rating, reviewed_at in later:
        given = rating if rid == review_id else int(old_rating)
        conn.execute("UPDATE reviews SET rating = ?, card_before = ? WHERE id = ?",
                     (given, card_to_json(card) if card else None, rid))
        card = review(card, given, datetime.fromisoformat(reviewed_at))
    if card is not None:
        _save_card(conn, int(learner_id), str(pack), str(fact_id), card)


def _save_card(conn: sqlite3.Connection, learner_id: int, pack: str, fact_id: str,
               card: Card) -> None:
    from study.learning.cards import card_to_json

    reps = conn.execute("SELECT count(*) FROM reviews WHERE learner_id = ? AND pack = ? "
                        "AND fact_id = ?", (learner_id, pack, fact_id)).fetchone()[0]
    conn.execute(
        "INSERT INTO cards (learner_id, pack, fact_id, card, due, last_review, reps) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner_id, pack, fact_id) DO UPDATE SET "
        "card = excluded.card, due = excluded.due, last_review = excluded.last_review, "
        "reps = excluded.reps",
        (learner_id, pack, fact_id, card_to_json(card), _iso(card.due),
         _iso(card.last_review) if card.last_review else None, int(reps)))


def _set_outcome(conn: sqlite3.Connection, attempt_id: int, outcome: str, reason: str) -> None:
    from study.quiz.session import HINT_FACTOR

    hints = conn.execute("SELECT hints FROM attempts WHERE id = ?", (attempt_id,)).fetchone()[0]
    score = HINT_FACTOR ** int(hints) if outcome == "correct" else 0.0
    conn.execute("UPDATE attempts SET outcome = ?, score = ?, reason = ? WHERE id = ?",
                 (outcome, score, reason, attempt_id))


def _right_rating(conn: sqlite3.Connection, attempt_id: int) -> int:
    hints, retried = conn.execute("SELECT hints, retried FROM attempts WHERE id = ?",
                                  (attempt_id,)).fetchone()
    return 2 if hints or retried else 3  # Hard after help, else Good (see learning.rating_for)


def _session_row(row: Sequence[Any]) -> SessionRow:
    plan = tuple(PlanItem.from_json(item) for item in json.loads(row[13])) if row[13] else ()
    return SessionRow(int(row[0]), str(row[1] or ""), str(row[2] or ""), str(row[3]), str(row[4]),
                      int(row[5]), row[6], int(row[7]), str(row[8]), str(row[9]), row[10],
                      str(row[11]), row[12], plan)


def _info_of(session: SessionRow) -> Op:
    return {"uid": session.uid, "learner": session.learner, "pack": session.pack,
            "seed": session.seed, "topic": session.topic, "total": session.total,
            "mode": session.mode, "kind": session.kind, "drill_id": session.drill_id,
            "started_at": session.started_at}


def _attempt_row(r: Sequence[Any]) -> AttemptRow:
    return AttemptRow(
        int(r[0]), int(r[1]), int(r[2]), str(r[3] or ""), str(r[4]), str(r[5]), str(r[6]),
        str(r[7]), str(r[8]), str(r[9]), str(r[10]), float(r[11]), str(r[12]), float(r[13]),
        int(r[14]), bool(r[15]), bool(r[16]), r[17], bool(r[18]), bool(r[19]),
        None if r[20] is None else float(r[20]), str(r[21]),
    )


def _clean_plan(item: PlanItem) -> dict[str, Any]:
    data = item.to_json()
    data["prompt"] = clean_text(data["prompt"])
    data["choices"] = [clean_text(c) for c in data["choices"]]
    return data
