"""How each fact becomes a question a learning platform can grade on its own (Moodle's kinds).

- truefalse facts: true/false.
- choice facts, and person/agency/place facts with at least three distractors: multiple choice,
  the answer against every distractor. A platform compares short answers letter by letter, so
  "Napolitano" would fail against "Janet Napolitano"; choosing is graded right.
- year, number, percent and money facts whose answer states one value: numerical, the value
  the source states with no tolerance (as study does, 2006 is never taken for 2008). A
  qualifier ("more than 90 percent") names the source's own rounding, not a range: the value
  is what the learner types, and the feedback gives the whole answer. Percent and money
  questions say what to type (a number of percent; an amount in millions of dollars).
- lists: short answer, one pattern per order of the items with Moodle's ``*`` wildcard between
  them (``cocaine*heroin*meth*``), so the items count in any order with any separators. Lists
  with more patterns than `MAX_PATTERNS` keep each item's main form only; lists of more than
  five items become an essay for the teacher to mark, with the answer in the feedback.
- everything else: short answer with every accepted form (``( )`` optional parts and ``/``
  alternatives expanded) and the glossary's other names for it.

Every question carries the explain and the citation (source title, passage heading, passage id)
as its general feedback.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from study.checking.forms import expand
from study.checking.numbers import quantities
from study.pack.models import Fact, Kind, Pack

#: The most wildcard patterns a list question gets (5 items in any order is 120).
MAX_PATTERNS = 120
#: Kinds asked as multiple choice when they have this many distractors.
CHOICE_FROM = 3
_CHOICE_KINDS = frozenset({Kind.PERSON, Kind.AGENCY, Kind.PLACE})


class Form(StrEnum):
    SHORT = "shortanswer"
    NUMERICAL = "numerical"
    CHOICE = "multichoice"
    TRUEFALSE = "truefalse"
    ESSAY = "essay"


@dataclass(frozen=True)
class Shape:
    """One fact as a platform question."""

    fact: Fact
    form: Form
    text: str  # the question as shown: the prompt, plus what to type for some numericals
    feedback: str  # general feedback: the answer, the explain, the citation
    answers: tuple[str, ...] = ()  # short answer: accepted strings (or wildcard patterns)
    value: float = 0.0  # numerical
    right: str = ""  # multiple choice: the right option
    wrong: tuple[str, ...] = field(default=())  # multiple choice: the distractors
    truth: bool = False  # true/false


def pack_name(pack: Pack) -> str:
    """A stable name for the pack, for categories, decks and ids: "study" for the bundled pack,
    else the pack folder's name."""
    from study.paths import bundled_pack_dir

    root = Path(pack.root).resolve()
    if root == bundled_pack_dir().resolve():
        return "study"
    return _slug(root.name) or "pack"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def display(item: str) -> str:
    """An answer item as a learner would read it: its first written form."""
    forms = expand(item)
    return forms[0] if forms else item


def answer_text(fact: Fact) -> str:
    items = [display(i) for i in fact.items]
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def citation(pack: Pack, fact: Fact) -> str:
    """Where the answer is stated: source title and kind, passage heading, passage id."""
    passage = pack.passages[fact.cite]
    return f"{passage.source.title} ({passage.source.kind}), \u201c{passage.heading}\u201d [{passage.id}]"


def feedback(pack: Pack, fact: Fact) -> str:
    lines = [f"Answer: {answer_text(fact)}."]
    if fact.explain:
        lines.append(fact.explain)
    lines.append(f"Source: {citation(pack, fact)}")
    return "\n".join(lines)


def accepted_forms(pack: Pack, fact: Fact) -> list[str]:
    """Every string a short answer accepts: the answer's and accepted forms' expansions, and the
    glossary's other names for any of them; compared without case, as Moodle does."""
    forms: dict[str, str] = {}

    def add(text: str) -> None:
        text = " ".join(text.split())
        if text:
            forms.setdefault(text.casefold(), text)

    for text in (*fact.items, *fact.accept):
        for form in expand(text):
            add(form)
    names = {name.casefold(): entry for entry in pack.glossary for name in entry.names}
    for key in list(forms):
        entry = names.get(key)
        if entry is not None:
            for name in entry.names:
                add(name)
    return list(forms.values())


