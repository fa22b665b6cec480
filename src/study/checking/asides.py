"""Answers with something beside them that changes nothing: the answer with an aside
("Harley, on March 5"), a sentence ending in the place ("They met in San Diego"), a sum worked
out to the figure ("22 + 20 = 42")."""

from __future__ import annotations

import re

from study.checking.context import Context
from study.checking.generic import distractor_words, known_name_words, pack_name_words
from study.checking.matching import TITLES
from study.checking.normalize import normalize
from study.checking.numbers import quantities
from study.checking.strategies import STRATEGIES
from study.checking.vague import is_inner_place
from study.pack.models import Fact, Kind

#: What joins a worked sum to its result ("= 42", ", so 42", "makes 42"), and its terms.
WORKED = re.compile(r"\s*(?:=|,?\s*\b(?:so|makes|equals|which\s+is|for\s+a\s+total\s+of|"
                    r"in\s+all|that'?s)\b)\s*", re.IGNORECASE)
_PLUS = re.compile(r"\s*(?:\+|\bplus\b|\band\b)\s*", re.IGNORECASE)


def worked_out(fact: Fact, response: str, ctx: Context) -> bool:
    """Whether ``response`` shows its sum and ends in the answer: "22 + 20 = 42", "$10 million
    plus $5.9 million, so $15.9 million". The sum must be right, and what follows the last "=",
    "so" or "makes" the answer."""
    if fact.kind not in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT):
        return False
    joins = list(WORKED.finditer(response))
    if not joins:
        return False
    left, result = response[:joins[-1].start()], response[joins[-1].end():]
    terms = [quantities(term) for term in _PLUS.split(left) if term.strip()]
    if len(terms) < 2 or not STRATEGIES[fact.kind](fact, result, ctx).correct:
        return False
    total = quantities(result)
    if not total or any(len(t) != 1 for t in terms):
        return False
    summed, want = sum(t[0].value for t in terms), total[0].value
    # the scale said once, at the result: "10 + 5.9 = 15.9 million"
    return any(abs(summed * scale - want) <= 1e-6 * max(1.0, want) for scale in _SCALES)


#: The scales a worked sum may name only at its result.
_SCALES = (1.0, 1e3, 1e6, 1e9)


#: Answers that are a name or a phrase: a detail beside one ("Harley, on March 5",
#: "small-time straw buyers, the 'little guys'") changes nothing.
_NAMED_KINDS = frozenset({Kind.PERSON, Kind.AGENCY, Kind.PLACE, Kind.TEXT})
#: The preposition before a place at the end of a sentence: "They met in San Diego".
_AT_PLACE = re.compile(r"\s+(?:in|at|to|from|near|of|around|into|outside)\s+", re.IGNORECASE)
_PARTS = re.compile(r"\s*[,;]\s*|\s+-+\s+|\s*\(\s*|\s*\)\s*")


def with_aside(fact: Fact, response: str, ctx: Context) -> bool:
    """Whether ``response`` is the answer with asides that name no one and nothing else
    ("Harley, on March 5", "south of the border, in Mexico", "all the way to the top, the
    Department of Justice"): its answer's part is right, and every other part names no
    candidate (no name the pack knows, no wrong choice)."""
    if fact.kind not in _NAMED_KINDS:
        return False
    strategy = STRATEGIES[fact.kind]
    parts = [p for p in _PARTS.split(response) if p and p.strip()]
    right: list[int] = []
    if len(parts) >= 2:
        # only a part sharing a word with the answer may be it (the strategy is the costly part)
        own = _answer_words(fact, ctx)
        right = [i for i, part in enumerate(parts)
                 if own.intersection(normalize(part).split()) and strategy(fact, part, ctx).correct]
    if fact.kind is Kind.PLACE and len(right) != 1:
        # "They met in San Diego, California.": the clause before the place's preposition
        text = response.strip().rstrip(".!")
        last = max(_AT_PLACE.finditer(text), key=lambda m: m.start(), default=None)
        if last is not None and strategy(fact, text[last.end():], ctx).correct:
            parts, right = [text[:last.start()], text[last.end():]], [1]
    if len(parts) < 2 or len(right) != 1:
        return False
    names = known_name_words(fact, ctx)
    for i, part in enumerate(parts):
        if i == right[0]:
            continue
        words = normalize(part).split()
        figures = [w for w in words if any(ch.isdigit() for ch in w)]
        if figures and (fact.kind is Kind.TEXT or not set(figures) <= ctx.passage_words.get(
                fact.cite, frozenset())):
            return False  # a date or figure beside a phrase, or one its source never gives
        if fact.kind is Kind.PLACE and _inside(fact, words, ctx):
            continue  # "Texas, mostly around Houston": a place the answer holds
        if any(w in names or w in _HEDGES or w in _POSTS for w in words) or any(
                w[:1].isupper() and w.lower().strip(".") not in _PLAIN for w in part.split()):
            return False  # another name ("Harley, or MF", "Mexico, no wait, Canada")
    return True


#: Words that may lead a place inside the answer: "mostly around Houston", "especially in El Paso".
_AROUND = frozenset("mostly mainly especially particularly largely chiefly around near in at "
                    "the city of from".split())


