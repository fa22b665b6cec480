"""`study board`: the teacher's live view of a drill in the terminal, read from the store."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from study.commands import add_content_flag, load

if TYPE_CHECKING:
    from study.classroom.board import Board
    from study.classroom.drill import Drill


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "board", help="the teacher's live view of a drill",
        description="Watch a drill as the class takes it: who joined, who finished, the "
        "leaderboard and each question's share right so far, read from the progress database "
        "every second or two (read-only).",
    )
    parser.add_argument("drill", metavar="DRILL", help="a drill id of the pack, or a drill file")
    parser.add_argument("--every", type=float, default=1.5, metavar="SECONDS",
                        help="seconds between two reads of the store (default: 1.5)")
    add_content_flag(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from study.classroom.drill import find_drill
    from study.commands.quiz import _require_terminal
    from study.errors import UsageError
    from study.paths import database_path
    from study.tui.board import make_board_app

    if not 0.2 <= args.every <= 60:
        raise UsageError(f"--every must be between 0.2 and 60 seconds, not {args.every}")
    _require_terminal()
    drill = find_drill(load(args, cached=True), args.drill)
    app = make_board_app(board_reader(drill, database_path()), interval=args.every)
    app.run()
    return app.return_code or 0


def board_reader(drill: Drill, path: Path) -> Callable[[], Board]:
    """A function that reads ``drill``'s board from the database at ``path``, each time on
    its own read-only connection (the board's worker thread calls it)."""
    from study.classroom.board import board_of
    from study.classroom.stored import drill_runs, open_for_reading

    def read() -> Board:
        if not path.exists():
            return board_of(drill, [], [])  # nobody has started yet
        store = open_for_reading(path)
        try:
            assert store.conn is not None
            return board_of(drill, *drill_runs(store.conn, drill.id))
        finally:
            store.close()

    return read
