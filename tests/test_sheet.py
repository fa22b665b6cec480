"""`study score`: grading a class's answer sheet, rows never silently dropped, text made inert."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SMALL_PACK, run_main
from study.classroom.sheet import (
    MAX_RECORD_LINES,
    REQUIRED,
    Record,
    Sheet,
    SheetFormat,
    checker_judge,
    grade,
    open_sheet,
    score_sheet,
    write_report,
)
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


def write(tmp_path: Path, text: str, name: str = "sheet.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def score(tmp_path: Path, sheet: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return run_main("score", str(sheet), "--content", str(SMALL_PACK), *flags)


def test_rows_students_and_facility(tmp_path: Path, small_pack) -> None:
    report = score_sheet(small_pack, write(tmp_path, SHEET))
    outcomes = [(r.line, r.outcome, r.score) for r in report.rows]
    assert outcomes == [
        (2, "correct", 1.0), (3, "incorrect", 0.0), (4, "correct", 1.0), (5, "not scored", 0.0),
        (6, "incorrect", 0.0), (7, "correct", 1.0),
    ]
    assert report.rows[4].reason == "blank response"
    students = [(s.student, s.score, s.scored, s.not_scored) for s in
                report.totals.students.values()]
    assert students == [("ann", 1.0, 2, 0), ("bob", 1.0, 2, 1), ("cat", 1.0, 1, 0)]
    questions = [(q.question, q.facility, q.scored, q.not_scored) for q in
                 report.totals.questions.values()]
    assert questions == [("armas-year", 1.0, 2, 0), ("armas-agency", 0.5, 2, 0),
                         ("nope", None, 0, 1), ("money", 0.0, 1, 0)]
    assert not report.complete
    [problem] = report.problems
    assert problem.line == 5 and "unknown question id 'nope'" in problem.message


def test_missing_column_is_reported_with_line(tmp_path: Path, small_pack) -> None:
    with pytest.raises(SheetError, match=r"sheet.csv:1: missing column response"):
        score_sheet(small_pack, write(tmp_path, "student,question\nann,armas-year\n"))


def test_short_row_is_a_row_not_scored(tmp_path: Path, small_pack) -> None:
    report = score_sheet(small_pack, write(tmp_path, "student,question,response\nann,armas-year\n"))
    assert report.rows[0].outcome == "not scored" and "2 fields" in report.rows[0].error


def test_a_student_whose_rows_all_failed_is_in_the_totals(tmp_path: Path) -> None:
    sheet = write(tmp_path, "student,question,response\nann,armas-year,2008\n"
                  "dan,nope,x\ndan,armas-year\n")
    result = score(tmp_path, sheet, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    dan = next(s for s in data["students"] if s["student"] == "dan")
    assert dan == {"student": "dan", "score": 0.0, "scored": 0, "not_scored": 2, "duplicates": 0}
    assert [r["line"] for r in data["rows"]] == [2, 3, 4]
    assert [r["outcome"] for r in data["rows"]] == ["correct", "not scored", "not scored"]
    md = score(tmp_path, sheet).stdout
    assert "| dan | 0 | 0 | 2 | 0 |" in md
    assert "| 3 | dan | nope | x | not scored |  | unknown question id 'nope' |" in md


def test_formats(tmp_path: Path) -> None:
    sheet = write(tmp_path, SHEET)
    result = score(tmp_path, sheet, "--format", "json")
    assert result.stdout.endswith("}\n")
    data = json.loads(result.stdout)
    assert data["complete"] is False and len(data["rows"]) == 6
    assert data["questions"][1] == {"question": "armas-agency", "facility": 0.5, "scored": 2,
                                    "not_scored": 0}
    csv_out = score(tmp_path, sheet, "--format", "csv").stdout
    table = list(csv.reader(io.StringIO(csv_out)))
    assert table[0] == ["line", "student", "question", "response", "outcome", "score", "reason",
                        "error", "duplicate_of"]
    # one table: every record has the header's width, and there is one record per row
    assert len(table) == 7 and {len(row) for row in table} == {9}
    md = score(tmp_path, sheet).stdout
    assert "| armas-agency | 50% | 2 | 0 |" in md


def test_totals_and_questions_go_to_files_of_their_own(tmp_path: Path) -> None:
    totals, questions = tmp_path / "totals.csv", tmp_path / "questions.csv"
    result = score(tmp_path, write(tmp_path, SHEET), "--format", "csv", "--totals", str(totals),
                   "--questions", str(questions))
    assert result.returncode == 1  # row 5 is not scored
    assert list(csv.reader(totals.open())) == [
        ["student", "score", "scored", "not_scored", "duplicates"],
        ["ann", "1", "2", "0", "0"], ["bob", "1", "2", "1", "0"], ["cat", "1", "1", "0", "0"],
    ]
    assert list(csv.reader(questions.open()))[:3] == [
        ["question", "facility", "scored", "not_scored"], ["armas-year", "1.00", "2", "0"],
        ["armas-agency", "0.50", "2", "0"],
    ]


def test_cli_exit_status_says_whether_every_row_was_scored(tmp_path: Path) -> None:
    # a real process, as a teacher runs it
    bad = study("score", str(write(tmp_path, SHEET)), "--content", str(SMALL_PACK),
                env_dir=tmp_path)
    assert bad.returncode == 1
    assert "sheet.csv:5: unknown question id 'nope'" in bad.stderr
    assert "1 of 6 rows not scored" in bad.stderr
    good_sheet = write(tmp_path, "student,question,response\nann,cases,276\n", "good.csv")
    good = score(tmp_path, good_sheet, "--format", "csv")
    assert good.returncode == 0, good.stderr
    assert "2,ann,cases,276,correct,1,correct,," in good.stdout
    assert good.stderr == ""  # UTF-8 and commas: nothing to say


def test_missing_file_and_folder_are_clear_errors(tmp_path: Path) -> None:
    result = score(tmp_path, tmp_path / "nope.csv")
    assert result.returncode == 1 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr
    folder = tmp_path / "sheets"
    folder.mkdir()
    result = score(tmp_path, folder)
    assert result.returncode == 1
    assert f"{folder}: is a folder, not a sheet" in result.stderr
    assert "Errno" not in result.stderr


# -- quotes left open -------------------------------------------------------------------------


def test_an_unclosed_quote_swallows_no_rows(tmp_path: Path) -> None:
    # The issue's reproduction: '"ICE' on line 2, and every later row became part of it.
    sheet = write(tmp_path, 'student,question,response\nann,armas-agency,"ICE\n'
                  "bob,armas-year,2008\ncat,melson,Kenneth Melson\ndan,cases,276\n")
    result = score(tmp_path, sheet, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["complete"] is False
    assert [(r["line"], r["student"], r["outcome"]) for r in data["rows"]] == [
        (2, "ann", "not scored"), (3, "bob", "correct"), (4, "cat", "correct"),
        (5, "dan", "correct"),
    ]
    assert "quote" in data["rows"][0]["error"]
    assert "sheet.csv:2: a quote opened on this line" in result.stderr


def test_a_quote_closed_by_a_later_stray_quote_swallows_no_rows(tmp_path: Path,
                                                               small_pack) -> None:
    # The quote on line 2 is "closed" by the one on line 4: the rows between read as its text.
    sheet = write(tmp_path, 'student,question,response\nann,armas-agency,"ICE\n'
                  'bob,armas-year,2008\ncat,melson,Kenneth "Ken" Melson\ndan,cases,276\n')
    report = score_sheet(small_pack, sheet)
    assert [(r.line, r.student) for r in report.rows] == [
        (2, "ann"), (3, "bob"), (4, "cat"), (5, "dan")]
    assert [r.outcome == "not scored" for r in report.rows] == [True, False, False, False]
    assert report.rows[2].response == 'Kenneth "Ken" Melson'  # graded as written
    assert "runs on into the rows after it" in report.rows[0].error


def test_an_unclosed_quote_is_caught_within_a_few_lines(tmp_path: Path, small_pack) -> None:
    # Free text after the quote, no row in sight: the record is cut after MAX_RECORD_LINES.
    prose = "".join(f"line {n} of an essay\n" for n in range(MAX_RECORD_LINES + 3))
    sheet = write(tmp_path, 'student,question,response\nann,armas-agency,"ICE and\n' + prose
                  + "bob,armas-year,2008\n")
    report = score_sheet(small_pack, sheet)
    assert report.rows[0].line == 2 and "not closed within 5 lines" in report.rows[0].error
    assert report.rows[-1].student == "bob" and report.rows[-1].outcome == "correct"
    assert report.rows[-1].line == 3 + MAX_RECORD_LINES + 3
    assert not report.complete


def test_a_quote_never_closed_at_the_end(tmp_path: Path, small_pack) -> None:
    report = score_sheet(small_pack, write(tmp_path, 'student,question,response\n'
                                           'ann,armas-year,2008\nbob,cases,"276\n'))
    assert [r.outcome for r in report.rows] == ["correct", "not scored"]
    assert report.rows[1].line == 3 and "never closed" in report.rows[1].error


def test_multi_line_records_are_located_at_their_first_line(tmp_path: Path, small_pack) -> None:
    sheet = write(tmp_path, 'student,question,response\nann,armas-agency,"Immigration and\n'
                  'Customs\nEnforcement"\nbob,nope,"a\nb\nc"\ncat,cases,276\n')
    report = score_sheet(small_pack, sheet)
    assert [(r.line, r.outcome) for r in report.rows] == [
        (2, "correct"), (5, "not scored"), (8, "correct")]
    assert [p.line for p in report.problems] == [5]


def test_a_response_far_longer_than_any_answer_is_not_scored(tmp_path: Path, small_pack) -> None:
    report = score_sheet(small_pack, write(tmp_path, "student,question,response\n"
                                           f"ann,cases,{'276 ' * 600}\nbob,cases,276\n"))
    assert report.rows[0].outcome == "not scored" and "2,400 characters" in report.rows[0].error
    assert report.rows[1].outcome == "correct"
    huge = score_sheet(small_pack, write(tmp_path, "student,question,response\n"
                                         f"ann,cases,{'x' * 50_000}\nbob,cases,276\n", "huge.csv"))
    assert huge.rows[0].line == 2 and "over 10,000 characters" in huge.rows[0].error
    assert len(huge.rows[0].response) <= 200
    assert (huge.rows[1].line, huge.rows[1].outcome) == (3, "correct")


# -- duplicates, dialects, encodings ----------------------------------------------------------


def test_duplicate_rows_are_reported_and_scored_once(tmp_path: Path) -> None:
    sheet = write(tmp_path, "student,question,response\nann,cases,276\nann,cases,999\n"
                  "ann,armas-year,2008\n")
    result = score(tmp_path, sheet, "--format", "json")
    assert result.returncode == 0  # a warning, not a failure
    assert "sheet.csv:3: ann answered cases already at line 2; that first answer counts" in (
        result.stderr)
    data = json.loads(result.stdout)
    assert data["rows"][1]["duplicate_of"] == 2 and data["rows"][1]["counted"] is False
    assert data["students"] == [{"student": "ann", "score": 2.0, "scored": 2, "not_scored": 0,
                                 "duplicates": 1}]
    assert data["duplicates"] == 1 and data["complete"] is True


@pytest.mark.parametrize(
    ("delimiter", "encoding", "said"),
    [
        (";", "cp1252", "read as Windows-1252, semicolon-separated"),
        ("\t", "utf-8", "read as UTF-8, tab-separated"),
        (",", "cp1252", "read as Windows-1252, comma-separated"),
        (";", "utf-8-sig", "read as UTF-8, semicolon-separated"),
    ],
)
def test_dialect_and_encoding_are_sniffed_and_said(tmp_path: Path, delimiter: str,
                                                   encoding: str, said: str) -> None:
    rows = [["student", "question", "response"], ["Zoë", "melson", "Kenneth Melson"],
            ["Jérôme", "cases", "276"], ["Zoë", "states", "California; Texas; New Mexico"]]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    result = score(tmp_path, write(tmp_path, out.getvalue(), encoding=encoding), "--format",
                   "json")
    assert result.returncode == 0, result.stderr
    assert said in result.stderr
    data = json.loads(result.stdout)
    assert [(r["student"], r["outcome"]) for r in data["rows"]] == [
        ("Zoë", "correct"), ("Jérôme", "correct"), ("Zoë", "correct")]


def test_a_bom_alone_says_nothing(tmp_path: Path) -> None:
    result = score(tmp_path, write(tmp_path, "student,question,response\nann,cases,276\n",
                                   encoding="utf-8-sig"))
    assert result.returncode == 0 and result.stderr == ""
    assert "| 2 | ann | cases | 276 | correct | 1 | correct |" in result.stdout


# -- hostile text -----------------------------------------------------------------------------

HOSTILE = (
    "student,question,response\n"
    '"=HYPERLINK(""http://x"",""y"")",cases,276\n'
    "ann,melson,\x1b]2;owned\x07\x1b[2J<script>alert(1)</script>\n"
    "ann,cases,+SUM(A1:A9)\n"
    "bob,cases,-2+3\n"
    "bob,melson,@cmd\n"
    'cat,cases,"\t=1+1"\n'
    'cat,melson,"\r=1+1"\n'
    "dan,melson,Kenneth | Melson & [co](javascript:x) **b**\n"
)


def test_csv_output_neutralises_formulas_and_escape_codes(tmp_path: Path) -> None:
    result = score(tmp_path, write(tmp_path, HOSTILE), "--format", "csv")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert {len(row) for row in table} == {9}
    cells = [cell for row in table[1:] for cell in row]
    # No cell a spreadsheet reads as a formula: = + - @ tab CR, first or after a tab or CR.
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert table[1][1] == "'=HYPERLINK(\"http://x\",\"y\")"
    responses = [row[3] for row in table[1:]]
    assert responses[:5] == ["276", "\\x1b]2;owned\\x07\\x1b[2J<script>alert(1)</script>",
                             "'+SUM(A1:A9)", "'-2+3", "'@cmd"]
    assert responses[5] == "'\t=1+1" and responses[6] == "'\\x0d=1+1"
    assert result.stderr == ""


def test_md_output_escapes_html_markup_and_escape_codes(tmp_path: Path) -> None:
    result = score(tmp_path, write(tmp_path, HOSTILE))
    out = result.stdout
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "Kenneth \\| Melson &amp; \\[co\\](javascript:x) \\*\\*b\\*\\*" in out
    assert "\\\\x1b\\]2;owned\\\\x07\\\\x1b\\[2J" in out  # the escape codes, spelled out
    # Every table row still has its 7 cells: no | from a student splits one.
    rows = [line for line in out.splitlines() if line.startswith("| ") and "line" not in line][:8]
    assert all(line.replace("\\|", "").count("|") == 8 for line in rows)


def test_json_output_escapes_controls_and_stays_json(tmp_path: Path) -> None:
    result = score(tmp_path, write(tmp_path, HOSTILE + "eve,cases,\x7f\x9b2J\n"), "--format",
                   "json")
    out = result.stdout
    assert "\x1b" not in out and "\x7f" not in out and "\x9b" not in out
    data = json.loads(out)
    assert data["rows"][1]["response"] == "\x1b]2;owned\x07\x1b[2J<script>alert(1)</script>"
    assert data["rows"][-1]["response"] == "\x7f\x9b2J"


def test_stderr_spells_out_escape_codes_from_the_sheet(tmp_path: Path) -> None:
    result = score(tmp_path, write(tmp_path, "student,question,response\n"
                                   "\x1b[2Jann,\x1b]2;x\x07nope,1\n"))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\\x1b" in result.stderr


# -- scores for people ------------------------------------------------------------------------


def test_scores_are_rounded_for_people(tmp_path: Path) -> None:
    sheet = write(tmp_path, "student,question,response\nann,states,California\n"
                  "ann,cases,276\nann,melson,Kenneth Melson\nann,armas-year,2008\n")
    md = score(tmp_path, sheet).stdout
    assert "| 2 | ann | states | California | incorrect | 0.3 | 1 of 3;" in md
    assert "| ann | 3.3 | 4 | 0 | 0 |" in md and "3.33" not in md
    data = json.loads(score(tmp_path, sheet, "--format", "json").stdout)
    assert data["rows"][0]["score"] == 0.3 and data["students"][0]["score"] == 3.3
    totals = tmp_path / "t.csv"
    table = score(tmp_path, sheet, "--format", "csv", "--totals", str(totals)).stdout
    assert "2,ann,states,California,incorrect,0.3," in table
    assert totals.read_text().splitlines()[1] == "ann,3.3,4,0,0"


# -- streaming --------------------------------------------------------------------------------


def test_rows_are_written_as_they_are_read(small_pack) -> None:
    """Each row is in the output before the next record is read (nothing is held back)."""
    out = io.StringIO()
    written_before: list[int] = []

    def records() -> Iterator[Record]:
        for number in range(2, 12):
            written_before.append(out.getvalue().count("\n"))
            yield Record(number, [f"s{number}", "cases", "276"])

    for fmt, first_row_lines in (("md", 2), ("csv", 1), ("json", 2)):
        out.seek(0)
        out.truncate()
        written_before.clear()
        sheet = Sheet(Path("sheet.csv"), SheetFormat("UTF-8", ","), list(REQUIRED), [0, 1, 2],
                      records())
        write_report(grade(small_pack, sheet), fmt, out)
        # before record k is read, the header and the k - 1 rows before it are out
        assert written_before == [first_row_lines + k for k in range(10)], fmt


def test_remembered_verdicts_are_the_checkers(tmp_path: Path, small_pack) -> None:
    from study.checking import check

    responses = ["ICE", "ice", "ATF", "Immigration and Customs Enforcment", "i dunno",
                 "Kenneth Melson", "ICE "]
    rows = "".join(f"s{i},{fact},{r}\n" for i, r in enumerate(responses * 3)
                   for fact in ("armas-agency", "melson"))
    sheet = open_sheet(write(tmp_path, "student,question,response\n" + rows),
                       small_pack.facts_by_id)
    graded = list(grade(small_pack, sheet, checker_judge(small_pack)))
    assert len(graded) == 42 and {r.outcome for r in graded} >= {"correct", "incorrect"}
    for row in graded:
        verdict = check(small_pack.facts_by_id[row.question], row.response, small_pack)
        assert (row.outcome, row.reason) == (str(verdict.outcome), verdict.reason)


def test_an_unknown_question_id_names_the_ids_meant(tmp_path: Path, small_pack) -> None:
    sheet = ("student,question,response\nann,armas-yaer,2008\nbob,armas,ICE\n"
             "cat,zzz-unrelated,x\n")
    report = score_sheet(small_pack, write(tmp_path, sheet))
    typo, part, none = (p.message for p in report.problems)
    assert "unknown question id 'armas-yaer' (did you mean armas-year?" in typo
    assert "did you mean" in part and "armas-year" in part and "armas-agency" in part
    assert none == "unknown question id 'zzz-unrelated'"


def test_a_response_with_escape_codes_is_graded_as_a_typed_one_is(tmp_path: Path,
                                                                   small_pack) -> None:
    sheet = "student,question,response\nann,armas-year,\x1b[31m2008\x1b[0m\n"
    [row] = score_sheet(small_pack, write(tmp_path, sheet)).rows
    assert (row.outcome, row.score) == ("correct", 1.0)
    out = io.StringIO()
    write_report(iter([row]), "csv", out, "sheet.csv")
    assert "\x1b" not in out.getvalue()  # shown spelled out, never sent to a terminal


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_a_utf16_sheet_is_read_by_its_byte_order_mark(tmp_path: Path, small_pack, codec) -> None:
    # Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated
    text = "student\tquestion\tresponse\nJosé\tarmas-year\t2008\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "unicode.txt"
    path.write_bytes(data)
    report = score_sheet(small_pack, path)
    assert [(r.student, r.outcome) for r in report.rows] == [("José", "correct")]
    assert report.format.describe() == "read as UTF-16, tab-separated"
