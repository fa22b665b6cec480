"""Reading a pack's files safely: only regular files, and only up to a size (a FIFO named
*.yaml never blocks, a link to /dev/zero is never read). No YAML or pydantic here: the cache's
readers use it before deciding whether a file needs parsing at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The largest file a pack may hold.
MAX_FILE_BYTES = 5_000_000


def regular_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of the regular file at ``path`` when it holds at most ``limit`` of them, else
    None (missing, unreadable, a folder, a device, a pipe, a socket or too large): the caller
    reads it the loader's way, which says what is wrong with it."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) <= limit else None
