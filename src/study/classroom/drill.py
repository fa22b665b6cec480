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

import hashlib
import random
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from study.errors import PackError, Problem, UsageError
from study.pack.cache import derived, is_cached
from study.pack.files import regular_bytes
from study.pack.models import Fact, Pack
from study.quiz.forms import make_question
from study.quiz.session import Attempt, Session

DRILLS_DIR = "drills"
#: A right answer given at once earns this many points in a speed drill.
MAX_POINTS = 1000
#: The longest time limit a drill may set for one question, in seconds.
MAX_TIME_LIMIT = 600


def speed_points(score: float, seconds: float, limit: float) -> float:
    """Kahoot-style points: ``round(1000 * score * (1 - t / (2 * limit)))``, with ``t`` the
    seconds from the question shown to the answer, clamped to [0, limit]. A right answer
    (score 1) given at once earns 1000, one given at the buzzer 500; a partly right answer
    earns its share; a wrong, skipped or late one earns 0."""
    if score <= 0:
        return 0.0
    taken = min(max(seconds, 0.0), limit)
    return float(round(MAX_POINTS * score * (1 - taken / (2 * limit))))


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


def load_drill(path: Path, pack: Pack) -> Drill:
    """Load the drill at ``path`` and check it against ``pack``; a `PackError` lists every
    problem with its file, line and field. For a pack from the parsed-pack cache, the checked
    drill is kept beside it under a hash of the file's place and content (the pack's files and
    study's code key the entry), so a class starting it reads neither YAML nor pydantic; an
    edited file is a new entry. A file that is not a regular one of a pack file's size is read
    the loader's way, which says what is wrong with it (a FIFO never blocks)."""
    content = regular_bytes(path) if is_cached(pack) else None
    if content is None:
        return _read(path, pack)
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8") + b"\0" + content)

    def plan() -> dict[str, Any]:
        drill = _read(path, pack)
        if regular_bytes(path) != content:  # edited while it was read: keep nothing
            raise _Edited(drill)
        return _plan(drill)

    try:
        kept = derived(pack, f"drill-{digest.hexdigest()[:16]}", plan)
    except _Edited as edited:
        return edited.drill
    drill = _from_plan(kept, pack)
    return drill if drill is not None else _read(path, pack)


class _Edited(Exception):
    """A drill file that changed while it was read: its plan is not kept under the old hash."""

    def __init__(self, drill: Drill) -> None:
        super().__init__(drill.path)
        self.drill = drill


def _read(path: Path, pack: Pack) -> Drill:
    from study.classroom.drill_file import read_drill

    return read_drill(path, pack)


def _plan(drill: Drill) -> dict[str, Any]:
    """A loaded drill as plain JSON data (its facts by id)."""
    return {"id": drill.id, "title": drill.title, "path": drill.path, "scoring": drill.scoring,
            "seed": drill.seed, "form": drill.form, "file": drill.file,
            "questions": [[q.fact.id, q.form, q.time_limit] for q in drill.questions],
            "warnings": [[w.path, w.line, w.message, w.field, w.severity]
                         for w in drill.warnings]}


def _from_plan(plan: Any, pack: Pack) -> Drill | None:
    """The drill a plan describes, or None when the plan does not fit ``pack`` (never
    trusted: a plan naming a fact the pack lacks is read again from its file)."""
    try:
        questions = tuple(DrillQuestion(pack.facts_by_id[fact], str(form), float(limit))
                          for fact, form, limit in plan["questions"])
        warnings = tuple(Problem(str(p), int(line), str(m), str(f), str(sev))
                         for p, line, m, f, sev in plan["warnings"])
        return Drill(str(plan["id"]), str(plan["title"]), str(plan["path"]), questions,
                     str(plan["scoring"]), int(plan["seed"]), str(plan["form"]),
                     str(plan["file"]), warnings)
    except (KeyError, TypeError, ValueError):
        return None


def _drill_ids(pack: Pack) -> dict[str, str]:
    """The id each of the pack's drill files gives itself, by file name (readable ones)."""
    def compute() -> dict[str, str]:
        from study.classroom.drill_file import drill_id

        ids = {path.name: drill_id(path, pack) for path in drill_files(pack)}
        return {name: found for name, found in ids.items() if found is not None}

    value = derived(pack, "drill-ids", compute)
    return value if isinstance(value, dict) else compute()


def find_drill(pack: Pack, ref: str) -> Drill:
    """The drill ``ref`` names: a file (any path), or the id of one of the pack's drills."""
    path = Path(ref).expanduser()
    if path.is_file():
        return load_drill(path, pack)
    if path.suffix in (".yaml", ".yml") or "/" in ref:
        raise UsageError(f"no such drill file: {ref}")
    files = drill_files(pack)
    ids = _drill_ids(pack)
    for candidate in files:
        if ids.get(candidate.name) == ref:
            return load_drill(candidate, pack)
    for candidate in files:
        if candidate.stem == ref:
            return load_drill(candidate, pack)
    known = [ids[f.name] for f in files if f.name in ids]
    listing = f"; the pack's drills are: {', '.join(known)}" if known else \
        f"; the pack has no {DRILLS_DIR}/ folder of drills"
    raise UsageError(f"no drill file or drill id {ref!r}{listing}")
