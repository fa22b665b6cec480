"""The tutor answers from the pack with citations, abstains honestly, gives every version where
the sources disagree, keeps a quiz fair, and treats text as data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_main
from study.errors import PackError
from study.pack.loader import load_pack
from study.pack.models import Pack
from study.tutor import Answer, Citation, Tutor
from study.tutor.lexicon import Lexicon
from study.tutor.question import Want, read, want_of
from study.tutor.text import sentences, tokenize


@pytest.fixture(scope="module")
def tutor(bundled_tutor: Tutor) -> Tutor:
    return bundled_tutor


def study(*args: str, stdin: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDY_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "study", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=60, check=False)


# -- study ask ---------------------------------------------------------------------------------


def test_ask_json_reads_questions_from_stdin_one_object_a_line(tmp_path: Path) -> None:
    questions = "who started Armas Cruzadas?\nwho replaced Melson?\nwhen did Project Gunrunner start?\n"
    result = study("ask", "--json", stdin=questions, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    answers = [json.loads(line) for line in lines]
    for answer in answers:
        assert set(answer) == {"found", "answer", "citations"}
        assert isinstance(answer["found"], bool) and isinstance(answer["answer"], str)
        for citation in answer["citations"]:
            assert set(citation) == {"passage", "source", "heading", "text"}
            assert all(isinstance(v, str) and v for v in citation.values())
    first, second, third = answers
    assert first["found"] and "ICE" in first["answer"]
    assert first["citations"][0]["passage"] == "guns-and-drugs#armas-cruzadas"
    assert not second["found"] and second["answer"].startswith("The articles don't say who replaced Melson.")
    assert third["found"] and "2005" in third["answer"] and "2006" in third["answer"]


def test_ask_plain_prints_the_answer_then_each_citation(tmp_path: Path) -> None:
    result = run_main("ask", "What does BEST stand for?")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "BEST stands for Border Enforcement Security Task Forces."
    assert lines[1] == ("  [1] Guns & Drugs - Napolitano's March pledge and the task forces "
                        "(guns-and-drugs#best-agents)")
    assert lines[2].startswith('      "(The name is often shortened to BEST')


def test_ask_reports_a_bad_pack_without_a_traceback(tmp_path: Path, pack_copy: Path) -> None:
    (pack_copy / "corpus" / "synonyms.yaml").write_text("- [guns]\n")
    result = run_main("ask", "--content", str(pack_copy), "who?")
    assert result.returncode == 1
    assert "corpus/synonyms.yaml:1" in result.stderr and "Traceback" not in result.stderr


# -- answers and citations --------------------------------------------------------------------


def test_a_curated_fact_answers_in_a_full_sentence_citing_its_passage(tutor: Tutor) -> None:
    answer = tutor.ask("In what year did ICE start Operation Armas Cruzadas?")
    assert answer.found and answer.fact_id == "gd-armas-year"
    assert answer.text.startswith("2008. ") and answer.text.endswith(".")
    first = answer.citations[0]
    assert first.passage == "guns-and-drugs#armas-cruzadas"
    assert first.source == "Guns & Drugs" and first.heading == "ICE's role and Operation Armas Cruzadas"
    assert "2008" in first.text
    assert any("2008" in first.text[a:b] for a, b in first.highlights)


def test_a_passage_sentence_answers_when_no_fact_does(tutor: Tutor) -> None:
    answer = tutor.ask("what does CBP do?")
    assert answer.found and answer.fact_id is None
    assert "ports of entry" in answer.text
    assert answer.citations[0].passage == "guns-and-drugs#intelligence-led"
    assert answer.text == answer.citations[0].text


def test_at_most_three_citations_each_quoting_its_passage(tutor: Tutor) -> None:
    pack = tutor.pack
    for question in ("what did the GAO find?", "how many guns were seized in the surge?",
                     "what percentage of the guns in Mexico come from the US?"):
        answer = tutor.ask(question)
        assert 1 <= len(answer.citations) <= 3
        for citation in answer.citations:
            passage = pack.passages[citation.passage]
            assert citation.text in passage.text
            assert citation.source == passage.source.title and citation.heading == passage.heading
            for start, end in citation.highlights:
                assert 0 <= start < end <= len(citation.text)


def test_highlights_mark_the_question_words_and_the_answer(tutor: Tutor) -> None:
    answer = tutor.ask("how many guns were seized during the summer surge?")
    marked = [answer.citations[0].text[a:b] for a, b in answer.citations[0].highlights]
    assert any("680" in m for m in marked)
    assert any("guns" in m for m in marked) and any("seized" in m for m in marked)


def test_the_index_is_built_on_first_use(tutor: Tutor) -> None:
    fresh = Tutor(tutor.pack)
    assert not fresh.built
    fresh.ask("who is Gil Kerlikowske?")
    assert fresh.built
    index = fresh.build()
    assert fresh.build() is index  # built once


def test_answer_to_json_has_exactly_the_contract_keys() -> None:
    citation = Citation("p#x", "Title", "Heading", "Text.", [(0, 4)])
    answer = Answer("q?", True, "Text.", [citation], fact_id="f")
    assert answer.to_json() == {"found": True, "answer": "Text.", "citations": [
        {"passage": "p#x", "source": "Title", "heading": "Heading", "text": "Text."}]}


# -- abstention -------------------------------------------------------------------------------


@pytest.mark.parametrize("question", [
    "who replaced Melson?",
    "when did Melson resign?",
    "how much did Operation Fast and Furious cost?",
])
def test_it_says_so_when_the_articles_do_not_answer(tutor: Tutor, question: str) -> None:
    answer = tutor.ask(question)
    assert not answer.found
    assert answer.text.startswith(("The articles don't say ", "The articles don't answer \""))
    assert " The closest they come: " in answer.text
    closest = answer.text.split(" The closest they come: ", 1)[1]
    assert answer.citations and closest == answer.citations[0].text


@pytest.mark.parametrize(("question", "said"), [
    ("who replaced Melson?", "The articles don't say who replaced Melson."),
    ("what did melson's review end up finding?",
     'The articles don\'t answer "what did melson\'s review end up finding?".'),
    ("how many people did the surge arrest", 'The articles don\'t answer "how many people did the '
     'surge arrest?".'),
])
def test_the_question_the_articles_do_not_answer_is_told_back_in_good_grammar(
        tutor: Tutor, question: str, said: str) -> None:
    # "don't say what did the review find" is no sentence: a question turned round by "did" is
    # quoted as asked
    answer = tutor.ask(question)
    assert not answer.found and answer.text.startswith(said), answer.text


def test_a_learners_whats_is_put_back_as_written_when_the_articles_do_not_say(
        tutor: Tutor) -> None:
    answer = tutor.ask("whats the budget for armas cruzadas")
    assert not answer.found
    assert answer.text.startswith("The articles don't say what's the budget for armas cruzadas.")


def test_a_question_about_nothing_in_the_pack_gets_no_citation(tutor: Tutor) -> None:
    answer = tutor.ask("???")
    assert not answer.found and not answer.citations


# -- disagreeing sources ----------------------------------------------------------------------


def test_disagreeing_dates_are_both_given_with_their_citations(tutor: Tutor) -> None:
    answer = tutor.ask("when did ATF start Project Gunrunner?")
    assert answer.found and answer.disagreement == "gunrunner-start"
    assert "2005" in answer.text and "2006" in answer.text
    cited = {c.passage: c.text for c in answer.citations}
    assert "2005" in cited["guns-and-drugs#gunrunner"]
    assert "2006" in cited["ig-report#successes"]


def test_the_three_meanings_of_90_percent_are_each_cited(tutor: Tutor) -> None:
    answer = tutor.ask("what share of the guns in Mexico come from the United States?")
    assert answer.disagreement == "ninety-percent"
    assert [c.passage for c in answer.citations] == [
        "guns-and-drugs#guns-south", "guns-and-drugs#gao-etrace", "ig-report#ninety-percent"
    ] or {c.passage for c in answer.citations} == {
        "guns-and-drugs#guns-south", "guns-and-drugs#gao-etrace", "ig-report#ninety-percent"}
    assert "dispute" in answer.text and "GAO" in answer.text


def test_a_question_on_one_side_of_a_link_but_another_topic_is_not_a_disagreement(tutor: Tutor) -> None:
    answer = tutor.ask("how many defendants were charged since Project Gunrunner began?")
    assert answer.found and answer.disagreement is None
    assert "800" in answer.text


# -- quiz fairness ----------------------------------------------------------------------------


def test_asking_for_the_open_questions_answer_is_withheld(tutor: Tutor) -> None:
    fact = tutor.pack.facts_by_id["gd-armas-year"]
    for question in ("what year did Armas Cruzadas start?",
                     "In what year did ICE start Operation Armas Cruzadas?",
                     "when did ICE launch Operation Armas Cruzadas?"):
        answer = tutor.ask(question, withhold=fact)
        assert answer.withheld and not answer.found, question
        assert answer.text.startswith("Answer the question first")
        assert "2008" not in answer.text
        assert not any("2008" in c.text for c in answer.citations)


def test_the_sentence_that_states_the_open_answer_is_withheld_too(tutor: Tutor) -> None:
    fact = tutor.pack.facts_by_id["gd-surge-guns"]
    answer = tutor.ask("how many guns did ATF grab in the surge?", withhold=fact)
    assert answer.withheld


def test_unrelated_questions_are_still_answered_during_a_quiz(tutor: Tutor) -> None:
    fact = tutor.pack.facts_by_id["gd-armas-year"]
    for question, expected in (("who was the Homeland Security secretary?", "Napolitano"),
                               ("what does CBP do?", "ports of entry"),
                               ("how many ICE agents work on the southwest border?", "2,000")):
        answer = tutor.ask(question, withhold=fact)
        assert not answer.withheld and answer.found, question
        assert expected in answer.text


# -- text is data -----------------------------------------------------------------------------


def test_markup_in_passages_and_questions_stays_literal(small_pack: Pack) -> None:
    tutor = Tutor(small_pack)
    answer = tutor.ask("Which passage has [bold]literal brackets[/] and Calderon?")
    assert answer.question == "Which passage has [bold]literal brackets[/] and Calderon?"
    assert answer.found
    citation = next(c for c in answer.citations if c.passage == "border#markup")
    assert "[bold]literal brackets[/]" in citation.text
    assert citation.heading == "Markup [red]trap[/]"
    assert citation.source == "A test article [bold]about[/] the border"


# -- question understanding -------------------------------------------------------------------


@pytest.mark.parametrize(("question", "want"), [
    ("who started Armas Cruzadas?", Want.WHO),
    ("which agency runs the BESTs?", Want.AGENCY),
    ("which ATF official ordered the review?", Want.PERSON),
    ("when did the GAO put out its report?", Want.TIME),
    ("what year did Armas Cruzadas start?", Want.TIME),
    ("how many guns were seized?", Want.NUMBER),
    ("how much stimulus money did ATF plan to spend?", Want.MONEY),
    ("what share of the guns come from Texas?", Want.PERCENT),
    ("by how much did seizures rise?", Want.PERCENT),
    ("where was Fast and Furious based?", Want.PLACE),
    ("which city did the surge focus on?", Want.PLACE),
    ("how long did the surge last?", Want.DURATION),
    ("why did ATF let guns walk?", Want.REASON),
    ("how did Morton describe the MOU?", Want.MANNER),
    ("what did the GAO find?", Want.TEXT),
    ("what is eTrace?", Want.DEFINE),
    ("what does BEST stand for?", Want.EXPAND),
    ("did ATF agree with the recommendations?", Want.YESNO),
    ("what was found where Terry was killed?", Want.TEXT),  # the first question word decides
])
def test_the_kind_of_answer_wanted(question: str, want: Want) -> None:
    assert want_of(question) is want


def test_who_is_a_name_asks_for_a_description(tutor: Tutor) -> None:
    index = tutor.build()
    assert read("who is Gil Kerlikowske?", index.lexicon, index.weight).want is Want.DEFINE
    assert read("who is the head of CBP?", index.lexicon, index.weight).want is Want.PERSON


def test_glossary_names_are_one_concept(tutor: Tutor) -> None:
    index = tutor.build()
    short = read("what did ICE start?", index.lexicon, index.weight)
    long = read("what did Immigration and Customs Enforcement start?", index.lexicon, index.weight)
    assert short.terms.keys() == long.terms.keys()
    surname = read("who is Melson?", index.lexicon, index.weight)
    assert [m.concept.label for m in surname.mentions] == ["Kenneth Melson"]


def test_synonyms_are_one_concept_and_find_the_pack_words(tutor: Tutor) -> None:
    index = tutor.build()
    terms = {word: set(read(f"how many {word} were seized?", index.lexicon, index.weight).terms)
             for word in ("guns", "firearms", "weapons")}
    assert terms["guns"] == terms["firearms"] == terms["weapons"]
    # "started" finds the feature's "launched"
    answer = tutor.ask("who started Project Gunrunner?")
    assert answer.found and "ATF" in answer.text
    # "go after" is one of the words for pursuing: the feature's "anti-smuggling work"
    answer = tutor.ask("besides guns what kinds of smuggling does ice go after")
    assert answer.found and "money, people, drugs" in answer.text, answer.text


def test_a_synonym_is_matched_by_its_forms_not_by_a_shared_stem() -> None:
    lexicon = Lexicon.from_groups([(["officer", "cop"], {"synonym"})])
    assert [m.concept.label for m in lexicon.mentions(tokenize("two officers"))] == ["officer"]
    assert lexicon.mentions(tokenize("four offices")) == []  # Snowball stems both to "offic"


def test_an_everyday_word_acronym_counts_only_in_capitals() -> None:
    lexicon = Lexicon.from_groups([(["United States", "US"], {"place"})])
    assert lexicon.mentions(tokenize("tell us more")) == []
    assert [m.concept.label for m in lexicon.mentions(tokenize("guns from the US"))] == ["United States"]


def test_sentences_split_after_a_stop_but_not_after_initials() -> None:
    text = 'Kenneth E. Melson led ATF. Rep. Brian Bilbray spoke. He said "no." Then U.S. agents left.'
    spans = [text[a:b] for a, b in sentences(text)]
    assert spans == ["Kenneth E. Melson led ATF.", "Rep. Brian Bilbray spoke.", 'He said "no."',
                     "Then U.S. agents left."]


# -- the pack's synonym and disagreement files -----------------------------------------------


def _problems(root: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(root)
    return [str(p) for p in caught.value.problems]


def test_synonym_file_errors_are_located(pack_copy: Path) -> None:
    (pack_copy / "corpus" / "synonyms.yaml").write_text(
        "# everyday words\n"
        "- [guns, firearms]\n"
        "- [weapons]\n"
        "- started\n"
        "- [launch, '', start]\n"
        "- [head, Firearms]\n"
    )
    found = _problems(pack_copy)
    assert "corpus/synonyms.yaml:3: a synonym group needs at least two words" in found
    assert "corpus/synonyms.yaml:4: each synonym group must be a [ ] list of words or phrases" in found
    assert any(p.startswith("corpus/synonyms.yaml:5: ''") and "not a word" in p for p in found)
    assert ("corpus/synonyms.yaml:6: 'Firearms' is already in the group at line 2: a word belongs "
            "to one group") in found


def test_bad_yaml_in_the_synonym_file_is_located(pack_copy: Path) -> None:
    (pack_copy / "corpus" / "synonyms.yaml").write_text("- [guns, firearms\n- [a, b]\n")
    found = _problems(pack_copy)
    # reported where the [ that is never closed opens
    assert len(found) == 1 and found[0].startswith("corpus/synonyms.yaml:1: bad YAML")


def test_disagreement_file_errors_are_located(pack_copy: Path) -> None:
    (pack_copy / "corpus" / "disagreements.yaml").write_text(
        "- id: start\n"
        "  about: when it began\n"
        "  facts: [armas-year, armas-yeer]\n"
        "- id: alone\n"
        "  about: one version\n"
        "  facts: [melson]\n"
        "- id: same-passage\n"
        "  about: two facts, one passage\n"
        "  facts: [armas-year, armas-agency]\n"
        "- id: extra\n"
        "  about: x\n"
        "  facts: [armas-year, melson]\n"
        "  colour: red\n"
        "- id: statement\n"
        "  about: a true/false statement\n"
        "  facts: [armas-year, gunrunner-tf]\n"
        "- id: start\n"
        "  about: the same id again\n"
        "  facts: [armas-year, melson]\n"
        "- id: four\n"
        "  about: too many versions\n"
        "  facts: [armas-year, melson, money, cases]\n"
    )
    found = _problems(pack_copy)
    assert ("corpus/disagreements.yaml:3: [facts] start: no fact has the id 'armas-yeer' "
            "(did you mean 'armas-year'?)") in found
    assert any(p.startswith("corpus/disagreements.yaml:6: [facts]") and "at least 2" in p for p in found)
    assert any(p.startswith("corpus/disagreements.yaml:9: [facts] same-passage: the facts all cite "
                            "one passage") for p in found)
    assert "corpus/disagreements.yaml:13: [colour] unknown field 'colour'" in found
    assert ("corpus/disagreements.yaml:16: [facts] statement: 'gunrunner-tf' is a true/false "
            "statement, not an answer") in found
    assert "corpus/disagreements.yaml:17: [id] duplicate disagreement id 'start' (first at line 1)" in found
    assert any(p.startswith("corpus/disagreements.yaml:22: [facts] four: at most three facts") for p in found)


def test_the_bundled_pack_has_synonyms_and_disagreements(tutor: Tutor) -> None:
    pack = tutor.pack
    assert any("firearm" in g.words and "weapon" in g.words for g in pack.synonyms)
    assert {"gunrunner-start", "ninety-percent"} <= {d.id for d in pack.disagreements}


def test_the_tutor_never_imports_textual_or_rich() -> None:
    code = ("import sys, study.tutor, study.commands.ask; t = study.tutor;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=REPO)
    assert result.stdout.strip() == "[]"


def test_an_answer_that_ends_with_its_quote_says_it_once(tutor: Tutor, tmp_path: Path) -> None:
    answer = tutor.ask("who replaced Melson?")
    assert not answer.found and answer.citations
    closest = answer.citations[0]
    assert answer.text.endswith(closest.text) and answer.says(closest)
    assert not answer.says(Citation("x#y", "X", "Y", "another sentence."))
    out = run_main("ask", "who replaced Melson?").stdout
    assert out.count(closest.text) == 1, out
    assert json.loads(run_main("ask", "--json", "who replaced Melson?").stdout)["citations"][0]["text"] == \
        closest.text  # the JSON contract still quotes every citation


def test_escape_codes_in_a_question_are_removed_before_it_is_read(tutor: Tutor,
                                                                  tmp_path: Path) -> None:
    plain = tutor.ask("who started Project Gunrunner?")
    hostile = tutor.ask("\x1b]2;pwned\x07who started \x1b[2JProject Gunrunner?")
    assert hostile.found and hostile.text == plain.text
    out = run_main("ask", "\x1b[2Jwho replaced Melson?").stdout
    assert "\x1b" not in out and "don't say" in out


def test_an_index_is_shared_only_with_a_tutor_of_its_own_pack(tutor: Tutor, small_pack) -> None:
    shared = Tutor(tutor.pack, without=("spelling",), index=tutor.build())
    assert shared.built and shared.build() is tutor.build()
    with pytest.raises(ValueError, match="another pack"):
        Tutor(small_pack, index=tutor.build())
