"""The typed rows the store returns: sessions with their plan, attempts, cards and overrides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fsrs import Card

    from study.quiz.session import Attempt

SESSION_KINDS = ("quiz", "practice", "review", "drill")
OVERRIDE_STATUSES = ("pending", "accepted", "rejected")


@dataclass(frozen=True)
class PlanItem:
    """One planned question, as asked: enough to ask it again the same way after a restart."""

    fact_id: str
    form: str
    prompt: str
    choices: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"fact_id": self.fact_id, "form": self.form, "prompt": self.prompt,
                "choices": list(self.choices)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanItem:
        return cls(str(data["fact_id"]), str(data["form"]), str(data["prompt"]),
                   tuple(str(c) for c in data.get("choices") or ()))


@dataclass(frozen=True)
class SessionRow:
    id: int
    uid: str
    learner: str
    pack: str
    kind: str
    seed: int
    topic: str | None
    total: int
    mode: str
    started_at: str
    finished_at: str | None
    status: str
    drill_id: str | None
    plan: tuple[PlanItem, ...]


@dataclass(frozen=True)
class AttemptRow:
    """One stored attempt with its session's learner, pack and kind (a line of history)."""

    id: int
    session_id: int
    position: int
    learner: str
    pack: str
    kind: str
    fact_id: str
    topic: str
    form: str
    response: str
    outcome: str
    score: float
    reason: str
    seconds: float
    hints: int
    skipped: bool
    overridden: bool
    override_status: str | None
    retried: bool
    timed_out: bool
    points: float | None
    answered_at: str

    @property
    def correct(self) -> bool:
        return self.outcome == "correct" and not self.skipped

    @property
    def answered(self) -> datetime:
        return datetime.fromisoformat(self.answered_at)

    def to_attempt(self) -> Attempt:
        """The quiz's `Attempt` this row records (for a resumed session)."""
        from study.checking import Outcome, Verdict
        from study.quiz.forms import Form
        from study.quiz.session import HINT_FACTOR, Attempt

        outcome = Outcome(self.outcome)
        # The stored score is what the attempt earned: undo the hint factor to get the verdict's.
        base = 0.0 if outcome is Outcome.CLOSE else self.score / (HINT_FACTOR**self.hints)
        verdict = Verdict(outcome, round(base, 6), self.reason)
        # An override a teacher rejected is an answer scored wrong again, no longer the
        # learner's override (the store keeps the flag for `study overrides`).
        overridden = self.overridden and self.override_status != "rejected"
        return Attempt(self.fact_id, self.topic, Form(self.form), self.response, verdict,
                       self.seconds, self.hints, self.skipped, overridden, self.retried)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "learner": self.learner, "session": self.session_id,
            "kind": self.kind, "pack": self.pack, "position": self.position,
            "fact_id": self.fact_id, "topic": self.topic, "form": self.form,
            "response": self.response, "outcome": self.outcome, "score": self.score,
            "reason": self.reason, "seconds": self.seconds, "hints": self.hints,
            "skipped": self.skipped, "retried": self.retried, "overridden": self.overridden,
            "override_status": self.override_status, "timed_out": self.timed_out,
            "points": self.points, "answered_at": self.answered_at,
        }


@dataclass(frozen=True)
class Resumable:
    """An unfinished session: its plan and the attempts already answered, by position."""

    session: SessionRow
    attempts: tuple[AttemptRow, ...]

    @property
    def next_position(self) -> int:
        return len(self.attempts)


@dataclass(frozen=True)
class CardRow:
    fact_id: str
    card: Card
    due: datetime
    last_review: datetime | None
    reps: int


@dataclass(frozen=True)
class OverrideRow:
    """An attempt a learner marked "I was right", for a teacher to accept or reject."""

    session_id: int
    fact_id: str
    response: str
    reason: str
    answered_at: str
    id: int = 0
    learner: str = ""
    pack: str = ""
    form: str = ""
    status: str = "pending"
