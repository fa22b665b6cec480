"""Progress storage in SQLite: learners, sessions, every attempt, FSRS cards, written as they
happen; see `study.store.db` for the API."""

from __future__ import annotations

from study.store.db import Store, clean_text
from study.store.faults import Fault, StoreFault
from study.store.rows import AttemptRow, CardRow, OverrideRow, PlanItem, Resumable, SessionRow

__all__ = ["AttemptRow", "CardRow", "Fault", "OverrideRow", "PlanItem", "Resumable",
           "SessionRow", "Store", "StoreFault", "clean_text"]
