"""What a learner's message means: an answer, a question for the tutor, or a request ("quiz me
on the IG report", "10 true/false questions on programs", "why?", "topics", "help").

Commands may also be typed with a slash (``/hint``, ``/ask who is Melson?``), which is how
plain mode and a quiz in progress tell them from answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from study.pack.models import Pack
from study.pack.topics import topic_key, topic_title


class Act(StrEnum):
    ANSWER = "answer"  # an answer to the open question
    ASK = "ask"  # a question for the tutor
    NEXT = "next"  # Enter on its own: go on
    QUIZ = "quiz"
    PRACTICE = "practice"
    REVIEW = "review"
    RESUME = "resume"
    NEW = "new"  # start afresh rather than resume
    RETRY = "retry"  # the missed questions again
    TOPICS = "topics"
    HELP = "help"
    WHY = "why"
    SOURCES = "sources"
    PROGRESS = "progress"
    HINT = "hint"
    SKIP = "skip"
    RIGHT = "right"  # "I was right"
    STOP = "stop"  # end the quiz, stay in the chat
    QUIT = "quit"


@dataclass(frozen=True)
class Intent:
    act: Act
    text: str = ""  # the answer or the question, as typed
    topic: str | None = None  # a topic slug
    source: str | None = None  # a source id
    count: int | None = None
    form: str | None = None
    unknown: str | None = None  # a topic or source the learner named that the pack lacks


_SLASH = {
    "hint": Act.HINT, "skip": Act.SKIP, "right": Act.RIGHT, "quit": Act.QUIT, "exit": Act.QUIT,
    "why": Act.WHY, "explain": Act.WHY, "topics": Act.TOPICS, "help": Act.HELP,
    "sources": Act.SOURCES, "read": Act.SOURCES, "stop": Act.STOP, "next": Act.NEXT,
    "quiz": Act.QUIZ, "practice": Act.PRACTICE, "review": Act.REVIEW, "resume": Act.RESUME,
    "new": Act.NEW, "retry": Act.RETRY, "progress": Act.PROGRESS, "ask": Act.ASK,
}
#: Whole messages that are requests in any state (a quiz answer is never one of these).
_PHRASES = {
    "why": Act.WHY, "why?": Act.WHY, "explain": Act.WHY, "explain that": Act.WHY,
    "explain please": Act.WHY, "tell me more": Act.WHY, "how come": Act.WHY,
    "how come?": Act.WHY,
}
#: Whole messages that are requests outside a quiz.
_IDLE_PHRASES = {
    "help": Act.HELP, "?": Act.HELP, "what can you do": Act.HELP, "commands": Act.HELP,
    "topics": Act.TOPICS, "list topics": Act.TOPICS, "what topics are there": Act.TOPICS,
    "sources": Act.SOURCES, "read": Act.SOURCES, "articles": Act.SOURCES,
    "show the articles": Act.SOURCES, "open the articles": Act.SOURCES,
    "practice": Act.PRACTICE, "practise": Act.PRACTICE, "study": Act.PRACTICE,
    "review": Act.REVIEW, "my mistakes": Act.REVIEW, "review my mistakes": Act.REVIEW,
    "resume": Act.RESUME, "continue": Act.RESUME, "go on": Act.RESUME,
    "new": Act.NEW, "new quiz": Act.QUIZ, "again": Act.QUIZ, "another": Act.QUIZ,
    "retry": Act.RETRY, "retry missed": Act.RETRY, "retry the missed ones": Act.RETRY,
    "progress": Act.PROGRESS, "my progress": Act.PROGRESS, "stats": Act.PROGRESS,
    "quit": Act.QUIT, "exit": Act.QUIT, "bye": Act.QUIT, "goodbye": Act.QUIT,
}
_QUIZ_WORDS = re.compile(
    r"^(?:please\s+)?(?:(?:quiz|test|drill|ask)\s+me|start\s+(?:a\s+)?quiz|(?:a\s+|new\s+)?quiz"
    r"|give\s+me\s+(?:a\s+quiz|\d+|some|a\s+few)|(?:\d+|some|a\s+few|ten|five)\s+"
    r"(?:more\s+)?(?:[\w/ -]+\s+)?questions?)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "a few": 3}
_FORMS = [
    (re.compile(r"multiple[\s-]*choice|\bchoices?\b|\bmcq?s?\b", re.I), "choice"),
    (re.compile(r"true\s*(?:/|or|-)?\s*false|\bt\s*/\s*f\b|\btf\b", re.I), "truefalse"),
    (re.compile(r"fill[\s-]*in(?:[\s-]*the)?[\s-]*blanks?|\bcloze\b|\bblanks?\b", re.I), "cloze"),
    (re.compile(r"short[\s-]*answers?|open questions?", re.I), "short"),
    (re.compile(r"\bmix(?:ed)?\b", re.I), "mix"),
]


def parse(text: str, pack: Pack, *, in_quiz: bool) -> Intent:
    """What ``text`` asks for. In a quiz, anything that is not a command is an answer."""
    stripped = text.strip()
    if not stripped:
        return Intent(Act.NEXT)
    if stripped.startswith("/"):
        word, _, rest = stripped[1:].partition(" ")
        act = _SLASH.get(word.lower())
        if act is Act.ASK:
            return Intent(Act.ASK, rest.strip())
        if act is Act.QUIZ:
            return _quiz(rest, pack)
        if act in (Act.PRACTICE, Act.NEW) and rest.strip().isdigit():
            return Intent(act, count=int(rest.strip()))
        if act is not None:
            return Intent(act, rest.strip())
    if in_quiz and stripped.startswith("?") and len(stripped) > 1:
        return Intent(Act.ASK, stripped[1:].strip())
    key = re.sub(r"[\s.!]+$", "", stripped.lower())
    key = re.sub(r"\s+", " ", key)
    if key in _PHRASES:
        return Intent(_PHRASES[key])
    if in_quiz:
        return Intent(Act.ANSWER, text)
    if key in _IDLE_PHRASES:
        return Intent(_IDLE_PHRASES[key])
    if key.startswith(("read ", "open ")):
        source = find_source(pack, key.split(" ", 1)[1])
        if source:
            return Intent(Act.SOURCES, source=source)
    if _QUIZ_WORDS.match(key) and not key.endswith("?"):
        return _quiz(key, pack)
    return Intent(Act.ASK, stripped)


def _quiz(text: str, pack: Pack) -> Intent:
    """"quiz me on the IG report", "10 true/false questions on programs", "5 more"."""
    count = None
    digits = re.search(r"\b(\d{1,4})\b", text)
    if digits:
        count = int(digits.group(1))
    else:
        for word, value in _NUMBER_WORDS.items():
            if re.search(rf"\b{word}\b", text, re.I):
                count = value
                break
    form = None
    for pattern, name in _FORMS:
        if pattern.search(text):
            form = name
            break
    about = re.search(r"\b(?:on|about|from|in|covering)\s+(.+)$", text, re.I)
    topic = source = unknown = None
    if about:
        wanted = about.group(1)
        wanted = re.sub(r"\s+(?:with|as|in)\s+.*$", "", wanted)
        for pattern, _ in _FORMS:
            wanted = pattern.sub(" ", wanted)
        wanted = re.sub(r"\b(?:questions?|please|only)\b", " ", wanted, flags=re.I).strip(" ?.!")
        if wanted:
            # "the IG report", "the blog": an article; "border surge": a topic.
            if _ARTICLE_WORDS.search(wanted):
                source = find_source(pack, wanted)
            topic = None if source else find_topic(pack, wanted)
            source = source or (None if topic else find_source(pack, wanted))
            if not topic and not source:
                unknown = wanted
    return Intent(Act.QUIZ, text, topic=topic, source=source, count=count, form=form,
                  unknown=unknown)


_ARTICLES = re.compile(r"^(?:the|a|an)\s+")
_ARTICLE_WORDS = re.compile(r"\b(?:article|blog|feature|report|news|post|magazine|item)s?\b", re.I)


def find_topic(pack: Pack, text: str) -> str | None:
    """The topic slug ``text`` names ("border surge", "the GAO findings"), if any."""
    key = topic_key(_ARTICLES.sub("", text.strip().lower()))
    for slug in pack.topics:
        if key in (slug, topic_key(topic_title(pack, slug))):
            return slug
    return None


def find_source(pack: Pack, text: str) -> str | None:
    """The source id ``text`` names: its id, its title or short title, or a word of them that
    no other source shares ("the blog", "the IG report", "guns and drugs")."""
    key = _norm(_ARTICLES.sub("", text.strip().lower()))
    if not key:
        return None
    scores: dict[str, int] = {}
    for source in pack.sources.values():
        names = [source.id, source.title, source.short or "", source.kind]
        norms = [_norm(n) for n in names if n]
        if key in norms:
            return source.id
        words = set(" ".join(norms).split())
        wanted = set(key.split()) - {"article", "the", "of", "and", "report", "s"}
        if wanted and wanted <= words:
            scores[source.id] = len(wanted)
    if len(scores) == 1:
        return next(iter(scores))
    return None


def _norm(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("'s", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
