"""A learner's progress on a pack: mastery per topic, facts seen, what is due, accuracy, streak."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from study.learning.cards import retrievability, utc
from study.learning.practice import outlook
from study.pack.models import Pack
from study.rounding import format_percent
from study.store.rows import AttemptRow, CardRow


@dataclass(frozen=True)
class TopicProgress:
    slug: str
    facts: int
    seen: int
    #: The mean FSRS retrievability of the topic's facts at the time asked (unseen facts: 0).
    mastery: float


@dataclass(frozen=True)
class DayAccuracy:
    day: date
    answered: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class Progress:
    learner: str
    facts: int
    seen: int
    due_now: int
    due_today: int
    due_week: int
    topics: dict[str, TopicProgress]
    days: list[DayAccuracy] = field(default_factory=list)
    #: Consecutive days with study, ending today (or yesterday, when nothing is done yet today).
    streak: int = 0
    attempts: int = 0

    @property
    def mastery(self) -> float:
        """The mean retrievability over every fact of the pack."""
        total = sum(t.mastery * t.facts for t in self.topics.values())
        return total / self.facts if self.facts else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "learner": self.learner,
            "facts": self.facts,
            "seen": self.seen,
            "due_now": self.due_now,
            "topics": {
                slug: {"facts": t.facts, "seen": t.seen, "mastery": round(t.mastery, 4)}
                for slug, t in self.topics.items()
            },
            "due_today": self.due_today,
            "due_week": self.due_week,
            "mastery": round(self.mastery, 4),
            "attempts": self.attempts,
            "streak": self.streak,
            "days": [{"day": d.day.isoformat(), "answered": d.answered, "correct": d.correct}
                     for d in self.days],
        }


def progress(pack: Pack, learner: str, cards: Mapping[str, CardRow],
             history: Sequence[AttemptRow], now: datetime, tz: tzinfo | None = None) -> Progress:
    """The learner's progress on ``pack`` at ``now``, from their cards and attempts on it.

    A fact is seen once it has a card or an attempt (attempts from before cards existed count).
    Days are calendar days in ``tz`` (default: the local zone).
    """
    moment = utc(now)
    facts = pack.facts_by_id
    history = [a for a in history if a.fact_id in facts]
    seen_ids = {a.fact_id for a in history} | {f for f in cards if f in facts}
    topics: dict[str, TopicProgress] = {}
    for slug in pack.topics:
        ids = [f.id for f in pack.facts if f.topic == slug]
        held = [retrievability(cards[i].card if i in cards else None, moment) for i in ids]
        topics[slug] = TopicProgress(slug, len(ids), sum(i in seen_ids for i in ids),
                                     sum(held) / len(ids) if ids else 0.0)
    ahead = outlook([row.due for fact_id, row in cards.items() if fact_id in facts], moment, tz)
    by_day: dict[date, list[int]] = {}
    for attempt in history:
        day = utc(attempt.answered).astimezone(tz).date()
        counts = by_day.setdefault(day, [0, 0])
        counts[0] += 1
        counts[1] += attempt.correct
    days = [DayAccuracy(d, c[0], c[1]) for d, c in sorted(by_day.items())]
    return Progress(learner, len(pack.facts), len(seen_ids), ahead.due_now, ahead.due_today,
                    ahead.due_week, topics, days, streak(set(by_day), moment.astimezone(tz).date()),
                    len(history))


def streak(days: set[date], today: date) -> int:
    """Consecutive study days ending today, or ending yesterday if today has none yet."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


# -- as text: the same in a terminal, a pipe and plain mode --------------------------------------

WIDTH = 20  # bar cells: the report stays within 80 columns
DAYS_SHOWN = 14
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """``text`` on one line, control characters shown (``\\x1b``), never obeyed."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def bar(share: float, chars: tuple[str, str] = ("█", "░"), width: int = WIDTH) -> str:
    filled = round(max(0.0, min(1.0, share)) * width)
    return chars[0] * filled + chars[1] * (width - filled)


def render_text(report: Progress, chars: tuple[str, str] = ("█", "░")) -> str:
    """The report as text of at most 80 columns, the same in a terminal and in a pipe."""
    days = "day" if report.streak == 1 else "days"
    lines = [
        f"Progress of {one_line(report.learner)[:60]}",
        f"{report.seen} of {report.facts} facts seen, mastery {format_percent(100 * report.mastery)}. "
        f"Streak: {report.streak} {days}.",
        f"Due: {report.due_now} now, {report.due_today} today, {report.due_week} this week.",
        "",
        "Mastery by topic (mean recall today; unseen facts count 0)",
    ]
    name_width = min(24, max((len(t) for t in report.topics), default=5))
    for slug, topic in report.topics.items():
        lines.append(f"  {one_line(slug)[:name_width]:<{name_width}} {bar(topic.mastery, chars)} "
                     f"{format_percent(100 * topic.mastery):>4}  {topic.seen} of {topic.facts} seen")
    lines.append("")
    if not report.days:
        lines.append("No answers on this pack yet.")
    else:
        shown = report.days[-DAYS_SHOWN:]
        lines.append(f"Accuracy by day (the last {len(shown)} days with answers)")
        for day in shown:
            lines.append(f"  {day.day.isoformat()}  {bar(day.accuracy, chars)} "
                         f"{format_percent(100 * day.accuracy):>4}  {day.correct} of {day.answered} right")
    return "\n".join(lines) + "\n"
