"""The pydantic models of a pack's files, for validating them and for `study schema`.

`study.pack.models` holds what a loaded pack is made of (plain records, cheap to import); the
loader validates each item of a file with the model here, then builds the record from it. The
two are kept field for field alike (a test checks it)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from study.pack.models import Kind

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


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


class GlossaryEntry(BaseModel):
    """Names that mean the same person or thing, e.g. an acronym and its expansion."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: NonEmpty
    short: NonEmpty | None = None
    kind: Annotated[str, StringConstraints(pattern=r"^(agency|person|program|place|document|other)$")]
    aliases: list[NonEmpty] = Field(default_factory=list)


class Fact(BaseModel):
    """One curated fact: a question, its canonical answer and everything needed to check it."""

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


class Disagreement(BaseModel):
    """Facts on which the sources disagree: the tutor gives every version with its citation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    about: NonEmpty = Field(description="What the sources disagree on, as a phrase: "
                            "'when Project Gunrunner began'.")
    facts: list[Slug] = Field(min_length=2, description="The facts giving each version.")
    note: NonEmpty | None = None
