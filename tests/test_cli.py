"""The command line, run as a learner or a teacher would: in a subprocess."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SMALL_PACK, run_main


def study(*args: str, stdin: str = "", env_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDY_DATA_DIR": str(env_dir)}
    return subprocess.run(
        [sys.executable, "-m", "study", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=60, check=False,
    )


def test_check_passes_on_the_bundled_pack(tmp_path: Path) -> None:
    result = study("check", "--strict", env_dir=tmp_path)  # no warnings either
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 3 sources, ") and result.stderr == ""


def test_check_fails_with_located_messages(tmp_path: Path, pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    facts.write_text(facts.read_text().replace("kind: money", "kind: cash"))
    result = study("check", "--content", str(pack_copy), env_dir=tmp_path)
    assert result.returncode == 1
    assert "questions/facts.yaml:" in result.stderr and "'cash' is not one of" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_is_json_schema_of_a_fact_list(tmp_path: Path) -> None:
    result = study("schema", env_dir=tmp_path)
    schema = json.loads(result.stdout)
    assert schema["type"] == "array"
    fact = schema["$defs"]["Fact"]
    assert set(fact["required"]) == {"id", "prompt", "answer", "kind", "cite", "topic"}
    assert fact["additionalProperties"] is False


def test_plain_mode_plays_and_scores(tmp_path: Path) -> None:
    from study.pack.loader import load_pack
    from study.quiz import Session

    # Same seed, same questions: find the right answers the learner will give.
    session = Session.build(load_pack(SMALL_PACK), count=3, seed=4)
    lines = []
    for question in session.questions:
        fact = question.fact
        lines.append(", ".join(fact.items) if fact.kind == "list" else fact.items[0])
    lines[1] = "zebra"
    result = study("quiz", "--plain", "--content", str(SMALL_PACK), "--count", "3", "--seed",
                   "4", stdin="\n".join(lines) + "\n", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Question 1 of 3" in out and "Question 3 of 3" in out
    assert out.count("Correct") == 2 and "Not quite" in out
    assert "Score 2 of 3 (67%): 2 correct, 1 missed" in out
    assert "Source: A test article [bold]about[/] the border" in out
    db = sqlite3.connect(tmp_path / "study.db")
    assert db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 3
    assert db.execute("SELECT finished_at IS NOT NULL FROM sessions").fetchone()[0] == 1


def test_plain_mode_offers_an_override_after_the_last_question(tmp_path: Path) -> None:
    result = study("quiz", "--plain", "--content", str(SMALL_PACK), "--count", "1", "--seed",
                   "1", stdin="zebra\n/right\n", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "That was the last question" in result.stdout
    assert "is now marked right" in result.stdout
    assert "Score 1 of 1 (100%): 1 correct, 0 missed (1 marked right by your override)" in \
        result.stdout
    db = sqlite3.connect(tmp_path / "study.db")
    assert db.execute("SELECT overridden FROM attempts").fetchone()[0] == 1


def test_plain_mode_ends_cleanly_when_stdin_ends_early(tmp_path: Path) -> None:
    result = study("quiz", "--plain", "--content", str(SMALL_PACK), "--count", "5", "--seed",
                   "1", stdin="zebra\n", env_dir=tmp_path)
    assert result.returncode == 0
    assert "(input ended)" in result.stdout
    assert "Score 0 of 1 (0%): 0 correct, 1 missed; 4 not reached" in result.stdout


def test_the_bare_command_takes_the_quiz_flags(tmp_path: Path) -> None:
    result = study("--plain", "--content", str(SMALL_PACK), "--count", "2", "--seed", "4",
                   "--topic", "Figures", stdin="zebra\nzebra\n\nquit\n", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Quiz on Figures: 2 questions (seed 4)" in result.stdout
    assert "Question 2 of 2 [Figures]" in result.stdout
    assert "study quiz --seed 4 --count 2 --topic figures" in result.stdout


def test_the_chat_in_plain_mode(tmp_path: Path) -> None:
    result = study("chat", "--plain", "--content", str(SMALL_PACK), stdin="topics\nquiz me on "
                   "programs with 1 question\n/skip\n\nbye\n", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Hello" in result.stdout and "Programs (3 facts)" in result.stdout
    assert "Quiz on Programs: 1 question" in result.stdout
    assert "Score 0 of 1" in result.stdout


def test_a_form_can_be_chosen(tmp_path: Path) -> None:
    result = study("quiz", "--plain", "--content", str(SMALL_PACK), "--form", "choice",
                   "--count", "1", "--seed", "2", stdin="A\n\n", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Answer with a letter (A-" in result.stdout


def test_a_count_beyond_the_pack_is_said(tmp_path: Path) -> None:
    result = study("quiz", "--plain", "--content", str(SMALL_PACK), "--count", "1000",
                   stdin="", env_dir=tmp_path)
    assert "There are only 10 facts: asking all 10." in result.stdout


def test_the_full_screen_view_needs_a_terminal(tmp_path: Path) -> None:
    result = study("quiz", "--content", str(SMALL_PACK), stdin="", env_dir=tmp_path)
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "--plain" in result.stderr
    assert "\x1b" not in result.stdout


def test_invalid_utf8_on_stdin_is_read_with_replacement(tmp_path: Path) -> None:
    env = {**os.environ, "STUDY_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "study", "quiz", "--plain", "--content", str(SMALL_PACK),
         "--count", "1", "--seed", "1"],
        input=b"\xff\xfeabc\n\n", capture_output=True, env=env, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    db = sqlite3.connect(tmp_path / "study.db")
    [(response,)] = db.execute("SELECT response FROM attempts").fetchall()
    assert response == "\ufffd\ufffdabc"


def test_bad_flags_exit_2_without_traceback(tmp_path: Path) -> None:
    result = study("quiz", "--plain", "--count", "0", env_dir=tmp_path)
    assert result.returncode == 2
    assert "--count must be at least 1" in result.stderr
    result = study("quiz", "--plain", "--topic", "nope", env_dir=tmp_path)
    assert result.returncode == 2 and "topics are:" in result.stderr
    assert "Traceback" not in result.stderr


def test_topics_lists_counts(tmp_path: Path) -> None:
    result = study("topics", "--content", str(SMALL_PACK), env_dir=tmp_path)
    assert result.stdout.split() == ["agencies", "3", "facts", "figures", "4", "facts",
                                     "programs", "3", "facts"]


def test_domain_never_imports_textual() -> None:
    code = (
        "import sys, study.pack.loader, study.checking, study.quiz, study.store, study.plain;"
        "import study.quiz.citation, study.classroom.sheet, study.audit, study.safety, study.rounding;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"


def test_importing_study_is_cheap() -> None:
    code = "import sys, study; print(len([m for m in sys.modules if m.startswith('study')]))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "1"


def test_output_into_a_pipe_closed_early_ends_quietly(tmp_path: Path) -> None:
    # Buffered as in a user's shell: with PYTHONUNBUFFERED set (as it is in some CI), every
    # print writes at once and the closed pipe never waits for the flush at exit.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["STUDY_DATA_DIR"] = str(tmp_path)
    for command in (["schema"], ["topics", "--content", str(SMALL_PACK)]):
        # A reader that has gone before study writes a byte: every write meets a closed pipe.
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            proc = subprocess.run([sys.executable, "-m", "study", *command], stdout=write_end,
                                  stderr=subprocess.PIPE, text=True, env=env, timeout=60,
                                  check=False)
        finally:
            os.close(write_end)
        assert proc.stderr == "", proc.stderr  # no traceback, no "Exception ignored"
        assert proc.returncode == 141, command
    # And as a shell runs it, with a reader that takes one line and goes.
    for lines in ("1", "2"):
        shell = subprocess.run(f"{sys.executable} -m study schema | head -{lines}", shell=True,
                               capture_output=True, text=True, env=env, timeout=60, check=False)
        assert shell.stdout.count("\n") == int(lines)
        assert shell.stderr == "", shell.stderr


def test_every_command_and_option_explains_itself() -> None:
    import argparse

    from study.cli import build_parser

    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(sub.choices) >= {"quiz", "check", "topics", "schema", "score", "facts",
                                "overrides"}
    for name, command in sub.choices.items():
        assert command.description, f"study {name} --help has no description"
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, f"study {name}: {action.option_strings or action.dest} has no help"
    score_help = " ".join(sub.choices["score"].format_help().split())
    assert "SHEET.csv" in score_help and "question is a fact id" in score_help


def test_content_that_is_not_a_folder_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    result = study("check", "--content", str(missing), env_dir=tmp_path)
    assert result.returncode == 2 and f"no such folder: {missing}" in result.stderr
    assert "not a content pack" not in result.stderr
    (tmp_path / "file.txt").write_text("x")
    result = study("topics", "--content", str(tmp_path / "file.txt"), env_dir=tmp_path)
    assert result.returncode == 2 and f"not a folder: {tmp_path / 'file.txt'}" in result.stderr
    result = study("--content", str(missing), env_dir=tmp_path)  # the bare command, too
    assert result.returncode == 2 and "no such folder" in result.stderr


def test_facts_lists_the_ids_a_sheet_needs(tmp_path: Path) -> None:
    result = run_main("facts", "--content", str(SMALL_PACK))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "| id | topic | kind | prompt | answer |"
    assert len(lines) == 2 + 10
    assert ("| program-name | programs | choice | What is the name of ICE's program? | "
            "Operation Armas Cruzadas |") in lines
    assert "| states | figures | list | In which states did the offices open? | California, " \
        "New Mexico and Texas |" in lines
    # markup in a prompt is escaped, not rendered
    assert "Whose government fought the cartels? \\[bold\\]Not markup\\[/\\]" in result.stdout
    data = json.loads(run_main("facts", "--topic", "Agencies", "--format", "json", "--content",
                               str(SMALL_PACK)).stdout)
    assert [f["id"] for f in data] == ["armas-agency", "melson", "markup"]
    assert data[0] == {"id": "armas-agency", "topic": "agencies", "kind": "agency",
                       "prompt": "Which agency started Operation Armas Cruzadas?",
                       "answer": "Immigration and Customs Enforcement"}
    table = run_main("facts", "--format", "csv", "--content", str(SMALL_PACK))
    assert table.stdout.splitlines()[0] == "id,topic,kind,prompt,answer"
    assert "money,figures,money,How much did ATF spend?,$5.9 million" in table.stdout
    unknown = run_main("facts", "--topic", "nope", "--content", str(SMALL_PACK))
    assert unknown.returncode == 2 and "its topics are: agencies, figures, programs" in (
        unknown.stderr)


def test_facts_show_an_answer_as_its_first_written_form(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    facts.write_text(facts.read_text().replace(
        "answer: Immigration and Customs Enforcement",
        "answer: Immigration and Customs Enforcement / the (customs) agency ICE"))
    result = run_main("facts", "--format", "csv", "--content", str(pack_copy))
    assert ("armas-agency,agencies,agency,Which agency started Operation Armas Cruzadas?,"
            "Immigration and Customs Enforcement\n") in result.stdout


def test_canonical_answers_are_the_first_written_form(bundled_pack) -> None:
    from study.checking.forms import expand
    from study.pack.models import canonical

    assert canonical("arrests, prosecutions and drugs seized / drug seizures") == (
        "arrests, prosecutions and drugs seized")
    assert canonical("(Operation) Armas Cruzadas / Armas Cruzadas operation") == (
        "Operation Armas Cruzadas")
    assert canonical("24/7") == "24/7"
    # the same split as the checker's, on every answer of the bundled pack
    for fact in bundled_pack.facts:
        for item in fact.items:
            assert expand(canonical(item))[0] == expand(item)[0], item


def test_make_quiz_installs_the_runtime_only() -> None:
    """`make quiz` needs no developer tools: it installs the package alone, `make test` adds
    the [dev] extras (issue 8, item 23)."""
    text = (REPO / "Makefile").read_text()
    quiz_prereq = re.search(r"^quiz:\s*(\S+)", text, re.M)
    test_prereq = re.search(r"^test:\s*(\S+)", text, re.M)
    assert quiz_prereq and test_prereq
    run_stamp = quiz_prereq.group(1).replace("$(", "").replace(")", "")
    recipe = re.search(rf"^\$\({run_stamp}\):.*\n((?:\t.*\n)+)", text, re.M)
    assert recipe is not None
    assert "pip install --quiet -e ." in recipe.group(1)
    assert "[dev]" not in recipe.group(1)
    assert test_prereq.group(1) != quiz_prereq.group(1)
