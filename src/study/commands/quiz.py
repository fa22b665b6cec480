"""`study quiz`: take a quiz in the TUI or in plain mode."""

from __future__ import annotations

import argparse
import sys

from study.commands import add_content_flag, load


def add_quiz_flags(parser: argparse.ArgumentParser) -> None:
    """The quiz's flags; the top-level parser takes them too, so `study --seed 7` works."""
    add_content_flag(parser)
    parser.add_argument("--plain", action="store_true", help="plain prompts on stdin/stdout")
    parser.add_argument("--count", type=int, metavar="N", help="ask N questions (default: 10)")
    parser.add_argument("--seed", type=int, metavar="S", help="shuffle seed, to replay a quiz")
    parser.add_argument("--topic", metavar="T", help="only facts of topic T (see 'study topics')")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "quiz", help="take a quiz (the default command)",
        description="Take a quiz on the pack: short answer, multiple choice, true/false and "
        "fill-in-the-blank questions, each answer checked and its source passage shown.",
    )
    add_quiz_flags(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.paths import database_path
    from study.quiz import Session
    from study.store import Store

    pack = load(args)
    count = 10 if args.count is None else args.count
    session = Session.build(pack, count=count, topic=args.topic, seed=args.seed)
    store = Store(database_path())
    session_id = store.start_session(
        pack.root, session.seed, args.topic, session.total, "plain" if args.plain else "tui"
    )
    session.on_attempt = lambda attempt, position: store.record(session_id, position, attempt)
    try:
        if args.plain:
            from study.plain import run_plain

            return run_plain(
                session, sys.stdin, sys.stdout, lambda: store.finish_session(session_id)
            )
        from study.tui.app import make_app

        app = make_app(session=session, on_finish=lambda: store.finish_session(session_id))
        app.run()
        return 0
    finally:
        store.close()
