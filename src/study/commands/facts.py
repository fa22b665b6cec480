"""`study facts`: the facts of a pack with their ids, for a teacher writing an answer sheet."""

from __future__ import annotations

import argparse
import sys

from study.commands import add_content_flag, load

COLUMNS = ("id", "topic", "kind", "prompt", "answer")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "facts", help="list the facts of a pack: id, topic, kind, prompt and answer",
        description="List the facts of a pack: each fact's id (the question column of an "
        "answer sheet for 'study score'), topic, kind, prompt and answer (its first "
        "written form).",
    )
    add_content_flag(parser)
    parser.add_argument("--topic", metavar="T",
                        help="only facts of topic T (see 'study topics'); any case, spaces or "
                        "hyphens")
    parser.add_argument("--format", choices=["md", "csv", "json"], default="md",
                        help="output format (default: md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import csv
    import json

    from study.errors import UsageError
    from study.safety import csv_cell, md_cell

    pack = load(args)
    facts = pack.facts
    if args.topic is not None:
        wanted = _topic_key(args.topic)
        facts = [f for f in facts if _topic_key(f.topic) == wanted]
        if not facts:
            topics = ", ".join(sorted(pack.topics))
            raise UsageError(f"no topic {args.topic!r} in the pack; its topics are: {topics}")
    rows = [(f.id, f.topic, str(f.kind), f.prompt, f.canonical_answer) for f in facts]
    out = sys.stdout
    if args.format == "json":
        out.write(json.dumps([dict(zip(COLUMNS, row, strict=True)) for row in rows], indent=2,
                             ensure_ascii=False) + "\n")
    elif args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    else:
        out.write("| " + " | ".join(COLUMNS) + " |\n" + "| --- " * len(COLUMNS) + "|\n")
        for row in rows:
            out.write("| " + " | ".join(md_cell(cell) for cell in row) + " |\n")
    return 0


def _topic_key(topic: str) -> str:
    return "-".join(topic.casefold().replace("_", " ").replace("-", " ").split())
