"""`study score`: grading a class's answer sheet, rows never silently dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SMALL_PACK
from study.classroom.sheet import render, score_sheet
from study.errors import SheetError
from test_cli import study

SHEET = (
    "student,question,response\n"
    "ann,armas-year,2008\n"
    "ann,armas-agency,ATF\n"
    "bob,armas-year,two thousand eight\n"
    "bob,nope,x\n"
    "bob,money,\n"
    "cat,armas-agency,ice\n"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_students_and_facility(tmp_path: Path, small_pack) -> None:
    report = score_sheet(small_pack, write(tmp_path, SHEET))
    outcomes = [(r.line, r.outcome, r.score) for r in report.rows]
    assert outcomes == [
        (2, "correct", 1.0), (3, "incorrect", 0.0), (4, "correct", 1.0), (5, "error", 0.0),
        (6, "incorrect", 0.0), (7, "correct", 1.0),
    ]
    assert report.rows[4].reason == "blank response"
    assert report.students() == [("ann", 1.0, 2), ("bob", 1.0, 2), ("cat", 1.0, 1)]
    assert report.facility() == [("armas-year", 1.0, 2), ("armas-agency", 0.5, 2), ("money", 0.0, 1)]
    assert not report.complete
    [problem] = report.problems
    assert problem.line == 5 and "unknown question id 'nope'" in problem.message


def test_missing_column_is_reported_with_line(tmp_path: Path, small_pack) -> None:
    with pytest.raises(SheetError, match=r"sheet.csv:1: missing column response"):
        score_sheet(small_pack, write(tmp_path, "student,question\nann,armas-year\n"))


def test_short_row_is_an_error_row(tmp_path: Path, small_pack) -> None:
    report = score_sheet(small_pack, write(tmp_path, "student,question,response\nann,armas-year\n"))
    assert report.rows[0].outcome == "error" and "2 fields" in report.rows[0].error


def test_formats(tmp_path: Path, small_pack) -> None:
    report = score_sheet(small_pack, write(tmp_path, SHEET))
    data = json.loads(render(report, "json"))
    assert data["complete"] is False and len(data["rows"]) == 6
    assert data["questions"][1] == {"question": "armas-agency", "facility": 0.5, "rows": 2}
    csv_out = render(report, "csv")
    assert csv_out.splitlines()[0] == "line,student,question,response,outcome,score,reason,error"
    md = render(report, "md")
    assert "| armas-agency | 50% | 2 |" in md


def test_cli_exit_status_says_whether_every_row_was_scored(tmp_path: Path) -> None:
    bad = study("score", str(write(tmp_path, SHEET)), "--content", str(SMALL_PACK),
                env_dir=tmp_path)
    assert bad.returncode == 1
    assert "sheet.csv:5: unknown question id 'nope'" in bad.stderr
    good_sheet = tmp_path / "good.csv"
    good_sheet.write_text("student,question,response\nann,cases,276\n")
    good = study("score", str(good_sheet), "--content", str(SMALL_PACK), "--format", "csv",
                 env_dir=tmp_path)
    assert good.returncode == 0, good.stderr
    assert "2,ann,cases,276,correct,1,correct," in good.stdout


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = study("score", str(tmp_path / "nope.csv"), env_dir=tmp_path)
    assert result.returncode == 1 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr
