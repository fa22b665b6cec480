"""A teacher's spreadsheet (CSV or TSV) turned into a question file of a content pack.

The sheet has a header row naming its columns: ``prompt``, ``answer``, ``kind``, ``cite`` and
``topic`` are required; ``accept``, ``distractors``, ``explain`` and ``id`` are optional (ids are
made from the prompt when absent), and any other column is ignored. Lists (a list answer,
accepted forms, distractors) are ``;``-separated. Commas, tabs and semicolons are recognised as
separators; the text is UTF-8 (with or without a BOM) or, failing that, Windows-1252.

Every bad row is reported with its line and column, and nothing is written while any row is
bad: the new file is first loaded with the rest of the pack in a scratch copy, so whatever the
pack loader would refuse (an answer the cited passage does not state, a number that states no
value) is found before the pack is touched.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from study.errors import PackError, Problem, SheetError, UsageError
from study.formats.table import FORMULA_START
from study.pack.loader import load_pack, slugify
from study.pack.models import Kind, Passage

REQUIRED = ("prompt", "answer", "kind", "cite", "topic")
OPTIONAL = ("id", "accept", "distractors", "explain")
#: Columns `study export --format csv` adds for the reader; they are not part of a fact.
EXPORT_ONLY = ("source", "passage heading")
KINDS = tuple(k.value for k in Kind)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class SheetRowsError(SheetError):
    """Rows of a sheet cannot be imported; ``problems`` lists every one of them."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        head = f"{path}: {count} problem{'s' if count != 1 else ''}; nothing was written"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


@dataclass
class Imported:
    """What an import wrote, and what the teacher should know about it."""

    path: Path
    facts: int
    generated_ids: int
    notes: list[str] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    cells: dict[str, str]
    fact: dict[str, Any] = field(default_factory=dict)


def column_letter(index: int) -> str:
    """A spreadsheet's name for a 0-based column index: A, B, ..., Z, AA, ..."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def read_text(path: Path) -> tuple[str, list[str]]:
    """The sheet's text, and a note when it was not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SheetError(f"{path}: no such file") from None
    except OSError as exc:
        raise SheetError(f"{path}: cannot read the sheet: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise SheetError(f"{path}: the sheet is neither UTF-8 nor Windows-1252 text "
                         f"(byte {exc.start})") from exc
    return text, [f"{path.name} is not UTF-8: read it as Windows-1252 (save it as UTF-8 to be sure)"]


def delimiter(path: Path, text: str) -> str:
    """Tab for .tsv; else whichever of comma, tab and semicolon the header row uses most."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _unneutralise(cell: str) -> str:
    """Undo `study export`'s guard against formulas: a ``'`` before ``= + - @``."""
    if cell.startswith("'") and cell[1:2] and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def read_rows(path: Path) -> tuple[list[str], list[_Row], list[Problem], list[str]]:
    """The sheet's columns and rows, the problems with its layout, and notes."""
    text, notes = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(path, text))
    problems: list[Problem] = []
    rows: list[_Row] = []
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise SheetError(f"{path}:1: the sheet is empty; it needs a header row with "
                             f"{', '.join(REQUIRED)}")
        columns = [h.strip().lower() for h in header]
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise SheetError(f"{path}:1: missing column{'s' if len(missing) > 1 else ''} "
                             f"{', '.join(missing)} (the header has: {', '.join(header)})")
        for index, name in enumerate(columns):
            if name and columns.index(name) != index:
                raise SheetError(f"{path}:1: column {column_letter(index)} repeats the column "
                                 f"{name!r} (first in column {column_letter(columns.index(name))})")
        ignored = [h for h, c in zip(header, columns, strict=True)
                   if c and c not in (*REQUIRED, *OPTIONAL, *EXPORT_ONLY)]
        if ignored:
            notes.append(f"ignored column{'s' if len(ignored) > 1 else ''}: {', '.join(ignored)}")
        start = reader.line_num + 1
        for record in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            extra = [i for i in range(len(columns), len(record)) if record[i].strip()]
            if extra:
                problems.append(Problem(str(path), line, f"column {column_letter(extra[0])}: the "
                                        f"row has {len(record)} cells but the header names "
                                        f"{len(columns)} columns"))
            cells = {name: _unneutralise(record[i].strip()) if i < len(record) else ""
                     for i, name in enumerate(columns) if name}
            rows.append(_Row(line, cells))
    except csv.Error as exc:
        raise SheetError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from exc
    if not rows:
        raise SheetError(f"{path}: the sheet has a header but no rows")
    return columns, rows, problems, notes


