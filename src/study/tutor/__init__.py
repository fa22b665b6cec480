"""The tutor: answers a learner's own questions from the pack, citing the passages it quotes.

    tutor = Tutor(pack)                       # cheap: the index is built on first use
    answer = tutor.ask("who started Armas Cruzadas?")
    answer.found, answer.text, answer.citations
"""

from __future__ import annotations

from study.tutor.answer import Answer, Citation
from study.tutor.tutor import Tutor

__all__ = ["Answer", "Citation", "Tutor"]
