"""Answers that name only the kind of thing asked: "the ICE guy" for John Morton, "some
commenter" for the reader MF, "the government" for an agency, "a few" for a count, "the late
2000s" for 2009. A teacher does not mark them wrong, and does not accept them either: close, be
more specific. Only when the words fit the answer as its question and source describe it ("a
reader" is no description of Morton, who is no reader), and never with a name or a figure in
them (those are answers, judged as such).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from study.checking.around import describes_person
from study.checking.context import Context
from study.checking.matching import as_tokens
from study.checking.normalize import ARTICLES as _ARTICLES
from study.checking.normalize import normalize
from study.pack.models import Fact, Kind

#: Nouns for a person, each with the words that describe the same kind of one ("commenter" is
#: a "reader" in the prompt).
_PEOPLE: dict[str, frozenset[str]] = {}
for _group in (
    "reader readers commenter commenters poster posters",
    "official officials bureaucrat bureaucrats higher-ups higherups bigwigs boss bosses "
    "management managers manager leadership",
    "agent agents investigator investigators officer officers cop cops",
    "guy man woman person someone somebody",
    "teenager teen kid minor boy girl",
    "head chief director leader",
):
    _words = frozenset(_group.split())
    for _word in _words:
        _PEOPLE[_word] = _words
#: Words for a body of people, in groups of the same kind ("a TV network" for CNN, whose
#: question calls it a "news organization").
_BODIES: dict[str, frozenset[str]] = {}
for _group in (
    "government administration authorities feds",
    "agency agencies department bureau office",
    "network networks organization organisation outlet channel station newspaper paper media "
    "news",
    "committee panel board commission",
):
    _words = frozenset(_group.split())
    for _word in _words:
        _BODIES[_word] = _words
#: Words for a place that name none.
_PLACES = frozenset("abroad overseas somewhere elsewhere away inland south north east west "
                    "posts".split())
#: Amounts that give no figure.
_AMOUNTS = frozenset("few some several lot lots many couple more most bunch plenty handful "
                     "numerous tons loads".split())
#: Words a vague answer may hold besides its noun: articles, quantifiers, "of them".
_FRAME = frozenset("a an the some one any of them those these that this other another certain "
                   "random anonymous few couple from to in at".split())
#: Answers that are themselves amounts without a figure ("hundreds", "scores").
_AMOUNT_ANSWERS = frozenset("hundreds thousands dozens scores several many".split())
#: Nationalities and ranks a description may carry ("a Mexican reader", "top officials").
_MODIFIERS = frozenset("mexican american us u.s federal top senior high ranking high-ranking "
                       "local tv diplomatic house".split())
#: A decade, with its part: "the late 2000s", "early 2000s", "the 2000s".
_GENERIC_WORDS = frozenset(_PEOPLE) | frozenset(_BODIES) | _FRAME | _MODIFIERS | _PLACES | _AMOUNTS
#: The words one of which a vague answer must hold: a noun of a kind, a place word or an amount.
_VAGUE_WORDS = frozenset(_PEOPLE) | frozenset(_BODIES) | _PLACES | _AMOUNTS
_DECADE = re.compile(r"^(?:the\s+)?(?:(early|mid|late)\s+)?(\d{3}|\d)0s$")
_PARTS = {"early": range(4), "mid": range(3, 8), "late": range(6, 10)}


def is_generic(fact: Fact, response: str, ctx: Context) -> bool:
    """Whether ``response`` names only the kind of thing ``fact`` asks for, in words that fit
    its answer as the question and the cited passage describe it."""
    said = normalize(response).split()
    if not said:
        return False
    if fact.kind is Kind.YEAR:
        return _in_decade(fact, " ".join(said))
    if fact.kind is Kind.LIST:
        return _kind_of_items(fact, said, ctx)
    if fact.kind in (Kind.TEXT, Kind.CHOICE) and _POST_WORDS.intersection(said) and _other_post_word(
            fact, said):
        return True
    if not _VAGUE_WORDS.intersection(said) or any(ch.isdigit() for word in said for ch in word):
        return False  # (most wrong answers hold no vague word: no description is read for them)
    described = _described(fact, ctx)
    names = _name_words(ctx)
    others = _distractor_words(fact, ctx)
    if any(w in names or w in others for w in said):
        return False  # "the ICE guy", "the commenter MF": a name is an answer, judged so
    # besides its nouns, a description may hold words its question or source uses ("a cartel
    # boss" where the passage speaks of cartels)
    rest = [w for w in said if w not in _FRAME and w not in _MODIFIERS]
    if fact.kind is Kind.PERSON:
        return _fits(rest, _PEOPLE, described)
    if fact.kind is Kind.AGENCY:
        return _fits(rest, _BODIES, described)
    if fact.kind is Kind.PLACE:
        return bool(rest) and all(w in _PLACES for w in rest) and direction_of(fact, response) in (
            None, True)
    amounts = fact.kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT) or (
        fact.kind is Kind.TEXT and bool(_AMOUNT_ANSWERS & set(normalize(fact.answer_text).split())))
    if amounts:
        counted = [w for w in said if w not in _AMOUNTS and w not in _FRAME]
        # "a lot of agents": the amount, and at most the thing the question itself counts
        asked = _described(fact, ctx, passage=False)
        return any(w in _AMOUNTS for w in said) and len(counted) <= 1 and all(
            w in asked for w in counted)
    return False


#: A direction and its adjective: "the north" is the "northern" part.
_DIRECTIONS = {"north": "north", "northern": "north", "south": "south", "southern": "south",
               "east": "east", "eastern": "east", "west": "west", "western": "west",
               "northeast": "northeast", "northeastern": "northeast", "northwest": "northwest",
               "northwestern": "northwest", "southeast": "southeast", "southeastern":
               "southeast", "southwest": "southwest", "southwestern": "southwest"}


#: A direction of a named place: "northern Mexico", "the north of Mexico", "West Texas".
_PART_OF = re.compile(r"^(?i:the\s+)?(?i:(?:north|south|east|west)\w*\s+(?:of\s+(?:the\s+)?)?)+"
                      r"[A-Z]")


def direction_of(fact: Fact, response: str) -> bool | None:
    """For a place that is a part of another ("northern Mexico"), whether ``response`` names
    that part in words the question leaves ("the north" when asked which part of Mexico): True;
    False when it names another direction ("the south"); None when no direction is in play."""
    answer = {_DIRECTIONS[w] for w in normalize(fact.answer_text).split() if w in _DIRECTIONS}
    if not answer or not _PART_OF.match(fact.answer_text):
        return None  # (a part of a named place only: "the Southwest border" is no part)
    said = normalize(response).split()
    given = {_DIRECTIONS[w] for w in said if w in _DIRECTIONS}
    if not answer or not given:
        return None
    if given != answer:
        return False
    asked = set(normalize(fact.prompt).split())
    rest = [w for w in normalize(fact.answer_text).split() if w not in _DIRECTIONS]
    extra = [w for w in said if w not in _DIRECTIONS and w not in _FRAME]
    return all(w in asked for w in rest) and all(w in asked or w in rest for w in extra)


#: Words for the same post, one of which a learner may say for another: "the acting chief" for
#: "acting director" is on the way, not the post the source gives.
_POST_WORDS = frozenset("head chief director leader boss".split())


def _other_post_word(fact: Fact, said: list[str]) -> bool:
    """Whether ``said`` is a post answer with its post word swapped for another ("the acting
    chief" for "acting director")."""
    said = [w for w in said if w not in _ARTICLES]
    for text in (*fact.items, *fact.accept):
        form = [w for w in normalize(text).split() if w not in _ARTICLES]
        if len(form) != len(said):
            continue
        differ = [(a, b) for a, b in zip(form, said, strict=True) if a != b]
        if len(differ) == 1 and all(w in _POST_WORDS for w in differ[0]):
            return True
    return False



def _kind_of_items(fact: Fact, said: list[str], ctx: Context) -> bool:
    """Whether a response to a list names only the kind of its items, in the words of its
    question and passage: "the four states on the Mexican border", "the border states"."""
    items = {w for text in (*fact.items, *fact.accept, *fact.distractors)
             for w in normalize(text).split()}
    if len(said) > 10 or any(w in items for w in said):
        return False  # an item named: judged as a list
    head = _LIST_HEAD.search(normalize(fact.prompt))
    if head is None or head["noun"] not in said or {"and", "or"} & set(said):
        return False  # (the noun for the items the question asks: "which three agencies")
    described = _described(fact, ctx)
    return all(w in described or w in _FRAME or w in _LIST_COUNTS for w in said)


#: The noun for a list's items in its question: "name the four states", "which three agencies".
_LIST_HEAD = re.compile(r"\b(?:which|what|name\s+the|the)\s+(?:(?:two|three|four|five|six|both|"
                        r"[2-9])\s+)?(?:\w+\s+)?(?P<noun>\w{3,}s)\b")
#: How many, in a list's description: "the four states".
_LIST_COUNTS = frozenset("two three four five six 2 3 4 5 6 both all".split())


def _fits(rest: list[str], nouns: dict[str, frozenset[str]], described: frozenset[str]) -> bool:
    """Whether ``rest`` is nouns of a kind the description uses, with only words of the
    description besides."""
    found = [w for w in rest if w in nouns]
    return bool(found) and all(w in nouns or w in described for w in rest) and all(
        nouns[w] & described for w in found)


def _name_words(ctx: Context) -> frozenset[str]:
    """The words of the glossary's names and the people's that no vague answer uses ("ice",
    "state", "melson"): a response holding one names something."""
    def build() -> frozenset[str]:
        pack = ctx._pack
        words: set[str] = set(ctx.people_words)
        for entry in pack.glossary if pack is not None else ():
            for name in entry.names:
                words.update(normalize(name).split())
        return frozenset(words - _GENERIC_WORDS)

    return ctx.shared("generic-name-words", build)


def _distractor_words(fact: Fact, ctx: Context) -> frozenset[str]:
    """The words of the fact's wrong choices that its answer and question do not use ("mf"
    for the reader Harley; not "years" for "2 years")."""
    def build() -> frozenset[str]:
        own = set(normalize(f"{fact.prompt} {fact.answer_text}").split())
        words = {w for text in fact.distractors for w in normalize(text).split()}
        return frozenset(words - own - _GENERIC_WORDS)

    return ctx.memo(fact, "distractor-words", build)


def _described(fact: Fact, ctx: Context, passage: bool = True) -> frozenset[str]:
    """The words of the question and its explanation, and with ``passage`` those of the
    passage it cites."""
    def build() -> frozenset[str]:
        words = frozenset(normalize(f"{fact.prompt} {fact.explain or ''}").split())
        return words | ctx.passage_words.get(fact.cite, frozenset()) if passage else words

    return ctx.memo(fact, "described" if passage else "asked", build)


def _in_decade(fact: Fact, said: str) -> bool:
    """ "the late 2000s" for an answer in 2006 to 2009: the decade (and its part) holds it."""
    match = _DECADE.match(said)
    years = [int(y) for y in re.findall(r"\b(\d{4})\b", fact.answer_text)]
    if match is None or len(years) != 1:
        return False
    part, decade = match.groups()
    year = years[0]
    if len(decade) == 1:
        decade = f"{year // 100}{decade}"  # "the late 60s": the answer's century
    if year // 10 != int(decade):
        return False
    return part is None or year % 10 in _PARTS[part]


def known_name_words(fact: Fact, ctx: Context) -> frozenset[str]:
    """Every word naming someone or something: the pack's names and people, and the fact's
    wrong choices."""
    return _name_words(ctx) | _distractor_words(fact, ctx)


def pack_name_words(ctx: Context) -> frozenset[str]:
    """The words of the pack's names and people (`known_name_words` without a fact's wrong
    choices)."""
    return _name_words(ctx)


def distractor_words(fact: Fact, ctx: Context) -> frozenset[str]:
    """The words of the fact's wrong choices that its answer and question do not use."""
    return _distractor_words(fact, ctx)


#: Words that open a description of someone: "the acting head of ATF", "some congressman".
_DESCRIBING = frozenset("the a an some that this one".split())
#: Nouns for a person that a description of one holds.
_PERSON_NOUNS = frozenset(_PEOPLE) | frozenset(
    "congressman congresswoman representative senator secretary director head chief boss agent "
    "official commissioner administrator czar spokesman whistleblower reporter blogger "
    "commenter reader".split())


def describes_only(fact: Fact, response: str, ctx: Context) -> bool:
    """Whether ``response`` describes the person asked for by the post the source gives them,
    without their name: "the acting head of ATF" for Melson. Close: name them."""
    if fact.kind is not Kind.PERSON:
        return False
    said = as_tokens(response)
    while said and said[0] in _DESCRIBING:
        said = said[1:]
    if len(said) < 2 or not _PERSON_NOUNS.intersection(said):
        return False
    if any(w in ctx.people_words for w in said):
        return False  # a name: judged as one
    if _given_back(fact, said, ctx):
        return False  # the question given back ("the DHS secretary" when asked which one)
    return describes_person(said, fact, ctx)


def _given_back(fact: Fact, said: Sequence[str], ctx: Context) -> bool:
    """Whether a description of a person holds only the question's words and nouns for a
    person: "the acting director of ATF" when asked who was ATF's acting director."""
    asked = ctx.memo(fact, "prompt-names", lambda: _prompt_words(fact, ctx))
    return all(w in asked or w in _PERSON_NOUNS or w in _FRAME or w == "s" for w in said)


def _prompt_words(fact: Fact, ctx: Context) -> frozenset[str]:
    """The question's words, with every other name of the names it holds ("dhs" beside
    "homeland security")."""
    words = set(as_tokens(fact.prompt))
    for _, _, found in ctx.mentions.find(as_tokens(fact.prompt)):
        for name in found:
            for same in ctx.same_names(name):
                words.update(same)
    return frozenset(words)
