"""Answers with something beside them that changes nothing: the answer with an aside
("Harley, on March 5"), a sentence ending in the place ("They met in San Diego"), a sum worked
out to the figure ("22 + 20 = 42")."""

from __future__ import annotations

import re

from study.checking.context import Context
from study.checking.generic import known_name_words
from study.checking.matching import TITLES
from study.checking.normalize import normalize
from study.checking.numbers import quantities
from study.checking.strategies import STRATEGIES
from study.pack.models import Fact, Kind


def worked_out(fact: Fact, response: str, ctx: Context) -> bool:
    """Whether ``response`` shows its sum and ends in the answer: "22 + 20 = 42", "$10 million +
    $5.9 million = $15.9 million". The sum must be right, and what follows "=" the answer."""
    if fact.kind not in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT):
        return False
    left, _, result = response.rpartition("=")
    if not left.strip() or "+" not in left or not STRATEGIES[fact.kind](fact, result, ctx).correct:
        return False
    terms = [quantities(term) for term in left.split("+")]
    total = quantities(result)
    if not total or any(len(t) != 1 for t in terms):
        return False
    return abs(sum(t[0].value for t in terms) - total[0].value) <= 1e-6 * max(1.0, total[0].value)


#: Answers that are a name or a phrase: a detail beside one ("Harley, on March 5",
#: "small-time straw buyers, the 'little guys'") changes nothing.
_NAMED_KINDS = frozenset({Kind.PERSON, Kind.AGENCY, Kind.PLACE, Kind.TEXT})
#: The preposition before a place at the end of a sentence: "They met in San Diego".
_AT_PLACE = re.compile(r"\s+(?:in|at|to|from|near|of|around|into|outside)\s+", re.IGNORECASE)
_PARTS = re.compile(r"\s*[,;]\s*|\s+-+\s+|\s*\(\s*|\s*\)\s*")


def with_aside(fact: Fact, response: str, ctx: Context) -> bool:
    """Whether ``response`` is the answer with asides that name no one and nothing else
    ("Harley, on March 5", "south of the border, in Mexico", "all the way to the top, the
    Department of Justice"): its answer's part is right, and every other part names no
    candidate (no name the pack knows, no wrong choice)."""
    if fact.kind not in _NAMED_KINDS:
        return False
    strategy = STRATEGIES[fact.kind]
    parts = [p for p in _PARTS.split(response) if p and p.strip()]
    right: list[int] = []
    if len(parts) >= 2:
        # only a part sharing a word with the answer may be it (the strategy is the costly part)
        own = _answer_words(fact, ctx)
        right = [i for i, part in enumerate(parts)
                 if own.intersection(normalize(part).split()) and strategy(fact, part, ctx).correct]
    if fact.kind is Kind.PLACE and len(right) != 1:
        # "They met in San Diego, California.": the clause before the place's preposition
        text = response.strip().rstrip(".!")
        last = max(_AT_PLACE.finditer(text), key=lambda m: m.start(), default=None)
        if last is not None and strategy(fact, text[last.end():], ctx).correct:
            parts, right = [text[:last.start()], text[last.end():]], [1]
    if len(parts) < 2 or len(right) != 1:
        return False
    names = known_name_words(fact, ctx)
    for i, part in enumerate(parts):
        if i == right[0]:
            continue
        words = normalize(part).split()
        figures = [w for w in words if any(ch.isdigit() for ch in w)]
        if figures and (fact.kind is Kind.TEXT or not set(figures) <= ctx.passage_words.get(
                fact.cite, frozenset())):
            return False  # a date or figure beside a phrase, or one its source never gives
        if any(w in names or w in _HEDGES or w in _POSTS for w in words) or any(
                w[:1].isupper() and w.lower().strip(".") not in _PLAIN for w in part.split()):
            return False  # another name ("Harley, or MF", "Mexico, no wait, Canada")
    return True


def _answer_words(fact: Fact, ctx: Context) -> frozenset[str]:
    return ctx.memo(fact, "answer-words", lambda: frozenset(
        w for text in (*fact.items, *fact.accept) for w in normalize(text).split()))


#: Words of a post: "Melson, the drug czar" is judged by the post the pack gives him.
_POSTS = TITLES | frozenset("head chief czar boss leader operations official officer spokesman "
                            "spokeswoman".split())
#: Words that make an aside another answer or take the answer back, or give a source (judged
#: by the rule on sources: "according to my notes" is none).
_HEDGES = frozenset("or not no wait actually maybe either nor instead than rather according "
                    "per".split())
#: Capitalised words an aside may hold: "on March 5", "At a gas station".
_PLAIN = frozenset("i january february march april may june july august september october "
                   "november december jan feb mar apr jun jul aug sep sept oct nov dec monday "
                   "tuesday wednesday thursday friday saturday sunday the a an at in on all "
                   "he she they it his her their its by from".split())
