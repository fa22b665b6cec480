"""The benchmarks' own parts: the rounds' orders, the figures, and the pack copied N times."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

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


def test_bench_checker_takes_sets_by_name_and_says_which_names_there_are(
        capsys: pytest.CaptureFixture[str]) -> None:
    from study.bench.checker import SET9, SETS, _labelled_set

    parser = argparse.ArgumentParser(prog="bench checker")
    assert _labelled_set(parser, "set9") == SET9 == _labelled_set(parser, "checker_set9.csv")
    assert _labelled_set(parser, str(SETS[0])) == SETS[0]  # a file
    with pytest.raises(SystemExit) as exit:
        _labelled_set(parser, "set99")
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert "no labelled set 'set99'" in err and "labels, holdout" in err and "set10" in err


def test_bench_tutor_prints_the_tutor_against_the_baseline_as_a_ratio(capsys) -> None:
    from study.bench_tutor import Case, Result, Score, print_ratio
    from study.tutor import Answer

    case = Case("q1", "who?", True, False, ("x",))

    def score(name: str, seconds: list[float], build: float) -> Score:
        return Score(name, [Result(case, Answer("who?", True, "x"), s) for s in seconds], build)

    rows = [("one", score("tutor", [0.002, 0.004, 0.010], 0.060)),
            ("one", score("baseline", [0.001, 0.001, 0.002], 0.002)),
            ("two", score("tutor", [0.004], 0.080)), ("two", score("baseline", [0.002], 0.004))]
    print_ratio(rows)
    line = capsys.readouterr().out
    # medians of the sets' medians: tutor (4 + 4) / 2 ms against (1 + 2) / 2 ms; builds 70 / 3 ms
    assert "over 2 interleaved rounds" in line
    assert "median answer 4.00 ms / 1.50 ms = 2.7x (slowest 10.0 / 2.0 ms)" in line
    assert "index build 70.0 ms / 3.0 ms = 23.3x (slowest 80.0 / 4.0 ms)" in line


@pytest.mark.parametrize(("first", "people"), [("SET12", 3), ("SET13", 2)])
def test_the_markers_table_compares_every_marking_with_every_other(capsys, first: str,
                                                                    people: int) -> None:
    """Several people's marks of one set, two by two, and the checker's: a symmetric table."""
    from study.bench import checker

    checker.markers(getattr(checker, first))
    rows = [line for line in capsys.readouterr().out.splitlines()
            if line.startswith("| ") and "%" in line]
    cells = [[c.strip() for c in row.strip("|").split("|")][1:] for row in rows]
    assert len(cells) == people and all(len(row) == people + 1 for row in cells)
    for i in range(people):
        assert cells[i][i] == "-"
        for j in range(people):
            assert cells[i][j] == cells[j][i]
            if i != j:
                assert 50.0 < float(cells[i][j].rstrip("%")) < 100.0  # they differ somewhere
