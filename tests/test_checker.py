"""The answer checker, case by case: what a strict but fair teacher would mark."""

from __future__ import annotations

import pytest

from study.checking import Outcome, check
from study.checking.normalize import normalize
from study.checking.numbers import quantities

C, N, X = Outcome.CORRECT, Outcome.CLOSE, Outcome.INCORRECT

CASES: list[tuple[str, str, Outcome]] = [
    # years: by value, never fuzzy
    ("armas-year", "2008", C),
    ("armas-year", "in 2008", C),
    ("armas-year", "two thousand eight", C),
    ("armas-year", "I think it was 2008", C),
    ("armas-year", "2006", X),
    ("armas-year", "2005", X),
    ("armas-year", "2080", X),
    ("armas-year", "2008 or 2009", X),
    ("armas-year", "", X),
    ("armas-year", "I don't know", X),
    ("armas-year", "idk", X),
    ("armas-year", "not 2008", X),
    # agencies: acronym and expansion, no sibling agencies
    ("armas-agency", "ICE", C),
    ("armas-agency", "ice", C),
    ("armas-agency", "I.C.E.", C),
    ("armas-agency", "Immigration and Customs Enforcement", C),
    ("armas-agency", "immigration & customs enforcement", C),
    ("armas-agency", "Immigration and Custom Enforcement", C),
    ("armas-agency", "Imigration and Customs Enforcement", C),
    ("armas-agency", "the ICE agency", C),
    ("armas-agency", "It's ICE.", C),
    ("armas-agency", "ATF", X),
    ("armas-agency", "GAO", X),
    ("armas-agency", "ICE or ATF", X),
    ("armas-agency", "ICE and ATF", X),
    ("armas-agency", "not ICE", X),
    ("armas-agency", "ICC", X),
    ("armas-agency", "Bureau of Alcohol, Tobacco, Firearms and Explosives", X),
    ("armas-agency", "Customs", X),
    # people: full name, surname alone when unique, no first name alone, no rivals
    ("melson", "Kenneth Melson", C),
    ("melson", "Melson", C),
    ("melson", "melson", C),
    ("melson", "Kenneth E. Melson", C),
    ("melson", "Kenneth Melsen", C),
    ("melson", "Melsen", C),
    ("melson", "Kenneth", X),
    ("melson", "Morton", X),
    ("melson", "John Morton", X),
    ("melson", "Nelson Mandela", X),
    ("melson", "Melson or Morton", X),
    ("markup", "Calderon", C),
    ("markup", "Calderón", C),
    ("markup", "Felipe Calderón", C),
    ("markup", "Caldreon", C),
    ("markup", "Felipe", X),
    # money: value, any notation
    ("money", "$5.9 million", C),
    ("money", "5.9 million dollars", C),
    ("money", "$5,900,000", C),
    ("money", "$5.9M", C),
    ("money", "five point nine million dollars", C),
    ("money", "$9.5 million", X),
    ("money", "$59 million", X),
    ("money", "$10 million", X),
    # numbers: transpositions are wrong
    ("cases", "276", C),
    ("cases", "two hundred seventy-six", C),
    ("cases", "276 cases", C),
    ("cases", "267", X),
    ("cases", "2760", X),
    ("cases", "about 300", X),
    # percents and qualifiers
    ("gao-percent", "more than 90 percent", C),
    ("gao-percent", "over 90%", C),
    ("gao-percent", "more than ninety percent", C),
    ("gao-percent", "90%", N),  # the bound is half the claim
    ("gao-percent", "less than 90 percent", X),
    ("gao-percent", "exactly 90 percent", X),
    ("gao-percent", "9 percent", X),
    ("gao-percent", "40 percent", X),
    # lists: any order, partial credit names the missing items
    ("states", "California, New Mexico and Texas", C),
    ("states", "Texas, California, New Mexico", C),
    ("states", "texas california new mexico", C),
    ("states", "California and Texas", X),
    ("states", "California, New Mexico, Texas, Arizona", X),
    ("states", "Mexico", X),
    # true/false
    ("gunrunner-tf", "false", C),
    ("gunrunner-tf", "F", C),
    ("gunrunner-tf", "no", C),
    ("gunrunner-tf", "true", X),
    ("gunrunner-tf", "yes", X),
    ("gunrunner-tf", "maybe", X),
    # choice: text, optional parts
    ("program-name", "Armas Cruzadas", C),
    ("program-name", "Operation Armas Cruzadas", C),
    ("program-name", "Project Gunrunner", X),
    ("program-name", "Armas", N),
]


