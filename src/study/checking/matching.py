"""Word-by-word fuzzy matching: typos forgiven in proportion to each word's length."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from study.checking.normalize import tokens

_DIGIT = re.compile(r"\d")
#: Words that add nothing to a name: "the ATF agency", "Operation Armas Cruzadas program".
GENERIC = frozenset(
    {"agency", "agencies", "program", "programme", "operation", "project", "office", "the",
     "us", "federal", "department"}
)


def osa(first: str, second: str, score_cutoff: int | None = None) -> int:
    """Optimal string alignment distance (rapidfuzz's, in C). The first call imports rapidfuzz
    (~15 ms, which a quiz's first screen does without) and puts its function in this name's
    place, so later calls cost nothing more."""
    from rapidfuzz.distance import OSA

    globals()["osa"] = OSA.distance
    return int(OSA.distance(first, second, score_cutoff=score_cutoff))


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


#: Words that differ by a letter or two from a word of opposite meaning: never "typos".
CONTRASTIVE = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
     "southeastern", "southwestern", "more", "less", "most", "least", "before", "after",
     "import", "export", "imports", "exports", "inbound", "outbound", "north-bound",
     "southbound", "northbound", "legal", "illegal", "licit", "illicit", "was", "not", "now"}
)
NEGATORS = frozenset({"not", "no", "never", "without"})


def word_edits(got: str, want: str) -> int | None:
    """Edits between two words, or None when more than the longer word allows."""
    if got == want:
        return 0
    if got in CONTRASTIVE:
        return None
    limit = allowed_edits(want)
    if want in CONTRASTIVE:
        # "northen" is a typo of "northern", but "mote" could be "more" or "most": a typo of a
        # word with an opposite is forgiven only when no other such word is as close.
        return _contrastive_edits(got, want, limit)
    # The cheap tests first (a word of letters holds no digit: no pattern to run).
    if limit == 0 or abs(len(got) - len(want)) > limit:
        return None
    if not got.isalpha() and _DIGIT.search(got) is not None:
        return None
    distance = osa(got, want, score_cutoff=limit)
    if distance > limit and ("ph" in want) != ("ph" in got):
        # "Westfal" for Westphal: spelt as it sounds, one slip however many letters it takes
        return limit if osa(got.replace("ph", "f"), want.replace("ph", "f"),
                            score_cutoff=limit) <= limit - 1 else None
    return distance if distance <= limit else None


def _contrastive_edits(got: str, want: str, limit: int) -> int | None:
    if limit == 0 or _DIGIT.search(got) is not None:
        return None
    distance = osa(got, want, score_cutoff=limit)
    if distance > limit:
        return None
    if any(osa(got, other, score_cutoff=distance) <= distance
           for other in CONTRASTIVE if other != want):
        return None
    return distance


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
        return None
    # Words run together or split apart ("gun runner" for "Gunrunner"): compare the letters,
    # with at most one typo, never across a negation, and only when the answer allows typos.
    joined_got, joined_want = "".join(got), "".join(want)
    if joined_got == joined_want:
        return 1 if (NEGATORS & set(got)) == (NEGATORS & set(want)) else None
    if abs(len(joined_got) - len(joined_want)) > 1 or not _allowance(want):
        return None
    if any(len(word) == 1 for word in got):
        return None  # "J. Melson" is an initial and a surname, not "Melson" with a typo
    if (NEGATORS & set(got)) != (NEGATORS & set(want)):
        return None
    if _DIGIT.search(joined_got) or _DIGIT.search(joined_want):
        return None
    return 1 if osa(joined_got, joined_want, score_cutoff=1) <= 1 else None


@lru_cache(maxsize=65536)
def _allowance(words: tuple[str, ...]) -> int:
    return sum(allowed_edits(w) for w in words)


#: Words a learner puts before an answer that the answer itself does not need.
LEAD_INS = frozenset({"in", "at", "on", "to", "by", "from", "during", "of", "for", "with", "as"})
TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "rep", "representative", "congressman", "congresswoman", "sen",
     "senator", "secretary", "director", "president", "agent", "acting", "chief", "gov",
     "governor", "assistant", "attorney", "general", "commissioner", "reader", "blogger", "under",
     "undersecretary", "deputy", "commenter", "poster", "officer", "inspector"}
)


def best_match(response: tuple[str, ...], forms: list[tuple[str, ...]]) -> Match | None:
    """The closest form the response matches, trying again without generic words."""
    best: Match | None = None
    # The response without a leading preposition the form does not start with, and both
    # sides without generic words: inline, as this loop runs for every form of every reading.
    lead = len(response) > 1 and response[0] in LEAD_INS
    said_and = "and" in response  # (never dropped with a lead-in: "and" is none)
    # The two readings of the response, each with and without generic words, made once.
    rest = response[1:] if lead else response
    stripped_whole = _strip_generic(response)
    stripped_rest = _strip_generic(rest) if lead else stripped_whole
    for form in forms:
        if lead and (not form or form[0] != response[0]):
            response_here, stripped_r = rest, stripped_rest
        else:
            response_here, stripped_r = response, stripped_whole
        if len(form) > 1 and form[0] in LEAD_INS and response_here[:1] != form[:1]:
            form_here = form[1:]  # "retaliation for slights" for "in retaliation for slights"
        else:
            form_here = form
        edits = match_tokens(response_here, form_here)
        if edits is None:
            stripped_f = _strip_generic(form_here)
            if stripped_r and stripped_f and (stripped_r != response_here
                                              or stripped_f != form_here):
                edits = match_tokens(stripped_r, stripped_f)
        if edits is None and not said_and and "and" in form_here:
            # "Alcohol, Tobacco, Firearms" for "... Tobacco and Firearms"; but "ATF and eTrace"
            # is two answers, so the response's own "and" is never dropped.
            edits = match_tokens(response_here, _without_and(form_here))
        if edits is not None and (best is None or edits < best.edits):
            best = Match(edits, form)
            if edits == 0:
                break
    return best


@lru_cache(maxsize=65536)
def _without_and(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in words if t != "and")


@lru_cache(maxsize=65536)
def _strip_generic(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in words if t not in GENERIC)


def as_tokens(text: str) -> tuple[str, ...]:
    return tokens(text)


def clear_caches() -> None:
    """Forget the words and forms this module has compared (see `study.checking.clear_caches`)."""
    for cached in (allowed_edits, _allowance, _strip_generic, _without_and):
        cached.cache_clear()
