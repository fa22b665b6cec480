"""The content pack: sources, passages, facts and glossary, loaded and validated."""

from __future__ import annotations

from study.pack.models import Fact, GlossaryEntry, Kind, Pack, Passage, Source

__all__ = ["Fact", "GlossaryEntry", "Kind", "Pack", "Passage", "Source"]
