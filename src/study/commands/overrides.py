"""`study overrides`: the answers learners marked "I was right", for a teacher to review."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "overrides", help="list answers learners overrode as right",
        description="List the answers learners marked 'I was right', newest first.",
    )
    parser.add_argument("--limit", type=int, default=50, metavar="N",
                        help="list at most N overridden answers, newest first (default: 50)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.paths import database_path
    from study.store import Store

    store = Store(database_path())
    try:
        rows = list(store.overrides())[: args.limit]
    finally:
        store.close()
    if not rows:
        print("No overridden answers.")
    for row in rows:
        print(f"{row.answered_at}  session {row.session_id}  {row.fact_id}: {row.response!r}"
              f"  ({row.reason})")
    return 0
