"""The tutor's general rules, each on the bundled pack: misspelt names, the kind of thing asked
for, "who/what is X", a passage heading's names, how-many nouns, two-sentence explanations, the
fitted decision and what it is fitted on."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from conftest import variant
from study.tutor import Answer, Tutor
from study.tutor.entities import find
from study.tutor.lexicon import demonym
from study.tutor.model import FACT_FEATURES, SENTENCE_FEATURES, Model, fitted
from study.tutor.question import Want, focus_agrees, read
from study.tutor.text import tokenize
from study.tutor.tutor import RULES


@pytest.fixture(scope="module")
def tutor(bundled_tutor: Tutor) -> Tutor:
    return bundled_tutor


def says_the_articles_dont(answer: Answer) -> bool:
    """Whether ``answer`` abstains the way a learner reads it: not found, and said so."""
    return not answer.found and answer.text.startswith("The articles don't")


# -- misspelt names ---------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "name"), [
    ("bersen", "bersin"), ("dodsen", "dodson"), ("kerlikowski", "kerlikowske"),
    ("napolatano", "napolitano"), ("crusadas", "cruzadas"), ("bilbrey", "bilbray"),
])
def test_a_name_within_the_typo_allowance_is_that_name(tutor: Tutor, typed: str, name: str) -> None:
    spelling = tutor.build().spelling
    assert spelling is not None
    assert spelling.name_for(typed) == name


def test_an_everyday_word_or_a_real_surname_is_no_misspelling(tutor: Tutor) -> None:
    spelling = tutor.build().spelling
    assert spelling is not None
    assert spelling.name_for("fired") is None  # one letter from "Fred", but a word of its own
    assert spelling.name_for("dobson") is None  # a common surname: somebody else, not Dodson
    assert spelling.name_for("bersin") is None  # already right


def test_a_question_with_a_misspelt_name_is_answered_about_that_person(tutor: Tutor) -> None:
    answer = tutor.ask("who is alan bersen")
    assert answer.found and "international affairs" in answer.text
    # "alan" alone finds him now; with the surname alone, the spelling rule is what finds him
    assert "international affairs" in tutor.ask("who is bersen").text
    without = variant(tutor, without=("spelling",)).ask("who is bersen")
    assert not without.found


def test_two_words_the_pack_writes_as_one_name_are_that_name(tutor: Tutor) -> None:
    index = tutor.build()
    split = read("what does project gun runner involve", index.lexicon, index.weight, spelling=index.spelling)
    joined = read("what does project gunrunner involve", index.lexicon, index.weight, spelling=index.spelling)
    assert split.terms.keys() == joined.terms.keys()


# -- the kind of thing asked for --------------------------------------------------------------


def test_a_count_of_people_is_not_answered_by_a_length_of_time(tutor: Tutor) -> None:
    answer = tutor.ask("how many people attended the san diego summit?")
    assert answer.fact_id != "gd-summit-length"
    assert "Two days." not in answer.text


def test_a_question_about_cities_is_not_answered_by_a_fact_about_states(tutor: Tutor) -> None:
    answer = tutor.ask("which cities are the four new ATF border offices in?")
    assert answer.fact_id != "gd-new-offices-states"
    # with the rule off, that fact answers
    assert variant(tutor, without=("types",)).ask(
        "which cities are the four new ATF border offices in?").fact_id == "gd-new-offices-states"


def test_focus_agreement() -> None:
    assert focus_agrees("city", "city") and focus_agrees(None, "state") and focus_agrees("place", "city")
    assert not focus_agrees("city", "state")
    assert not focus_agrees("person", "time")


def test_how_many_counts_the_noun_before_its_verb(tutor: Tutor) -> None:
    index = tutor.build()
    q = read("how many of the gunrunner defendants were convicted?", index.lexicon, index.weight)
    assert "defend" in q.counted
    agents = read("how many agents does ATF have?", index.lexicon, index.weight).counted
    assert "agent" in agents and "person" not in agents  # agents, not any people
    assert "person" in read("how many people does ATF have?", index.lexicon, index.weight).counted
    assert not read("when did the surge start?", index.lexicon, index.weight).counted


# -- who is X, what is X ------------------------------------------------------------------------


def test_who_is_x_answers_with_the_sentence_that_says_who_x_is(tutor: Tutor) -> None:
    answer = tutor.ask("who's dodson")
    assert answer.found and "one of the front-line ATF agents" in answer.text


def test_what_is_an_acronym_says_what_it_stands_for(tutor: Tutor) -> None:
    answer = tutor.ask("what's USBP")
    assert answer.found and answer.text.startswith("USBP stands for")
    assert "Border Patrol" in answer.text


def test_what_is_next_for_x_is_no_definition(tutor: Tutor) -> None:
    index = tutor.build()
    assert read("what is next for ATF?", index.lexicon, index.weight).want.value == "text"
    assert read("whats etrace", index.lexicon, index.weight).want.value == "define"


# -- attribution, explanations, disagreements ----------------------------------------------------


def test_a_readers_view_is_found_in_the_passage_headed_with_the_reader(tutor: Tutor) -> None:
    answer = tutor.ask("what did fred hiker accuse ATF of")
    assert answer.found and "inflate the statistics" in answer.text
    assert "fast-and-furious#fred-rigging" in [c.passage for c in answer.citations]


def test_a_what_question_is_answered_with_the_sentence_and_the_next(tutor: Tutor) -> None:
    answer = tutor.ask("what did ike say about tobacco and alcohol stings vs gun stings?")
    assert answer.found
    assert "tobacco and alcohol" in answer.text and "firearms and explosives" in answer.text


def test_a_sentence_stating_one_version_gives_every_version(tutor: Tutor) -> None:
    answer = tutor.ask("is it true 90% of mexico's guns come from the US?")
    assert answer.disagreement == "ninety-percent"
    assert len(answer.citations) == 3


def test_a_places_adjective_names_it() -> None:
    assert demonym("Mexico") == "Mexican"
    assert demonym("America") == "American"
    assert demonym("Texas") == "Texan"
    assert demonym("San Diego") is None


# -- the fitted decision ------------------------------------------------------------------------


def test_the_weights_cover_exactly_the_features_the_tutor_measures() -> None:
    data = json.loads(resources.files("study.tutor").joinpath("weights.json").read_text("utf-8"))
    assert set(data["sentence"]) == {"bias", *SENTENCE_FEATURES}
    assert set(data["fact"]) == {"bias", *FACT_FEATURES}
    assert 0.0 < data["threshold"] < 1.0
    # fitted on the development sets, never on C or D (kept out of the fit as checks)
    assert set(data["fitted_on"]) == {"tutor_dev.yaml", "tutor_blind_a.yaml", "tutor_blind_b.yaml",
                                      "tutor_blind_e.yaml"}


def test_every_candidate_has_exactly_the_features_of_its_kind(tutor: Tutor) -> None:
    found = tutor.candidate_answers("when did ATF launch Project Gunrunner?")
    assert found
    kinds = {kind for kind, _, _ in found}
    assert kinds == {"fact", "sentence"}
    for kind, features, _ in found:
        assert set(features) == set(SENTENCE_FEATURES if kind == "sentence" else FACT_FEATURES)


def test_the_tutor_abstains_when_no_candidate_reaches_the_threshold(tutor: Tutor) -> None:
    sure = variant(tutor, model=Model(fitted().sentence, fitted().fact, threshold=1.0))
    assert not sure.ask("when did ATF launch Project Gunrunner?").found
    eager = variant(tutor, model=Model(fitted().sentence, fitted().fact, threshold=0.0),
                  without=("event", "successor"))  # (refused before the model weighs it)
    assert eager.ask("who replaced Melson as head of ATF?").found


def test_an_unknown_rule_is_refused(tutor: Tutor) -> None:
    assert "spelling" in RULES
    with pytest.raises(ValueError, match="no such tutor rule"):
        Tutor(tutor.pack, without=("telepathy",))


# -- disagreements only on their disputed point -----------------------------------------------


@pytest.mark.parametrize("question", [
    "who was ATF's acting director?",  # Chait's fact names ATF and a director, not the decision
    "why did Chait change the strategy?",  # a reason, not who decided
])
def test_a_question_off_the_disputed_point_gets_no_disagreement(tutor: Tutor, question: str) -> None:
    assert tutor.ask(question).disagreement is None


def test_the_point_rule_is_what_keeps_the_disagreement_off(tutor: Tutor) -> None:
    question = "why did Chait change the strategy?"  # his fact is a version of who decided
    assert tutor.ask(question).disagreement is None
    without = variant(tutor, without=("point",)).ask(question)
    assert without.disagreement == "who-decided"  # what the rule stops


@pytest.mark.parametrize(("question", "link"), [
    ("who decided to let the guns walk", "who-decided"),
    ("when did Project Gunrunner begin?", "gunrunner-start"),
    ("what percentage of the guns in Mexico come from the US?", "ninety-percent"),  # the versions' kind
    ("does ATF actually train mexican officials or not", "mexico-training"),
])
def test_a_question_on_the_disputed_point_still_gets_every_version(tutor: Tutor, question: str,
                                                                   link: str) -> None:
    answer = tutor.ask(question)
    assert answer.disagreement == link
    assert len(answer.citations) >= 2


def test_a_question_asking_the_point_in_full_gets_every_version(tutor: Tutor) -> None:
    question = "did the MOU actually fix things between ATF and ICE?"
    answer = tutor.ask(question)
    assert answer.disagreement == "mou-effect"
    assert "Morton" in answer.text and "inspector general" in answer.text
    assert variant(tutor, without=("point",)).ask(question).disagreement is None


def test_a_short_word_ending_in_ing_is_no_verb(tutor: Tutor) -> None:
    index = tutor.build()
    assert read("what is a sting operation?", index.lexicon, index.weight).want is Want.DEFINE
    assert read("who is running ICE?", index.lexicon, index.weight).want is Want.WHO
    answer = tutor.ask("what is a sting operation?")
    assert answer.disagreement is None and "police" in answer.text


# -- "what is X" from the passage headed X ----------------------------------------------------


def test_what_is_x_opens_the_passage_headed_x(tutor: Tutor) -> None:
    answer = tutor.ask("what is project gunrunner?")
    assert answer.citations[0].passage == "guns-and-drugs#gunrunner"
    assert "Mexican counterparts" in answer.text
    # "## What the MOU does" is headed by the MOU alone: the rule is what opens it
    assert tutor.ask("what is the MOU?").citations[0].passage == "guns-and-drugs#mou-terms"
    without = variant(tutor, without=("opening",)).ask("what is the MOU?")
    assert without.citations[0].passage != "guns-and-drugs#mou-terms"


# -- citations that support the answer ---------------------------------------------------------


def test_every_citation_of_a_fact_answer_states_that_answer(tutor: Tutor) -> None:
    from study.bench_tutor import DATA, SETS, load_cases
    from study.pack.validate import states

    pack = tutor.pack
    checked = 0
    for _, file in SETS[:3]:  # dev, A and B: enough answers with several citations
        for case in load_cases(DATA / file):
            answer = tutor.ask(case.question)
            if not answer.found or answer.fact_id is None or answer.disagreement is not None \
                    or len(answer.citations) < 2:
                continue
            fact = pack.facts_by_id[answer.fact_id]
            for citation in answer.citations[1:]:
                # the passage's sentence as the index holds it (the citation may quote more)
                assert any(states(citation.text, form, fact.kind)
                           for form in (*fact.items, *fact.accept)), (case.question, citation)
                checked += 1
    assert checked >= 6


def test_a_typed_answer_is_cited_only_where_the_same_answer_stands(tutor: Tutor) -> None:
    answer = tutor.ask("who was acting director of ATF?")
    assert answer.found and "Melson" in answer.text
    assert len(answer.citations) >= 2
    assert all("Melson" in c.text for c in answer.citations), answer.citations


# -- an event the articles never name ------------------------------------------------------------


@pytest.mark.parametrize("question", [
    "who replaced Melson as head of ATF?",
    "how many of the Gunrunner defendants were convicted?",
    "was John Dodson punished for speaking out?",
    "did Melson lose his job over Fast and Furious?",  # the verb after the one asked about
    "was Mark Chait fired after the scandal?",  # "fire": no typo of "five" or "hire"
])
def test_a_question_about_an_event_the_pack_never_names_is_not_answered(
        tutor: Tutor, question: str) -> None:
    answer = tutor.ask(question)
    assert says_the_articles_dont(answer), answer.text
    # the rule decides it: without it, some passage sharing the question's names is given
    assert variant(tutor, without=("event", "successor")).ask(question).found


@pytest.mark.parametrize("question", [
    "who signed the MOU with Melson?",  # "signed": the pack says it
    "when was project gunrunner startd?",  # a typo of a word the pack uses
    "which two agencies are mainly in charge of fighting gun trafficking?",
    "did ATF launch Project Gunrunner in 2005?",  # "launch": the pack says it
    "was fast and furious a real sting operation or not",  # "real": no event
])
def test_an_event_the_pack_names_or_a_typo_of_one_is_answered(tutor: Tutor, question: str) -> None:
    assert tutor.ask(question).found


# -- the kind of one asked for, after "who is the" ---------------------------------------------


@pytest.mark.parametrize(("question", "want"), [
    ("who was the CBS reporter who interviewed Dodson?", Want.PERSON),
    ("who is the head of CBP?", Want.PERSON),
    ("who's the agency behind Project Gunrunner?", Want.AGENCY),
    ("who started Armas Cruzadas?", Want.WHO),  # no noun: a person or an agency
    ("who is on Melson's review panel?", Want.WHO),
])
def test_who_is_the_noun_asks_for_that_kind_of_one(question: str, want: Want) -> None:
    from study.tutor.question import want_of

    assert want_of(question) is want


def test_who_is_agent_x_still_asks_who_x_is(tutor: Tutor) -> None:
    index = tutor.build()
    assert read("who is agent Dodson?", index.lexicon, index.weight).want is Want.DEFINE


def test_a_longer_name_holding_the_asked_one_is_no_new_answer(tutor: Tutor) -> None:
    from study.tutor.entities import answering

    index = tutor.build()
    sentence = next(s for s in index.sentences if s.text.startswith("Senior agents, Dodson among them"))
    q = read("who was the CBS reporter who interviewed dodson?", index.lexicon, index.weight)
    asked = set(q.terms) | {t.stem for t in q.tokens} | {t.norm for t in q.tokens}
    # "agents, Dodson" reads as the glossary's "Agent Dodson": the question's own Dodson
    assert any(f.first <= 2 <= f.last for f in sentence.found if f.kind is Want.PERSON)
    assert answering(sentence.found, q.want, asked) == []
    assert not tutor.ask("who was the CBS reporter who interviewed dodson?").found


# -- an attribute asked for: a name, a title, a number, a sum ---------------------------------


@pytest.mark.parametrize(("question", "want"), [
    ("what was the title of the GAO report?", Want.NAME),
    ("what's the name of the blog with those comments", Want.NAME),
    ("what was the operation called?", Want.NAME),
    # the phrase's last noun is its head: an inspector general is a person
    ("name of the inspector general who wrote the gunrunner report", Want.PERSON),
    ("what's the name of the justice department inspector general", Want.PERSON),
    ("what is the name of the director's agency", Want.AGENCY),
    ("what was the name of the Mexican army officer who was killed?", Want.PERSON),
    ("what's the number of bilbray's congressional district?", Want.NUMBER),
    ("what is ATF's yearly budget?", Want.MONEY),
    ("what did the GAO find?", Want.TEXT),  # no attribute: a statement
])
def test_an_attribute_asked_for_is_the_kind_of_answer_wanted(question: str, want: Want) -> None:
    from study.tutor.question import want_of

    assert want_of(question) is want


@pytest.mark.parametrize("question", [
    "what was the title of the GAO report?",
    "what's the number of bilbray's congressional district?",
    "what's the name of the justice department inspector general",  # never named
])
def test_an_attribute_the_articles_never_give_is_not_answered(tutor: Tutor, question: str) -> None:
    # a sentence about the report (or the district) with no name (or number) in it says nothing
    # of its title (or its number)
    assert not tutor.ask(question).found


def test_a_name_asked_for_is_answered_by_the_name(tutor: Tutor) -> None:
    answer = tutor.ask("what is the name of ICE's gun smuggling program?")
    assert answer.found and "Armas Cruzadas" in answer.text


# -- a count of something else ----------------------------------------------------------------


def test_a_sentence_counting_something_else_is_no_count_of_what_is_asked(tutor: Tutor) -> None:
    question = "how many BEST teams are there?"  # "more than 100 additional agents to the BESTs"
    assert not tutor.ask(question).found
    counted = [c for c in variant(tutor, without=("count",)).candidate_answers(question) or []
               if c[0] == "sentence" and "100 additional agents" in c[2].text]
    assert counted  # without the rule it is weighed as an answer
    assert not [c for c in tutor.candidate_answers(question) or [] if "100 additional agents" in c[2].text
                and c[0] == "sentence"]


def test_a_count_of_what_is_asked_is_still_an_answer(tutor: Tutor) -> None:
    answer = tutor.ask("how many guns were seized in the surge?")
    assert answer.found and "680" in answer.text


@pytest.mark.parametrize(("question", "said"), [
    ("how many days was the san diego summit", "two-day"),  # the unit inside "two-day"
    ("over how many years were those 11,000 murders", "three and a half years"),
])
def test_a_duration_counts_the_unit_in_its_own_words(tutor: Tutor, question: str,
                                                      said: str) -> None:
    answer = tutor.ask(question)
    assert answer.found and said in answer.text, answer.text


def test_a_span_of_time_from_a_start_answers_when(tutor: Tutor) -> None:
    """"after six months" says when: a "when" question is answered by it, where a bare length
    of time ("six months of work") would not be a time at all."""
    answer = tutor.ask("when would the usual approach report back according to morton")
    assert answer.found and "after six months" in answer.text, answer.text
    tokens = tokenize("They would report after six months of work.")
    kinds = {(f.kind, f.key) for f in find("", tokens, [])}
    assert (Want.TIME, "six") in kinds and (Want.DURATION, "six") in kinds
    tokens = tokenize("They spent six months on the work.")
    assert Want.TIME not in {f.kind for f in find("", tokens, [])}


# -- an aside in a fact's explanation --------------------------------------------------------


def test_an_aside_in_an_explanation_does_not_make_the_fact_an_answer(tutor: Tutor) -> None:
    index = tutor.build()
    chait = index.fact_by_id["ff-chait"]
    # "(the acting director was Kenneth E. Melson)": about Melson, not Chait
    melson = next(c.term for c in index.lexicon.concepts if c.names[0].startswith("Kenneth"))
    assert "Melson" in (chait.fact.explain or "") and melson not in chait.explain_terms
    answer = tutor.ask("who was acting director of ATF?")
    assert answer.found and "Melson" in answer.text and answer.fact_id != "ff-chait"


# -- a successor asked for ----------------------------------------------------------------------


@pytest.mark.parametrize("question", [
    "who took over ATF after Melson?",
    "who became Mexico's president after Calderon?",
    "who is the new head of ATF?",
])
def test_a_successor_is_named_only_by_a_text_that_tells_of_one(tutor: Tutor, question: str) -> None:
    # the articles never say who came next: a sentence naming Melson and ATF (or Calderon and
    # Mexico) is not an answer
    answer = tutor.ask(question)
    assert says_the_articles_dont(answer), answer.text
    assert variant(tutor, without=("successor",)).candidate_answers(question)


@pytest.mark.parametrize(("question", "asks"), [
    ("who was Melson's replacement", True), ("who came after Melson at ATF", True),
    ("who followed Melson", True), ("who took Melson's place", True),
    ("who replaced melson after the scandal", True),
    ("who became mexico's president after calderon", True),
    ("who succeeded in getting the MOU signed?", False),  # "succeeded in": managed
    ("who decided ATF should replace its old strategy?", False),  # no person, no post
    ("who took over the strategy decision?", False),
    ("which cartels took over the smuggling routes", False),
    ("who became the target of criticism after the cbs story", False),
])
def test_what_asks_for_a_successor(tutor: Tutor, question: str, asks: bool) -> None:
    from study.tutor.tutor import _asks_successor

    index = tutor.build()
    assert _asks_successor(read(question, index.lexicon, index.weight)) is asks


@pytest.mark.parametrize(("text", "tells"), [
    ("He was named acting director in 2009.", True), ("She became director after him.", True),
    ("Jones will take over in May.", True), ("He took the helm.", True),
    ("Smith replaced him.", True), ("Melson signed the MOU with Morton.", False),
    ("He succeeded in getting it signed.", False),
])
def test_what_tells_of_a_successor(text: str, tells: bool) -> None:
    from study.tutor.tutor import _TELLS_SUCCESSION

    assert bool(_TELLS_SUCCESSION.search(text)) is tells


def test_a_question_with_after_that_asks_no_successor_is_answered(tutor: Tutor) -> None:
    answer = tutor.ask("who did Melson sign the MOU with?")
    assert answer.found and "Morton" in answer.text
    weighed = tutor.candidate_answers("after guzman, who would bill go after next") or []
    assert any("Reader Bill's view" in a.text for _, _, a in weighed)  # no successor asked


# -- how many of which people ----------------------------------------------------------------


def test_people_of_one_kind_are_not_counted_by_people_of_another(tutor: Tutor) -> None:
    index = tutor.build()
    officers = read("how many mexican officers has gunrunner trained so far", index.lexicon,
                    index.weight)
    assert "person" not in officers.counted  # officers, not anyone ("800 defendants")
    assert not tutor.ask("how many mexican officers has gunrunner trained so far").found
    people = read("how many people did ATF send to the border?", index.lexicon, index.weight)
    assert "person" in people.counted  # people: any of them ("100 seasoned special agents")
    answer = tutor.ask("how many people did ATF send to the border?")
    assert answer.found and "100" in answer.text, answer.text


# -- the level of a place, "take place", "whats", a job title ------------------------------------


def test_which_city_is_not_answered_by_states(tutor: Tutor) -> None:
    from study.tutor.entities import answering, is_region

    index = tutor.build()
    sentence = next(s for s in index.sentences if "located in California, New Mexico and Texas"
                    in s.text)
    q = read("which cities are the four new border offices in?", index.lexicon, index.weight)
    asked = set(q.terms) | {t.stem for t in q.tokens} | {t.norm for t in q.tokens}
    places = [f for f in answering(sentence.found, q.want, asked) if f.kind is Want.PLACE]
    assert places and all(is_region(sentence.tokens, f) for f in places)
    # a place's span may start with its preposition; a city's name is no region
    from study.tutor.entities import Found
    from study.tutor.text import tokenize

    words = tokenize("in Mexico and in Washington")
    assert is_region(words, Found(Want.PLACE, 0, 1, "mexico"))
    assert not is_region(words, Found(Want.PLACE, 3, 4, "washington"))
    weighed = tutor.candidate_answers("which cities are the four new border offices in?") or []
    assert not [a for _, _, a in weighed if "located in California, New Mexico" in a.text]
    unchecked = variant(tutor, without=("types",))
    assert [a for _, _, a in unchecked.candidate_answers(
        "which cities are the four new border offices in?") or []
        if "located in California, New Mexico" in a.text]
    summit = tutor.ask("which city hosted the two-day summit?")
    assert summit.found and "San Diego" in summit.text


def test_take_place_asks_where_not_about_a_place(tutor: Tutor) -> None:
    index = tutor.build()
    q = read("where did the summit take place?", index.lexicon, index.weight)
    assert q.want is Want.PLACE and set(q.terms) == {t for t in q.terms if t.startswith("@")}
    answer = tutor.ask("where did the summit take place?")
    assert answer.found and "San Diego" in answer.text


@pytest.mark.parametrize(("question", "want"), [
    ("whats the budget for armas cruzadas", Want.MONEY),  # "whats" as "what is"
    ("whats the name of the white house drug policy guy", Want.PERSON),  # "guy": a person
    ("whats john morton's job title", Want.TEXT),  # a post, not a proper name
    ("what's the names of the atf supervisors who overruled dodson", Want.PERSON),
    ("what were the names of the straw buyers", Want.PERSON),
    # the noun after "of" decides, not a noun for people further on
    ("what was the name of the operation atf ran against gun traffickers", Want.NAME),
    ("what was the name of the ATF sting against straw buyers", Want.NAME),
    ("what is the name of the report written by gao auditors", Want.NAME),
    ("what were the supervisors waiting for before moving in?", Want.TEXT),  # no name asked
    ("what is melson's job title?", Want.TEXT),
])
def test_whats_and_job_titles(question: str, want: Want) -> None:
    from study.tutor.question import want_of

    assert want_of(question) is want


# -- an amount no one knows ------------------------------------------------------------------


def test_a_sentence_saying_the_amount_is_not_known_answers_how_many(tutor: Tutor) -> None:
    from study.tutor.entities import find
    from study.tutor.text import tokenize

    for said in ("the volume of arms shipments is unknown", "officials declined to guess",
                 "the CPI gives no exact count", "they would not speculate"):
        kinds = {f.kind for f in find(said, tokenize(said), []) if f.key == "unknown"}
        assert kinds == {Want.NUMBER, Want.MONEY, Want.PERCENT}, said
    assert not [f for f in find("officials guessed 2,000", tokenize("officials guessed 2,000"), [])
                if f.key == "unknown"]
    answer = tutor.ask("did officials say how many guns got past them")
    assert answer.found and "declined to guess" in answer.text, answer.text


# -- whose words are asked for -----------------------------------------------------------------


def test_what_x_said_is_answered_only_by_a_sentence_giving_xs_words(tutor: Tutor) -> None:
    # "the government of President Felipe Calderon was cracking down" names him but gives
    # nothing he said; the articles never quote him
    question = "what did calderon say about american guns"
    answer = tutor.ask(question)
    assert says_the_articles_dont(answer), answer.text
    assert variant(tutor, without=("speaker",)).ask(question).found
    # his words by name, or by a pronoun after a sentence or heading naming him
    said = tutor.ask("what does harley say bill keeps assuming about mexico")
    assert said.found and "colonialism" in said.text, said.text
    ike = tutor.ask("what does ike say etrace keeps track of")
    assert ike.found and "first buyer" in ike.text, ike.text


def test_only_a_whole_name_is_a_speaker(tutor: Tutor) -> None:
    from study.tutor.tutor import _speakers_asked

    index = tutor.build()

    def speakers(question: str) -> set[str]:
        return _speakers_asked(read(question, index.lexicon, index.weight), index)

    assert speakers("what did calderon say about american guns")
    assert speakers("so what did the nra say about fast and furious")
    assert speakers("what does harley think of bill's idea")  # a name a heading gives
    assert not speakers("what did the justice department report recommend")  # the report's
    assert not speakers("what did the report on gunrunner say")
    assert not speakers("who did Melson sign the MOU with?")


# -- who heads an agency; a kind of thing known by its name ------------------------------------


@pytest.mark.parametrize(("question", "want"), [
    ("who runs CBP?", Want.PERSON),
    ("who was in charge of CBP in 2009", Want.PERSON),
    ("who ran atf's phoenix field division", Want.PERSON),
    ("who runs Armas Cruzadas?", Want.WHO),  # a program: an agency may run it
    ("who started Armas Cruzadas?", Want.WHO),
    ("which gun shops sold the fast and furious guns?", Want.NAME),
    ("which cartel ended up with the walked guns", Want.NAME),
])
def test_the_head_of_an_agency_is_a_person_and_a_shop_has_a_name(tutor: Tutor, question: str,
                                                                  want: Want) -> None:
    index = tutor.build()
    assert read(question, index.lexicon, index.weight).want is want


def test_who_led_an_agencys_work_is_not_answered_by_the_agency(tutor: Tutor) -> None:
    # "While GAO's auditors were completing their report": GAO, no person who led it
    assert not tutor.ask("who led the GAO investigation into ATF and ICE?").found
    assert not tutor.ask("who ran ATF before melson?").found


# -- when something began ------------------------------------------------------------------------


@pytest.mark.parametrize("question", [
    "when was ICE created?", "what year did eTrace start?", "when was the ATF founded?",
])
def test_when_a_thing_began_is_dated_only_by_a_text_telling_of_its_start(
        tutor: Tutor, question: str) -> None:
    # "In what year did ICE start Operation Armas Cruzadas?" dates Armas Cruzadas, not ICE;
    # "GAO analyzed eTrace data from 2004 to 2008" dates no start of eTrace
    answer = tutor.ask(question)
    assert says_the_articles_dont(answer), answer.text
    assert variant(tutor, without=("created",)).ask(question).found


@pytest.mark.parametrize(("question", "year"), [
    ("what year did armas cruzadas start", "2008"),
    ("what year did ice start operation armas cruzadas", "2008"),
    ("when did Project Gunrunner start?", "2006"),
    # whose account is asked for is no thing begun: the start of Project Gunrunner, not of IG
    ("when did project gunrunner begin according to the ig news item", "2006"),
    ("what year did armas cruzadas start per the magazine feature", "2008"),
])
def test_a_start_the_articles_date_is_still_answered(tutor: Tutor, question: str,
                                                       year: str) -> None:
    answer = tutor.ask(question)
    assert answer.found and year in answer.text, answer.text


@pytest.mark.parametrize(("text", "tells"), [
    ("ATF launched Project Gunrunner in 2005.", True),
    ("Project Gunrunner began in 2006.", True),
    ("ICE started Operation Armas Cruzadas in 2008.", False),  # of ICE: no
    ("GAO analyzed eTrace data from 2004 to 2008.", False),
])
def test_what_tells_of_a_start(tutor: Tutor, text: str, tells: bool) -> None:
    from study.tutor.tutor import _tells_start_of

    index = tutor.build()
    subject = "ICE" if "ICE" in text else "eTrace" if "eTrace" in text else "Gunrunner"
    concept = next(c for c in index.lexicon.concepts
                   if subject in c.names or f"Project {subject}" in c.names)
    assert _tells_start_of(text, concept) is tells


# -- an earlier post, a total -----------------------------------------------------------------


def test_an_earlier_post_the_articles_give_is_answered(tutor: Tutor) -> None:
    answer = tutor.ask("what job did Melson have before ATF?")
    assert answer.found and "Justice Department executive" in answer.text, answer.text


@pytest.mark.parametrize(("question", "asks"), [
    ("what was Chait's job before that", True), ("where did Morton work before ICE", True),
    ("what job did Melson hold before he ran ATF", True),
    ("what did US officials sign with Mexico a few weeks before the summit", False),
    ("what did Melson say the surge got done compared to before", False),
    ("what did Melson do at ATF", False),
])
def test_what_asks_for_an_earlier_post(question: str, asks: bool) -> None:
    from study.tutor.tutor import _ASKS_EARLIER

    assert bool(_ASKS_EARLIER.match(question.lower())) is asks


@pytest.mark.parametrize(("text", "part"), [
    ("ATF planned to spend $5.9 million from its 2009 budget.", True),
    ("The money was to pay for 22 new investigators.", True),
    ("ICE assigned 100 additional agents.", True), ("ATF sent 100 more agents.", True),
    ("Since Project Gunrunner began, authorities had intercepted more than 5,400 firearms.", False),
    ("More than 680 guns were seized.", False),
])
def test_what_gives_a_figure_as_a_part(text: str, part: bool) -> None:
    from study.tutor.tutor import _tells_part

    assert _tells_part(text) is part


@pytest.mark.parametrize(("question", "name"), [
    ("who heads ICE?", "Morton"), ("who was ATF's acting director?", "Melson"),
    ("who is the director of national drug control policy?", "Kerlikowske"),
])
def test_the_head_the_articles_name_is_still_answered(tutor: Tutor, question: str, name: str) -> None:
    answer = tutor.ask(question)
    assert answer.found and name in answer.text, answer.text


@pytest.mark.parametrize(("text", "goes_on"), [
    ("Once ATF field agents began talking, he says, the blackout was plainly a cover-up.", True),
    ("He recalls that nobody was charged.", True),
    ("Later that year, ATF said the blackout had ended.", False),  # another speaker, by name
])
def test_what_goes_on_with_the_sentence_before(text: str, goes_on: bool) -> None:
    from study.tutor.tutor import _CONTINUES

    assert bool(_CONTINUES.match(text)) is goes_on


def test_a_speakers_words_go_on_past_a_pronoun_in_the_first_clause(tutor: Tutor) -> None:
    # Fred's comment says "cover-up" in its third sentence, "Once ..., he says, the blackout ..."
    answer = tutor.ask("what does fred think the media blackout was")
    assert answer.found and "cover-up" in answer.text, answer.text


@pytest.mark.parametrize("question", ["was Project Gunrunner started in 2006?",
                                      "so gunrunner started in 2006 right?"])
def test_a_yes_or_no_on_a_disputed_date_gets_both_versions(tutor: Tutor, question: str) -> None:
    # the feature dates Gunrunner to 2005, the news item to 2006: "yes" would hide the first
    answer = tutor.ask(question)
    assert answer.disagreement is not None and "2005" in answer.text and "2006" in answer.text, \
        answer.text


@pytest.mark.parametrize(("question", "want"), [
    ("so gunrunner started in 2006 right?", Want.YESNO),  # a statement to confirm
    ("Melson ran ATF, correct?", Want.YESNO),
    ("tell me about the surge", Want.TEXT),
])
def test_a_statement_with_a_tag_asks_yes_or_no(question: str, want: Want) -> None:
    from study.tutor.question import want_of

    assert want_of(question) is want


@pytest.mark.parametrize("question", ["which cartel was fast and furious trying to take down?",
                                      "what model were the rifles found at terry's murder scene?"])
def test_a_thing_known_by_its_own_name_is_not_named_by_a_person_agency_or_place(
        tutor: Tutor, question: str) -> None:
    # the articles name no cartel and no rifle model: ATF, the CPI or Texas is none
    answer = tutor.ask(question)
    assert says_the_articles_dont(answer), answer.text


@pytest.mark.parametrize(("question", "asks"), [
    ("which gun store sold the guns", True), ("what make or model were the rifles", True),
    ("which agency ran the sting", False), ("what did the store sell", False),
])
def test_what_asks_for_a_thing_known_by_its_own_name(question: str, asks: bool) -> None:
    from study.tutor.question import asks_named_kind
    from study.tutor.text import tokenize

    assert asks_named_kind(tokenize(question)) is asks


@pytest.mark.parametrize(("question", "body"), [
    ("who's on melson's review panel?", "panel"), ("who sat on the multi-disciplinary panel", "panel"),
    ("who was on the task force along the border", "forc"), ("who signed the MOU", None),
])
def test_what_asks_for_a_bodys_members(question: str, body: str | None) -> None:
    from study.tutor.question import members_of
    from study.tutor.text import tokenize

    assert members_of(tokenize(question)) == body


@pytest.mark.parametrize(("question", "words"), [
    ("what did the GAO find?", "GAO"), ("what did the inspector general find?", "inspector general"),
])
def test_a_finding_the_articles_give_is_answered(tutor: Tutor, question: str, words: str) -> None:
    answer = tutor.ask(question)
    assert answer.found and words in answer.text and "found" in answer.text, answer.text


@pytest.mark.parametrize(("question", "want"), [
    ("whats john morton's title", Want.TEXT),  # a person's title is a post
    ("what was the title of the GAO report?", Want.NAME),
])
def test_a_persons_title_is_a_post_not_a_name(tutor: Tutor, question: str, want: Want) -> None:
    index = tutor.build()
    assert read(question, index.lexicon, index.weight).want is want


def test_a_persons_title_is_answered(tutor: Tutor) -> None:
    answer = tutor.ask("whats john morton's title")
    assert answer.found and "assistant secretary" in answer.text, answer.text


def test_an_opening_word_is_no_topic(tutor: Tutor) -> None:
    index = tutor.build()
    plain = read("who is mark chait", index.lexicon, index.weight)
    opened = read("wait, who is mark chait?", index.lexicon, index.weight)
    assert opened.terms == plain.terms and opened.want is plain.want
    assert tutor.ask("wait who is mark chait").found


def test_a_count_of_rifles_counts_guns(tutor: Tutor) -> None:
    # "two assault rifles ... recovered at the scene of the murder of Terry"
    answer = tutor.ask("how many ATF guns were found where terry was killed")
    assert answer.found and "two" in answer.text and "rifles" in answer.text, answer.text
    index = tutor.build()
    for question in ("how many guns were found", "how many weapons were found"):
        counted = read(question, index.lexicon, index.weight).counted
        assert "gun" in counted or "weapon" in counted


def test_a_person_asked_by_a_place_is_named_only_where_that_place_is(tutor: Tutor) -> None:
    # "the government of President Felipe Calderon was cracking down" is in Mexico: it names no
    # president of the United States (who is never named)
    question = "who was the US president during all of this"
    answer = tutor.ask(question)
    assert says_the_articles_dont(answer), answer.text
    assert variant(tutor, without=("qualifier",)).ask(question).found
    mexico = tutor.ask("who was Mexico's president?")
    assert mexico.found and "Calderon" in mexico.text, mexico.text


#: Questions the articles do not answer, each abstained by one rule of the seventh pass (with
#: that rule off, the tutor answers them), and what the sentence it would have given lacks.
ONE_RULE_ABSTAINS = [
    # an earlier post: told only in words of an earlier time ("Before that he had been")
    ("what did Kerlikowske do before the White House job?", "earlier"),
    ("what did Mark Chait do before he was assistant director?", "earlier"),
    # a total: "$5.9 million from its 2009 budget" is a part of ATF's budget
    ("what was ATF's total budget in 2009?", "total"),
    ("What is ATF's total yearly budget?", "total"),
    # the head of an agency: "Melson said ATF was cooperating closely with both CBP and ICE"
    # names a person, and no post
    ("who is the head of customs and border protection", "post"),
    ("who runs the Border Patrol?", "post"),
    # a body's members: "a multi-disciplinary panel made up of law enforcement professionals"
    # names no one, and "Morton agreed with Melson" names people but no panel
    ("who was on the panel melson set up", "members"),
    ("who is on melson's review panel", "members"),
    # a finding: the articles tell that Melson ordered the review, never what it found, and
    # GAO's findings are not the panel's
    ("what did melson's review end up finding?", "finding"),
    ("what did melson's review panel conclude", "finding"),
]


@pytest.mark.parametrize(("question", "rule"), ONE_RULE_ABSTAINS)
def test_a_relation_the_articles_never_tell_is_not_answered(tutor: Tutor, question: str,
                                                            rule: str) -> None:
    answer = tutor.ask(question)
    assert says_the_articles_dont(answer), answer.text
    assert variant(tutor, without=(rule,)).ask(question).found
