"""Known names found in a text in time proportional to the text: a trie keyed by words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Generic, TypeVar

V = TypeVar("V")
Tokens = tuple[str, ...]
#: The key under which a trie node keeps the values of the name that ends there (no word is
#: empty, so it never collides with a word).
_END = ""


class NameIndex(Generic[V]):
    """Names (tuples of words), each with the values it stands for, found wherever they occur in
    a text of words: from each word the trie is walked as far as some name goes on, so a text of
    n words costs about n lookups times the length of the longest name that starts at a word,
    however many names the pack knows. (Scanning every name of the bundled pack against each
    answer's sentences cost 90% of a cold check: 822 checks/s.)"""

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, name: Tokens, value: V) -> None:
        """Index ``name`` (ignored when empty) as standing for ``value``, after its other values."""
        if not name:
            return
        node = self._root
        for word in name:
            node = node.setdefault(word, {})
        values = node.get(_END)
        if values is None:
            node[_END] = values = []
            self._size += 1
        values.append(value)

    def get(self, name: Tokens) -> list[V]:
        """The values of exactly ``name``, in the order they were added ([] when unknown)."""
        node: dict[str, Any] | None = self._root
        for word in name:
            node = node.get(word) if node is not None else None
            if node is None:
                return []
        values: list[V] = node.get(_END, []) if node is not None and name else []
        return values

    def __contains__(self, name: object) -> bool:
        return isinstance(name, tuple) and bool(self.get(name))

    def find(self, text: Tokens) -> Iterator[tuple[int, int, list[V]]]:
        """Every occurrence of every name in ``text``, overlapping ones included, as (start,
        end, values), by start and then by length."""
        root = self._root
        for start in range(len(text)):
            node = root.get(text[start])
            end = start + 1
            while node is not None:
                values = node.get(_END)
                if values is not None:
                    yield start, end, values
                if end == len(text):
                    break
                node = node.get(text[end])
                end += 1

    def values_in(self, text: Tokens) -> set[V]:
        """The values of every name occurring in ``text``: `find` without a generator, which
        costs half the time of a fact's first check."""
        out: set[V] = set()
        root, size = self._root, len(text)
        for start in range(size):
            node = root.get(text[start])
            end = start + 1
            while node is not None:
                values = node.get(_END)
                if values is not None:
                    out.update(values)
                if end == size:
                    break
                node = node.get(text[end])
                end += 1
        return out

    def occurs_in(self, text: Tokens) -> bool:
        """Whether some name occurs in ``text``."""
        root, size = self._root, len(text)
        for start in range(size):
            node = root.get(text[start])
            end = start + 1
            while node is not None:
                if _END in node:
                    return True
                if end == size:
                    break
                node = node.get(text[end])
                end += 1
        return False
