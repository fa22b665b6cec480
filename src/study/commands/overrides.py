"""`study overrides`: the answers learners marked "I was right", for a teacher to review,
accept (the response becomes an accepted form of the fact) or reject (scored wrong again)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from study.commands import add_content_flag
from study.commands.learners import add_learner_flag

if TYPE_CHECKING:
    from study.pack.models import Pack
    from study.store import OverrideRow, Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "overrides", help="review the answers learners overrode as right",
        description="List the answers learners marked 'I was right', newest first: id, "
        "learner, question, response and the answer. --accept ID makes a response an "
        "accepted form of its fact (the checker takes it from then on); --reject ID scores "
        "the attempt wrong again.",
    )
    add_learner_flag(parser, every=True)
    add_content_flag(parser)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--accept", type=int, metavar="ID",
                        help="accept the response of override ID as a right answer")
    action.add_argument("--reject", type=int, metavar="ID",
                        help="reject override ID: the attempt is scored wrong again")
    action.add_argument("--print-accept", action="store_true",
                        help="print the accepted forms as 'accept:' lines for the pack, per fact")
    parser.add_argument("--status", choices=["pending", "accepted", "rejected", "all"],
                        default="all", help="list only overrides with this status (default: all)")
    parser.add_argument("--limit", type=int, default=50, metavar="N",
                        help="list at most N overrides (default: 50)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.commands import load
    from study.commands.learners import open_store

    pack = load(args)
    store = open_store()
    try:
        if args.accept is not None:
            row = store.accept(args.accept)
            print(f"Accepted #{row.id}: {_said(row)} is now a right answer to {row.fact_id} "
                  "on this store (`study overrides --print-accept` gives the line for the pack).")
        elif args.reject is not None:
            row = store.reject(args.reject)
            print(f"Rejected #{row.id}: {_said(row)} for {row.fact_id} is scored wrong again.")
        elif args.print_accept:
            print_accept(store, pack)
        else:
            list_overrides(store, pack, args)
    finally:
        store.close()
    return 0


def _said(row: OverrideRow) -> str:
    from study.commands.learners import one_line

    return repr(one_line(row.response))


def list_overrides(store: Store, pack: Pack, args: argparse.Namespace) -> None:
    from study.commands.learners import one_line

    status = None if args.status == "all" else args.status
    rows = store.overrides(args.learner, status)[: max(0, args.limit)]
    if not rows:
        print("No overridden answers.")
    for row in rows:
        fact = pack.facts_by_id.get(row.fact_id)
        prompt = one_line(fact.prompt) if fact else "(not a fact of this pack)"
        answer = one_line(fact.answer_text) if fact else "?"
        print(f"#{row.id}  {one_line(row.learner)}  {row.answered_at}  [{row.status}]  "
              f"session {row.session_id}")
        print(f"  question {row.fact_id}: {prompt}")
        print(f"  response: {_said(row)}   answer: {answer}")


def print_accept(store: Store, pack: Pack) -> None:
    """The accepted forms as `accept:` lines to paste into the pack: one per fact, holding the
    fact's own accepted forms and the new ones."""
    import json

    from study.commands.learners import one_line
    from study.learning import pack_key

    forms: dict[str, list[str]] = {}
    for key in dict.fromkeys((pack_key(pack), pack.root)):
        for fact_id, responses in store.accepted(key).items():
            forms.setdefault(fact_id, []).extend(responses)
    if not forms:
        print("# No accepted forms on this pack.")
    for fact_id, responses in forms.items():
        fact = pack.facts_by_id.get(fact_id)
        if fact is None:
            print(f"# {fact_id}: not a fact of this pack; accepted: "
                  f"{json.dumps(responses, ensure_ascii=True)}")
            continue
        merged = list(dict.fromkeys([*fact.accept, *responses]))
        print(f"# {fact_id}: {one_line(fact.prompt)}")
        print(f"accept: {json.dumps(merged, ensure_ascii=True)}")
