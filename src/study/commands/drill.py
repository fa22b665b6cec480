"""`study drill`: take a drill (the same timed questions for a whole class), TUI or plain."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from study.commands import add_content_flag, load

if TYPE_CHECKING:
    from study.chat.conversation import Conversation
    from study.chat.messages import Reply
    from study.classroom.drill import Drill
    from study.classroom.leaderboard import Results
    from study.store import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "drill", help="take a drill: the same timed questions for a whole class",
        description="Take a drill: a fixed set of questions in a fixed order, each with a time "
        "limit; an answer after the limit scores nothing, and there are no hints or overrides. "
        "It ends with your points and your place on the drill's leaderboard so far.",
    )
    parser.add_argument("drill", metavar="FILE|ID",
                        help="a drill file, or the id of one of the pack's drills/*.yaml")
    parser.add_argument("--learner", metavar="NAME",
                        help="your name on the leaderboard (asked for when not given)")
    parser.add_argument("--plain", action="store_true",
                        help="plain prompts on stdin/stdout instead of the full-screen view")
    add_content_flag(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.chat.conversation import Conversation
    from study.classroom.drill import find_drill
    from study.classroom.names import learner_name
    from study.paths import database_path
    from study.store import Store

    pack = load(args, cached=True)
    drill = find_drill(pack, args.drill)  # a wrong drill is said first, terminal or not
    if not args.plain:
        from study.commands.quiz import _require_terminal

        _require_terminal()
    learner = learner_name(args.learner) if args.learner is not None else ""
    store = Store(database_path())
    try:
        mode = "plain" if args.plain else "tui"
        conversation = Conversation(pack, learner=learner, pause_after_verdict=not args.plain)
        if args.plain:
            from study.plain import run_plain

            sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
            if not learner:
                name = ask_name(sys.stdin, sys.stdout)
                if name is None:
                    return 1
                conversation.learner = name

            def start() -> list[Reply]:
                remember(conversation, store, mode)
                return conversation.start_drill(drill, drill_results(store))

            return run_plain(conversation, sys.stdin, sys.stdout, start=start,
                             exit_after_quiz=True)
        return run_app(conversation, store, mode, drill, ask_name=not learner)
    finally:
        store.close()


def remember(conversation: Conversation, store: Store, mode: str) -> None:
    """Give the conversation its learner's companion (the journal and memory in ``store``),
    once the learner is known: a served tab learns the name after the app has started."""
    from study.learning.companion import Companion

    companion = Companion(store, conversation.pack, conversation.learner, mode)
    conversation.journal = companion
    conversation.companion = companion
    conversation.accepted = companion.accepted()


def drill_results(store: Store) -> Results:
    """Where a drill's results so far come from: the progress database every student of the
    class writes to."""
    from study.classroom.stored import StoredResults

    return StoredResults(store)


def run_app(conversation: Conversation, store: Store, mode: str, drill: Drill | None, *,
            ask_name: bool) -> int:
    """The full-screen view (with the name screen first when ``ask_name``): the greeting,
    then the drill when one is given."""
    from study.tui.app import make_app

    def start() -> list[Reply]:
        remember(conversation, store, mode)
        replies = conversation.opening()
        if drill is not None:
            replies += conversation.start_drill(drill, drill_results(store))
        return replies

    from study.commands.quiz import _progress

    heading = f"Drill {drill.title!r}" if drill is not None else "study"
    app = make_app(conversation=conversation, start=start,
                   progress=lambda: _progress(store, conversation.pack, conversation.learner),
                   ask_name=heading if ask_name else None)
    app.run()
    print(conversation.goodbye())
    return app.return_code or 0


def ask_name(stdin: TextIO, stdout: TextIO, tries: int = 3) -> str | None:
    """Plain mode's name prompt; None when input ends or ``tries`` names were refused."""
    from study.classroom.names import learner_name
    from study.errors import UsageError

    for _ in range(tries):
        stdout.write("Your name (for the leaderboard): ")
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n(input ended)\n")
            return None
        try:
            return learner_name(line)
        except UsageError as exc:
            stdout.write(f"{str(exc).capitalize()}.\n")
    return None
