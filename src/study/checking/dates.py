"""Dates and spans of time: "July 2009", "9/2010", "the summer of '09", "2004 to 2008".

An answer that is a date with its month, or a span ("2004 to 2008", "April to September
(2009)", "March 4 to March 7, 2011"), is a value of its own: every part the answer gives must
match (another month of the right year is wrong), a part left out is at most close (a year alone
for a month and year, one end alone for a span), and a span matches only when both ends do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from study.checking.forms import expand
from study.checking.matching import word_edits
from study.checking.normalize import fold
from study.checking.times import TIME_OF_DAY
from study.checking.verdict import Verdict

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_MONTHS = {name: index for index, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                "sept": 9, "oct": 10, "nov": 11, "dec": 12})
#: The months a season overlaps: "the summer of 2009" is on the way to July 2009, not wrong.
_SEASONS = {
    "spring": frozenset({3, 4, 5, 6}), "summer": frozenset({6, 7, 8, 9}),
    "fall": frozenset({9, 10, 11, 12}), "autumn": frozenset({9, 10, 11, 12}),
    "winter": frozenset({12, 1, 2, 3}),
}
#: Words that join the two ends of a span ("and" only after "between").
_JOINS = frozenset({"to", "through", "thru", "until", "till", "til", "-"})
#: Words that put the date somewhere else than the answer: "before July 2009".
_RELATIVE = frozenset({"before", "after", "prior", "pre", "post"})
_ALTERNATIVES = frozenset({"or", "nor", "either", "vs", "versus"})
_NEGATIONS = frozenset({"not", "no", "never", "isnt", "wasnt", "nt"})
#: Words that may stand inside one date: "July of 2009", "the summer of 2009".
_INSIDE = frozenset({"of", "the"})
#: Words around a date that say nothing else: "in July 2009", "the summer of 2009", "on March
#: 4, 2011 at 3:53 PM" (a time of day is a detail the answer does not check).
_QUIET = frozenset({"of", "the", "in", "on", "at", "timeofday"})
#: Where in a month, season or year: "early November 2009", "mid-2009", "the end of 2009". It
#: narrows the date without changing its parts; an answer's and a response's may contradict.
_POSITIONS = {"early": "early", "beginning": "early", "start": "early", "mid": "mid",
              "middle": "mid", "late": "late", "end": "late"}
_TOKEN = re.compile(
    r"(?P<iso>\b[12]\d{3}-\d{1,2}-\d{1,2}\b)"
    r"|(?P<numeric>\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b|\b\d{1,2}/(?:\d{4}|\d{2})\b)"
    r"|(?P<yy>'\d{2}\b)"
    r"|(?P<year>\b[12]\d{3}\b)"
    r"|(?P<num>\b\d{1,2}(?:st|nd|rd|th)?\b)"
    r"|(?P<other>\d[\d.,]*[a-z%]*)"
    r"|(?P<dash>-)"
    r"|(?P<word>[a-z]+)"
)


@dataclass(frozen=True)
class When:
    """A point in time as precisely as it was written."""

    year: int | None = None
    months: frozenset[int] | None = None  # one month, or the months of a season
    day: int | None = None

    def parts(self) -> frozenset[str]:
        return frozenset(name for name in ("year", "months", "day")
                         if getattr(self, name) is not None)


@dataclass(frozen=True)
class Period:
    """One date, or a span from ``start`` to ``end``; ``open`` for "since 2006" (no end)."""

    start: When
    end: When | None = None
    open: bool = False

    @property
    def span(self) -> bool:
        return self.end is not None


@dataclass
class _Raw:
    """The parts of one written date before a span decides what a bare number is."""

    year: int | None = None
    yy: int | None = None  # a two-digit year: "'09", "3/09"
    months: frozenset[int] | None = None
    day: int | None = None
    bare: str | None = None  # "7" in "March 4 to 7": a day or a two-digit year

    def empty(self) -> bool:
        return self.year is None and self.yy is None and self.months is None and (
            self.day is None and self.bare is None)


@dataclass
class Reading:
    """What a text says about dates: its periods, and what would make them not the answer."""

    periods: list[Period] = field(default_factory=list)
    relative: bool = False
    alternatives: bool = False
    negated: bool = False
    stray_numbers: bool = False
    words: int = 0  # words that are not part of a date
    positions: frozenset[str] = frozenset()  # "early", "mid", "late": where in the period


def _month(word: str, near_date: bool) -> int | None:
    month = _MONTHS.get(word)
    if month == 5 and word == "may" and not near_date:
        return None  # "may" is a month only beside a day or a year
    if month is None and len(word) >= 4 and near_date:
        # "Apirl", "Septmber": a typo of one month name and no other
        # (a word whose length differs from a month's by more than two is no typo of it: no
        # word is allowed more than two edits, and each edit changes a length by at most one)
        close = [m for name, m in _MONTHS.items()
                 if len(name) >= 4 and name != "may" and abs(len(name) - len(word)) <= 2
                 and word_edits(word, name) is not None]
        if len(set(close)) == 1:
            return close[0]
    return month


def _dateish(kind: str, value: str) -> bool:
    """Whether a neighbouring token makes a word read as a month: a number, a join, a month."""
    return kind in ("numeric", "iso", "yy", "year", "num", "dash") or value in _JOINS or (
        value in _MONTHS and value != "may")


def _tokens(text: str) -> list[tuple[str, str]]:
    if ":" in text:
        text = TIME_OF_DAY.sub(" timeofday ", text)  # before folding takes the colon away
    return [(m.lastgroup or "", m.group()) for m in _TOKEN.finditer(fold(text))]


def _position(tokens: list[tuple[str, str]], at: int) -> str | None:
    """The position ``tokens[at]`` gives the date after it ("early", "the end of", "mid-"),
    or None when it is not followed by a month, a season or a year."""
    position = _POSITIONS.get(tokens[at][1]) if tokens[at][0] == "word" else None
    if position is None:
        return None
    for kind, value in tokens[at + 1:at + 4]:
        if kind in ("year", "yy", "numeric", "iso") or value in _MONTHS or value in _SEASONS:
            return position
        if not (kind == "dash" or value in _INSIDE):
            return None
    return None


@lru_cache(maxsize=32768)
def read(text: str, century: int | None = None) -> Reading:
    """The dates and spans ``text`` names; two-digit years are read in ``century`` (e.g. 2000)."""
    tokens = _tokens(text)
    reading = Reading()
    items: list[_Raw | str] = []  # dates, and the words that join them
    current = _Raw()
    positions: set[str] = set()
    skip_dash = False

    def close() -> None:
        nonlocal current
        if not current.empty():
            items.append(current)
        current = _Raw()

    for at, (kind, value) in enumerate(tokens):
        if skip_dash and kind == "dash":
            skip_dash = False
            continue  # "mid-November"
        skip_dash = False
        if (position := _position(tokens, at)) is not None:
            close()
            positions.add(position)
            skip_dash = True
            continue
        near = any(_dateish(k, v) for k, v in (*tokens[max(at - 1, 0):at], *tokens[at + 1:at + 2]))
        if kind == "word" and (month := _month(value, near)) is not None:
            if current.months is not None:
                close()
            current.months = frozenset({month})
            if current.bare is not None and 1 <= int(current.bare) <= 31:
                current.day, current.bare = int(current.bare), None  # "4 March 2011"
        elif kind == "word" and value in _SEASONS:
            if current.months is not None:
                close()
            current.months = _SEASONS[value]
        elif kind in ("year", "yy"):
            if current.year is not None or current.yy is not None:
                close()
            if kind == "year":
                current.year = int(value)
            else:
                current.yy = int(value[1:])
        elif kind == "num":
            digits = value.rstrip("stndrh")
            if current.day is not None or current.bare is not None or (
                    current.months is None and (current.year or current.yy)):
                close()
            if current.months is not None and 1 <= int(digits) <= 31:
                current.day = int(digits)
            else:
                current.bare = digits
        elif kind == "iso":  # "2011-03-04": year, month, day
            close()
            iso_year, iso_month, iso_day = (int(part) for part in value.split("-"))
            if 1 <= iso_month <= 12 and 1 <= iso_day <= 31:
                items.append(_Raw(year=iso_year, months=frozenset({iso_month}), day=iso_day))
            else:
                reading.stray_numbers = True
        elif kind == "numeric":
            close()
            parts = value.split("/")
            month, year = int(parts[0]), parts[-1]
            raw = _Raw(months=frozenset({month}) if 1 <= month <= 12 else None)
            if len(year) == 4:
                raw.year = int(year)
            else:
                raw.yy = int(year)
            if len(parts) == 3:
                raw.day = int(parts[1])
            if raw.months is None or (raw.day is not None and not 1 <= raw.day <= 31):
                reading.stray_numbers = True
            else:
                items.append(raw)
        elif kind == "word" and value in _INSIDE and not current.empty():
            continue
        else:
            close()
            if kind == "other":
                reading.stray_numbers = True
            elif kind == "dash" or value in _JOINS:
                items.append("to")
            elif value in ("from", "between", "and", "since"):
                items.append(value)
            elif value in _RELATIVE:
                reading.relative = True
            elif value in _ALTERNATIVES:
                reading.alternatives = True
            elif value in _NEGATIONS:
                reading.negated = True
            elif kind == "word" and value not in _QUIET:
                reading.words += 1
    close()
    reading.periods = _periods(items, century, reading)
    reading.positions = frozenset(positions)
    return reading


def _periods(items: list[_Raw | str], century: int | None, reading: Reading) -> list[Period]:
    """The dates and spans among ``items``: "from/between A to/and B", "since A", "A"."""
    out: list[Period] = []
    at = 0
    opener = ""
    while at < len(items):
        item = items[at]
        if isinstance(item, str):
            if item in ("from", "between", "since"):
                opener = item
            at += 1
            continue
        joined = at + 2 < len(items) and isinstance(items[at + 2], _Raw) and (
            items[at + 1] == "to" or (items[at + 1] == "and" and opener == "between"))
        if joined:
            end = items[at + 2]
            assert isinstance(end, _Raw)
            span = _span(item, end, century)
            if span is None:
                reading.stray_numbers = True
            else:
                out.append(span)
            at += 3
        else:
            start = _single(item, century)
            if start is None:
                reading.stray_numbers = True
            else:
                out.append(Period(start, open=opener == "since"))
            at += 1
        opener = ""
    return out


def _full_year(yy: int, century: int | None, after: int | None = None) -> int | None:
    if after is not None:
        year = after - after % 100 + yy
        return year if year >= after else year + 100
    return None if century is None else century + yy


def _single(raw: _Raw, century: int | None) -> When | None:
    year = raw.year if raw.year is not None else (
        _full_year(raw.yy, century) if raw.yy is not None else None)
    if raw.yy is not None and year is None:
        return None
    if raw.bare is not None:
        if raw.months is None and year is None and len(raw.bare) == 2 and century is not None:
            return When(year=century + int(raw.bare))  # "08" for a year
        return None
    return When(year, raw.months, raw.day)


def _span(a: _Raw, b: _Raw, century: int | None) -> Period | None:
    a, b = replace(a), replace(b)
    for this, other in ((b, a), (a, b)):
        if this.bare is None:
            continue
        if this.months is None and (other.day is not None or other.months is not None) and (
                1 <= int(this.bare) <= 31):
            this.day, this.bare = int(this.bare), None  # "March 4 to 7"
            this.months = other.months
        elif this.months is None and this.year is None and (other.year or other.yy) and (
                other.months is None and len(this.bare) == 2):
            this.yy, this.bare = int(this.bare), None  # "2004-08"
    if a.bare is not None or b.bare is not None:
        return None
    if a.year is None and a.yy is not None:
        a.year = _full_year(a.yy, century if b.year is None else b.year - b.year % 100)
    if b.year is None and b.yy is not None:
        b.year = _full_year(b.yy, century, after=a.year)
    if (a.yy is not None and a.year is None) or (b.yy is not None and b.year is None):
        return None
    # "July to September 2009", "March 4 to March 7, 2011": one year for both ends.
    if a.year is None and b.year is not None and a.months is not None:
        a.year = b.year
    if b.year is None and a.year is not None and b.months is not None:
        b.year = a.year
    return Period(When(a.year, a.months, a.day), When(b.year, b.months, b.day))


# -- the answer ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateAnswer:
    """An answer that is a date with its month or a span: its fullest written form, and the
    parts of each end that every written form gives (the others are optional)."""

    period: Period
    required: tuple[frozenset[str], frozenset[str]]
    century: int | None
    positions: frozenset[str] = frozenset()  # "early" in "early November 2009"


def date_answer(texts: list[str], words_allowed: int = 0) -> DateAnswer | None:
    """The date ``texts[0]`` (the answer, then its accepted forms) states, when it is a date
    with a month or a span and nothing else; None otherwise."""
    # The first written form decides whether the answer may be a date at all (most are not):
    # the other texts are expanded only when it may.
    opening = next((forms[0] for text in texts if (forms := expand(text))), None)
    if opening is None or not _may_be_dated(opening):
        return None
    written = [form for text in texts for form in expand(text)]
    first = read(written[0])
    if not _plain(first, words_allowed):
        return None
    period = first.periods[0]
    start = period.start
    if not period.span and (start.months is None or start.year is None):
        return None  # a year alone is a number; a month alone is text
    if period.span and period.end and not (start.parts() and period.end.parts()):
        return None
    same: list[Period] = []
    for form in written:
        reading = read(form)
        if _plain(reading, words_allowed) and reading.periods[0].span == period.span:
            same.append(reading.periods[0])
    required_start = frozenset.intersection(*(p.start.parts() for p in same))
    ends = [p.end.parts() for p in same if p.end is not None]
    required_end = frozenset.intersection(*ends) if ends else frozenset()
    year = start.year or (period.end.year if period.end else None)
    return DateAnswer(period, (required_start, required_end),
                      None if year is None else year - year % 100, first.positions)


_DATE_WORDS = frozenset(_MONTHS) | frozenset(_SEASONS) | _JOINS
_HAS_DIGIT_OR_DASH = re.compile(r"[\d-]")
_WORD = re.compile(r"[a-z]+")


def _may_be_dated(text: str) -> bool:
    """False when `read` finds no date in ``text`` for certain: without a digit or a dash, a
    word reads as a month or season only beside a month, a season or a joining word, so a text
    with none of those names no date (skipping `read` on most answers saves ~40% of building a
    fact's checks)."""
    folded = fold(text)
    return bool(_HAS_DIGIT_OR_DASH.search(folded)) or not _DATE_WORDS.isdisjoint(
        _WORD.findall(folded))


def _plain(reading: Reading, words_allowed: int) -> bool:
    return (len(reading.periods) == 1 and not reading.periods[0].open and not (
        reading.relative or reading.alternatives or reading.negated or reading.stray_numbers)
        and reading.words <= words_allowed)


# -- judging a response -------------------------------------------------------------------------

_OK, _SHORT, _VAGUE, _WRONG = range(4)


def _compare(said: When, want: When, required: frozenset[str]) -> int:
    """How one written date stands to the answer's: right, short of a required part, vaguer
    (a season for its month), or wrong."""
    worst = _OK
    if said.year is not None:
        if want.year is None or said.year != want.year:
            return _WRONG  # a year the answer does not give cannot be checked
    elif "year" in required:
        worst = _SHORT
    if said.months is not None:
        if want.months is not None and not said.months <= want.months:
            if not want.months < said.months:
                return _WRONG
            worst = max(worst, _VAGUE)
    elif "months" in required:
        worst = max(worst, _SHORT)
    if said.day is not None:
        if want.day is not None and said.day != want.day:
            return _WRONG
    elif "day" in required:
        worst = max(worst, _SHORT)
    return worst


def _covers(said: When, want: When) -> bool:
    """Whether ``said`` is a vaguer date that holds ``want`` ("March 2011" holds March 4)."""
    return bool(said.parts()) and (said.year is None or said.year == want.year) and (
        said.months is None or (want.months is not None and want.months <= said.months)) and (
        said.day is None or said.day == want.day)


def judge(answer: DateAnswer, response: str, answer_text: str) -> Verdict:
    """The date strategy: ``response`` against a date or span answer."""
    reading = read(response, answer.century)
    if reading.negated:
        return Verdict.wrong(f"that negates an answer; the answer is {answer_text}")
    if not reading.periods:
        return Verdict.wrong(f"no date in the answer; the answer is {answer_text}")
    if len(reading.periods) > 1 or reading.alternatives or reading.stray_numbers:
        return Verdict.wrong(f"names several dates; the answer is {answer_text}")
    if reading.relative:
        return Verdict.wrong(f"before or after is not when; the answer is {answer_text}")
    said, want = reading.periods[0], answer.period
    vague = Verdict.close(f"on the right track, but be more specific than {response.strip()!r}")
    if reading.positions and answer.positions and not reading.positions & answer.positions:
        # "late November 2009" for "early November 2009": the parts agree, the time does not.
        if not want.span and _compare(said.start, want.start, answer.required[0]) == _OK:
            return Verdict.close(f"the right month, but not the right part of it: the answer "
                                 f"is {answer_text}")
        return Verdict.wrong(f"the answer is {answer_text}")
    if want.end is None:
        if said.span or said.open:
            return Verdict.wrong(f"a span is not one date; the answer is {answer_text}")
        result = _compare(said.start, want.start, answer.required[0])
        if result == _WRONG:
            return Verdict.wrong(f"the answer is {answer_text}")
        if result == _SHORT:
            missing = answer.required[0] - said.start.parts()
            if "months" in missing and said.start.year is not None:
                return Verdict.close("the right year, but which month?")
            if missing == {"year"}:
                return Verdict.close("the right month, but which year?")
            return vague
        return vague if result == _VAGUE else Verdict.right("correct")
    if said.end is None:
        ends = (want.start, want.end)
        if any(_compare(said.start, end, required) == _OK and said.start.parts() >= required
               for end, required in zip(ends, answer.required, strict=True)):
            return Verdict.close("that is one end of the span: from when to when?")
        if not said.open and all(_covers(said.start, end) for end in ends):
            return vague
        return Verdict.wrong(f"the answer is the span {answer_text}")
    results = (_compare(said.start, want.start, answer.required[0]),
               _compare(said.end, want.end, answer.required[1]))
    if _WRONG in results:
        return Verdict.wrong(f"the answer is {answer_text}")
    if any(result != _OK for result in results):
        return vague
    return Verdict.right("correct")


def clear_caches() -> None:
    read.cache_clear()
