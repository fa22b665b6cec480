"""Scoring a class's answer sheet (student, question, response) with the quiz's checker, streamed.

Rows are read, graded and written one at a time: memory holds one record, the per-student and
per-question totals, and which questions each student has answered (to report duplicates).
No row is ever dropped: a row that cannot be graded is written as "not scored", with its line.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import stat
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, TextIO

from study.errors import Problem, SheetError
from study.pack.models import Fact, Pack
from study.rounding import format_percent, format_score, round_score
from study.safety import csv_cell, md_cell, strip_controls, visible

REQUIRED = ("student", "question", "response")
#: A record (a row, with its quoted line breaks) longer than this is a quote left open.
MAX_RECORD_LINES = 5
#: The longest answer in the bundled pack is ~300 characters; a response over this is a quote
#: left open, or not an answer at all.
MAX_RESPONSE_CHARS = 2_000
#: A physical line longer than this is cut (and its row not scored), so memory stays flat.
MAX_LINE_CHARS = 10_000
NOT_SCORED = "not scored"
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetFormat:
    """How a sheet's bytes were read: its encoding and its delimiter."""

    encoding: str  # "UTF-8", "UTF-16" (with its byte order mark) or "Windows-1252"
    delimiter: str
    bom: bool = False

    @property
    def usual(self) -> bool:
        """UTF-8 and commas: what is assumed without saying so."""
        return self.encoding == "UTF-8" and self.delimiter == ","

    def describe(self) -> str:
        return f"read as {self.encoding}, {_DELIMITERS[self.delimiter]}-separated"


@dataclass(frozen=True)
class Record:
    """One record of the sheet: the line it starts on, its cells, or why it cannot be read."""

    line: int
    cells: list[str]
    error: str = ""


class _Runaway(Exception):
    """The record being read has run past what any row needs."""

    def __init__(self, why: str) -> None:
        self.why = why


class _Lines:
    """Physical lines for `csv.reader`, counted per record, so that a quote left open is caught
    after a few lines instead of swallowing the rest of the sheet."""

    def __init__(self, handle: TextIO, line: int) -> None:
        self.handle = handle
        self.line = line  # the number of the last line handed out
        self.taken: list[tuple[str, bool]] = []  # this record's lines, and whether each was cut
        self.pending: list[tuple[str, bool]] = []  # lines to hand out again, last first

    def start(self) -> None:
        self.taken = []

    @property
    def cut(self) -> bool:
        return any(cut for _, cut in self.taken)

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pending:
            text, cut = self.pending.pop()
        else:
            text, cut = self._read()
            if not text:
                if self.taken:
                    raise _Runaway("eof")
                raise StopIteration
        self.line += 1
        self.taken.append((text, cut))
        if len(self.taken) > MAX_RECORD_LINES:
            raise _Runaway("lines")
        return text

    def _read(self) -> tuple[str, bool]:
        text = self.handle.readline(MAX_LINE_CHARS)
        if len(text) < MAX_LINE_CHARS or text[-1] in "\r\n":
            return text, False
        rest = text
        while rest and rest[-1] not in "\r\n":  # skip the rest of the line, a chunk at a time
            rest = self.handle.readline(MAX_LINE_CHARS)
        return text + "\n", True

    def rewind(self) -> int:
        """Hand out this record's lines again from its second line; return its first line."""
        first = self.line - len(self.taken) + 1
        self.pending.extend(reversed(self.taken[1:]))
        self.line = first
        return first


@dataclass
class Sheet:
    """An open answer sheet: how it was read, its header, where the required columns are, and
    its records, read as they are iterated."""

    path: Path
    format: SheetFormat
    header: list[str]
    at: list[int]  # the positions of student, question and response
    records: Iterator[Record]


