"""The side panel: progress through the quiz, the score so far and the current topic."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar, Static


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

    def show(self, *, done: int, total: int, score: float, correct: int, topic: str) -> None:
        asked = max(done, 1)
        self.query_one("#count", Static).update(Text(f"{min(done + 1, total)} of {total}"))
        self.query_one("#bar", ProgressBar).update(total=total, progress=done)
        self.query_one("#score", Static).update(
            Text(f"{score:g} / {done}" + (f"  ({100 * score / asked:.0f}%)" if done else ""))
            + Text(f"\n{correct} correct", style="dim")
        )
        self.query_one("#topic", Static).update(Text(topic.replace("-", " ")))
