"""Plain mode: the conversation as lines on stdin and stdout, for scripts, screen readers and
tests. It renders the conversation's replies as text; it decides nothing itself."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TextIO

from study.chat.conversation import Conversation
from study.chat.messages import (
    AskAgain,
    Asked,
    Explained,
    Finished,
    Goodbye,
    HintGiven,
    Marked,
    OpenProgress,
    OpenSources,
    Overridden,
    Reply,
    Say,
    Topics,
    TutorAnswer,
)
from study.classroom.leaderboard import standing_lines
from study.pack.models import Pack
from study.pack.topics import topic_title
from study.quiz.citation import Quote, short_title
from study.quiz.forms import LETTERS
from study.quiz.scoring import Mark, display_answer, format_score
from study.quiz.session import Session
from study.rounding import format_percent
from study.safety import strip_controls

WIDTH = 100
COMMANDS = ("Type your answer and press Enter. /hint for a hint, /skip to skip, "
            "/right if you were marked wrong but were right, ?QUESTION to ask the tutor, "
            "/quit to stop.")


def run_plain(
    conversation: Conversation,
    stdin: TextIO,
    stdout: TextIO,
    *,
    start: Callable[[], list[Reply]] | None = None,
    exit_after_quiz: bool = False,
    progress: Callable[[], str] | None = None,
) -> int:
    """Play the conversation on text streams. ``start`` opens it (a quiz, or the greeting);
    with ``exit_after_quiz`` it ends when the quiz does, with the results, also when stdin
    ends early."""
    out = _Printer(stdout, conversation.pack, progress, more=not exit_after_quiz)
    replies = start() if start else conversation.opening()
    while True:
        if out.show(replies, conversation) or (exit_after_quiz and out.finished):
            break
        stdout.write("> ")
        stdout.flush()
        line = stdin.readline()
        if not line:
            out.say()
            out.say("(input ended)")
            if conversation.in_quiz:
                out.show(conversation.stop(), conversation)
            break
        text = strip_controls(line.rstrip("\r\n"))
        replies = conversation.send(text)
    out.say(conversation.goodbye())
    return 0


class _Printer:
    def __init__(self, stdout: TextIO, pack: Pack, progress: Callable[[], str] | None,
                 more: bool) -> None:
        self.stdout = stdout
        self.more = more
        self.pack = pack
        self.progress = progress
        self.finished = False

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def wrap(self, text: str, indent: str = "") -> None:
        for paragraph in text.split("\n"):
            self.say(textwrap.fill(paragraph, WIDTH, initial_indent=indent,
                                   subsequent_indent=indent) if paragraph else "")

    def show(self, replies: list[Reply], conversation: Conversation) -> bool:
        """Print the replies; True when the learner asked to leave."""
        for reply in replies:
            if isinstance(reply, Goodbye):
                return True
            self.render(reply, conversation)
        return False

    def render(self, reply: Reply, conversation: Conversation) -> None:
        if isinstance(reply, Say):
            self.wrap(reply.text)
        elif isinstance(reply, Asked):
            self.say()
            self.say(f"Question {reply.number} of {reply.total} [{reply.topic}]")
            self.wrap(reply.question.prompt)
            for letter, option in zip(LETTERS, reply.question.choices, strict=False):
                self.say(f"  {letter}) {option}")
            if reply.question.instructions:
                self.say(reply.question.instructions)
            if reply.timer is not None:
                self.say(f"You have {format_score(reply.timer)} seconds; a later answer scores "
                         "nothing.")
        elif isinstance(reply, Marked):
            self.say(reply.headline)
            if reply.answer:
                self.say(f"Answer: {reply.answer}")
            if reply.explain:
                self.wrap(reply.explain)
            self.quote(reply.quote)
            if reply.last and conversation.paused:
                self.say("That was the last question. Press Enter for your results, or /right "
                         "first if you were right.")
        elif isinstance(reply, AskAgain):
            self.say(reply.text)
        elif isinstance(reply, HintGiven):
            self.say(f"Hint: {reply.hint.text} (each hint halves this question's score)")
        elif isinstance(reply, Overridden):
            self.wrap(reply.override.describe())
        elif isinstance(reply, Finished):
            self.say()
            self.say(results_text(reply.session, more=self.more))
            if reply.footnote:
                self.say(reply.footnote)
            if reply.standing is not None:
                for line in standing_lines(reply.standing):
                    self.say(line)
            self.finished = True
        elif isinstance(reply, TutorAnswer):
            self.wrap(reply.answer.text)
            for citation in reply.answer.citations:
                self.say(f"  [{citation.passage}] {citation.source}: {citation.heading}")
                if not reply.answer.says(citation):  # the answer's own sentence: said once
                    self.wrap(f"\"{citation.text}\"", "    ")
        elif isinstance(reply, Explained):
            self.wrap(f"{reply.prompt} Answer: {reply.answer}.")
            if reply.explain:
                self.wrap(reply.explain)
            self.quote(reply.quote)
        elif isinstance(reply, Topics):
            for row in reply.rows:
                self.say(f"  {row.title} ({row.facts} facts): quiz me on {row.title.lower()}")
        elif isinstance(reply, OpenSources):
            self.sources(reply.source)
        elif isinstance(reply, OpenProgress):
            self.say(self.progress() if self.progress else "No progress is kept here.")

    def quote(self, quote: Quote) -> None:
        self.say(f"Source: {quote.source} - {quote.heading} ({quote.passage})")
        self.wrap(f"\"{quote.text}\"", "  ")

    def sources(self, source_id: str | None) -> None:
        if source_id is None:
            self.say("The articles (say \"read NAME\" to read one):")
            for source in self.pack.sources.values():
                self.wrap(f"  {source.id}: {source.title} ({source.kind}; {source.period})")
            return
        source = self.pack.sources[source_id]
        self.wrap(f"{source.title} ({source.kind})")
        for passage in self.pack.passages.values():
            if passage.source.id == source_id:
                self.say()
                self.say(f"## {passage.heading} ({passage.id})")
                self.wrap(passage.text)


def results_text(session: Session, *, more: bool = True) -> str:
    """The end-of-quiz summary: score, per-topic breakdown, overrides and missed questions."""
    lines = [session.score_line()]
    for row in session.breakdown():
        title = topic_title(session.pack, row.topic)
        lines.append(f"  {title}: {row.correct}/{row.asked} correct ({format_percent(row.percent)})")
    overridden = session.overridden()
    if overridden:
        lines.append("Marked right by your override (a teacher can review these):")
        for question, attempt in overridden:
            lines.append(f"  - {question.prompt}")
            lines.append(f"    you said {attempt.response!r}; the answer: "
                         f"{display_answer(question.fact)}")
    missed = session.missed()
    if missed:
        lines.append("Missed:")
        for question, attempt in missed:
            fact = question.fact
            if attempt.mark is Mark.SKIPPED:
                given = "skipped"
            else:
                given = f"you said {attempt.response!r}"
                if attempt.mark is Mark.PARTIAL:
                    given += f" (partly right, {format_score(attempt.score)} of 1)"
            passage = session.pack.passage_for(fact)
            lines.append(f"  - {question.prompt}")
            lines.append(f"    {given}; answer: {display_answer(fact)} "
                         f"[{short_title(passage.source)}: {passage.heading}]")
    if more:
        lines.append("Say \"again\" for a new quiz, \"retry\" for the missed questions, or "
                     "ask me anything.")
    return "\n".join(lines)