def open_sheet(path: Path, question_ids: Collection[str] = ()) -> Sheet:
    """Open the sheet at ``path`` and check its header; its records are read as they are used.

    The encoding is UTF-8 (with or without a BOM) when every byte of the file is valid UTF-8,
    else Windows-1252, as spreadsheets export it; the delimiter is sniffed from the header line.
    ``question_ids`` help find a quote left open: a quoted cell whose later lines read as rows
    of the sheet (a known question id in the question column) is not one cell but a quote
    missing.
    """
    encoding, bom = _encoding(path)
    codec = {"UTF-8": "utf-8-sig", "UTF-16": "utf-16"}.get(encoding, "cp1252")
    handle = path.open(encoding=codec, errors="replace", newline="")
    try:
        first = handle.readline(MAX_LINE_CHARS)
        if not first.strip():
            raise SheetError(f"{path}:1: the sheet is empty; it needs a header row "
                             f"with {', '.join(REQUIRED)}")
        delimiter = _delimiter(first)
        header = next(csv.reader([first], delimiter=delimiter), [])
        columns = [h.strip().lower() for h in header]
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            shown = ", ".join(_cut(h) for h in header[:10]) or "nothing"
            raise SheetError(
                f"{path}:1: missing column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)} (the header has: {visible(shown)})"
            )
    except BaseException:
        handle.close()
        raise
    at = [columns.index(c) for c in REQUIRED]
    ids = frozenset(question_ids)

    def looks_like_row(text: str) -> bool:
        cells = next(csv.reader([text], delimiter=delimiter), [])
        return len(cells) > max(at) and cells[at[1]].strip() in ids

    fmt = SheetFormat(encoding, delimiter, bom)
    return Sheet(path, fmt, header, at, _records(handle, delimiter, looks_like_row))


