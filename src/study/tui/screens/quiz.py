"""The quiz screen: a chat with the tutor, an answer box and the progress panel."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from study.checking import Outcome, Verdict
from study.quiz import Question, Session
from study.quiz.citation import answer_spans
from study.quiz.forms import LETTERS
from study.tui.widgets.answer import AnswerBox
from study.tui.widgets.chat import ChatLog
from study.tui.widgets.progress import ProgressPanel

_MARK = {Outcome.CORRECT: "Correct", Outcome.CLOSE: "Partly right", Outcome.INCORRECT: "Not quite"}


class QuizScreen(Screen[None]):
    """Asks each question of the session in turn and shows the tutor's verdicts."""

    BINDINGS = [
        Binding("ctrl+t", "hint", "Hint", priority=True),
        Binding("ctrl+n", "skip", "Skip", priority=True),
        Binding("ctrl+o", "override", "I was right", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ChatLog(id="chat")
            yield ProgressPanel(id="side")
        yield AnswerBox(placeholder="Type your answer and press Enter", id="answer")
        yield Footer()

    def on_mount(self) -> None:
        self.chat.say(
            Text(
                f"Welcome. {_count(self.session.total, 'question')} from "
                f"{_count(len(self.session.pack.sources), 'source')}. "
                "Ctrl+T for a hint, Ctrl+N to skip, Ctrl+Q to quit.",
                style="italic",
            ),
            "tutor",
        )
        self.ask()
        self.query_one(AnswerBox).focus()

    @property
    def chat(self) -> ChatLog:
        return self.query_one(ChatLog)

    # -- showing ----------------------------------------------------------------------------

    def ask(self) -> None:
        """Show the current question; after the last one, wait for Enter to show the results,
        so the last verdict and its source can be read (and overridden)."""
        self.refresh_panel()
        question = self.session.current
        if question is None:
            self.app.finish()  # type: ignore[attr-defined]
            last = self.session.attempts[-1] if self.session.attempts else None
            can_override = last is not None and not (last.correct or last.skipped)
            self.chat.say(
                Text(
                    "That was the last question. Press Enter for your results"
                    + (", or Ctrl+O first if you were right." if can_override else "."),
                    style="italic",
                ),
                "tutor",
            )
            self.query_one(AnswerBox).placeholder = "Press Enter for your results"
            return
        self.chat.say(question_text(question, self.session.index + 1, self.session.total),
                      "tutor")

    def refresh_panel(self) -> None:
        question = self.session.current
        self.query_one(ProgressPanel).show(
            done=self.session.index,
            total=self.session.total,
            score=self.session.score,
            correct=self.session.correct_count,
            topic=question.fact.topic if question else "done",
        )

    def show_verdict(self, question: Question, verdict: Verdict) -> None:
        role = str(verdict.outcome)
        if verdict.reason == "correct":
            text = Text(f"{_MARK[verdict.outcome]}.", style="bold")
        else:
            text = Text(f"{_MARK[verdict.outcome]}: ", style="bold")
            text.append(verdict.reason)
        fact = question.fact
        if not verdict.correct:
            if not verdict.reason.endswith(fact.answer_text):
                text.append("\nAnswer: ", style="bold")
                text.append(fact.answer_text)
            if fact.explain:
                text.append(f"\n{fact.explain}", style="italic")
        self.chat.say(text, role)
        self.chat.say(citation_text(self.session, question), "citation")

    # -- actions ----------------------------------------------------------------------------

    @on(AnswerBox.AnswerSubmitted)
    def submit_answer(self, event: AnswerBox.AnswerSubmitted) -> None:
        question = self.session.current
        if question is None:
            self.app.action_show_results()  # type: ignore[attr-defined]
            return
        response = event.value
        if not response.strip():
            self.notify("Type an answer first, or press Ctrl+N to skip.", severity="warning")
            return
        self.chat.say(Text(response), "learner")
        problem = self.session.not_an_answer(response)
        if problem:
            self.chat.say(Text(problem), "close")
            return
        verdict = self.session.answer(response)
        if verdict.outcome is Outcome.CLOSE and self.session.awaiting_retry:
            self.chat.say(Text(f"Almost: {verdict.reason}. Try once more."), "close")
            return
        self.show_verdict(question, verdict)
        self.ask()

    def action_hint(self) -> None:
        if self.session.current is None:
            return
        self.chat.say(
            Text(f"Hint: {self.session.hint()} (a hint halves this question's score)"), "hint"
        )

    def action_skip(self) -> None:
        question = self.session.current
        if question is None:
            return
        self.chat.say(Text("(skipped)", style="dim"), "learner")
        self.show_verdict(question, self.session.skip())
        self.ask()

    def action_override(self) -> None:
        updated = self.session.override()
        if updated is None:
            self.notify("There is no wrong answer to override.", severity="warning")
            return
        self.chat.say(Text("Marked as right at your word; a teacher can review overrides."),
                      "correct")
        self.refresh_panel()

    def action_quit(self) -> None:
        self.app.exit()


def question_text(question: Question, number: int, total: int) -> Text:
    """The tutor's question, literal text only."""
    text = Text(f"Question {number} of {total}\n", style="bold")
    text.append(question.prompt)
    for letter, option in zip(LETTERS, question.choices, strict=False):
        text.append(f"\n  {letter}) ", style="bold")
        text.append(option)
    if question.instructions:
        text.append(f"\n{question.instructions}", style="dim")
    return text


def citation_text(session: Session, question: Question) -> Text:
    """The cited passage: source title, heading, and the text with the answer highlighted."""
    fact = question.fact
    passage = session.pack.passage_for(fact)
    text = Text()
    text.append(passage.source.title, style="bold")
    text.append(f" ({passage.source.kind})\n", style="dim")
    text.append(passage.heading + "\n", style="italic")
    body = Text(passage.text)
    for start, end in answer_spans(passage.text, fact):
        body.stylize("bold reverse", start, end)
    text.append_text(body)
    return text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