def corpus_passages(pack_dir: Path) -> dict[str, Passage]:
    """The passages of the pack at ``pack_dir``, read as the pack loader reads them."""
    # The loader reads the corpus inside load_pack, which also needs facts; a sheet may be the
    # pack's first question file, so read the corpus files the way load_pack does.
    from study.pack import loader

    collector = loader._Collector(pack_dir)
    sources: dict[str, Any] = {}
    passages: dict[str, Passage] = {}
    for md in sorted((pack_dir / "corpus").glob("*.md")):
        loader._read_corpus_file(md, collector, sources, passages)
    if collector.problems:
        raise PackError(collector.problems, pack_dir)
    return passages


def _existing_ids(questions: Path, skip: Path) -> set[str]:
    ids: set[str] = set()
    for path in sorted(questions.glob("*.yaml")) + sorted(questions.glob("*.yml")):
        if path == skip:
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # the scratch load reports the file's problem with its line
        if isinstance(data, list):
            ids.update(str(item["id"]) for item in data if isinstance(item, dict) and "id" in item)
    return ids


def make_id(prompt: str, taken: set[str], fallback: str) -> str:
    """A slug id from the first words of ``prompt``, unique among ``taken``."""
    words = slugify(prompt).split("-")[:6]
    base = "-".join(w for w in words if w)[:48].strip("-") or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _check_row(row: _Row, where: str, at: dict[str, str], passages: dict[str, Passage],
               taken: dict[str, int], existing: set[str], fallback: str) -> list[Problem]:
    """Build ``row.fact`` from the cells; return the row's problems."""
    problems: list[Problem] = []
    cells = row.cells

    def bad(column: str, message: str) -> None:
        problems.append(Problem(where, row.line, f"column {at[column]}: {message}", column))

    for column in ("prompt", "answer", "kind", "cite", "topic"):
        if not cells.get(column):
            bad(column, f"the {column} is empty")
    kind = cells.get("kind", "").lower()
    if kind and kind not in KINDS:
        near = difflib.get_close_matches(kind, KINDS, n=1)
        bad("kind", f"unknown kind {cells['kind']!r}" + (f" (did you mean {near[0]!r}?)" if near
                                                         else f"; kinds are: {', '.join(KINDS)}"))
    text = cells.get("answer", "")
    answer: str | list[str] = text
    if kind == Kind.TRUEFALSE and text:
        if text.lower() not in ("true", "false"):
            bad("answer", f"a truefalse answer is true or false, not {text!r}")
        answer = text.lower()
    if kind == Kind.LIST and text:
        answer = _split(text)
        if len(answer) < 2:
            bad("answer", "a list answer needs at least two items, separated by ';'")
    cite = cells.get("cite", "")
    if cite and cite not in passages:
        near = difflib.get_close_matches(cite, list(passages), n=1)
        bad("cite", f"{cite!r} is not a passage of the pack" + (f" (did you mean {near[0]!r}?)"
                                                                  if near else ""))
    topic = cells.get("topic", "")
    if topic and not slugify(topic):
        bad("topic", f"{topic!r} has no letters or digits to name a topic with")
    fact_id = cells.get("id", "")
    if fact_id:
        if not _SLUG.match(fact_id):
            bad("id", f"{fact_id!r} is not an id: use lowercase letters, digits and '-'")
        elif fact_id in existing:
            bad("id", f"the pack already has a fact {fact_id!r}")
        elif fact_id in taken:
            bad("id", f"{fact_id!r} is already the id of the row on line {taken[fact_id]}")
    elif cells.get("prompt"):
        fact_id = make_id(cells["prompt"], {*existing, *taken}, fallback)
    if fact_id:
        taken.setdefault(fact_id, row.line)
    if not problems:
        fact: dict[str, Any] = {"id": fact_id, "prompt": cells["prompt"], "answer": answer}
        if _split(cells.get("accept", "")):
            fact["accept"] = _split(cells["accept"])
        fact.update(kind=kind, cite=cite, topic=slugify(topic))
        if cells.get("explain"):
            fact["explain"] = cells["explain"]
        if _split(cells.get("distractors", "")):
            fact["distractors"] = _split(cells["distractors"])
        row.fact = fact
    return problems


