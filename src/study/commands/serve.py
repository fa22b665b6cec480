"""`study serve`: the app in a class's browsers through textual-serve, one store for all."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from study.commands import add_content_flag, load

if TYPE_CHECKING:
    from study.classroom.drill import Drill
    from study.pack.models import Pack


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "serve", help="serve study to a class's browsers (a drill, or free study)",
        description="Serve the app over HTTP through textual-serve: each browser tab runs its "
        "own app, which asks the student's name, then gives the drill (with --drill) or the "
        "conversation with the tutor. Every tab writes to this machine's progress database "
        "(STUDY_DATA_DIR).",
    )
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default: 127.0.0.1, this machine only; "
                        "0.0.0.0 for a classroom network)")
    parser.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    parser.add_argument("--drill", metavar="FILE|ID",
                        help="the drill every student takes (a file, or a drill id of the pack)")
    add_content_flag(parser)
    # What each browser tab runs; not for people.
    parser.add_argument("--app", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def app_command(pack_root: str, drill_file: str | None, data_dir: Path) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this pack, this
    drill, and the progress database's folder passed explicitly."""
    argv = [sys.executable, "-m", "study", "serve", "--app", "--content",
            str(Path(pack_root).resolve())]
    if drill_file:
        argv += ["--drill", drill_file]
    return f"STUDY_DATA_DIR={shlex.quote(str(data_dir))} {shlex.join(argv)}"


def run(args: argparse.Namespace) -> int:
    from study.classroom.drill import find_drill
    from study.errors import UsageError
    from study.paths import data_dir
    from study.store import Store

    # Through the parsed-pack cache (validated when it is written), the server's own load
    # and its drill's plan leave the cache warm: the thirty tabs that open together read
    # them instead of each parsing the pack (~0.2 s of CPU each on the class's server).
    pack = load(args)
    drill = find_drill(pack, args.drill) if args.drill else None
    if args.app:
        return _run_tab(args, pack, drill)
    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {args.port}")
    folder = data_dir().expanduser().resolve()
    # Create (or migrate) the database once, before thirty tabs open it at the same moment.
    Store(folder / "study.db").close()
    from textual_serve.server import Server  # aiohttp and jinja2: ~150 ms, only when serving

    command = app_command(pack.root, drill.file if drill else None, folder)
    print(f"study: serving {'the drill ' + repr(drill.title) if drill else 'study'} on "
          f"http://{args.host}:{args.port} (progress in {folder / 'study.db'}); Ctrl+C stops.",
          flush=True)
    Server(command, host=args.host, port=args.port, title="study").serve()
    return 0


def _run_tab(args: argparse.Namespace, pack: Pack, drill: Drill | None) -> int:
    """One browser tab: the name screen, then the drill or free study."""
    from study.chat.conversation import Conversation
    from study.commands.drill import run_app
    from study.paths import database_path
    from study.store import Store

    store = Store(database_path())
    try:
        return run_app(Conversation(pack), store, "web", drill, ask_name=True)
    finally:
        store.close()
