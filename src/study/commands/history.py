"""`study history`: every attempt of a learner, one record each, as Markdown, CSV or JSON."""

from __future__ import annotations

import argparse

from study.commands.learners import add_learner_flag

COLUMNS = ("id", "answered_at", "learner", "kind", "session", "position", "fact_id", "topic",
           "form", "response", "outcome", "score", "hints", "skipped", "retried", "overridden",
           "override_status", "timed_out", "points", "seconds", "reason", "pack")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "history", help="every attempt of a learner (md, csv or json)",
        description="Print every attempt of a learner, oldest first, one record per attempt. "
        "CSV cells that a spreadsheet would run as a formula start with a '.",
    )
    add_learner_flag(parser)
    parser.add_argument("--format", choices=["md", "csv", "json"], default="md",
                        help="output format (default: md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from study.commands.learners import learner_of, open_store

    learner = learner_of(args)
    store = open_store()
    try:
        rows = [row.to_json() for row in store.history(learner)]
    finally:
        store.close()
    sys.stdout.write(render(rows, args.format, learner))
    return 0


def render(rows: list[dict[str, object]], fmt: str, learner: str) -> str:
    """The history ``rows`` (`AttemptRow.to_json` dicts) in ``fmt``."""
    if fmt == "json":
        import json

        return json.dumps(rows, indent=2, ensure_ascii=True) + "\n"
    if fmt == "csv":
        import csv
        import io

        from study.commands.learners import csv_cell

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([csv_cell(row[c]) for c in COLUMNS])
        return out.getvalue()
    from study.commands.learners import md_cell

    if not rows:
        return f"No attempts by {md_cell(learner)} yet.\n"
    lines = [f"# History of {md_cell(learner)}: {len(rows)} attempts", "",
             "| id | when | kind | fact | form | response | outcome | score | notes |",
             "| ---: | --- | --- | --- | --- | --- | --- | ---: | --- |"]
    for row in rows:
        notes = [label for label, key in (("skipped", "skipped"), ("retried", "retried"),
                                          ("timed out", "timed_out")) if row[key]]
        if row["hints"]:
            notes.append(f"{row['hints']} hint")
        if row["overridden"]:
            notes.append(f"overridden ({row['override_status'] or 'pending'})")
        cells = [row["id"], row["answered_at"], row["kind"], row["fact_id"], row["form"],
                 row["response"], row["outcome"], f"{float(str(row['score'])):g}",
                 ", ".join(notes)]
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
