"""Learners' misspellings of the pack's names: "bersen" is Bersin, "gun runner" is Gunrunner.

A word of a question that the pack never uses is read as a name of the pack when it lies within
the answer checker's typo allowance of that name (one edit up to eight letters, two beyond) and
no other name is as close. A word that is itself a common real surname is never a typo of
another ("Dobson" is not Dodson), as in the checker. Two words that the pack writes as one name
("gun runner", "counter narcotics") are read as that name.

Only names are corrected: an everyday word the pack lacks ("founded") is often one edit away
from a word it has ("funded"), and reading it as that word would answer a question the articles
don't.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from study.checking.matching import allowed_edits
from study.checking.surnames import is_surname
from study.tutor.text import Token, tokenize

#: A name word shorter than this is never a correction (its allowance is no edit anyway).
_SHORTEST = 4
#: A name this long or shorter is misspelt only by a changed or swapped letter.
_SHORT = 5


class Spelling:
    """The pack's name words, and the question words that are misspellings of them."""

    def __init__(self, names: Iterable[str], known: frozenset[str]) -> None:
        #: folded name words of four letters or more
        self.names = sorted({n for n in names if len(n) >= _SHORTEST and n.isalpha()})
        self._set = frozenset(self.names)
        #: every stem the pack uses: a word with a known stem is no misspelling
        self.known = known

    def correct(self, tokens: Sequence[Token]) -> list[Token]:
        """``tokens`` with misspelt names replaced by the names (offsets and surface kept)."""
        out: list[Token] = []
        i = 0
        n = len(tokens)
        while i < n:
            token = tokens[i]
            if i + 1 < n:
                joined = self._joined(token, tokens[i + 1])
                if joined is not None:
                    out.append(joined)
                    i += 2
                    continue
            out.append(self._fixed(token))
            i += 1
        return out

    def name_for(self, word: str) -> str | None:
        """The pack's name that ``word`` (folded) misspells, if exactly one is close enough."""
        if len(word) < _SHORTEST or not word.isalpha() or word in self._set or is_surname(word):
            return None
        limit = max(allowed_edits(word), 1)
        hits = extract(word, self.names, scorer=OSA.distance, score_cutoff=limit, limit=4)
        close = [(name, int(d)) for name, d, _ in hits
                 if 0 < d <= allowed_edits(name) and _plausible(word, name)]
        if not close:
            return None
        best = min(d for _, d in close)
        nearest = [name for name, d in close if d == best]
        return nearest[0] if len(nearest) == 1 else None

    def _fixed(self, token: Token) -> Token:
        if token.stop or token.stem in self.known:
            return token
        name = self.name_for(token.norm)
        if name is None:
            return token
        return _as(token, name, token.end)

    def _joined(self, first: Token, second: Token) -> Token | None:
        if first.stop or second.stop or not (first.norm.isalpha() and second.norm.isalpha()):
            return None
        word = first.norm + second.norm
        if word in self._set:
            return _as(first, word, second.end)
        if first.stem in self.known and second.stem in self.known:
            return None  # two words the pack uses: "gun" and "runner" may well mean just that
        name = self.name_for(word)
        return None if name is None else _as(first, name, second.end)


def _plausible(word: str, name: str) -> bool:
    """Whether a typo could have turned ``name`` into ``word``: the first letter kept (learners
    rarely miss it), and a short name's length kept too ("fired" is no typo of "Fred")."""
    return word[0] == name[0] and (len(name) > _SHORT or len(word) == len(name))


def _as(token: Token, word: str, end: int) -> Token:
    """A token read as ``word``, standing where ``token`` stood (to ``end``)."""
    read = tokenize(word)[0]
    return token._replace(norm=read.norm, stem=read.stem, light=read.light, stop=read.stop, end=end)
