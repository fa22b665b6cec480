"""`study quiz` and `study chat`: the conversation with the tutor, in the TUI or plain mode."""

from __future__ import annotations

import argparse
import os
import sys

from study.commands import add_content_flag, load
from study.errors import UsageError
from study.quiz.forms import FORM_CHOICES


def add_quiz_flags(parser: argparse.ArgumentParser) -> None:
    """The quiz's flags; the top-level parser takes them too, so `study --seed 7` works."""
    add_content_flag(parser)
    parser.add_argument("--plain", action="store_true",
                        help="plain prompts on stdin/stdout instead of the full-screen view")
    parser.add_argument("--count", type=int, metavar="N", help="ask N questions (default: 10)")
    parser.add_argument("--seed", type=int, metavar="S",
                        help="shuffle seed, to replay a quiz (each quiz shows its seed)")
    parser.add_argument("--topic", metavar="T",
                        help="only facts of topic T, in any spelling (see 'study topics')")
    parser.add_argument("--form", choices=FORM_CHOICES, default=None,
                        help="the question form: short, choice, truefalse, cloze or mix "
                        "(default: mix)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    quiz = sub.add_parser(
        "quiz", help="take a quiz now",
        description="Take a quiz on the pack: short answer, multiple choice, true/false and "
        "fill-in-the-blank questions, each answer checked and its source passage shown. "
        "In plain mode the command ends with the quiz's results.",
    )
    add_quiz_flags(quiz)
    quiz.set_defaults(run=run_quiz)
    chat = sub.add_parser(
        "chat", help="talk with the tutor (the default command)",
        description="Open the conversation with the tutor: ask about the articles, or say "
        "'quiz me'. The quiz flags start a quiz at once.",
    )
    add_quiz_flags(chat)
    chat.set_defaults(run=run_chat)


def run_quiz(args: argparse.Namespace) -> int:
    return _run(args, quiz_now=True)


def run_chat(args: argparse.Namespace) -> int:
    wants_quiz = any(getattr(args, name, None) is not None
                     for name in ("count", "seed", "topic", "form"))
    return _run(args, quiz_now=wants_quiz)


def _run(args: argparse.Namespace, *, quiz_now: bool) -> int:
    from study.chat.conversation import Conversation
    from study.chat.journal import StoreJournal
    from study.paths import database_path
    from study.store import Store

    if not args.plain:
        _require_terminal()
    pack = load(args, cached=True)
    store = Store(database_path())
    mode = "plain" if args.plain else "tui"
    conversation = Conversation(pack, journal=StoreJournal(store, mode),
                                pause_after_verdict=not args.plain)
    if args.count is not None and args.count < 1:
        raise UsageError(f"--count must be at least 1, not {args.count}")

    def start() -> list:  # type: ignore[type-arg]
        replies = conversation.opening() if not (quiz_now and args.plain) else []
        if quiz_now:
            replies += conversation.start_quiz(count=args.count, topic=args.topic,
                                               seed=args.seed, form=args.form)
        return replies

    if quiz_now and args.topic:
        from study.pack.topics import resolve_topic

        resolve_topic(pack, args.topic)  # a bad topic is a usage error before anything opens
    try:
        if args.plain:
            from study.plain import run_plain

            sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
            return run_plain(conversation, sys.stdin, sys.stdout, start=start,
                             exit_after_quiz=quiz_now)
        from study.tui.app import make_app

        app = make_app(conversation=conversation, start=start)
        app.run()
        print(conversation.goodbye())
        return app.return_code or 0
    finally:
        store.close()


def _require_terminal() -> None:
    """The full-screen view needs a terminal on both ends (a browser tab through `study
    serve` is one too)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "the full-screen view needs a terminal; run study in one, or add --plain for "
            "plain prompts on stdin and stdout"
        )
