"""`study chat`, `study quiz`, `study practice`, `study review`: the conversation with the
tutor, in the TUI or in plain mode, for one learner whose history the store keeps."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from study.commands import add_content_flag, load
from study.errors import UsageError
from study.quiz.forms import FORM_CHOICES

if TYPE_CHECKING:
    from study.chat.conversation import Conversation
    from study.chat.messages import Reply
    from study.learning.progress import Progress
    from study.pack.models import Pack
    from study.store import Store

def add_session_flags(parser: argparse.ArgumentParser) -> None:
    """What every interactive command takes: the pack, plain mode, the learner."""
    add_content_flag(parser)
    parser.add_argument("--plain", action="store_true",
                        help="plain prompts on stdin/stdout instead of the full-screen view")
    parser.add_argument("--learner", metavar="NAME",
                        help="who is studying (default: your user name); progress is kept per "
                        "learner")


def add_quiz_flags(parser: argparse.ArgumentParser) -> None:
    """The quiz's flags; the top-level parser takes them too, so `study --seed 7` works."""
    add_session_flags(parser)
    parser.add_argument("--count", type=int, metavar="N", help="ask N questions (default: 10)")
    parser.add_argument("--seed", type=int, metavar="S",
                        help="shuffle seed, to replay a quiz (each quiz shows its seed)")
    parser.add_argument("--topic", metavar="T",
                        help="only facts of topic T, in any spelling (see 'study topics')")
    parser.add_argument("--form", choices=FORM_CHOICES, default=None,
                        help="the question form: short, choice, truefalse, cloze or mix "
                        "(default: mix)")
    resume = parser.add_mutually_exclusive_group()
    resume.add_argument("--resume", action="store_true",
                        help="go on with your unfinished quiz, if there is one")
    resume.add_argument("--new", action="store_true",
                        help="start a new quiz even if one is unfinished (it is set aside)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chat = sub.add_parser(
        "chat", help="talk with the tutor (the default command)",
        description="Open the conversation with the tutor: ask about the articles, or say "
        "'quiz me'. The quiz flags start a quiz at once.",
    )
    add_quiz_flags(chat)
    chat.set_defaults(run=run_chat)
    quiz = sub.add_parser(
        "quiz", help="take a quiz now",
        description="Take a quiz on the pack: short answer, multiple choice, true/false and "
        "fill-in-the-blank questions, each answer checked and its source passage shown. "
        "An unfinished quiz is offered first. In plain mode the command ends with the "
        "quiz's results.",
    )
    add_quiz_flags(quiz)
    quiz.set_defaults(run=run_quiz)
    practice = sub.add_parser(
        "practice", help="practise what spaced repetition says is due",
        description="Ask the cards that are due first, most overdue first, then new facts "
        "spread over the topics; it ends by saying how many are due tomorrow and this week.",
    )
    add_session_flags(practice)
    practice.add_argument("--count", type=int, metavar="N", default=10,
                          help="ask up to N questions (default: 10)")
    practice.set_defaults(run=run_practice)
    review = sub.add_parser(
        "review", help="re-ask what you got wrong last time",
        description="Re-ask the questions you got wrong in your last session, or in a span "
        "of time with --since.",
    )
    add_session_flags(review)
    review.add_argument("--since", metavar="SPAN", type=_span,
                        help="everything missed in this span instead: 7d, 12h, 2w")
    review.set_defaults(run=run_review)


def _span(text: str) -> timedelta:
    match = re.fullmatch(r"\s*(\d+)\s*([hdw])\s*", text.lower())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a span like 7d, 12h or 2w")
    amount, unit = int(match.group(1)), match.group(2)
    return {"h": timedelta(hours=amount), "d": timedelta(days=amount),
            "w": timedelta(weeks=amount)}[unit]


def run_quiz(args: argparse.Namespace) -> int:
    return _run(args, lambda chat: _quiz_start(chat, args), exits_after_quiz=True)


