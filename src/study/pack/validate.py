"""Structural checks of one fact against its pack: citation, answer shape, answer in passage."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import lru_cache

from study.checking.forms import expand
from study.checking.normalize import normalize
from study.checking.numbers import quantities
from study.pack.models import NUMERIC_KINDS, Fact, Kind, Pack

TRUEFALSE_ANSWERS = ("true", "false")


def fact_problems(pack: Pack, fact: Fact) -> Iterator[tuple[str, str]]:
    """Yield (field, message) for every problem of ``fact`` that the schema cannot see."""
    if fact.kind is Kind.LIST:
        if not isinstance(fact.answer, list) or len(fact.answer) < 2:
            yield "answer", "a list fact's answer must be a YAML list of at least two items"
    elif isinstance(fact.answer, list):
        yield "answer", f"only list facts may have a list answer (this one is {fact.kind})"
        return
    if fact.kind is Kind.TRUEFALSE and fact.items[0].strip().lower() not in TRUEFALSE_ANSWERS:
        yield "answer", f"a truefalse answer is 'true' or 'false', not {fact.items[0]!r}"
    if fact.kind in NUMERIC_KINDS and not quantities(fact.items[0]):
        yield "answer", f"a {fact.kind} answer must state a value, not {fact.items[0]!r}"
    passage = pack.passages.get(fact.cite)
    if passage is None:
        near = difflib.get_close_matches(fact.cite, list(pack.passages), n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        yield "cite", f"cites {fact.cite!r}, which is not a passage of the pack{hint}"
        return
    if fact.kind is Kind.TRUEFALSE:
        return
    text = passage.text
    if fact.kind is Kind.LIST:
        missing = [item for item in fact.items if not states(text, item, fact.kind)]
        if missing:
            yield "answer", (
                f"the cited passage {fact.cite!r} does not state "
                + ", ".join(repr(m) for m in missing)
            )
    elif not any(states(text, form, fact.kind) for form in (*fact.items, *fact.accept)):
        yield "answer", (
            f"the cited passage {fact.cite!r} does not state the answer {fact.answer_text!r} "
            "or any accepted form"
        )


@lru_cache(maxsize=1024)
def _passage_words(text: str) -> str:
    return f" {normalize(text)} "


@lru_cache(maxsize=1024)
def _passage_values(text: str) -> frozenset[float]:
    return frozenset(q.value for q in quantities(text))


def states(passage_text: str, answer: str, kind: Kind) -> bool:
    """Whether a passage states ``answer``: its words (any written form) or, for numbers, value."""
    if kind in NUMERIC_KINDS or (kind is Kind.LIST and quantities(answer)):
        wanted = quantities(answer)
        if wanted:
            return wanted[0].value in _passage_values(passage_text)
    words = _passage_words(passage_text)
    return any(f" {normalize(form)} " in words for form in expand(answer) if normalize(form))


def states_answer(text: str, fact: Fact) -> bool:
    """Whether ``text`` tells ``fact``'s answer: every item of an answer of several, else any
    written form of the answer or of an accepted one."""
    if len(fact.items) > 1:
        return all(states(text, item, fact.kind) for item in fact.items)
    return any(states(text, form, fact.kind) for form in (*fact.items, *fact.accept))
