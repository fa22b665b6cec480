"""`study import`: a teacher's spreadsheet as a question file, or every bad row and nothing written."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from conftest import SMALL_PACK, run_main
from study.errors import SheetError, UsageError
from study.formats import table
from study.formats.importer import SheetRowsError, column_letter, import_sheet, make_id
from study.pack.loader import load_pack
from study.pack.models import Fact, Pack

FIELDS = ("id", "prompt", "answer", "accept", "kind", "cite", "topic", "explain", "distractors")


@pytest.fixture
def empty_pack(tmp_path: Path) -> Path:
    """The small pack's corpus with no question file yet."""
    target = tmp_path / "empty"
    shutil.copytree(SMALL_PACK / "corpus", target / "corpus")
    (target / "questions").mkdir()
    return target


def sheet(tmp_path: Path, rows: list[list[str]], name: str = "sheet.csv", delimiter: str = ",",
          encoding: str = "utf-8") -> Path:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    path = tmp_path / name
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def same(a: Fact, b: Fact) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in FIELDS)


HEADER = ["prompt", "answer", "kind", "cite", "topic", "accept", "distractors", "explain"]
GOOD = [
    ["In what year did ICE start Operation Armas Cruzadas?", "2008", "year", "border#programs",
     "Programs", "two thousand eight", "2005; 2006; 2009", "ICE began it in 2008."],
    ["ATF began Project Gunrunner in 2005.", "TRUE", "truefalse", "border#programs", "programs",
     "", "", ""],
    ["In which states did the offices open?", "California; New Mexico; Texas", "list",
     "border#figures", "figures", "", "", ""],
]


def test_a_good_sheet_becomes_a_question_file_the_loader_reads(empty_pack: Path,
                                                               tmp_path: Path) -> None:
    path = sheet(tmp_path, [HEADER, *GOOD], name="term 1.csv")
    result = import_sheet(path, empty_pack)
    assert result.path == empty_pack / "questions/term 1.yaml"
    assert result.facts == 3 and result.generated_ids == 3
    assert "topic 'Programs' is written 'programs'" in result.notes
    pack = load_pack(empty_pack)
    by_prompt = {f.prompt: f for f in pack.facts}
    year = by_prompt[GOOD[0][0]]
    assert (year.id, year.answer, year.kind, year.topic) == (
        "in-what-year-did-ice-start", "2008", "year", "programs")
    assert year.accept == ["two thousand eight"] and year.distractors == ["2005", "2006", "2009"]
    assert year.explain == "ICE began it in 2008."
    assert by_prompt[GOOD[1][0]].answer == "true" and by_prompt[GOOD[1][0]].explain is None
    assert by_prompt[GOOD[2][0]].answer == ["California", "New Mexico", "Texas"]
    assert year.line == 2  # after the header comment


def test_text_that_yaml_would_misread_stays_text(empty_pack: Path, tmp_path: Path) -> None:
    tricky = ["yes", "no", "null", "2008: a year", "- dash", "#hash", ": colon", "{brace}",
              "[bracket]", "'quote'", '"double"', "@at", "*star", "&anchor", "!tag", "%percent",
              "tab\there", "line\nbreak", "Calder\u00f3n \u2014 \u201cquoted\u201d", "true"]
    rows = [["id", "prompt", "answer", "kind", "cite", "topic", "explain"]]
    for n, text in enumerate(tricky):
        rows.append([f"{n:02d}" if n < 3 else "", f"{text} (prompt)", "Calderon", "text",
                     "border#markup", "agencies", text])
    import_sheet(sheet(tmp_path, rows), empty_pack)
    facts = load_pack(empty_pack).facts
    assert [f.explain for f in facts] == tricky
    assert [f.prompt for f in facts] == [f"{t} (prompt)" for t in tricky]
    assert [f.id for f in facts][:3] == ["00", "01", "02"]


