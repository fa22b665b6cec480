"""Scores for people: one decimal at most."""

from __future__ import annotations

import pytest

from study.rounding import format_percent, format_score, round_score


@pytest.mark.parametrize(
    ("value", "shown"),
    [(10 / 3, "3.3"), (3.33333, "3.3"), (0.5, "0.5"), (2.0, "2"), (0.0, "0"), (16 / 3, "5.3"),
     (2 / 3, "0.7"), (0.25, "0.3"), (0.15, "0.2"), (7.5, "7.5"), (99.95, "100"), (-0.0, "0")],
)
def test_format_score(value: float, shown: str) -> None:
    assert format_score(value) == shown
    assert round_score(value) == float(shown)


@pytest.mark.parametrize(("percent", "shown"), [(12.5, "13%"), (62.5, "63%"), (33.333, "33%"),
                                                (0.0, "0%"), (99.5, "100%"), (100 * 2 / 3, "67%")])
def test_format_percent_rounds_halves_up_like_scores(percent: float, shown: str) -> None:
    assert format_percent(percent) == shown