def run_chat(args: argparse.Namespace) -> int:
    wants_quiz = any(getattr(args, name, None) is not None
                     for name in ("count", "seed", "topic", "form")) or args.resume or args.new
    if wants_quiz:
        return _run(args, lambda chat: _quiz_start(chat, args), exits_after_quiz=False)
    return _run(args, lambda chat: chat.opening(), exits_after_quiz=False)


def run_practice(args: argparse.Namespace) -> int:
    if args.count < 1:
        raise UsageError(f"--count must be at least 1, not {args.count}")
    return _run(args, lambda chat: chat.opening() + chat.send(f"/practice {args.count}")
                if not args.plain else chat.send(f"/practice {args.count}"),
                exits_after_quiz=True)


def run_review(args: argparse.Namespace) -> int:
    def start(chat: Conversation) -> list[Reply]:
        from study.chat.messages import Say

        companion = chat.companion
        assert companion is not None
        facts = companion.review(args.since)
        if not facts:
            span = "in that span" if args.since else "in your last session"
            return [Say(f"Nothing to review: no mistakes {span}.", "info")]
        return chat.start_quiz(facts=facts, kind="review", shuffle=False, count=len(facts))

    return _run(args, start, exits_after_quiz=True)


def _quiz_start(chat: Conversation, args: argparse.Namespace) -> list[Reply]:
    """A quiz at once; an unfinished one is resumed (--resume), set aside (--new), or
    offered."""
    from study.chat.messages import Say

    if args.count is not None and args.count < 1:
        raise UsageError(f"--count must be at least 1, not {args.count}")
    companion = chat.companion
    unfinished = companion.resume() if companion is not None and not args.new else None
    opening = [] if args.plain else chat.opening()
    if unfinished is not None and args.resume:
        return [r for r in opening if not isinstance(r, Say) or "unfinished" not in r.text] + \
            chat.resume(*unfinished)
    if unfinished is not None:
        if args.plain:
            return chat.opening()  # the greeting asks: "resume" or "new"
        return opening
    if args.new and companion is not None:
        companion.discard_unfinished()
    opening = [r for r in opening if not isinstance(r, Say) or "unfinished" not in r.text]
    return opening + chat.start_quiz(count=args.count, topic=args.topic, seed=args.seed,
                                     form=args.form)


def _run(args: argparse.Namespace, start: Callable[[Conversation], list[Reply]], *,
         exits_after_quiz: bool) -> int:
    from study.chat.conversation import Conversation
    from study.commands.learners import learner_of
    from study.learning.companion import Companion
    from study.paths import database_path
    from study.store import Store

    if not args.plain:
        _require_terminal()
    pack = load(args)
    topic = getattr(args, "topic", None)
    if topic:
        from study.pack.topics import resolve_topic

        resolve_topic(pack, topic)  # a bad topic is a usage error before anything opens
    learner = learner_of(args)
    store = Store(database_path())
    mode = "plain" if args.plain else "tui"
    companion = Companion(store, pack, learner, mode)
    conversation = Conversation(pack, learner=learner, journal=companion, companion=companion,
                                pause_after_verdict=not args.plain,
                                accepted=companion.accepted())
    try:
        if args.plain:
            from study.plain import run_plain

            sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
            return run_plain(conversation, sys.stdin, sys.stdout,
                             start=lambda: start(conversation), exit_after_quiz=exits_after_quiz,
                             progress=lambda: _progress_text(store, pack, learner))
        from study.tui.app import make_app

        app = make_app(conversation=conversation, start=lambda: start(conversation),
                       progress=lambda: _progress(store, pack, learner))
        app.run()
        print(conversation.goodbye())
        return app.return_code or 0
    finally:
        store.close()


def _progress(store: Store, pack: Pack, learner: str) -> Progress:
    from datetime import UTC, datetime

    from study.learning import pack_key
    from study.learning.progress import progress

    key = pack_key(pack)
    return progress(pack, learner, store.cards(learner, key), store.history(learner, key),
                    datetime.now(UTC))


def _progress_text(store: Store, pack: Pack, learner: str) -> str:
    from study.learning.progress import render_text

    return render_text(_progress(store, pack, learner))


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
