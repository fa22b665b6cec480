"""A parsed-pack cache: a loaded pack written as JSON, keyed by the hash of the pack's files.

Loading the bundled pack parses YAML, validates every model and cross-checks every fact against
its passage; read back from this cache it is rebuilt without any of that, from data that was
validated when it was written. The key is the SHA-256 of every file of the pack (names and
bytes) and of this study's version, so an edited pack, an edited file or another study never
meets a stale entry; an entry that cannot be read or does not match is rebuilt, never trusted.
JSON, not pickle: reading the cache can never run code.

What is computed from a pack once and needed at start-up (the give-away pairs a quiz avoids)
is kept beside its entry by `derived`, under the same key. The key also stamps study's own
code (each module's size and modification time), so an edited checker never meets the pairs
an older one found.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from study import __version__
from study.errors import Problem
from study.pack.models import (
    Disagreement,
    Fact,
    GlossaryEntry,
    Kind,
    Pack,
    Passage,
    Source,
    SynonymGroup,
)

#: Bumped whenever what the cache holds changes shape.
FORMAT = 1
_FOLDERS = ("corpus", "questions", "drills")


def cache_dir() -> Path:
    """``STUDY_CACHE_DIR``, else the platform's cache folder for study."""
    override = os.environ.get("STUDY_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("study", appauthor=False)) / "packs"


def _code_stamp() -> str:
    """Every module of study, by name, size and modification time (~2 ms)."""
    base = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".txt", ".json")):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


#: Pack object id -> (the pack, its key): the packs `load_pack_cached` returned.
_keys: dict[int, tuple[Pack, str]] = {}


def pack_key(root: Path) -> str | None:
    """The hash of every file of the pack at ``root`` (and of study's code), or None when one
    cannot be read (the loader will say what is wrong with it)."""
    digest = hashlib.sha256(f"study {__version__} cache {FORMAT}\n".encode())
    try:
        digest.update(_code_stamp().encode())
        for folder in _FOLDERS:
            base = root / folder
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*")):
                if not path.is_file():
                    continue
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def load_pack_cached(root: Path | str) -> Pack:
    """The pack at ``root``: from the cache when its files are unchanged, else loaded (and
    validated) by `load_pack` and written to the cache for next time."""
    root = Path(root)
    key = pack_key(root)
    if key is None:
        return _load(root)
    entry = cache_dir() / f"{key}.json"
    pack = _read(entry, key, root)
    if pack is None:
        pack = _load(root)
        _write(entry, key, pack)
    _keys[id(pack)] = (pack, key)
    return pack


def is_cached(pack: Pack) -> bool:
    """Whether ``pack`` came from `load_pack_cached` (so that `derived` keeps what it computes)."""
    known = _keys.get(id(pack))
    return known is not None and known[0] is pack


def derived(pack: Pack, name: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` for ``pack``, kept beside the pack's cache entry: read back while the
    pack's files and study's code are unchanged, else computed and written. ``compute`` must
    return plain JSON data; a pack that did not come from `load_pack_cached` is computed
    every time (and an entry that cannot be read is computed again, never trusted)."""
    known = _keys.get(id(pack))
    if known is None or known[0] is not pack:
        return compute()
    key = known[1]
    entry = cache_dir() / f"{key}.{name}.json"
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("key") == key and "value" in data:
            return data["value"]
    except (OSError, ValueError):
        pass
    value = compute()
    _write_json(entry, {"key": key, "value": value})
    return value


def _load(root: Path) -> Pack:
    # The loader (YAML, validation, the checker's normaliser) costs ~80 ms to import: only a
    # cache miss pays it.
    from study.pack.loader import load_pack

    return load_pack(root)


def _read(entry: Path, key: str, root: Path) -> Pack | None:
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        if data.get("key") != key or data.get("format") != FORMAT:
            return None
        return _pack_from(data, root)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, corrupt or of another shape: rebuilt by the caller


#: The fields of `Pack` this cache writes; a pack with any other field is not cached (so a
#: new field can never be lost by a cache that does not know it).
_CACHED_FIELDS = ("root", "sources", "passages", "facts", "glossary", "warnings", "synonyms",
                  "disagreements")


def _write(entry: Path, key: str, pack: Pack) -> None:
    if tuple(f.name for f in dataclasses.fields(pack)) != _CACHED_FIELDS:
        return
    data = {
        "format": FORMAT,
        "key": key,
        "sources": [s.model_dump() for s in pack.sources.values()],
        "passages": [
            {"source": p.source.id, "slug": p.slug, "heading": p.heading, "text": p.text,
             "path": p.path, "line": p.line}
            for p in pack.passages.values()
        ],
        "facts": [{"fact": f.model_dump(), "path": f.path, "line": f.line} for f in pack.facts],
        "glossary": [g.model_dump() for g in pack.glossary],
        "warnings": [dataclasses.asdict(w) for w in pack.warnings],
        "synonyms": [{"words": list(g.words), "path": g.path, "line": g.line}
                     for g in pack.synonyms],
        "disagreements": [{"link": d.model_dump(), "path": d.path, "line": d.line}
                          for d in pack.disagreements],
    }
    _write_json(entry, data)


def _write_json(entry: Path, data: Any) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(entry.parent)
    except OSError:
        return  # a read-only or full cache folder only costs the next start its speed


#: Entries kept in the cache folder: every edit of a pack or of study makes a new key, and the
#: old entries are never read again.
KEPT = 32


def _prune(folder: Path) -> None:
    """Remove all but the `KEPT` newest entries (a pack's and what is derived from it)."""
    entries = [p for p in folder.glob("*.json") if p.is_file()]
    if len(entries) <= KEPT:
        return
    entries.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEPT:]:
        old.unlink(missing_ok=True)


def _pack_from(data: dict[str, Any], root: Path) -> Pack:
    # model_construct skips validation: these values were validated when they were written,
    # and the key proves the files are the same.
    sources = {s["id"]: Source.model_construct(**s) for s in data["sources"]}
    passages: dict[str, Passage] = {}
    for p in data["passages"]:
        passage = Passage(sources[p["source"]], p["slug"], p["heading"], p["text"], p["path"],
                          int(p["line"]))
        passages[passage.id] = passage
    facts = []
    for f in data["facts"]:
        fields = dict(f["fact"], kind=Kind(f["fact"]["kind"]))  # construct does not coerce
        facts.append(Fact.model_construct(**fields).located(f["path"], int(f["line"])))
    glossary = [GlossaryEntry.model_construct(**g) for g in data["glossary"]]
    warnings = [Problem(**w) for w in data["warnings"]]
    synonyms = [SynonymGroup(tuple(g["words"]), g["path"], int(g["line"]))
                for g in data["synonyms"]]
    disagreements = [Disagreement.model_construct(**d["link"]).located(d["path"], int(d["line"]))
                     for d in data["disagreements"]]
    return Pack(str(root), sources, passages, facts, glossary, warnings, synonyms, disagreements)
