"""Reading quantities (numbers, years, money, percents) and their qualifiers from text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from study.checking.normalize import fold

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mil": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "hundred": 1e2,
}
_QUALIFIERS = {
    "more than": "gt", "over": "gt", "above": "gt", "upwards of": "gt", "in excess of": "gt",
    "greater than": "gt", "at least": "gt", "more then": "gt",
    "less than": "lt", "fewer than": "lt", "under": "lt", "below": "lt", "at most": "lt",
    "nearly": "below", "almost": "below", "just under": "below", "about": "approx", "around": "approx",
    "roughly": "approx", "approximately": "approx", "approx": "approx", "some": "approx",
    "close to": "approx", "just over": "approx", "circa": "approx",
    "exactly": "exact", "precisely": "exact", "just": "exact",
}
_QUALIFIER_RE = "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?:(?P<qual>{_QUALIFIER_RE})\s+)?"
    r"(?P<cur>\$|usd\s*)?\s*"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)"
    r"(?:\s*(?P<scale>thousand|million|billion|hundred|mil|mn|bn|k|m|b)\b(?:\s+(?P<scale2>\d{4,}))?)?"
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


def _words_to_digits(text: str) -> str:
    """Spell-out numbers as digits ("eleven thousand" -> "11000"), via text2num."""
    from text_to_num import alpha2digit  # compiled extension, ~1 ms to import

    # "two-day", "sixty-eight": hyphens between words would hide the numbers.
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    # "a hundred" / "one" are not touched by alpha2digit's default threshold.
    text = re.sub(r"\ba (hundred|thousand|million)\b", r"one \1", text)
    converted: str = alpha2digit(text, "en", threshold=0)
    # "three and a half" comes back as "3 and a half".
    converted = re.sub(
        r"(\d+) and (?:a|one) half\b", lambda m: str(int(m.group(1)) + 0.5), converted
    )
    # "more than half": a half on its own is 50 percent ("half a year", "a year and a half" are not).
    converted = re.sub(r"(?<!and a )(?<!and )\b(?:a |one )?half\b(?! (?:a|an)\b)", "50 percent", converted)
    # "3 1/2" and "nine out of ten" (as a percent).
    converted = re.sub(r"\b(\d+) 1/2\b", lambda m: str(int(m.group(1)) + 0.5), converted)
    converted = re.sub(
        r"\b(\d+) out of (\d+)\b",
        lambda m: f"{100 * int(m.group(1)) / max(int(m.group(2)), 1):g} percent",
        converted,
    )
    # Years said in pairs: "nineteen sixty-eight" comes back as "19 68".
    converted = re.sub(r"\b(1[0-9]|20) ([1-9][0-9])\b", r"\1\2", converted)
    # "five point nine million" comes back as "5.9 1000000": fold the scale back in.
    return re.sub(
        r"(\d+(?:\.\d+)?) (1000000000|1000000|1000)\b",
        lambda m: str(float(m.group(1)) * float(m.group(2))),
        converted,
    )


@lru_cache(maxsize=32768)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in ``text``, in order."""
    folded = fold(text).replace("\u00a0", " ")
    folded = re.sub(r"[-\u2013](?=\d)", " ", folded) if "-" in folded else folded
    if re.search(r"[a-z]", folded):
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
        qualifier = _QUALIFIERS.get(re.sub(r"\s+", " ", match["qual"] or ""), "")
        found.append(Quantity(value, unit, qualifier, match.group(0).strip()))
    return tuple(found)


def is_year(q: Quantity) -> bool:
    return q.unit == "" and q.value.is_integer() and 1000 <= q.value <= 2999


# Which qualifiers a response may use for each qualifier of the answer. A bare number is
# taken for any qualifier; "more than 100" is not "100", and "nearly 680" is not "more than 680".
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
