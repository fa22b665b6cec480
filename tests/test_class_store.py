"""The classroom and the store: a drill's session, points and time-outs written under the
learner's name; the leaderboard, the board and the report read back from it."""

from __future__ import annotations

import pytest

from conftest import FakeClock
from study.chat import Conversation
from study.classroom.board import board_of
from study.classroom.stored import (
    StoredResults,
    attempt_rows,
    drill_runs,
    open_for_reading,
    since_moment,
)
from study.commands.drill import remember
from study.errors import StoreError, UsageError
from study.store import Store


def take(small_pack, drill, store: Store, learner: str, answers: list[tuple[float, str]]):
    clock = FakeClock()
    chat = Conversation(small_pack, learner=learner, clock=clock, pause_after_verdict=False)
    remember(chat, store, "plain")
    replies = chat.start_drill(drill, StoredResults(store))
    for delay, text in answers:
        clock.now += delay
        replies = chat.send(text)
    return chat, replies


def test_a_drill_is_stored_under_the_learner_with_points_and_time_outs(small_pack, drill,
                                                                        tmp_path) -> None:
    store = Store(tmp_path / "study.db")
    take(small_pack, drill, store, "ana", [(5, "Kenneth Melson"), (25, "2008"), (2, "276")])
    [row] = [s for s in (store.session(1),) if s]
    assert (row.learner, row.kind, row.drill_id, row.status) == ("ana", "drill", "quick",
                                                                 "finished")
    assert [p.fact_id for p in row.plan] == ["melson", "armas-year", "cases"]
    attempts = store.session_attempts(1)
    assert [(a.fact_id, a.outcome, a.timed_out, a.points) for a in attempts] == [
        ("melson", "correct", False, 875.0),  # 1000 x (1 - 5/40)
        ("armas-year", "incorrect", True, 0.0),  # right, but 25 s after it was shown
        ("cases", "correct", False, 950.0),  # 1000 x (1 - 2/40)
    ]
    store.close()


def test_the_leaderboard_and_the_board_read_the_store(small_pack, drill, tmp_path) -> None:
    store = Store(tmp_path / "study.db")
    take(small_pack, drill, store, "bo", [(1, "Kenneth Melson"), (1, "2008"), (1, "276")])
    take(small_pack, drill, store, "cy", [(10, "Kenneth Melson")])  # still answering
    _, replies = take(small_pack, drill, store, "ana",
                      [(5, "Kenneth Melson"), (25, "2008"), (2, "276")])
    standing = replies[-1].standing  # type: ignore[attr-defined]
    # bo 2925 (975 x 3), ana 1825; cy has not finished: only finished runs are ranked.
    assert (standing.place, standing.of, standing.points) == (2, 2, 1825)
    reader = open_for_reading(tmp_path / "study.db")
    assert reader.conn is not None
    board = board_of(drill, *drill_runs(reader.conn, "quick"))
    assert (board.joined, board.finished, board.total) == (3, 2, 3)
    assert [(p.place, p.result.learner, p.result.points, p.result.finished)
            for p in board.places] == [(1, "bo", 2925, True), (2, "ana", 1825, True),
                                       (3, "cy", 750, False)]
    assert [(q.answered, q.right) for q in board.questions] == [(3, 3), (2, 1), (2, 2)]
    reader.close()
    store.close()


def test_report_rows_by_drill_and_since(small_pack, drill, tmp_path) -> None:
    store = Store(tmp_path / "study.db")
    take(small_pack, drill, store, "ana", [(1, "Kenneth Melson"), (1, "1999"), (1, "276")])
    chat = Conversation(small_pack, learner="bo", pause_after_verdict=False)
    remember(chat, store, "plain")
    chat.start_quiz(count=1, seed=3, form="short")
    chat.send("zebra")
    assert store.conn is not None
    everything = attempt_rows(store.conn)
    assert sorted({r.learner for r in everything}) == ["ana", "bo"] and len(everything) == 4
    drilled = attempt_rows(store.conn, drill_id="quick")
    assert [(r.learner, r.fact, r.outcome, r.response) for r in drilled] == [
        ("ana", "melson", "correct", "Kenneth Melson"), ("ana", "armas-year", "incorrect", "1999"),
        ("ana", "cases", "correct", "276")]
    assert attempt_rows(store.conn, since="2999-01-01T00:00:00+00:00") == []
    assert len(attempt_rows(store.conn, since="2000-01-01T00:00:00+00:00")) == 4
    store.close()


def test_since_takes_a_date_or_a_moment() -> None:
    assert since_moment("2026-11-30T09:00:00+00:00") == "2026-11-30T09:00:00+00:00"
    assert since_moment("2026-11-30T10:30+01:00") == "2026-11-30T09:30:00+00:00"
    assert since_moment("2026-11-30").startswith(("2026-11-29T", "2026-11-30T"))
    with pytest.raises(UsageError, match="--since must be a date like 2026-11-30"):
        since_moment("last tuesday")


def test_no_database_yet_is_said(tmp_path) -> None:
    with pytest.raises(StoreError, match="there is no progress database at"):
        open_for_reading(tmp_path / "missing.db")


def test_study_report_reads_the_store(small_pack, drill, tmp_path) -> None:
    import json
    import os
    import subprocess

    from conftest import SMALL_PACK, run_main

    data = tmp_path / "data"
    store = Store(data / "study.db")
    take(small_pack, drill, store, "ana", [(1, "Kenneth Melson"), (1, "2008"), (1, "276")])
    take(small_pack, drill, store, "bo", [(1, "Morton"), (1, "2008"), (1, "267")])
    take(small_pack, drill, store, "=cy", [(1, "morton!"), (1, "2005"), (1, "276")])
    store.close()
    assert os.environ["STUDY_DATA_DIR"] == str(data)  # where run_main's `study` looks

    def report(*args: str) -> subprocess.CompletedProcess[str]:
        return run_main("report", "--content", str(SMALL_PACK), *args)

    result = report("--drill", "quick", "--format", "json")
    assert result.returncode == 0, result.stderr
    data_out = json.loads(result.stdout)
    melson = data_out["questions"][0]
    # ana right; bo and cy said Morton (two spellings, one answer). Ranked ana 3, =cy 2, bo 1:
    # groups of 1 (27% of 3 = 0.81): upper ana (right), lower bo (wrong) -> 1.0.
    assert (melson["fact"], melson["asked"], melson["facility"], melson["discrimination"]) == \
        ("melson", 3, 0.3333, 1.0)
    assert melson["wrong_answers"] == [["Morton", 2]]  # "morton!" is the same answer
    assert [s["learner"] for s in data_out["students"]] == ["ana", "=cy", "bo"]
    csv_out = report("--drill", "quick", "--format", "csv").stdout
    assert "'=cy" in csv_out and "\n=cy" not in csv_out
    html_out = report("--format", "html").stdout
    assert html_out.startswith("<!DOCTYPE html>") and "Who was acting director of ATF?" in html_out
    late = report("--since", "2999-01-01")
    assert late.returncode == 0 and "no stored attempts match since 2999-01-01" in late.stderr
    bad = report("--since", "yesterday")
    assert bad.returncode == 2 and "--since must be a date" in bad.stderr
