"""The store under faults, with real processes: first starts at once, kills mid-migration,
contention, a lock held too long, a read-only file, a full disk, damage, undecodable text."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storehelp import REPO, LockHolder, attempt, python, wait_for_lines
from study.errors import StoreError
from study.store import Fault, Store, StoreFault
from study.store.db import SCHEMA_VERSION, clean_text

TABLES = {"learners", "sessions", "attempts", "cards", "reviews", "accepted"}

# A child that waits at a barrier (a line on stdin, read once every child has said it is
# ready: blocked, not polling), so that every process starts together.
START_AT_ONCE = """
import os, sys
from study.store import Store
db = sys.argv[1]
print("ready", flush=True)
sys.stdin.readline()
store = Store(db)
sid = store.start_session("pack", 1, None, 1, "plain", learner=f"p{os.getpid()}")
store.close()
print("ok", sid)
"""

# The child records a stand-in for a quiz Attempt, so that it imports only the store (the
# quiz engine's imports would make 30 starts take seconds on two cores).
WRITE_MANY = """
import os, sys
from types import SimpleNamespace as NS
from study.store import Store
db, count = sys.argv[1], int(sys.argv[2])
store = Store(db)
store.cards("warm-up", "pack")  # imports fsrs before the start
print("ready", flush=True)
sys.stdin.readline()
sid = store.start_session("pack", 1, None, count, "plain", learner=f"p{os.getpid()}")
right = NS(fact_id="cases", topic="figures", form="short", response="276", score=1.0,
           verdict=NS(outcome="correct", reason="correct"), seconds=1.0, hints=0,
           skipped=False, overridden=False, retried=False)
for i in range(count):
    store.record(sid, i, right, rating=3)
    assert not store.degraded, store.problem
store.close()
print("ok")
"""


def _at_once(code: str, count: int, *args: str) -> list[subprocess.CompletedProcess[str]]:
    """Run ``count`` real processes of ``code``, released together once all are ready."""
    procs = [subprocess.Popen([sys.executable, "-c", code, *args], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
             for _ in range(count)]
    for proc in procs:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # "ready", or "" from a child that failed to start
        assert line == "ready\n", (line, proc.stderr.read() if proc.stderr else "")
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def _schema(db: Path) -> tuple[int, set[str]]:
    conn = sqlite3.connect(db)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return version, tables
    finally:
        conn.close()


def test_thirty_processes_starting_at_once_on_a_new_store_all_succeed(tmp_path: Path) -> None:
    db = tmp_path / "new" / "study.db"
    results = _at_once(START_AT_ONCE, 30, str(db))
    failed = [r.stderr.strip().splitlines()[-1:] for r in results if r.returncode]
    assert failed == []
    version, tables = _schema(db)
    assert version == SCHEMA_VERSION
    assert tables >= TABLES
    store = Store(db)
    assert len(store.learners()) == 30
    store.close()


# The migration runs for real, then pauses before its commit so that it can be killed there.
KILL_MID_MIGRATION = """
import sys, time
from study.store import schema
index = int(sys.argv[2])
original = schema.MIGRATIONS[index]
def pausing(conn):
    original(conn)
    print("mid", flush=True)
    time.sleep(60)
