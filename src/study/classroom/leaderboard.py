"""A drill's leaderboard: who has how many points, and a learner's place among them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from study.quiz.scoring import format_score

#: How many leaders a learner is shown at the end of a drill.
TOP = 5


@dataclass(frozen=True)
class Result:
    """One learner's run of a drill."""

    learner: str
    points: float
    correct: int
    answered: int
    finished: bool = True


class Results(Protocol):
    """Where a drill's results so far come from (the store, or a list in tests)."""

    def results(self, drill_id: str) -> list[Result]: ...


class ResultList:
    """Results held in memory: what a drill has when nothing else keeps its results."""

    def __init__(self, results: Iterable[tuple[str, Result]] = ()) -> None:
        self._results: list[tuple[str, Result]] = list(results)

    def add(self, drill_id: str, result: Result) -> None:
        self._results.append((drill_id, result))

    def results(self, drill_id: str) -> list[Result]:
        return [r for d, r in self._results if d == drill_id]


@dataclass(frozen=True)
class Place:
    place: int
    result: Result


@dataclass(frozen=True)
class Standing:
    """A learner's place on a drill's leaderboard, with the leaders."""

    drill: str  # the drill's title
    place: int  # from 1; learners with equal points share a place
    of: int
    points: float
    max_points: float
    leaders: tuple[Place, ...]


def ranked(results: Iterable[Result]) -> list[Place]:
    """Results by points, most first; equal points share a place ("1, 2, 2, 4"), and are
    listed by name."""
    ordered = sorted(results, key=lambda r: (-r.points, r.learner.casefold(), r.learner))
    places: list[Place] = []
    for index, result in enumerate(ordered):
        if places and places[-1].result.points == result.points:
            places.append(Place(places[-1].place, result))
        else:
            places.append(Place(index + 1, result))
    return places


def best_per_learner(results: Iterable[Result]) -> list[Result]:
    """Each learner's best finished run (a learner who retakes a drill is listed once)."""
    best: dict[str, Result] = {}
    for result in results:
        if not result.finished:
            continue
        kept = best.get(result.learner)
        if kept is None or result.points > kept.points:
            best[result.learner] = result
    return list(best.values())


def standing(title: str, mine: Result, others: Sequence[Result], max_points: float,
             top: int = TOP) -> Standing:
    """Where ``mine`` (this run) places among the other learners' best finished runs."""
    board = [r for r in best_per_learner(others) if r.learner != mine.learner] + [mine]
    places = ranked(board)
    place = next(p.place for p in places if p.result is mine)
    return Standing(title, place, len(places), mine.points, max_points, tuple(places[:top]))


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def standing_lines(standing: Standing) -> list[str]:
    """The end of a drill in words, for every interface: the points, the place, the leaders."""
    points = format_score(standing.points)
    lines = [f"Drill {standing.drill!r}: {points} of {format_score(standing.max_points)} "
             f"points. You are {ordinal(standing.place)} of {standing.of} so far."]
    if standing.of > 1:
        lines.append("Leaderboard:")
        for place in standing.leaders:
            lines.append(f"  {place.place}. {place.result.learner}: "
                         f"{format_score(place.result.points)} points")
    return lines
