"""Where study keeps its data: functions, never import-time constants, so tests can redirect."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The folder for the progress database; ``STUDY_DATA_DIR`` overrides the platform default."""
    override = os.environ.get("STUDY_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # ~2 ms; only needed when no override is set

    return Path(platformdirs.user_data_dir("study", appauthor=False))


def database_path() -> Path:
    """The SQLite file that records sessions and attempts."""
    return data_dir() / "study.db"


def bundled_pack_dir() -> Path:
    """The bundled content pack: inside the installed wheel, else the repository checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "_pack"
    if (installed / "questions").is_dir():
        return installed
    return here.parent.parent
