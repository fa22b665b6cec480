"""What a response says before it is judged: a multiple-choice letter or number as its option's
text, yes/no/true/false as a truth value. Light to import: a quiz reads its questions with it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from study.checking.normalize import normalize
from study.checking.numbers import quantities

_TRUE = frozenset({"true", "t", "yes", "y", "correct", "right", "yep", "yeah", "true statement"})
_FALSE = frozenset({"false", "f", "no", "n", "incorrect", "wrong", "nope", "false statement"})
#: Words that settle a true/false question when the response goes on to give a reason.
_TRUE_WORDS = frozenset({"true", "yes", "correct", "right", "yep", "yeah"})
_FALSE_WORDS = frozenset({"false", "no", "incorrect", "wrong", "nope"})
_NOT = frozenset({"not", "isnt", "wasnt", "arent", "werent", "never"})
#: Words with which a learner takes back what they began with.
_CORRECTIONS = frozenset({"actually", "mean", "wait", "although", "though", "unless",
                          "kidding", "scratch", "correction"})


def truth_value(response: str) -> bool | None:
    """What yes/no/true/false/t/f says, or None when the response says neither. A reason after
    it is not graded ("no, they were overruled", "False. ATF had no single counterpart"); words
    that agree may lead together ("nope, false"); "not true" is false; "yes and no" is
    neither."""
    said = normalize(response)
    if said in _TRUE:
        return True
    if said in _FALSE:
        return False
    words = said.split()
    if len(words) == 2 and words[0] in _NOT and words[1] in _TRUE | _FALSE:
        return words[1] in _FALSE  # "not true"
    if not words or words[0] not in _TRUE_WORDS | _FALSE_WORDS:
        return None
    value = words[0] in _TRUE_WORDS
    lead = 1
    while lead < len(words) and words[lead] in (_TRUE_WORDS if value else _FALSE_WORDS):
        lead += 1  # "nope, false", "yes, true"
    rest = words[lead:]
    # "really" takes an answer back only as "not really" ("true, it's really 40%" is a reason)
    if set(rest) & _CORRECTIONS or "not really" in " ".join(rest) or any(
            word in _TRUE_WORDS | _FALSE_WORDS and not _determiner(rest, at)
            for at, word in enumerate(rest)):
        return None  # "yes and no", "no, I mean yes", "no it isn't false", "yes but not really"
    return value  # a reason after it is judged apart: "no, it was Morton"


def reason_of(response: str) -> str:
    """What follows the truth words of a true/false response: "it was 2006" of "False, it was
    2006"; empty when nothing does."""
    words = normalize(response).split()
    lead = 0
    while lead < len(words) and words[lead] in _TRUE_WORDS | _FALSE_WORDS:
        lead += 1
    return " ".join(words[lead:]) if lead else ""


def _determiner(words: list[str], at: int) -> bool:
    """Whether the "no" at ``words[at]`` of a reason qualifies the word after it ("ATF had no
    single counterpart") instead of answering ("yes and no")."""
    return words[at] == "no" and at + 1 < len(words) and words[at + 1] not in (
        _TRUE_WORDS | _FALSE_WORDS | _NOT) and at > 0 and words[at - 1] not in ("and", "or", "but")


_OPTION_WORD = re.compile(r"^(?:option|choice|answer)\s+")


def choice_index(response: str, choices: Sequence[str]) -> int | None:
    """The option a response names by letter ("b", "option B") or position ("2"), counted from
    0 whether or not there is such an option; None when it names none that way.

    A response that is an option's own text ("16" among 16, 18, 14, 21) names no position, and
    digits are read as positions only when no option is a number.
    """
    key = normalize(response)
    if any(key == normalize(option) for option in choices):
        return None
    key = _OPTION_WORD.sub("", key)
    if len(key) == 1 and "a" <= key <= "z":
        return ord(key) - ord("a")
    if len(key) == 1 and key.isdigit() and not any(quantities(option) for option in choices):
        return int(key) - 1
    return None


def resolve_choice(response: str, choices: Sequence[str] | None) -> str:
    """A choice's letter (A-D) or number (1-4) as the option's text; other responses unchanged."""
    if not choices:
        return response
    index = choice_index(response, choices)
    return choices[index] if index is not None and 0 <= index < len(choices) else response
