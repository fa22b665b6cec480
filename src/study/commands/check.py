"""`study check`: validate a content pack and summarise it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from study.commands import add_content_flag, load

if TYPE_CHECKING:
    from study.errors import Problem


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "check", help="validate a content pack and summarise it",
        description="Validate a content pack: every problem is reported with its file and line. "
        "Errors (the pack is broken: a bad field, a citation to no passage, an answer the "
        "checker refuses) make the exit status 1; warnings (advice: too few distractors for "
        "multiple choice, a passage no fact cites, a small topic, a prompt that gives another "
        "fact's answer away, control characters) are printed, and the pack passes.",
    )
    add_content_flag(parser)
    parser.add_argument("--min-topic-facts", type=int, default=5, metavar="N",
                        help="warn about topics with fewer than N facts (default: 5)")
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings as errors (exit status 1), as `make test` does for "
                        "the bundled pack")
    parser.add_argument("--sources", type=Path, metavar="DIR",
                        help="warn about passages, prompts and explains that share a run of 12 "
                        "or more words with their source file in DIR")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.audit import audit
    from study.errors import PackError

    try:
        pack = load(args, cached=False)
    except PackError as exc:
        if args.strict:
            raise PackError(exc.problems + _as_errors(exc.warnings), exc.root) from None
        _print_warnings(exc.warnings)
        raise
    from study.classroom.drill import drill_problems

    found = pack.warnings + audit(pack, args.min_topic_facts) + drill_problems(pack)
    if args.sources:
        from dataclasses import replace

        from study.formats.sources import shared_words

        found += [replace(p, severity="warning") for p in shared_words(pack, args.sources)]
    warnings = [p for p in found if p.severity == "warning"]
    errors = [p for p in found if p.severity != "warning"]
    if args.strict:
        errors, warnings = errors + _as_errors(warnings), []
    _print_warnings(warnings)
    if errors:
        raise PackError(errors, Path(pack.root))
    count = len(warnings)
    advice = f" ({count} warning{'s' if count != 1 else ''}, above)" if count else ""
    print(f"ok: {pack.summary()}{advice}")
    return 0


def _print_warnings(warnings: list[Problem]) -> None:
    for problem in warnings:
        print(f"study: warning: {problem}", file=sys.stderr)


def _as_errors(warnings: list[Problem]) -> list[Problem]:
    from dataclasses import replace

    return [replace(p, message=f"{p.message} (a warning; an error under --strict)",
                    severity="error") for p in warnings]
