"""Shared by the learner commands (history, progress, overrides): the --learner flag, opening
the store, and text made safe for a terminal, a spreadsheet and Markdown."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from study.store import Store

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def add_learner_flag(parser: argparse.ArgumentParser, every: bool = False) -> None:
    default = "every learner" if every else "you (the system user name)"
    parser.add_argument("--learner", metavar="NAME", help=f"whose records (default: {default})")


def learner_of(args: argparse.Namespace) -> str:
    from study.learning import default_learner

    name: str | None = getattr(args, "learner", None)
    return name.strip() if name and name.strip() else default_learner()


def open_store() -> Store:
    """The progress database, opened for commands that mostly read."""
    from study.paths import database_path
    from study.store import Store

    return Store.for_reading(database_path())


def visible(text: str) -> str:
    """``text`` with control characters (escape codes among them) shown, not obeyed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str) -> str:
    return visible(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a leading ' stops = + - @ tab CR formulas."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return visible(value)


def md_cell(value: object) -> str:
    """A Markdown table cell: one line, | and HTML escaped, control characters shown."""
    text = one_line(str(value))
    for raw, safe in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        text = text.replace(raw, safe)
    return text
