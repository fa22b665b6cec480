"""Reading quantities (numbers, years, money, percents) and their qualifiers from text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from study.checking.normalize import SMALL_NUMBERS, fold

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mil": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "hundred": 1e2,
}
_QUALIFIERS = {
    "more than": "gt", "over": "gt", "above": "gt", "upwards of": "gt", "in excess of": "gt",
    "greater than": "gt", "at least": "gt", "more then": "gt", "up to": "lt",
    "less than": "lt", "fewer than": "lt", "under": "lt", "below": "lt", "at most": "lt",
    "nearly": "below", "almost": "below", "just under": "below", "close to": "below",
    "not quite": "below", "north of": "gt", "about": "approx", "around": "approx",
    "roughly": "approx", "approximately": "approx", "approx": "approx", "some": "approx",
    "just over": "gt", "circa": "approx",
    "exactly": "exact", "precisely": "exact", "just": "exact",
}
_QUALIFIER_RE = "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
#: Bounds written as symbols: ">90%", "~2,000", "11,000+" (the plus read after the number).
_SYMBOLS = {">": "gt", ">=": "gt", "\u2265": "gt", "<": "lt", "<=": "lt", "\u2264": "lt",
            "~": "approx", "\u2248": "approx"}
_NUMBER = re.compile(
    rf"(?:(?P<qual>{_QUALIFIER_RE})\s+|(?P<sym>[<>]=?|[~\u2248\u2265\u2264])\s*)?"
    r"(?P<cur>\$|usd\s*)?\s*"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)(?P<plus>\+)?"
    r"(?:\s*(?P<scale>thousand|million|billion|hundred|mil|mln|mn|bn|k|m|b)\b(?:\s+(?P<scale2>\d{4,}))?(?P<plus2>\+)?)?"
    r"(?:\s*(?P<pct>%|percent\b|per\s+cent\b|pct\b|percentage\s+points?\b))?"
    r"(?:\s*(?P<dollars>dollars?\b|usd\b|bucks\b))?",
)


@dataclass(frozen=True)
class Quantity:
    """A value read from text, with its unit and the qualifier that came before it."""

    value: float
    unit: str = ""  # "", "percent" or "money"
    qualifier: str = ""  # "", "gt", "lt", "approx" or "exact"
    text: str = ""

    def same_value(self, other: Quantity) -> bool:
        return abs(self.value - other.value) <= 1e-9 * max(1.0, abs(self.value))


_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
#: Words alpha2digit turns into digits; text without any of them skips it (it is most of the
#: cost of reading a quantity).
_NUMBER_WORDS = frozenset([*SMALL_NUMBERS, *_TENS, "hundred", "thousand", "million", "billion"])
_DASH_BEFORE_DIGIT = re.compile(r"[-\u2013](?=\d)")
#: Multiples said in a word: "a couple thousand", "quadruple", "twice".
_MULTIPLES = {"hundred": "200", "thousand": "2,000", "million": "2,000,000",
              "billion": "2,000,000,000", "double": "2 times", "doubled": "2 times",
              "twice": "2 times", "twofold": "2 times", "triple": "3 times", "tripled": "3 times",
              "threefold": "3 times", "quadruple": "4 times", "quadrupled": "4 times",
              "fourfold": "4 times"}
_MULTIPLE = re.compile(r"\b(?:a\s+)?couple\s+(?:of\s+)?(?:hundred|thousand|million|billion)\b|"
                       r"\b(?:double|doubled|twice|twofold|triple|tripled|threefold|quadruple|"
                       r"quadrupled|fourfold)\b")
#: A model named by capitals and a number: "AK-47", "M16", "AR-15" (never "FY2010": four digits).
_MODEL = re.compile(r"\b[A-Z]{1,3}-?\d{1,3}s?\b")
_LETTER = re.compile(r"[a-z]")
_LETTERS = re.compile(r"[a-z]+")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_A_SCALE = re.compile(r"\ba (hundred|thousand|million)\b")
_AND_A_HALF = re.compile(r"(\d+) and (?:a|one) half\b")
_HALF = re.compile(r"(?<!and a )(?<!and )\b(?:a |one )?half\b(?! (?:a|an)\b)")
_QUALIFIERS_AFTER = {
    "exactly": "exact", "precisely": "exact", "flat": "exact", "on the dot": "exact",
    "or more": "gt", "or over": "gt", "plus": "gt", "at least": "gt", "or fewer": "lt",
    "or less": "lt", "at most": "lt", "or under": "lt", "or so": "approx", "or thereabouts": "approx",
}
_AFTER_QUALIFIER = re.compile(
    r"\s*(" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS_AFTER) + r")\b"
)
_ONE_TO_NINE = "one|two|three|four|five|six|seven|eight|nine"
_UNITS = frozenset(_ONE_TO_NINE.split("|"))
_OH_YEAR = re.compile(rf"\b(nineteen|twenty) (?:oh|o|zero) ({_ONE_TO_NINE})\b")
_SAID_HUNDREDS = re.compile(
    rf"\b({_ONE_TO_NINE}) ((?:{'|'.join(_TENS)})(?: (?:{_ONE_TO_NINE}))?)\b"
    r"(?! (?:hundred|thousand|million|billion))"
)
_HALF_A_SCALE = re.compile(r"\bhalf (?:a|one) (million|thousand|billion|hundred)\b")
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b")
_MIXED_HALF = re.compile(r"\b(\d+) 1/2\b")
_OUT_OF = re.compile(r"\b(\d+) out of (\d+)\b")
_YEAR_PAIR = re.compile(r"\b(1[0-9]|20) ([1-9][0-9])\b")
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,])")
_SPLIT_SCALE = re.compile(r"(\d+(?:\.\d+)?) (1000000000|1000000|1000|100)\b")


def _words_to_digits(text: str) -> str:
    """Spell-out numbers as digits ("eleven thousand" -> "11000"), via text2num."""
    # "two-day", "sixty-eight": hyphens between words would hide the numbers.
    text = _WORD_HYPHEN.sub(" ", text)
    if "half" in text:
        # "half a million" is 0.5 million; a half on its own ("more than half", "one half") is
        # 50 percent; "half a year" and "a year and a half" are neither.
        text = _HALF_A_SCALE.sub(r"0.5 \1", text)
        text = _HALF.sub("50 percent", text)
    converted = text
    words = frozenset(_LETTERS.findall(text))
    if not _NUMBER_WORDS.isdisjoint(words):
        from text_to_num import alpha2digit  # compiled extension, ~1 ms to import

        # (each pattern only when the words it needs are there)
        if not words.isdisjoint(_TENS) and not words.isdisjoint(_UNITS):
            # "two seventy-six" is how people say 276; alpha2digit would read two numbers.
            text = _SAID_HUNDREDS.sub(r"\1 hundred \2", text)
        if "nineteen" in words or "twenty" in words:
            # "twenty oh eight" is a year; alpha2digit would read three numbers.
            text = _OH_YEAR.sub(lambda m: f"{SMALL_NUMBERS[m[1]]}0{SMALL_NUMBERS[m[2]]}", text)
        if "a" in words:
            # "a hundred" / "one" are not touched by alpha2digit's default threshold.
            text = _A_SCALE.sub(r"one \1", text)
        converted = alpha2digit(text, "en", threshold=0)
        # Ordinals ("the first two days" comes back as "the 1st 2 days") are not quantities.
        converted = _ORDINAL.sub(" ", converted)
        # Years said in pairs: "nineteen sixty-eight" comes back as "19 68".
        converted = _YEAR_PAIR.sub(r"\1\2", converted)
        # "five point nine million" comes back as "5.9 1000000", "11 hundred" as "11 100":
        # fold the scale back in.
        converted = _SPLIT_SCALE.sub(
            lambda m: str(float(m.group(1)) * float(m.group(2))), converted
        )
    if "half" in converted:
        # "three and a half" comes back as "3 and a half".
        converted = _AND_A_HALF.sub(lambda m: str(int(m.group(1)) + 0.5), converted)
    # "3 1/2" and "nine out of ten" (as a percent).
    if "1/2" in converted:
        converted = _MIXED_HALF.sub(lambda m: str(int(m.group(1)) + 0.5), converted)
    if " out of " in converted:
        converted = _OUT_OF.sub(
            lambda m: f"{100 * int(m.group(1)) / max(int(m.group(2)), 1):g} percent", converted
        )
    return converted


@lru_cache(maxsize=32768)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in ``text``, in order."""
    if _MODEL.search(text):
        text = _MODEL.sub(" ", text)  # "two AK-47s": a model's name is no count
    folded = fold(text).replace("\u00a0", " ")
    if " " in folded and _SPACED_THOUSANDS.search(folded):
        # "11 000", the thousands set apart by spaces as in much of Europe: one number
        folded = _SPACED_THOUSANDS.sub(lambda m: m.group(0).replace(" ", ","), folded)
    folded = _DASH_BEFORE_DIGIT.sub(" ", folded) if "-" in folded else folded
    folded = _ORDINAL.sub(" ", folded)  # "the 2nd" is not a count of two
    if _LETTER.search(folded):
        if _MULTIPLE.search(folded):
            # "a couple thousand" is 2,000; "quadruple" is four times
            folded = _MULTIPLE.sub(lambda m: _MULTIPLES[m[0].split()[-1] if m[0].startswith(
                ("a ", "couple")) else m[0]], folded)
        folded = _words_to_digits(folded)
    found = []
    for match in _NUMBER.finditer(folded):
        raw = match["num"].replace(",", "")
        try:
            value = float(raw)
        except ValueError:  # pragma: no cover - the pattern only admits numbers
            continue
        scale = match["scale"]
        if scale:
            # "m" alone after a number is only money or a plain scale when nothing suggests
            # minutes or metres; in a quiz answer that is the common reading.
            value *= _SCALES[scale]
        unit = ""
        if match["pct"]:
            unit = "percent"
        elif match["cur"] or match["dollars"]:
            unit = "money"
        qualifier = _QUALIFIERS.get(" ".join((match["qual"] or "").split()), "")
        plus = match["plus"] or match["plus2"]  # "11,000+", "11k+"
        qualifier = qualifier or _SYMBOLS.get(match["sym"] or "", "") or ("gt" if plus else "")
        after = _AFTER_QUALIFIER.match(folded, match.end())
        if not qualifier and after:
            # "ninety percent exactly", "1000 or fewer", "600 or so"
            qualifier = _QUALIFIERS_AFTER[" ".join(after.group(1).split())]
        found.append(Quantity(value, unit, qualifier, match.group(0).strip()))
    return tuple(found)


def is_year(q: Quantity) -> bool:
    return q.unit == "" and q.value.is_integer() and 1000 <= q.value <= 2999


def is_bound(qualifier: str) -> bool:
    """Whether a qualifier bounds the value ("more than", "at least", "up to", "nearly"): it
    changes the claim, where an approximation ("about", "roughly") only rounds it."""
    return qualifier in ("gt", "lt", "below")


# Which qualifiers a response may use for each qualifier of the answer. A bare number agrees
# with any qualifier (for a bound it is close, not right: `is_bound`); "nearly 680" is not
# "more than 680".
_AGREE = {
    "": {"", "approx", "exact"},
    "exact": {"", "exact", "approx"},
    "gt": {"", "gt", "approx"},
    "lt": {"", "lt", "below", "approx"},
    "below": {"", "below", "lt", "approx"},
    "approx": {"", "approx", "below"},
}


def qualifiers_agree(answer: str, response: str) -> bool:
    """Whether a response's qualifier is compatible with the answer's."""
    return response in _AGREE.get(answer, {response})
