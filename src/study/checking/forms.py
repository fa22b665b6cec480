"""Expanding an answer into every form that counts: ( ) optional parts, / alternatives, glossary."""

from __future__ import annotations

import itertools
import re

_PAREN = re.compile(r"\(([^()]*)\)")
_SLASH = re.compile(r"\s+/\s+|(?<=[^\d\s])/(?=[^\d\s])")


def expand(text: str) -> list[str]:
    """Every written form of ``text``: each ``/`` alternative, with and without ``( )`` parts.

    >>> expand("(Operation) Armas Cruzadas / Armas Cruzadas operation")
    ['Operation Armas Cruzadas', 'Armas Cruzadas', 'Armas Cruzadas operation']
    """
    out: dict[str, None] = {}
    for alternative in _SLASH.split(text):
        parts = _PAREN.split(alternative)
        # parts alternate: literal, optional, literal, optional, ...
        optional = parts[1::2]
        for keep in itertools.product((True, False), repeat=min(len(optional), 4)):
            pieces = []
            for index, piece in enumerate(parts):
                if index % 2 == 0:
                    pieces.append(piece)
                elif keep[(index - 1) // 2] if (index - 1) // 2 < len(keep) else True:
                    pieces.append(piece)
            form = re.sub(r"\s+", " ", " ".join(pieces)).strip(" ,")
            form = re.sub(r"\s+([,.;:])", r"\1", form)
            if form:
                out[form] = None
    return list(out)
