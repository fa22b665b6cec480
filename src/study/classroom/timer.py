"""The drill's question timer: started when a question is shown, read through an injected clock.

The clock is any function returning seconds (``time.monotonic`` by default), so tests drive a
fake one and never sleep. The limit is a deadline: an answer that arrives at or after it is
late ("time's up") and scores nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class QuestionTimer:
    """Times one question at a time."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.limit = 0.0
        self._started: float | None = None

    def start(self, limit: float) -> None:
        """A question with ``limit`` seconds is shown now."""
        if limit <= 0:
            raise ValueError(f"a time limit must be positive, not {limit}")
        self.limit = float(limit)
        self._started = self.clock()

    def stop(self) -> None:
        """The question was answered (or timed out): nothing is being timed."""
        self._started = None

    @property
    def running(self) -> bool:
        return self._started is not None

    @property
    def elapsed(self) -> float:
        """Seconds since the question was shown (0 when nothing is timed)."""
        if self._started is None:
            return 0.0
        return max(0.0, self.clock() - self._started)

    @property
    def remaining(self) -> float:
        """Seconds left before the deadline, never below 0 (0 when nothing is timed)."""
        if self._started is None:
            return 0.0
        return max(0.0, self.limit - self.elapsed)

    @property
    def expired(self) -> bool:
        """Whether the deadline has come for the question being timed."""
        return self._started is not None and self.elapsed >= self.limit
