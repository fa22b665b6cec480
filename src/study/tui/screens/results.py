"""The results screen: the score, the per-topic breakdown, overrides and every missed question."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from study.classroom.leaderboard import Standing, standing_lines
from study.pack.topics import topic_title
from study.quiz import Session
from study.quiz.citation import short_title
from study.quiz.scoring import Mark, display_answer, format_score
from study.rounding import format_percent


class ResultsScreen(Screen[str]):
    """Shown when a quiz ends; dismissed with what the learner chose: ``new``, ``retry``,
    ``back`` or ``quit``."""

    BINDINGS = [
        Binding("n", "choose('new')", "New quiz"),
        Binding("r", "choose('retry')", "Retry missed"),
        Binding("enter,escape,b", "choose('back')", "Back to chat"),
        Binding("q,ctrl+q", "choose('quit')", "Quit"),
    ]

    def __init__(self, session: Session, standing: Standing | None = None) -> None:
        super().__init__()
        self.session = session
        self.standing = standing  # a drill's: the points and the place on its leaderboard

    def compose(self) -> ComposeResult:
        s = self.session
        yield Header()
        with VerticalScroll(id="results"):
            if self.standing is not None:
                yield Static(Text("\n".join(standing_lines(self.standing)), style="bold"),
                             id="standing")
            yield Static(Text(s.score_line(), style="bold"), id="total")
            yield DataTable(id="topics", cursor_type="none", zebra_stripes=True)
            overridden = s.overridden()
            if overridden:
                yield Static(Text("Marked right by your override (a teacher can review these)",
                                  style="bold"), classes="section")
                for question, attempt in overridden:
                    text = Text(question.prompt + "\n", style="bold")
                    text.append("You said: ")
                    text.append(attempt.response + "\n")
                    text.append("The answer: ")
                    text.append(display_answer(question.fact))
                    yield Static(text, classes="overridden")
            yield Static(Text("Missed questions", style="bold"), classes="section")
            missed = s.missed()
            if not missed:
                yield Static(Text("None. Well done."), id="missed-none")
            for question, attempt in missed:
                fact = question.fact
                passage = s.pack.passage_for(fact)
                text = Text(question.prompt + "\n", style="bold")
                if attempt.mark is Mark.SKIPPED:
                    text.append("Skipped\n", style="red")
                else:
                    text.append("You said: ")
                    text.append(attempt.response, style="red")
                    if attempt.mark in (Mark.PARTIAL, Mark.CLOSE):
                        text.append(f"  (partly right: {format_score(attempt.score)} of 1)",
                                    style="yellow")
                    text.append("\n")
                text.append("Answer: ")
                text.append(display_answer(fact) + "\n", style="green")
                text.append(f"Source: {short_title(passage.source)}, {passage.heading} ",
                            style="dim")
                text.append(f"[{passage.id}]", style="dim")
                yield Static(text, classes="missed")
            yield Static(Text(f"Seed {s.seed}: replay this quiz with "
                              f"study quiz --seed {s.seed} --count {s.total}", style="dim"),
                         id="seed")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Topic", "Asked", "Correct", "Score")
        for row in self.session.breakdown():
            table.add_row(Text(topic_title(self.session.pack, row.topic)), str(row.asked),
                          str(row.correct), f"{format_score(row.score)} ({format_percent(row.percent)})")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("retry",):
            return bool(self.session.missed())
        return True

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
