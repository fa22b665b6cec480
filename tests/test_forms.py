"""Question forms as the learner sees them: fill-in-the-blank sentences, hints, the answer."""

from __future__ import annotations

import random
import re

import pytest

from study.checking import context_for
from study.checking.matching import as_tokens
from study.quiz import Form, Question, display_answer
from study.quiz.forms import _LEANING, BLANK, cloze_sentence, make_question
from study.quiz.hints import hint_for


def test_cloze_sentences_stand_alone_and_hide_the_answer(bundled_pack) -> None:
    ctx = context_for(bundled_pack)
    made = 0
    for fact in bundled_pack.facts:
        sentence = cloze_sentence(fact, bundled_pack)
        if sentence is None:
            continue
        made += 1
        assert sentence.count(BLANK) == 1, (fact.id, sentence)
        first = sentence.split()[0].strip("\"'(").lower()
        assert first not in _LEANING, (fact.id, sentence)  # "He points readers to ..."
        words = as_tokens(sentence.replace(BLANK, " "))
        for form in ctx.answer_forms(fact, fact.kind):
            n = len(form)
            assert not any(words[i:i + n] == form for i in range(len(words) - n + 1)), \
                (fact.id, form, sentence)  # "the _____ (GAO)", a second "ICE"
    assert made >= 100


def test_a_sentence_that_names_the_answer_twice_is_not_a_cloze(bundled_pack) -> None:
    """"_____ then assigned ... BESTs, teams that ICE heads": the answer is still there."""
    fact = bundled_pack.facts_by_id["gd-best-leader"]
    sentence = cloze_sentence(fact, bundled_pack)
    assert sentence is None or "ICE" not in sentence


def question(pack, fact_id: str, form: str = "short") -> Question:
    return make_question(pack.facts_by_id[fact_id], pack, random.Random(1), form)


def test_hints_go_further_each_time(bundled_pack) -> None:
    q = question(bundled_pack, "ff-dodson")
    texts = [hint_for(q, level).text for level in (1, 2, 3)]
    assert len(set(texts)) == 3
    assert "Dodson" not in " ".join(texts)
    assert hint_for(q, 3).last and not hint_for(q, 1).last


def test_an_acronym_hint_does_not_give_it_away(bundled_pack) -> None:
    q = question(bundled_pack, "gd-best-leader")
    first = hint_for(q, 1).text
    assert "acronym of 3 letters" in first and "I" not in first.replace("It", "")
    assert hint_for(q, 2).text.endswith("I__") and hint_for(q, 2).last


def test_a_list_of_acronyms_hides_their_letters_at_first(bundled_pack) -> None:
    q = question(bundled_pack, "gd-summit-agencies")
    second = hint_for(q, 2).text
    assert "F__" not in second and "I__" not in second and "___" in second


def test_hints_are_about_the_meaningful_words(bundled_pack) -> None:
    fact = next(f for f in bundled_pack.facts if f.items[0] == "in retaliation for slights")
    q = make_question(fact, bundled_pack, random.Random(1), "short")
    second = hint_for(q, 2).text
    assert "in r" in second and "for s" in second  # the small words are shown, not hinted


def test_a_choice_hint_strikes_out_a_wrong_option(small_pack) -> None:
    q = question(small_pack, "program-name", "choice")
    assert q.form is Form.CHOICE
    first = hint_for(q, 1).text
    assert first.startswith("It is not ")
    assert "Armas Cruzadas" not in first


def test_the_answer_is_shown_without_the_files_syntax(bundled_pack) -> None:
    for fact in bundled_pack.facts:
        shown = display_answer(fact)
        assert " / " not in shown, (fact.id, shown)
        assert not re.search(r"\((?![A-Z.]+\)$)", shown), (fact.id, shown)
    fact = bundled_pack.facts_by_id["gd-traditional-measures"]
    assert display_answer(fact) == "arrests, prosecutions and drugs seized" or \
        "drug seizures" not in display_answer(fact)


@pytest.mark.parametrize(("count", "words"), [(2, "Name both."), (3, "Name all three.")])
def test_list_instructions_read_as_english(bundled_pack, count: int, words: str) -> None:
    fact = next(f for f in bundled_pack.facts if f.kind == "list" and len(f.items) == count)
    assert question(bundled_pack, fact.id).instructions == words
