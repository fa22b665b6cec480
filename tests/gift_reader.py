"""A GIFT reader for the tests, following the steps of Moodle's own importer (qformat_gift).

Questions are split at blank lines, comment lines dropped, escapes replaced by placeholders
before the text is cut up and restored after, the name taken from ``::name::``, the answers from
the first ``{`` to the first ``}``, the general feedback from after the last ``####``, and the
question type decided in Moodle's order (numerical, multiple choice, matching, true/false, short
answer). No GIFT parser on PyPI is maintained (pygiftparser's last release is from 2017), so the
tests carry their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ESCAPED = {"\\:": "\x01058", "\\#": "\x01035", "\\=": "\x01061", "\\{": "\x01123",
            "\\}": "\x01125", "\\~": "\x01126", "\\n": "\x01010"}
_CHARS = {"\x01058": ":", "\x01035": "#", "\x01061": "=", "\x01123": "{", "\x01125": "}",
          "\x01126": "~", "\x01010": "\n"}
_FORMATS = ("moodle", "html", "plain", "markdown")
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")


@dataclass
class Answer:
    text: str
    fraction: float
    feedback: str = ""
    tolerance: float = 0.0


@dataclass
class GiftQuestion:
    type: str
    name: str = ""
    text: str = ""
    format: str = "moodle"
    feedback: str = ""
    category: str = ""
    answers: list[Answer] = field(default_factory=list)
    truth: bool | None = None


def _pre(text: str) -> str:
    text = text.replace("\\\\", "\x01092")
    for escaped, placeholder in _ESCAPED.items():
        text = text.replace(escaped, placeholder)
    return text.replace("\x01092", "\\")


def _post(text: str) -> str:
    for placeholder, char in _CHARS.items():
        text = text.replace(placeholder, char)
    return text


def _with_format(text: str, default: str) -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        if text[1:end] in _FORMATS:
            fmt, text = text[1:end], text[end + 1:]
    return _post(text).strip(), fmt


def _comment(answer: str, fmt: str) -> tuple[str, str]:
    text, _, feedback = answer.partition("#")
    return _with_format(text.strip(), fmt)[0], _with_format(feedback.strip(), fmt)[0]


def _weight(answer: str) -> tuple[float, str]:
    match = _WEIGHT.match(answer)
    if not match:
        return 1.0, answer
    end = answer.index("%", 1)
    return float(answer[1:end]) / 100, answer[end + 1:]


def read_question(lines: list[str]) -> GiftQuestion | None:
    lines = [" " if line.strip().startswith("//") else line for line in lines]
    text = "\n".join(lines).strip()
    if not text:
        return None
    text = _pre(text)
    if text.startswith("$CATEGORY:"):
        return GiftQuestion("category", category=text[10:].strip())
    name = ""
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        name, text = _post(text[:end]), text[end + 2:].strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 or finish < 0:
        raise ValueError(f"no answer braces in {text!r}")
    answertext = text[start + 1:finish].strip()
    questiontext = text[:start] + text[finish + 1:]
    gf = ""
    if "####" in answertext:
        at = answertext.rindex("####")
        gf, answertext = answertext[at + 4:], answertext[:at].strip()
    qtext, fmt = _with_format(questiontext, "moodle")
    feedback, _ = _with_format(gf, fmt)
    q = GiftQuestion("", name, qtext, fmt, feedback)
    if answertext == "":
        q.type = "essay"
    elif answertext[0] == "#":
        q.type = "numerical"
        for part in [p for p in answertext[1:].split("=") if p.strip()]:
            weight, part = _weight(part.strip())
            value, fb = _comment(part, fmt)
            number, _, tolerance = value.partition(":")
            q.answers.append(Answer(number.strip(), weight, fb, float(tolerance or 0)))
    elif "~" in answertext:
        q.type = "multichoice"
        parts = [p.strip() for p in answertext.replace("=", "~=").split("~") if p.strip()]
        for part in parts:
            if part.startswith("="):
                weight, part = 1.0, part[1:]
            elif _WEIGHT.match(part):
                weight, part = _weight(part)
            else:
                weight = 0.0
            q.answers.append(Answer(*_comment(part, fmt)[:1], weight))
    elif "=" in answertext and "->" in answertext:
        q.type = "match"
    else:
        check = answertext.split("#", 1)[0].strip()
        if check in ("T", "TRUE", "F", "FALSE"):
            q.type, q.truth = "truefalse", check in ("T", "TRUE")
        else:
            q.type = "shortanswer"
            for part in [p for p in answertext.split("=") if p.strip()]:
                weight, part = _weight(part.strip())
                value, fb = _comment(part, fmt)
                q.answers.append(Answer(value, weight, fb))
    return q


def read_gift(text: str) -> list[GiftQuestion]:
    """Every question (and category switch) of a GIFT file."""
    questions: list[GiftQuestion] = []
    current: list[str] = []
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            question = read_question(current)
            if question is not None:
                questions.append(question)
            current = []
    return questions


def wildcard_match(pattern: str, response: str) -> bool:
    """Moodle's short-answer comparison: ``*`` matches anything, ``\\*`` a star; no case."""
    bits = re.split(r"(?<!\\)\*+", pattern)
    regexp = ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits)
    return re.fullmatch(regexp, response.strip(), re.IGNORECASE | re.DOTALL) is not None
