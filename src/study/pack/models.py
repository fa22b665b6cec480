"""Pydantic models of a content pack: sources, passages, glossary entries and facts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from study.errors import Problem

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


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


class Source(BaseModel):
    """The front matter of a corpus file: which article its passages restate."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Slug
    title: NonEmpty
    short: NonEmpty | None = Field(
        default=None, description="A short title shown with every citation; default: title."
    )
    kind: NonEmpty
    credits: list[NonEmpty] = Field(description="People credited by the article; may be empty.")
    period: NonEmpty
    source_file: NonEmpty


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


class GlossaryEntry(BaseModel):
    """Names that mean the same person or thing, e.g. an acronym and its expansion."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: NonEmpty
    short: NonEmpty | None = None
    kind: Annotated[str, StringConstraints(pattern=r"^(agency|person|program|place|document|other)$")]
    aliases: list[NonEmpty] = Field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Every name of the entry, canonical first."""
        out = [self.name]
        if self.short:
            out.append(self.short)
        out.extend(self.aliases)
        return out


class Fact(BaseModel):
    """One curated fact: a question, its canonical answer and everything needed to check it."""

    # defer_build: the validator is built on the first validation (a pack loaded from the
    # parsed-pack cache never validates, and starts ~40 ms sooner).
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        defer_build=True,
        json_schema_extra={"additionalProperties": False},
    )

    id: Slug = Field(description="Unique across the pack.")
    prompt: NonEmpty = Field(description="The question; for truefalse, a statement to judge.")
    answer: NonEmpty | list[NonEmpty] = Field(
        description="The canonical answer; a list of items for kind 'list'."
    )
    accept: list[NonEmpty] = Field(default_factory=list, description="Other correct forms.")
    kind: Kind
    cite: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*#[a-z0-9][a-z0-9-]*$")]
    topic: Slug
    explain: NonEmpty | None = None
    distractors: list[NonEmpty] = Field(
        default_factory=list, description="Wrong answers of the same kind, for multiple choice."
    )

    _path: str = PrivateAttr(default="")
    _line: int = PrivateAttr(default=0)

    def located(self, path: str, line: int) -> Fact:
        """Remember where the fact was written, for error messages."""
        self._path, self._line = path, line
        return self

    @property
    def path(self) -> str:
        return self._path

    @property
    def line(self) -> int:
        return self._line

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


class Disagreement(BaseModel):
    """Facts on which the sources disagree: the tutor gives every version with its citation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    about: NonEmpty = Field(description="What the sources disagree on, as a phrase: "
                            "'when Project Gunrunner began'.")
    facts: list[Slug] = Field(min_length=2, description="The facts giving each version.")
    note: NonEmpty | None = None

    _path: str = PrivateAttr(default="")
    _line: int = PrivateAttr(default=0)

    def located(self, path: str, line: int) -> Disagreement:
        self._path, self._line = path, line
        return self

    @property
    def path(self) -> str:
        return self._path

    @property
    def line(self) -> int:
        return self._line


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
