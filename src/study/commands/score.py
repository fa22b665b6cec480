"""`study score`: grade a class's answer sheet with the quiz's checker."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from study.commands import add_content_flag, load


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "score", help="grade an answer sheet (CSV with student, question, response columns)",
        description="Grade an answer sheet: every row's outcome, score and reason, each "
        "student's total and each question's facility.",
    )
    parser.add_argument("sheet", type=Path, metavar="SHEET.csv")
    add_content_flag(parser)
    parser.add_argument("--format", choices=["csv", "json", "md"], default="md",
                        help="output format (default: md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.classroom.sheet import render, score_sheet

    pack = load(args)
    report = score_sheet(pack, args.sheet)
    sys.stdout.write(render(report, args.format))
    for problem in report.problems:
        print(f"study: row not scored: {problem}", file=sys.stderr)
    if not report.complete:
        print(f"study: {len(report.problems)} of {len(report.rows)} rows not scored",
              file=sys.stderr)
        return 1
    return 0
