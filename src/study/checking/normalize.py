"""Text normalisation for answer checking: folding, punctuation, articles and filler."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
        "&": " and ",
    }
)
# Filler a learner puts before or after the answer; it never changes what they answered.
_LEADING_FILLER = re.compile(
    r"^(?:(?:i\s+think|i\s+believe|i\s+guess|i\s+am\s+pretty\s+sure|im\s+pretty\s+sure|"
    r"i\s+would\s+say|id\s+say|my\s+answer\s+is|pretty\s+sure|im\s+sure|i\s+am\s+sure|"
    r"i\s+remember|i\s+recall|if\s+i\s+remember\s+correctly|"
    r"the\s+answer\s+is|answer\s+is|answer|"
    r"it\s+is|its|it\s+was|that\s+is|thats|that\s+was|that\s+would\s+be|"
    r"he\s+is|hes|she\s+is|shes|they\s+are|theyre|he\s+was|she\s+was|they\s+were|"
    r"probably|maybe|perhaps|possibly|um+|uh+|er+|hmm+|well|so|ok|okay|"
    r"was|is|are|were|that|it)\s+)+"
)
_TRAILING_FILLER = re.compile(
    r"(?:\s+(?:i\s+think|i\s+believe|i\s+guess|maybe|probably|perhaps|right|i\s+suppose|"
    r"of\s+course|obviously|no\s+doubt|without\s+(?:a\s+)?doubt|without\s+question|"
    r"for\s+sure|for\s+certain|(?:i\s+am\s+|im\s+)?(?:pretty\s+|fairly\s+|quite\s+)?sure|"
    r"if\s+i\s+remember(?:\s+correctly|\s+right)?|if\s+im\s+not\s+mistaken|iirc|i\s+reckon|"
    r"lol|haha|lmao))+$"
)
#: The words the filler patterns can start or end with: the patterns run only when needed.
_FILLER_FIRST = frozenset(
    "i im id my pretty the answer it its that thats he hes she shes they theyre probably maybe "
    "perhaps possibly well so ok okay was is are were if".split()
)
_FILLER_LAST = frozenset(
    "think believe guess maybe probably perhaps right suppose course obviously doubt question "
    "sure certain correctly iirc mistaken reckon lol haha lmao".split()
)
ARTICLES = frozenset({"the", "a", "an"})
_ARTICLES = ARTICLES
_POSSESSIVE = re.compile(r"(\w)'s\b")
_NON_WORD = re.compile(r"[^\w$%.]+|(?<!\d)\.|\.(?!\d)")
#: `_NON_WORD` for ASCII text in two cheaper steps: a dot not between two digits, then every
#: other character that is not a word's, "$" or "%" (a byte translation: a tenth of the
#: pattern's time on a question).
_LONE_DOT = re.compile(r"\.(?:(?<!\d\.)|(?!\d))")
_ASCII_NON_WORD = bytes(
    i for i in range(128) if not (chr(i).isalnum() or chr(i) in "_$%.")
)
_ASCII_SPACES = bytes.maketrans(_ASCII_NON_WORD, b" " * len(_ASCII_NON_WORD))
#: The same pattern as before, starting at its comma, which the search finds fastest.
_THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3}\b)")
_CONTRACTION = re.compile(r"\b(was|is|are|were|did|do|does|had|has|have|could|would|ca)n[']t\b")
_INITIALISM = re.compile(r"\b(?:[a-z]\.){2,}")
#: Where `_INITIALISM` may match: two of its letters in a row hold ".x.".
_MAY_BE_INITIALISM = re.compile(r"\.[a-z]\.")
_IS_CONTRACTION = re.compile(r"\b(there|here|what|who|where)'s\b")
# The same patterns as `_IS_CONTRACTION` and `_POSSESSIVE` (the word before held by a
# lookbehind), starting at the quote, which a search finds fastest: a quarter of their time on
# a question. The possessive's differs only on "'s's" (whose "s" the pattern above takes once).
_IS_CONTRACTION_AT_QUOTE = re.compile(
    r"'(?:(?<=\bthere')|(?<=\bwhere')|(?<=\bhere')|(?<=\bwhat')|(?<=\bwho'))s\b")
_POSSESSIVE_AT_QUOTE = re.compile(r"'(?<=\w')s\b")

#: Responses that say "I don't know" in any of the usual ways.
DONT_KNOW = frozenset(
    {
        "", "idk", "dunno", "no idea", "not sure", "unsure", "pass", "skip", "none",
        "i dont know", "dont know", "i do not know", "do not know", "no clue", "i have no idea",
        "i dont remember", "dont remember", "i forget", "i forgot", "nothing", "n a", "na",
        "i am not sure", "im not sure", "no", "?", "x",
    }
)


def fold(text: str) -> str:
    """Unicode-fold: strip accents, straighten quotes and dashes, lowercase."""
    if text.isascii():
        # Of `_TRANSLATE`'s keys only "&" is ASCII (a replace is a fifth of the translate).
        return (text.replace("&", " and ") if "&" in text else text).lower()
    text = text.translate(_TRANSLATE)
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Fold, drop punctuation, possessives, leading articles and filler; collapse spaces.

    Digits, ``$``, ``%`` and decimal points inside numbers survive so values can be parsed.
    """
    text = fold(text)
    if "," in text:
        text = _THOUSANDS.sub("", text)
    if "." in text and _MAY_BE_INITIALISM.search(text):
        text = _INITIALISM.sub(lambda m: m.group(0).replace(".", ""), text)
    if "'" in text:
        # (each pattern only where its letters are: they try every word of the text)
        if "n't" in text:
            text = _CONTRACTION.sub(
                lambda m: m.group(1) + (" can" if m.group(1) == "ca" else "") + " not", text
            )
        if "'s" in text:
            text = _IS_CONTRACTION_AT_QUOTE.sub(" is", text)
            if "'s's" in text:
                text = _POSSESSIVE.sub(r"\1", text)
            else:
                text = _POSSESSIVE_AT_QUOTE.sub("", text)
        text = text.replace("'", "")
    if text.isascii():
        if "." in text:
            text = _LONE_DOT.sub(" ", text)
        words = text.encode("ascii").translate(_ASCII_SPACES).decode("ascii").split()
    else:
        words = _NON_WORD.sub(" ", text).split()
    if words and words[-1] in _FILLER_LAST:
        words = _TRAILING_FILLER.sub("", " ".join(words)).split()
    # Leading articles and filler, in any mix ("a, uh, the ICE"), until neither is left.
    while words:
        while words[0] in _ARTICLES and len(words) > 1:
            words.pop(0)
        if not (words[0] in _FILLER_FIRST or words[0][:2] in ("um", "uh", "er", "hm")):
            break
        shorter = _LEADING_FILLER.sub("", " ".join(words) + " ").split()
        if len(shorter) == len(words):
            break
        words = shorter
    return " ".join(words)


