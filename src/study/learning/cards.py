"""FSRS cards: one per (learner, pack, fact), reviewed with a rating at an injected time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler, State

__all__ = ["SCHEDULER", "Card", "Rating", "State", "card_from_json", "card_to_json",
           "retrievability", "review", "replay"]

#: The scheduler with FSRS's default parameters. Fuzzing is off so that replaying a review log
#: (after an override is accepted or rejected) gives the very cards it gave the first time.
SCHEDULER = Scheduler(enable_fuzzing=False)


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC (fsrs refuses any other zone); a naive time is taken as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def new_card(now: datetime) -> Card:
    # card_id is fixed: the store keys cards by (learner, pack, fact), and fsrs's default id
    # sleeps 1 ms to stay unique.
    return Card(card_id=1, due=utc(now))


def review(card: Card | None, rating: Rating | int, now: datetime) -> Card:
    """The card after a review with ``rating`` at ``now``; ``None`` is a fact never seen."""
    moment = utc(now)
    before = card if card is not None else new_card(moment)
    if before.last_review is not None and moment < before.last_review:
        moment = before.last_review  # a clock that went back must not make fsrs compute nonsense
    after, _log = SCHEDULER.review_card(before, Rating(rating), moment)
    return after


def replay(card: Card | None, reviews: Sequence[tuple[Rating | int, datetime]]) -> Card | None:
    """``card`` after each (rating, time) in turn: how a review log is re-rated."""
    for rating, moment in reviews:
        card = review(card, rating, moment)
    return card


def retrievability(card: Card | None, now: datetime) -> float:
    """FSRS's probability that the learner recalls the fact at ``now`` (0 for a fact never seen)."""
    if card is None:
        return 0.0
    return float(SCHEDULER.get_card_retrievability(card, utc(now)))


def card_to_json(card: Card) -> str:
    return card.to_json()


def card_from_json(text: str) -> Card:
    return Card.from_json(text)
