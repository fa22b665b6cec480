"""The pack loader reports every problem with its file, line and field."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from study.errors import PackError, Problem
from study.pack.loader import load_pack, slugify


def problems(root: Path) -> list[Problem]:
    with pytest.raises(PackError) as caught:
        load_pack(root)
    return caught.value.problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_small_pack_loads(small_pack) -> None:
    assert small_pack.summary() == "1 sources, 4 passages, 10 facts, 3 topics"
    assert "border#agencies" in small_pack.passages
    assert small_pack.passages["border#programs"].heading == "Programs"  # slug derived
    assert small_pack.facts_by_id["melson"].line == line_of(
        Path(small_pack.root) / "questions/facts.yaml", "id: melson"
    )


def test_slugify_folds_accents_and_punctuation() -> None:
    assert slugify("Operación Armas Cruzadas!") == "operacion-armas-cruzadas"


def test_bad_yaml_is_located(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    edit(facts, "  kind: agency\n", "  kind: [agency\n")
    [problem] = problems(pack_copy)
    assert problem.path == "questions/facts.yaml"
    assert problem.line >= line_of(facts, "kind: [agency")
    assert "bad YAML" in problem.message


def test_unknown_field_is_reported_at_its_line(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    edit(facts, "  topic: agencies\n  explain: The program", "  topic: agencies\n  colour: red\n"
         "  explain: The program")
    [problem] = problems(pack_copy)
    assert problem.line == line_of(facts, "colour: red")
    assert problem.field == "colour"
    assert "unknown field 'colour'" in problem.message
    assert "armas-agency" in problem.message


def test_missing_field_names_the_field_and_fact(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    edit(facts, "  cite: border#figures\n  topic: figures\n  distractors: [\"267\"",
         "  topic: figures\n  distractors: [\"267\"")
    [problem] = problems(pack_copy)
    assert problem.line == line_of(facts, "id: cases")
    assert "missing required field 'cite'" in problem.message


def test_wrong_kind_lists_the_kinds(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    edit(facts, "  kind: money", "  kind: cash")
    [problem] = problems(pack_copy)
    assert problem.line == line_of(facts, "kind: cash")
    assert "'cash' is not one of" in problem.message and "percent" in problem.message


def test_duplicate_ids_point_to_the_first(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    edit(facts, "id: cases", "id: money")
    [problem] = problems(pack_copy)
    assert "duplicate fact id 'money'" in problem.message
    assert f"questions/facts.yaml:{line_of(facts, 'id: money')}" in problem.message


def test_citation_to_a_missing_passage_suggests_one(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    edit(facts, "cite: border#figures\n  topic: figures\n  distractors: [\"$10",
         "cite: border#figure\n  topic: figures\n  distractors: [\"$10")
    [problem] = problems(pack_copy)
    assert problem.field == "cite"
    assert "'border#figure'" in problem.message and "did you mean 'border#figures'" in (
        problem.message
    )


def test_answer_not_in_cited_passage(pack_copy: Path) -> None:
    edit(pack_copy / "questions/facts.yaml", 'answer: "276"', 'answer: "277"')
    [problem] = problems(pack_copy)
    assert "does not state the answer '277'" in problem.message


def test_list_item_not_in_passage_is_named(pack_copy: Path) -> None:
    edit(pack_copy / "questions/facts.yaml", "[California, New Mexico, Texas]",
         "[California, Arizona, Texas]")
    [problem] = problems(pack_copy)
    assert "does not state 'Arizona'" in problem.message


def test_list_answer_shape_is_checked(pack_copy: Path) -> None:
    edit(pack_copy / "questions/facts.yaml", "answer: [California, New Mexico, Texas]",
         "answer: California")
    [problem] = problems(pack_copy)
    assert "must be a YAML list" in problem.message


def test_truefalse_answer_must_be_true_or_false(pack_copy: Path) -> None:
    edit(pack_copy / "questions/facts.yaml", 'answer: "false"', 'answer: "nope"')
    [problem] = problems(pack_copy)
    assert "'true' or 'false'" in problem.message


def test_every_problem_is_reported_at_once(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    edit(facts, "  kind: money", "  kind: cash")
    edit(facts, 'answer: "276"', 'answer: "277"')
    edit(pack_copy / "corpus/border.md", "title:", "tittle:")
    found = problems(pack_copy)
    assert len(found) >= 3
    assert {p.path for p in found} == {"questions/facts.yaml", "corpus/border.md"}


def test_front_matter_problems(pack_copy: Path) -> None:
    corpus = pack_copy / "corpus/border.md"
    edit(corpus, "kind: magazine feature\n", "")
    messages = [str(p) for p in problems(pack_copy)]
    assert any("corpus/border.md:" in m and "missing required field 'kind'" in m
               for m in messages)


def test_missing_front_matter(pack_copy: Path) -> None:
    corpus = pack_copy / "corpus/border.md"
    corpus.write_text("## Just a heading\n\nText.\n")
    messages = [str(p) for p in problems(pack_copy)]
    assert "corpus/border.md:1: missing front matter: the file must start with a '---' line" in (
        messages
    )


def test_text_before_first_heading_and_empty_passage(pack_copy: Path) -> None:
    corpus = pack_copy / "corpus/border.md"
    edit(corpus, "## Two agencies {#agencies}", "Stray text.\n\n## Empty one\n\n## Two agencies "
         "{#agencies}")
    found = problems(pack_copy)
    stray = line_of(corpus, "Stray text.")
    assert any(p.line == stray and "before the first" in p.message for p in found)
    assert any(p.line == line_of(corpus, "## Empty one") and "is empty" in p.message
               for p in found)


def test_not_a_pack(tmp_path: Path) -> None:
    [problem] = problems(tmp_path)
    assert "not a content pack" in problem.message


def test_glossary_errors_are_located(pack_copy: Path) -> None:
    glossary = pack_copy / "corpus/glossary.yaml"
    edit(glossary, "  kind: person\n  aliases", "  kind: human\n  aliases")
    [problem] = problems(pack_copy)
    assert problem.path == "corpus/glossary.yaml"
    assert problem.line == line_of(glossary, "kind: human")


def test_a_glossary_name_split_at_its_commas_is_an_error(pack_copy: Path) -> None:
    glossary = pack_copy / "corpus/glossary.yaml"
    edit(glossary, "  short: ATF\n  kind: agency\n",
         "  short: ATF\n  kind: agency\n  aliases: [Bureau of Alcohol, Tobacco and Firearms]\n")
    [problem] = problems(pack_copy)
    assert problem.line == line_of(glossary, "[Bureau of Alcohol, Tobacco and Firearms]")
    assert problem.field == "aliases"
    assert "'Bureau of Alcohol, Tobacco and Firearms' looks like one name split" in problem.message
    # quoted, the same name is fine
    edit(glossary, "[Bureau of Alcohol, Tobacco and Firearms]",
         '["Bureau of Alcohol, Tobacco and Firearms"]')
    atf = next(e for e in load_pack(pack_copy).glossary if e.short == "ATF")
    assert atf.aliases == ["Bureau of Alcohol, Tobacco and Firearms"]


def test_a_split_name_is_found_whatever_its_case(pack_copy: Path) -> None:
    glossary = pack_copy / "corpus/glossary.yaml"
    edit(glossary, "  short: ATF\n  kind: agency\n",
         "  short: ATF\n  kind: agency\n  aliases: [bureau of alcohol, tobacco and firearms]\n")
    [problem] = problems(pack_copy)
    assert problem.field == "aliases" and "split at its commas" in problem.message


# -- hostile content --------------------------------------------------------------------------

ESCAPES = r"\e]2;owned\a\e[2J"  # as YAML escapes: ESC ] 2 ; owned BEL, ESC [ 2 J


def test_control_characters_in_a_prompt_are_reported_and_removed(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    edit(facts, "  prompt: Who was acting director of ATF?",
         f'  prompt: "Who was acting director{ESCAPES} of ATF?"')
    pack = load_pack(pack_copy)  # a warning, not an error: the pack loads
    assert pack.facts_by_id["melson"].prompt == "Who was acting director of ATF?"
    [warning] = pack.warnings
    assert warning.severity == "warning" and warning.path == "questions/facts.yaml"
    assert warning.line == line_of(facts, "Who was acting director")
    assert "control characters (ESC, BEL)" in warning.message


def test_control_characters_anywhere_in_a_pack_are_reported(pack_copy: Path) -> None:
    corpus, glossary = pack_copy / "corpus/border.md", pack_copy / "corpus/glossary.yaml"
    facts = pack_copy / "questions/facts.yaml"
    edit(corpus, 'title: "A test article', 'title: "A test\\e[2J article')  # front matter
    edit(corpus, "share the work.", "share the \x1b[31mwork\x1b[0m.")  # raw, in a passage
    edit(corpus, "## Programs", "## Pro\x9b2Jgrams")  # raw C1, in a heading
    edit(glossary, "  short: GAO", '  short: "G\\x1bAO"')  # glossary
    edit(facts, "distractors: [ATF, GAO, CBP]", 'distractors: [ATF, "GAO\\a", CBP]')
    edit(facts, "explain: ICE began", 'explain: "\\x9d0;t\\x07ICE began')
    edit(facts, "Armas Cruzadas in 2008.\n", 'Armas Cruzadas in 2008."\n')
    pack = load_pack(pack_copy)
    where = {(w.path, w.line) for w in pack.warnings}
    assert where == {
        ("corpus/border.md", line_of(corpus, "A test\\e[2J")),
        ("corpus/border.md", line_of(corpus, "share the")),
        ("corpus/border.md", line_of(corpus, "## Pro")),
        ("corpus/glossary.yaml", line_of(glossary, "G\\x1bAO")),
        ("questions/facts.yaml", line_of(facts, '"GAO\\a"')),
        ("questions/facts.yaml", line_of(facts, "explain: \"\\x9d")),
    }
    texts = [pack.sources["border"].title, *(p.text for p in pack.passages.values()),
             *(p.heading for p in pack.passages.values()),
             *(name for e in pack.glossary for name in e.names),
             *(t for f in pack.facts for t in (f.prompt, f.explain or "", *f.distractors))]
    assert not [t for t in texts if any(c in t for c in "\x1b\x07\x9b\x9d")]
    assert pack.passages["border#programs"].heading == "Programs"
    assert "share the work." in pack.passages["border#agencies"].text


def test_an_alias_bomb_is_refused_at_once_with_a_short_message(pack_copy: Path) -> None:
    levels = "".join(f"&{c} [" for c in "ihgfedcb") + '&a ["lol"' + ',"lol"' * 8 + "]"
    levels += "".join(f"{',*' + c * 1}" * 8 + "]" for c in "abcdefgh")
    bomb = pack_copy / "questions/z.yaml"
    bomb.write_text(f"- id: bomb\n  prompt: What?\n  answer: x\n  kind: {levels}\n"
                    "  cite: border#figures\n  topic: figures\n")
    assert len(bomb.read_bytes()) < 500
    # In a child, so that a regression (it ran past 120 s and 5.5 GB) fails instead of hanging.
    code = (f"from study.pack.loader import load_pack\nfrom study.errors import PackError\n"
            f"try:\n    load_pack({str(pack_copy)!r})\nexcept PackError as e:\n    print(e)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=20, check=False)
    assert "questions/z.yaml:4: bad YAML: YAML aliases here expand" in result.stdout
    assert len(result.stdout) < 400


def test_small_aliases_are_fine_and_a_self_referring_one_is_not(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    edit(facts, "distractors: [ATF, GAO, CBP]", "distractors: &agencies [ATF, GAO, CBP]")
    (pack_copy / "questions/more.yaml").write_text(
        "- id: again\n  prompt: Which agency led Project Gunrunner?\n  answer: ATF\n"
        "  kind: agency\n  cite: border#programs\n  topic: programs\n"
        "  distractors: &more [ICE, GAO, CBP]\n- id: again2\n  prompt: Which agency began "
        "Project Gunrunner?\n  answer: ATF\n  kind: agency\n  cite: border#programs\n"
        "  topic: programs\n  distractors: *more\n")
    assert load_pack(pack_copy).facts_by_id["again2"].distractors == ["ICE", "GAO", "CBP"]
    (pack_copy / "questions/more.yaml").write_text("- &a [*a]\n")
    [problem] = problems(pack_copy)
    assert problem.line == 1 and "refers to a value that contains it" in problem.message


def test_a_huge_value_is_cut_in_messages(pack_copy: Path) -> None:
    edit(pack_copy / "questions/facts.yaml", "  kind: money", "  kind: " + "cash" * 25_000)
    [problem] = problems(pack_copy)
    assert "is not one of" in problem.message and len(problem.message) < 300


_CHILD = """
import sys
from study.errors import PackError
from study.pack.loader import load_pack
try:
    pack = load_pack(sys.argv[1])
