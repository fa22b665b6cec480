"""The recovery file: writes the database refused, kept as JSON lines next to it until replayed.

Each `Store` that cannot write keeps its unsaved writes in memory and rewrites its own file,
``<db stem>-recovery-<pid>-<token>.jsonl``, atomically (a temporary file renamed over it), so a
kill mid-write leaves the previous version whole. The next store that opens the database replays
every such file whose process is gone, in one transaction each, then deletes it; a replay is
idempotent (attempts are keyed by session and position), so a kill between the commit and the
delete only replays the same writes again.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

Op = dict[str, Any]

#: The tokens of the stores open in this process, whose files must not be taken over.
_LIVE: set[str] = set()


def new_file(db: Path) -> Path:
    token = secrets.token_hex(4)
    _LIVE.add(token)
    return db.with_name(f"{db.stem}-recovery-{os.getpid()}-{token}.jsonl")


def release(path: Path) -> None:
    _LIVE.discard(path.stem.rsplit("-", 1)[-1])


def write(path: Path, ops: list[Op]) -> None:
    """Replace ``path`` with ``ops``, one JSON object a line; raises OSError (a full disk)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            for op in ops:
                out.write(json.dumps(op, ensure_ascii=True) + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise


def read(path: Path) -> list[Op]:
    """The ops in ``path``; a line that is not a whole JSON object is skipped."""
    ops: list[Op] = []
    with open(path, encoding="utf-8", errors="replace") as src:
        for line in src:
            try:
                op = json.loads(line)
            except ValueError:
                continue
            if isinstance(op, dict) and op.get("op") in ("record", "finish"):
                ops.append(op)
    return ops


def orphans(db: Path) -> Iterator[Path]:
    """Recovery files next to ``db`` whose store is gone (its process ended, or it closed)."""
    for path in sorted(db.parent.glob(f"{db.stem}-recovery-*.jsonl")):
        parts = path.stem.rsplit("-", 2)
        if len(parts) != 3:
            continue
        pid, token = parts[1], parts[2]
        if not pid.isdigit():
            continue
        if int(pid) == os.getpid():
            if token in _LIVE:
                continue
        elif _alive(int(pid)):
            continue
        yield path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