def _encoding(path: Path) -> tuple[str, bool]:
    """("UTF-8", "UTF-16" or "Windows-1252", whether the file starts with a BOM), reading the
    whole file once in chunks (a spreadsheet's é may first appear on the last row)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SheetError(f"{path}: no such file") from None
    except OSError as exc:
        raise SheetError(f"{path}: cannot read the sheet: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise SheetError(f"{path}: is a folder, not a sheet")
    if not stat.S_ISREG(info.st_mode):
        raise SheetError(f"{path}: not a regular file; give the sheet as a file")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as raw:
            head = raw.read(1 << 20)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                # Excel's "Unicode text": UTF-16, said by its byte order mark
                return "UTF-16", True
            bom = head.startswith(codecs.BOM_UTF8)
            chunk = head
            while chunk:
                decoder.decode(chunk)
                chunk = raw.read(1 << 20)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "Windows-1252", False
    except OSError as exc:
        raise SheetError(f"{path}: cannot read the sheet: {exc.strerror}") from None
    return "UTF-8", bom


def _delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the required columns: the sniffer's guess when
    it does, else whichever of comma, semicolon and tab does, else a comma."""
    def fits(delimiter: str) -> bool:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        return all(c in {cell.strip().lower() for cell in cells} for c in REQUIRED)

    try:
        guess = csv.Sniffer().sniff(header_line, delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        guess = ","
    if fits(guess):
        return guess
    return next((d for d in _DELIMITERS if fits(d)), ",")


def _records(handle: TextIO, delimiter: str, looks_like_row: Callable[[str], bool]
             ) -> Iterator[Record]:
    lines = _Lines(handle, line=1)
    try:
        while True:
            reader = csv.reader(lines, delimiter=delimiter)
            try:
                while True:
                    lines.start()
                    cells = next(reader)
                    if len(lines.taken) > 1 and any(looks_like_row(text) for text, _ in
                                                    lines.taken[1:]):
                        raise _Runaway("rows")
                    first = lines.line - len(lines.taken) + 1
                    if lines.cut:
                        yield Record(first, cells, f"a line of this row is over {MAX_LINE_CHARS:,} "
                                     "characters; not an answer sheet row")
                    elif any(cell.strip() for cell in cells):
                        # a line break inside a quoted cell is the file's, not the student's
                        yield Record(first, [c.replace("\r\n", "\n") if "\r" in c else c
                                             for c in cells])
            except StopIteration:
                return
            except (_Runaway, csv.Error) as exc:
                head = lines.taken[0][0] if lines.taken else ""
                first = lines.rewind()
                cells = next(csv.reader([head], delimiter=delimiter), [])
                yield Record(first, cells, _runaway_message(exc, first))
                # and read on from the next line, with a fresh reader
    finally:
        handle.close()


def _runaway_message(exc: Exception, line: int) -> str:
    if isinstance(exc, csv.Error):
        return f"malformed CSV: {exc}"
    assert isinstance(exc, _Runaway)
    if exc.why == "eof":
        return "a quote opened on this line is never closed (the row runs to the end of the sheet)"
    if exc.why == "rows":
        return (f"a quote opened on this line runs on into the rows after it: is a closing quote "
                f"missing? (reading goes on at line {line + 1})")
    return (f"a quote opened on this line is not closed within {MAX_RECORD_LINES} lines: "
            f"is a closing quote missing? (reading goes on at line {line + 1})")


# -- grading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    """One row of the sheet, graded; ``error`` says why a row is not scored, ``duplicate_of``
    names the line of the same student's earlier answer to the same question (which counts)."""

    line: int
    student: str
    question: str
    response: str
    outcome: str  # correct, close, incorrect, or "not scored"
    score: float
    reason: str
    error: str = ""
    duplicate_of: int = 0

    @property
    def counted(self) -> bool:
        """Whether the row counts in the totals: scored, and not a repeat."""
        return not self.error and not self.duplicate_of

    @property
    def note(self) -> str:
        """The error, the duplicate, or the checker's reason: what a teacher reads."""
        if self.error:
            return self.error
        if self.duplicate_of:
            return f"{self.reason}; a duplicate of line {self.duplicate_of}, which counts"
        return self.reason


Judge = Callable[[Fact, str], tuple[str, float, str]]


#: Verdicts remembered per sheet. A class gives the same answers again and again (20,000
#: distinct of 100,000 rows in `bench score`), and the checker is deterministic, so a repeat
#: costs a dictionary look-up instead of a check (100,000 rows: 10.5 s of checking -> 3.6 s).
VERDICT_CACHE = 65_536


def checker_judge(pack: Pack, accepted: Mapping[str, Collection[str]] | None = None) -> Judge:
    """The quiz's checker as a judge: (outcome, score, reason), remembered per (fact, response)
    with a bound, oldest forgotten first. The response is cleaned as a learner's typed answer
    is (control characters and escape sequences removed), and ``accepted`` (fact id -> the
    normalised responses teachers accepted on this store, `study overrides --accept`) are
    right, as they are in a quiz."""
    from study.checking import check
    from study.checking.normalize import normalize

    seen: dict[tuple[str, str], tuple[str, float, str]] = {}

    def judge(fact: Fact, response: str) -> tuple[str, float, str]:
        key = (fact.id, response)
        known = seen.get(key)
        if known is not None:
            return known
        response = strip_controls(response)
        if accepted and normalize(response) in accepted.get(fact.id, ()):
            result = ("correct", 1.0, "accepted by your teacher")
        else:
            verdict = check(fact, response, pack)
            score = 0.5 if verdict.outcome == "close" else verdict.score
            result = (str(verdict.outcome), score, verdict.reason)
        if len(seen) >= VERDICT_CACHE:
            del seen[next(iter(seen))]
        seen[key] = result
        return result

    return judge


def grade(pack: Pack, sheet: Sheet, judge: Judge | None = None) -> Iterator[SheetRow]:
    """Grade each record of ``sheet`` as it is read; every record gives exactly one row."""
    return _graded(pack, sheet.at, sheet.records, judge or checker_judge(pack))


def _graded(pack: Pack, at: list[int], records: Iterable[Record], judge: Judge
            ) -> Iterator[SheetRow]:
    width = max(at) + 1
    index = {fact.id: number for number, fact in enumerate(pack.facts)}
    answered: dict[str, dict[int, int]] = {}  # student -> {fact number: first line}
    for record in records:
        cells = record.cells
        student, question, response = (cells[i] if i < len(cells) else "" for i in at)
        student, question = student.strip(), question.strip()
        error = _row_error(record, width, student, question, response, index)
        if error:
            yield SheetRow(record.line, _cut(student, 200), _cut(question, 200),
                           _cut(response, 200), NOT_SCORED, 0.0, "", error)
            continue
        number = index[question]
        seen = answered.setdefault(student, {})
        first = seen.setdefault(number, record.line)
        duplicate = first if first != record.line else 0
        if not response.strip():
            outcome, score, reason = "incorrect", 0.0, "blank response"
        else:
            outcome, score, reason = judge(pack.facts[number], response)
        yield SheetRow(record.line, student, question, response, outcome, score, reason,
                       duplicate_of=duplicate)


def _row_error(record: Record, width: int, student: str, question: str, response: str,
               index: dict[str, int]) -> str:
    """Why the row cannot be scored, or ""."""
    if record.error:
        return record.error
    if len(record.cells) < width:
        count = len(record.cells)
        return f"row has {count} field{'s' if count != 1 else ''}; the header needs at least {width}"
    if not student:
        return "no student named"
    if question not in index:
        near = _near_ids(question, tuple(index))
        hint = f" (did you mean {', '.join(near)}? `study facts` lists them)" if near else ""
        return f"unknown question id {_cut(question)!r}{hint}"
    if len(response) > MAX_RESPONSE_CHARS:
        return (f"the response is {len(response):,} characters long, far longer than any answer: "
                "is a closing quote missing?")
    return ""


@lru_cache(maxsize=1024)
def _near_ids(question: str, ids: tuple[str, ...]) -> tuple[str, ...]:
    """Up to three fact ids a teacher may have meant: spelt nearly so, or holding the typed id
    as a part ("melson" -> "ff-melson"). Once per distinct id of a sheet."""
    import difflib

    typed = question.strip().lower()
    if not typed or len(typed) > 60:
        return ()
    parts = [i for i in ids if typed in i.split("-") or typed == i.lower()]
    close = difflib.get_close_matches(typed, ids, n=3, cutoff=0.75)
    return tuple(dict.fromkeys([*parts, *close]))[:3]


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- totals -----------------------------------------------------------------------------------


@dataclass
class StudentTotal:
    student: str
    score: float = 0.0
    scored: int = 0
    not_scored: int = 0
    duplicates: int = 0


@dataclass
class QuestionTotal:
    question: str
    correct: int = 0
    scored: int = 0
    not_scored: int = 0

    @property
    def facility(self) -> float | None:
        """The share of scored answers that were right; None when none was scored."""
        return self.correct / self.scored if self.scored else None


@dataclass
class Totals:
    """Running totals, O(students + questions): every student and question seen, in order."""

    students: dict[str, StudentTotal] = field(default_factory=dict)
    questions: dict[str, QuestionTotal] = field(default_factory=dict)
    rows: int = 0
    not_scored: int = 0
    duplicates: int = 0

    def add(self, row: SheetRow) -> None:
        self.rows += 1
        student = self.students.get(row.student)
        if student is None:
            student = self.students[row.student] = StudentTotal(row.student)
        question = self.questions.get(row.question)
        if question is None:
            question = self.questions[row.question] = QuestionTotal(row.question)
        if row.error:
            self.not_scored += 1
            student.not_scored += 1
            question.not_scored += 1
        elif row.duplicate_of:
            self.duplicates += 1
            student.duplicates += 1
        else:
            student.score += row.score
            student.scored += 1
            question.scored += 1
            question.correct += row.outcome == "correct"

    @property
    def complete(self) -> bool:
        """True when every row was scored."""
        return self.not_scored == 0


@dataclass
class SheetReport:
    """A whole graded sheet in memory: for tests and small sheets (the command streams)."""

    path: str
    rows: list[SheetRow]
    totals: Totals
    format: SheetFormat

    @property
    def complete(self) -> bool:
        return self.totals.complete

    @property
    def problems(self) -> list[Problem]:
        return [Problem(self.path, r.line, r.error) for r in self.rows if r.error]


def score_sheet(pack: Pack, path: Path) -> SheetReport:
    """Grade every row of the sheet at ``path`` into a report held in memory."""
    sheet = open_sheet(path, pack.facts_by_id)
    totals = Totals()
    rows = []
    for row in grade(pack, sheet):
        totals.add(row)
        rows.append(row)
    return SheetReport(str(path), rows, totals, sheet.format)


# -- writing ----------------------------------------------------------------------------------

ROW_COLUMNS = ("line", "student", "question", "response", "outcome", "score", "reason", "error",
               "duplicate_of")
STUDENT_COLUMNS = ("student", "score", "scored", "not_scored", "duplicates")
QUESTION_COLUMNS = ("question", "facility", "scored", "not_scored")


def write_report(rows: Iterable[SheetRow], fmt: str, out: IO[str], path: str = "",
                 on_row: Callable[[SheetRow], None] | None = None) -> Totals:
    """Write each row as it is graded, then the totals (md, json) ; return the totals."""
    totals = Totals()

    def counted(source: Iterable[SheetRow]) -> Iterator[SheetRow]:
        for row in source:
            totals.add(row)
            if on_row is not None:
                on_row(row)
            yield row

    {"md": _write_md, "csv": _write_csv, "json": _write_json}[fmt](counted(rows), totals, out,
                                                                    path)
    return totals


def _score_cell(row: SheetRow) -> str:
    return "" if row.error else format_score(row.score)


def _write_csv(rows: Iterable[SheetRow], totals: Totals, out: IO[str], path: str) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ROW_COLUMNS)
    for r in rows:
        writer.writerow([r.line, csv_cell(r.student), csv_cell(r.question), csv_cell(r.response),
                         r.outcome, _score_cell(r), csv_cell(r.reason), csv_cell(r.error),
                         r.duplicate_of or ""])


