"""`study import`: a teacher's spreadsheet (CSV or TSV) written as a question file of a pack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "import", help="turn a spreadsheet of questions (CSV/TSV) into a question file",
        description="Write a spreadsheet's rows as PACK_DIR/questions/<sheet name>.yaml. Columns: "
        "prompt, answer, kind, cite, topic (required), accept, distractors, explain, id "
        "(optional); lists are ';'-separated. Every bad row is reported with its line and "
        "column, and nothing is written while any row is bad.",
    )
    parser.add_argument("sheet", type=Path, metavar="SHEET.csv|.tsv",
                        help="the spreadsheet of questions (CSV or TSV, with a header row)")
    parser.add_argument("--into", type=lambda v: Path(v).expanduser(), required=True,
                        metavar="PACK_DIR", help="the content pack to add the question file to")
    parser.add_argument("--force", action="store_true",
                        help="replace the question file if it exists")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.formats.importer import import_sheet

    result = import_sheet(args.sheet, args.into, force=args.force)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    made = f" (ids made for {result.generated_ids})" if result.generated_ids else ""
    print(f"wrote {result.path}: {result.facts} facts{made}; "
          f"run 'study check --content {args.into}' to review them")
    return 0
