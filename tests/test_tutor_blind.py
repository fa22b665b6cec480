"""Floors on the tutor's question sets, so that a change that makes it answer worse fails.

Each floor sits a little under the figure measured with `python -m study.bench tutor` (the
README gives the figures). The blind sets A and B were each scored once, blind, before any
change for them; since then dev, A and B are development data: their failures guided general
rules, and the tutor's decision (study/tutor/weights.json) is fitted on all three (and on E, see
below), so these are
not blind figures (`bench tutor --fit` prints each set's figures with the model fitted on the
other two). Set C was written by someone who never saw the code and scored once, blind, when
everything else was done; nothing was changed for it. Set D (234 questions, 43 the articles do
not answer, 11 where they disagree) was written the same way later and scored blind twice: before
the three rules of the fourth tutor pass (75.9% top-1) and after them (76.4%); nothing was
changed for it either. Set E (263 questions, 51 unanswerable, 13 disagreements) was scored
blind before the fifth tutor pass (63.7% top-1) and after it (67.0%), then used as development
data, the decision refitted on dev, A, B and E (C and D stay out of the fit). Set F (240
questions, 48 unanswerable, 12 disagreements) was scored once, blind, on the final code of that
pass (72.4% top-1); nothing was changed for it. Sets G and H, scored blind at the sixth pass,
were development data for the seventh, whose rules were drawn from the failures of every set
from dev to H (C and D included). Set I (244 questions, 42 unanswerable, 11 disagreements) was
written for the seventh pass by someone who never saw the code, scored blind before its rules
(76.2% top-1, 54.8% abstained, 4.5% wrongly) and after them (76.2%, 61.9%, 4.5%); nothing was
changed for it. Set J (233 questions, 39 unanswerable, 10 disagreements) was written the same
way while the seventh pass's rules were made, and scored blind on the code before them (73.2%,
56.4%, 5.2%) and after them (73.7%, 66.7%, 5.7%); nothing was changed for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from study.bench_tutor import Result, load_cases
from study.tutor import Tutor

DATA = Path(__file__).parent / "data"

#: set file -> (top-1 floor, abstention-recall floor, wrongly-abstained ceiling)
FLOORS = {
    # (the seventh pass's figures: dev 93.7% top-1, 57.5% abstained, 1.4% wrongly; A 77.2, 79.1,
    # 1.9; B 81.8, 68.4, 5.1; C 78.3, 64.0, 4.6; D 78.5, 67.4, 5.8; E 70.3, 70.6, 3.3; F 76.6,
    # 75.0, 3.6; G 74.9, 68.5, 4.9; H 77.3, 73.6, 8.6)
    "tutor_dev.yaml": (0.90, 0.52, 0.04),
    "tutor_blind_a.yaml": (0.74, 0.74, 0.05),
    "tutor_blind_b.yaml": (0.78, 0.63, 0.08),
    "tutor_blind_c.yaml": (0.75, 0.59, 0.07),
    "tutor_blind_d.yaml": (0.75, 0.62, 0.09),
    "tutor_blind_e.yaml": (0.67, 0.65, 0.06),
    "tutor_blind_f.yaml": (0.73, 0.70, 0.06),
    "tutor_blind_g.yaml": (0.72, 0.63, 0.08),
    "tutor_blind_h.yaml": (0.74, 0.68, 0.11),
    # scored blind before the seventh pass (76.2%, 54.8%, 4.5%) and after it (76.2%, 61.9%, 4.5%);
    # never fitted or tuned on
    "tutor_blind_i.yaml": (0.73, 0.57, 0.07),
    # scored blind before the seventh pass's rules (73.2%, 56.4%, 5.2%) and after (73.7%, 66.7%,
    # 5.7%); never fitted or tuned on
    "tutor_blind_j.yaml": (0.71, 0.61, 0.08),
    # written at stop 22 and scored blind once on the tutor as stop 21 left it (71.4%, 63.5%,
    # 6.9%); never fitted or tuned on
    "tutor_blind_k.yaml": (0.68, 0.58, 0.10),
}


@pytest.fixture(scope="module")
def tutor(bundled_tutor: Tutor) -> Tutor:
    return bundled_tutor


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_question_set_floors(tutor: Tutor, name: str) -> None:
    cases = load_cases(DATA / name)
    results = [Result(case, tutor.ask(case.question), 0.0) for case in cases]
    answerable = [r for r in results if r.case.answerable]
    unanswerable = [r for r in results if not r.case.answerable]
    top1 = sum(r.top1 for r in answerable) / len(answerable)
    recall = sum(not r.answer.found for r in unanswerable) / len(unanswerable)
    wrongly = sum(not r.answer.found for r in answerable) / len(answerable)
    top1_floor, recall_floor, wrongly_ceiling = FLOORS[name]
    assert top1 >= top1_floor, f"{name}: top-1 {top1:.3f}"
    assert recall >= recall_floor, f"{name}: abstention recall {recall:.3f}"
    assert wrongly <= wrongly_ceiling, f"{name}: wrongly abstained {wrongly:.3f}"


def test_scoring_needs_every_string_and_takes_any_alternative() -> None:
    from study.bench_tutor import contains_all

    assert contains_all("Mexico's President Felipe Calderón", ["Calderon|Calderón"])
    assert contains_all("more than 90 PERCENT, says GAO", ["90 percent", "GAO|Government Accountability"])
    assert not contains_all("more than 90 percent", ["90 percent", "GAO"])
