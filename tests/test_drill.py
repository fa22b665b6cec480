"""Drill files: loading, validation with file, line and field, the session they build, points."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, SMALL_PACK
from study.classroom.drill import (
    MAX_POINTS,
    default_seed,
    drill_problems,
    find_drill,
    load_drill,
    speed_points,
)
from study.errors import PackError, UsageError
from study.quiz import Session
from study.quiz.forms import Form


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, pack) -> set[tuple[int, str]]:
    with pytest.raises(PackError) as caught:
        load_drill(path, pack)
    return {(p.line, p.field) for p in caught.value.problems}


def messages_of(path: Path, pack) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_drill(path, pack)
    return [str(p) for p in caught.value.problems]


def test_the_bundled_warm_up(bundled_pack) -> None:
    drill = find_drill(bundled_pack, "warm-up")
    assert (drill.id, drill.total, drill.scoring) == ("warm-up", 10, "speed")
    assert {q.time_limit for q in drill.questions} == {20.0}
    assert drill.path == "drills/warm-up.yaml"
    assert drill.max_points == 10 * MAX_POINTS


def test_everyone_gets_the_same_questions_in_the_same_order_and_forms(bundled_pack) -> None:
    drill = find_drill(bundled_pack, "warm-up")
    first, second = drill.build_session(bundled_pack), drill.build_session(bundled_pack)
    assert [(q.fact.id, q.form, q.prompt, q.choices) for q in first.questions] == \
        [(q.fact.id, q.form, q.prompt, q.choices) for q in second.questions]
    assert [q.fact.id for q in first.questions] == [q.fact.id for q in drill.questions]
    assert [str(q.form) for q in first.questions] == [q.form for q in drill.questions]
    assert not first.hints_allowed and not first.overrides_allowed


def test_a_drill_of_one_form_is_session_build_without_shuffling(small_pack, tmp_path) -> None:
    path = write(tmp_path, "d.yaml", "id: d\ntitle: D\ntime_limit: 10\nform: choice\nseed: 5\n"
                 "questions: [melson, armas-year, money, cases]\n")
    drill = load_drill(path, small_pack)
    built = Session.build(small_pack, count=4, seed=5, form="choice", shuffle=False,
                          facts=[small_pack.facts_by_id[f] for f in
                                 ("melson", "armas-year", "money", "cases")])
    session = drill.build_session(small_pack)
    assert [(q.prompt, q.choices) for q in session.questions] == \
        [(q.prompt, q.choices) for q in built.questions]
    # The seed shuffles the options: another seed, another order somewhere.
    other = load_drill(write(tmp_path, "e.yaml", path.read_text().replace("seed: 5", "seed: 6")),
                       small_pack).build_session(small_pack)
    assert [q.choices for q in other.questions] != [q.choices for q in session.questions]


def test_per_question_forms_and_time_limits(small_pack, tmp_path) -> None:
    path = write(tmp_path, "d.yaml", """\
id: mixed
title: Mixed
time_limit: 15
form: short
questions:
  - melson
  - fact: gunrunner-tf
    form: truefalse
  - fact: money
    form: choice
    time_limit: 40
""")
    drill = load_drill(path, small_pack)
    assert [(q.fact.id, q.form, q.time_limit) for q in drill.questions] == [
        ("melson", "short", 15.0), ("gunrunner-tf", "truefalse", 15.0), ("money", "choice", 40.0)]
    assert [q.form for q in drill.build_session(small_pack).questions] == \
        [Form.SHORT, Form.TRUEFALSE, Form.CHOICE]
    assert drill.seed == default_seed("mixed")  # none given: fixed by the id


def test_a_topic_with_a_count_and_a_seed(small_pack, tmp_path) -> None:
    path = write(tmp_path, "d.yaml", "id: t\ntitle: T\ntime_limit: 10\n"
                 "questions: {topic: Figures, count: 3, seed: 4}\n")
    drill = load_drill(path, small_pack)
    again = load_drill(path, small_pack)
    assert drill.total == 3 and {q.fact.topic for q in drill.questions} == {"figures"}
    assert [q.fact.id for q in drill.questions] == [q.fact.id for q in again.questions]
    seeds = {tuple(q.fact.id for q in load_drill(write(
        tmp_path, f"s{n}.yaml", path.read_text().replace("seed: 4", f"seed: {n}")),
        small_pack).questions) for n in range(8)}
    assert len(seeds) > 1  # the seed picks and orders the facts


def test_every_problem_is_reported_with_its_line_and_field(small_pack, tmp_path) -> None:
    path = write(tmp_path, "bad.yaml", """\
id: Bad Id
title: ""
time_limit: 0
scoring: fast
form: choice
questions:
  - armas-year
  - nope-fact
  - fact: states
  - fact: gunrunner-tf
    form: short
  - armas-year
  - fact: melson
    colour: red
  - [not, a, question]
