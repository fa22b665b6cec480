"""`study ask`: answer questions from the pack's articles, with citations, for scripts and screen readers."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

from study.commands import add_content_flag, load

if TYPE_CHECKING:
    from study.tutor import Answer


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "ask", help="ask the tutor a question about the articles",
        description="Answer a question from the pack's articles, quoting the passages the answer "
        "comes from, or say plainly that the articles don't answer it. With no QUESTION, read "
        "questions from standard input, one per line, and answer each in turn.",
    )
    parser.add_argument("question", nargs="?", metavar="QUESTION",
                        help="the question (default: one question per line on standard input)")
    parser.add_argument("--json", action="store_true",
                        help='one JSON object per question, on one line: {"found", "answer", '
                        '"citations": [{"passage", "source", "heading", "text"}]}')
    add_content_flag(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.tutor import Tutor

    tutor = Tutor(load(args))
    if args.question is not None:
        _print(tutor.ask(args.question), args.json, sys.stdout)
        return 0
    for line in sys.stdin:
        question = line.strip()
        if not question:
            continue
        _print(tutor.ask(question), args.json, sys.stdout)
    return 0


def _print(answer: Answer, as_json: bool, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
    else:
        out.write(render(answer) + "\n")
    out.flush()  # a script reading one answer per question must get each as soon as it is made


def render(answer: Answer) -> str:
    """An answer as plain lines: the answer, then each citation (source, heading, passage id and
    the quoted text)."""
    lines = [answer.text]
    for number, citation in enumerate(answer.citations, 1):
        lines.append(f"  [{number}] {citation.source} - {citation.heading} ({citation.passage})")
        if not answer.says(citation):  # the answer's own sentence is said once
            lines.append(f"      \"{citation.text}\"")
    return "\n".join(lines) + "\n"
