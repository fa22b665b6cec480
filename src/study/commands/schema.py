"""`study schema`: the JSON Schema of a question file, for editors."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "schema", help="print the JSON Schema of a question file",
        description="Print the JSON Schema of a question file (questions/*.yaml), for editors.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from pydantic import TypeAdapter

    from study.pack.schema import Fact

    schema = TypeAdapter(list[Fact]).json_schema()
    schema["title"] = "study question file"
    schema["description"] = "A list of facts (questions/*.yaml) of a study content pack."
    print(json.dumps(schema, indent=2))
    return 0