""")
    assert problems_of(path, small_pack) == {
        (1, "id"), (2, "title"), (3, "time_limit"), (4, "scoring"),
        (8, "questions[2].fact"),  # unknown fact id
        (9, "questions[3].form"),  # a list fact cannot be multiple choice (the drill's form)
        (11, "questions[4].form"),  # a true/false fact cannot be short answer
        (12, "questions[5].fact"),  # asked twice
        (14, "questions[6].colour"),  # unknown field
        (15, "questions[7]"),  # neither an id nor a mapping
    }
    text = "\n".join(messages_of(path, small_pack))
    assert f"{path}:8: [questions[2].fact] unknown fact id 'nope-fact'" in text
    assert "fact 'states' (list) cannot be asked as choice (the form the drill sets on line 5)" \
        in text
    assert "fact 'armas-year' is already question 1 (line 7)" in text


def test_a_close_fact_id_is_suggested(small_pack, tmp_path) -> None:
    path = write(tmp_path, "d.yaml", "id: d\ntitle: D\ntime_limit: 5\nquestions: [melsen]\n")
    assert messages_of(path, small_pack) == [
        f"{path}:4: [questions[1].fact] unknown fact id 'melsen' (did you mean 'melson'?)"]


@pytest.mark.parametrize(("text", "expected"), [
    ("id: d\ntitle: D\ntime_limit: 5\nquestions: {topic: figures, count: 9}\n",
     (4, "questions.count", "the topic 'figures' has only 4 facts; the drill asks for 9")),
    ("id: d\ntitle: D\ntime_limit: 5\nform: choice\nquestions:\n  topic: figures\n  count: 4\n",
     (7, "questions.count", "has only 3 facts that can be asked as choice")),
    ("id: d\ntitle: D\ntime_limit: 5\nquestions:\n  topic: zoology\n  count: 1\n",
     (5, "questions.topic", "no facts have the topic 'zoology'")),
    ("id: d\ntitle: D\ntime_limit: 5\nquestions: {topic: figures}\n",
     (4, "questions.count", "missing required field 'count'")),
    ("id: d\ntitle: D\ntime_limit: 5\nquestions: []\n",
     (4, "questions", "questions must be a list of fact ids")),
    ("id: d\ntitle: D\nquestions: [melson]\n",
     (1, "time_limit", "missing required field 'time_limit'")),
    ("id: d\ntitle: D\ntime_limit: 5\ntime_limit: 6\nquestions: [melson]\n",
     (4, "time_limit", "field given twice")),
    ("id: d\ntitle: D\ntime_limit: 601\nquestions: [melson]\n",
     (3, "time_limit", "less than or equal to 600")),
])
def test_located_problems(small_pack, tmp_path, text, expected) -> None:
    path = write(tmp_path, "d.yaml", text)
    with pytest.raises(PackError) as caught:
        load_drill(path, small_pack)
    found = [(p.line, p.field, p.message) for p in caught.value.problems]
    line, field, words = expected
    assert any(p[:2] == (line, field) and words in p[2] for p in found), found


def test_bad_yaml_and_a_file_that_is_not_a_mapping(small_pack, tmp_path) -> None:
    assert messages_of(write(tmp_path, "a.yaml", "id: d\ntitle: [unclosed\n"), small_pack)[0] \
        .startswith(f"{tmp_path / 'a.yaml'}:2: bad YAML")  # the line the bracket opens
    assert "must be a YAML mapping" in messages_of(write(tmp_path, "b.yaml", "- melson\n"),
                                                   small_pack)[0]


def test_study_check_checks_every_drill(pack_copy: Path, small_pack) -> None:
    write(pack_copy / "drills", "good.yaml", "id: good\ntitle: G\ntime_limit: 5\n"
          "questions: [melson]\n")
    write(pack_copy / "drills", "bad.yaml", "id: bad\ntitle: B\ntime_limit: 5\n"
          "questions: [melson, nobody]\n")
    write(pack_copy / "drills", "twin.yaml", "id: good\ntitle: T\ntime_limit: 5\n"
          "questions: [money]\n")
    from study.pack.loader import load_pack

    problems = [str(p) for p in drill_problems(load_pack(pack_copy))]
    assert problems == [
        "drills/bad.yaml:4: [questions[2].fact] unknown fact id 'nobody'",
        "drills/twin.yaml:1: [id] duplicate drill id 'good' (first in drills/good.yaml)",
    ]


def test_the_bundled_pack_s_drills_pass_the_check(bundled_pack) -> None:
    assert drill_problems(bundled_pack) == []
    assert (REPO / "drills" / "warm-up.yaml").is_file()


def test_finding_a_drill_by_id_or_path(small_pack, tmp_path) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(SMALL_PACK, pack_dir)
    write(pack_dir / "drills", "one.yaml", "id: first-drill\ntitle: One\ntime_limit: 5\n"
          "questions: [melson]\n")
    from study.pack.loader import load_pack

    pack = load_pack(pack_dir)
    assert find_drill(pack, "first-drill").title == "One"
    assert find_drill(pack, "one").id == "first-drill"  # the file's name works too
    elsewhere = write(tmp_path, "mine.yaml", "id: mine\ntitle: Mine\ntime_limit: 5\n"
                      "questions: [money]\n")
    assert find_drill(pack, str(elsewhere)).id == "mine"
    with pytest.raises(UsageError, match="the pack's drills are: first-drill"):
        find_drill(pack, "second")
    with pytest.raises(UsageError, match="no such drill file"):
        find_drill(pack, str(tmp_path / "missing.yaml"))
    with pytest.raises(UsageError, match="has no drills/ folder"):
        find_drill(small_pack, "anything")


@pytest.mark.parametrize(("score", "seconds", "limit", "points"), [
    (1.0, 0.0, 20.0, 1000),  # at once: 1000 x (1 - 0/40)
    (1.0, 5.0, 20.0, 875),  # 1000 x (1 - 5/40) = 875
    (1.0, 10.0, 20.0, 750),  # half the time: 1000 x (1 - 10/40)
    (1.0, 20.0, 20.0, 500),  # at the buzzer: 1000 x (1 - 20/40)
    (1.0, 99.0, 20.0, 500),  # clamped to the limit
    (1.0, -3.0, 20.0, 1000),  # a clock that went back: clamped to 0
    (0.5, 0.0, 20.0, 500),  # half credit, half the points
    (0.0, 0.0, 20.0, 0),  # wrong
    (1.0, 3.0, 7.0, 786),  # 1000 x (1 - 3/14) = 785.71 -> 786
])
def test_speed_points(score, seconds, limit, points) -> None:
    assert speed_points(score, seconds, limit) == points