def test_every_bad_row_is_reported_and_nothing_written(empty_pack: Path, tmp_path: Path) -> None:
    rows = [
        ["prompt", "answer", "kind", "cite", "topic", "id"],
        ["Q1", "", "year", "border#programs", "p", ""],                     # line 2
        ["Q2", "maybe", "truefalse", "border#program", "p", ""],            # line 3
        ["Q3", "x", "colour", "border#programs", "p", ""],                  # line 4
        ["", "x; y", "list", "border#figures", "p", ""],                    # line 5
        ["Q5", "only one", "list", "border#figures", "p", ""],              # line 6
        ["How much did ATF spend?", "lots", "money", "border#figures", "p", ""],  # line 7
        ["Q7", "Calderon", "text", "border#markup", "p", "Bad Id"],         # line 8
        ["Q8", "Calderon", "text", "border#markup", "p", "dup"],            # line 9
        ["Q9", "Calderon", "text", "border#markup", "p", "dup"],            # line 10
        ["Q10", "Calderon", "text", "border#markup", "???", ""],            # line 11
        ["Q11", "Calderon", "text", "", "p", ""],                           # line 12
    ]
    with pytest.raises(SheetRowsError) as caught:
        import_sheet(sheet(tmp_path, rows), empty_pack)
    found: dict[tuple[int, str], str] = {}
    for p in caught.value.problems:  # two problems of one cell are joined with " | "
        found[(p.line, p.field)] = " | ".join(filter(None, [found.get((p.line, p.field)), p.message]))
    assert found[(2, "answer")] == "column B: the answer is empty"
    assert "a truefalse answer is true or false, not 'maybe'" in found[(3, "answer")]
    assert "did you mean 'border#programs'" in found[(3, "cite")]
    assert found[(3, "cite")].startswith("column D: 'border#program' is not a passage")
    assert "unknown kind 'colour'" in found[(4, "kind")] and found[(4, "kind")].startswith("column C")
    assert found[(5, "prompt")] == "column A: the prompt is empty"
    assert "at least two items" in found[(6, "answer")]
    # What only the pack loader knows is found too, at the row and the column.
    assert "money answer must state a value" in found[(7, "answer")]
    assert found[(7, "answer")].startswith("column B: fact 'how-much-did-atf-spend'")
    assert "'Bad Id' is not an id" in found[(8, "id")] and found[(8, "id")].startswith("column F")
    assert (9, "id") not in found and "already the id of the row on line 9" in found[(10, "id")]
    assert "no letters or digits" in found[(11, "topic")]
    assert found[(12, "cite")] == "column D: the cite is empty"
    assert "does not state the answer 'lots'" in found[(7, "answer")]
    assert len(caught.value.problems) == 12
    assert "nothing was written" in str(caught.value)
    assert list((empty_pack / "questions").iterdir()) == []


def test_ids_are_made_unique_and_never_taken_from_the_pack(pack_copy: Path, tmp_path: Path) -> None:
    row = ["Who was acting director of ATF?", "Kenneth Melson", "person", "border#agencies",
           "agencies", "", "John Morton; Felipe Calderon; Janet Napolitano", ""]
    given = ["x", "Kenneth Melson", "person", "border#agencies", "agencies", "", "", ""]
    rows = [HEADER + ["id"], row + [""], row + [""], given + ["who-was-acting-director-of-atf"]]
    path = sheet(tmp_path, rows)
    result = import_sheet(path, pack_copy)
    ids = [f.id for f in load_pack(pack_copy).facts if f.path.endswith("sheet.yaml")]
    assert ids == ["who-was-acting-director-of-atf-2", "who-was-acting-director-of-atf-3",
                   "who-was-acting-director-of-atf"]
    assert result.generated_ids == 2
    clash = sheet(tmp_path, [["id", *HEADER], ["melson", *row]], name="clash.csv")
    with pytest.raises(SheetRowsError, match="the pack already has a fact 'melson'"):
        import_sheet(clash, pack_copy)
    assert make_id("!!!", set(), "sheet-4") == "sheet-4"
    assert make_id("A B", {"a-b", "a-b-2"}, "x") == "a-b-3"


