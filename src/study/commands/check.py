"""`study check`: validate a content pack and summarise it."""

from __future__ import annotations

import argparse
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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.audit import audit
    from study.errors import PackError

    pack = load(args)
    problems = audit(pack, args.min_topic_facts)
    if problems:
        raise PackError(problems, Path(pack.root))
    print(f"ok: {pack.summary()}")
    return 0
