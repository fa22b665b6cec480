"""The subcommands of `study`: one module each, registered in `MODULES`.

Each module defines ``register(sub)``, which adds its parser and sets ``run`` as the handler
(``parser.set_defaults(run=run)``), and ``run(args) -> int``. Heavy imports stay inside ``run``
so that `study --help` and start-up stay cheap.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from study.pack.models import Pack

#: The command modules, in the order `study --help` lists them.
MODULES = (
    "quiz",  # quiz and chat
    "check",
    "topics",
    "schema",
    "score",
    "facts",
    "overrides",
    "export",
    "importing",
    "history",
    "progress",
    "ask",
    "drill",  # the classroom: drills, serving a class, the teacher's report
    "serve",
    "board",
    "report",
)


def content_path(value: str) -> Path:
    """The --content folder; a missing one or a file is a usage error that says which."""
    path = Path(value).expanduser()
    if not path.exists():
        raise argparse.ArgumentTypeError(f"no such folder: {path}")
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"not a folder: {path}")
    return path


def add_content_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content", type=content_path, metavar="DIR",
        help="a content pack folder (corpus/ and questions/); default: the bundled pack",
    )


def load(args: argparse.Namespace, *, cached: bool = True) -> Pack:
    """The pack named by ``--content``, or the bundled one, read from the parsed-pack cache
    when its files are unchanged (validated when it was written; a miss loads and validates);
    ``cached=False`` always loads and validates afresh, as `study check` does. (Loading from
    the files costs every command ~300 ms: YAML, pydantic, validation.)"""
    from study.paths import bundled_pack_dir

    root = args.content if getattr(args, "content", None) else bundled_pack_dir()
    if cached:
        from study.pack.cache import load_pack_cached

        return load_pack_cached(root)
    from study.pack.loader import load_pack

    return load_pack(root)
