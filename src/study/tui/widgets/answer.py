"""The answer box: an input that announces what the learner submits."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from study.safety import strip_controls


class AnswerBox(Input):
    """Single-line entry; Enter posts `AnswerBox.AnswerSubmitted` and clears the box. Home
    and End scroll the chat when the box is empty (they move the cursor otherwise)."""

    BINDINGS = [Binding("enter", "submit", "Send", show=True)]

    @dataclass
    class AnswerSubmitted(Message):
        """The learner pressed Enter; ``value`` is what they typed, control characters
        removed."""

        value: str

    @dataclass
    class ScrollRequested(Message):
        """Home or End in an empty box: scroll the chat to its start or end."""

        where: str

    async def action_submit(self) -> None:
        value = strip_controls(self.value)
        self.clear()
        self.post_message(self.AnswerSubmitted(value))

    def action_home(self, select: bool = False) -> None:
        if not self.value and not select:
            self.post_message(self.ScrollRequested("home"))
            return
        super().action_home(select)

    def action_end(self, select: bool = False) -> None:
        if not self.value and not select:
            self.post_message(self.ScrollRequested("end"))
            return
        super().action_end(select)
