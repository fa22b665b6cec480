"""Progress storage in SQLite: sessions and every attempt, written as they happen."""

from __future__ import annotations

from study.store.db import Store

__all__ = ["Store"]