@pytest.mark.parametrize(("fact_id", "response", "expected"), CASES)
def test_checker_table(small_pack, fact_id: str, response: str, expected: Outcome) -> None:
    verdict = check(small_pack.facts_by_id[fact_id], response, small_pack)
    assert verdict.outcome is expected, verdict.reason
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.reason


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    ("fact_id", "response", "reason"),
    [
        ("armas-year", "2006", "2006 is not 2008"),
        ("armas-agency", "ATF", "ATF is not Immigration and Customs Enforcement"),
        ("armas-agency", "ICE", "accepted ICE for Immigration and Customs Enforcement"),
        ("markup", "Caldreon", "typo forgiven: Calderon"),
        ("melson", "Kenneth", "a first name alone is not enough"),
        ("states", "California and Texas", "2 of 3; missing: New Mexico"),
        ("gao-percent", "90%", "the source says more than 90 percent"),
        ("armas-year", "2008 or 2009", "names several numbers"),
    ],
)
def test_reasons_a_learner_can_read(small_pack, fact_id: str, response: str, reason: str) -> None:
    verdict = check(small_pack.facts_by_id[fact_id], response, small_pack)
    assert reason in verdict.reason


def test_partial_list_earns_partial_credit(small_pack) -> None:
    verdict = check(small_pack.facts_by_id["states"], "California and Texas", small_pack)
    assert verdict.score == pytest.approx(2 / 3)


def test_choice_letters_map_to_options(small_pack) -> None:
    fact = small_pack.facts_by_id["program-name"]
    options = ["Project Gunrunner", "Armas Cruzadas", "eTrace", "Fast and Furious"]
    assert check(fact, "B", small_pack, options).outcome is C
    assert check(fact, "b", small_pack, options).outcome is C
    assert check(fact, "A", small_pack, options).outcome is X
    assert check(fact, "2", small_pack, options).outcome is C


def test_surname_shared_by_two_people_is_close(small_pack) -> None:
    from study.pack.models import Pack

    pack = Pack(
        small_pack.root, small_pack.sources, small_pack.passages, small_pack.facts,
        [*small_pack.glossary,
         type(small_pack.glossary[0])(name="Laura Melson", kind="person")],
    )
    verdict = check(pack.facts_by_id["melson"], "Melson", pack)
    assert verdict.outcome is N
    assert "full name" in verdict.reason


def test_check_without_a_pack_still_works(small_pack) -> None:
    fact = small_pack.facts_by_id["armas-agency"]
    assert check(fact, "immigration and customs enforcement").outcome is C
    assert check(fact, "ATF").outcome is X


def test_normalisation_ignores_case_accents_punctuation_articles_filler() -> None:
    assert normalize("  I think it's the Calderón government!  ") == "calderon government"
    assert normalize("U.S. Immigration & Customs Enforcement") == (
        "us immigration and customs enforcement"
    )


def test_quantities_read_words_and_notation() -> None:
    assert [q.value for q in quantities("eleven thousand")] == [11000]
    assert [q.value for q in quantities("$10M")] == [10_000_000]
    [q] = quantities("nearly 600")
    assert (q.value, q.qualifier) == (600, "below")
    [p] = quantities("more than 65%")
    assert (p.value, p.unit, p.qualifier) == (65, "percent", "gt")


def test_an_essay_is_not_an_answer(small_pack) -> None:
    fact = small_pack.facts_by_id["cases"]
    essay = "276 " + "and the agents worked on cases along the border " * 200
    verdict = check(fact, essay, small_pack)
    assert verdict.outcome is X and "too long" in verdict.reason


