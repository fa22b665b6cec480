"""The errors a user can cause, each printed as one clear message (never a traceback).

    StudyError                      exit status 1 unless a subclass says otherwise
    ├── PackError                   the content pack cannot be used (carries every Problem)
    ├── SheetError                  an answer sheet cannot be read
    ├── StoreError                  the progress database cannot be opened or migrated
    └── UsageError                  a bad flag or argument (exit status 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in a file: what is wrong and where."""

    path: str
    line: int
    message: str
    field: str = ""
    #: "error": the pack is broken; "warning": advice (`study check --strict` makes it an error)
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.message}"


class StudyError(Exception):
    """Base class for errors caused by the user's input, files or flags."""

    exit_status = 1


class PackError(StudyError):
    """The content pack has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem], root: Path | None = None,
                 warnings: list[Problem] | None = None) -> None:
        self.problems = sorted(problems)
        self.root = root
        self.warnings = sorted(warnings or [])
        count = len(self.problems)
        head = f"the content pack{f' at {root}' if root else ''} has {count} problem"
        head += "" if count == 1 else "s"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class SheetError(StudyError):
    """An answer sheet is missing, unreadable or lacks required columns."""


class StoreError(StudyError):
    """The progress database cannot be opened, read or migrated."""


class UsageError(StudyError):
    """A command-line flag or argument is wrong."""

    exit_status = 2
