"""Give-aways: a fact whose prompt states another fact's answer, so that one question answers the
other when both are asked in one quiz.

A prompt gives away another fact's answer when it contains that answer, in any form the checker
takes for it (an acronym, a long name, a spelled-out number; every item, for a list), and also
either restates the other question (at least half of the other prompt's words, the answer's
aside) or quotes a phrase of three words or more that is not a name ("two ends of a single
problem"). A name alone is not enough: prompts name ATF, Melson or Mexico all the time without
telling the learner what another question asks about them. `study check` warns about every pair
(`study.audit`), and `Session.build` never puts both facts of a pair in one quiz.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from study.checking import context_for
from study.checking.normalize import tokens
from study.pack.cache import derived
from study.pack.models import Fact, Kind, Pack

Tokens = tuple[str, ...]

#: Words that say nothing about what a question asks: grammar, question words and the kinds of
#: answer they ask for ("which agency", "what year"), and the words prompts use to name their
#: source ("according to the feature").
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from by with and or nor as is are was were be been being did do "
    "does had has have what which who whom whose how when where why many much that this these "
    "those it its their his her he she they them than into about according said say says "
    "feature report news item blog post blogger magazine article more over under other not "
    "agency agencies person year month name kind type word country state city place number "
    "percent percentage share".split()
)
#: Half of what the other prompt asks, restated, tells the learner its answer.
RESTATED = 0.5
#: A phrase of this many words (not a name) is distinctive wherever it appears.
PHRASE_WORDS = 3
#: Answers that are phrases rather than names.
_PHRASE_KINDS = frozenset({Kind.TEXT, Kind.CHOICE, Kind.LIST})
_memo: dict[int, tuple[Pack, list[GiveAway], dict[str, frozenset[str]]]] = {}


@dataclass(frozen=True)
class GiveAway:
    """``revealer``'s prompt gives away ``revealed``'s answer, written there as ``said``."""

    revealer: Fact
    revealed: Fact
    said: str


def giveaways(pack: Pack) -> list[GiveAway]:
    """Every give-away of ``pack``, in the order of the revealing facts; computed once a pack."""
    return _computed(pack)[1]


def partners(pack: Pack) -> dict[str, frozenset[str]]:
    """For each fact id in a give-away pair, the ids it must not share a quiz with."""
    return _computed(pack)[2]


def _computed(pack: Pack) -> tuple[Pack, list[GiveAway], dict[str, frozenset[str]]]:
    # Once a pack: ~85 ms on the bundled pack when the checker has not yet expanded its answer
    # forms, ~15 ms when it has; every quiz after the first reuses the pairs, and a pack from
    # the parsed-pack cache reads them back from beside its entry (the first quiz at start-up).
    cached = _memo.get(id(pack))
    if cached is not None and cached[0] is pack:
        return cached
    by_id = pack.facts_by_id
    rows = derived(pack, "giveaways", lambda: [[g.revealer.id, g.revealed.id, g.said]
                                               for g in _find(pack)])
    try:
        found = [GiveAway(by_id[a], by_id[b], str(said)) for a, b, said in rows]
    except (KeyError, TypeError, ValueError):  # an entry of another shape: found again
        found = _find(pack)
    pairs: dict[str, set[str]] = defaultdict(set)
    for g in found:
        pairs[g.revealer.id].add(g.revealed.id)
        pairs[g.revealed.id].add(g.revealer.id)
    result = (pack, found, {k: frozenset(v) for k, v in pairs.items()})
    _memo[id(pack)] = result
    return result


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "ed", "es", "s", "e"):
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=8192)
def _content(words: Tokens) -> frozenset[str]:
    return frozenset(_stem(w) for w in words if w not in _FUNCTION_WORDS)


def _find(pack: Pack) -> list[GiveAway]:
    ctx = context_for(pack)
    names = {name for _, _, group in ctx.groups for name in group}
    names.update(toks for _, toks in ctx.people)
    prompts = [tokens(f.prompt) for f in pack.facts]
    words_of = [_content(p) for p in prompts]
    # Every run of words of every prompt, so that each answer form is looked up, not searched.
    answers: list[tuple[int, Fact, list[list[Tokens]]]] = []
    for b_at, fact in enumerate(pack.facts):
        if fact.kind is Kind.TRUEFALSE:
            continue
        texts = [[i] for i in fact.items] if fact.kind is Kind.LIST else [
            [*fact.items, *fact.accept]]
        answers.append((b_at, fact, [[f for t in group for f in ctx.forms(t, fact.kind)
                                      if _content(f)] for group in texts]))
    # Where each answer form occurs among the prompts' runs of words: looked up, not searched.
    wanted = {f for _, _, items in answers for forms in items for f in forms}
    lengths = sorted({len(f) for f in wanted})
    runs: dict[Tokens, set[int]] = defaultdict(set)
    for at, words in enumerate(prompts):
        for start in range(len(words)):
            for n in lengths:
                if start + n > len(words):
                    break
                if (run := words[start:start + n]) in wanted:
                    runs[run].add(at)
    found: list[tuple[int, int, GiveAway]] = []
    for b_at, fact, items in answers:
        answer_words = {w for forms in items for f in forms for w in _content(f)}
        asked = words_of[b_at] - answer_words
        # The prompts holding some form of every item, with the fullest form each holds.
        holders: dict[int, list[Tokens]] | None = None
        for forms in items:
            best: dict[int, Tokens] = {}
            for form in forms:
                for a_at in runs.get(form, ()):
                    if a_at not in best or len(_content(form)) > len(_content(best[a_at])):
                        best[a_at] = form
            holders = ({k: [v] for k, v in best.items()} if holders is None else
                       {k: [*holders[k], best[k]] for k in holders if k in best})
        for a_at, said in (holders or {}).items():
            if a_at == b_at:
                continue
            restated = bool(asked) and len(asked & words_of[a_at]) >= RESTATED * len(asked)
            phrase = (fact.kind in _PHRASE_KINDS and not any(f in names for f in said)
                      and sum(len(_content(f)) for f in said) >= PHRASE_WORDS)
            if restated or phrase:
                shown = "; ".join(" ".join(f) for f in said)
                found.append((a_at, b_at, GiveAway(pack.facts[a_at], fact, shown)))
    return [g for _, _, g in sorted(found, key=lambda t: (t[0], t[1]))]