BUNDLED_CASES: list[tuple[str, str, Outcome]] = [
    # words that only echo the question or the speaker, at either end
    ("gd-etrace", "ATF's eTrace database", C),
    ("gd-bean-counting", "just bean counting", C),
    ("ff-no-choice", "they have a choice", C),
    ("gd-controlled-delivery", "they didn't inform ICE", C),
    ("gd-controlled-delivery", "they did inform ICE", X),
    ("gd-controlled-delivery", "did not obtain a warrant", X),
    # ...but a negation or a second candidate is never an echo
    ("gd-etrace", "not eTrace", X),
    ("gd-etrace", "ATF and eTrace", X),
    ("gd-gun-show-target", "ICE/ATF", X),
    ("gd-gun-show-target", "ATF, ICE", X),
    ("gd-gun-show-target", "ICE (ATF)", X),
    ("gd-gun-show-target", "ICE ATF", X),
    ("ig-ice-difficulty", "ATF/ICE", X),
    ("gd-summit-place", "Tijuana/San Diego", X),
    ("gd-bilbray-district", "Mexico, Southern California", X),
    ("gd-mexico-trip", "Morton / Melson", X),
    ("gd-mexico-trip", "Melson (Morton)", X),
    ("ff-ig-reviewer", "ATF's inspector general", X),
    # the answer, with a wrong one ruled out
    ("gd-gun-show-target", "ATF, not ICE", C),
    ("gd-gun-show-target", "ATF but not ICE", C),
    ("gd-gun-show-target", "ICE, not ATF", X),
    ("gd-gun-show-target", "ATF, not ATF", X),
    # true or false with a reason after it; "not true"; both is neither
    ("gd-gunrunner-tf", "no, 2005", C),
    ("gd-gunrunner-tf", "not true", C),
    ("gd-gunrunner-tf", "yes and no", X),
    ("gd-gunrunner-tf", "yes, it started then", X),
    # years said in speech, dates, and the number of the kind asked among several
    ("gd-armas-year", "twenty oh eight", C),
    ("gd-armas-year", "twenty oh six", X),
    ("gd-surge-cases", "two seventy six", C),
    ("ff-comments-year", "march 4 2011", C),
    ("gd-budget-money", "$5.9 million from the 2009 budget", C),
    ("gd-budget-money", "$5.9 million or $6 million", X),
    ("gd-stimulus-money", "$10 mln", C),
    ("gd-gao-etrace-percent", "ninety percent exactly", X),
    # small numbers as digits, abbreviations, filler
    ("gd-bersin-quote", "2 ends of a single problem", C),
    ("gd-surge-comparison", "almost 3 years", C),
    ("ff-fred-inflate", "to inflate the stats", C),
    ("gd-melson-title", "he was the acting ATF director", C),
    ("gd-why-more", "there's more to catch, or agents are getting better", C),
    # a half is fifty percent
    ("gd-ice-cbp-increase", "more than half", C),
    ("gd-ice-cbp-increase", "less than half", X),
    # list items after "its" or between "from" and "to"
    ("gd-atf-strengths", "its database, its expertise and the authority to enforce US firearms laws", C),
    ("gd-national-extent", "from Washington to Florida", C),
    # vague: part of a name is close, a different rank of the same office is wrong
    ("gd-morton-title", "assistant secretary", N),
    ("gd-strategy-name", "counternarcotics strategy", N),
    ("ff-iran-contra", "Iran", N),
    ("gd-morton-title", "Secretary of Homeland Security", X),
    ("gd-morton-title", "secretary for immigration and customs enforcement", X),
    ("ig-initiatives-name", "Southwest Initiatives", N),
    ("gd-competing-efforts", "competing efforts", N),
    ("gd-atf-law", "the 1968 act", N),
    # names as on a class list, middle names, initials; a first name alone is not enough
    ("ff-melson", "Melson, Kenneth", C),
    ("ff-shipley", "Thomas Shipley", C),
    ("ff-melson", "K. Melson", C),
    ("ff-melson", "J. Melson", X),
    ("ff-melson", "Kenneth", X),
    ("ff-melson", "Morton, John", X),
    ("ff-melson", "A", X),  # only an article: no words left to compare
    ("gd-mou-signers", "John Morton, Melson", C),
    # an aside in brackets that restates the answer; "and" left out of a name
    ("ig-mou-agreement", "Memorandum of Understanding (MOU)", C),
    ("ig-mou-agreement", "Memorandum of Understanding (NAFTA)", X),
    ("ig-criticized-agency", "Alcohol Tobacco Firearms", C),
    ("gd-only-tracer", "Alcohol", X),
    # time units come from any accepted form: six weeks is not six months
    ("gd-six-months", "6 weeks", X),
    ("gd-six-months", "6 months", C),
    # exactly part of the answer is vague, even when another answer is a typo away
    ("ff-scandalous-bust", "a bust", N),
    ("ff-base-city", "Arizona", N),
    # an answer placed by context: other kinds of name, "somewhere in", an apposition
    ("gd-mou-signer-person", "Morton from ICE", C),
    ("gd-mou-signer-person", "Morton (ICE)", C),
    ("gd-kerlikowske-person", "kerlikowske, the white house drug policy director", C),
    ("ff-melson-title", "the acting head of ATF", C),
    ("gd-symbiotic", "a symbiotic one", C),
    ("gd-mou-signer-person", "Morton (Napolitano)", X),
    ("gd-mou-signer-person", "Morton, not Napolitano", C),
    ("gd-gun-show-target", "ATF, using NAFTA", X),
    ("ff-base-city", "somewhere in arizona", N),
    ("gd-armas-name", "the Armas one", N),
    ("ff-dto", "drug trafficking officer", X),
    ("gd-melson-title", "deputy director", X),
    # the whole answer, then a phrase that only places it; never a number, a rival or a hedge
    ("gd-ice-cbp-period", "April through September of 2008", X),  # a second claim
    ("ff-fred-coverup", "a cover-up from the top", C),
    ("gd-atf-law", "Gun Control Act of 1986", X),
    ("gd-gao-name", "Government Accountability Office of National Drug Control Policy", X),
    ("ff-cpi-outlet", "Center for Public Integrity CNN", X),
    ("ff-iran-contra", "the Iran-Contra Affair or Watergate", X),
    # abbreviations and list items wrapped in the question's words
    ("ff-dto", "drug trafficking orgs", C),
    ("gd-ice-cbp-period", "Apr-Sept", C),
    ("gd-ffl-inspections", "11 hundred", C),
    # a typo in a word with an opposite, when no opposite is as close
    ("gd-bilbray-district", "Southren California", C),
    ("gd-bilbray-district", "Northern California", X),
    # a leading preposition of the answer left out; initials in the middle of a name
    ("gd-retaliation", "retaliation for slights", C),
    ("ff-shipley", "john t. shipley", C),
    ("ff-ig-reviewer", "DOJ IG", C),
    # the answer is a negation: only a negated response can be right
    ("gd-bilbray-radar", "not on the media's radar", C),
    ("gd-bilbray-radar", "it was on the media's radar screen", X),
]


