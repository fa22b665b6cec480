"""What went wrong with the database, said for people: sqlite3 and OS errors to `StoreError`s."""

from __future__ import annotations

import errno
import os
import random
import sqlite3
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from study.errors import StoreError

T = TypeVar("T")

#: How long a busy database is waited on before giving up, unless the caller says otherwise.
DEFAULT_LOCK_TIMEOUT = 30.0


class Fault(StrEnum):
    LOCKED = "locked"
    READONLY = "read-only"
    FULL = "full"
    CORRUPT = "corrupt"
    SCHEMA = "schema"
    IO = "io"
    OTHER = "other"


def default_lock_timeout() -> float:
    """``STUDY_DB_TIMEOUT`` (seconds) when set and valid, else 30 s."""
    value = os.environ.get("STUDY_DB_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    return seconds if seconds >= 0 else DEFAULT_LOCK_TIMEOUT


def classify(exc: BaseException) -> Fault:
    """Which kind of fault ``exc`` is, from the SQLite error code when there is one."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return Fault.FULL
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return Fault.READONLY
        return Fault.IO
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text or "busy" in text:
        return Fault.LOCKED
    if primary == sqlite3.SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return Fault.READONLY
    if primary == sqlite3.SQLITE_FULL or "is full" in text:
        return Fault.FULL
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in text \
            or "not a database" in text:
        return Fault.CORRUPT
    if "no such table" in text or "no such column" in text:
        return Fault.SCHEMA
    if primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN) or "i/o" in text:
        return Fault.IO
    return Fault.OTHER


def advice(fault: Fault, path: Path, timeout: float) -> str:
    """What the learner can do about ``fault`` on the database at ``path``."""
    if fault is Fault.LOCKED:
        return (f"another program has held it locked for more than {timeout:g} s; close other "
                "study windows or the program using it, then try again")
    if fault is Fault.READONLY:
        return (f"it cannot be written; make it and its folder writable (chmod u+w {path}), "
                "or set STUDY_DATA_DIR to a writable folder")
    if fault is Fault.FULL:
        return "the disk holding it is full; free some space and try again"
    if fault is Fault.CORRUPT:
        return (f"the file is damaged; move it aside (mv {path} {path}.damaged) and study "
                "starts a new one; `sqlite3 FILE .recover` may rescue its rows")
    if fault is Fault.SCHEMA:
        return (f"its tables were changed by another program; move it aside (mv {path} "
                f"{path}.damaged) and study starts a new one")
    if fault is Fault.IO:
        return "the disk could not be read or written; check the disk and try again"
    return "see the reason above; moving the file aside makes study start a new one"


class StoreFault(StoreError):
    """A `StoreError` from the database itself, with the kind of fault it is."""

    def __init__(self, message: str, fault: Fault) -> None:
        super().__init__(message)
        self.fault = fault


def store_error(exc: BaseException, path: Path, doing: str, timeout: float) -> StoreFault:
    """A one-line `StoreError`: what failed on which file, why, and what to do."""
    fault = classify(exc)
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return StoreFault(f"cannot {doing} the progress database {path}: {reason}; "
                      f"{advice(fault, path, timeout)}", fault)


def with_retry(call: Callable[[], T], timeout: float, sleep: Callable[[float], None] = time.sleep,
               clock: Callable[[], float] = time.monotonic) -> T:
    """Run ``call``; while it fails because the database is busy, wait with backoff and jitter
    and run it again, for at most ``timeout`` seconds in all. Other errors pass through.

    SQLite's own busy handler (``busy_timeout``) covers most waits; this loop covers the busy
    errors it does not retry, such as a stale WAL snapshot or a lock held during recovery."""
    deadline = clock() + timeout
    delay = 0.005
    while True:
        try:
            return call()
        except sqlite3.Error as exc:
            left = deadline - clock()
            if classify(exc) is not Fault.LOCKED or left <= 0:
                raise
            sleep(min(left, delay * (0.5 + random.random())))
            delay = min(delay * 2, 0.25)
