"""The parsed-pack cache: the same pack back, rebuilt whenever a file changes or the cache is bad."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SMALL_PACK
from study.pack.cache import cache_dir, load_pack_cached, pack_key
from study.pack.loader import load_pack


@pytest.fixture(autouse=True)
def _own_cache(_cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests count and break the cache's entries: a cache of their own."""
    monkeypatch.setenv("STUDY_CACHE_DIR", str(tmp_path / "cache"))


def same(a, b) -> None:
    assert [f.name for f in dataclasses.fields(a)] == [f.name for f in dataclasses.fields(b)]
    assert a.sources == b.sources
    assert a.passages == b.passages
    assert [f.model_dump() for f in a.facts] == [f.model_dump() for f in b.facts]
    assert [(f.path, f.line) for f in a.facts] == [(f.path, f.line) for f in b.facts]
    for x, y in zip(a.facts, b.facts, strict=True):
        for name in type(x).model_fields:
            assert type(getattr(x, name)) is type(getattr(y, name)), (x.id, name)
    assert a.glossary == b.glossary
    assert a.warnings == b.warnings
    assert a.synonyms == b.synonyms
    assert [d.model_dump() for d in a.disagreements] == [d.model_dump() for d in b.disagreements]
    assert [(d.path, d.line) for d in a.disagreements] == [(d.path, d.line) for d in b.disagreements]


def test_a_cached_pack_is_the_pack(tmp_path: Path) -> None:
    first = load_pack_cached(REPO)
    assert len(list(cache_dir().glob("*.json"))) == 1
    second = load_pack_cached(REPO)  # from the cache
    same(first, load_pack(REPO))
    same(second, load_pack(REPO))


def test_an_edited_file_is_a_new_key(pack_copy: Path) -> None:
    before = pack_key(pack_copy)
    load_pack_cached(pack_copy)
    facts = pack_copy / "questions/facts.yaml"
    facts.write_text(facts.read_text().replace("Who was acting director of ATF?",
                                               "Who was the acting head of ATF?"))
    assert pack_key(pack_copy) != before
    pack = load_pack_cached(pack_copy)
    assert pack.facts_by_id["melson"].prompt == "Who was the acting head of ATF?"


def test_a_corrupt_entry_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(SMALL_PACK, root)
    load_pack_cached(root)
    [entry] = cache_dir().glob("*.json")
    entry.write_text('{"format": 1, "key": "' + entry.stem + '", "sources": [{"oops": 1}]}')
    same(load_pack_cached(root), load_pack(root))
    entry.write_bytes(b"\x00\xff not json")
    same(load_pack_cached(root), load_pack(root))


def test_a_broken_pack_is_still_reported(pack_copy: Path) -> None:
    import pytest

    from study.errors import PackError

    load_pack_cached(pack_copy)
    facts = pack_copy / "questions/facts.yaml"
    facts.write_text(facts.read_text().replace("kind: money", "kind: cash"))
    with pytest.raises(PackError, match="'cash' is not one of"):
        load_pack_cached(pack_copy)


def test_a_pack_loaded_without_the_cache_derives_every_time(pack_copy: Path) -> None:
    from study.pack.cache import derived

    calls: list[int] = []
    pack = load_pack(pack_copy)
    assert derived(pack, "count", lambda: calls.append(1) or [1]) == [1]
    assert derived(pack, "count", lambda: calls.append(1) or [1]) == [1]
    assert calls == [1, 1] and not list(cache_dir().glob("*.count.json"))


def test_edited_code_is_a_new_key(pack_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from study.pack import cache

    before = pack_key(pack_copy)
    monkeypatch.setattr(cache, "_code_stamp", lambda: "another study")
    assert pack_key(pack_copy) != before


def test_old_entries_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from study.pack import cache

    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(cache.KEPT + 5):
        old = folder / f"{n:064x}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, ns=(n * 10**9, n * 10**9))  # the oldest first
    load_pack_cached(SMALL_PACK)  # writes its entry, then prunes
    left = sorted(p.name for p in folder.glob("*.json"))
    assert len(left) == cache.KEPT
    assert f"{0:064x}.json" not in left and f"{cache.KEPT + 4:064x}.json" in left
    assert len([p for p in left if not p.startswith("0000")]) == 1  # the new entry is kept


# A process that loads the bundled pack and its warm-up drill through the cache once released
# (a line on stdin), and says whether it had to parse the pack (pydantic imported).
COLD_START = """
import sys
print("ready", flush=True)
sys.stdin.readline()
from study.classroom.drill import find_drill
from study.pack.cache import load_pack_cached
from study.paths import bundled_pack_dir
drill = find_drill(load_pack_cached(bundled_pack_dir()), "warm-up")
print(drill.total, [q.fact.id for q in drill.questions], "pydantic" in sys.modules)
"""


def test_starts_at_once_on_an_empty_cache_all_succeed_and_leave_one_good_entry(
        tmp_path: Path) -> None:
    # The first lesson on a new machine: several students start together, each parses the pack
    # and writes the same entry (atomically); the next start reads it.
    env = {**os.environ, "STUDY_CACHE_DIR": str(tmp_path / "cache")}

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-c", COLD_START], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env)

    procs = [start() for _ in range(4)]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:  # released together
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 4, [err for _, err in results]
    outs = {out.strip() for out, _ in results}
    assert len(outs) == 1 and outs.pop().endswith("True")
    entries = [p.name for p in (tmp_path / "cache").iterdir()]
    assert sorted(name.count(".") for name in entries) == [1, 2, 2], entries  # pack, 2 drill
    assert not any(name.endswith(".tmp") for name in entries)
    warm = start()
    out, err = warm.communicate("go\n", timeout=60)
    assert warm.returncode == 0, err
    assert out.split("\n", 1)[1].strip().endswith("False")
