"""Give-aways: a prompt that states another fact's answer is reported, and never shares a quiz."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from study.audit import audit
from study.pack.loader import load_pack
from study.pack.models import Pack
from study.quiz import Session
from study.quiz import giveaways as module
from study.quiz.giveaways import giveaways, partners

CORPUS = """---
id: feature
title: "A feature"
kind: magazine feature
credits: []
period: "2009"
source_file: feature.txt
---

## Chait {#chait}

Mark Chait of ATF changed the strategy in September 2010, after years of small cases.

## Bersin {#bersin}

Alan Bersin of Immigration and Customs Enforcement (ICE) called drugs and guns two ends of a single
problem. ATF, the Bureau of Alcohol, Tobacco, Firearms and Explosives, traces guns with eTrace.
"""

GLOSSARY = """- name: Bureau of Alcohol, Tobacco, Firearms and Explosives
  short: ATF
  kind: agency
- name: Immigration and Customs Enforcement
  short: ICE
  kind: agency
"""


def fact(fid: str, prompt: str, answer: str, kind: str, cite: str) -> str:
    return (f"- id: {fid}\n  prompt: \"{prompt}\"\n  answer: \"{answer}\"\n  kind: {kind}\n"
            f"  cite: feature#{cite}\n  topic: things\n  explain: Because.\n")


FACTS = [
    # the month's prompt says the year, and asks what the year's prompt asks
    fact("chait-year", "In what year did Mark Chait say he decided to change the strategy?",
         "2010", "year", "chait"),
    fact("chait-month", "In which month of 2010 did Mark Chait say he decided to change the "
         "strategy?", "September", "text", "chait"),
    # a quoted phrase of three words or more gives itself away anywhere
    fact("bersin-quote", "How did Alan Bersin describe northbound drugs and southbound guns?",
         "two ends of a single problem", "text", "bersin"),
    fact("bersin-person", "Who called drugs and guns two ends of a single problem?",
         "Alan Bersin", "person", "bersin"),
    # the long name in one prompt, the acronym as the other's answer
    fact("tracer", "Which agency traces guns with eTrace?", "ATF", "agency", "bersin"),
    fact("tracer-db", "Which database does the Bureau of Alcohol, Tobacco, Firearms and "
         "Explosives use to trace guns?", "eTrace", "text", "bersin"),
    # a name alone, in a prompt about something else, gives nothing away
    fact("chait-agency", "Mark Chait worked for which agency?", "ATF", "agency", "chait"),
    fact("bersin-agency", "Alan Bersin spoke for which agency?", "ICE", "agency", "bersin"),
]


def write_pack(root: Path, facts: list[str]) -> Pack:
    (root / "corpus").mkdir(parents=True)
    (root / "questions").mkdir()
    (root / "corpus" / "feature.md").write_text(CORPUS, encoding="utf-8")
    (root / "corpus" / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    (root / "questions" / "facts.yaml").write_text("\n".join(facts), encoding="utf-8")
    return load_pack(root)


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    return write_pack(tmp_path / "pack", FACTS)


def found(pack: Pack) -> set[tuple[str, str]]:
    return {(g.revealer.id, g.revealed.id) for g in giveaways(pack)}


def test_a_prompt_stating_another_facts_answer_is_a_giveaway(pack: Pack) -> None:
    assert found(pack) == {
        ("chait-month", "chait-year"),  # "2010", and the year's question restated
        ("bersin-person", "bersin-quote"),  # the quoted phrase
        ("tracer-db", "tracer"),  # the long name counts for the acronym
    }
    said = {g.revealed.id: g.said for g in giveaways(pack)}
    assert said["chait-year"] == "2010"
    assert said["tracer"] == "bureau of alcohol tobacco firearms and explosives"


def test_study_check_warns_at_the_prompt_and_names_both_facts(pack: Pack) -> None:
    warnings = [p for p in audit(pack) if "gives away" in p.message]
    assert len(warnings) == 3
    month = next(p for p in warnings if "'chait-month'" in p.message)
    year = pack.facts_by_id["chait-year"]
    assert month.severity == "warning" and month.field == "prompt"
    assert (month.path, month.line) == (pack.facts_by_id["chait-month"].path,
                                        pack.facts_by_id["chait-month"].line)
    assert f"'chait-year' ({year.path}:{year.line})" in month.message


def test_pairs_are_computed_once_per_pack(pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = module._find
    monkeypatch.setattr(module, "_find", lambda p: calls.append(p) or real(p))
    first = partners(pack)
    assert partners(pack) is first and giveaways(pack) is giveaways(pack)
    assert len(calls) == 1
    assert first["chait-year"] == frozenset({"chait-month"})


def test_a_quiz_never_asks_both_facts_of_a_pair(pack: Pack) -> None:
    pairs = [frozenset(p) for p in found(pack)]
    dropped = 0
    for seed in range(60):
        session = Session.build(pack, count=5, seed=seed)
        ids = [q.fact.id for q in session.questions]
        # the later member is left out and the next fact takes its place: the count is kept
        assert len(ids) == 5
        assert not [p for p in pairs if p <= set(ids)]
        everything = [q.fact.id for q in Session.build(pack, seed=seed).questions]
        assert len(everything) == len(pack.facts) - len(pairs)
        dropped += len(pack.facts) - len(everything)
    assert dropped == 60 * len(pairs)


def test_the_earlier_fact_of_a_pair_is_the_one_asked(pack: Pack) -> None:
    order = [pack.facts_by_id[i] for i in ("chait-month", "tracer", "chait-year", "bersin-agency")]
    session = Session.build(pack, facts=order, count=3, seed=1)
    assert [q.fact.id for q in session.questions] == ["chait-month", "tracer", "bersin-agency"]


def test_a_count_beyond_what_can_be_asked_together_says_why(pack: Pack) -> None:
    session = Session.build(pack, count=100, seed=3)
    assert session.total == len(pack.facts) - 3
    assert session.notes == [
        f"There are only {len(pack.facts) - 3} facts that can be asked together (3 left out: "
        "their questions would give away the answers of others): asking all "
        f"{len(pack.facts) - 3}."
    ]


def test_no_fact_pairs_with_itself_and_a_pack_without_pairs_is_untouched(tmp_path: Path) -> None:
    alone = write_pack(tmp_path / "alone", [FACTS[0], FACTS[6], FACTS[7]])
    assert giveaways(alone) == [] and partners(alone) == {}
    for seed, n in itertools.product(range(5), (1, 2, 3)):
        assert len(Session.build(alone, count=n, seed=seed).questions) == n


def test_the_pairs_are_kept_beside_the_parsed_pack(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from study.pack.cache import cache_dir, load_pack_cached

    monkeypatch.setenv("STUDY_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "pack"
    write_pack(root, FACTS)
    first = [(g.revealer.id, g.revealed.id, g.said) for g in giveaways(load_pack_cached(root))]
    assert len(first) == 3
    [entry] = cache_dir().glob("*.giveaways.json")
    # The next start: a new pack object, and finding the pairs again is not allowed.
    with monkeypatch.context() as patched:
        patched.setattr(module, "_memo", {})
        patched.setattr(module, "_find", lambda pack: pytest.fail("found again"))
        again = giveaways(load_pack_cached(root))
    assert [(g.revealer.id, g.revealed.id, g.said) for g in again] == first
    # A damaged entry, or one naming facts the pack lacks, is found again, never trusted.
    key = entry.name.split(".")[0]
    for damage in ('{"key": "' + key + '", "value": [["nope", "tracer", "ATF"]]}',
                   '{"key": "' + key + '", "value": 7}', "\x00 not json"):
        entry.write_text(damage)
        module._memo.clear()
        found_again = giveaways(load_pack_cached(root))
        assert [(g.revealer.id, g.revealed.id, g.said) for g in found_again] == first