def _wildcard_literal(text: str) -> str:
    """``*`` is Moodle's short-answer wildcard; a literal one is written ``\\*``."""
    return text.replace("*", "\\*")


def list_patterns(fact: Fact) -> list[str] | None:
    """Wildcard patterns accepting the items in any order, or None when there are too many."""
    per_item = [[_wildcard_literal(f) for f in expand(item)] or [item] for item in fact.items]
    orders = math.factorial(len(per_item))
    if orders * math.prod(len(f) for f in per_item) > MAX_PATTERNS:
        per_item = [forms[:1] for forms in per_item]
        if orders > MAX_PATTERNS:
            return None
    patterns: dict[str, None] = {}
    for order in itertools.permutations(per_item):
        for combo in itertools.product(*order):
            patterns["*".join(combo) + "*"] = None
    for text in fact.accept:
        for form in expand(text):
            patterns[_wildcard_literal(form)] = None
    return list(patterns)


def _numeric(fact: Fact) -> tuple[float, str] | None:
    """The value a numerical question takes, and what the learner is told to type."""
    found = quantities(fact.items[0])
    if len(found) != 1:
        return None
    q = found[0]
    if fact.kind is Kind.PERCENT or q.unit == "percent":
        return q.value, "(Answer with a number: the percentage.)"
    if fact.kind is Kind.MONEY or q.unit == "money":
        for scale, name in ((1e9, "billions"), (1e6, "millions")):
            if q.value >= scale:
                return round(q.value / scale, 9), f"(Answer with a number: the amount in {name} of dollars.)"
        return q.value, "(Answer with a number: the amount in dollars.)"
    return q.value, ""


def shape(pack: Pack, fact: Fact) -> Shape:
    """The platform question for ``fact``."""
    fb = feedback(pack, fact)
    if fact.kind is Kind.TRUEFALSE:
        return Shape(fact, Form.TRUEFALSE, fact.prompt, fb, truth=fact.items[0].strip().lower() == "true")
    if fact.distractors and (
        fact.kind is Kind.CHOICE or (fact.kind in _CHOICE_KINDS and len(fact.distractors) >= CHOICE_FROM)
    ):
        return Shape(fact, Form.CHOICE, fact.prompt, fb, right=display(fact.items[0]),
                     wrong=tuple(fact.distractors))
    if fact.kind.numeric:
        numeric = _numeric(fact)
        if numeric is not None:
            value, hint = numeric
            return Shape(fact, Form.NUMERICAL, f"{fact.prompt} {hint}".strip(), fb, value=value)
    if fact.kind is Kind.LIST:
        patterns = list_patterns(fact)
        if patterns is None:
            return Shape(fact, Form.ESSAY, f"{fact.prompt} (Name all {len(fact.items)}.)", fb)
        return Shape(fact, Form.SHORT, f"{fact.prompt} (Name all {len(fact.items)}.)", fb,
                     answers=tuple(patterns))
    return Shape(fact, Form.SHORT, fact.prompt, fb,
                 answers=tuple(_wildcard_literal(f) for f in accepted_forms(pack, fact)))


def select(pack: Pack, topic: str | None = None) -> list[Fact]:
    """The pack's facts, or one topic's; an unknown topic is a `UsageError`."""
    if topic is None:
        return list(pack.facts)
    if topic not in pack.topics:
        from study.errors import UsageError

        raise UsageError(f"no topic {topic!r} in the pack; topics are: {', '.join(sorted(pack.topics))}")
    return [f for f in pack.facts if f.topic == topic]


def number(value: float) -> str:
    """A value as Moodle reads it: no exponent, no thousands separator."""
    if value.is_integer():
        return str(int(value))
    return f"{value:.9f}".rstrip("0").rstrip(".")
