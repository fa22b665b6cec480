"""The question timer and the leaderboard, with a fake clock: no test sleeps."""

from __future__ import annotations

import pytest

from conftest import FakeClock
from study.classroom.leaderboard import (
    Result,
    ResultList,
    best_per_learner,
    ordinal,
    ranked,
    standing,
    standing_lines,
)
from study.classroom.timer import QuestionTimer


def test_the_timer_runs_from_when_the_question_is_shown() -> None:
    clock = FakeClock()
    timer = QuestionTimer(clock)
    assert not timer.running and not timer.expired and timer.remaining == 0
    clock.advance(50)  # time before the question is shown does not count
    timer.start(20)
    assert timer.running and timer.elapsed == 0 and timer.remaining == 20
    clock.advance(12.5)
    assert timer.elapsed == 12.5 and timer.remaining == 7.5 and not timer.expired
    clock.advance(7.4)
    assert not timer.expired
    clock.advance(0.1)  # at the deadline: late
    assert timer.expired and timer.remaining == 0
    clock.advance(100)
    assert timer.expired and timer.remaining == 0 and timer.elapsed == pytest.approx(120)
    timer.stop()
    assert not timer.running and not timer.expired


def test_a_restart_times_the_next_question() -> None:
    clock = FakeClock()
    timer = QuestionTimer(clock)
    timer.start(10)
    clock.advance(30)
    assert timer.expired
    timer.start(10)
    assert not timer.expired and timer.remaining == 10


def test_a_time_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        QuestionTimer(FakeClock()).start(0)


def test_equal_points_share_a_place() -> None:
    results = [Result("cy", 900, 9, 10), Result("ana", 1200, 10, 10), Result("bo", 900, 9, 10),
               Result("di", 100, 1, 10)]
    assert [(p.place, p.result.learner) for p in ranked(results)] == \
        [(1, "ana"), (2, "bo"), (2, "cy"), (4, "di")]


def test_each_learner_s_best_finished_run_counts() -> None:
    results = [Result("ana", 300, 3, 10), Result("ana", 800, 8, 10),
               Result("bo", 999, 3, 3, finished=False), Result("bo", 200, 2, 10)]
    assert sorted((r.learner, r.points) for r in best_per_learner(results)) == \
        [("ana", 800), ("bo", 200)]


def test_a_standing_places_this_run_among_the_others() -> None:
    others = ResultList()
    for name, points in [("ana", 5000), ("bo", 7000), ("cy", 6000), ("me", 9999)]:
        others.add("warm-up", Result(name, points, 5, 10))
    others.add("other-drill", Result("zed", 99999, 10, 10))
    mine = Result("me", 6500, 7, 10)
    result = standing("Warm-up", mine, others.results("warm-up"), 10000)
    # My earlier 9999 is replaced by this run; the other drill's results do not count.
    assert (result.place, result.of, result.points) == (2, 4, 6500)
    assert [p.result.learner for p in result.leaders] == ["bo", "me", "cy", "ana"]
    lines = standing_lines(result)
    assert lines[0] == "Drill 'Warm-up': 6500 of 10000 points. You are 2nd of 4 so far."
    assert lines[1:3] == ["Leaderboard:", "  1. bo: 7000 points"]


def test_alone_on_the_board() -> None:
    result = standing("D", Result("me", 3.5, 4, 5), [], 5)
    assert standing_lines(result) == ["Drill 'D': 3.5 of 5 points. You are 1st of 1 so far."]


@pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"),
                                         (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"),
                                         (102, "102nd"), (111, "111th")])
def test_ordinals(n, text) -> None:
    assert ordinal(n) == text
