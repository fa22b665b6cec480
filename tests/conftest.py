"""Shared fixtures: every test writes only under tmp_path, and small packs are at hand."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from study.pack.loader import load_pack
from study.pack.models import Pack

DATA = Path(__file__).parent / "data"
SMALL_PACK = DATA / "pack"
REPO = Path(__file__).parent.parent
#: A three-question timed drill on the small pack.
QUICK_DRILL = """\
id: quick
title: Quick
time_limit: 20
scoring: speed
form: short
questions: [melson, armas-year, cases]
"""


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point study's data dir under tmp_path so the machine running tests is never touched."""
    target = tmp_path / "data"
    monkeypatch.setenv("STUDY_DATA_DIR", str(target))
    return target


@pytest.fixture(scope="session")
def small_pack() -> Pack:
    return load_pack(SMALL_PACK)


@pytest.fixture(scope="session")
def bundled_pack() -> Pack:
    return load_pack(REPO)


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the small pack, for tests that break it."""
    target = tmp_path / "pack"
    shutil.copytree(SMALL_PACK, target)
    return target


@pytest.fixture(scope="session")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pack-cache")


@pytest.fixture(autouse=True)
def _cache_dir(_shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The parsed-pack cache goes under pytest's temporary folder, one for the session (of each
    worker): it is keyed by the hash of the pack's files and never trusted when it does not
    match, so the tests can share it, and the bundled pack is parsed once, not in every
    `study` a test runs (~150 ms each). The cache's own tests use one of their own."""
    monkeypatch.setenv("STUDY_CACHE_DIR", str(_shared_cache))
    return _shared_cache


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """`study ARGS` run in this process (cli.main, as the console script runs it): the same
    result as a subprocess, without the second or two a fresh interpreter costs under load."""
    from study.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as exit:  # argparse's usage errors
            status = exit.code if isinstance(exit.code, int) else 2
    return subprocess.CompletedProcess(list(args), status, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session", autouse=True)
def _bytecode(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The `study` processes that tests start keep their compiled bytecode under pytest's
    temporary folder, as Python would beside the sources were it not told not to write it
    (PYTHONDONTWRITEBYTECODE): without it every one of them compiles study anew (~0.1 s)."""
    saved = {name: os.environ.get(name) for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    if saved["PYTHONDONTWRITEBYTECODE"]:  # (`make test` lets pytest write it: nothing to do)
        os.environ.pop("PYTHONDONTWRITEBYTECODE")
        os.environ["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.mktemp("pycache"))
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def drill(small_pack: Pack, tmp_path: Path):  # noqa: ANN201 - a Drill
    """`QUICK_DRILL`, loaded from a file as a teacher's would be."""
    from study.classroom.drill import load_drill

    path = tmp_path / "quick.yaml"
    path.write_text(QUICK_DRILL, encoding="utf-8")
    return load_drill(path, small_pack)
