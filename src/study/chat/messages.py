"""What the tutor says: the replies of a conversation, as data every interface renders.

No reply holds markup: every string is text to show as it is. Interfaces decide how a reply
looks (a chat bubble, a line of plain text); the conversation decides what is said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from study.quiz.citation import Quote
from study.quiz.forms import Question
from study.quiz.hints import Hint
from study.quiz.scoring import Mark
from study.quiz.session import Attempt, Override, Session

if TYPE_CHECKING:  # the tutor (~60 ms to import) is imported when first asked, a drill's
    from study.classroom.leaderboard import Standing  # leaderboard when a drill starts
    from study.tutor.answer import Answer


@dataclass(frozen=True)
class Reply:
    """One message from the tutor."""


@dataclass(frozen=True)
class Say(Reply):
    """Plain words from the tutor: a greeting, help, a notice. ``tone`` is ``tutor``,
    ``info`` (quieter) or ``warning``."""

    text: str
    tone: str = "tutor"


@dataclass(frozen=True)
class Asked(Reply):
    """A question put to the learner."""

    question: Question
    number: int
    total: int
    topic: str  # the topic's display title
    timer: float | None = None  # seconds allowed (a drill), or None


@dataclass(frozen=True)
class Marked(Reply):
    """The verdict on an answer, with the passage behind it."""

    number: int
    question: Question
    attempt: Attempt
    reason: str
    answer: str | None  # the answer, when the verdict does not already name it
    explain: str | None
    quote: Quote
    last: bool  # the quiz's last question

    @property
    def mark(self) -> Mark:
        return self.attempt.mark

    @property
    def headline(self) -> str:
        """"Correct." or "Not quite: the answer is ..."."""
        label = self.mark.label
        if self.attempt.timed_out:
            return "Time's up: " + self.reason.removeprefix("time's up; ")
        return f"{label}." if not self.reason or self.reason == "correct" else \
            f"{label}: {self.reason}"


@dataclass(frozen=True)
class AskAgain(Reply):
    """The response was not taken as an answer (nothing typed, no such option, too vague the
    first time): the same question is still open."""

    text: str
    vague: bool = False


@dataclass(frozen=True)
class HintGiven(Reply):
    hint: Hint


@dataclass(frozen=True)
class Overridden(Reply):
    override: Override


@dataclass(frozen=True)
class Finished(Reply):
    """The quiz ended: its results, and what the learner can do next."""

    session: Session
    kind: str  # quiz, practice, review, drill
    complete: bool  # every question answered
    footnote: str = ""  # e.g. "3 cards due tomorrow, 12 this week"
    standing: Standing | None = None  # a drill's: the points and the place on its leaderboard


@dataclass(frozen=True)
class TutorAnswer(Reply):
    """The tutor's answer to the learner's own question, with its citations."""

    answer: Answer


@dataclass(frozen=True)
class Explained(Reply):
    """"Why?" after a verdict: the fact's explanation and its whole passage."""

    prompt: str
    answer: str
    explain: str | None
    quote: Quote


@dataclass(frozen=True)
class TopicRow:
    slug: str
    title: str
    facts: int


@dataclass(frozen=True)
class Topics(Reply):
    rows: list[TopicRow] = field(default_factory=list)


@dataclass(frozen=True)
class OpenSources(Reply):
    """Open the reading view (at one source, when ``source`` is given)."""

    source: str | None = None


@dataclass(frozen=True)
class OpenProgress(Reply):
    """Open the learner's progress view."""


@dataclass(frozen=True)
class Goodbye(Reply):
    """The learner asked to leave; ``summary`` is printed on exit."""

    summary: str
