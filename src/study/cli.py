"""The `study` command: subcommands that build the pieces and hand over to an interface."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from study import __version__
from study.errors import StudyError


def build_parser() -> argparse.ArgumentParser:
    from study.commands import MODULES
    from study.commands.quiz import add_quiz_flags

    parser = argparse.ArgumentParser(
        prog="study",
        description="A terminal study companion: quizzes on a pack of source articles, "
        "with fuzzy answer checking and the cited passage behind every answer.",
        epilog="With no command, study opens the conversation with the tutor (and takes the "
        "quiz's flags: 'study --seed 7' starts that quiz). "
        "Run 'study COMMAND --help' for details.",
    )
    parser.add_argument("--version", action="version", version=f"study {__version__}")
    add_quiz_flags(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in MODULES:
        importlib.import_module(f"study.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from study.commands import quiz

        args.run = quiz.run_chat
    try:
        result: int = args.run(args)
        sys.stdout.flush()  # here, not at exit, so that a closed pipe is caught below
        return result
    except StudyError as exc:
        print(f"study: error: {exc}", file=sys.stderr)
        return exc.exit_status
    except BrokenPipeError:
        # The reader went away (`study schema | head -1`): stop quietly, as cat does. Python
        # flushes stdout again at exit, so point it at /dev/null first.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("\nstudy: interrupted; your answers so far are saved.", file=sys.stderr)
        return 130