#: Abbreviations learners type for words the answers spell out.
ABBREVIATIONS = {
    "dept": "department", "depts": "departments", "ops": "operations", "op": "operation",
    "govt": "government", "intl": "international", "natl": "national", "asst": "assistant",
    "dir": "director", "sec": "secretary", "mil": "million", "stats": "statistics",
    "stat": "statistic", "sept": "september", "thru": "through", "w": "with",
    "info": "information", "sw": "southwest", "mln": "million", "orgs": "organizations",
    "org": "organization", "cigs": "cigarettes", "apr": "april", "memo": "memorandum",
    "aug": "august", "oct": "october", "nov": "november", "dec": "december", "jan": "january",
    "feb": "february", "mar": "march", "jun": "june", "jul": "july", "yrs": "years",
    "yr": "year", "hrs": "hours", "wks": "weeks", "intel": "intelligence",
    "ig": "inspector general", "igs": "inspector generals",
}
#: Small numbers are compared as digits wherever they appear: "2 ends" is "two ends".
SMALL_NUMBERS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_WORD_FORMS = {**ABBREVIATIONS, **SMALL_NUMBERS}
#: The words `tokens` can give that the text does not spell out: what abbreviations, small
#: numbers, contractions ("isn't"), "&" and the qualifiers of an amount become.
INVENTED = frozenset(_WORD_FORMS.values()) | {"not", "can", "is", "and", "nearly", "more", "than"}


