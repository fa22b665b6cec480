"""From a verdict to an FSRS rating: wrong -> Again, helped -> Hard, right -> Good, quick -> Easy."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Protocol

from fsrs import Rating

#: "Quick" means under this share of the learner's usual time for a right answer...
QUICK_SHARE = 0.5
#: ...and the usual time is only known after this many right answers.
MIN_HISTORY = 5


class Graded(Protocol):
    """What a rating needs of an attempt (`study.quiz.session.Attempt` and `AttemptRow` fit)."""

    @property
    def correct(self) -> bool: ...
    @property
    def skipped(self) -> bool: ...
    @property
    def hints(self) -> int: ...
    @property
    def retried(self) -> bool: ...
    @property
    def overridden(self) -> bool: ...
    @property
    def seconds(self) -> float: ...


def usual_seconds(recent_right: Sequence[float], min_history: int = MIN_HISTORY) -> float | None:
    """The median time of the learner's recent right answers, or None with too few of them."""
    if len(recent_right) < min_history:
        return None
    return float(statistics.median(recent_right))


def rating_for(attempt: Graded, usual: float | None, *, timed_out: bool = False) -> Rating:
    """The FSRS rating an attempt earns.

    Wrong, partly right, skipped or out of time: Again. Right after a hint, or on the second
    try after a vague answer: Hard. Right: Good; right in under half the learner's usual time
    (`usual_seconds`): Easy. An answer the learner overrode as right counts as right but is
    never Easy (it was not recalled cleanly).
    """
    if timed_out or attempt.skipped or not attempt.correct:
        return Rating.Again
    if attempt.hints or attempt.retried:
        return Rating.Hard
    if not attempt.overridden and usual is not None and attempt.seconds < QUICK_SHARE * usual:
        return Rating.Easy
    return Rating.Good
