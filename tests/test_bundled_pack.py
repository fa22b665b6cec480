"""The bundled content pack: its size, its coverage, and that the checker agrees with it."""

from __future__ import annotations

from collections import Counter

import pytest

from study.audit import audit
from study.checking import check
from study.checking.forms import expand
from study.pack.models import CHOICE_KINDS, Kind


def test_size_and_coverage(bundled_pack) -> None:
    assert len(bundled_pack.sources) == 3
    assert 45 <= len(bundled_pack.passages) <= 70
    assert len(bundled_pack.facts) >= 150
    per_source = Counter(f.cite.split("#")[0] for f in bundled_pack.facts)
    # The magazine feature is the richest article, the news item the shortest.
    assert per_source["guns-and-drugs"] > per_source["fast-and-furious"] > per_source["ig-report"]
    assert per_source["ig-report"] >= 20
    kinds = Counter(f.kind for f in bundled_pack.facts)
    for kind in Kind:
        # The three articles state only two sums of money ($10 million, $5.9 million) and seven
        # percentages; asking each of them several times over would pad the pack (issue 15 cut
        # the 90 percent claim asked six times), so money and percent have their own floors.
        floor = {Kind.CHOICE: 1, Kind.MONEY: 2, Kind.PERCENT: 7}.get(kind, 8)
        assert kinds[kind] >= floor, f"only {kinds[kind]} {kind} facts"
    topics = bundled_pack.topics
    assert 8 <= len(topics) <= 12
    assert min(topics.values()) >= 5


def test_every_fact_is_explained_and_every_passage_cited(bundled_pack) -> None:
    assert [f.id for f in bundled_pack.facts if not f.explain] == []
    cited = {f.cite for f in bundled_pack.facts}
    assert sorted(set(bundled_pack.passages) - cited) == []


def test_choice_kinds_have_three_distractors(bundled_pack) -> None:
    short = [f.id for f in bundled_pack.facts
             if f.kind in CHOICE_KINDS and len(f.distractors) < 3]
    assert short == []


def test_audit_is_clean(bundled_pack) -> None:
    assert [str(p) for p in audit(bundled_pack)] == []


def test_every_answer_and_accepted_form_is_correct(bundled_pack) -> None:
    wrong = []
    for fact in bundled_pack.facts:
        forms = [", ".join(expand(i)[0] for i in fact.items)] if fact.kind is Kind.LIST else [
            f for text in fact.items for f in expand(text)
        ]
        forms += list(fact.accept)
        for form in forms:
            verdict = check(fact, form, bundled_pack)
            if not verdict.correct:
                wrong.append((fact.id, form, verdict.reason))
    assert wrong == []


def test_every_distractor_is_incorrect(bundled_pack) -> None:
    accepted = [
        (fact.id, d)
        for fact in bundled_pack.facts
        for d in fact.distractors
        if check(fact, d, bundled_pack).correct
    ]
    assert accepted == []


@pytest.mark.parametrize(
    ("wrong", "right"), [("ATF", "ICE"), ("2005", "2008"), ("Melson", "Morton")]
)
def test_content_rules_never_accept_a_different_fact(bundled_pack, wrong: str, right: str) -> None:
    """Wherever the pack's answer is ``right``, ``wrong`` is rejected."""
    facts = [f for f in bundled_pack.facts if f.kind is not Kind.LIST
             and any(right == form for text in f.items for form in expand(text))]
    for fact in facts:
        assert not check(fact, wrong, bundled_pack).correct, fact.id
