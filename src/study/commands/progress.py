"""`study progress`: a learner's mastery per topic, what is due, accuracy by day, the streak."""

from __future__ import annotations

import argparse

from study.commands import add_content_flag
from study.commands.learners import add_learner_flag


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
    from study.learning.progress import progress, render_text

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
        sys.stdout.write(render_text(report, _bar_chars(sys.stdout.encoding)))
    return 0


def _bar_chars(encoding: str | None) -> tuple[str, str]:
    try:
        "█░".encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return "#", "."
    return "█", "░"
