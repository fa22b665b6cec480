"""Question forms built from a fact: short answer, multiple choice, true/false, fill-in-the-blank."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from enum import StrEnum

from study.checking.forms import expand
from study.checking.normalize import is_dont_know
from study.checking.strategies import choice_index, truth_value
from study.pack.models import Fact, Kind, Pack

LETTERS = "ABCDEFGH"


class Form(StrEnum):
    SHORT = "short"
    CHOICE = "choice"
    TRUEFALSE = "truefalse"
    CLOZE = "cloze"


@dataclass(frozen=True)
class Question:
    """One question as asked: the fact behind it, its form and what the learner sees."""

    fact: Fact
    form: Form
    prompt: str
    choices: tuple[str, ...] = field(default=())

    @property
    def instructions(self) -> str:
        if self.form is Form.CHOICE:
            return f"Answer with a letter (A-{LETTERS[len(self.choices) - 1]}) or the option."
        if self.form is Form.TRUEFALSE:
            return "True or false?"
        if self.form is Form.CLOZE:
            return "Fill in the blank."
        if self.fact.kind is Kind.LIST:
            return f"Name all {len(self.fact.items)}."
        return ""


def not_an_answer(question: Question, response: str) -> str | None:
    """Why ``response`` does not answer the question's form at all: a letter with no option
    behind it, or neither true nor false. The learner is asked again, not marked."""
    if question.form is Form.CHOICE:
        index = choice_index(response, question.choices)
        if index is not None and not 0 <= index < len(question.choices):
            last = LETTERS[len(question.choices) - 1]
            return (f"{response.strip()!r} is not one of the options: answer with a letter "
                    f"(A-{last}) or the option's text.")
    elif question.form is Form.TRUEFALSE:
        if truth_value(response) is None and not is_dont_know(response):
            return "Answer true or false (yes or no also work)."
    return None


def make_question(fact: Fact, pack: Pack, rng: random.Random, mix: bool = True) -> Question:
    """Pick a form for ``fact`` (seeded, so a session replays the same) and build the question."""
    if fact.kind is Kind.TRUEFALSE:
        return Question(fact, Form.TRUEFALSE, fact.prompt)
    if fact.kind is Kind.CHOICE and len(fact.distractors) >= 1:
        return _choice(fact, rng)
    if mix and fact.kind is not Kind.LIST:
        roll = rng.random()
        if roll < 0.3 and len(fact.distractors) >= 3:
            return _choice(fact, rng)
        if roll > 0.85:
            cloze = _cloze(fact, pack)
            if cloze:
                return cloze
    return Question(fact, Form.SHORT, fact.prompt)


def _choice(fact: Fact, rng: random.Random) -> Question:
    options = [expand(fact.items[0])[0], *rng.sample(fact.distractors, min(3, len(fact.distractors)))]
    rng.shuffle(options)
    return Question(fact, Form.CHOICE, fact.prompt, tuple(options))


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def _cloze(fact: Fact, pack: Pack) -> Question | None:
    """A sentence of the cited passage with the answer blanked out, when one states it."""
    passage = pack.passages.get(fact.cite)
    if passage is None:
        return None
    forms = sorted((f for text in (*fact.items, *fact.accept) for f in expand(text)), key=len,
                   reverse=True)
    for sentence in _SENTENCE.split(passage.text.replace("\n\n", " ")):
        for form in forms:
            if len(form) < 3:
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)
            if pattern.search(sentence) and 30 <= len(sentence) <= 260:
                blanked = pattern.sub("_____", sentence, count=1)
                return Question(fact, Form.CLOZE, blanked)
    return None
