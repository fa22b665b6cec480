"""The results screen: the score, the per-topic breakdown and every missed question."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from study.quiz import Session


class ResultsScreen(Screen[None]):
    """Shown when the session ends."""

    BINDINGS = [Binding("q,ctrl+q,escape", "quit", "Quit")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        yield Header()
        with VerticalScroll(id="results"):
            yield Static(
                Text(
                    f"Score {s.score:g} of {s.index}  ({s.percent:.0f}%)   "
                    f"{s.correct_count} correct, {s.index - s.correct_count} missed",
                    style="bold",
                ),
                id="total",
            )
            yield DataTable(id="topics", cursor_type="none", zebra_stripes=True)
            yield Static(Text("Missed questions", style="bold"), classes="section")
            missed = s.missed()
            if not missed:
                yield Static(Text("None. Well done."), id="missed-none")
            for question, attempt in missed:
                fact = question.fact
                passage = s.pack.passage_for(fact)
                text = Text(fact.prompt + "\n", style="bold")
                given = "(skipped)" if attempt.skipped else attempt.response
                text.append("You said: ")
                text.append(given + "\n", style="red")
                text.append("Answer: ")
                text.append(fact.answer_text + "\n", style="green")
                text.append(f"Source: {passage.source.title}, {passage.heading} ",
                            style="dim")
                text.append(f"[{passage.id}]", style="dim")
                yield Static(text, classes="missed")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Topic", "Asked", "Correct", "Score")
        for row in self.session.breakdown():
            table.add_row(
                Text(row.topic), str(row.asked), str(row.correct), f"{row.percent:.0f}%"
            )

    def action_quit(self) -> None:
        self.app.exit()
