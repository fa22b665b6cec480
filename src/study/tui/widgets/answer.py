"""The answer box: an input that announces what the learner submits."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class AnswerBox(Input):
    """Single-line answer entry; Enter posts `AnswerBox.AnswerSubmitted` and clears the box."""

    BINDINGS = [Binding("enter", "submit", "Submit answer", show=True)]

    @dataclass
    class AnswerSubmitted(Message):
        """The learner pressed Enter; ``value`` is what they typed, exactly."""

        value: str

    async def action_submit(self) -> None:
        value = self.value
        self.clear()
        self.post_message(self.AnswerSubmitted(value))
