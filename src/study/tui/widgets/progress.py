"""The side panel: progress through the quiz, the score and the topic."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

from study.quiz.scoring import format_score
from study.rounding import format_percent


@dataclass(frozen=True)
class PanelState:
    """What the panel shows: ``number`` of ``total`` on screen, ``done`` answered."""

    number: int
    total: int
    done: int
    score: float
    correct: int
    topic: str


class ProgressPanel(Widget):
    """Shows n of N with a bar, the running score and the topic of the current question.

    One widget drawing one text, not a container of labels and a progress bar: the panel is on
    the first screen, and eight widgets to style and lay out cost the first question ~30 ms."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.state: PanelState | None = None

    def show(self, *, done: int, total: int, score: float, correct: int, topic: str,
             on_screen: int | None = None) -> None:
        """``on_screen`` is the number of the question shown (default: the next one)."""
        number = min(done + 1, total) if on_screen is None else on_screen
        self.state = PanelState(number, total, done, score, correct, topic)
        self.refresh()

    def render(self) -> Text:
        state = self.state
        text = Text()
        text.append("Progress\n", style="bold dim")
        if state is None or not state.total:
            text.append("no quiz yet\n")
        else:
            text.append(f"{state.number} of {state.total}\n")
            text.append_text(_bar(state.done, state.total, max(self.content_size.width, 8)))
        text.append("\n\nScore\n", style="bold dim")
        done = state.done if state else 0
        score = state.score if state else 0.0
        text.append(f"{format_score(score)} / {done}" + (
            f"  ({format_percent(100 * score / done)})" if done else ""))
        text.append(f"\n{state.correct if state else 0} correct", style="dim")
        text.append("\n\nTopic\n", style="bold dim")
        text.append(state.topic if state else "none yet")
        return text


def _bar(done: int, total: int, width: int) -> Text:
    """``done`` of ``total`` as a bar of ``width`` cells, its percentage at the end."""
    percent = f" {100 * done // total}%"
    cells = max(width - len(percent), 1)
    filled = round(cells * done / total)
    bar = Text("━" * filled, style="bold green")
    bar.append("━" * (cells - filled), style="dim")
    bar.append(percent)
    return bar
