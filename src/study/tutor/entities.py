"""What a sentence holds that can answer a typed question: names, dates, numbers, places."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from study.tutor.lexicon import Mention
from study.tutor.question import Want
from study.tutor.text import Token, norms, token_range

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SEASONS = frozenset("spring summer fall autumn winter".split())
_TIME_WORDS = frozenset("yesterday today tomorrow".split())
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion dozen dozens scores twice "
    "half".split()
)
_UNITS = frozenset("day days week weeks month months year years hour hours decade decades".split())
_MONEY_AFTER = frozenset("dollars dollar million billion".split())
_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: Words before a span of time that make it a time ("after six months", "within 120 days").
_AFTER_SPAN = frozenset("after within by until".split())


@dataclass(frozen=True, slots=True)
class Found:
    """Something of a kind in a sentence, over tokens ``first`` to ``last`` (inclusive)."""

    kind: Want
    first: int
    last: int
    key: str  # what it is (a concept term, a stem or a value), to tell it from the question's


#: Words before a place name: "in Phoenix", "from Texas", "along the Southwest border".
_LOCATIVE = frozenset(
    "in at on from to into near across along within inside outside throughout through toward "
    "towards between around".split()
)
#: Nouns for people, groups and bodies: a "who" question can be answered by them ("a panel of
#: law enforcement professionals", "the murdered victims and their families").
PEOPLE = frozenset(
    """people person persons agents agent officials official officers officer professionals panel
    team teams victims families family prosecutors prosecutor buyers buyer supervisors reporters
    readers reader blogger managers investigators personnel staff authorities government
    governments lawmakers congressman secretary director president chief employees dealers sellers
    seller units unit analysts auditors writers figures kingpins bosses leaders hitmen gunmen
    criminals traffickers smugglers colleagues members commenters citizens residents""".split()
)
#: Common nouns for places: after "in", "at", "from" ... they answer "where" ("hidden in
#: warehouses", "at a gun show", "from a Texas gun store").
PLACE_NOUNS = frozenset(
    """warehouse warehouses store stores shop shops show shows office offices port ports crossing
    crossings city cities town towns state states country countries region regions district
    districts consulate consulates headquarters""".split()
)


_BODIES = frozenset({"agency", "program"})

#: Places wider than a city (the United States' states, countries, regions): "which city" is
#: not answered by "Texas" or "Mexico". (Names that are cities too, Washington or New York,
#: are not here: the articles' Washington is the city.)
REGIONS = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia wisconsin wyoming az ca nm tx
    state states country countries region regions nation nations border""".split()
) | frozenset({
    "new hampshire", "new jersey", "new mexico", "north carolina", "north dakota",
    "rhode island", "south carolina", "south dakota", "west virginia", "united states", "usa",
    "us", "u s", "america", "mexico", "canada", "china", "colombia", "guatemala", "honduras",
    "el salvador", "iran", "southwest", "southwest border", "latin america", "central america",
    "north america", "south america", "michoacan", "sonora", "baja california", "sinaloa",
    "tamaulipas", "nuevo leon", "coahuila", "southern california", "northern mexico",
    "border with mexico", "us-mexico border", "u s mexico border",
})
#: Words before a place that are not part of its name ("in Mexico", "the border").
_BEFORE_PLACE = frozenset("the in at on from to into near across along within inside outside "
                          "throughout through toward towards between around of".split())


def is_region(tokens: Sequence[Token], found: Found) -> bool:
    """Whether ``found`` is a place wider than a city (a state, a country, a region)."""
    words = [t.norm for t in tokens[found.first:found.last + 1]]
    while words and words[0] in _BEFORE_PLACE:
        words = words[1:]
    return " ".join(words) in REGIONS


