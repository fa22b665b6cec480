"""The teacher's live board of a drill: who joined, who finished, the leaderboard, and each
question's share right so far, computed from the drill's stored sessions and answers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from study.classroom.drill import Drill
from study.classroom.leaderboard import Place, Result, best_per_learner, ranked


@dataclass(frozen=True)
class DrillSession:
    """One learner's run of the drill, as stored."""

    id: int
    learner: str
    finished: bool


@dataclass(frozen=True)
class DrillAnswer:
    """One stored answer of a run."""

    session: int
    position: int  # from 0, in the drill's order
    fact: str
    right: bool
    points: float


@dataclass(frozen=True)
class QuestionLine:
    number: int  # from 1
    fact: str
    prompt: str
    answered: int
    right: int

    @property
    def share(self) -> float | None:
        return self.right / self.answered if self.answered else None


@dataclass(frozen=True)
class Board:
    title: str
    total: int  # questions in the drill
    joined: int  # learners who started it
    finished: int  # learners who finished it
    places: list[Place]
    questions: list[QuestionLine]


def results_of(sessions: Iterable[DrillSession], answers: Iterable[DrillAnswer]) -> list[Result]:
    """Each run's result: its learner, points, right answers, answers, and whether it ended."""
    totals: dict[int, list[float]] = {}
    for answer in answers:
        total = totals.setdefault(answer.session, [0.0, 0, 0])
        total[0] += answer.points
        total[1] += answer.right
        total[2] += 1
    out = []
    for session in sessions:
        points, right, answered = totals.get(session.id, [0.0, 0, 0])
        out.append(Result(session.learner, points, int(right), int(answered), session.finished))
    return out


def _current(results: Sequence[Result]) -> list[Result]:
    """Each learner once: their best finished run, or else their run under way (the one with
    the most answers)."""
    finished = {r.learner: r for r in best_per_learner(results)}
    going: dict[str, Result] = {}
    for result in results:
        if result.learner in finished:
            continue
        kept = going.get(result.learner)
        if kept is None or result.answered > kept.answered:
            going[result.learner] = result
    return [*finished.values(), *going.values()]


def board_of(drill: Drill, sessions: Sequence[DrillSession],
             answers: Sequence[DrillAnswer]) -> Board:
    """The board of ``drill`` from its stored runs so far."""
    results = results_of(sessions, answers)
    learners = {s.learner for s in sessions}
    done = {s.learner for s in sessions if s.finished}
    counts = [[0, 0] for _ in drill.questions]
    for answer in answers:
        if 0 <= answer.position < len(counts) and \
                drill.questions[answer.position].fact.id == answer.fact:
            counts[answer.position][0] += 1
            counts[answer.position][1] += answer.right
    questions = [QuestionLine(i + 1, q.fact.id, q.fact.prompt, counts[i][0], counts[i][1])
                 for i, q in enumerate(drill.questions)]
    return Board(drill.title, drill.total, len(learners), len(done), ranked(_current(results)),
                 questions)
