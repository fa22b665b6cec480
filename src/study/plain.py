"""Plain mode: the quiz as prompts on stdin and stdout, for scripts, screen readers and tests."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TextIO

from study.checking import Outcome
from study.quiz import Session
from study.quiz.forms import LETTERS

COMMANDS = "Type your answer and press Enter. /hint for a hint, /skip to skip, " \
    "/right if you were marked wrong but were right, /quit to stop."


def run_plain(
    session: Session, stdin: TextIO, stdout: TextIO, on_finish: Callable[[], None] | None = None
) -> int:
    """Play ``session`` on text streams; ends with the score, also when stdin ends early."""

    def say(text: str = "") -> None:
        stdout.write(text + "\n")
        stdout.flush()

    noun = "question" if session.total == 1 else "questions"
    say(f"study: {session.total} {noun}. {COMMANDS}")
    show_question = True
    while not session.finished:
        question = session.current
        assert question is not None
        if show_question and not session.awaiting_retry:
            say()
            say(f"Question {session.index + 1} of {session.total} [{question.fact.topic}]")
            say(textwrap.fill(question.prompt, 100))
            for letter, option in zip(LETTERS, question.choices, strict=False):
                say(f"  {letter}) {option}")
            if question.instructions:
                say(question.instructions)
        stdout.write("> ")
        stdout.flush()
        line = stdin.readline()
        if not line:
            say()
            say("(input ended)")
            break
        response = line.rstrip("\n")
        command = response.strip().lower()
        if command == "/quit":
            break
        show_question = command not in ("/hint", "/right")
        if command == "/hint":
            say(f"Hint: {session.hint()} (a hint halves this question's score)")
            continue
        if command == "/right":
            updated = session.override()
            say("Marked as right." if updated else "Nothing to override.")
            continue
        problem = None if command == "/skip" else session.not_an_answer(response)
        if problem:
            say(problem)
            show_question = False
            continue
        if command == "/skip":
            verdict = session.skip()
        else:
            verdict = session.answer(response)
        if verdict.outcome is Outcome.CLOSE and session.awaiting_retry:
            say(f"Almost: {verdict.reason}. Try once more.")
            continue
        mark = {"correct": "Correct", "close": "Partly right", "incorrect": "Not quite"}
        reason = "" if verdict.reason == "correct" else f": {verdict.reason}"
        say(f"{mark[verdict.outcome]}{reason}" + ("" if reason else "."))
        fact = question.fact
        passage = session.pack.passage_for(fact)
        if not verdict.correct:
            if not verdict.reason.endswith(fact.answer_text):
                say(f"Answer: {fact.answer_text}")
            if fact.explain:
                say(textwrap.fill(fact.explain, 100))
        say(f"Source: {passage.source.title} - {passage.heading} ({passage.id})")
    if session.finished and _last_can_be_overridden(session):
        _offer_last_override(session, stdin, stdout)
    if on_finish:
        on_finish()
    say()
    say(results_text(session))
    return 0


def _last_can_be_overridden(session: Session) -> bool:
    last = session.attempts[-1] if session.attempts else None
    return last is not None and not (last.correct or last.skipped or last.overridden)


def _offer_last_override(session: Session, stdin: TextIO, stdout: TextIO) -> None:
    """After the last question: one chance to say "I was right" before the results."""
    stdout.write("That was the last question. Press Enter for your results, or /right first "
                 "if you were right.\n> ")
    stdout.flush()
    if stdin.readline().strip().lower() == "/right":
        session.override()
        stdout.write("Marked as right.\n")


def results_text(session: Session) -> str:
    """The end-of-quiz summary: score, per-topic breakdown and missed questions."""
    lines = [
        f"Score: {session.score:g} / {session.index} answered "
        f"({session.percent:.0f}%), {session.correct_count} correct, "
        f"{session.total - session.index} not reached"
    ]
    for row in session.breakdown():
        lines.append(f"  {row.topic}: {row.correct}/{row.asked} correct ({row.percent:.0f}%)")
    missed = session.missed()
    if missed:
        lines.append("Missed:")
        for question, attempt in missed:
            fact = question.fact
            given = "skipped" if attempt.skipped else f"you said {attempt.response!r}"
            lines.append(f"  - {fact.prompt}")
            lines.append(f"    {given}; answer: {fact.answer_text} [{fact.cite}]")
    return "\n".join(lines)