#: Words saying that an amount is not known: "the volume ... is unknown", "officials declined to
#: guess", "the CPI gives no exact count". They answer "how many" as a figure would.
_UNKNOWN_AMOUNT = re.compile(
    r"\b(?:unknown|(?:is|was|are|were) not known|no one knows|nobody knows|"
    r"(?:declined|refused|did not want|would not|wouldn't|could not|couldn't|cannot|can't) to "
    r"(?:guess|say|speculate|estimate)|(?:would not|wouldn't|could not|couldn't|cannot|can't) "
    r"(?:say|speculate|guess|estimate)|no (?:exact |firm |reliable |precise )?(?:count|figure|"
    r"number|estimate|tally)|hard to (?:know|say|judge|count|measure))\b")
_AMOUNTS = (Want.NUMBER, Want.MONEY, Want.PERCENT)


#: The last words of those phrases: a sentence without one is not searched.
_UNKNOWN_ENDS = frozenset("unknown known knows guess say speculate estimate count figure number "
                          "tally judge measure".split())


def _unknown_amounts(tokens: Sequence[Token]) -> list[Found]:
    if _UNKNOWN_ENDS.isdisjoint(t.norm for t in tokens):
        return []
    joined = norms(tokens)
    match = _UNKNOWN_AMOUNT.search(joined)
    if match is None:
        return []
    span = token_range(joined, match.start(), match.end())
    return [Found(kind, span[0], span[-1], "unknown") for kind in _AMOUNTS]


def find(text: str, tokens: Sequence[Token], mentions: Sequence[Mention]) -> list[Found]:
    """Everything in a sentence that can answer a typed question."""
    out: list[Found] = _unknown_amounts(tokens)
    named: set[int] = set()
    for m in mentions:
        kinds = m.concept.kinds
        key = m.concept.term
        if "person" in kinds:
            out.append(Found(Want.PERSON, m.first, m.last, key))
        if not kinds.isdisjoint(_BODIES) or "other" in kinds and tokens[m.first].surface[:1].isupper():
            out.append(Found(Want.AGENCY, m.first, m.last, key))
        if "place" in kinds:
            out.append(Found(Want.PLACE, m.first, m.last, key))
        if m.concept.is_name:
            named.update(range(m.first, m.last + 1))
    concept_at: dict[int, str] | None = None  # made on first need: most sentences need none
    n = len(tokens)
    i = 0
    while i < n:
        token = tokens[i]
        word = token.norm
        if word in PEOPLE and i not in named:
            # keyed by its synonym group when it has one: "director" is no new answer to a
            # question about the head of ATF
            if concept_at is None:
                concept_at = {k: m.concept.term for m in mentions for k in range(m.first, m.last + 1)}
            out.append(Found(Want.WHO, i, i, concept_at.get(i, token.stem)))
        if word in PLACE_NOUNS and i not in named and _after_locative(tokens, i):
            out.append(Found(Want.PLACE, i, i, token.stem))
        if word.isdigit() and _YEAR.match(word):
            out.append(Found(Want.TIME, i, i, word))
        if word in _MONTHS and token.surface[:1].isupper() or word in _SEASONS or word in _TIME_WORDS:
            out.append(Found(Want.TIME, i, i, word))
        if word[:1].isdigit() or word in _NUMBER_WORDS:
            j = i
            while j + 1 < n and (tokens[j + 1].norm in _NUMBER_WORDS or tokens[j + 1].norm.isdigit()):
                j += 1
            value = " ".join(t.norm for t in tokens[i:j + 1])
            is_year = word.isdigit() and bool(_YEAR.match(word)) and j == i
            unit = j + 1 < n and tokens[j + 1].norm in _UNITS
            if unit:
                out.append(Found(Want.DURATION, i, j + 1, value))
                if i > 0 and tokens[i - 1].norm in _AFTER_SPAN:
                    # "after six months", "within a year": a time, reckoned from the start
                    out.append(Found(Want.TIME, i - 1, j + 1, value))
            elif not is_year or _counted(tokens, i):
                out.append(Found(Want.NUMBER, i, j, value))
            before = text[max(0, token.start - 2):token.start]
            if "$" in before or (j + 1 < n and tokens[j + 1].norm in _MONEY_AFTER) or \
                    tokens[j].norm in ("million", "billion"):
                out.append(Found(Want.MONEY, i, j, value))
            if j + 1 < n and tokens[j + 1].norm in ("percent", "percentage", "pct") or \
                    text[token.end:token.end + 1] == "%":
                out.append(Found(Want.PERCENT, i, j + 1, value))
            i = j + 1
            continue
        if word in ("a", "an") and i + 1 < n and tokens[i + 1].norm in _UNITS:
            out.append(Found(Want.DURATION, i, i + 1, "1"))
        if token.surface[:1].isupper() and i not in named and not token.stop and word not in _MONTHS:
            j = i
            while j + 1 < n and tokens[j + 1].surface[:1].isupper() and j + 1 not in named:
                j += 1
            key = " ".join(t.stem for t in tokens[i:j + 1])
            back = i - 1
            if back >= 0 and tokens[back].norm == "the":
                back -= 1
            if back >= 0 and tokens[back].norm in _LOCATIVE:
                out.append(Found(Want.PLACE, i, j, key))
            if back >= 0 and tokens[back].norm == "reader" or (i > 0 and tokens[i - 1].norm == "reader"):
                out.append(Found(Want.PERSON, i, j, key))
            if token.surface.isupper() and len(word) >= 2 and j == i:
                out.append(Found(Want.AGENCY, i, j, key))
            if i > 0:  # (a sentence's first word is capitalised whatever it is)
                out.append(Found(Want.NAME, i, j, key))
            i = j + 1
            continue
        i += 1
    return out


