"""Question forms built from a fact: short answer, multiple choice, true/false, fill-in-the-blank."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from enum import StrEnum

from study.checking import context_for
from study.checking.choices import choice_index, truth_value
from study.checking.forms import expand
from study.checking.matching import as_tokens
from study.checking.normalize import DONT_KNOW, is_dont_know
from study.pack.models import Fact, Kind, Pack
from study.quiz.scoring import display_form

LETTERS = "ABCDEFGH"
#: A fact needs this many distractors to be asked as multiple choice.
MIN_DISTRACTORS = 3


class Form(StrEnum):
    SHORT = "short"
    CHOICE = "choice"
    TRUEFALSE = "truefalse"
    CLOZE = "cloze"


#: What a learner may ask for: one form, or ``mix`` (the default).
FORM_CHOICES = ("short", "choice", "truefalse", "cloze", "mix")
_COUNT_WORDS = {2: "both", 3: "all three", 4: "all four", 5: "all five", 6: "all six"}


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
            n = len(self.fact.items)
            return f"Name {_COUNT_WORDS.get(n, f'all {n}')}."
        return ""

    def option(self, index: int) -> str:
        """"B) Twitter": an option with its letter."""
        return f"{LETTERS[index]}) {self.choices[index]}"


def not_an_answer(question: Question, response: str) -> str | None:
    """Why ``response`` does not answer the question at all: nothing typed, a letter with no
    option behind it, or neither true nor false. The learner is asked again, not marked."""
    if not response.strip():
        return "Type an answer first (or skip the question)."
    if question.form is Form.CHOICE:
        index = choice_index(response, question.choices)
        if index is not None and not 0 <= index < len(question.choices):
            last = LETTERS[len(question.choices) - 1]
            return (f"{response.strip()!r} is not one of the options: answer with a letter "
                    f"(A-{last}) or the option's text.")
    elif question.form is Form.TRUEFALSE:
        if truth_value(response) is None and not _says_dont_know(response):
            return "Answer true or false (yes or no also work); if you don't know, say so."
    return None


_LETTERED = re.compile(r"^\s*\(?([A-Ha-h])\s*(?:[).:\]]|-\s)\s*(\S.*)$")
_LEADING_LETTER = re.compile(r"^\s*([A-Ha-h])\s+(\S.*)$")


def split_choice(question: Question, response: str) -> tuple[int, str] | None:
    """An answer written as the options are shown, "B) Twitter", "C. major", "b - ICE",
    "(D) Center for ...", or "b Twitter": the option's index and the text after the letter.
    None when the response is not written that way; a bare leading "a" without punctuation is
    read as the article when the rest is not the text of option A."""
    if not question.choices:
        return None
    match = _LETTERED.match(response)
    explicit = match is not None
    if match is None:
        match = _LEADING_LETTER.match(response)
    if match is None:
        return None
    index = ord(match.group(1).lower()) - ord("a")
    text = match.group(2).strip()
    if not explicit and match.group(1).lower() == "a":
        from study.checking.normalize import normalize

        if index >= len(question.choices) or normalize(text) != normalize(question.choices[0]):
            return None  # "a center for public integrity": the article, not option A
    return index, text


def _says_dont_know(response: str) -> bool:
    """"I don't know", said in so many words; "maybe" and "probably" are hedges, not that."""
    words = re.sub(r"[^a-z ]+", "", response.lower().replace("'", "")).split()
    return bool(words) and is_dont_know(" ".join(words)) and " ".join(words) in DONT_KNOW


def can_ask(fact: Fact, pack: Pack, form: Form) -> bool:
    """Whether ``fact`` can be asked in ``form``."""
    if fact.kind is Kind.TRUEFALSE:
        return form is Form.TRUEFALSE
    if form is Form.TRUEFALSE:
        return False
    if form is Form.CHOICE:
        return _choosable(fact)
    if form is Form.CLOZE:
        return cloze_sentence(fact, pack) is not None
    return fact.kind is not Kind.CHOICE or not _choosable(fact)


def _choosable(fact: Fact) -> bool:
    """Multiple choice needs three wrong options: a fact with fewer is asked another way."""
    return fact.kind is not Kind.LIST and len(fact.distractors) >= MIN_DISTRACTORS


def make_question(fact: Fact, pack: Pack, rng: random.Random, form: str = "mix") -> Question:
    """Build the question for ``fact`` in ``form`` ("mix" picks one, seeded, so a session
    replays the same); a fact that cannot take the form asked is asked as short answer."""
    if fact.kind is Kind.TRUEFALSE:
        return Question(fact, Form.TRUEFALSE, fact.prompt)
    if form == "choice" and _choosable(fact):
        return _choice(fact, rng)
    if form == "cloze":
        sentence = cloze_sentence(fact, pack)
        if sentence:
            return Question(fact, Form.CLOZE, sentence)
    if fact.kind is Kind.CHOICE and _choosable(fact):
        return _choice(fact, rng)
    if form == "mix" and fact.kind is not Kind.LIST:
        roll = rng.random()
        if roll < 0.3 and _choosable(fact):
            return _choice(fact, rng)
        if roll > 0.85:
            sentence = cloze_sentence(fact, pack)
            if sentence:
                return Question(fact, Form.CLOZE, sentence)
    return Question(fact, Form.SHORT, fact.prompt)


def _choice(fact: Fact, rng: random.Random) -> Question:
    options = [display_form(fact.items[0]),
               *rng.sample(fact.distractors, min(3, len(fact.distractors)))]
    rng.shuffle(options)
    return Question(fact, Form.CHOICE, fact.prompt, tuple(options))


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
#: A sentence that opens with one of these leans on the one before it ("He points readers to
#: ...", "This was ..."): as a fill-in-the-blank it would refer to nothing.
_LEANING = frozenset(
    "he she it they them his her hers its their theirs this that these those such there then "
    "also but and or so yet however still instead meanwhile both another other others which "
    "who whose".split()
)
BLANK = "_____"


def cloze_sentence(fact: Fact, pack: Pack) -> str | None:
    """A sentence of the cited passage with the answer blanked out, when one states it, stands
    on its own, and gives no other form of the answer (its acronym, a second mention)."""
    passage = pack.passages.get(fact.cite)
    if passage is None or fact.kind is Kind.LIST:
        return None
    ctx = context_for(pack)
    every_form = ctx.answer_forms(fact, fact.kind)
    forms = sorted((f for text in (*fact.items, *fact.accept) for f in expand(text)), key=len,
                   reverse=True)
    for sentence in _SENTENCE.split(passage.text.replace("\n\n", " ")):
        if not 30 <= len(sentence) <= 260:
            continue
        first = sentence.split(maxsplit=1)[0].strip("\"'(").lower()
        if first in _LEANING:
            continue
        for form in forms:
            if len(form) < 3:
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)
            if not pattern.search(sentence):
                continue
            blanked = pattern.sub(BLANK, sentence, count=1)
            if not _gives_away(blanked, every_form):
                return blanked
            break  # this sentence names the answer twice or in another form: try the next
    return None


def _gives_away(blanked: str, forms: list[tuple[str, ...]]) -> bool:
    """Whether the blanked sentence still holds a form of the answer (its acronym, its long
    name, a second mention)."""
    words = as_tokens(blanked.replace(BLANK, " "))
    for form in forms:
        n = len(form)
        if n and any(words[i : i + n] == form for i in range(len(words) - n + 1)):
            return True
    return False
