"""The pack loader reports every problem with its file, line and field."""

from __future__ import annotations

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
