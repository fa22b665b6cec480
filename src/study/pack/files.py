"""Reading a pack's files safely: only regular files, and only up to a size (a FIFO named
*.yaml never blocks, a link to /dev/zero is never read). No YAML or pydantic here: the cache's
readers use it before deciding whether a file needs parsing at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The largest file a pack may hold. No pack file comes near this (the bundled pack's largest
#: is 62 kB); /dev/zero would.
MAX_FILE_BYTES = 5_000_000


class Unreadable(Exception):
    """A pack file that cannot be read as one: ``reason`` says why, as a pack problem."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them; `Unreadable`
    otherwise (missing, unreadable, a folder, a device, a pipe, a socket or too large)."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise Unreadable("cannot read the file: it does not exist (a broken link?)") from None
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not a regular file (a device, a pipe or a socket): a pack holds "
                             "only regular files")
        data = b""
        if info.st_size <= limit:
            with os.fdopen(os.dup(fd), "rb") as handle:
                data = handle.read(limit + 1)
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {exc.strerror}") from None
    finally:
        os.close(fd)
    if info.st_size > limit or len(data) > limit:
        raise Unreadable(f"the file is over {limit / 1e6:.0f} MB "
                         f"({max(info.st_size, len(data)) / 1e6:.1f} MB): too large for a pack file")
    return data


def regular_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """`read_regular`, or None where it raises: the caller then reads the file the loader's
    way, which says what is wrong with it."""
    try:
        return read_regular(path, limit)
    except Unreadable:
        return None
