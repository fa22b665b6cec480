"""The `study` command: subcommands that build the pieces and hand over to an interface."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from study import __version__
from study.errors import StudyError

if TYPE_CHECKING:
    from study.pack.models import Pack


def _content(value: str) -> Path:
    return Path(value).expanduser()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="study",
        description="A terminal study companion: quizzes on a pack of source articles, "
        "with fuzzy answer checking and the cited passage behind every answer.",
        epilog="With no command, study opens the quiz. Run 'study COMMAND --help' for details.",
    )
    parser.add_argument("--version", action="version", version=f"study {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def content_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--content", type=_content, metavar="DIR",
            help="a content pack folder (corpus/ and questions/); default: the bundled pack",
        )

    quiz = sub.add_parser("quiz", help="take a quiz (the default command)")
    content_flag(quiz)
    quiz.add_argument("--plain", action="store_true", help="plain prompts on stdin/stdout")
    quiz.add_argument("--count", type=int, metavar="N", help="ask N questions (default: 10)")
    quiz.add_argument("--seed", type=int, metavar="S", help="shuffle seed, to replay a quiz")
    quiz.add_argument("--topic", metavar="T", help="only facts of topic T (see 'study topics')")

    check = sub.add_parser("check", help="validate a content pack and summarise it")
    content_flag(check)
    check.add_argument("--min-topic-facts", type=int, default=5, metavar="N",
                       help="report topics with fewer than N facts (default: 5)")

    topics = sub.add_parser("topics", help="list the topics of a pack with their fact counts")
    content_flag(topics)

    sub.add_parser("schema", help="print the JSON Schema of a question file")

    score = sub.add_parser(
        "score", help="grade an answer sheet (CSV with student, question, response columns)"
    )
    score.add_argument("sheet", type=Path, metavar="SHEET.csv")
    content_flag(score)
    score.add_argument("--format", choices=["csv", "json", "md"], default="md",
                       help="output format (default: md)")

    overrides = sub.add_parser("overrides", help="list answers learners overrode as right")
    overrides.add_argument("--limit", type=int, default=50, metavar="N")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "quiz"
    if args.command is None:
        args = parser.parse_args(["quiz", *(argv if argv is not None else sys.argv[1:])])
    try:
        handler = {
            "quiz": cmd_quiz,
            "check": cmd_check,
            "topics": cmd_topics,
            "schema": cmd_schema,
            "score": cmd_score,
            "overrides": cmd_overrides,
        }[command]
        return handler(args)
    except StudyError as exc:
        print(f"study: error: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("\nstudy: interrupted; your answers so far are saved.", file=sys.stderr)
        return 130


def _load(args: argparse.Namespace) -> Pack:
    from study.pack.loader import load_pack
    from study.paths import bundled_pack_dir

    root = args.content if getattr(args, "content", None) else bundled_pack_dir()
    return load_pack(root)


def cmd_check(args: argparse.Namespace) -> int:
    from study.errors import PackError
    from study.pack.audit import audit

    pack = _load(args)
    problems = audit(pack, args.min_topic_facts)
    if problems:
        raise PackError(problems, Path(pack.root))
    print(f"ok: {pack.summary()}")
    return 0


def cmd_topics(args: argparse.Namespace) -> int:
    pack = _load(args)
    for topic, count in sorted(pack.topics.items()):
        print(f"{topic:24} {count:4} facts")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from pydantic import TypeAdapter

    from study.pack.models import Fact

    schema = TypeAdapter(list[Fact]).json_schema()
    schema["title"] = "study question file"
    schema["description"] = "A list of facts (questions/*.yaml) of a study content pack."
    print(json.dumps(schema, indent=2))
    return 0


def cmd_quiz(args: argparse.Namespace) -> int:
    from study.paths import database_path
    from study.quiz import Session
    from study.store import Store

    pack = _load(args)
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


def cmd_score(args: argparse.Namespace) -> int:
    from study.sheet import render, score_sheet

    pack = _load(args)
    report = score_sheet(pack, args.sheet)
    sys.stdout.write(render(report, args.format))
    for problem in report.problems:
        print(f"study: row not scored: {problem}", file=sys.stderr)
    if not report.complete:
        print(f"study: {len(report.problems)} of {len(report.rows)} rows not scored",
              file=sys.stderr)
        return 1
    return 0


def cmd_overrides(args: argparse.Namespace) -> int:
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
