"""Progressive hints: each asks for a little more of the answer's meaningful words.

A hint never gives the answer away: the first says what kind of answer is wanted, the next
ones reveal letters of the meaningful words (never of "in", "for", "the"): one, then about a
third of each; an acronym is shown as blanks, then with its first letter. A multiple-choice hint strikes
out a wrong option instead.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from study.checking.numbers import quantities
from study.pack.models import Kind
from study.quiz.forms import LETTERS, Form, Question
from study.quiz.scoring import display_form

#: Words that carry no meaning of their own: they are shown as they are, never hinted at.
_SMALL = frozenset(
    "a an the of in on at for to by from and or with as its his her their that this was were "
    "is are be".split()
)
MAX_LEVEL = 3


@dataclass(frozen=True)
class Hint:
    level: int
    text: str
    last: bool  # no further hint exists


def hint_for(question: Question, level: int) -> Hint:
    """The hint of ``level`` (1 = the first) for ``question``."""
    fact = question.fact
    if question.form is Form.TRUEFALSE:
        return Hint(1, "Think about who made the claim, and what exactly it says.", True)
    if question.form is Form.CHOICE:
        return _choice_hint(question, level)
    if fact.kind is Kind.LIST:
        return _list_hint(question, level)
    answer = display_form(fact.items[0])
    if fact.kind.numeric and quantities(answer):
        return _number_hint(answer, fact.kind, level)
    return _words_hint(answer, fact.kind, level)


def _kind_phrase(kind: Kind, answer: str) -> str:
    words = answer.split()
    count = f"{len(words)} word{'s' if len(words) != 1 else ''}"
    return {
        Kind.PERSON: f"a person's name ({count})",
        Kind.AGENCY: f"an agency or body ({count})",
        Kind.PLACE: f"a place ({count})",
    }.get(kind, f"{count}")


def _mask(word: str, show: int) -> str:
    """``word`` with its first ``show`` letters and every non-letter kept."""
    out, shown = [], 0
    for ch in word:
        if ch.isalnum():
            out.append(ch if shown < show else "_")
            shown += 1
        else:
            out.append(ch)
    return "".join(out)


def _reveal(word: str, level: int) -> int:
    """How many letters of ``word`` levels 2 and 3 show: a long word one, then about a third;
    an acronym or another short word none, then one (its first letter would give it away)."""
    letters = sum(ch.isalnum() for ch in word)
    if letters <= 3:
        return 0 if level <= 2 else 1
    return 1 if level <= 2 else max(1, letters // 3)


def _pattern(answer: str, level: int) -> str:
    words = []
    for word in answer.split():
        if word.strip(",.;:()").lower() in _SMALL:
            words.append(word)
        else:
            words.append(_mask(word, _reveal(word, level)))
    return " ".join(words)


def _is_acronym(answer: str) -> bool:
    return " " not in answer and answer.isupper() and 2 <= len(answer) <= 6


def _words_hint(answer: str, kind: Kind, level: int) -> Hint:
    if _is_acronym(answer):
        if level <= 1:
            what = {Kind.AGENCY: " (an agency)", Kind.PLACE: " (a place)"}.get(kind, "")
            return Hint(1, f"The answer is an acronym of {len(answer)} letters{what}.", False)
        return Hint(2, f"It looks like this: {_mask(answer, 1)}", True)
    level = max(1, min(level, MAX_LEVEL))
    if level == 1:
        return Hint(1, f"The answer is {_kind_phrase(kind, answer)}.", False)
    shown = _pattern(answer, level)
    last = level >= MAX_LEVEL or _pattern(answer, level + 1) == shown
    return Hint(level, f"It looks like this: {shown}", last)


def _number_hint(answer: str, kind: Kind, level: int) -> Hint:
    value = quantities(answer)[0].value
    digits = str(int(value)) if value.is_integer() else f"{value:g}"
    level = max(1, min(level, MAX_LEVEL))
    if level == 1:
        what = {Kind.YEAR: "a year", Kind.MONEY: "a sum of money", Kind.PERCENT: "a percentage"}
        return Hint(1, f"The answer is {what.get(kind, 'a number')}.", False)
    if kind is Kind.YEAR and len(digits) == 4:
        if level == 2:
            return Hint(2, f"It is in the {digits[:3]}0s.", False)
        return Hint(3, f"It is {digits[:3]}_.", True)
    if level == 2:
        return Hint(2, f"It has {len(digits.replace('.', ''))} digits.", False)
    return Hint(3, f"It starts with {digits[0]}: {digits[0]}{'_' * (len(digits) - 1)}.", True)


def _list_hint(question: Question, level: int) -> Hint:
    items = [display_form(item) for item in question.fact.items]
    level = max(1, min(level, MAX_LEVEL))
    if level == 1:
        return Hint(1, f"There are {len(items)} of them.", False)
    shown = "; ".join(_pattern(i, level) for i in items)
    return Hint(level, f"They look like this: {shown}", level >= MAX_LEVEL)


def _choice_hint(question: Question, level: int) -> Hint:
    """Strike out wrong options, one per level, always leaving the answer and one other."""
    wrong = wrong_options(question)
    rng = random.Random(question.fact.id)  # the same options struck out every time
    rng.shuffle(wrong)
    struck = wrong[: min(level, max(len(wrong) - 1, 0))]
    if not struck:
        return Hint(level, "No more options can be struck out.", True)
    names = ", ".join(f"{LETTERS[i]}) {question.choices[i]}" for i in sorted(struck))
    return Hint(level, f"It is not {names}.", len(struck) >= len(wrong) - 1)


def wrong_options(question: Question) -> list[int]:
    """The indexes of the options that are not the answer."""
    from study.checking import check

    return [i for i, option in enumerate(question.choices)
            if not check(question.fact, option).correct]
