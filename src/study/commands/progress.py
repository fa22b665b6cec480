"""`study progress`: a learner's mastery per topic, what is due, accuracy by day, the streak."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from study.commands import add_content_flag
from study.commands.learners import add_learner_flag

if TYPE_CHECKING:
    from study.learning.progress import Progress

WIDTH = 20  # bar cells: the report stays within 80 columns
DAYS_SHOWN = 14


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "progress", help="mastery per topic, what is due, accuracy by day",
        description="Show a learner's progress on a pack: per-topic mastery (the mean FSRS "
        "retrievability of the topic's facts today, unseen facts counting 0), facts seen, "
        "cards due now, today and this week, accuracy by day and the streak of study days.",
    )
    add_learner_flag(parser)
    add_content_flag(parser)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json
    import sys
    from datetime import UTC, datetime

    from study.commands import load
    from study.commands.learners import learner_of, open_store
    from study.learning import pack_key
    from study.learning.progress import progress

    pack = load(args)
    learner = learner_of(args)
    store = open_store()
    try:
        key = pack_key(pack)
        report = progress(pack, learner, store.cards(learner, key), store.history(learner, key),
                          datetime.now(UTC))
    finally:
        store.close()
    if args.json:
        sys.stdout.write(json.dumps(report.to_json(), indent=2, ensure_ascii=True) + "\n")
    else:
        sys.stdout.write(render(report, _bar_chars(sys.stdout.encoding)))
    return 0


def _bar_chars(encoding: str | None) -> tuple[str, str]:
    try:
        "█░".encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return "#", "."
    return "█", "░"


def bar(share: float, chars: tuple[str, str] = ("█", "░"), width: int = WIDTH) -> str:
    filled = round(max(0.0, min(1.0, share)) * width)
    return chars[0] * filled + chars[1] * (width - filled)


def render(report: Progress, chars: tuple[str, str] = ("█", "░")) -> str:
    """The report as text of at most 80 columns, the same in a terminal and in a pipe."""
    from study.commands.learners import one_line

    days = "day" if report.streak == 1 else "days"
    lines = [
        f"Progress of {one_line(report.learner)[:60]}",
        f"{report.seen} of {report.facts} facts seen, mastery {100 * report.mastery:.0f}%. "
        f"Streak: {report.streak} {days}.",
        f"Due: {report.due_now} now, {report.due_today} today, {report.due_week} this week.",
        "",
        "Mastery by topic (mean recall today; unseen facts count 0)",
    ]
    name_width = min(24, max((len(t) for t in report.topics), default=5))
    for slug, topic in report.topics.items():
        lines.append(f"  {one_line(slug)[:name_width]:<{name_width}} {bar(topic.mastery, chars)} "
                     f"{100 * topic.mastery:3.0f}%  {topic.seen} of {topic.facts} seen")
    lines.append("")
    if not report.days:
        lines.append("No answers on this pack yet.")
    else:
        shown = report.days[-DAYS_SHOWN:]
        lines.append(f"Accuracy by day (the last {len(shown)} days with answers)")
        for day in shown:
            lines.append(f"  {day.day.isoformat()}  {bar(day.accuracy, chars)} "
                         f"{100 * day.accuracy:3.0f}%  {day.correct} of {day.answered} right")
    return "\n".join(lines) + "\n"