schema.MIGRATIONS[index] = pausing
from study.store import Store
Store(sys.argv[1])
"""


@pytest.mark.parametrize("index", [0, 1])
def test_a_kill_mid_migration_leaves_a_store_the_next_start_migrates(tmp_path: Path,
                                                                      index: int) -> None:
    db = tmp_path / "study.db"
    if index == 1:  # start from a version-1 database
        conn = sqlite3.connect(db)
        for statement in _v1_statements():
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.commit()
        conn.close()
    proc = python(KILL_MID_MIGRATION, str(db), str(index))
    assert wait_for_lines(proc, 1) == ["mid"]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _schema(db)[0] == index  # the half-done migration left nothing behind
    store = Store(db)
    sid = store.start_session("pack", 1, None, 1, "plain")
    store.record(sid, 0, attempt(), rating=3)
    assert store.history()[0].fact_id == "cases"
    store.close()
    version, tables = _schema(db)
    assert version == SCHEMA_VERSION and tables >= TABLES


def _v1_statements() -> list[str]:
    from study.store.schema import V1, statements

    return statements(V1)


def test_thirty_processes_writing_at_once_never_see_a_locked_database(tmp_path: Path) -> None:
    db = tmp_path / "study.db"
    Store(db).close()
    # 30 real processes released together, 25 writes each: `bench store contention` measures
    # 30 x 1,000.
    results = _at_once(WRITE_MANY, 30, str(db), "25")
    assert [r.stderr.strip()[-300:] for r in results if r.returncode] == []
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == 750
    assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 750
    assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] == 30
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_a_lock_held_past_the_timeout_keeps_the_answer_and_saves_it_later(tmp_path: Path) -> None:
    db = tmp_path / "study.db"
    store = Store(db, lock_timeout=0.3)
    sid = store.start_session("pack", 1, None, 3, "plain")
    store.record(sid, 0, attempt("cases"))
    holder = LockHolder(db)
    try:
        store.record(sid, 1, attempt("money", response="$5.9 million"))
        assert store.degraded and store.pending_writes == 1
        kept = store.recovery_file
        assert kept is not None and kept.parent == db.parent and kept.exists()
        assert store.problem is not None
        assert f"your answer is kept in {kept}" in store.problem
        assert "locked for more than 0.3 s" in store.problem and str(db) in store.problem
        assert [op["attempt"]["fact_id"] for op in map(json.loads, kept.read_text().splitlines())] \
            == ["money"]
        store.record(sid, 2, attempt("states", right=False))  # still locked: kept too
        assert store.pending_writes == 2
    finally:
        holder.release()
    store.finish_session(sid)
    assert not store.degraded and store.problem is None and not kept.exists()
    assert [r.fact_id for r in store.session_attempts(sid)] == ["cases", "money", "states"]
    store.close()


def test_a_lock_held_at_start_past_the_timeout_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "study.db"
    Store(db).close()
    holder = LockHolder(db)
    try:
        store = Store(db, lock_timeout=0.2)
        with pytest.raises(StoreError, match=r"cannot start a session in the progress database "
                           r".*locked for more than 0.2 s; close other study windows"):
            store.start_session("pack", 1, None, 1, "plain")
    finally:
        holder.release()
    store.close()


KILLED_WHILE_LOCKED_OUT = """
import os, signal, sys
sys.path.insert(0, "tests")
from storehelp import attempt
from study.store import Store
store = Store(sys.argv[1], lock_timeout=0.2)
sid = int(sys.argv[2])
store.record(sid, 1, attempt("money", response="$5.9 million"), rating=3)
store.record(sid, 2, attempt("states", right=False), rating=1)
print(store.recovery_file, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_answers_kept_by_a_killed_process_are_replayed_once_on_the_next_start(
        tmp_path: Path) -> None:
    db = tmp_path / "study.db"
    store = Store(db)
    sid = store.start_session("pack", 1, None, 3, "plain")
    store.record(sid, 0, attempt("cases"), rating=3)
    store.close()
    holder = LockHolder(db)
    try:
        proc = python(KILLED_WHILE_LOCKED_OUT, str(db), str(sid))
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL, err
    finally:
        holder.release()
    kept = Path(out.strip())
    assert kept.exists() and kept.parent == db.parent
    for _ in range(2):  # a second start replays nothing twice
        store = Store(db)
        rows = store.session_attempts(sid)
        assert [(r.position, r.fact_id, r.outcome) for r in rows] == [
            (0, "cases", "correct"), (1, "money", "correct"), (2, "states", "incorrect")]
        assert store.review_count() == 3
        assert not kept.exists()
        store.close()


def test_a_replay_interrupted_before_its_file_is_deleted_counts_nothing_twice(
        tmp_path: Path) -> None:
    db = tmp_path / "study.db"
    store = Store(db, lock_timeout=0.2)
    sid = store.start_session("pack", 1, None, 2, "plain")
    holder = LockHolder(db)
    try:
        store.record(sid, 0, attempt("cases"), rating=3)
    finally:
        holder.release()
    kept = store.recovery_file
    assert kept is not None
    saved = kept.read_text()
    store.close()  # writes it; a kill after the commit and before the unlink leaves the file:
    orphan = db.with_name("study-recovery-999999999-dead.jsonl")
    orphan.write_text(saved)
    store = Store(db)
    assert len(store.session_attempts(sid)) == 1 and store.review_count() == 1
    assert not orphan.exists()
    store.close()


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[list[Path]]:
    """Files made immutable with chattr (so that even root cannot write them), undone after."""
    probe = tmp_path / "probe"
    probe.touch()
    made = subprocess.run(["chattr", "+i", str(probe)], capture_output=True)
    if made.returncode:
        pytest.skip(f"chattr +i does not work here: {made.stderr.decode().strip()}")
    subprocess.run(["chattr", "-i", str(probe)], check=True)
    files: list[Path] = []
    yield files
    subprocess.run(["chattr", "-i", *map(str, files)], capture_output=True)


def _freeze(files: list[Path], *paths: Path) -> None:
    files.extend(paths)
    subprocess.run(["chattr", "+i", *map(str, paths)], check=True)


def test_a_read_only_database_file_is_a_clear_error_at_start(tmp_path: Path,
                                                             immutable: list[Path]) -> None:
    db = tmp_path / "study.db"
    store = Store(db)
    sid = store.start_session("pack", 1, None, 1, "plain")
    store.record(sid, 0, attempt())
    store.close()
    _freeze(immutable, *[p for p in tmp_path.glob("study.db*")])
    store = Store.for_reading(db)
    assert [r.fact_id for r in store.history()] == ["cases"]  # reading still works
    with pytest.raises(StoreError, match=rf"cannot start a session in the progress database "
                       rf"{db}: .*"):
        store.start_session("pack", 1, None, 1, "plain")
    store.close()


def test_a_database_made_read_only_mid_session_keeps_the_answer(tmp_path: Path,
                                                               immutable: list[Path]) -> None:
    db = tmp_path / "study.db"
    store = Store(db, lock_timeout=0.2)
    sid = store.start_session("pack", 1, None, 3, "plain")
    store.record(sid, 0, attempt("cases"), rating=3)
    _freeze(immutable, db, db.with_name("study.db-wal"))
    store.record(sid, 1, attempt("money"), rating=3)
    assert store.degraded and store.recovery_file is not None
    assert "it will be saved when the database is writable again" in (store.problem or "")
    subprocess.run(["chattr", "-i", *map(str, immutable)], check=True)
    store.record(sid, 2, attempt("states"), rating=3)
    assert not store.degraded
    assert [r.fact_id for r in store.session_attempts(sid)] == ["cases", "money", "states"]
    store.close()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs, for a disk that fills up; skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_keeps_the_answers_in_memory_and_saves_them_when_space_returns(
        small_disk: Path) -> None:
    db = small_disk / "study.db"
    store = Store(db, lock_timeout=0.2)
    sid = store.start_session("pack", 1, None, 40, "plain")
    filler = _fill(small_disk)
    long = "x" * 20_000  # bigger than what is left: the WAL must grow
    for position in range(3):
        store.record(sid, position, attempt(response=long + str(position)), rating=3)
    assert store.degraded and store.pending_writes == 3
    assert "kept in memory only" in (store.problem or "")
    assert "full" in (store.problem or "")
    filler.unlink()
    store.record(sid, 3, attempt("money"), rating=3)
    assert not store.degraded
    assert [r.position for r in store.session_attempts(sid)] == [0, 1, 2, 3]
    store.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "study.db"
    db.write_bytes(b"SQLite format 3\0" + os.urandom(8000))
    with pytest.raises(StoreError) as caught:
        Store(db)
    message = str(caught.value)
    assert str(db) in message and "move it aside" in message and "\n" not in message


def _damage_pages(db: Path) -> None:
    """Overwrite every page after the first (the schema stays readable, the tables do not)."""
    size = db.stat().st_size
    with open(db, "r+b") as out:
        out.seek(4096)
        out.write(b"\xa5" * (size - 4096))


def test_a_damaged_page_mid_session_keeps_the_answer_and_names_the_file(tmp_path: Path) -> None:
    db = tmp_path / "study.db"
    store = Store(db)
    sid = store.start_session("pack", 1, None, 50, "plain")
    for position in range(30):
        store.record(sid, position, attempt(response="r" * 200))
    store.close()
    _damage_pages(db)
    try:
        store = Store(db, lock_timeout=0.2)
    except StoreFault as error:  # a damage found at open is a clear error too
        assert error.fault is Fault.CORRUPT and str(db) in str(error)
        return
    with pytest.raises(StoreFault, match="damaged; move it aside") as caught:
        store.history()
    assert caught.value.fault is Fault.CORRUPT
    store.record(sid, 30, attempt("money"))
    assert store.degraded and store.recovery_file is not None
    assert json.loads(store.recovery_file.read_text())["attempt"]["fact_id"] == "money"
    store.close()


def test_a_missing_table_is_a_clear_error_and_the_answer_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "study.db"
    store = Store(db, lock_timeout=0.2)
    sid = store.start_session("pack", 1, None, 2, "plain")
    other = sqlite3.connect(db)
    other.execute("DROP TABLE reviews")
    other.execute("DROP TABLE attempts")
    other.commit()
    other.close()
    with pytest.raises(StoreError, match="tables were changed by another program"):
        store.history()
    store.record(sid, 0, attempt())
    assert store.degraded and store.recovery_file is not None
    store.close()


def test_text_with_lone_surrogates_or_nul_is_stored(tmp_path: Path) -> None:
    store = Store(tmp_path / "study.db")
    sid = store.start_session("pack", 1, None, 3, "plain")
    undecodable = b"\xff\xfeabc".decode("utf-8", "surrogateescape")
    store.record(sid, 0, attempt(response=undecodable))
    store.record(sid, 1, attempt(response="a\x00b"))
    store.record(sid, 2, attempt(response="lone \ud800 high"))
    assert not store.degraded
    responses = [r.response for r in store.session_attempts(sid)]
    assert responses == ["\ufffd\ufffdabc", "a\ufffdb", "lone \ufffd\ufffd\ufffd high"]
    store.close()
    assert clean_text("Napolitano") == "Napolitano"


def test_the_cli_shows_a_store_error_as_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "study.db").write_bytes(b"this is not sqlite" * 100)
    env = dict(os.environ, STUDY_DATA_DIR=str(data))
    for command in (["history"], ["overrides"], ["quiz", "--plain"]):
        done = subprocess.run([sys.executable, "-m", "study", *command], capture_output=True,
                              text=True, env=env, cwd=REPO, input="", timeout=60)
        assert done.returncode == 1, (command, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("study: error: cannot open the "
                                                       "progress database"), lines
        assert str(data / "study.db") in lines[0] and "move it aside" in lines[0]


def test_a_plain_quiz_killed_at_random_moments_loses_no_answer_it_showed(tmp_path: Path) -> None:
    from study.bench.store import _kill_once

    # Two kills within 1.2 s of the first question: the benchmark (`bench store kills`) kills
    # later too, and twenty times.
    shown = stored = 0
    for seed in (5, 8):
        a, b, integrity = _kill_once(seed, tmp_path / str(seed), latest=1.2)
        assert integrity == "ok" and b >= a, (seed, a, b)
        shown, stored = shown + a, stored + b
    assert shown > 0  # the kills came mid-quiz, after some answers


def test_a_recovery_file_that_study_did_not_write_is_set_aside(tmp_path: Path) -> None:
    db = tmp_path / "study.db"
    Store(db).close()
    odd = db.with_name("study-recovery-999999999-beef.jsonl")
    odd.write_text('{"op": "record", "session": {}}\nnot json\n')
    store = Store(db)
    assert store.history() == [] and not odd.exists()
    assert odd.with_suffix(".unreadable").exists()
    store.close()


def test_a_store_wedged_by_the_old_first_start_is_healed(tmp_path: Path) -> None:
    """The old code ran version 1 with executescript (a commit per statement); a kill after
    the first CREATE left tables at version 0, refused by every later start."""
    from study.store.schema import V1

    db = tmp_path / "study.db"
    conn = sqlite3.connect(db)
    conn.executescript(V1.split(";")[0] + ";")  # the sessions table only, version still 0
    conn.close()
    store = Store(db)
    sid = store.start_session("pack", 1, None, 1, "plain")
    store.record(sid, 0, attempt())
    store.close()
    version, tables = _schema(db)
    assert version == SCHEMA_VERSION and tables >= TABLES
