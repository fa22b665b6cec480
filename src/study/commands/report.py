"""`study report`: the teacher's report over stored attempts (a drill's, or all of them)."""

from __future__ import annotations

import argparse
import sys

from study.commands import add_content_flag, load


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "report", help="the teacher's report: per student, per question, per topic",
        description="Report on stored attempts (without --drill: every quiz and drill): each "
        "student's total; each question's times asked, facility (share right), discrimination "
        "(the upper-minus-lower 27% index and the point-biserial correlation) and the most "
        "common wrong answers with their counts; each topic's facility.",
    )
    parser.add_argument("--drill", metavar="ID", help="only this drill's attempts (an id, or "
                        "a drill file)")
    parser.add_argument("--since", metavar="DATE", help="only attempts answered on or after "
                        "DATE (2026-11-30, midnight local time; or 2026-11-30T09:00)")
    parser.add_argument("--format", choices=["md", "csv", "json", "html"], default="md",
                        help="output format (default: md; html is one printable file)")
    add_content_flag(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.classroom.drill import find_drill
    from study.classroom.report import build_report, render
    from study.classroom.stored import attempt_rows, open_for_reading, since_moment
    from study.errors import UsageError
    from study.paths import database_path

    since = since_moment(args.since) if args.since else None
    pack = load(args, cached=True)
    title = "study report"
    drill_id = None
    if args.drill:
        try:
            drill = find_drill(pack, args.drill)
            drill_id, title = drill.id, f"Drill {drill.title!r}"
        except UsageError:
            if args.drill.endswith((".yaml", ".yml")) or "/" in args.drill:
                raise
            drill_id, title = args.drill, f"Drill {args.drill!r}"  # stored, not in this pack
    if args.since:
        title += f", since {args.since}"
    store = open_for_reading(database_path())
    try:
        assert store.conn is not None
        rows = attempt_rows(store.conn, drill_id=drill_id, since=since)
    finally:
        store.close()
    facts = pack.facts_by_id
    report = build_report(rows, title=title,
                          topic_of=lambda fact: facts[fact].topic if fact in facts else "",
                          prompts={f.id: f.prompt for f in pack.facts})
    sys.stdout.write(render(report, args.format))
    if not rows:
        print("study: no stored attempts match" + (f" the drill {drill_id!r}" if drill_id else "")
              + (f" since {args.since}" if args.since else ""), file=sys.stderr)
    return 0
