"""The checker against the labelled sets in tests/data: a regression guard on its accuracy.

Each set's floor is a little under what the checker reaches on it now. The third and fourth sets,
written to hold only phrasings the earlier ones lack, are the hardest: measured blind they gave
89.1% and 93.0% (see README). The fifth, a simulated class with answers in the usual mix, gave
98.9% blind and nothing was changed for it. The sixth, on 60 new questions with a pack of their
own, gave 80.8% blind (issue 13: dates, spans, fuller answers). The sixth and seventh teachers
mark a bare number for a bounded answer ("90%" for "more than 90 percent", "800" for "almost 800")
close where the first set marks it correct; the checker follows the bound's meaning (it is half
the claim), so those 12 rows of the first set are disagreements it keeps on purpose.
"""

from __future__ import annotations

import pytest

from conftest import DATA
from study.bench.checker import exact_baseline, load_cases, study_checker
from study.pack.loader import load_pack


@pytest.mark.parametrize(
    ("name", "floor", "false_accepts_of_wrong"),
    [("checker_labels.csv", 0.98, 0.01), ("checker_holdout.csv", 0.99, 0.01),
     ("checker_blind3.csv", 0.95, 0.01), ("checker_blind4.csv", 0.945, 0.01),
     ("checker_class5.csv", 0.98, 0.01), ("checker_set6.csv", 0.97, 0.01),
     ("checker_set7.csv", 0.95, 0.01), ("checker_set8.csv", 0.88, 0.01),
     ("checker_set9.csv", 0.83, 0.01), ("checker_set10.csv", 0.77, 0.01),
     # scored blind before and after the rules of its stop (85.3% and 87.2% through
     # `study score`, 5 false accepts of 180 wrong both times): the false-accept target not met
     ("checker_set11.csv", 0.85, 0.03),
     # scored blind three times at its stop: 80.3%, 81.9%, 81.9% (false accepts 0.6% of all)
     ("checker_set12.csv", 0.80, 0.02),
     # marked to docs/grading.md; blind 88.6% before its stop, 90.3% on its stop's checker
     # before any change made for it (false accepts 0.8% and 0.6% of all)
     ("checker_set13.csv", 0.88, 0.02),
     # marked to docs/grading.md; blind once on the final checker of its stop: 90.6% (false
     # accepts 0.8% of all), 88.1% on the checker before that stop
     ("checker_set14.csv", 0.88, 0.03),
     # marked to docs/grading.md; blind 91.9% on the checker of the stop before its own (false
     # accepts 0.6% of all)
     ("checker_set15.csv", 0.90, 0.02)],
)
def test_labelled_set_agreement_and_false_accepts(
    bundled_pack, name: str, floor: float, false_accepts_of_wrong: float
) -> None:
    # The sixth to 15th sets bring their own packs of 60 questions (tests/data/set6 to 13).
    own = {"checker_set6.csv": "set6", "checker_set7.csv": "set7", "checker_set8.csv": "set8",
           "checker_set9.csv": "set9", "checker_set10.csv": "set10", "checker_set11.csv": "set11",
           "checker_set12.csv": "set12", "checker_set13.csv": "set13",
           "checker_set14.csv": "set14", "checker_set15.csv": "set15"}
    pack = load_pack(DATA / own[name]) if name in own else bundled_pack
    cases = load_cases(pack, DATA / name)
    assert len(cases) >= 350
    judge = study_checker(pack)
    got = [judge(c.fact, c.response) for c in cases]
    agree = sum(g == c.label for g, c in zip(got, cases, strict=True)) / len(cases)
    wrong = [c for c in cases if c.label != "correct"]
    false_accepts = sum(
        g == "correct" and c.label != "correct" for g, c in zip(got, cases, strict=True)
    )
    assert agree >= floor
    assert false_accepts <= false_accepts_of_wrong * len(wrong)
    # The checker must beat exact matching by a wide margin, or it is not earning its keep.
    exact = exact_baseline(pack)
    exact_agree = sum(exact(c.fact, c.response) == c.label for c in cases) / len(cases)
    assert agree - exact_agree >= 0.15
