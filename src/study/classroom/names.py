"""A learner's name as a class gives it: on the leaderboard, in the report, in the store."""

from __future__ import annotations

import re

from study.errors import UsageError
from study.safety import strip_controls

MAX_NAME = 40


def learner_name(text: str) -> str:
    """``text`` as a learner's name: control characters removed, spaces collapsed; a
    `UsageError` saying what is wrong when nothing is left or it is too long."""
    name = re.sub(r"\s+", " ", strip_controls(text)).strip()
    if not any(ch.isalnum() for ch in name):
        raise UsageError("a name needs at least one letter or digit")
    if len(name) > MAX_NAME:
        raise UsageError(f"a name has at most {MAX_NAME} characters, not {len(name)}")
    return name
