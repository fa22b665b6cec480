"""Scores and answers as people read them: rounded scores, marks, the canonical answer."""

# display_form lives with the pack model (the answer text needs it); it is re-exported here.

from __future__ import annotations

from enum import StrEnum

from study.checking import Outcome, Verdict
from study.pack.models import Fact, display_form
from study.rounding import format_percent, format_score

__all__ = ["Mark", "display_answer", "display_form", "format_score", "mark_of", "percent_of"]


class Mark(StrEnum):
    """How an answer counts for the learner: the five ways a verdict reads on screen."""

    CORRECT = "correct"
    PARTIAL = "partial"  # some of a list's items: part credit, named as such
    CLOSE = "close"  # too vague, asked again once; if it stays vague, half credit
    INCORRECT = "incorrect"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Mark.CORRECT: "Correct",
    Mark.PARTIAL: "Partly right",
    Mark.CLOSE: "Almost",
    Mark.INCORRECT: "Not quite",
    Mark.SKIPPED: "Skipped",
}


def mark_of(verdict: Verdict, *, skipped: bool = False) -> Mark:
    """The mark a verdict earns: a wrong verdict with part credit is partly right."""
    if skipped:
        return Mark.SKIPPED
    if verdict.outcome is Outcome.CORRECT:
        return Mark.CORRECT
    if verdict.outcome is Outcome.CLOSE:
        return Mark.CLOSE
    return Mark.PARTIAL if verdict.score > 0 else Mark.INCORRECT


def percent_of(part: float, whole: float) -> str:
    """``part`` of ``whole`` as a percentage for people ("63%"), "0%" of nothing."""
    return format_percent(100 * part / whole) if whole else "0%"


def display_answer(fact: Fact) -> str:
    """The canonical answer of ``fact`` for people: "A, B and C" for a list."""
    return fact.answer_text
