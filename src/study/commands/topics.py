"""`study topics`: the topics of a pack and their fact counts."""

from __future__ import annotations

import argparse

from study.commands import add_content_flag, load


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "topics", help="list the topics of a pack with their fact counts",
        description="List the topics of a pack with their fact counts.",
    )
    add_content_flag(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    pack = load(args)
    for topic, count in sorted(pack.topics.items()):
        print(f"{topic:24} {count:4} facts")
    return 0
