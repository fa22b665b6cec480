"""Expanding an answer into every form that counts: ( ) optional parts, / alternatives, glossary."""

from __future__ import annotations

import itertools
import re

_PAREN = re.compile(r"\(([^()]*)\)")
_SLASH = re.compile(r"\s+/\s+|(?<=[^\d\s])/(?=[^\d\s])")
_SPACES = re.compile(r"\s+")
#: Spaces before punctuation (as ``\s+([,.;:])`` replaced by the punctuation).
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[,.;:])")


def _tidy(form: str) -> str:
    form = _SPACES.sub(" ", form).strip(" ,")
    return _SPACE_BEFORE_PUNCTUATION.sub("", form)


def expand(text: str) -> list[str]:
    """Every written form of ``text``: each ``/`` alternative, with and without ``( )`` parts.

    >>> expand("(Operation) Armas Cruzadas / Armas Cruzadas operation")
    ['Operation Armas Cruzadas', 'Armas Cruzadas', 'Armas Cruzadas operation']
    """
    if "/" not in text and "(" not in text:
        # one form, as the loop below gives it (most answers: a third of the time, as reading
        # an answer's forms is part of a fact's first check)
        form = _tidy(text)
        return [form] if form else []
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
            form = _tidy(" ".join(pieces))
            if form:
                out[form] = None
    return list(out)
