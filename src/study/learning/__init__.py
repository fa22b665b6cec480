"""Learners, FSRS cards, what is due, mastery and progress: the learning domain (no I/O here
beyond what a caller passes in; the store keeps the data, see `study.store`).

    default_learner()                  the system user name, the default for --learner
    pack_key(pack)                     the key a pack's cards and sessions are stored under
    cards.review / retrievability      FSRS, with the time injected
    ratings.rating_for                 a verdict (and the learner's pace) to an FSRS rating
    practice.pick / outlook            what to ask next; how much is due tomorrow, this week
    plan.plan_of / questions_from_plan a session's questions, to store and to resume
    progress.progress                  per-topic mastery, due counts, accuracy by day, streak
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from study.pack.models import Pack


def default_learner() -> str:
    """The name of the user running study, or "learner" when the system cannot tell."""
    try:
        name = getpass.getuser().strip()
    except (OSError, KeyError, ImportError):  # no USER/LOGNAME and no passwd entry
        name = ""
    return name or "learner"


def pack_key(pack: Pack) -> str:
    """The key of ``pack`` in the store: its folder, resolved (the same pack from another
    working directory is the same pack)."""
    return str(Path(pack.root).resolve())