class _Quoted(str):
    """A string written in double quotes, so YAML never reads it as anything but text."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')
)


def _quoted(value: Any) -> Any:
    if isinstance(value, str):
        return _Quoted(value)
    if isinstance(value, list):
        return [_quoted(v) for v in value]
    return value


def fact_yaml(fact: dict[str, Any]) -> str:
    """One fact as a YAML list item, every value quoted."""
    # Even ids and kinds are quoted: an id like "2008" or "no" would otherwise be read as a
    # number or a boolean.
    data = [{key: _quoted(value) for key, value in fact.items()}]
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10**6,
                     default_flow_style=None)


def _scratch_problems(pack_dir: Path, target: Path, text: str) -> list[Problem]:
    """Load the pack with the new file in a scratch copy; return what the loader refuses."""
    with tempfile.TemporaryDirectory(prefix="study-import-") as scratch:
        root = Path(scratch)
        shutil.copytree(pack_dir / "corpus", root / "corpus")
        (root / "questions").mkdir()
        if (pack_dir / "questions").is_dir():
            for path in (pack_dir / "questions").iterdir():
                if path.is_file() and path.suffix in (".yaml", ".yml") and path != target:
                    shutil.copy2(path, root / "questions" / path.name)
        (root / "questions" / target.name).write_text(text, encoding="utf-8")
        try:
            load_pack(root)
        except PackError as exc:
            return exc.problems
    return []


def _lines(texts: list[str], first: int) -> Iterator[tuple[int, int]]:
    line = first
    for text in texts:
        count = text.count("\n")
        yield line, line + count - 1
        line += count


def import_sheet(sheet: Path, pack_dir: Path, force: bool = False) -> Imported:
    """Write the sheet's rows as ``pack_dir/questions/<sheet name>.yaml``; raise
    `SheetRowsError` listing every bad row (and write nothing) when any row is bad."""
    if not (pack_dir / "corpus").is_dir():
        raise UsageError(f"--into {pack_dir}: not a content pack (it has no corpus/ folder)")
    target = pack_dir / "questions" / f"{sheet.stem}.yaml"
    if target.exists() and not force:
        raise UsageError(f"{target} already exists: give --force to replace it")
    columns, rows, problems, notes = read_rows(sheet)
    where = str(sheet)
    at = {name: column_letter(i) for i, name in enumerate(columns) if name}
    at.update({name: "-" for name in (*REQUIRED, *OPTIONAL) if name not in at})
    passages = corpus_passages(pack_dir)
    existing = _existing_ids(pack_dir / "questions", target)
    taken: dict[str, int] = {}
    # Ids given in the sheet are taken first, so that a made-up id never steals one.
    for row in rows:
        if _SLUG.match(row.cells.get("id", "")) and row.cells["id"] not in existing:
            taken.setdefault(row.cells["id"], row.line)
    given = dict(taken)
    generated = 0
    fallback = slugify(sheet.stem) or "fact"
    for row in rows:
        own = row.cells.get("id", "")
        if own and given.get(own) == row.line:
            del taken[own]  # its own claim; a second row with the same id is reported
        problems += _check_row(row, where, at, passages, taken, existing, f"{fallback}-{row.line}")
        generated += not own and bool(row.fact)
    for topic in sorted({r.cells["topic"] for r in rows if r.fact and slugify(r.cells["topic"])
                         != r.cells["topic"]}):
        notes.append(f"topic {topic!r} is written {slugify(topic)!r}")
    good = [row for row in rows if row.fact]
    header = f"# Imported by `study import` from {sheet.name}: {len(good)} facts.\n"
    texts = [fact_yaml(row.fact) for row in good]
    text = header + "".join(texts)
    spans = list(_lines(texts, first=header.count("\n") + 1))
    rel = f"questions/{target.name}"
    for problem in _scratch_problems(pack_dir, target, text) if good else []:
        if problem.path != rel:
            problems.append(Problem(problem.path, problem.line,
                                    f"in the pack: {problem.message}", problem.field))
            continue
        line = next((r.line for r, (a, b) in zip(good, spans, strict=True)
                     if a <= problem.line <= b), 0)
        column = problem.field.split(".")[0]
        label = f"column {at[column]}: " if column in at and at[column] != "-" else ""
        problems.append(Problem(where, line, label + problem.message, column))
    if problems:
        raise SheetRowsError(sheet, problems)
    target.parent.mkdir(exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
    return Imported(target, len(good), generated, notes)