def write_students_csv(totals: Totals, out: IO[str]) -> None:
    """The per-student table: one CSV table, one row per student."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STUDENT_COLUMNS)
    for s in totals.students.values():
        writer.writerow([csv_cell(s.student), format_score(s.score), s.scored, s.not_scored,
                         s.duplicates])


def write_questions_csv(totals: Totals, out: IO[str]) -> None:
    """The per-question table: one CSV table, one row per question id seen."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(QUESTION_COLUMNS)
    for q in totals.questions.values():
        facility = q.facility
        writer.writerow([csv_cell(q.question), "" if facility is None else f"{facility:.2f}",
                         q.scored, q.not_scored])


def _write_md(rows: Iterable[SheetRow], totals: Totals, out: IO[str], path: str) -> None:
    out.write("| line | student | question | response | outcome | score | reason |\n"
              "| --- | --- | --- | --- | --- | --- | --- |\n")
    for r in rows:
        out.write(f"| {r.line} | {md_cell(r.student)} | {md_cell(r.question)} | "
                  f"{md_cell(r.response)} | {r.outcome} | {_score_cell(r)} | {md_cell(r.note)} |\n")
    out.write("\n| student | score | scored | not scored | duplicates |\n"
              "| --- | --- | --- | --- | --- |\n")
    for s in totals.students.values():
        out.write(f"| {md_cell(s.student)} | {format_score(s.score)} | {s.scored} | "
                  f"{s.not_scored} | {s.duplicates} |\n")
    out.write("\n| question | facility | scored | not scored |\n| --- | --- | --- | --- |\n")
    for q in totals.questions.values():
        facility = "–" if q.facility is None else format_percent(100 * q.facility)
        out.write(f"| {md_cell(q.question)} | {facility} | {q.scored} | {q.not_scored} |\n")


