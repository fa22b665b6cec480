"""The teacher's report on a small data set computed by hand: facility, both discrimination
indices, the wrong answers, per student and per topic; and every format made safe."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest

from study.classroom.report import AttemptRow, build_report, pearson, render, sheet_rows
from study.safety import csv_cell

# Eight students, four questions (1 right, 0 wrong; cy's q4 is "close": half a point, not right;
# hal's q4 came after the time limit):
#
#   student  q1  q2  q3  q4    total   rank
#   cy        1   1   1  0.5    3.5     1
#   ana       1   1   0  1      3       2
#   bo        1   1   0  1      3       3   (ties broken by name)
#   di        1   0   1  1      3       4
#   ed        1   1   0  0      2       5
#   fay       1   0   1  0      2       6
#   hal       1   0   1  0      2       7
#   gus       0   0   1  0      1       8
#
# 27% of 8 students is 2.16 -> groups of 2: upper {cy, ana}, lower {hal, gus}.
TABLE = {
    "ana": (1, 1, 0, 1), "bo": (1, 1, 0, 1), "cy": (1, 1, 1, 0.5), "di": (1, 0, 1, 1),
    "ed": (1, 1, 0, 0), "fay": (1, 0, 1, 0), "gus": (0, 0, 1, 0), "hal": (1, 0, 1, 0),
}
WRONG = {  # what the students typed when they were not right
    ("di", "q2"): "ATF", ("fay", "q2"): "atf.", ("gus", "q2"): "ATF", ("hal", "q2"): "ICE",
    ("cy", "q4"): "Melson", ("ed", "q4"): "Morton", ("fay", "q4"): "morton", ("gus", "q4"): " ",
    ("hal", "q4"): "Morton",  # too late: not counted among the wrong answers
    ("gus", "q1"): "2006", ("ana", "q3"): "x", ("bo", "q3"): "x", ("ed", "q3"): "X!",
}


def rows() -> list[AttemptRow]:
    out = []
    for learner, scores in TABLE.items():
        for number, score in enumerate(scores, start=1):
            fact = f"q{number}"
            outcome = "correct" if score == 1 else "close" if score == 0.5 else "incorrect"
            out.append(AttemptRow(learner, fact, outcome, float(score),
                                  WRONG.get((learner, fact), "right answer"),
                                  topic="alpha" if number <= 2 else "beta",
                                  timed_out=(learner, fact) == ("hal", "q4")))
    return out


def test_facility_discrimination_and_wrong_answers() -> None:
    report = build_report(rows())
    by_fact = {q.fact: q for q in report.questions}
    # Facility, the share right: q1 7/8, q2 4/8, q3 5/8, q4 3/8 (cy's "close" is not right).
    assert [(q.fact, q.asked, q.right, q.facility) for q in report.questions] == [
        ("q1", 8, 7, 0.875), ("q2", 8, 4, 0.5), ("q3", 8, 5, 0.625), ("q4", 8, 3, 0.375)]
    # Upper-lower: share right among {cy, ana} minus among {hal, gus}:
    #   q1: 2/2 - 1/2 = 0.5;  q2: 2/2 - 0/2 = 1.0;  q3: 1/2 - 2/2 = -0.5;  q4: 1/2 - 0/2 = 0.5
    assert {f: q.discrimination for f, q in by_fact.items()} == \
        {"q1": 0.5, "q2": 1.0, "q3": -0.5, "q4": 0.5}
    # Point-biserial of q1: x = right on q1, y = total without q1, over ana..hal in order:
    #   x = 1 1 1 1 1 1 0 1 (mean 0.875); y = 2 2 2.5 2 1 1 1 1 (mean 1.5625)
    #   Sxy = 0.5625, Sxx = 0.875, Syy = 2.71875 -> r = 0.5625 / sqrt(2.37890625) = 0.36470
    assert by_fact["q1"].point_biserial == pytest.approx(0.36470, abs=1e-5)
    # q2 separates the two groups fully, yet di (3 without it) missed it and ed (1) got it:
    #   x = 1 1 1 0 1 0 0 0 (mean 0.5); y = 2 2 2.5 3 1 2 1 2 (mean 1.9375)
    #   Sxy = -0.25, Sxx = 2, Syy = 3.21875 -> r = -0.25 / sqrt(6.4375) = -0.09853
    assert by_fact["q2"].point_biserial == pytest.approx(-0.09853, abs=1e-5)
    # Wrong answers, grouped after normalising: "ATF", "atf." and "ATF" are one answer, shown
    # as its most frequent spelling; a blank answer and a late one are left out.
    assert by_fact["q2"].wrong_answers == [("ATF", 3), ("ICE", 1)]
    assert by_fact["q4"].wrong_answers == [("Morton", 2), ("Melson", 1)]
    assert by_fact["q3"].wrong_answers == [("x", 3)]
    assert by_fact["q1"].wrong_answers == [("2006", 1)]


def test_students_and_topics() -> None:
    report = build_report(rows())
    assert [(s.learner, s.score, s.asked, s.right) for s in report.students] == [
        ("cy", 3.5, 4, 3), ("ana", 3, 4, 3), ("bo", 3, 4, 3), ("di", 3, 4, 3),
        ("ed", 2, 4, 2), ("fay", 2, 4, 2), ("hal", 2, 4, 2), ("gus", 1, 4, 1)]
    # alpha (q1, q2): 11 right of 16; beta (q3, q4): 8 right of 16, scores (5 + 3.5) / 16
    assert [(t.topic, t.asked, t.right, t.facility, t.score) for t in report.topics] == [
        ("alpha", 16, 11, 0.6875, 0.6875), ("beta", 16, 8, 0.5, 0.53125)]


def test_the_json_keeps_the_promised_names() -> None:
    data = json.loads(render(build_report(rows()), "json"))
    q2 = data["questions"][1]
    assert {"fact", "asked", "facility", "discrimination", "point_biserial", "wrong_answers"} \
        <= set(q2)
    assert (q2["fact"], q2["asked"], q2["facility"], q2["discrimination"]) == ("q2", 8, 0.5, 1.0)
    assert q2["point_biserial"] == -0.0985 and q2["wrong_answers"] == [["ATF", 3], ["ICE", 1]]
    assert data["students"][0] == {"learner": "cy", "score": 3.5, "asked": 4, "right": 3}
    assert set(data["students"][0]) >= {"learner", "score", "asked"}


def test_an_index_that_cannot_be_computed_is_null() -> None:
    one = [AttemptRow("ana", "q1", "correct", 1.0, "a"), AttemptRow("ana", "q2", "incorrect", 0,
                                                                     "b")]
    data = json.loads(render(build_report(one), "json"))
    assert [(q["discrimination"], q["point_biserial"]) for q in data["questions"]] == \
        [(None, None), (None, None)]
    everyone_right = [AttemptRow(n, "q1", "correct", 1.0, "a") for n in ("a", "b", "c")]
    [q] = build_report(everyone_right).questions
    assert q.discrimination == 0.0 and q.point_biserial is None  # no spread: no correlation


def test_a_student_asked_twice_counts_the_share_right() -> None:
    twice = [AttemptRow("ana", "q1", "correct", 1, "a"), AttemptRow("ana", "q1", "incorrect", 0, "b"),
             AttemptRow("bo", "q1", "incorrect", 0, "c"), AttemptRow("bo", "q2", "correct", 1, "d")]
    report = build_report(twice)
    q1 = report.questions[0]
    # Ranked: ana 1, bo 1 (by name); groups of 1: upper {ana} 1/2 right, lower {bo} 0/1.
    assert (q1.asked, q1.right, q1.facility, q1.discrimination) == (3, 1, 1 / 3, 0.5)


def test_pearson() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1], [1]) is None and pearson([1, 1], [1, 2]) is None
    assert not math.isnan(pearson([0, 1, 0, 1], [1, 2, 1, 3]) or 0)


HOSTILE = [
    AttemptRow("=HYPERLINK(\"http://x\")", "q1", "incorrect", 0, "@SUM(A1)", topic="<i>t</i>"),
    AttemptRow("<script>alert(1)</script>", "q1", "incorrect", 0, "-2+3"),
    AttemptRow("a|b\x1b[31m", "q1", "incorrect", 0, "\tTAB"),
    AttemptRow("ok", "q1", "correct", 1, "<b>x</b>"),
]


def test_csv_cells_cannot_become_formulas() -> None:
    out = render(build_report(HOSTILE), "csv")
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in cells
    wrong = next(c for c in cells if "SUM" in c)
    assert wrong == "'-2+3 (1); @SUM(A1) (1); TAB (1)"  # the first wrong answer starts it
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert "\x1b" not in cell
    # study.safety's cell: a leading ' before = + - @ tab CR, control characters spelled out
    assert csv_cell("-3") == "'-3" and csv_cell("\r=1") == "'\\x0d=1"
    assert csv_cell("plain") == "plain"


def test_html_is_one_escaped_self_contained_file() -> None:
    out = render(build_report(HOSTILE, prompts={"q1": "Who & <what>?"}), "html")
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;b&gt;x&lt;/b&gt;" not in out  # a right answer is not a wrong answer
    assert "&lt;i&gt;t&lt;/i&gt;" in out and "Who &amp; &lt;what&gt;?" in out
    assert "\x1b" not in out
    assert "<svg" in out and 'aria-label="25% right"' in out  # one bar per question
    for external in ("http://", "https://", "src=", "<link"):
        assert external not in out.replace('"http://x"', "").replace("&quot;http://x&quot;", "")


def test_markdown_cells_stay_in_their_column() -> None:
    out = render(build_report(HOSTILE), "md")
    row = next(line for line in out.splitlines() if line.startswith("| a"))
    assert row.count("|") - row.count("\\|") == 5  # 4 columns
    assert "\x1b" not in out and "<script>" not in out


def test_a_graded_sheet_gives_the_same_report() -> None:
    class Row:
        def __init__(self, student, question, response, outcome, score, error="", counted=True):
            self.student, self.question, self.response = student, question, response
            self.outcome, self.score, self.error, self.counted = outcome, score, error, counted

    sheet = [Row("ana", "q1", "x", "correct", 1.0), Row("bo", "q1", "y", "incorrect", 0.0),
             Row("bo", "q9", "z", "error", 0.0, error="unknown question id"),
             Row("bo", "q1", "y", "incorrect", 0.0, counted=False)]
    attempts = sheet_rows(sheet)
    assert [(a.learner, a.fact, a.outcome) for a in attempts] == \
        [("ana", "q1", "correct"), ("bo", "q1", "incorrect")]
    [q] = build_report(attempts, topic_of=lambda fact: "the-topic").questions
    assert (q.facility, q.discrimination, q.topic, q.wrong_answers) == \
        (0.5, 1.0, "the-topic", [("y", 1)])


def test_study_score_report_on_a_paper_sheet(tmp_path) -> None:
    import os
    import subprocess
    import sys

    from conftest import SMALL_PACK

    sheet = tmp_path / "sheet.csv"
    sheet.write_text("student,question,response\nana,melson,Kenneth Melson\nbo,melson,Morton\n"
                     "cy,melson,morton.\nana,money,$5.9 million\nbo,money,5.9 million dollars\n"
                     "cy,money,$10 million\ndee,nope,x\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "study", "score", str(sheet), "--content", str(SMALL_PACK),
         "--report", "--format", "json"], capture_output=True, text=True, timeout=60,
        env={**os.environ, "STUDY_DATA_DIR": str(tmp_path)}, check=False)
    assert result.returncode == 1  # a row was not scored; it is said, and left out
    assert "unknown question id 'nope'" in result.stderr
    data = json.loads(result.stdout)
    # ana 2, bo 1, cy 0; groups of 1 (27% of 3): upper ana, lower cy.
    # melson: right 1 of 3; ana right, cy wrong -> 1.0; "Morton" and "morton." are one answer.
    melson, money = data["questions"]
    assert (melson["fact"], melson["asked"], melson["facility"], melson["discrimination"],
            melson["wrong_answers"]) == ("melson", 3, 0.3333, 1.0, [["Morton", 2]])
    # money: right 2 of 3 (bo's "5.9 million dollars" is the same value); ana right, cy wrong.
    assert (money["facility"], money["discrimination"], money["wrong_answers"]) == \
        (0.6667, 1.0, [["$10 million", 1]])
    assert [s["learner"] for s in data["students"]] == ["ana", "bo", "cy"]


def test_scores_in_the_report_are_for_people() -> None:
    rows = [AttemptRow("ana", "q1", "close", 0.25, "x", topic="t"),
            AttemptRow("ana", "q2", "correct", 1.0, "y", topic="t"),
            AttemptRow("ana", "q3", "correct", 1.0, "z", topic="t"),
            AttemptRow("ana", "q4", "correct", 1.0, "w", topic="t")]
    md = render(build_report(rows, title="r"), "md")
    assert "| ana | 3.3 |" in md and "3.25" not in md  # one decimal at most, halves up