@pytest.mark.parametrize(("fact_id", "response", "expected"), BUNDLED_CASES)
def test_checker_on_the_bundled_pack(bundled_pack, fact_id: str, response: str, expected: Outcome) -> None:
    verdict = check(bundled_pack.facts_by_id[fact_id], response, bundled_pack)
    assert verdict.outcome is expected, verdict.reason


@pytest.mark.parametrize(
    ("text", "value"),
    [("eleven.", 11), ("about eleven thousand.", 11000), ("twenty-one,", 21), ("nine out of ten", 90),
     ("nineteen sixty-eight", 1968), ("five point nine million dollars", 5.9e6), ("3 1/2 years", 3.5),
     ("more than half", 50), ("one-half", 50), ("half a million", 500_000),
     ("the first two days", 2)],
)
def test_quantities_in_words_next_to_punctuation(text: str, value: float) -> None:
    assert [q.value for q in quantities(text)] == [value]


def test_a_changed_fact_is_checked_as_it_now_is(bundled_pack) -> None:
    """What the checker derives from a fact is kept per pack, but never for a changed copy."""
    fact = bundled_pack.facts_by_id["gd-etrace"]
    assert check(fact, "the trace system", bundled_pack).outcome is X
    changed = fact.model_copy(update={"accept": [*fact.accept, "the trace system"]})
    assert check(changed, "the trace system", bundled_pack).outcome is C
    assert check(fact, "the trace system", bundled_pack).outcome is X


@pytest.mark.parametrize(
    ("fact_id", "options", "response", "expected"),
    [
        ("gd-hires-investigators", ["22", "20", "100", "94"], "22", C),
        ("gd-hires-investigators", ["22", "20", "100", "94"], "A", C),
        ("gd-hires-investigators", ["20", "22", "100", "94"], "1", X),  # the number 1, not option A
        ("gd-new-offices-count", ["2", "4", "3", "5"], "4", C),
        ("gd-new-offices-count", ["2", "4", "3", "5"], "b", C),
        ("gd-new-offices-count", ["2", "4", "3", "5"], "2", X),
    ],
)
def test_numeric_options_are_read_as_their_text(
    bundled_pack, fact_id: str, options: list[str], response: str, expected: Outcome
) -> None:
    assert check(bundled_pack.facts_by_id[fact_id], response, bundled_pack, options).outcome is expected


def hedges(fact_answer: str, distractor: str, prompt_words: list[str]) -> list[str]:
    a, d = fact_answer, distractor
    return [
        f"{a} or {d}", f"{d} or {a}", f"{d} and {a}", f"{a}/{d}", f"{d}, {a}", f"{a}, {d}",
        f"{a} ({d})", f"{d} ({a})", f"{a} {d}", f"{d} {a}", f"{a} & {d}", f"either {a} or {d}",
        f"{a} maybe {d}", f"they {d}", f"it was {d}", f"{d} from ATF", f"{d} (ICE)",
        f"somewhere in {d}", *(f"{w} {d}" for w in prompt_words), *(f"{d} {w}" for w in prompt_words),
    ]


def test_no_hedge_or_denial_built_from_a_facts_distractors_is_accepted(bundled_pack) -> None:
    """Every fact, every distractor: the answer beside a wrong one, a wrong one dressed in the
    question's words, and the answer denied are all marked incorrect or close."""
    from study.checking.normalize import tokens

    accepted = []
    for fact in bundled_pack.facts:
        if fact.kind == "truefalse":
            continue
        answer = fact.items[0].replace("(", "").replace(")", "").split(" / ")[0]
        words = [w for w in tokens(fact.prompt) if len(w) > 3][:4]
        tries = [r for d in fact.distractors for r in hedges(answer, d, words)]
        tries += [f"not {answer}", f"it was not {answer}", f"never {answer}",
                  f"{answer}?? no, not {answer}"]
        accepted += [(fact.id, r) for r in tries if check(fact, r, bundled_pack).correct]
    assert accepted == []


