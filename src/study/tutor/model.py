"""The tutor's decision: how likely each candidate answer is to be right, and when to abstain.

Each candidate (a curated fact, or a passage sentence) is described by a few measured features
(how much of the question it covers, whether the names asked about are in it, whether it holds
the kind of answer wanted, ...). A logistic model per kind of candidate turns them into the
probability that the answer is right; the tutor answers with the likeliest candidate, and
abstains when even that one is below ``threshold``.

The weights live in ``weights.json`` beside this module. They are fitted, with the threshold,
by `python -m study.bench tutor --fit` on the labelled question sets in tests/data/ (each
question's must_contain strings say which candidates are right), which also reports the
figures of each set with a model fitted on the other sets only.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

#: The features of a sentence candidate and of a fact candidate, in the weights' order.
SENTENCE_FEATURES = (
    "coverage", "direct", "bonus", "first", "gap", "names_missing", "max_missing", "unknown",
    "answers", "novel", "defines", "reason", "manner", "owned", "fact_here", "fact_best",
    "bm25", "typed", "why_how", "define_q", "yesno", "terms", "count_ok", "count_bad",
    "content_missing", "distance", "fact_support", "names_indirect", "relation_missing",
)
FACT_FEATURES = (
    "coverage", "recall", "precision", "first", "gap", "prompt_names_missing", "max_missing",
    "unknown", "stated", "sentence_best", "same_want", "focus", "bm25", "typed", "why_how",
    "yesno", "terms", "list", "count_ok", "count_bad", "content_missing", "prompt_name_max",
)


@dataclass(frozen=True)
class Model:
    """Weights per feature (and a "bias") for each kind of candidate, and the abstention line."""

    sentence: Mapping[str, float] = field(default_factory=dict)
    fact: Mapping[str, float] = field(default_factory=dict)
    threshold: float = 0.5

    def probability(self, kind: str, features: Mapping[str, float]) -> float:
        """The probability that a candidate of ``kind`` ("sentence" or "fact") is right."""
        weights = self.sentence if kind == "sentence" else self.fact
        z = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * value
                                            for name, value in features.items())
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> dict[str, object]:
        return {"threshold": self.threshold, "sentence": dict(self.sentence), "fact": dict(self.fact)}


@cache
def fitted() -> Model:
    """The model fitted on the bundled question sets (weights.json)."""
    text = resources.files("study.tutor").joinpath("weights.json").read_text("utf-8")
    data = json.loads(text)
    return Model(data["sentence"], data["fact"], float(data["threshold"]))
