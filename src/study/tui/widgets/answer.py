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

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        # Not selected on focus: a character typed into the screen gives the box focus and
        # goes in first (`ChatScreen.on_key`); selecting it then would let the next one
        # replace it.
        super().__init__(id=id, select_on_focus=False)

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
