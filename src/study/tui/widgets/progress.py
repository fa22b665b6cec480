"""The side panel: who is studying, progress through the quiz, the score and the topic."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar, Static

from study.quiz.scoring import format_score


class ProgressPanel(Vertical):
    """Shows n of N with a bar, the running score and the topic of the current question."""

    def compose(self) -> ComposeResult:
        yield Label("Progress", classes="panel-title")
        yield Static(id="count")
        yield ProgressBar(show_eta=False, show_percentage=True, id="bar")
        yield Label("Score", classes="panel-title")
        yield Static(id="score")
        yield Label("Topic", classes="panel-title")
        yield Static(id="topic")

    def show(self, *, done: int, total: int, score: float, correct: int, topic: str,
             on_screen: int | None = None) -> None:
        """``on_screen`` is the number of the question shown (default: the next one)."""
        number = min(done + 1, total) if on_screen is None else on_screen
        self.query_one("#count", Static).update(
            Text(f"{number} of {total}" if total else "no quiz yet"))
        self.query_one("#bar", ProgressBar).update(total=max(total, 1), progress=done)
        line = Text(f"{format_score(score)} / {done}" + (
            f"  ({100 * score / done:.0f}%)" if done else ""))
        line.append(f"\n{correct} correct", style="dim")
        self.query_one("#score", Static).update(line)
        self.query_one("#topic", Static).update(Text(topic))
