"""Words and sentences for the tutor: tokens with their offsets, stems, stopwords, sentence splits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from study.checking.normalize import fold

# A word, a number with thousands commas or a decimal point ("5,400", "5.9"), an initialism
# ("U.S", its last dot left out) or a word with an apostrophe ("don't"); a hyphen splits
# ("cover-up" is two words, as learners often type it). Measured: 7.7 ms over the bundled
# pack's 14,000 words, against 15.3 ms for separate alternatives per shape.
_TOKEN = re.compile(r"[^\W_]+(?:[.,'\u2019][^\W_]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")

#: Words that carry no topic: function words, question words and the tutor's own filler.
STOPWORDS = frozenset(
    """
    a about above again all also am an and any are aren't as at be because been
    being below between both but by can could couldn't did didn't do does doesn't doing
    don't down each either else ever few for from further had hadn't has hasn't have
    haven't having he he'd he'll her here hers herself him himself his how i i'd i'll i'm i've if
    in into is isn't it it's its itself just let let's me might more most much must my myself
    neither nor of off on once only or other ought our ours ourselves out over own please quite
    rather really same shall she should shouldn't so some such than that that's the their theirs
    them themselves then there there's these they they'd they'll they're they've this those
    though through to too under up upon us very was wasn't we we'd we'll we're we've were
    weren't what what's whatever when when's where where's whether which while who who's whom
    whose why why's will with won't would wouldn't yet you you'd you'll you're you've your yours
    yourself yourselves one ones thing things anything something stuff kind sort tell know
    explain say said says mean means anyone anybody someone somebody everyone everybody go goes
    going gone got get gets getting not no name actually exactly basically supposed many vs
    versus according mostly mainly largely usually generally probably whats whos hows wheres
    whens whys thats theres
    """.split()
)


#: Light verbs and fillers: they count in a question, but for less than a topic word.
LIGHT = frozenset(
    """put puts bring brings brought make makes made take takes took give gives gave given keep
    keeps kept come comes came happen happens happened use uses used want wants wanted need needs
    needed along back way lot lots like well still even ever thing do does did done before after
    during question questions""".split()
)
LIGHT_WEIGHT = 0.3


class Token(NamedTuple):
    """One word of a text: its folded form, its stem and where it stands in the original."""

    surface: str
    norm: str
    stem: str
    start: int
    end: int
    stop: bool  # a function word or a question word
    light: str  # the word without its inflection only (for glossary and synonym matching)


@lru_cache(maxsize=1)
def _stemmer() -> object:
    # PyStemmer (the Snowball project's C stemmer): 2 us a word against 40 us for the pure
    # Python snowballstemmer, which would add ~55 ms to building the bundled pack's index.
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a folded word; numbers stay as they are."""
    if not word.isalpha():
        return word
    result: str = _stemmer().stemWord(word)  # type: ignore[attr-defined]
    return result


@lru_cache(maxsize=65536)
def _norm(surface: str) -> str:
    word = fold(surface)
    if word[:1].isdigit():
        return word.replace(",", "")
    if "." in word or "," in word:  # an initialism (U.S -> us), or words run together
        word = word.replace(".", "").replace(",", "")
    return _POSSESSIVE.sub("", word).replace("\u2019", "'")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Every word of ``text`` with its offsets into ``text`` plus ``offset`` (for highlighting)."""
    if not offset:
        return list(_tokenized(text))
    return _tokenize(text, offset)


@lru_cache(maxsize=16384)
def _tokenized(text: str) -> tuple[Token, ...]:
    # Prompts, answers and names recur across a pack's facts: each is read once.
    return tuple(_tokenize(text, 0))


def _tokenize(text: str, offset: int) -> list[Token]:
    out = []
    make = tuple.__new__  # 15% faster than Token(...) over the pack's 19,000 words
    for match in _TOKEN.finditer(text):
        surface = match.group()
        norm, stemmed, stop, light = _word(surface)
        if norm:
            start, end = match.span()
            out.append(make(Token, (surface, norm, stemmed, start + offset, end + offset, stop, light)))
    return out


@lru_cache(maxsize=65536)
def _word(surface: str) -> tuple[str, str, bool, str]:
    norm = _norm(surface)
    bare = norm.replace("'", "")
    return norm, stem(bare), norm in STOPWORDS, light_stem(bare)


def norms(tokens: Sequence[Token]) -> str:
    """The tokens' folded forms joined by single spaces: a text to match patterns of words on,
    whose match positions `token_range` turns back into token positions."""
    return " ".join(t.norm for t in tokens)


def token_range(joined: str, start: int, end: int) -> range:
    """The tokens that ``joined[start:end]`` covers, ``joined`` being `norms` of them (a span
    from one word's start to another's end)."""
    first = joined.count(" ", 0, start)
    return range(first, first + joined.count(" ", start, end) + 1)


@lru_cache(maxsize=65536)
def light_stem(word: str) -> str:
    """A word without its inflection: seized, seizes, seizing -> seiz; agencies -> agency.

    Glossary names and synonyms match on this rather than on the Snowball stem, which joins
    words of different meaning ("officer" and "offices" are both "offic").
    """
    if not word.isalpha() or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4 and word[-2] != "e":
        word = word[:-1]  # killings -> killing (then -> kill), findings -> finding
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # stopped -> stop, running -> run
            return word
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


# -- sentences --------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    "rep sen mr mrs ms dr st gen lt gov jr sr vs etc no col sgt capt prof inc corp co dept".split()
)
_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]*[A-Z0-9])")


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the sentences of ``text``; paragraphs always break."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in re.split(r"(\n\s*\n)", text):
        if paragraph.strip() and not re.fullmatch(r"\n\s*\n", paragraph):
            start = 0
            for match in _BOUNDARY.finditer(paragraph):
                before = paragraph[:match.start()]
                word = re.search(r"(\S+)$", before)
                last = word.group(1) if word else ""
                # "Kenneth E. Melson", "U.S. attorneys", "Rep. Brian Bilbray": not an end.
                if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", last) or last.lower() in _ABBREVIATIONS:
                    continue
                end = match.end()
                _add(spans, paragraph, start, end, offset)
                start = end
            _add(spans, paragraph, start, len(paragraph), offset)
        offset += len(paragraph)
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int, offset: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((offset + start + lead, offset + start + lead + len(stripped)))
