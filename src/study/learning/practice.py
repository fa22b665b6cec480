"""What to practise next: the due cards, most overdue first, then new facts across the topics."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from study.learning import pack_key
from study.learning.cards import utc
from study.pack.models import Pack
from study.store.rows import CardRow

if TYPE_CHECKING:
    from study.store import Store


@dataclass(frozen=True)
class Pick:
    """The facts to ask, in order: ``due`` of them were due, the rest are new."""

    fact_ids: tuple[str, ...]
    due: int
    new: int


@dataclass(frozen=True)
class Outlook:
    """How many cards are due: now, by the end of today, by the end of tomorrow, within 7 days."""

    due_now: int
    due_today: int
    due_tomorrow: int
    due_week: int


def pick(pack: Pack, dues: Mapping[str, datetime], now: datetime, count: int,
         seed: int = 0, topic: str | None = None) -> Pick:
    """Up to ``count`` facts: the due cards first (most overdue first), then facts never seen,
    taken from the topics in turn (the topic order and each topic's facts shuffled by
    ``seed``) so that a practice covers the pack instead of one topic.

    ``dues`` maps each fact the learner has a card for to when it is due (`Store.dues`, or
    `due_of` on `Store.cards`); a card for a fact the pack no longer has is ignored."""
    moment = utc(now)
    facts = pack.facts_by_id
    due = sorted(
        (when, fact_id) for fact_id, when in dues.items()
        if fact_id in facts and when <= moment and (topic is None or facts[fact_id].topic == topic)
    )
    chosen = [fact_id for _when, fact_id in due[:count]]
    room = count - len(chosen)
    new: list[str] = []
    if room > 0:
        rng = random.Random(seed)
        by_topic: dict[str, list[str]] = {}
        for fact in pack.facts:
            if fact.id not in dues and (topic is None or fact.topic == topic):
                by_topic.setdefault(fact.topic, []).append(fact.id)
        order = list(by_topic)
        rng.shuffle(order)
        for ids in by_topic.values():
            rng.shuffle(ids)
        while len(new) < room and any(by_topic.values()):
            for slug in order:
                if by_topic[slug] and len(new) < room:
                    new.append(by_topic[slug].pop(0))
    return Pick(tuple(chosen + new), len(chosen), len(new))


def pick_from_store(store: Store, learner: str, pack: Pack, now: datetime, count: int,
                    seed: int = 0, topic: str | None = None) -> Pick:
    """`pick` with the learner's cards read from ``store``."""
    return pick(pack, store.dues(learner, pack_key(pack)), now, count, seed, topic)


def due_of(cards: Mapping[str, CardRow]) -> dict[str, datetime]:
    """Fact id -> due, from `Store.cards`."""
    return {fact_id: row.due for fact_id, row in cards.items()}


def end_of_day(now: datetime, days_ahead: int = 0, tz: tzinfo | None = None) -> datetime:
    """The end (midnight after) of the day ``days_ahead`` after ``now``'s, in ``tz`` (default:
    the local zone), in UTC."""
    local = utc(now).astimezone(tz)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return utc(midnight + timedelta(days=days_ahead + 1))


def outlook(dues: Iterable[datetime], now: datetime, tz: tzinfo | None = None) -> Outlook:
    """Counts of the cards due now, today, by tomorrow's end and within a week of ``now``."""
    moment = utc(now)
    today, tomorrow, week = end_of_day(moment, 0, tz), end_of_day(moment, 1, tz), moment + timedelta(days=7)
    all_dues = [utc(d) for d in dues]
    return Outlook(
        sum(d <= moment for d in all_dues),
        sum(d < today for d in all_dues),
        sum(d < tomorrow for d in all_dues),
        sum(d <= week for d in all_dues),
    )