def test_separators_encodings_and_multiline_cells(empty_pack: Path, tmp_path: Path) -> None:
    rows = [HEADER, [GOOD[0][0], "2008", "year", "border#programs", "programs", "", "",
                     "Two lines:\nICE began it in 2008."], ["Q", "", "year", "border#programs",
                                                            "programs", "", "", ""]]
    for name, delimiter in (("tabs.tsv", "\t"), ("semi.csv", ";"), ("tabs.txt", "\t")):
        with pytest.raises(SheetRowsError) as caught:
            import_sheet(sheet(tmp_path, rows, name=name, delimiter=delimiter), empty_pack)
        # The row after a two-line cell is on line 4, and its empty answer in column B.
        [problem] = caught.value.problems
        assert (problem.line, problem.message) == (4, "column B: the answer is empty")
    windows = [HEADER, ["Whose government fought the cartels? (Calder\u00f3n\u2019s)", "Calderon",
                        "text", "border#markup", "agencies", "", "", "\u2014 the source"]]
    result = import_sheet(sheet(tmp_path, windows, name="win.csv", encoding="cp1252"), empty_pack)
    assert any("Windows-1252" in note for note in result.notes)
    [fact] = load_pack(empty_pack).facts
    assert fact.prompt.endswith("(Calder\u00f3n\u2019s)") and fact.explain == "\u2014 the source"
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + (tmp_path / "win.csv").read_text(encoding="cp1252").encode())
    result = import_sheet(bom, empty_pack)
    assert result.notes == [] and result.facts == 1


def test_refuses_to_overwrite_without_force(empty_pack: Path, tmp_path: Path) -> None:
    path = sheet(tmp_path, [HEADER, *GOOD])
    import_sheet(path, empty_pack)
    with pytest.raises(UsageError, match="already exists: give --force"):
        import_sheet(path, empty_pack)
    # With --force the old file's ids are not counted as taken.
    path = sheet(tmp_path, [["id", *HEADER], ["armas", *GOOD[0]]])
    assert import_sheet(path, empty_pack, force=True).facts == 1
    assert [f.id for f in load_pack(empty_pack).facts] == ["armas"]


def test_sheets_that_cannot_be_read(empty_pack: Path, tmp_path: Path) -> None:
    with pytest.raises(SheetError, match="no such file"):
        import_sheet(tmp_path / "nope.csv", empty_pack)
    with pytest.raises(SheetError, match="missing columns kind, cite, topic"):
        import_sheet(sheet(tmp_path, [["prompt", "answer"], ["a", "b"]]), empty_pack)
    with pytest.raises(SheetError, match="no rows"):
        import_sheet(sheet(tmp_path, [HEADER]), empty_pack)
    with pytest.raises(SheetError, match="repeats the column 'answer'"):
        import_sheet(sheet(tmp_path, [HEADER + ["Answer"], GOOD[0] + ["x"]]), empty_pack)
    with pytest.raises(UsageError, match="not a content pack"):
        import_sheet(sheet(tmp_path, [HEADER, *GOOD]), tmp_path / "nowhere")
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


@pytest.mark.parametrize("which", ["small_pack", "bundled_pack"])
def test_an_exported_csv_imports_back_as_the_same_facts(which: str, request: pytest.FixtureRequest,
                                                        tmp_path: Path) -> None:
    pack: Pack = request.getfixturevalue(which)
    target = tmp_path / "copy"
    shutil.copytree(Path(pack.root) / "corpus", target / "corpus")
    exported = tmp_path / "exported.csv"
    exported.write_text(table.export(pack), encoding="utf-8-sig")
    result = import_sheet(exported, target)
    assert result.facts == len(pack.facts) and result.generated_ids == 0
    back = load_pack(target)
    assert len(back.facts) == len(pack.facts)
    assert all(same(a, b) for a, b in zip(pack.facts, back.facts, strict=True))


def test_import_command(empty_pack: Path, tmp_path: Path) -> None:
    path = sheet(tmp_path, [HEADER + ["notes"], *(row + ["mine"] for row in GOOD)])
    result = run_main("import", str(path), "--into", str(empty_pack))
    assert result.returncode == 0, result.stderr
    assert "3 facts (ids made for 3)" in result.stdout and "ignored column: notes" in result.stderr
    assert len(load_pack(empty_pack).facts) == 3
    again = run_main("import", str(path), "--into", str(empty_pack))
    assert again.returncode == 2 and "--force" in again.stderr
    bad = sheet(tmp_path, [HEADER, ["Q", "x", "colour", "border#programs", "p", "", "", ""]],
                name="bad.csv")
    failed = run_main("import", str(bad), "--into", str(empty_pack))
    assert failed.returncode == 1 and f"{bad}:2: [kind] column C: unknown kind" in failed.stderr
    assert not (empty_pack / "questions/bad.yaml").exists()
    assert "Traceback" not in failed.stderr + again.stderr
