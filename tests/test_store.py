"""The SQLite store: schema version, attempts written at once, overrides kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from study.errors import StoreError
from study.quiz import Session
from study.store import Store
from study.store.db import SCHEMA_VERSION


def test_schema_version_is_set(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    version = store.conn.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION >= 1
    store.close()


def test_attempts_survive_a_killed_session(tmp_path: Path, small_pack) -> None:
    path = tmp_path / "s.db"
    store = Store(path)
    session = Session.build(small_pack, count=3, seed=4, form="short")
    sid = store.start_session("pack", session.seed, None, session.total, "plain")
    session.on_attempt = lambda attempt, position: store.record(sid, position, attempt)
    session.answer("zebra")
    session.override()
    session.skip()
    # No finish_session, no close: a new connection sees everything already.
    other = Store(path)
    rows = other.attempts(sid)
    assert [r[0] for r in rows] == [q.fact.id for q in session.questions[:2]]
    assert rows[0][1:] == ("correct", 1.0, True)
    assert rows[1][1] == "incorrect"
    overrides = list(other.overrides())
    assert [o.fact_id for o in overrides] == [session.questions[0].fact.id]
    assert overrides[0].response == "zebra"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer study"):
        Store(path)


def test_unopenable_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the progress database"):
        Store(path)
