"""Real surnames: a name that is another real surname is never a typo of the answer's.

``data/surnames.txt`` holds the 5,000 most frequent surnames of the 1990 U.S. Census (public
domain; taken from the census's dist.all.last, as shipped by the `names` package), lowercase,
one a line, most frequent first. Only the 5,000 commonest are kept: rarer names are as likely
to be somebody's typo as a person ("Melsen", "Dodsen").
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def surnames() -> frozenset[str]:
    text = resources.files("study.checking").joinpath("data/surnames.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def is_surname(word: str) -> bool:
    """Whether ``word`` (normalised, lowercase) is a common real surname."""
    return word in surnames()
