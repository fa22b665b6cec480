"""Judging one response: the checks every answer kind shares, then the kind's strategy, then
the readings that change a wrong verdict (an aside or a worked sum beside the answer makes it
right; a rounded figure, a place inside the one asked or only the kind of answer makes it
close)."""

from __future__ import annotations

import re

from study.checking.asides import WORKED, in_other_order, with_aside, worked_out
from study.checking.context import Context
from study.checking.generic import describes_only, direction_of, is_generic
from study.checking.normalize import is_dont_know, normalize
from study.checking.strategies import STRATEGIES, is_candidate
from study.checking.vague import is_inner_place, is_magnitude, is_rounded
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
    if verdict.outcome is not Outcome.CORRECT and WORKED.search(response) and worked_out(
            fact, response, ctx):
        return Verdict.right("correct (worked out)")
    if verdict.outcome is not Outcome.CORRECT and with_aside(fact, response, ctx):
        return Verdict.right("correct (with a detail beside it)")
    if verdict.outcome is not Outcome.CORRECT and in_other_order(fact, response, ctx):
        return Verdict.right("correct (the answer's words in another order)")
    if fact.kind is Kind.PLACE and verdict.outcome is not Outcome.CORRECT:
        direction = direction_of(fact, response)
        if direction:
            return Verdict.right("correct: the part of it the question asks about")
        if direction is False and verdict.outcome is Outcome.CLOSE:
            return Verdict.wrong(f"that is another part; the answer is {fact.answer_text}")
    if verdict.outcome is Outcome.INCORRECT and is_rounded(fact, response):
        return Verdict.close(f"{response.strip()!r} is the figure rounded; the source says "
                             f"{fact.answer_text}")
    if verdict.outcome is Outcome.INCORRECT and is_magnitude(fact, response):
        return Verdict.close(f"{response.strip()!r} gives the size of the figure, not the figure "
                             f"the source gives")
    if verdict.outcome is Outcome.INCORRECT and is_inner_place(fact, response, ctx):
        return Verdict.close(f"{response.strip()!r} is inside the place asked for: name the "
                             f"larger one")
    if verdict.outcome is Outcome.INCORRECT and describes_only(fact, response, ctx):
        return Verdict.close(f"{response.strip()!r} describes the person; name them")
    if verdict.outcome is Outcome.INCORRECT and is_generic(fact, response, ctx):
        # "the ICE guy" for Morton, "a few" for dozens: the kind of thing asked, not it
        return Verdict.close(f"{response.strip()!r} says what kind of answer it is, not which "
                             f"one: be more specific")
    return verdict


def _negative(fact: Fact, ctx: Context) -> bool:
    return ctx.memo(fact, "negative", lambda: _negative_answer(fact))


def _negative_answer(fact: Fact) -> bool:
    """Whether the answer itself is phrased as a negation ("it was not on the radar")."""
    words = {w for text in (*fact.items, *fact.accept) for w in normalize(text).split()}
    return bool(words & {"not", "no", "never", "isnt", "wasnt"})