except PackError as error:
    print(error)
else:
    for passage in pack.passages.values():
        print(passage.slug, len(passage.heading), passage.heading[:3], passage.heading[-3:])
"""


def _load_in_child(root: Path) -> subprocess.CompletedProcess[str]:
    # A child with a timeout: a regression hangs visibly (and fails) instead of blocking pytest.
    return subprocess.run([sys.executable, "-c", _CHILD, str(root)], capture_output=True,
                          text=True, timeout=10, check=False)


def test_a_100000_character_heading_line_loads_at_once(pack_copy: Path) -> None:
    # The old pattern took 26.7 s on 2,000 spaces and 208 s on 4,000: 100,000 would never end.
    corpus = pack_copy / "corpus/border.md"
    edit(corpus, "## Programs", "## Pro" + " " * 100_000 + "grams {#programs}")
    edit(corpus, "## Figures {#figures}", "## Fig" + " " * 100_000 + "ures {#figures}  "
         + " " * 100_000)
    edit(corpus, "ATF began Project", "ATF" + " " * 100_000 + "began Project")
    result = _load_in_child(pack_copy)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "programs 100008 Pro ams" in lines and "figures 100007 Fig res" in lines


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "too-large"])
def test_only_regular_files_of_a_bounded_size_are_read(pack_copy: Path, kind: str) -> None:
    target = pack_copy / "questions/z.yaml"
    if kind == "fifo":
        os.mkfifo(target)
        said = "questions/z.yaml: not a regular file"
    elif kind == "dev-zero":
        target.symlink_to("/dev/zero")
        said = "questions/z.yaml: not a regular file"
    elif kind == "folder":
        target.mkdir()
        said = "questions/z.yaml: is a folder, not a file"
    else:
        with target.open("wb") as handle:
            handle.truncate(6_000_000)
        said = "questions/z.yaml: the file is over 5 MB (6.0 MB)"
    if kind == "fifo":  # a plain read blocks on a FIFO for good: in a child, with a timeout
        result = _load_in_child(pack_copy)
        assert said in result.stdout, result.stdout + result.stderr
    else:
        assert [p for p in map(str, problems(pack_copy)) if p.startswith(said)]


def test_a_file_that_is_not_utf8_is_located(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    facts.write_bytes(facts.read_bytes().replace(b"acting director", b"acting d\xe9rector"))
    [problem] = problems(pack_copy)
    assert problem.line == 19 and "not UTF-8 text: byte 0xe9" in problem.message


# -- one cause, one report --------------------------------------------------------------------


def test_a_misspelt_front_matter_field_is_reported_once(pack_copy: Path) -> None:
    corpus = pack_copy / "corpus/border.md"
    edit(corpus, "title:", "titel:")
    with pytest.raises(PackError) as caught:
        load_pack(pack_copy)
    # not 10 more "cites ..., which is not a passage": its passages load all the same
    [problem] = caught.value.problems
    assert caught.value.warnings == []
    assert problem.line == line_of(corpus, "titel:")
    assert problem.message == "unknown field 'titel' (did you mean 'title'?)"


def test_a_misspelt_fact_field_is_reported_once(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    edit(facts, "  prompt: How many cases", "  promt: How many cases")
    [problem] = problems(pack_copy)
    assert problem.line == line_of(facts, "promt:")
    assert "unknown field 'promt' (did you mean 'prompt'?)" in problem.message


def test_a_source_that_cannot_load_is_one_error_and_one_note(pack_copy: Path) -> None:
    corpus = pack_copy / "corpus/border.md"
    edit(corpus, "id: border", "idd: border")
    with pytest.raises(PackError) as caught:
        load_pack(pack_copy)
    [problem] = caught.value.problems
    assert problem.line == 2 and "unknown field 'idd' (did you mean 'id'?)" in problem.message
    [note] = caught.value.warnings
    assert note.message.startswith("10 facts cite passages of corpus/border.md, which did not load")


def test_yaml_errors_are_reported_on_the_line_that_has_them(pack_copy: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    original = facts.read_text()
    cases = [
        ('  answer: "276"', '  answer: "276', '  answer: "276'),  # unclosed double quote
        ("  prompt: How much did ATF spend?", "  prompt: 'How much did ATF spend?",
         "  prompt: 'How much"),  # unclosed single quote, closed far below
        ("  kind: number\n  cite: border#figures\n  topic: figures\n  distractors: [\"267\"",
         "  kind: number\n   cite: border#figures\n  topic: figures\n  distractors: [\"267\"",
         "   cite: border#figures"),  # bad indent
        ("  distractors: [\"40 percent\", \"65 percent\", \"50 percent\"]",
         "  distractors: [\"40 percent\", \"65 percent\", \"50 percent\"",
         "  distractors: [\"40 percent\""),  # unclosed [
    ]
    for old, new, needle in cases:
        facts.write_text(original)
        edit(facts, old, new)
        [problem] = problems(pack_copy)
        assert "bad YAML" in problem.message
        assert problem.line == line_of(facts, needle), (new, problem)
    corpus = pack_copy / "corpus/border.md"
    edit(corpus, 'period: "2009"', 'period: "2009')
    facts.write_text(original)
    found = problems(pack_copy)
    assert [(p.path, p.line) for p in found] == [("corpus/border.md", line_of(corpus, "period:"))]


def test_no_such_folder_and_not_a_folder(tmp_path: Path) -> None:
    [problem] = problems(tmp_path / "nope")
    assert problem.message == "no such folder"
    (tmp_path / "file").write_text("x")
    [problem] = problems(tmp_path / "file")
    assert problem.message == "not a folder"


def test_a_question_file_that_does_not_parse_is_the_one_problem_said(tmp_path: Path) -> None:
    # Its facts are unknown, so links to them elsewhere (disagreements.yaml) are not reported
    # as missing ids with guesses: the parse error is the problem.
    import shutil

    from conftest import REPO

    pack_copy = tmp_path / "pack"
    for folder in ("corpus", "questions"):
        shutil.copytree(REPO / folder, pack_copy / folder)
    facts = pack_copy / "questions" / "guns-and-drugs.yaml"
    lines = facts.read_text(encoding="utf-8").splitlines()
    lines[40] = "  this is: [broken: yaml"
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(pack_copy)
    problems = caught.value.problems
    assert [(p.path, p.line) for p in problems] == [("questions/guns-and-drugs.yaml", 41)]
    assert "bad YAML" in problems[0].message
