"""Times of day and spans of them: "3:40 PM to 6:45 PM", "15:40-18:45", "between 3:40 and 6:45 pm".

An answer that is a time of day, or a span of two, is a value of its own, as a date is
(`study.checking.dates`): a time is right in any usual form (12-hour with AM/PM, 24-hour, or
12-hour without them where "in the afternoon" or the answer's own half of the day settles it),
a span only when both ends are, and one end alone is close.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from study.checking.verdict import Verdict

#: A time: "3:40 PM", "3:40pm", "15:40", "3 p.m.", "11:43 a.m."; an hour alone needs AM/PM.
TIME_OF_DAY = re.compile(
    r"(?<![\d:])(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<half>[ap])\.?\s?m\b\.?"
    r"|(?<![\d:])(?P<h2>\d{1,2}):(?P<m2>\d{2})(?![\d:])",
    re.IGNORECASE,
)
#: Words after the times that settle the half of the day: "from 2:14 to 3:53 in the afternoon".
_AFTERNOON = re.compile(r"(?:in the (?:afternoon|evening)|at night|tonight)\b", re.IGNORECASE)
_MORNING = re.compile(r"in the morning\b", re.IGNORECASE)
#: What may join the two ends of a span.
_JOIN = re.compile(r"^\s*(?:-|\u2013|to|through|thru|until|till|and)\s*$", re.IGNORECASE)
_OTHER_DIGITS = re.compile(r"\d")
_HOUR_AND_HALF = re.compile(r"\d\s*[ap]\.?m\b", re.IGNORECASE)


@dataclass(frozen=True)
class Clock:
    """A time of day as minutes after midnight: one value, or two when the half of the day is
    not said ("3:40" is 3:40 or 15:40)."""

    minutes: frozenset[int]

    def agrees(self, other: Clock) -> bool:
        return bool(self.minutes & other.minutes)


@dataclass(frozen=True)
class TimeAnswer:
    """The time, or the two ends of the span, an answer gives."""

    start: Clock
    end: Clock | None


def _clocks(text: str) -> list[tuple[Clock, int, int]]:
    """The times ``text`` names, each with where it starts and ends (none when one cannot be a
    time of day, such as "25:10")."""
    # "in the afternoon" right after a time settles that time; at the end, every time before it
    settled = "p" if _AFTERNOON.search(text) else "a" if _MORNING.search(text) else ""
    out = []
    for m in TIME_OF_DAY.finditer(text):
        hour = int(m["h"] or m["h2"])
        minute = int(m["m"] or m["m2"] or 0)
        after = text[m.end():m.end() + 24]
        own = "p" if _AFTERNOON.match(after.lstrip()) else "a" if _MORNING.match(after.lstrip()) \
            else ""
        half = (m["half"] or own or settled).lower()
        if minute > 59 or hour > 23:
            return []
        if half and 1 <= hour <= 12:
            values = {hour % 12 * 60 + minute + (720 if half == "p" else 0)}
        elif hour > 12 or hour == 0:
            values = {hour * 60 + minute}
        else:  # "3:40": morning or afternoon
            values = {hour % 12 * 60 + minute, hour % 12 * 60 + minute + 720}
        out.append((Clock(frozenset(values)), m.start(), m.end()))
    return out


def read(text: str) -> tuple[TimeAnswer | None, bool]:
    """The time or span ``text`` names (None when it names none, or more than a span), and
    whether it is a span joined as a span is ("A to B", "A-B", "between A and B")."""
    clocks = _clocks(text)
    if not clocks or len(clocks) > 2:
        return None, False
    if len(clocks) == 1:
        return TimeAnswer(clocks[0][0], None), True
    (a, _, a_end), (b, b_start, _) = clocks
    between = _MORNING.sub(" ", _AFTERNOON.sub(" ", text[a_end:b_start]))
    joined = bool(_JOIN.match(between)) and (
        "and" not in between.lower() or "between" in text[:a_end].lower())
    # a 12-hour end without its half is the one that keeps the span in order ("11:43 to 15:16")
    if len(a.minutes) == 2 and len(b.minutes) == 1:
        a = Clock(frozenset(v for v in a.minutes if v <= min(b.minutes)) or a.minutes)
    if len(b.minutes) == 2 and len(a.minutes) == 1:
        b = Clock(frozenset(v for v in b.minutes if v >= min(a.minutes)) or b.minutes)
    return TimeAnswer(a, b), joined


def time_answer(texts: list[str]) -> TimeAnswer | None:
    """The time or span ``texts[0]`` (the answer) is, when it is nothing else: a time of day
    and no other figure ("3:40 PM to 6:45 PM", "11:43 a.m.")."""
    if not texts or (":" not in texts[0] and not _HOUR_AND_HALF.search(texts[0])):
        return None
    answer, joined = read(texts[0])
    if answer is None or not joined:
        return None
    rest = TIME_OF_DAY.sub(" ", texts[0])
    return None if _OTHER_DIGITS.search(rest) else answer


def judge(answer: TimeAnswer, response: str, answer_text: str, negated: bool = False) -> Verdict:
    """The time strategy: ``response`` against a time or span answer (``negated``: the response
    denies what it says, "not 3:40 to 6:45")."""
    if negated:
        return Verdict.wrong(f"that negates an answer; the answer is {answer_text}")
    said, joined = read(response)
    if said is None:
        return Verdict.wrong(f"no time of day in the answer; the answer is {answer_text}")
    if answer.end is None:
        if said.end is None and said.start.agrees(answer.start):
            return Verdict.right("correct")
        return Verdict.wrong(f"the answer is {answer_text}")
    if said.end is None:
        if said.start.agrees(answer.start) or said.start.agrees(answer.end):
            return Verdict.close("that is one end of the span: from when to when?")
        return Verdict.wrong(f"the answer is the span {answer_text}")
    if joined and said.start.agrees(answer.start) and said.end.agrees(answer.end):
        return Verdict.right("correct")
    return Verdict.wrong(f"the answer is the span {answer_text}")
