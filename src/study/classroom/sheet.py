"""Scoring a class's answer sheet (CSV: student, question, response) with the quiz's checker."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from study.checking import check
from study.errors import Problem, SheetError
from study.pack.models import Pack

REQUIRED = ("student", "question", "response")


@dataclass(frozen=True)
class SheetRow:
    """One graded row; ``error`` is set (and ``outcome`` is "error") when it could not be scored."""

    line: int
    student: str
    question: str
    response: str
    outcome: str
    score: float
    reason: str
    error: str = ""


@dataclass
class SheetReport:
    path: str
    rows: list[SheetRow] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [Problem(self.path, r.line, r.error) for r in self.rows if r.error]

    @property
    def complete(self) -> bool:
        """True when every row was scored."""
        return not any(r.error for r in self.rows)

    def students(self) -> list[tuple[str, float, int]]:
        """(student, total score, rows) in first-seen order."""
        totals: dict[str, list[float]] = {}
        for r in self.rows:
            if not r.error:
                t = totals.setdefault(r.student, [0.0, 0])
                t[0] += r.score
                t[1] += 1
        return [(s, t[0], int(t[1])) for s, t in totals.items()]

    def facility(self) -> list[tuple[str, float, int]]:
        """(question, share correct, rows) in first-seen order."""
        counts: dict[str, list[int]] = {}
        for r in self.rows:
            if not r.error:
                c = counts.setdefault(r.question, [0, 0])
                c[0] += r.outcome == "correct"
                c[1] += 1
        return [(q, c[0] / c[1], c[1]) for q, c in counts.items()]


def score_sheet(pack: Pack, path: Path) -> SheetReport:
    """Grade every row of the sheet at ``path``; rows that cannot be graded are kept as errors."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SheetError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SheetError(f"{path}: cannot read the sheet as UTF-8 text: {exc}") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    report = SheetReport(str(path))
    try:
        header = next(reader, None)
        if header is None:
            raise SheetError(f"{path}:1: the sheet is empty; it needs a header row "
                             f"with {', '.join(REQUIRED)}")
        columns = [h.strip().lower() for h in header]
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise SheetError(
                f"{path}:1: missing column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)} (the header has: {', '.join(header) or 'nothing'})"
            )
        at = {c: columns.index(c) for c in REQUIRED}
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            report.rows.append(_grade(pack, record, at, line))
    except csv.Error as exc:
        raise SheetError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from exc
    return report


def _grade(pack: Pack, record: list[str], at: dict[str, int], line: int) -> SheetRow:
    def cell(name: str) -> str:
        index = at[name]
        return record[index] if index < len(record) else ""

    student, question, response = cell("student").strip(), cell("question").strip(), cell("response")
    if max(at.values()) >= len(record):
        return SheetRow(line, student, question, response, "error", 0.0, "",
                        f"row has {len(record)} fields; the header needs at least "
                        f"{max(at.values()) + 1}")
    if not student:
        return SheetRow(line, student, question, response, "error", 0.0, "", "no student named")
    fact = pack.facts_by_id.get(question)
    if fact is None:
        return SheetRow(line, student, question, response, "error", 0.0, "",
                        f"unknown question id {question!r}")
    if not response.strip():
        return SheetRow(line, student, question, response, "incorrect", 0.0, "blank response")
    verdict = check(fact, response, pack)
    score = 0.5 if verdict.outcome == "close" else verdict.score
    return SheetRow(line, student, question, response, str(verdict.outcome), score, verdict.reason)


def render(report: SheetReport, fmt: str) -> str:
    """The report as csv, json or md."""
    if fmt == "json":
        return json.dumps(
            {
                "sheet": report.path,
                "complete": report.complete,
                "rows": [asdict(r) for r in report.rows],
                "students": [{"student": s, "score": t, "rows": n} for s, t, n in report.students()],
                "questions": [
                    {"question": q, "facility": round(f, 4), "rows": n}
                    for q, f, n in report.facility()
                ],
            },
            indent=2,
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["line", "student", "question", "response", "outcome", "score", "reason",
                         "error"])
        for r in report.rows:
            writer.writerow([r.line, r.student, r.question, r.response, r.outcome, f"{r.score:g}",
                             r.reason, r.error])
        writer.writerow([])
        writer.writerow(["student", "total", "rows"])
        for s, t, n in report.students():
            writer.writerow([s, f"{t:g}", n])
        writer.writerow([])
        writer.writerow(["question", "facility", "rows"])
        for q, f, n in report.facility():
            writer.writerow([q, f"{f:.2f}", n])
        return out.getvalue()
    lines = ["| line | student | question | response | outcome | score | reason |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in report.rows:
        lines.append(f"| {r.line} | {_md(r.student)} | {_md(r.question)} | {_md(r.response)} | "
                     f"{r.outcome} | {r.score:g} | {_md(r.error or r.reason)} |")
    lines += ["", "| student | total | rows |", "| --- | --- | --- |"]
    lines += [f"| {_md(s)} | {t:g} | {n} |" for s, t, n in report.students()]
    lines += ["", "| question | facility | rows |", "| --- | --- | --- |"]
    lines += [f"| {_md(q)} | {100 * f:.0f}% | {n} |" for q, f, n in report.facility()]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
