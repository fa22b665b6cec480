"""Schema version 2: the migration from a version-1 database, learners, plans and resuming,
attempts with their card review in one transaction, re-rating, overrides accepted or rejected."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import DATA
from storehelp import attempt
from study.errors import StoreError
from study.learning import default_learner
from study.learning.cards import Rating, review
from study.store import PlanItem, Store
from study.store.db import SCHEMA_VERSION

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
V1_COLUMNS = ("id, session_id, position, fact_id, topic, form, response, outcome, score, reason, "
              "seconds, hints, skipped, overridden, answered_at")


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_version_1_database_written_by_the_old_code_migrates_keeping_every_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "study.db"
    shutil.copy(DATA / "store_v1.db", db)
    assert _rows(db, "PRAGMA user_version") == [(1,)]
    sessions_before = _rows(db, "SELECT * FROM sessions ORDER BY id")
    attempts_before = _rows(db, f"SELECT {V1_COLUMNS} FROM attempts ORDER BY id")
    assert len(sessions_before) == 2 and len(attempts_before) == 5
    monkeypatch.setenv("LOGNAME", "ada")
    store = Store(db)
    assert _rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)] and SCHEMA_VERSION == 2
    assert _rows(db, "SELECT id, started_at, finished_at, pack, seed, topic, total, mode "
                     "FROM sessions ORDER BY id") == sessions_before
    assert _rows(db, f"SELECT {V1_COLUMNS} FROM attempts ORDER BY id") == attempts_before
    assert store.learners() == ["ada"]
    assert _rows(db, "SELECT DISTINCT learner_id FROM attempts") == [(1,)]
    assert _rows(db, "SELECT id, status, kind, plan FROM sessions ORDER BY id") == [
        (1, "finished", "quiz", None), (2, "open", "quiz", None)]
    history = store.history("ada")
    assert [(h.fact_id, h.outcome, h.overridden) for h in history] == [
        (a[3], a[7], bool(a[13])) for a in attempts_before]
    assert history[4].response == "wrong answer \u00e9"
    overrides = store.overrides()
    assert [(o.fact_id, o.response, o.learner, o.status) for o in overrides] == [
        ("gao-percent", "zebra", "ada", "pending")]
    # The migrated store takes new learners, sessions and reviews.
    sid = store.start_session("pack", 1, None, 1, "plain", learner="bo")
    store.record(sid, 0, attempt(), rating=Rating.Good, now=T0)
    assert store.learners() == ["ada", "bo"] and store.review_count("bo") == 1
    store.close()


def test_the_default_learner_is_the_system_user_or_learner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "cy")
    assert default_learner() == "cy"

    def no_user() -> str:
        raise OSError("no user")

    monkeypatch.setattr("getpass.getuser", no_user)
    assert default_learner() == "learner"


def test_learners_are_created_on_first_use(tmp_path: Path) -> None:
    store = Store(tmp_path / "study.db")
    first = store.learner("Ada  Lovelace")
    assert store.learner("Ada Lovelace") == first
    assert store.learner("Bo") != first
    assert store.learners() == ["Ada Lovelace", "Bo"]
    store.close()


PLAN = [PlanItem("cases", "short", "How many cases were opened?"),
        PlanItem("money", "choice", "How much did ATF spend?", ("$2 million", "$5.9 million")),
        PlanItem("states", "short", "In which states did the offices open?")]


def test_an_unfinished_session_is_found_with_its_plan_and_attempts(tmp_path: Path) -> None:
    db = tmp_path / "study.db"
    store = Store(db)
    sid = store.start_session("pack", 7, "figures", 3, "plain", learner="ada", kind="practice",
                              plan=PLAN)
    store.record(sid, 0, attempt("cases"), rating=Rating.Good, now=T0)
    store.close()
    store = Store(db)  # as after a kill: a new process
    found = store.resumable("ada", "pack")
    assert found is not None and found.session.id == sid
    assert found.session.plan == tuple(PLAN) and found.session.kind == "practice"
    assert found.session.seed == 7 and found.session.topic == "figures"
    assert [a.fact_id for a in found.attempts] == ["cases"] and found.next_position == 1
    restored = found.attempts[0].to_attempt()
    assert restored.score == 1.0 and restored.correct and restored.response == "276"
    assert store.resumable("bo", "pack") is None
    assert store.resumable("ada", "other pack") is None
    store.record(sid, 1, attempt("money", right=False), rating=Rating.Again, now=T0)
    store.record(sid, 2, attempt("states"), rating=Rating.Good, now=T0)
    assert store.resumable("ada", "pack") is None  # every question answered
    other = store.start_session("pack", 8, None, 3, "plain", learner="ada", plan=PLAN)
    assert store.resumable("ada", "pack").session.id == other  # type: ignore[union-attr]
    store.abandon_session(other)
    assert store.resumable("ada", "pack") is None
    store.finish_session(sid)
    assert store.session(sid).status == "finished"  # type: ignore[union-attr]
    assert store.session(other).status == "abandoned"  # type: ignore[union-attr]
    store.close()


def test_a_retried_write_never_counts_twice(tmp_path: Path) -> None:
    store = Store(tmp_path / "study.db")
    sid = store.start_session("pack", 1, None, 1, "plain", learner="ada")
    for _ in range(3):
        store.record(sid, 0, attempt("cases"), rating=Rating.Good, now=T0)
    assert len(store.session_attempts(sid)) == 1
    assert store.review_count() == 1
    card = store.cards("ada", "pack")["cases"]
    assert card.reps == 1 and card.card == review(None, Rating.Good, T0)
    store.close()


def test_an_attempt_and_its_card_are_written_in_one_transaction(tmp_path: Path) -> None:
    db = tmp_path / "study.db"
    store = Store(db, lock_timeout=0.2)
    sid = store.start_session("pack", 1, None, 2, "plain", learner="ada")
    other = sqlite3.connect(db)
    other.execute("DROP TABLE cards")  # the card update will fail after the attempt's insert
    other.commit()
    other.close()
    store.record(sid, 0, attempt("cases"), rating=Rating.Good, now=T0)
    assert store.degraded
    assert _rows(db, "SELECT count(*) FROM attempts") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM reviews") == [(0,)]
    store.close()


def test_an_override_re_rates_the_card(tmp_path: Path) -> None:
    store = Store(tmp_path / "study.db")
    sid = store.start_session("pack", 1, None, 1, "plain", learner="ada")
    store.record(sid, 0, attempt("cases", right=False, response="267"), rating=Rating.Again,
                 now=T0)
    assert store.cards("ada", "pack")["cases"].card == review(None, Rating.Again, T0)
    later = T0 + timedelta(seconds=20)
    store.record(sid, 0, attempt("cases", overridden=True, response="267"), rating=Rating.Good,
                 now=later)
    # Re-rated from the card before (none): the review keeps its own time.
    assert store.cards("ada", "pack")["cases"].card == review(None, Rating.Good, T0)
    assert store.review_count() == 1
    [row] = store.session_attempts(sid)
    assert row.overridden and row.override_status == "pending" and row.outcome == "correct"
    store.close()


def test_re_rating_replays_every_later_review_of_the_fact(tmp_path: Path) -> None:
    store = Store(tmp_path / "study.db")
    t1, t2 = T0 + timedelta(days=1), T0 + timedelta(days=4)
    first = store.start_session("pack", 1, None, 1, "plain", learner="ada")
    store.record(first, 0, attempt("cases", right=False), rating=Rating.Again, now=T0)
    second = store.start_session("pack", 2, None, 1, "plain", learner="ada")
    store.record(second, 0, attempt("cases"), rating=Rating.Good, now=t1)
    third = store.start_session("pack", 3, None, 1, "plain", learner="ada")
    store.record(third, 0, attempt("cases"), rating=Rating.Easy, now=t2)
    expected_old = review(review(review(None, Rating.Again, T0), Rating.Good, t1), Rating.Easy, t2)
    assert store.cards("ada", "pack")["cases"].card == expected_old
    first_id = store.session_attempts(first)[0].id
    store.rerate(first_id, Rating.Good)
    expected = review(review(review(None, Rating.Good, T0), Rating.Good, t1), Rating.Easy, t2)
    assert expected != expected_old
    assert store.cards("ada", "pack")["cases"].card == expected
    store.close()


def test_a_teacher_accepts_or_rejects_an_override(tmp_path: Path) -> None:
    store = Store(tmp_path / "study.db")
    sid = store.start_session("pack", 1, None, 2, "plain", learner="ada")
    store.record(sid, 0, attempt("cases", right=False, response="276 cases"),
                 rating=Rating.Again, now=T0)
    store.record(sid, 0, attempt("cases", overridden=True, response="276 cases"),
                 rating=Rating.Good, now=T0)
    store.record(sid, 1, attempt("money", right=False, response="lots"), rating=Rating.Again,
                 now=T0)
    store.record(sid, 1, attempt("money", overridden=True, response="lots"), rating=Rating.Good,
                 now=T0)
    cases, money = (r.id for r in store.session_attempts(sid))
    assert [o.id for o in store.overrides(status="pending")] == [money, cases]
    accepted = store.accept(cases)
    assert accepted.status == "accepted" and accepted.learner == "ada"
    assert store.accepted("pack") == {"cases": ["276 cases"]}
    assert store.accepted("another pack") == {}
    rejected = store.reject(money)
    assert rejected.status == "rejected"
    row = store.session_attempts(sid)[1]
    assert row.outcome == "incorrect" and row.score == 0.0
    assert row.reason.startswith("override rejected by the teacher; that is not it")
    # Resumed, the attempt is a wrong answer, no longer counted as the learner's override.
    assert not row.to_attempt().overridden and store.session_attempts(sid)[0].to_attempt().overridden
    assert store.cards("ada", "pack")["money"].card == review(None, Rating.Again, T0)
    assert store.cards("ada", "pack")["cases"].card == review(None, Rating.Good, T0)
    # Changing one's mind: the rejected is accepted, the accepted rejected.
    store.accept(money)
    assert store.session_attempts(sid)[1].outcome == "correct"
    assert store.cards("ada", "pack")["money"].card == review(None, Rating.Good, T0)
    store.reject(cases)
    assert store.accepted("pack") == {"money": ["lots"]}
    assert [o.status for o in store.overrides("ada")] == ["accepted", "rejected"]
    with pytest.raises(StoreError, match="no overridden answer has the id 999"):
        store.accept(999)
    store.close()


def test_history_is_per_learner_and_oldest_first(tmp_path: Path) -> None:
    store = Store(tmp_path / "study.db")
    for name, fact in (("ada", "cases"), ("bo", "money"), ("ada", "states")):
        sid = store.start_session("pack", 1, None, 1, "plain", learner=name)
        store.record(sid, 0, attempt(fact), now=T0)
    assert [h.fact_id for h in store.history("ada")] == ["cases", "states"]
    assert [h.learner for h in store.history()] == ["ada", "bo", "ada"]
    assert store.history("nobody") == []
    store.close()
