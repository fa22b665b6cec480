"""`study drill` and `study check` on drills, run as a class would: in a subprocess."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def study(*args: str, stdin: str = "", env_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDY_DATA_DIR": str(env_dir)}
    return subprocess.run([sys.executable, "-m", "study", *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=60, check=False)


def test_the_warm_up_in_plain_mode(tmp_path: Path) -> None:
    result = study("drill", "warm-up", "--plain", "--learner", "ana",
                   stdin="D\n2005\nD\nB\nC\ntrue\nA\nFast and Furious\nA\nD\n", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Drill 'Warm-up': 10 questions, 20 seconds a question" in out
    assert out.count("You have 20 seconds") == 10
    assert "Score 10 of 10 (100%)" in out
    assert "You are 1st of 1 so far." in out
    with sqlite3.connect(tmp_path / "study.db") as db:
        rows = db.execute("SELECT fact_id, outcome, points, timed_out FROM attempts "
                          "ORDER BY position").fetchall()
        session = db.execute("SELECT l.name, s.kind, s.drill_id, s.status, s.mode FROM sessions s "
                             "JOIN learners l ON l.id = s.learner_id").fetchall()
    assert len(rows) == 10 and {outcome for _, outcome, _, _ in rows} == {"correct"}
    assert rows[0][0] == "gd-drugs-percent"
    # Answered at once (piped): close to 1000 points each; none late.
    assert all(900 < points <= 1000 and not late for _, _, points, late in rows)
    assert session == [("ana", "drill", "warm-up", "finished", "plain")]


def test_the_leaderboard_is_the_class_s(tmp_path: Path) -> None:
    right = "D\n2005\nD\nB\nC\ntrue\nA\nFast and Furious\nA\nD\n"
    first = study("drill", "warm-up", "--plain", "--learner", "ana", stdin=right,
                  env_dir=tmp_path)
    assert "You are 1st of 1 so far." in first.stdout
    wrong = "A\n2008\nA\nA\nA\nfalse\nB\nno idea\nB\nA\n"
    second = study("drill", "warm-up", "--plain", "--learner", "bo", stdin=wrong,
                   env_dir=tmp_path)
    assert "You are 2nd of 2 so far." in second.stdout
    assert "  1. ana: " in second.stdout and "  2. bo: " in second.stdout


def test_the_name_is_asked_for_in_plain_mode(tmp_path: Path) -> None:
    result = study("drill", "warm-up", "--plain", stdin="\x1b[31m\n  Bo  Lee \nD\n",
                   env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "A name needs at least one letter or digit." in result.stdout
    assert "Score 1 of 1" in result.stdout


def test_an_unknown_drill_is_a_usage_error(tmp_path: Path) -> None:
    # with --plain, and without it and without a terminal: the drill is what is wrong
    for flags in (["--plain"], []):
        result = study("drill", "nope", *flags, env_dir=tmp_path)
        assert result.returncode == 2
        assert "no drill file or drill id 'nope'; the pack's drills are: warm-up" in result.stderr
        assert "terminal" not in result.stderr


def test_a_bad_drill_file_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("id: d\ntitle: D\ntime_limit: 5\nquestions: [melson]\n")
    result = study("drill", str(path), "--plain", "--learner", "x", env_dir=tmp_path)
    assert result.returncode == 1
    assert f"{path}:4: [questions[1].fact] unknown fact id 'melson'" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_reports_a_broken_drill(tmp_path: Path, pack_copy: Path) -> None:
    (pack_copy / "drills").mkdir()
    (pack_copy / "drills" / "d.yaml").write_text("id: d\ntitle: D\ntime_limit: -1\n"
                                                 "questions: [melson]\n")
    result = study("check", "--content", str(pack_copy), "--min-topic-facts", "1",
                   env_dir=tmp_path)
    assert result.returncode == 1
    assert "drills/d.yaml:3: [time_limit] time_limit: Input should be greater than 0" \
        in result.stderr


def test_the_classroom_never_imports_textual() -> None:
    code = ("import sys, study.classroom.drill, study.classroom.timer, study.classroom.run, "
            "study.classroom.report, study.classroom.board, study.classroom.stored, "
            "study.classroom.names, study.chat.conversation;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_a_drill_started_again_reads_neither_yaml_nor_pydantic(tmp_path: Path) -> None:
    # The first start reads and validates the drill; the second finds it beside the parsed
    # pack in the cache (the class of 30 starts 30 processes: ~120 ms each).
    code = ("import sys; from study.pack.cache import load_pack_cached; "
            "from study.paths import bundled_pack_dir; "
            "from study.classroom.drill import find_drill; "
            "d = find_drill(load_pack_cached(bundled_pack_dir()), 'warm-up'); "
            "print(d.id, d.total, [q.fact.id for q in d.questions][:2], "
            "sorted({m.split('.')[0] for m in sys.modules} & {'yaml', 'pydantic'}))")
    env = {**os.environ, "STUDY_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env=env).stdout.split("[", 2) for _ in range(2)]
    first, second = runs
    assert first[:2] == second[:2] and first[0].startswith("warm-up 10")
    assert "'pydantic'" in first[2] and second[2].strip() == "]"


def test_a_cached_drill_that_no_longer_fits_the_pack_is_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from study.classroom import drill as drills
    from study.pack.cache import cache_dir, load_pack_cached

    for folder in ("corpus", "questions", "drills"):
        shutil.copytree(REPO / folder, tmp_path / "pack" / folder)
    monkeypatch.setenv("STUDY_CACHE_DIR", str(tmp_path / "cache"))
    pack = load_pack_cached(tmp_path / "pack")
    first = drills.find_drill(pack, "warm-up")
    for entry in cache_dir().glob("*.drill-*.json"):  # a plan naming a fact the pack lacks
        entry.write_text(entry.read_text().replace(first.questions[0].fact.id, "no-such-fact"))
    assert list(cache_dir().glob("*.drill-*.json"))
    again = drills.find_drill(pack, "warm-up")
    assert [q.fact.id for q in again.questions] == [q.fact.id for q in first.questions]
    assert again.questions[0].fact is pack.facts_by_id[first.questions[0].fact.id]


def test_a_drill_file_outside_the_pack_is_kept_until_it_is_edited(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `study serve --drill FILE` reads the teacher's file once for the thirty tabs; an edit of
    # the file is a new entry, never the old plan.
    from study.classroom import drill as drills
    from study.pack.cache import cache_dir, load_pack_cached

    monkeypatch.setenv("STUDY_CACHE_DIR", str(tmp_path / "cache"))
    pack = load_pack_cached(REPO)
    path = tmp_path / "mine.yaml"
    facts = [f.id for f in pack.facts[:3]]
    head = "id: mine\ntime_limit: 20\n"
    path.write_text(f"{head}title: Mine\nquestions: [{', '.join(facts)}]\n", encoding="utf-8")
    first = drills.find_drill(pack, str(path))
    assert (first.title, [q.fact.id for q in first.questions]) == ("Mine", facts)
    assert len(list(cache_dir().glob("*.drill-*.json"))) == 1
    path.write_text(f"{head}title: Edited\nquestions: [{facts[2]}]\n", encoding="utf-8")
    again = drills.find_drill(pack, str(path))
    assert (again.title, [q.fact.id for q in again.questions]) == ("Edited", facts[2:])
    assert len(list(cache_dir().glob("*.drill-*.json"))) == 2


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "too-large"])
def test_a_drill_that_is_no_regular_file_is_reported_never_read(tmp_path: Path, kind: str) -> None:
    # Read through the cache as `study serve` and `study drill` read it: a FIFO must not block
    # (a child with a timeout, so a regression fails instead of hanging), /dev/zero must not be
    # read whole, a file over the pack's limit is refused.
    pack = tmp_path / "pack"
    for folder in ("corpus", "questions", "drills"):
        shutil.copytree(REPO / folder, pack / folder)
    target = pack / "drills" / "z.yaml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "dev-zero":
        target.symlink_to("/dev/zero")
    else:
        with target.open("wb") as handle:
            handle.truncate(6_000_000)
    code = ("import sys; from pathlib import Path; from study.errors import PackError; "
            "from study.pack.cache import load_pack_cached; "
            "from study.classroom.drill import load_drill\n"
            "try: load_drill(Path(sys.argv[1]) / 'drills' / 'z.yaml', load_pack_cached(sys.argv[1]))\n"
            "except PackError as exc: print(exc)")
    env = {**os.environ, "STUDY_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code, str(pack)], capture_output=True, text=True,
                          timeout=20, env=env, check=False)
    said = "not a regular file" if kind != "too-large" else "over 5 MB"
    assert done.returncode == 0 and "z.yaml" in done.stdout and said in done.stdout, \
        done.stdout + done.stderr
    assert not list((tmp_path / "cache").glob("*.drill-*.json"))


def test_a_drill_edited_while_it_is_read_is_not_kept_under_its_old_content(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from study.classroom import drill as drills
    from study.pack.cache import cache_dir, load_pack_cached

    monkeypatch.setenv("STUDY_CACHE_DIR", str(tmp_path / "cache"))
    pack = load_pack_cached(REPO)
    facts = [f.id for f in pack.facts[:2]]
    path = tmp_path / "mine.yaml"
    old = f"id: mine\ntime_limit: 20\ntitle: Old\nquestions: [{facts[0]}]\n"
    new = f"id: mine\ntime_limit: 20\ntitle: New\nquestions: [{facts[1]}]\n"
    path.write_text(old, encoding="utf-8")
    read = drills._read

    def edited_midway(where: Path, of: object) -> object:
        where.write_text(new, encoding="utf-8")  # the teacher saves while the class starts
        return read(where, pack)

    monkeypatch.setattr(drills, "_read", edited_midway)
    first = drills.load_drill(path, pack)
    assert first.title == "New"  # what was read
    assert not list(cache_dir().glob("*.drill-*.json"))  # kept under neither hash
    monkeypatch.setattr(drills, "_read", read)
    assert drills.load_drill(path, pack).title == "New"
    assert len(list(cache_dir().glob("*.drill-*.json"))) == 1

    def never(where: Path, of: object) -> object:
        raise AssertionError("an unchanged drill is read from the cache")

    monkeypatch.setattr(drills, "_read", never)
    assert drills.load_drill(path, pack).title == "New"  # served from the cache
