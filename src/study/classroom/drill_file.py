"""Reading a drill file: its YAML (kept as nodes, for line numbers), its fields validated by
pydantic, every problem located by file, line and field. Only a drill that is not in the
parsed-pack cache is read here (`study.classroom.drill.load_drill`), so a drill that starts
from the cache never imports YAML or pydantic."""

from __future__ import annotations

import difflib
import random
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from study.classroom.drill import MAX_TIME_LIMIT, Drill, DrillQuestion, default_seed
from study.errors import PackError, Problem, UsageError
from study.pack.loader import read_yaml, validation_messages
from study.pack.models import Pack
from study.pack.schema import NonEmpty, Slug
from study.pack.topics import resolve_topic
from study.quiz.forms import FORM_CHOICES, Form, can_ask

FormName = Literal["short", "choice", "truefalse", "cloze", "mix"]
Seconds = Annotated[float, Field(gt=0, le=MAX_TIME_LIMIT)]


class _DrillFields(BaseModel):
    """The top-level fields of a drill file (``questions`` is read by hand, for its lines)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    title: NonEmpty
    questions: Any
    time_limit: Seconds
    scoring: Literal["plain", "speed"] = "plain"
    form: FormName = "mix"
    seed: int | None = None


class _QuestionFields(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fact: Slug
    form: FormName | None = None
    time_limit: Seconds | None = None


class _TopicFields(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    topic: NonEmpty
    count: Annotated[int, Field(ge=1)]
    seed: int | None = None


# -- loading ----------------------------------------------------------------------------------


class _Problems:
    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.list: list[Problem] = []

    def add(self, line: int, message: str, field: str = "") -> None:
        self.list.append(Problem(self.shown, line, message, field))


def _shown(path: Path, pack: Pack) -> str:
    """How a drill file is named in messages: relative to the pack when inside it."""
    try:
        return str(path.resolve().relative_to(Path(pack.root).resolve()))
    except ValueError:
        return str(path)


def _key_lines(node: yaml.Node | None) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): int(k.start_mark.line) + 1 for k, _ in node.value}


def _value_node(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for key_node, value_node in node.value:
        if key_node.value == key:
            return value_node  # type: ignore[no-any-return]
    return None


def _twice(node: yaml.MappingNode, out: _Problems, prefix: str = "") -> None:
    seen: set[str] = set()
    for key_node, _ in node.value:
        if key_node.value in seen:
            out.add(key_node.start_mark.line + 1, "field given twice", prefix + key_node.value)
        seen.add(key_node.value)


def _validate(model: type[BaseModel], data: dict[str, Any], lines: dict[str, int], line: int,
              out: _Problems, prefix: str = "") -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for loc, message in validation_messages(exc, model):
            key = str(loc[0]) if loc else ""
            out.add(lines.get(key, line), message, prefix + key)
        return None


def read_drill(path: Path, pack: Pack) -> Drill:
    """Read the drill at ``path`` and check it against ``pack``; a `PackError` lists every
    problem with its file, line and field."""
    shown = _shown(path, pack)
    out = _Problems(shown)
    node, data, warnings = read_yaml(path, Path(pack.root))
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise PackError([Problem(shown, 1, "a drill file must be a YAML mapping of fields "
                                           "(id, title, time_limit, questions, ...)")])
    _twice(node, out)
    lines = _key_lines(node)
    fields = _validate(_DrillFields, data, lines, 1, out)
    form = str(data.get("form", "mix")) if data.get("form", "mix") in FORM_CHOICES else "mix"
    limit = fields.time_limit if fields is not None else 0.0
    drill_id = fields.id if fields is not None else str(data.get("id", ""))
    seed = fields.seed if fields is not None and fields.seed is not None else \
        default_seed(drill_id)
    questions: list[DrillQuestion] = []
    if "questions" in data:
        questions = _questions(pack, _value_node(node, "questions"), data["questions"],
                               lines["questions"], form, lines.get("form", 0), limit, seed, out)
    if out.list or fields is None:
        raise PackError(out.list, warnings=warnings)
    return Drill(fields.id, fields.title, shown, tuple(questions), fields.scoring, seed, form,
                 str(path.resolve()), tuple(warnings))


def _questions(pack: Pack, node: yaml.Node | None, data: Any, line: int, form: str,
               form_line: int, limit: float, seed: int, out: _Problems) -> list[DrillQuestion]:
    if isinstance(data, dict) and isinstance(node, yaml.MappingNode):
        return _topic_questions(pack, node, data, line, form, form_line, limit, seed, out)
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode) or not data:
        out.add(line, "questions must be a list of fact ids (or of {fact, form, time_limit}) "
                "or a mapping {topic, count, seed}", "questions")
        return []
    chosen: list[DrillQuestion] = []
    first_at: dict[str, tuple[int, int]] = {}
    for number, (item, item_node) in enumerate(zip(data, node.value, strict=True), start=1):
        at = int(item_node.start_mark.line) + 1
        field = f"questions[{number}]"
        if isinstance(item, str) and isinstance(item_node, yaml.ScalarNode):
            item = {"fact": item}
            item_lines = {"fact": at}
        elif isinstance(item, dict) and isinstance(item_node, yaml.MappingNode):
            _twice(item_node, out, field + ".")
            item_lines = _key_lines(item_node)
        else:
            out.add(at, "each question is a fact id, or a mapping {fact, form, time_limit}",
                    field)
            continue
        fields = _validate(_QuestionFields, item, item_lines, at, out, field + ".")
        if fields is None:
            continue
        fact = pack.facts_by_id.get(fields.fact)
        if fact is None:
            out.add(item_lines.get("fact", at), _unknown_fact(pack, fields.fact), field + ".fact")
            continue
        if fact.id in first_at:
            number_before, line_before = first_at[fact.id]
            out.add(at, f"fact {fact.id!r} is already question {number_before} (line "
                    f"{line_before}): a drill asks each fact once", field + ".fact")
            continue
        first_at[fact.id] = (number, at)
        own_form = fields.form or form
        if own_form != "mix" and not can_ask(fact, pack, Form(own_form)):
            where = item_lines["form"] if fields.form else at
            why = "" if fields.form else f" (the form the drill sets on line {form_line})"
            out.add(where, f"fact {fact.id!r} ({fact.kind}) cannot be asked as {own_form}{why}",
                    field + ".form")
            continue
        chosen.append(DrillQuestion(fact, own_form, fields.time_limit or limit))
    return chosen


def _topic_questions(pack: Pack, node: yaml.MappingNode, data: dict[str, Any], line: int,
                     form: str, form_line: int, limit: float, seed: int,
                     out: _Problems) -> list[DrillQuestion]:
    _twice(node, out, "questions.")
    lines = _key_lines(node)
    fields = _validate(_TopicFields, data, lines, line, out, "questions.")
    if fields is None:
        return []
    try:
        slug = resolve_topic(pack, fields.topic)
    except UsageError as exc:
        out.add(lines["topic"], str(exc), "questions.topic")
        return []
    pool = [f for f in pack.facts if f.topic == slug]
    if form != "mix":
        pool = [f for f in pool if can_ask(f, pack, Form(form))]
    if len(pool) < fields.count:
        as_form = f" that can be asked as {form}" if form != "mix" else ""
        has = f"{len(pool)} fact{'s' if len(pool) != 1 else ''}"
        out.add(lines["count"], f"the topic {slug!r} has only {has}{as_form}; the drill asks "
                f"for {fields.count}", "questions.count")
        return []
    random.Random(seed if fields.seed is None else fields.seed).shuffle(pool)
    return [DrillQuestion(fact, form, limit) for fact in pool[: fields.count]]


def _unknown_fact(pack: Pack, fact_id: str) -> str:
    close = difflib.get_close_matches(fact_id, list(pack.facts_by_id), n=1)
    return f"unknown fact id {fact_id!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


def drill_id(path: Path, pack: Pack) -> str | None:
    """The id a drill file gives itself, or None when it cannot be read or names none."""
    try:
        _, data, _ = read_yaml(path, Path(pack.root))
    except PackError:
        return None
    return data["id"] if isinstance(data, dict) and isinstance(data.get("id"), str) else None