#: Hedges and contradictions a reviewer found the checker accepting; each must be wrong or close.
REVIEWED_WRONG: list[tuple[str, str]] = [
    ("gd-stimulus-money", "$10 million or 20 million"),
    ("gd-stimulus-money", "$10 million, maybe 5.9 million"),
    ("gd-stimulus-money", "$10 million (or 15)"),
    ("gd-budget-money", "$5.9 million or 6 million"),
    ("gd-texas-percent", "about 40 percent or 50"),
    ("gd-drugs-percent", "more than 90 percent or 80"),
    ("gd-ice-cbp-increase", "more than 50 percent or 65"),
    ("ff-chait-year", "2010 or 11"),
    ("ff-chait-year", "2010/11"),
    ("ff-chait-year", "2010-11"),
    ("ff-chait-year", "2010, if not 2011"),
    ("gd-armas-year", "2008 or 09"),
    ("gd-armas-year", "two thousand eight or nine"),
    ("gd-budget-year", "two thousand nine or ten"),
    ("gd-gun-show-target", "ATF, not sure, could be ICE"),
    ("ff-chait-year", "2010, not sure, maybe 2009"),
    ("gd-stimulus-money", "$10 million, not sure, maybe $20 million"),
    ("ff-base-city", "Phoenix, not sure, maybe Houston"),
    ("ff-how-many-guns", "hundreds, if not thousands"),
    ("gd-work-in-progress-person", "Morton, if not Melson"),
    ("gd-ice-export", "ICE, not just CBP"),
    ("gd-lead-agencies", "ATF and ICE, not just CBP"),
    ("gd-work-in-progress-person", "Morton did not say that"),
    ("gd-work-in-progress-person", "John Morton is not right, it was Bersin"),
    ("gd-work-in-progress-person", "Morton, not Bersin... or maybe Bersin"),
    ("ff-overruled-truefalse", "no, i mean yes"),
    ('ff-overruled-truefalse', "no actually it's true"),
    ("ff-overruled-truefalse", "no it is true"),
    ("ff-overruled-truefalse", "wrong, it is true"),
    ("ff-overruled-truefalse", "no but actually yes"),
    ('ff-overruled-truefalse', "no it isn't false"),
    ("ff-goal-truefalse", "yes I mean no"),
    ('ff-goal-truefalse', "yes, although it's false"),
    ("ff-goal-truefalse", "yes but not really"),
    ("ff-rifles-when", "nearly a year after the murder"),
    ("gd-ice-cbp-period", "April through September of 2008"),
    ("gd-ice-cbp-period", "April through September of 2010"),
    ("gd-gao-month", "June of 2008"),
    ("gd-napolitano-month", "March of 2011"),
    ("gd-napolitano-month", "March until May"),
    ("gd-gao-month", "June to July"),
    ("gd-surge-houston", "Houston to Dallas"),
    ("ff-base-city", "Phoenix to Tucson"),
    ("gd-surge-houston", "Houston in Mississippi"),
    ("ff-base-city", "Phoenix in Oregon"),
    ("ff-melson-title", "acting director of the FBI"),
    ("ff-melson-title", "acting director at the Justice Department"),
    ("gd-morton-title", "assistant secretary for ICE in the Justice Department"),
    ("gd-bersin-title", "assistant secretary for international affairs at the State Department"),
    ("gd-gun-show-target", "ATF of the Marshals"),
    ("ff-melson", "Melson with Smith"),
    ("ff-melson", "Melson from ICE"),
    ("ff-melson", "Melson (ICE)"),
    ("ff-melson", "Melson, the ICE director"),
    ("ff-melson", "Melson of the FBI"),
    ("gd-good-question", "Morton, the ATF director"),
    ("gd-napolitano", "Napolitano (Justice Department)"),
    ("gd-ice-cbp-period", "April through September, 2008"),
    ("gd-melson-title",
     "acting director (Homeland Security assistant secretary for Immigration and Customs Enforcement)"),
    ("gd-mou-signers", "Melson, Morton and Napolitano"),
    ("gd-strategy-input", "Justice Department, Homeland Security and ONDCP"),
    ("gd-lead-agencies", "ATF, ICE and memorandum of understanding"),
    ("gd-surge-leads", "1000 or fewer"),
    ("gd-surge-leads", "1000 at most"),
    ("gd-surge-leads", "up to 1000"),
    ("gd-surge-comparison", "almost three decades"),
    ("gd-summit-length", "the 2nd"),
    ('ff-melson', "Melson's deputy"),
    ("gd-drugs-percent", "more than 90 percent, maybe less than 90"),
    ("gd-surge-cases", "two 76"),
]
#: ...and answers around them that must stay right.
REVIEWED_RIGHT: list[tuple[str, str]] = [
    ("gd-budget-year", "2009, no doubt"),
    ("gd-budget-year", "2009 without question"),
    ("ff-comments-year", "March 4, 2011"),
    ("gd-gun-show-target", "ATF, not ICE"),
    ("gd-surge-cases", "two seventy six"),
]


@pytest.mark.parametrize(("fact_id", "response"), REVIEWED_WRONG)
def test_reviewed_hedges_are_not_accepted(bundled_pack, fact_id: str, response: str) -> None:
    verdict = check(bundled_pack.facts_by_id[fact_id], response, bundled_pack)
    assert not verdict.correct, verdict.reason


@pytest.mark.parametrize(("fact_id", "response"), REVIEWED_RIGHT)
def test_reviewed_right_answers_stay_right(bundled_pack, fact_id: str, response: str) -> None:
    verdict = check(bundled_pack.facts_by_id[fact_id], response, bundled_pack)
    assert verdict.correct, verdict.reason
