"""`study score`: grade a class's answer sheet with the quiz's checker."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from study.commands import add_content_flag, load

if TYPE_CHECKING:
    from study.classroom.sheet import SheetRow
    from study.pack.models import Pack


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "score", help="grade an answer sheet (CSV with student, question, response columns)",
        description="Grade an answer sheet with the quiz's checker: every row's outcome, score "
        "and reason, as each row is read, then each student's total and each question's "
        "facility. Answers teachers accepted on this store (study overrides --accept) are "
        "right here as in a quiz. Rows that cannot be scored are written too, marked 'not "
        "scored', and listed on stderr; the exit status is then 1. Students' text is escaped for the "
        "format: controls spelled out, HTML and | escaped in md, formulas neutralised in csv "
        "(a leading ').",
        epilog="The sheet is comma-, semicolon- or tab-separated, UTF-8 (with or without a "
        "BOM), UTF-16 (with its BOM) or Windows-1252; what was assumed, when not UTF-8 with "
        "commas, is said on stderr.",
    )
    parser.add_argument(
        "sheet", type=Path, metavar="SHEET.csv",
        help="the answer sheet: a header row naming student, question and response columns "
        "(other columns are ignored), then one row per answer; question is a fact id "
        "(see 'study facts')",
    )
    add_content_flag(parser)
    parser.add_argument("--format", choices=["csv", "json", "md", "html"], default="md",
                        help="output format (default: md); csv writes one table, of the rows; "
                        "html only with --report")
    parser.add_argument("--report", action="store_true",
                        help="write the teacher's report instead of the rows, as 'study report' "
                        "does: facility, discrimination, the most common wrong answers")
    parser.add_argument("--totals", type=Path, metavar="FILE",
                        help="also write each student's total to FILE, as a CSV table")
    parser.add_argument("--questions", type=Path, metavar="FILE",
                        help="also write each question's facility to FILE, as a CSV table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.classroom.sheet import (
        checker_judge,
        grade,
        open_sheet,
        write_questions_csv,
        write_report,
        write_students_csv,
    )
    from study.errors import StudyError
    from study.safety import visible

    if args.format == "html" and not args.report:
        from study.errors import UsageError

        raise UsageError("--format html is the report's: add --report")
    pack = load(args)
    sheet = open_sheet(args.sheet, pack.facts_by_id)
    if not sheet.format.usual:
        print(f"study: {args.sheet}: {sheet.format.describe()}", file=sys.stderr)
    rows = grade(pack, sheet, checker_judge(pack, _accepted(pack)))

    def report(row: SheetRow) -> None:
        if row.error:
            print(f"study: row not scored: {visible(f'{args.sheet}:{row.line}: {row.error}')}",
                  file=sys.stderr)
        elif row.duplicate_of:
            print(f"study: warning: {args.sheet}:{row.line}: {visible(row.student)} answered "
                  f"{row.question} already at line {row.duplicate_of}; that first answer counts",
                  file=sys.stderr)

    if args.report:
        return _report(args, pack, rows, report)
    with contextlib.ExitStack() as files:
        extra = []  # opened before any row is graded, so that a bad path fails at once
        for target, writer in ((args.totals, write_students_csv),
                               (args.questions, write_questions_csv)):
            if target is not None:
                try:
                    handle = files.enter_context(open(target, "w", encoding="utf-8", newline=""))
                except OSError as exc:
                    raise StudyError(f"{target}: cannot write: {exc.strerror}") from None
                extra.append((writer, handle))
        totals = write_report(rows, args.format, sys.stdout, str(args.sheet), on_row=report)
        for writer, handle in extra:
            writer(totals, handle)
    if not totals.complete:
        print(f"study: {totals.not_scored} of {totals.rows} rows not scored", file=sys.stderr)
        return 1
    return 0


def _report(args: argparse.Namespace, pack: Pack, rows: Iterable[SheetRow],
            said: Callable[[SheetRow], None]) -> int:
    """The teacher's report on the graded sheet; rows not scored are said and left out."""
    from study.classroom.report import build_report, render, sheet_rows

    graded = []
    for row in rows:
        said(row)
        graded.append(row)
    facts = pack.facts_by_id
    report = build_report(sheet_rows(graded), title=f"Answer sheet {args.sheet}",
                          topic_of=lambda fact: facts[fact].topic if fact in facts else "",
                          prompts={f.id: f.prompt for f in pack.facts})
    sys.stdout.write(render(report, args.format))
    not_scored = sum(1 for row in graded if row.error)
    if not_scored:
        print(f"study: {not_scored} of {len(graded)} rows not scored", file=sys.stderr)
        return 1
    return 0


def _accepted(pack: Pack) -> dict[str, frozenset[str]]:
    """The answers teachers accepted on this store (`study overrides --accept`), normalised by
    fact id: right on a sheet as in a quiz. No store yet: none (and none is created)."""
    from study.errors import StudyError
    from study.learning import pack_key
    from study.learning.companion import accepted_forms
    from study.paths import database_path
    from study.store import Store

    path = database_path()
    if not path.exists():
        return {}
    try:
        store = Store(path)
        try:
            return accepted_forms(store, pack_key(pack))
        finally:
            store.close()
    except StudyError as error:
        print(f"study: warning: the teachers' accepted answers are not used: {error}",
              file=sys.stderr)
        return {}
