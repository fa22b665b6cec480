"""`study check --sources`: runs of 12 or more words shared with the source article."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_main
from study.errors import UsageError
from study.formats.sources import Shingles, shared_words, words
from study.pack.loader import load_pack

SOURCE = (
    "Immigration and Customs Enforcement agents and the Bureau of Alcohol, Tobacco, Firearms "
    "and Explosives worked side by side for years along the whole Southwest border, "
    "said the report's authors. Nothing else here matters much to anyone."
)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "test.txt").write_text(SOURCE, encoding="utf-8")
    return folder


def test_words_fold_case_accents_and_punctuation() -> None:
    assert words("Calderón's  GOVERNMENT—cracked-down, (it's) “true”.") == [
        "calderons", "government", "cracked", "down", "its", "true"]


def test_maximal_runs_are_reported_once_with_their_length() -> None:
    index = Shingles.of("s.txt", " ".join(f"w{i}" for i in range(40)))
    text = "x " + " ".join(f"w{i}" for i in range(3, 20)) + " y " + " ".join(
        f"w{i}" for i in range(25, 37))
    assert [n for n, _ in index.shared(text)] == [17, 12]
    assert list(index.shared(" ".join(f"w{i}" for i in range(11)))) == []
    # Two copied stretches that touch in the text but not in the source are two runs.
    glued = " ".join(f"w{i}" for i in range(12)) + " " + " ".join(f"w{i}" for i in range(20, 32))
    assert [n for n, _ in index.shared(glued)] == [12, 12]


def test_a_repunctuated_copy_in_a_passage_is_found(pack_copy: Path, sources: Path) -> None:
    corpus = pack_copy / "corpus/border.md"
    text = corpus.read_text(encoding="utf-8")
    # 14 words of the source, re-cased and re-punctuated ("&" is "and").
    copied = ("The Bureau of alcohol; TOBACCO - firearms & explosives worked side-by-side "
              "for years.")
    corpus.write_text(text.replace("Kenneth Melson was acting", copied + " Kenneth Melson was acting"),
                      encoding="utf-8")
    pack = load_pack(pack_copy)
    problems = shared_words(pack, sources)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line) == ("corpus/border.md", pack.passages["border#agencies"].line)
    assert "passage 'border#agencies' shares 14 consecutive words with test.txt" in problem.message
    copy = '"the bureau of alcohol tobacco firearms and explosives worked side by side for years"'
    assert copy in str(problem)


def test_eleven_words_are_not_reported(pack_copy: Path, sources: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "explain: Melson led ATF as acting director.",
        "explain: Firearms and Explosives worked side by side for years along the."),
        encoding="utf-8")
    assert shared_words(load_pack(pack_copy), sources) == []


def test_prompts_and_explains_are_located_at_their_fact(pack_copy: Path, sources: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "explain: Melson led ATF as acting director.",
        "explain: \"Agents worked side by side for years along the whole Southwest border, said "
        "the report's authors.\"").replace(
        "prompt: Who was acting director of ATF?",
        "prompt: Which Immigration and Customs Enforcement agents and the Bureau of Alcohol, "
        "Tobacco, Firearms worked?"), encoding="utf-8")
    pack = load_pack(pack_copy)
    melson = pack.facts_by_id["melson"]
    problems = shared_words(pack, sources)
    assert [(p.path, p.line, p.field) for p in problems] == [
        (melson.path, melson.line, "explain"), (melson.path, melson.line, "prompt")]
    assert "fact 'melson': the explain shares 15 consecutive words" in problems[0].message


def test_a_missing_source_file_is_reported(pack_copy: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    problems = shared_words(load_pack(pack_copy), empty)
    assert len(problems) == 1 and "'test.txt'" in problems[0].message
    assert problems[0].path == "corpus/border.md"
    with pytest.raises(UsageError, match="no such folder"):
        shared_words(load_pack(pack_copy), tmp_path / "nowhere")


def test_check_prints_warnings_and_strict_fails(pack_copy: Path, sources: Path,
                                                tmp_path: Path) -> None:
    facts = pack_copy / "questions/facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "explain: Melson led ATF as acting director.",
        "explain: Agents worked side by side for years along the whole Southwest border, said "
        "the authors."), encoding="utf-8")
    result = run_main("check", "--content", str(pack_copy), "--sources", str(sources),
                      "--min-topic-facts", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ") and "(1 warning, above)" in result.stdout
    assert "study: warning: questions/facts.yaml:" in result.stderr
    assert "[explain] fact 'melson'" in result.stderr
    strict = run_main("check", "--content", str(pack_copy), "--sources", str(sources),
                      "--strict", "--min-topic-facts", "1")
    assert strict.returncode == 1 and "an error under --strict" in strict.stderr
    clean = run_main("check", "--content", str(pack_copy), "--sources", str(sources / "x"),
                     "--min-topic-facts", "1")
    assert clean.returncode == 2 and "no such folder" in clean.stderr
