"""Runs of words a pack shares with its source articles: passages and facts must not copy them.

Words are compared case-folded, accents and punctuation stripped ("It's" is "its", a dash is a
space), so re-punctuating a copied sentence does not hide it. Each source file becomes a set of
its 12-word shingles once; every passage, prompt and explain is then read once against it, so the
check is linear in the size of the pack and of the sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from study.checking.normalize import fold
from study.errors import Problem, UsageError
from study.pack.models import Pack, Passage

#: The shortest run of shared words reported: shorter runs are names, titles and set phrases.
RUN = 12
_APOSTROPHE = re.compile(r"['\u2019\u2018`]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def words(text: str) -> list[str]:
    """The words of ``text`` as compared: folded, apostrophes dropped, split at anything else."""
    return _NON_WORD.sub(" ", _APOSTROPHE.sub("", fold(text))).split()


@dataclass(frozen=True)
class Shingles:
    """The set of ``RUN``-word runs of one source text."""

    name: str
    runs: frozenset[tuple[str, ...]]

    @classmethod
    def of(cls, name: str, text: str, run: int = RUN) -> Shingles:
        w = words(text)
        return cls(name, frozenset(tuple(w[i:i + run]) for i in range(len(w) - run + 1)))

    def shared(self, text: str, run: int = RUN) -> Iterator[tuple[int, str]]:
        """Each maximal run of ``run`` or more words of ``text`` found in the source, as
        (number of words, the words)."""
        w = words(text)
        start = last = -1  # the current run is made of the windows start..last
        for i in range(len(w) - run + 1):
            if tuple(w[i:i + run]) not in self.runs:
                continue
            if start >= 0 and i != last + 1:
                yield last + run - start, " ".join(w[start:last + run])
                start = -1
            if start < 0:
                start = i
            last = i
        if start >= 0:
            yield last + run - start, " ".join(w[start:last + run])

def shared_words(pack: Pack, sources_dir: Path, run: int = RUN) -> list[Problem]:
    """Every passage, prompt and explain of ``pack`` that shares ``run`` or more consecutive
    words with its source file (the corpus file's ``source_file``, looked up in ``sources_dir``),
    located at the passage or the fact."""
    if not sources_dir.is_dir():
        raise UsageError(f"--sources {sources_dir}: no such folder")
    problems: list[Problem] = []
    shingles: dict[str, Shingles | None] = {}
    first_passage: dict[str, Passage] = {}
    for passage in pack.passages.values():
        first_passage.setdefault(passage.source.id, passage)
    for source_id, source in pack.sources.items():
        path = sources_dir / source.source_file
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            where = first_passage.get(source_id)
            problems.append(Problem(where.path if where else source_id, 1 if where else 0,
                                    f"source file {source.source_file!r} (source_file of "
                                    f"{source_id!r}) is not in {sources_dir}", "source_file"))
            shingles[source_id] = None
            continue
        shingles[source_id] = Shingles.of(source.source_file, text, run)

    def report(path: str, line: int, what: str, field: str, text: str, source_id: str) -> None:
        index = shingles.get(source_id)
        if index is None:
            return
        for count, copied in index.shared(text, run):
            problems.append(Problem(path, line, f"{what} shares {count} consecutive words with "
                                    f"{index.name}: \"{_clip(copied)}\"", field))

    for passage in pack.passages.values():
        report(passage.path, passage.line, f"passage {passage.id!r}", "", passage.text,
               passage.source.id)
    for fact in pack.facts:
        cited = pack.passages.get(fact.cite)
        if cited is None:
            continue
        for field in ("prompt", "explain"):
            text = getattr(fact, field)
            if text:
                report(fact.path, fact.line, f"fact {fact.id!r}: the {field}", field, text,
                       cited.source.id)
    return sorted(problems)


def _clip(copied: str, most: int = 24) -> str:
    w = copied.split()
    return copied if len(w) <= most else " ".join(w[:most]) + " ..."
