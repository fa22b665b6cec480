"""One learner's run of a drill: its session, the question timer, the points and the standing.

The conversation holds a `DrillRun` while a drill is under way: it starts the timer when it
shows a question, asks `late` before it checks an answer, and ends with `standing`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from study.classroom.drill import Drill
from study.classroom.leaderboard import Result, Results, Standing, standing
from study.classroom.timer import QuestionTimer
from study.pack.models import Pack
from study.quiz.scoring import format_score
from study.quiz.session import Attempt


class DrillRun:
    """A drill being taken by ``learner``."""

    def __init__(self, drill: Drill, pack: Pack, *, learner: str = "",
                 clock: Callable[[], float] = time.monotonic,
                 results: Results | None = None) -> None:
        self.drill = drill
        self.learner = learner
        self.results = results
        self.timer = QuestionTimer(clock)
        self.session = drill.build_session(pack, clock)

    def attach(self, forward: Callable[[Attempt, int], None] | None) -> None:
        """Give every attempt its points (``Attempt.points``) as it is recorded, before it is
        passed on to ``forward`` (the journal), and stop the timer."""
        session = self.session

        def scored(attempt: Attempt, position: int) -> None:
            if attempt.points is None:
                seconds = self.timer.elapsed if self.timer.running else attempt.seconds
                limit = self.drill.time_limit(position)
                attempt = replace(attempt, points=self.drill.points(attempt, seconds, limit))
                session.attempts[position] = attempt
            self.timer.stop()
            if forward is not None:
                forward(attempt, position)

        session.on_attempt = scored

    def question_shown(self) -> float:
        """The current question is on screen now: its timer starts; returns its limit."""
        limit = self.drill.time_limit(self.session.index)
        self.timer.start(limit)
        return limit

    @property
    def late(self) -> bool:
        """Whether the current question's time is up."""
        return self.timer.expired

    @property
    def points(self) -> float:
        return sum(a.points or 0.0 for a in self.session.attempts)

    def result(self) -> Result:
        session = self.session
        return Result(self.learner, self.points, session.correct_count, session.index,
                      finished=session.finished)

    def standing(self) -> Standing:
        """This run's place among the drill's results so far."""
        others = self.results.results(self.drill.id) if self.results is not None else []
        return standing(self.drill.title, self.result(), others, self.drill.max_points)

    def summary(self) -> str:
        """"Drill 'Warm-up': 7340 of 10000 points, 8 of 10 correct"."""
        session = self.session
        return (f"Drill {self.drill.title!r}: {format_score(self.points)} of "
                f"{format_score(self.drill.max_points)} points, {session.correct_count} of "
                f"{session.total} correct")

    def limits_text(self) -> str:
        """"20 seconds a question", or "20 to 40 seconds a question"."""
        limits = sorted({q.time_limit for q in self.drill.questions})
        if len(limits) == 1:
            return f"{format_score(limits[0])} seconds a question"
        return f"{format_score(limits[0])} to {format_score(limits[-1])} seconds a question"