def _after_locative(tokens: Sequence[Token], i: int) -> bool:
    """Whether a preposition of place stands before the noun at ``i``, past at most two words
    ("in warehouses", "at a gun show", "from a Texas gun store")."""
    for back in range(i - 1, max(-1, i - 4), -1):
        if tokens[back].norm in _LOCATIVE:
            return True
    return False


def _counted(tokens: Sequence[Token], i: int) -> bool:
    """Whether a year-like number counts things ("2000 agents") rather than naming a year."""
    return i + 1 < len(tokens) and tokens[i + 1].norm.isalpha() and tokens[i + 1].norm not in (
        "and", "to", "through", "the", "when", "that", "as", "it", "he", "she", "they"
    ) and not tokens[i + 1].surface[:1].isupper()


#: Which kinds of things answer each kind of question.
ANSWERS: dict[Want, frozenset[Want]] = {
    Want.WHO: frozenset({Want.PERSON, Want.AGENCY, Want.WHO}),
    Want.PERSON: frozenset({Want.PERSON}),
    Want.AGENCY: frozenset({Want.AGENCY}),
    Want.TIME: frozenset({Want.TIME}),
    Want.NUMBER: frozenset({Want.NUMBER, Want.PERCENT, Want.MONEY}),
    Want.MONEY: frozenset({Want.MONEY}),
    Want.PERCENT: frozenset({Want.PERCENT}),
    Want.QUANTITY: frozenset({Want.MONEY, Want.NUMBER, Want.PERCENT}),
    Want.DURATION: frozenset({Want.DURATION, Want.TIME}),
    Want.PLACE: frozenset({Want.PLACE}),
    Want.NAME: frozenset({Want.NAME, Want.PERSON, Want.AGENCY, Want.PLACE}),
}


def answering(found: Sequence[Found], want: Want, asked: set[str]) -> list[Found]:
    """The things in ``found`` of the kind ``want`` that the question does not already name."""
    kinds = ANSWERS.get(want)
    if not kinds:
        return []
    if want is Want.NUMBER and asked & _UNITS:  # "how many months ..." is answered by "six months"
        kinds = kinds | {Want.DURATION}
    named = [f for f in found if all(part in asked for part in f.key.split())]
    # a longer name holding one the question names is the same one ("Agent Dodson", "Dodson")
    return [f for f in found if f.kind in kinds and f not in named
            and not any(n.first <= f.last and f.first <= n.last for n in named)]
