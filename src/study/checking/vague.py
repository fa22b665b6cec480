"""Answers on the way but too vague: part of a name, a place without what narrows it down, a
place inside the one asked, an exact figure rounded."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from study.checking.context import Context, Tokens
from study.checking.matching import GENERIC, NEGATORS, as_tokens, match_tokens, word_edits
from study.checking.normalize import normalize
from study.checking.numbers import quantities
from study.pack.models import Fact, Kind

_MODIFIERS = frozenset({"northern", "southern", "eastern", "western", "northeastern",
                        "northwestern", "southeastern", "southwestern", "upper", "lower",
                        "central"})


def is_modified_part(said: Tokens, forms: list[Tokens]) -> bool:
    """"Mexico" for "northern Mexico": the answer without the word that narrows it down."""
    for form in forms:
        if len(form) > len(said) and form[-len(said):] == said:
            if all(t in _MODIFIERS for t in form[: len(form) - len(said)]):
                return True
    return False


def is_vague_part(said: Tokens, forms: list[Tokens], exact: bool = False, share: int = 2) -> bool:
    """A response that is a proper, meaningful part of an answer form ("Armas" for the program):
    at least one ``share`` (a half) of some form's meaningful words; ``exact`` allows no typos."""
    meaningful = [t for t in said if _meaningful(t)]
    if not meaningful:
        return False
    size, needed = len(said), share * len(meaningful)
    first = said[0]
    # Whether the response's first word matches each word of the forms, worked out once per
    # word (the forms share most of their words): a window matches word by word, so one whose
    # first word does not match never does.
    starts: dict[str, bool] = {first: True}
    for form in forms:
        if size >= len(form):
            continue
        core = meaningful_count(form)
        if core < 2 or needed < core:
            continue
        for start in range(len(form) - size + 1):
            if start and form[start - 1] in _RANKS:
                continue  # "secretary of Homeland Security" is another post than its assistant's
            word = form[start]
            if exact:
                if word == first and said == form[start : start + size]:
                    return True
                continue
            opens = starts.get(word)
            if opens is None:
                opens = starts[word] = word_edits(first, word) is not None
            if opens and match_tokens(said, form[start : start + size]) is not None:
                return True
        # (the gaps only when the first word is in the form: `_gapped_part` looks for it first)
        if not exact and first in form and _gapped_part(said, form):
            return True
    return False


def _gapped_part(said: Tokens, form: Tokens) -> bool:
    """The response's words, in order, with words of the form left out between or before
    them ("Border Security Task Forces" for "Border Enforcement Security Task Forces"); never
    when a left-out word changes the meaning (a rank, a negation)."""
    at = 0
    skipped: list[str] = []
    for word in said:
        while at < len(form) and form[at] != word:
            skipped.append(form[at])
            at += 1
        if at == len(form):
            return False
        at += 1
    return bool(skipped) and not any(w in _RANKS or w in NEGATORS for w in skipped)


_RANKS = frozenset({"assistant", "deputy", "under", "vice", "associate"})


@lru_cache(maxsize=65536)
def meaningful_count(form: Tokens) -> int:
    return sum(_meaningful(t) for t in form)


def _meaningful(word: str) -> bool:
    return word not in GENERIC and len(word) >= 4


def is_rounded(fact: Fact, response: str) -> bool:
    """Whether ``response`` gives an exact figure rounded, and says so: "about 40" for 42,
    "about $6 million" for $5.9 million. A teacher asks for the figure the source gives."""
    if fact.kind not in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT) or not fact.items:
        return False
    said = quantities(response)
    exact = quantities(fact.items[0])
    if len(said) != 1 or len(exact) != 1:
        return False
    got, answer = said[0], exact[0]
    # (a bound's figure rounded too: "about 700" for "more than 680", "about 5,000" for "more
    # than 5,400")
    if got.qualifier != "approx" or answer.qualifier not in ("", "exact", "gt") or (
            got.unit != answer.unit):
        return False
    if got.value == answer.value or got.value <= 0 or answer.value <= 0:
        return False
    step = _step(got.value)
    close_enough = abs(got.value - answer.value) <= ROUNDING * answer.value
    # one significant figure dropped at most: "about 280" for 276, not "about 300"
    fewer = _figures(answer.value) - _figures(got.value)
    # a lower bound is rounded up as readily as to the nearest: "about 70%" for "more than 65%"
    roundings = (round, math.ceil) if answer.qualifier == "gt" else (round,)
    return close_enough and fewer <= 1 and any(
        math.isclose(how(answer.value / step) * step, got.value) for how in roundings)


