"""`study export`: the pack's facts for Moodle (GIFT, Moodle XML), Anki or a spreadsheet (CSV)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from study.commands import add_content_flag, load

FORMATS = ("gift", "moodle-xml", "anki", "csv")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "export", help="export the facts for Moodle (GIFT, XML), Anki or a spreadsheet",
        description="Export the pack's facts: a Moodle GIFT file or Moodle XML question bank "
        "(short answer, numerical, multiple choice, true/false; the explain and the citation as "
        "feedback), an Anki package (one note per fact, the cited passage on the back; "
        "re-importing updates the notes) or CSV (one row per fact).",
    )
    parser.add_argument("--format", choices=FORMATS, required=True, help="what to write")
    parser.add_argument("--topic", metavar="T", help="only the facts of topic T")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="where to write (default: standard output; anki needs a file)")
    add_content_flag(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.errors import StudyError, UsageError

    if args.format == "anki" and args.output is None:
        raise UsageError("an Anki package is a binary file: give -o FILE.apkg")
    pack = load(args)
    if args.format == "anki":
        from study.formats import anki

        count = anki.export(pack, args.output, args.topic)
        print(f"wrote {args.output}: {count} notes", file=sys.stderr)
        return 0
    if args.format == "gift":
        from study.formats import gift as module
    elif args.format == "moodle-xml":
        from study.formats import moodle_xml as module  # type: ignore[no-redef]
    else:
        from study.formats import table as module  # type: ignore[no-redef]
    text = module.export(pack, args.topic)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    # A BOM tells Excel the CSV is UTF-8; the other formats are read by tools that want none.
    encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
    try:
        with args.output.open("w", encoding=encoding, newline="") as out:
            out.write(text)
    except OSError as exc:
        raise StudyError(f"{args.output}: cannot write: {exc.strerror or exc}") from exc
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
