"""Replies as Rich `Text`: every string from the pack or the learner is appended as text,
never parsed as markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from study.chat.messages import (
    Asked,
    Explained,
    Finished,
    Marked,
    Topics,
    TutorAnswer,
)
from study.pack.topics import topic_title
from study.quiz.forms import LETTERS
from study.quiz.scoring import Mark, format_score

ROLE = {
    Mark.CORRECT: "correct",
    Mark.PARTIAL: "close",
    Mark.CLOSE: "close",
    Mark.INCORRECT: "incorrect",
    Mark.SKIPPED: "incorrect",
}


def question_text(reply: Asked) -> Text:
    question = reply.question
    text = Text(f"Question {reply.number} of {reply.total}", style="bold")
    text.append(f"  {reply.topic}\n", style="dim")
    text.append(question.prompt)
    for letter, option in zip(LETTERS, question.choices, strict=False):
        text.append(f"\n  {letter}) ", style="bold")
        text.append(option)
    if question.instructions:
        text.append(f"\n{question.instructions}", style="dim")
    return text


def verdict_text(reply: Marked) -> Text:
    text = Text()
    headline = reply.headline
    label, sep, rest = headline.partition(": ")
    text.append(label + (":" if sep else ""), style="bold")
    if sep:
        text.append(" " + rest)
    if reply.answer:
        text.append("\nAnswer: ", style="bold")
        text.append(reply.answer)
    if reply.explain:
        text.append("\n")
        text.append(reply.explain, style="italic")
    return text


def quote_text(source: str, heading: str, passage: str, body: str,
               highlights: Sequence[tuple[int, int]]) -> Text:
    text = Text()
    text.append(source, style="bold")
    text.append(" · ")
    text.append(heading, style="italic")
    text.append(f"  [{passage}]" + ("\n" if body else ""), style="dim")
    quoted = Text(body)
    for start, end in highlights:
        quoted.stylize("bold reverse", start, end)
    text.append_text(quoted)
    return text


def tutor_text(reply: TutorAnswer) -> Text:
    answer = reply.answer
    text = Text(answer.text)
    return text


def explained_text(reply: Explained) -> Text:
    text = Text(reply.prompt + "\n", style="bold")
    text.append("Answer: ", style="bold")
    text.append(reply.answer)
    if reply.explain:
        text.append("\n")
        text.append(reply.explain, style="italic")
    return text


def topics_text(reply: Topics) -> Text:
    text = Text("Topics (say \"quiz me on ...\"):\n", style="bold")
    for row in reply.rows:
        text.append(f"  {row.title}")
        text.append(f"  {row.facts} facts\n", style="dim")
    text.rstrip()
    return text


def finished_text(reply: Finished) -> Text:
    session = reply.session
    what = {"practice": "Practice", "review": "Review", "drill": "Drill"}.get(reply.kind, "Quiz")
    text = Text(f"{what} {'done' if reply.complete else 'stopped'}. ", style="bold")
    text.append(session.score_line() + ".")
    for row in session.breakdown():
        text.append(f"\n  {topic_title(session.pack, row.topic)}: ")
        text.append(f"{row.correct}/{row.asked} correct, {format_score(row.score)} points",
                    style="dim")
    if reply.footnote:
        text.append("\n" + reply.footnote)
    if reply.standing is not None:  # only a drill has one: its leaderboard is imported then
        from study.classroom.leaderboard import standing_lines

        text.append("\n" + "\n".join(standing_lines(reply.standing)), style="bold")
    text.append("\nEnter shows the full results; say \"again\" for a new quiz or \"retry\" "
                "for the missed questions.", style="dim")
    return text