def _step(value: float) -> float:
    """The place of ``value``'s last significant figure: 10 for 280, 1e6 for 6,000,000."""
    step = 10.0 ** math.floor(math.log10(value))
    while step > 1e-9 and not math.isclose(round(value / step) * step, value):
        step /= 10
    return step


def _figures(value: float) -> int:
    """How many significant figures ``value`` has: 3 for 276, 2 for 280, 2 for 5.9 million."""
    return max(1, math.floor(math.log10(value)) - math.floor(math.log10(_step(value))) + 1)


#: How far a rounded figure may be from the exact one (a share of it).
ROUNDING = 0.15


def is_inner_place(fact: Fact, response: str, ctx: Context) -> bool:
    """Whether ``response`` is a place inside the answer ("Houston" for Texas): on the way,
    but a teacher asks for the larger place the question wants."""
    if fact.kind is not Kind.PLACE:
        return False
    said = as_tokens(response)
    if not said:
        return False
    holders = ctx.holders(said)
    return any(as_tokens(form) in holders for form in (*fact.items, *fact.accept))


#: An amount said by its size: "hundreds", "a few hundred", "several thousand", "dozens of
#: guns"; and a share said in words: "most of them", "nearly all".
_MAGNITUDE = re.compile(
    r"^(?:about |around |some |maybe |probably )?(?P<lead>a few |few |several |many |a couple "
    r"(?:of )?)?(?P<size>dozens|dozen|hundreds|hundred|thousands|thousand|tens of thousands)"
    r"(?: of (?:\w+|them|those))?$")
_SIZES = {"dozen": (24, 150), "hundred": (200, 999), "thousand": (2_000, 9_999),
          "tens of thousands": (20_000, 99_999)}
_LEADS = {"a few ": (2, 6), "few ": (2, 6), "several ": (3, 9), "many ": (3, 9),
          "a couple ": (2, 3), "a couple of ": (2, 3)}
_SHARES = re.compile(r"^(?P<share>most|the majority|a majority|the bulk|nearly all|almost all|"
                     r"virtually all|the vast majority|a large majority)(?: of (?:it|them|those|"
                     r"\w+))?$")
_SHARE_FLOORS = {"most": 50, "the majority": 50, "a majority": 50, "the bulk": 50,
                 "nearly all": 85, "almost all": 85, "virtually all": 85,
                 "the vast majority": 80, "a large majority": 65}


def is_magnitude(fact: Fact, response: str) -> bool:
    """Whether ``response`` gives the figure's size without the figure, and the size fits:
    "hundreds" for almost 800, "a few hundred" for nearly 600, "most of them" for more than
    90 percent. A teacher asks for the figure; "a few hundred" for 5,400 stays wrong."""
    if fact.kind not in (Kind.NUMBER, Kind.PERCENT) or not fact.items:
        return False
    exact = quantities(fact.items[0])
    if len(exact) != 1:
        return False
    value = exact[0].value
    said = normalize(response)
    if fact.kind is Kind.PERCENT:
        m = _SHARES.match(said)
        return m is not None and _SHARE_FLOORS[m["share"]] < value <= 100
    m = _MAGNITUDE.match(said)
    if m is None:
        return False
    size = m["size"].removesuffix("s") if m["size"] != "tens of thousands" else m["size"]
    low, high = _SIZES[size]
    if m["lead"]:
        unit = low // 2 if size == "dozen" else 10 ** (len(str(low)) - 1)
        few, many = _LEADS[m["lead"]]
        low, high = few * unit, many * unit + unit - 1
    return low <= value <= high
