"""The result of checking one response: outcome, score and a reason a learner can read."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    CORRECT = "correct"
    CLOSE = "close"  # on the way but too vague: ask the learner to be more specific
    INCORRECT = "incorrect"


@dataclass(frozen=True)
class Verdict:
    """How a response was judged."""

    outcome: Outcome
    score: float
    reason: str

    @property
    def correct(self) -> bool:
        return self.outcome is Outcome.CORRECT

    @classmethod
    def right(cls, reason: str = "correct") -> Verdict:
        return cls(Outcome.CORRECT, 1.0, reason)

    @classmethod
    def wrong(cls, reason: str, score: float = 0.0) -> Verdict:
        return cls(Outcome.INCORRECT, score, reason)

    @classmethod
    def close(cls, reason: str) -> Verdict:
        return cls(Outcome.CLOSE, 0.0, reason)
