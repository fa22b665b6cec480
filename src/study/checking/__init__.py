"""The answer checker: `check(fact, response, pack)` returns a `Verdict`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from study.checking.choices import resolve_choice
from study.checking.verdict import Outcome, Verdict
from study.pack.models import Fact, Pack, display_form

if TYPE_CHECKING:  # imported when a pack's context is first built (~15 ms: `study --help`)
    from study.checking.context import Context

__all__ = ["Outcome", "Verdict", "check", "clear_caches", "context_for", "prepare"]

#: Longer responses are essays, not answers: the longest list answer in the pack is ~40 words.
MAX_WORDS = 150
#: Verdicts kept per pack (about 300 bytes each): a class of 30 answering 250 questions is 7,500.
VERDICTS_KEPT = 20_000
_contexts: dict[int, tuple[Pack, Context]] = {}


def context_for(pack: Pack | None) -> Context:
    """The checker's knowledge of ``pack``, built on first use and kept for the pack's life."""
    cached = _contexts.get(id(pack))
    if cached is not None and cached[0] is pack:
        return cached[1]
    from study.checking.context import Context

    if pack is None:
        return Context.empty()
    ctx = Context.from_pack(pack)
    _contexts[id(pack)] = (pack, ctx)
    return ctx


def prepare(pack: Pack) -> Context:
    """Everything the first check on ``pack`` needs, built now: the pack's whole index
    (`Context.prepare`) and the checker's own code and rapidfuzz, imported. A worker calls it
    while the learner reads the first screen; a benchmark's index build is this."""
    from study.checking import judge  # noqa: F401  (imported, so the first check need not)
    from study.checking.matching import osa

    osa("", "")  # binds rapidfuzz's function in its place
    return context_for(pack).prepare()


def clear_caches(packs: bool = False) -> None:
    """Forget every response the checker has seen (the verdicts it keeps included), so that a
    benchmark measures responses it meets for the first time; with ``packs``, forget its
    knowledge of every pack too (rebuilt on the next check), so that a benchmark can measure a
    cold start."""
    from study.checking import around, dates, matching
    from study.checking.normalize import normalize, tokens
    from study.checking.numbers import quantities
    from study.checking.vague import meaningful_count

    for _, ctx in _contexts.values():
        ctx.verdicts.clear()
    if packs:
        _contexts.clear()
        display_form.cache_clear()
        around.mention_forms_cache_clear()
    for cached in (normalize, tokens, quantities, meaningful_count):
        cached.cache_clear()
    matching.clear_caches()
    dates.clear_caches()


def check(
    fact: Fact,
    response: str,
    pack: Pack | None = None,
    choices: Sequence[str] | None = None,
) -> Verdict:
    """Judge ``response`` to ``fact`` as a strict but fair teacher would.

    ``choices`` are the options shown for a multiple-choice question, so "B" means the second.
    """
    if len(response.split()) > MAX_WORDS:
        # No answer in a pack runs to this length; reading it for numbers would cost ~50 ms.
        return Verdict.wrong(f"too long for an answer; the answer is {fact.answer_text}")
    response = resolve_choice(response, choices)
    ctx = context_for(pack)
    # A class types the same answers: the verdict of a response met before is kept, a bounded
    # number of them, the least recently used forgotten first. The key is the response as
    # typed, not normalised: "ICE, not ATF" and "ICE not ATF" are judged differently.
    key = (fact.id, response)
    kept = ctx.verdicts.get(key)
    if kept is not None and kept[0] is fact:
        ctx.verdicts.move_to_end(key)
        return kept[1]
    verdict = _judge(fact, response, ctx)
    ctx.verdicts[key] = (fact, verdict)
    if len(ctx.verdicts) > VERDICTS_KEPT:
        ctx.verdicts.popitem(last=False)
    return verdict


def _judge(fact: Fact, response: str, ctx: Context) -> Verdict:
    """The first check imports the checker (~40 ms: a quiz's first screen does without it) and
    puts `judge.judge` in this name's place."""
    from study.checking.judge import judge

    globals()["_judge"] = judge
    return judge(fact, response, ctx)



