"""A yes/no question in a modal: "Leave the quiz?"."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class Confirm(ModalScreen[bool]):
    """Dismissed with True for y (or Enter), False for n (or Escape)."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical {
        width: 60; max-width: 90%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    """
    BINDINGS = [
        Binding("y,enter,ctrl+q", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question))
            yield Static(Text("y: yes    n: no", style="dim"))

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
