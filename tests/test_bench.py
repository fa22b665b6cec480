"""The benchmarks' own parts: the rounds' orders, the figures, and the pack copied N times."""

from __future__ import annotations

from pathlib import Path

from conftest import SMALL_PACK
from study.bench.pack import multiply, tag
from study.bench.timing import Figure, orders
from study.checking import check
from study.pack.loader import load_pack


def test_every_contender_runs_first_in_turn() -> None:
    rounds = [order for _, order in orders(["a", "b", "c"], 3)]
    assert rounds == [["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"]]


def test_the_slowest_round_of_a_rate_is_its_lowest() -> None:
    rate, time = Figure.of([3.0, 1.0, 2.0], higher_is_better=True), Figure.of([3.0, 1.0, 2.0])
    assert (rate.median, rate.slowest, time.slowest) == (2.0, 1.0, 3.0)


def test_a_pack_copied_three_times_has_its_names_made_distinct_per_copy(tmp_path: Path) -> None:
    one = load_pack(SMALL_PACK)
    three = load_pack(multiply(SMALL_PACK, tmp_path / "x3", 3))
    assert len(three.facts) == 3 * len(one.facts) and len(three.facts_by_id) == len(three.facts)
    assert len(three.glossary) == 3 * len(one.glossary)
    assert len({tag(n) for n in range(26)}) == 26
    named = next(f for f in one.facts if f.kind == "agency")
    for copy in range(3):
        fact = three.facts_by_id[f"{named.id}-c{copy}"]
        assert tag(copy) in fact.answer_text.lower()
        assert fact.cite.split("#")[0].endswith(f"-c{copy}")
        assert check(fact, fact.answer_text, three).correct
