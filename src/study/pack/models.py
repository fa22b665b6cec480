"""What a loaded content pack is made of: sources, passages, glossary entries and facts.

Plain records, cheap to import (the pydantic models that validate a pack's files, ~110 ms to
import, are in `study.pack.schema`: only loading a pack from its files needs them, not a pack
read back from the parsed-pack cache)."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any, ClassVar, TypeVar

from study.errors import Problem

R = TypeVar("R", bound="_Record")


#: Where an answer splits into alternatives: " / ", or a slash between two letters ("ICE/ATF"
#: but not "24/7" or "and/ or"); the same rule as `study.checking.forms.expand`.
_ALTERNATIVES = re.compile(r"\s+/\s+|(?<=[^\d\s])/(?=[^\d\s])")


def canonical(answer: str) -> str:
    """The answer as a learner reads it (see `display_form`)."""
    return display_form(answer)


class Kind(StrEnum):
    """What kind of answer a fact has; the checker picks its strategy by kind."""

    TEXT = "text"
    PERSON = "person"
    AGENCY = "agency"
    PLACE = "place"
    NUMBER = "number"
    YEAR = "year"
    MONEY = "money"
    PERCENT = "percent"
    LIST = "list"
    TRUEFALSE = "truefalse"
    CHOICE = "choice"

    @property
    def numeric(self) -> bool:
        return self in NUMERIC_KINDS


NUMERIC_KINDS = frozenset({Kind.NUMBER, Kind.YEAR, Kind.MONEY, Kind.PERCENT})
#: Kinds whose facts need at least three distractors so they can be asked as multiple choice.
CHOICE_KINDS = frozenset(
    {Kind.PERSON, Kind.AGENCY, Kind.PLACE, Kind.YEAR, Kind.NUMBER, Kind.MONEY, Kind.PERCENT,
     Kind.CHOICE}
)


_ACRONYM = re.compile(r"^[A-Z][A-Z.&-]{1,9}s?$")
_OPTIONAL = re.compile(r"\s*\(([^()]*)\)")


@lru_cache(maxsize=8192)
def display_form(text: str) -> str:
    """One written answer as a learner should read it: the first `` / `` alternative, with
    its optional parts kept ("Justice (Department)" reads "Justice Department"; an acronym
    keeps its brackets at the end: "Bureau of ... Explosives (ATF)")."""
    first = re.split(r"\s+/\s+", text, maxsplit=1)[0].strip()

    def keep(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        at_end = match.end() == len(first)
        return f" ({inner})" if at_end and _ACRONYM.match(inner) else f" {inner}"

    return re.sub(r"\s+", " ", _OPTIONAL.sub(keep, first)).strip()


class _Record:
    """What the records share with the pydantic models that validated them (`model_dump`,
    `model_copy`, `model_construct`, `model_fields`), so that callers need not tell them apart.
    Where a record was written (``path``, ``line``) is kept apart from its fields."""

    __slots__ = ()
    model_fields: ClassVar[dict[str, dataclasses.Field[Any]]]

    def model_dump(self) -> dict[str, Any]:
        """The fields as a dict, lists copied."""
        out = {}
        for name in self.model_fields:
            value = getattr(self, name)
            out[name] = list(value) if isinstance(value, list) else value
        return out

    def model_copy(self: R, update: dict[str, Any] | None = None) -> R:
        """A copy with ``update`` applied (not validated), written where this one was."""
        copy = dataclasses.replace(self, **(update or {}))  # type: ignore[type-var]
        for name in ("path", "line"):
            if hasattr(self, name):
                object.__setattr__(copy, name, getattr(self, name))
        return copy

    @classmethod
    def model_construct(cls: type[R], **values: Any) -> R:
        """A record from values validated before (the parsed-pack cache's)."""
        return cls(**values)


def _record(cls: type[R]) -> type[R]:
    cls.model_fields = {f.name: f for f in dataclasses.fields(cls) if f.init}  # type: ignore[arg-type]
    return cls


@_record
@dataclass(frozen=True, kw_only=True, slots=True)
class Source(_Record):
    """The front matter of a corpus file: which article its passages restate."""

    id: str
    title: str
    #: A short title shown with every citation; default: title.
    short: str | None = None
    kind: str
    #: People credited by the article; may be empty.
    credits: list[str]
    period: str
    source_file: str


@dataclass(frozen=True)
class Passage:
    """A headed stretch of a corpus file; facts cite passages by ``id``."""

    source: Source
    slug: str
    heading: str
    text: str
    path: str
    line: int

    @property
    def id(self) -> str:
        return f"{self.source.id}#{self.slug}"


@_record
@dataclass(frozen=True, kw_only=True, slots=True)
class GlossaryEntry(_Record):
    """Names that mean the same person or thing, e.g. an acronym and its expansion."""

    name: str
    short: str | None = None
    #: agency, person, program, place, document or other
    kind: str
    aliases: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Every name of the entry, canonical first."""
        out = [self.name]
        if self.short:
            out.append(self.short)
        out.extend(self.aliases)
        return out


@_record
@dataclass(frozen=True, kw_only=True, slots=True)
class Fact(_Record):
    """One curated fact: a question, its canonical answer and everything needed to check it."""

    #: Unique across the pack.
    id: str
    #: The question; for truefalse, a statement to judge.
    prompt: str
    #: The canonical answer; a list of items for kind 'list'.
    answer: str | list[str]
    #: Other correct forms.
    accept: list[str] = field(default_factory=list)
    kind: Kind
    cite: str
    topic: str
    explain: str | None = None
    #: Wrong answers of the same kind, for multiple choice.
    distractors: list[str] = field(default_factory=list)
    #: Where the fact was written, for error messages (`located`).
    path: str = field(default="", init=False, compare=False, repr=False)
    line: int = field(default=0, init=False, compare=False, repr=False)

    def located(self, path: str, line: int) -> Fact:
        """Remember where the fact was written, for error messages."""
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "line", line)
        return self

    @property
    def items(self) -> list[str]:
        """The answer as a list of items (one item unless the kind is list)."""
        return list(self.answer) if isinstance(self.answer, list) else [self.answer]

    @property
    def canonical_answer(self) -> str:
        """The answer as a teacher would write it: the same as `answer_text`."""
        return self.answer_text

    @property
    def answer_text(self) -> str:
        """The answer as people read it ("A, B and C" for lists), without the answer file's
        syntax: the first ``/`` alternative, optional parts kept."""
        items = [display_form(item) for item in self.items]
        if len(items) == 1:
            return items[0]
        return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class SynonymGroup:
    """Words and phrases a learner may use for one another ("guns", "firearms", "weapons")."""

    words: tuple[str, ...]
    path: str = ""
    line: int = 0


@_record
@dataclass(frozen=True, kw_only=True, slots=True)
class Disagreement(_Record):
    """Facts on which the sources disagree: the tutor gives every version with its citation."""

    id: str
    #: What the sources disagree on, as a phrase: 'when Project Gunrunner began'.
    about: str
    #: The facts giving each version (at least two).
    facts: list[str]
    note: str | None = None
    path: str = field(default="", init=False, compare=False, repr=False)
    line: int = field(default=0, init=False, compare=False, repr=False)

    def located(self, path: str, line: int) -> Disagreement:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "line", line)
        return self


@dataclass
class Pack:
    """A loaded, validated content pack."""

    root: str
    sources: dict[str, Source]
    passages: dict[str, Passage]
    facts: list[Fact]
    glossary: list[GlossaryEntry] = field(default_factory=list)
    #: advice from loading (control characters removed, ...): `study check` prints it
    warnings: list[Problem] = field(default_factory=list)
    #: Learners' everyday words for the pack's terms (corpus/synonyms.yaml), for the tutor.
    synonyms: list[SynonymGroup] = field(default_factory=list)
    #: Places where the sources disagree (corpus/disagreements.yaml), for the tutor.
    disagreements: list[Disagreement] = field(default_factory=list)

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    @cached_property
    def topics(self) -> Counter[str]:
        """Topic slug -> number of facts, in first-seen order."""
        return Counter(f.topic for f in self.facts)

    def passage_for(self, fact: Fact) -> Passage:
        return self.passages[fact.cite]

    @cached_property
    def people(self) -> list[str]:
        """Every person's full name the pack knows: glossary people and person-fact answers."""
        names: dict[str, None] = {}
        for entry in self.glossary:
            if entry.kind == "person":
                names[entry.name] = None
        for fact in self.facts:
            if fact.kind is Kind.PERSON:
                for item in (*fact.items, *fact.distractors):
                    # "Kenneth Melson / Ken Melson": each alternative is a name of its own.
                    for alt in re.split(r"\s*/\s*", item):
                        if " " in alt.strip():
                            names[alt.strip()] = None
        return list(names)

    def summary(self) -> str:
        return (
            f"{len(self.sources)} sources, {len(self.passages)} passages, "
            f"{len(self.facts)} facts, {len(self.topics)} topics"
        )


def __getattr__(name: str) -> Any:
    """``Slug`` and ``NonEmpty``, the pydantic field types, from `study.pack.schema` (imported
    only when asked for)."""
    if name in ("Slug", "NonEmpty"):
        from study.pack import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
