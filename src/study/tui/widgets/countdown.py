"""The drill's countdown: the seconds left on the question, ticking; the domain keeps the time."""

from __future__ import annotations

import math
from collections.abc import Callable

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

#: How often the countdown reads the clock, in seconds (a whole-second display needs < 1).
TICK = 0.25
BAR = 20


class Countdown(Static):
    """Shows the time left on a timed question, read from ``time_left`` (the conversation's)
    every `TICK` seconds; hidden when nothing is timed. At zero it posts `Countdown.Expired`
    (again at each tick until the question closes): the conversation decides what follows."""

    DEFAULT_CSS = """
    Countdown { height: 1; margin: 0 1; display: none; }
    Countdown.-running { display: block; }
    Countdown.-low { color: $warning; text-style: bold; }
    """

    class Expired(Message):
        """The time shown reached zero on an open question."""

    def __init__(self, time_left: Callable[[], float | None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.time_left = time_left
        self.limit = 0.0

    def on_mount(self) -> None:
        self.set_interval(TICK, self.tick)

    def start(self, limit: float) -> None:
        """A question with ``limit`` seconds was just shown."""
        self.limit = limit
        self.tick()

    def tick(self) -> None:
        left = self.time_left()
        if left is None or self.limit <= 0:
            self.remove_class("-running", "-low")
            return
        self.set_class(True, "-running")
        self.set_class(left <= 5, "-low")
        filled = round(BAR * left / self.limit)
        text = Text(f"Time left: {math.ceil(left):>3} s  ")
        text.append("█" * filled + "░" * (BAR - filled))
        self.update(text)
        if left <= 0:
            self.post_message(self.Expired())
