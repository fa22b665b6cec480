"""Word-by-word fuzzy matching: typos forgiven in proportion to each word's length."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from study.checking.normalize import tokens

_DIGIT = re.compile(r"\d")
#: Words that add nothing to a name: "the ATF agency", "Operation Armas Cruzadas program".
GENERIC = frozenset(
    {"agency", "agencies", "program", "programme", "operation", "project", "office", "the",
     "us", "federal", "department"}
)


@lru_cache(maxsize=65536)
def allowed_edits(word: str) -> int:
    """Typos forgiven in one word: none up to 3 letters, 1 up to 8, 2 beyond; none in numbers."""
    if _DIGIT.search(word):
        return 0
    n = len(word)
    if n <= 3:
        return 0
    if n <= 8:
        return 1
    return 2


@dataclass(frozen=True)
class Match:
    """How closely a response matched one form of an answer."""

    edits: int  # 0 means identical after normalisation
    form: tuple[str, ...]

    @property
    def exact(self) -> bool:
        return self.edits == 0


def word_edits(got: str, want: str) -> int | None:
    """Edits between two words, or None when more than the longer word allows."""
    if got == want:
        return 0
    limit = allowed_edits(want)
    if limit == 0 or (_DIGIT.search(got) is not None):
        return None
    if abs(len(got) - len(want)) > limit:
        return None
    distance = OSA.distance(got, want, score_cutoff=limit)
    return distance if distance <= limit else None


def match_tokens(got: tuple[str, ...], want: tuple[str, ...]) -> int | None:
    """Total edits when ``got`` is ``want`` up to per-word typos, else None."""
    if got == want:
        return 0
    if not got or not want:
        return None
    if len(got) == len(want):
        total = 0
        for g, w in zip(got, want, strict=True):
            edits = word_edits(g, w)
            if edits is None:
                break
            total += edits
        else:
            return total
    # Words run together or split apart ("gun runner" for "Gunrunner"): compare the letters,
    # allowing the sum of what each answer word allows.
    joined_got, joined_want = "".join(got), "".join(want)
    if joined_got == joined_want:
        return 1
    if _DIGIT.search(joined_got) or _DIGIT.search(joined_want):
        return None
    limit = _allowance(want)
    if limit and abs(len(joined_got) - len(joined_want)) <= limit:
        distance = OSA.distance(joined_got, joined_want, score_cutoff=limit)
        if distance <= limit:
            return max(distance, 1)
    return None


@lru_cache(maxsize=65536)
def _allowance(words: tuple[str, ...]) -> int:
    return sum(allowed_edits(w) for w in words)


def best_match(response: tuple[str, ...], forms: list[tuple[str, ...]]) -> Match | None:
    """The closest form the response matches, trying again without generic words."""
    best: Match | None = None
    for form in forms:
        edits = match_tokens(response, form)
        if edits is None:
            stripped_r = tuple(t for t in response if t not in GENERIC)
            stripped_f = tuple(t for t in form if t not in GENERIC)
            if stripped_r and stripped_f and (stripped_r != response or stripped_f != form):
                edits = match_tokens(stripped_r, stripped_f)
        if edits is not None and (best is None or edits < best.edits):
            best = Match(edits, form)
            if edits == 0:
                break
    return best


def as_tokens(text: str) -> tuple[str, ...]:
    return tokens(text)
