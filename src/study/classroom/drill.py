"""Drill files: a fixed set of timed questions a teacher hands out, loaded with located errors.

A drill is a YAML mapping, in a pack's ``drills/`` folder or at any path::

    id: warm-up
    title: Warm-up
    time_limit: 20          # seconds per question
    scoring: speed          # plain (the quiz's score) or speed (points that fall with time)
    form: mix               # short, choice, truefalse, cloze or mix, for every question
    seed: 7                 # optional: shuffles the options of multiple-choice questions
    questions:              # fact ids, in order ...
      - armas-year
      - fact: melson        # ... or one with its own form and time limit
        form: choice
        time_limit: 30
    # or: questions: {topic: programs, count: 10, seed: 3}

Everyone who takes the drill gets the same questions in the same order and forms.
"""

from __future__ import annotations

import difflib
import random
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from study.errors import PackError, Problem, UsageError
from study.pack.loader import read_yaml, validation_messages
from study.pack.models import Fact, NonEmpty, Pack, Slug
from study.pack.topics import resolve_topic
from study.quiz.forms import FORM_CHOICES, Form, can_ask, make_question
from study.quiz.session import Attempt, Session

DRILLS_DIR = "drills"
#: A right answer given at once earns this many points in a speed drill.
MAX_POINTS = 1000
#: The longest time limit a drill may set for one question, in seconds.
MAX_TIME_LIMIT = 600
FormName = Literal["short", "choice", "truefalse", "cloze", "mix"]
Seconds = Annotated[float, Field(gt=0, le=MAX_TIME_LIMIT)]


def speed_points(score: float, seconds: float, limit: float) -> float:
    """Kahoot-style points: ``round(1000 * score * (1 - t / (2 * limit)))``, with ``t`` the
    seconds from the question shown to the answer, clamped to [0, limit]. A right answer
    (score 1) given at once earns 1000, one given at the buzzer 500; a partly right answer
    earns its share; a wrong, skipped or late one earns 0."""
    if score <= 0:
        return 0.0
    taken = min(max(seconds, 0.0), limit)
    return float(round(MAX_POINTS * score * (1 - taken / (2 * limit))))


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


@dataclass(frozen=True)
class DrillQuestion:
    """One question of a drill: the fact, the form it is asked in, its time limit."""

    fact: Fact
    form: str
    time_limit: float


@dataclass(frozen=True)
class Drill:
    """A loaded, validated drill."""

    id: str
    title: str
    path: str
    questions: tuple[DrillQuestion, ...]
    scoring: str  # plain or speed
    seed: int
    form: str
    file: str = ""  # the drill file's absolute path
    warnings: tuple[Problem, ...] = ()  # e.g. control characters removed from its text

    @property
    def total(self) -> int:
        return len(self.questions)

    def build_session(self, pack: Pack, clock: Callable[[], float] = time.monotonic) -> Session:
        """The drill as a session: its questions in order, the options of multiple-choice
        questions shuffled by the drill's seed; no hints, no overrides. The questions are made
        as `Session.build` makes them (one generator seeded by ``seed``, one question per fact
        in order), so a drill of one form is exactly ``Session.build(..., shuffle=False)``."""
        rng = random.Random(self.seed)
        questions = [make_question(q.fact, pack, rng, q.form) for q in self.questions]
        session = Session(pack, questions, self.seed, None, clock, form=self.form,
                          hints_allowed=False, overrides_allowed=False)
        session.restart_clock()
        return session

    def time_limit(self, index: int) -> float:
        """The time limit of question ``index`` (from 0), in seconds."""
        return self.questions[index].time_limit

    def points(self, attempt: Attempt, seconds: float, limit: float) -> float:
        """What ``attempt`` earns: its score (plain), or `speed_points` (speed)."""
        if attempt.timed_out or attempt.skipped:
            return 0.0
        if self.scoring == "speed":
            return speed_points(attempt.score, seconds, limit)
        return attempt.score

    @property
    def max_points(self) -> float:
        return float(MAX_POINTS * self.total if self.scoring == "speed" else self.total)


def default_seed(drill_id: str) -> int:
    """The seed of a drill that names none: fixed by its id, the same on every machine."""
    return zlib.crc32(drill_id.encode("utf-8")) % 1_000_000


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


def load_drill(path: Path, pack: Pack) -> Drill:
    """Load the drill at ``path`` and check it against ``pack``; a `PackError` lists every
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


# -- a pack's drills --------------------------------------------------------------------------


def drill_files(pack: Pack) -> list[Path]:
    """The drill files of ``pack`` (``drills/*.yaml`` and ``*.yml``), sorted."""
    folder = Path(pack.root) / DRILLS_DIR
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def drill_problems(pack: Pack) -> list[Problem]:
    """Every problem of every drill in the pack, for `study check`: each drill is loaded and
    checked against the pack, and no two drills may share an id."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in drill_files(pack):
        try:
            drill = load_drill(path, pack)
        except PackError as exc:
            problems.extend(exc.problems + exc.warnings)
            continue
        problems.extend(drill.warnings)
        if drill.id in seen:
            problems.append(Problem(drill.path, 1, f"duplicate drill id {drill.id!r} (first in "
                                                   f"{seen[drill.id]})", "id"))
        seen.setdefault(drill.id, drill.path)
    return problems


def find_drill(pack: Pack, ref: str) -> Drill:
    """The drill ``ref`` names: a file (any path), or the id of one of the pack's drills."""
    path = Path(ref).expanduser()
    if path.is_file():
        return load_drill(path, pack)
    if path.suffix in (".yaml", ".yml") or "/" in ref:
        raise UsageError(f"no such drill file: {ref}")
    files = drill_files(pack)
    for candidate in files:
        try:
            _, data, _ = read_yaml(candidate, Path(pack.root))
        except PackError:
            continue
        if isinstance(data, dict) and data.get("id") == ref:
            return load_drill(candidate, pack)
    for candidate in files:
        if candidate.stem == ref:
            return load_drill(candidate, pack)
    known = _ids(files)
    listing = f"; the pack's drills are: {', '.join(known)}" if known else \
        f"; the pack has no {DRILLS_DIR}/ folder of drills"
    raise UsageError(f"no drill file or drill id {ref!r}{listing}")


def _ids(files: Sequence[Path]) -> list[str]:
    ids = []
    for path in files:
        try:
            _, data, _ = read_yaml(path, path.parent)
        except PackError:
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            ids.append(data["id"])
    return ids
