"""The checker against the labelled sets in tests/data: a regression guard on its accuracy.

Each set's floor is a little under what the checker reaches on it now. The third and fourth sets,
written to hold only phrasings the earlier ones lack, are the hardest: measured blind they gave
89.1% and 93.0% (see README). The fifth, a simulated class with answers in the usual mix, gave
98.9% blind and nothing was changed for it.
"""

from __future__ import annotations

import pytest

from conftest import DATA
from study.checkbench import exact_baseline, load_cases, study_checker


@pytest.mark.parametrize(
    ("name", "floor"),
    [("checker_labels.csv", 0.99), ("checker_holdout.csv", 0.99), ("checker_blind3.csv", 0.935),
     ("checker_blind4.csv", 0.93), ("checker_class5.csv", 0.98)],
)
def test_labelled_set_agreement_and_false_accepts(bundled_pack, name: str, floor: float) -> None:
    cases = load_cases(bundled_pack, DATA / name)
    assert len(cases) >= 400
    judge = study_checker(bundled_pack)
    got = [judge(c.fact, c.response) for c in cases]
    agree = sum(g == c.label for g, c in zip(got, cases, strict=True)) / len(cases)
    wrong = [c for c in cases if c.label != "correct"]
    false_accepts = sum(
        g == "correct" and c.label != "correct" for g, c in zip(got, cases, strict=True)
    )
    assert agree >= floor
    assert false_accepts <= 0.01 * len(wrong)
    # The checker must beat exact matching by a wide margin, or it is not earning its keep.
    exact = exact_baseline(bundled_pack)
    exact_agree = sum(exact(c.fact, c.response) == c.label for c in cases) / len(cases)
    assert agree - exact_agree >= 0.15
