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
    "quiz",
    "check",
    "topics",
    "schema",
    "score",
    "overrides",
    "ask",
)


def content_path(value: str) -> Path:
    return Path(value).expanduser()


def add_content_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content", type=content_path, metavar="DIR",
        help="a content pack folder (corpus/ and questions/); default: the bundled pack",
    )


def load(args: argparse.Namespace) -> Pack:
    """The pack named by ``--content``, or the bundled one."""
    from study.pack.loader import load_pack
    from study.paths import bundled_pack_dir

    root = args.content if getattr(args, "content", None) else bundled_pack_dir()
    return load_pack(root)
