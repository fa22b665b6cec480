"""The tutor's answer to one question: its text and the passages it cites, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Citation:
    """A quoted stretch of one passage, with the words that answer the question marked."""

    passage: str  # the passage id, "guns-and-drugs#armas-cruzadas"
    source: str  # the source article's title
    heading: str  # the passage heading
    text: str  # the quoted sentence(s), exactly as in the passage
    highlights: list[tuple[int, int]] = field(default_factory=list)  # spans of ``text``

    def to_json(self) -> dict[str, str]:
        return {"passage": self.passage, "source": self.source, "heading": self.heading,
                "text": self.text}


@dataclass(frozen=True)
class Answer:
    """What the tutor says to a question.

    ``found`` is false when the articles do not answer it (``text`` then says so and names the
    closest passage) and when the answer is withheld during a quiz (``withheld``).
    """

    question: str
    found: bool
    text: str
    citations: list[Citation] = field(default_factory=list)
    withheld: bool = False
    fact_id: str | None = None
    #: Set when the sources disagree: the id of the disagreement in the pack.
    disagreement: str | None = None

    def says(self, citation: Citation) -> bool:
        """Whether the answer's text already ends with ``citation``'s quote (the sentence that
        is the answer, or the closest passage an abstention names): shown once, not twice."""
        quote = citation.text.strip()
        return bool(quote) and self.text.strip().endswith(quote)

    def to_json(self) -> dict[str, Any]:
        """The answer as `study ask --json` prints it; other tools rely on these keys."""
        return {
            "found": self.found,
            "answer": self.text,
            "citations": [c.to_json() for c in self.citations],
        }
