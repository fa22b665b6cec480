"""`study check`: errors break a pack (exit 1), warnings advise (exit 0, or 1 with --strict)."""

from __future__ import annotations

import re
from pathlib import Path

# `study check`, `facts` and `score` run through cli.main in this process, as the console script
# runs them (the interpreter's own start is tested in test_cli); the quiz reads stdin: a process.
from conftest import run_main
from test_cli import study

FRONT = """---
id: club
title: The reading club's article
kind: news item
credits: [A Teacher]
period: "2024"
source_file: club.txt
---

## Members {#members}

Ann Lee founded the club in 2019. Bob Stone keeps the books. The club meets in Leeds.

## Unread {#unread}

A passage nobody asks about.
"""


def teachers_pack(tmp_path: Path) -> Path:
    """A teacher's own pack: 20 facts, no distractors, two topics, a passage nobody cites."""
    root = tmp_path / "club"
    (root / "corpus").mkdir(parents=True)
    (root / "questions").mkdir()
    (root / "corpus/club.md").write_text(FRONT)
    facts = []
    for number in range(20):
        kind, answer, prompt = [("person", "Ann Lee", "Who founded the club?"),
                                ("year", "2019", "In what year was the club founded?"),
                                ("place", "Leeds", "Where does the club meet?"),
                                ("text", "the books", "What does Bob Stone keep?")][number % 4]
        facts.append(f"- id: q{number}\n  prompt: {prompt} ({number})\n  answer: \"{answer}\"\n"
                     f"  kind: {kind}\n  cite: club#members\n"
                     f"  topic: {'people' if number < 16 else 'places'}\n")
    (root / "questions/club.yaml").write_text("".join(facts))
    return root


def test_a_teachers_pack_without_distractors_passes_with_warnings(tmp_path: Path) -> None:
    pack = teachers_pack(tmp_path)
    result = run_main("check", "--content", str(pack))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 sources, 2 passages, 20 facts, 2 topics (")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("study: warning:")]
    assert len(warnings) == result.stderr.count("\n")  # nothing but warnings
    # each with its file and line
    assert all(re.match(r"study: warning: (questions/club\.yaml|corpus/club\.md):\d+: ", w)
               for w in warnings), warnings
    text = result.stderr
    assert "needs at least 3 distractors to be asked as multiple choice (has 0)" in text
    assert "corpus/club.md:14: passage 'club#unread' is cited by no fact" in text
    assert "topic 'places' has only 4 facts" in text
    strict = run_main("check", "--strict", "--content", str(pack))
    assert strict.returncode == 1
    assert "(a warning; an error under --strict)" in strict.stderr
    assert "study: error: the content pack" in strict.stderr


def test_score_and_quiz_load_a_pack_that_has_only_warnings(tmp_path: Path) -> None:
    pack = teachers_pack(tmp_path)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("student,question,response\nann,q0,Ann Lee\nann,q1,2019\n")
    result = run_main("score", str(sheet), "--content", str(pack))
    assert result.returncode == 0, result.stderr
    assert "| ann | 2 | 2 | 0 | 0 |" in result.stdout
    quiz = study("quiz", "--plain", "--count", "2", "--seed", "1", "--content", str(pack),
                 stdin="Ann Lee\n2019\n", env_dir=tmp_path)
    assert quiz.returncode == 0, quiz.stderr
    assert "Question 2 of 2" in quiz.stdout


def test_errors_still_fail(tmp_path: Path) -> None:
    pack = teachers_pack(tmp_path)
    facts = pack / "questions/club.yaml"
    # A distractor the checker accepts breaks multiple choice: an error, not advice.
    facts.write_text(facts.read_text().replace(
        '  answer: "Leeds"\n  kind: place\n  cite: club#members\n  topic: people\n',
        '  answer: "Leeds"\n  kind: place\n  cite: club#members\n  topic: people\n'
        "  distractors: [leeds, York, Hull]\n", 1))
    result = run_main("check", "--content", str(pack))
    assert result.returncode == 1
    assert "distractor 'leeds' means the same as the answer" in result.stderr


def test_control_characters_are_a_located_warning(tmp_path: Path, pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    text = facts.read_text()
    facts.write_text(text.replace("  prompt: How many cases were opened?",
                                  '  prompt: "How many cases\\e]2;owned\\a\\e[2J were opened?"'))
    line = next(n for n, t in enumerate(facts.read_text().splitlines(), 1) if "owned" in t)
    result = run_main("check", "--content", str(pack_copy))
    assert "\x1b" not in result.stdout + result.stderr
    assert f"study: warning: questions/facts.yaml:{line}: control characters (ESC, BEL)" in (
        result.stderr)
    assert run_main("check", "--strict", "--content", str(pack_copy)).returncode == 1
    listed = run_main("facts", "--content", str(pack_copy))
    assert "| How many cases were opened? |" in listed.stdout and "\x1b" not in listed.stdout


def test_a_front_matter_typo_is_one_problem(tmp_path: Path, pack_copy: Path) -> None:
    corpus = pack_copy / "corpus/border.md"
    corpus.write_text(corpus.read_text().replace("title:", "titel:"))
    result = run_main("check", "--content", str(pack_copy))
    assert result.returncode == 1
    assert "has 1 problem:" in result.stderr
    assert "corpus/border.md:3: [titel] unknown field 'titel' (did you mean 'title'?)" in (
        result.stderr)
    assert "which is not a passage" not in result.stderr


def test_an_accepted_form_of_a_list_that_is_one_item_is_a_located_warning(
        tmp_path: Path, pack_copy: Path) -> None:
    # An accepted form of a list is a whole answer: "Texas" there marks "Texas" alone right.
    facts = pack_copy / "questions/facts.yaml"
    facts.write_text(facts.read_text().replace(
        "  answer: [California, New Mexico, Texas]\n",
        "  answer: [California, New Mexico, Texas]\n  accept: [TX state, \"California, New Mexico "
        "and Texas\"]\n"))
    line = next(n for n, t in enumerate(facts.read_text().splitlines(), 1) if "- id: states" in t)
    result = run_main("check", "--content", str(pack_copy))
    warnings = [w for w in result.stderr.splitlines() if "is one item of the list" in w]
    assert warnings == [f"study: warning: questions/facts.yaml:{line}: [accept] fact 'states': "
                        "accepted form 'TX state' is one item of the list's 3: a learner naming "
                        "only it is marked right (write an item's other forms in the item itself: "
                        "'federal prosecutors / prosecutors')"]
