"""Judging one response: the checks every answer kind shares, then the kind's strategy."""

from __future__ import annotations

import re

from study.checking.context import Context
from study.checking.generic import is_generic, is_inner_place, is_rounded, known_name_words
from study.checking.matching import TITLES
from study.checking.normalize import is_dont_know, normalize
from study.checking.numbers import quantities
from study.checking.strategies import STRATEGIES, is_candidate
from study.checking.verdict import Outcome, Verdict
from study.pack.models import Fact, Kind

_NEGATIONS = ("not ", "no ", "never ", "isnt ", "wasnt ", "its not ", "it is not ")
#: "not quite 600" qualifies an amount ("nearly 600"); it negates nothing.
_QUALIFIERS = ("not quite ",)
#: "ICE, not ATF", "ICE but not ATF": a comma, a semicolon or "but" before the "not".
_BUT_NOT = re.compile(r"\s*(?:[,;]\s*|\s+but\s+)not\s+(?:the\s+)?", re.IGNORECASE)


def judge(fact: Fact, response: str, ctx: Context) -> Verdict:
    """``response`` to ``fact`` (a choice's letter already read as its option), judged."""
    if fact.kind is Kind.TRUEFALSE:
        return STRATEGIES[Kind.TRUEFALSE](fact, response, ctx)
    if is_dont_know(response):
        return Verdict.wrong(f"no answer given; the answer is {fact.answer_text}")
    said = normalize(response) + " "
    # Whether the answer is itself a negation is worked out only for a response that starts
    # with one or may rule one out (reading the answer's forms for every fact cost ~2% of
    # checking a class's first answers).
    if said.startswith(_NEGATIONS) and not said.startswith(_QUALIFIERS) and not _negative(
            fact, ctx):
        return Verdict.wrong(f"that negates an answer; the answer is {fact.answer_text}")
    # (the pattern only when the response has its "not": it tries every letter of the text)
    contrast = _BUT_NOT.split(response, maxsplit=1) if "not" in response.lower() else [response]
    if (len(contrast) == 2 and all(part.strip() for part in contrast)
            and not _negative(fact, ctx)):
        # "ICE, not ATF": right when the first part is the answer and the part ruled out is one
        # whole other candidate ("ICE, not sure" and "ICE, not just CBP" are not contrasts).
        chosen, ruled_out = contrast
        if is_candidate(fact, ruled_out, ctx):
            verdict = STRATEGIES[fact.kind](fact, chosen, ctx)
            if verdict.correct and not STRATEGIES[fact.kind](fact, ruled_out, ctx).correct:
                return verdict
    verdict = STRATEGIES[fact.kind](fact, response, ctx)
    if verdict.outcome is not Outcome.CORRECT and "=" in response and _worked_out(fact, response, ctx):
        return Verdict.right("correct (worked out)")
    if verdict.outcome is not Outcome.CORRECT and fact.kind in _NAMED_KINDS:
        aside = _with_aside(fact, response, ctx)
        if aside is not None:
            return aside
    if verdict.outcome is Outcome.INCORRECT and is_rounded(fact, response):
        return Verdict.close(f"{response.strip()!r} is the figure rounded; the source gives it "
                             f"exactly")
    if verdict.outcome is Outcome.INCORRECT and is_inner_place(fact, response, ctx):
        return Verdict.close(f"{response.strip()!r} is inside the place asked for: name the "
                             f"larger one")
    if verdict.outcome is Outcome.INCORRECT and is_generic(fact, response, ctx):
        # "the ICE guy" for Morton, "a few" for dozens: the kind of thing asked, not it
        return Verdict.close(f"{response.strip()!r} says what kind of answer it is, not which "
                             f"one: be more specific")
    return verdict


def _worked_out(fact: Fact, response: str, ctx: Context) -> bool:
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


def _with_aside(fact: Fact, response: str, ctx: Context) -> Verdict | None:
    """The verdict of a response made of the answer and asides that name no one and nothing
    else ("Harley, on March 5", "south of the border, in Mexico", "all the way to the top, the
    Department of Justice"): the answer's part's, when it is right and every other part names
    no candidate (no name the pack knows, no wrong choice)."""
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
        return None
    names = known_name_words(fact, ctx)
    for i, part in enumerate(parts):
        if i == right[0]:
            continue
        words = normalize(part).split()
        figures = [w for w in words if any(ch.isdigit() for ch in w)]
        if figures and (fact.kind is Kind.TEXT or not set(figures) <= ctx.passage_words.get(
                fact.cite, frozenset())):
            return None  # a date or figure beside a phrase, or one its source never gives
        if any(w in names or w in _HEDGES or w in _POSTS for w in words) or any(
                w[:1].isupper() and w.lower().strip(".") not in _PLAIN for w in part.split()):
            return None  # another name ("Harley, or MF", "Mexico, no wait, Canada")
    return Verdict.right("correct (with a detail beside it)")


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


def _negative(fact: Fact, ctx: Context) -> bool:
    return ctx.memo(fact, "negative", lambda: _negative_answer(fact))


def _negative_answer(fact: Fact) -> bool:
    """Whether the answer itself is phrased as a negation ("it was not on the radar")."""
    words = {w for text in (*fact.items, *fact.accept) for w in normalize(text).split()}
    return bool(words & {"not", "no", "never", "isnt", "wasnt"})
