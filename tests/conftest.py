"""Shared fixtures: every test writes only under tmp_path, and small packs are at hand."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import textual._wait
from textual._styles_cache import StylesCache

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


# Textual's pilot waits for the app to go idle by sleeping in slices of 20 ms until a slice
# passes with almost no CPU spent (pause, press and click each wait at least one slice, a key
# press two). Slices of 5 ms read idleness the same way, by the same rule, four times sooner: the
# TUI tests spent about a third of their time asleep in these waits.
textual._wait.SLEEP_GRANULARITY = 1 / 200
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20


def pytest_collection_finish(session: pytest.Session) -> None:
    """Every module the tests import is in by now and stays to the end: frozen out of the
    garbage collector's full passes, which otherwise walk them again and again (gc.freeze)."""
    gc.collect()
    gc.freeze()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """After the last test, one full collection, and what survives it is frozen too: pytest's
    exit runs five more full collections (to report exceptions raised in finalizers), which
    would otherwise walk every report and object of the session again, about a second in the
    controlling process, where nothing was frozen at collection."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _forget_finished_apps() -> Iterator[None]:
    """Textual keeps every widget's style cache of the last 1,024 it drew in a cache keyed by the
    instance (`StylesCache.get_inner_outer`, an lru_cache on a method), and with it the widget's
    drawn lines: after a few app tests, 200,000 live objects that every full garbage collection
    walks (~0.2 s each, seconds per worker). Each test forgets the apps before it."""
    yield
    StylesCache.get_inner_outer.cache_clear()


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


@pytest.fixture(scope="session")
def bundled_tutor(bundled_pack: Pack):  # noqa: ANN201 - a Tutor
    """A tutor over the bundled pack, its index built once for the session (~100 ms each time)."""
    from study.tutor import Tutor

    tutor = Tutor(bundled_pack)
    tutor.build()
    return tutor


def variant(tutor, **rules):  # noqa: ANN001, ANN201 - a Tutor
    """A tutor over ``tutor``'s pack with other ``rules`` (without=, model=), sharing its index."""
    from study.tutor import Tutor

    return Tutor(tutor.pack, index=tutor.build(), **rules)


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