def _inside(fact: Fact, words: list[str], ctx: Context) -> bool:
    """Whether ``words`` are a place inside the answer with words that place it ("mostly around
    Houston")."""
    lead = 0
    while lead < len(words) - 1 and words[lead] in _AROUND:
        lead += 1
    return lead < len(words) and is_inner_place(fact, " ".join(words[lead:]), ctx)


#: Words whose order carries the meaning ("more guns than drugs", "from Mexico to the US"): an
#: answer holding one is never read in another order.
_ORDERED = frozenset("than from to into before after over under versus vs not no never without "
                     "until since against".split())
#: Words that may stand anywhere in an answer said in another order.
_LOOSE = frozenset("the a an of in on at by for and with from it was is were who that this "
                   "his her their its s one".split())


_DIGIT = re.compile(r"\d")
#: Words that make an answer vague ("some public integrity center"): close, not right.
_VAGUE = frozenset("some any certain sort kind like something whatever thing stuff".split())


def in_other_order(fact: Fact, response: str, ctx: Context) -> bool:
    """Whether ``response`` says a phrase answer's words in another order, with only words of
    the question, its passage or its accepted forms besides: "an ATF agent working undercover"
    for "an undercover ATF agent", "counting beans" for "bean counting". Never for an answer
    whose order is its meaning ("more guns than drugs"), nor with a name, a figure or a hedge
    beside it."""
    if fact.kind not in (Kind.TEXT, Kind.AGENCY, Kind.CHOICE) or _DIGIT.search(response):
        return False
    words = normalize(response).split()
    if len(words) < 2 or _content_words(fact, ctx).isdisjoint(words):
        return False  # (a cheap test first: most responses share no word with the answer)
    said = [_stem(w) for w in words]
    got = set(said)
    # (the answer's words first: most responses lack them, and the words that may stand beside
    # them are read from the passage only for those that have them)
    forms = [form for form in ctx.memo(fact, "phrase-forms", lambda: _phrase_forms(fact))
             if form <= got]
    if not forms:
        return False
    allowed, names = _beside_words(fact, ctx)
    for form in forms:
        extra = [w for w in said if w not in form and w not in _LOOSE]
        if all(w in allowed and w not in names and w not in _HEDGES and w not in _VAGUE
               and w not in _ORDERED for w in extra):  # ("a year after" for "a year before")
            return True
    return False


def _content_words(fact: Fact, ctx: Context) -> frozenset[str]:
    """The answer's words less those that may stand anywhere ("the", "of")."""
    return ctx.memo(fact, "content-words", lambda: _answer_words(fact, ctx) - _LOOSE)


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _phrase_forms(fact: Fact) -> list[frozenset[str]]:
    """The content words of each answer form of two content words or more, stemmed."""
    out = []
    for text in (*fact.items, *fact.accept):
        words = normalize(text).split()
        if _ORDERED.intersection(words) or any(any(ch.isdigit() for ch in w) for w in words):
            continue
        content = frozenset(_stem(w) for w in words if w not in _LOOSE)
        if len(content) >= 2:
            out.append(content)
    return out


def _beside_words(fact: Fact, ctx: Context) -> tuple[frozenset[str], frozenset[str]]:
    """The words that may stand beside the answer's (those of its question, its accepted forms
    and its passage), and the names no answer in another order may hold."""
    def build() -> tuple[frozenset[str], frozenset[str]]:
        texts = [fact.prompt, *fact.items, *fact.accept]
        passage = ctx.shared(f"stemmed-{fact.cite}", lambda: frozenset(
            _stem(w) for w in ctx.passage_words.get(fact.cite, ())))
        allowed = passage | {_stem(w) for text in texts for w in normalize(text).split()}
        own = {_stem(w) for text in (*fact.items, *fact.accept) for w in normalize(text).split()}
        # (the pack's name words stemmed once for every fact, the fact's distractors each time)
        pack_names = ctx.shared("stemmed-names", lambda: frozenset(
            _stem(w) for w in pack_name_words(ctx)))
        names = (pack_names | {_stem(w) for w in distractor_words(fact, ctx)}) - own
        return allowed, names

    return ctx.memo(fact, "beside-words", build)


def _answer_words(fact: Fact, ctx: Context) -> frozenset[str]:
    return ctx.memo(fact, "answer-words", lambda: frozenset(
        w for text in (*fact.items, *fact.accept) for w in normalize(text).split()))


#: Words of a post: "Melson, the drug czar" is judged by the post the pack gives him.
_POSTS = TITLES | frozenset("head chief czar boss leader operations official officer spokesman "
                            "spokeswoman".split())
#: Words that make an aside another answer or take the answer back, or give a source (judged
#: by the rule on sources: "according to my notes" is none).
_HEDGES = frozenset("or not no wait actually maybe either nor instead than rather according "
                    "per".split())
#: Capitalised words an aside may hold: "on March 5", "At a gas station".
_PLAIN = frozenset("i january february march april may june july august september october "
                   "november december jan feb mar apr jun jul aug sep sept oct nov dec monday "
                   "tuesday wednesday thursday friday saturday sunday the a an at in on all "
                   "he she they it his her their its by from".split())
