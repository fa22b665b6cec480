"""`study check`: validate a content pack and summarise it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from study.commands import add_content_flag, load


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "check", help="validate a content pack and summarise it",
        description="Validate a content pack: every problem is reported with its file and line.",
    )
    add_content_flag(parser)
    parser.add_argument("--min-topic-facts", type=int, default=5, metavar="N",
                        help="report topics with fewer than N facts (default: 5)")
    parser.add_argument("--sources", type=Path, metavar="DIR",
                        help="warn about passages, prompts and explains that share a run of 12 "
                        "or more words with their source file in DIR")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.errors import PackError
    from study.pack.audit import audit

    pack = load(args)
    from study.classroom.drill import drill_problems

    problems = audit(pack, args.min_topic_facts) + drill_problems(pack)
    if problems:
        raise PackError(problems, Path(pack.root))
    warnings = []
    if args.sources:
        from study.formats.sources import shared_words

        warnings = shared_words(pack, args.sources)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    count = f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    if warnings and args.strict:
        print(f"study: error: {count}, and --strict treats warnings as errors", file=sys.stderr)
        return 1
    print(f"ok: {pack.summary()}" + (f" ({count})" if warnings else ""))
    return 0
