"""The checker's short cuts give the verdicts of its full reading: the verdicts it keeps, the
exact-form path, and its pack index built in two steps (and from two threads)."""

from __future__ import annotations

import threading

import pytest

from conftest import DATA
from study import checking
from study.checking import check, clear_caches, context_for, strategies
from study.checking.context import Context
from study.checking.forms import expand
from study.pack.loader import load_pack
from study.pack.models import Kind, Pack


def _variants(text: str) -> list[str]:
    """A written answer as learners type it: cased, spaced, punctuated, with an article."""
    return [text, text.lower(), text.upper(), f"  {text} ", f"{text}.", f"the {text}",
            f"{text}!", text.replace(" ", "  ")]


def _exact_responses(pack: Pack) -> list[tuple[str, str]]:
    return [(fact.id, variant) for fact in pack.facts if fact.kind is not Kind.TRUEFALSE
            for text in (*fact.items, *fact.accept) for written in expand(text)
            for variant in _variants(written)]


@pytest.mark.parametrize("which", ["bundled", "set6"])
def test_the_exact_form_path_gives_the_full_readings_verdict(
    bundled_pack, which: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = bundled_pack if which == "bundled" else load_pack(DATA / "set6")
    cases = _exact_responses(pack)
    clear_caches(packs=True)
    fast = [check(pack.facts_by_id[f], r, pack) for f, r in cases]
    monkeypatch.setattr(strategies, "_exact_form", lambda *args: None)
    clear_caches(packs=True)
    full = [check(pack.facts_by_id[f], r, pack) for f, r in cases]
    assert [(c, v) for c, v, w in zip(cases, fast, full, strict=True) if v != w] == []
    assert sum(v.correct for v in fast) > len(cases) / 2  # the path was taken


def test_the_verdicts_kept_are_bounded_least_recent_first_and_cleared(
    small_pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checking, "VERDICTS_KEPT", 3)
    fact = small_pack.facts[0]
    ctx = context_for(small_pack)
    clear_caches()
    for response in ("one", "two", "three"):
        check(fact, response, small_pack)
    check(fact, "one", small_pack)  # used again: now the most recent
    check(fact, "four", small_pack)  # the least recently used ("two") is forgotten
    assert [response for _, response in ctx.verdicts] == ["three", "one", "four"]
    clear_caches()
    assert not ctx.verdicts


def test_a_kept_verdict_is_never_given_for_another_version_of_the_fact(small_pack) -> None:
    fact = next(f for f in small_pack.facts if f.kind is Kind.AGENCY)
    clear_caches()
    assert not check(fact, "the trace system", small_pack).correct
    changed = fact.model_copy(update={"accept": [*fact.accept, "the trace system"]})
    assert check(changed, "the trace system", small_pack).correct


def test_the_index_in_two_steps_is_the_index_built_at_once(bundled_pack) -> None:
    clear_caches(packs=True)
    lazy = Context.from_pack(bundled_pack)
    assert "entities" not in vars(lazy)  # only the names so far
    fact = bundled_pack.facts[0]
    assert lazy.answer_forms(fact, fact.kind)  # answer forms need no more
    assert "entities" not in vars(lazy)
    eager = Context.from_pack(bundled_pack).prepare()
    assert lazy.rivals.keys() == eager.rivals.keys()  # the first use builds the rest
    for name in ("containers", "passage_words", "passage_sentences", "_same", "everyone",
                 "mentionable"):
        assert getattr(lazy, name) == getattr(eager, name), name
    assert lazy.prepare() is lazy


def test_checks_while_a_worker_builds_the_index_give_the_same_verdicts(bundled_pack) -> None:
    cases = [(f, d) for f in bundled_pack.facts for d in f.distractors[:1] + f.items[:1]]
    clear_caches(packs=True)
    alone = [check(f, r, bundled_pack) for f, r in cases]
    clear_caches(packs=True)
    worker = threading.Thread(target=lambda: context_for(bundled_pack).prepare())
    worker.start()
    together = [check(f, r, bundled_pack) for f, r in cases]
    worker.join()
    assert together == alone