def _json(value: Any) -> str:
    # ensure_ascii (the default) escapes every character outside space..~: C0, DEL, C1 and
    # lone surrogates come out as \u escapes, and the output is plain ASCII.
    return json.dumps(value)


def _write_json(rows: Iterable[SheetRow], totals: Totals, out: IO[str], path: str) -> None:
    out.write('{\n  "sheet": ' + _json(path) + ',\n  "rows": [')
    separator = "\n"
    for r in rows:
        row = {
            "line": r.line, "student": r.student, "question": r.question, "response": r.response,
            "outcome": r.outcome, "score": None if r.error else round_score(r.score),
            "reason": r.reason, "error": r.error, "duplicate_of": r.duplicate_of or None,
            "counted": r.counted,
        }
        out.write(separator + "    " + _json(row))
        separator = ",\n"
    out.write("\n  ],\n  \"students\": [")
    separator = "\n"
    for s in totals.students.values():
        out.write(separator + "    " + _json({
            "student": s.student, "score": round_score(s.score), "scored": s.scored,
            "not_scored": s.not_scored, "duplicates": s.duplicates}))
        separator = ",\n"
    out.write("\n  ],\n  \"questions\": [")
    separator = "\n"
    for q in totals.questions.values():
        facility = q.facility
        out.write(separator + "    " + _json({
            "question": q.question, "facility": None if facility is None else round(facility, 4),
            "scored": q.scored, "not_scored": q.not_scored}))
        separator = ",\n"
    out.write(f"\n  ],\n  \"complete\": {_json(totals.complete)},\n"
              f"  \"not_scored\": {totals.not_scored},\n  \"duplicates\": {totals.duplicates}\n}}\n")