#: Qualifiers that say the same before an amount: "almost a year" is "nearly a year", "in
#: excess of 90 percent" is "more than 90 percent". (numbers.py reads them the same way.)
_QUALIFIER_SYNONYMS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("almost",): ("nearly",), ("close", "to"): ("nearly",), ("just", "under"): ("nearly",),
    ("not", "quite"): ("nearly",), ("upwards", "of"): ("more", "than"),
    ("in", "excess", "of"): ("more", "than"), ("over",): ("more", "than"),
    ("north", "of"): ("more", "than"),
}
_QUALIFIER_FIRST = frozenset(phrase[0] for phrase in _QUALIFIER_SYNONYMS)
#: Words of which one is in every text `_same_qualifiers` changes ("in" alone is too common).
_QUALIFIER_SIGNS = frozenset(phrase[-1] if phrase[0] == "in" else phrase[0]
                             for phrase in _QUALIFIER_SYNONYMS) | {"1"}
_TIME_UNITS = frozenset("year month week day decade hour minute".split())
#: Words that make the words before them a qualifier of an amount, not a place or a time
#: ("over the border" is not "more than the border").
_AMOUNT_WORDS = _TIME_UNITS | {f"{unit}s" for unit in _TIME_UNITS} | frozenset(
    "dozen dozens hundred hundreds thousand thousands million millions billion billions half "
    "percent".split()
)


def _is_amount(word: str) -> bool:
    return word in _AMOUNT_WORDS or word[:1].isdigit() or word[:1] == "$"


def _same_qualifiers(words: list[str]) -> list[str]:
    """``words`` with each qualifier of an amount in one form, and "one year" as "a year"
    (whose article is dropped)."""
    out: list[str] = []
    at = 0
    while at < len(words):
        word = words[at]
        if word in _QUALIFIER_FIRST:
            for phrase, same in _QUALIFIER_SYNONYMS.items():
                end = at + len(phrase)
                if tuple(words[at:end]) == phrase and end < len(words) and _is_amount(words[end]):
                    out.extend(same)
                    at = end
                    break
            else:
                out.append(word)
                at += 1
            continue
        if word == "1" and at + 1 < len(words) and words[at + 1] in _TIME_UNITS:
            at += 1
            continue
        out.append(word)
        at += 1
    return out


#: "3 1/2", "3½": a whole number and a half, read before normalising splits the fraction.
_MIXED_HALF = re.compile(r"(\d)\s*(?:1/2|\u00bd)(?![\d/])")
#: "several hundred" is "hundreds": a vague amount said either way.
_SEVERAL = {"hundred": "hundreds", "thousand": "thousands", "dozen": "dozens",
            "million": "millions"}


def _amounts_in_one_form(words: list[str]) -> list[str]:
    """``words`` with "3 and a half" as "3.5" and "several hundred" as "hundreds"."""
    out: list[str] = []
    at = 0
    while at < len(words):
        word = words[at]
        after = words[at + 1:at + 3]
        if word.isdigit() and after == ["and", "half"]:
            out.append(f"{word}.5")
            at += 3
        elif word == "several" and after and after[0] in _SEVERAL:
            out.append(_SEVERAL[after[0]])
            at += 2
        else:
            out.append(word)
            at += 1
    return out


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Normalised words of ``text``: articles dropped, abbreviations spelled out, small numbers
    as digits, halves as decimals ("3 1/2", "three and a half": "3.5"), "several hundred" as
    "hundreds", qualifiers of an amount in one form."""
    if "/" in text or "\u00bd" in text:
        text = _MIXED_HALF.sub(r"\1.5", text)
    words = [_WORD_FORMS.get(w, w) for w in normalize(text).split(" ") if w and w not in _ARTICLES]
    if "half" in words or "several" in words:
        words = _amounts_in_one_form(words)
    if _QUALIFIER_SIGNS.isdisjoint(words):
        return tuple(words)
    return tuple(_same_qualifiers(words))


def is_dont_know(text: str) -> bool:
    """True for empty input and the usual ways of saying "I don't know"."""
    return normalize(text) in DONT_KNOW
