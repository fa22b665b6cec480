"""Scores for people: one decimal at most (3.33333 -> 3.3, 0.5 stays 0.5, 2.0 -> 2)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

_TENTH = Decimal("0.1")


@lru_cache(maxsize=4096)
def round_score(value: float) -> float:
    """``value`` rounded to one decimal, halves up (0.25 -> 0.3), as a number for JSON.

    Rounds the shortest decimal that reads back as ``value`` (``repr``), so 0.15 is 0.2, not
    the 0.1 that its binary value 0.1499... would give.
    """
    rounded = Decimal(repr(value)).quantize(_TENTH, rounding=ROUND_HALF_UP)
    return float(rounded) + 0.0  # + 0.0 turns -0.0 into 0.0


@lru_cache(maxsize=4096)
def format_score(value: float) -> str:
    """``value`` for people: at most one decimal, none when it is whole ("3.3", "2", "0.5")."""
    rounded = round_score(value)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"


@lru_cache(maxsize=4096)
def format_percent(percent: float) -> str:
    """A percentage (0 to 100) for people: whole, halves up ("12.5" -> "13%", as 0.25 -> 0.3)."""
    whole = Decimal(repr(percent)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{int(whole)}%"
