"""The checker's rules on dates, spans, two-digit years, qualifiers and fuller answers (issue 13),
each family on a small pack of its own (tests/data/rules)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import DATA
from study.checking import Outcome, check
from study.checking.dates import read
from study.pack.loader import load_pack
from study.pack.models import Pack

C, N, X = Outcome.CORRECT, Outcome.CLOSE, Outcome.INCORRECT
RULES = DATA / "rules"


@pytest.fixture(scope="module")
def rules_pack() -> Pack:
    return load_pack(RULES)


DATES: list[tuple[str, str, Outcome]] = [
    # a month and year: that month, written any usual way
    ("report-month", "June 2009", C),
    ("report-month", "June of 2009", C),
    ("report-month", "Jun. 2009", C),
    ("report-month", "in June, 2009", C),
    ("report-month", "6/2009", C),
    ("report-month", "6/09", C),
    ("report-month", "June '09", C),
    ("report-month", "June 12, 2009", C),
    ("report-month", "6/12/2009", C),
    ("report-month", "12 June 2009", C),
    ("report-month", "early June 2009", C),
    ("report-month", "Juen 2009", C),
    # another month of the same year is wrong; the year or the month alone is close
    ("report-month", "July 2009", X),
    ("report-month", "7/2009", X),
    ("report-month", "May 2009", X),
    ("report-month", "June 2008", X),
    ("report-month", "June '08", X),
    ("report-month", "2009", N),
    ("report-month", "in 2009", N),
    ("report-month", "June", N),
    ("report-month", "the summer of 2009", N),
    ("report-month", "the winter of 2009", X),
    ("report-month", "before June 2009", X),
    ("report-month", "June or July 2009", X),
    ("report-month", "June 2009 and July 2009", X),
    ("report-month", "June to July 2009", X),
    ("report-month", "not June 2009", X),
    ("report-month", "13/2009", X),
    ("report-month", "June 2009 or so", X),
    ("report-month", "June, maybe July 2009", X),
    ("report-month", "2009-06", X),
    ("report-month", "May 2009 to July 2009", X),
    ("report-month", "June 2009, not July", C),
    ("report-month", "July 2009, not June", X),
    # the same rules when the fact's kind is text
    ("report-month-text", "Sept. 2009", X),
    ("report-month-text", "6/2009", C),
    ("report-month-text", "2009", N),
    # a span of days: both ends, every part the answer gives
    ("summit-days", "March 4 to March 7, 2011", C),
    ("summit-days", "March 4-7, 2011", C),
    ("summit-days", "between March 4th and 7th 2011", C),
    ("summit-days", "from 3/4/2011 to 3/7/2011", C),
    ("summit-days", "March 4 through 7, 2011", C),
    ("summit-days", "March 4 to March 6, 2011", X),
    ("summit-days", "March 3 to 7, 2011", X),
    ("summit-days", "March 4 to 7, 2010", X),
    ("summit-days", "March 2011", N),
    ("summit-days", "March 7, 2011", N),
    ("summit-days", "March 4 to 7", N),
    ("summit-days", "March 5, 2011", X),
    # a span of months whose year the answer makes optional
    ("weapons-months", "April to September", C),
    ("weapons-months", "April through September 2009", C),
    ("weapons-months", "from April-Sept 2009", C),
    ("weapons-months", "between April and September of 2009", C),
    ("weapons-months", "Apirl through September", C),
    ("weapons-months", "April to September 2008", X),
    ("weapons-months", "July to September 2009", X),
    ("weapons-months", "April to June", X),
    ("weapons-months", "September", N),
    ("weapons-months", "the summer of 2009", X),
    ("weapons-months", "2009", N),
    # a span of years is a value of its own: both ends, however it is joined
    ("data-years", "2004 to 2008", C),
    ("data-years", "2004-2008", C),
    ("data-years", "2004 \u2013 2008", C),
    ("data-years", "from 2004 through 2008", C),
    ("data-years", "between 2004 and 2008", C),
    ("data-years", "2004 until 2008", C),
    ("data-years", "from 2004 thru 2008", C),
    ("data-years", "2004-08", C),
    ("data-years", "'04 to '08", C),
    ("data-years", "2005 to 2008", X),
    ("data-years", "2004 to 2009", X),
    ("data-years", "2008 to 2004", X),
    ("data-years", "2004 or 2008", X),
    ("data-years", "2004 and 2008", X),
    ("data-years", "2008", N),
    ("data-years", "2004", N),
    ("data-years", "since 2004", N),
    ("data-years", "2006", X),
    ("data-years", "2004 to 2008 to 2010", X),
    ("data-years", "2004 to 2008, maybe 2009", X),
    ("data-years", "2004 to 2008 (mostly 2007)", X),
    ("data-years", "2004 to 2008, not 2005 to 2008", C),
    ("data-years", "until 2008", N),
    ("data-years", "2000s", X),
    # two-digit years, read in the answer's own century
    ("act-year", "'68", C),
    ("act-year", "in '68", C),
    ("act-year", "68", C),
    ("act-year", "\u201968", C),
    ("act-year", "'86", X),
    ("act-year", "8", X),
    ("armas-year", "'08", C),
    ("armas-year", "in '08", C),
    ("armas-year", "08", C),
    ("armas-year", "'06", X),
    ("armas-year", "'08 or '09", X),
    ("armas-year", "1908", X),
]

QUALIFIERS: list[tuple[str, str, Outcome]] = [
    ("weapons", "close to 600", C),
    ("weapons", "almost 600", C),
    ("weapons", "just under 600", C),
    ("weapons", "not quite 600", C),
    ("weapons", "not quite six hundred", C),
    ("weapons", "more than 600", X),
    ("weapons", "not 600", X),
    ("firearms", "upwards of 5,400", C),
    ("firearms", "in excess of 5400", C),
    ("firearms", "over 5,400", C),
    ("firearms", "north of 5,400", C),
    ("firearms", "close to 5,400", X),
    ("firearms", "almost 5,400", X),
    ("firearms", "not quite 5,400", X),
    # the same qualifiers in an answer written as words
    ("rifles-when", "nearly a year", C),
    ("rifles-when", "almost a year", C),
    ("rifles-when", "close to a year", C),
    ("rifles-when", "just under a year", C),
    ("rifles-when", "not quite a year", C),
    ("rifles-when", "almost one year", C),
    ("rifles-when", "close to a year before", C),
    ("rifles-when", "nearly a year before the murder", C),
    ("rifles-when", "nearly a year after", X),
    ("rifles-when", "over a year", X),
    ("rifles-when", "in excess of a year", X),
    ("rifles-when", "about two years", X),
]

#: A bound ("more than", "at least", "up to", "nearly") is half the claim: the number without it,
#: or only rounded, is close. An approximation ("about") only rounds: the bare number is right.
BOUNDS: list[tuple[str, str, Outcome]] = [
    # a negative number is another number (a range's dash is no minus sign)
    ("ice-agents", "-2,000", X),
    ("ice-agents", "minus 2000", X),
    ("ice-agents", "about - 2,000", X),
    ("ice-agents", "about 2,000", C),
    ("data-years", "2004-2008", C),
    ("firearms", "5,400", N),
    ("firearms", "5400 firearms", N),
    ("firearms", "about 5,400", N),
    ("firearms", "more than 5,400", C),
    ("firearms", "just over 5,400", C),
    ("firearms", "5,400+", C),
    ("firearms", ">5400", C),
    ("firearms", "5,400 or more", C),
    ("firearms", "less than 5,400", X),
    ("firearms", "<5400", X),
    ("firearms", "4,500", X),
    ("weapons", "600", N),
    ("weapons", "roughly 600", N),
    ("weapons", "nearly 600", C),
    ("weapons", "just over 600", X),
    ("weapons", "600+", X),
    ("task-force-cases", "300", N),
    ("task-force-cases", "up to 300", C),
    ("task-force-cases", "at most 300", C),
    ("task-force-cases", "at least 300", X),
    ("ice-agents", "2,000", C),
    ("ice-agents", "2000 agents", C),
    ("ice-agents", "~2,000", C),
    ("ice-agents", "roughly 2000", C),
    ("ice-agents", "more than 2,000", X),
    ("ice-agents", "20,000", X),
    # the pack accepting the bare number takes it as written
    ("surge-guns", "680", C),
    ("surge-guns", "more than 680", C),
    ("surge-guns", "about 680", N),
    # the figure of a sum without its scale or unit is close; with another unit, wrong
    ("budget", "5.9", N),
    ("budget", "5.9 million", C),
    ("budget", "$5.9 million", C),
    ("budget", "$5.9", X),
    ("budget", "5.9 percent", X),
    ("budget", "5900", X),
    ("budget", "59", X),
    # thousands set apart by a space, as in much of Europe
    ("firearms", "more than 5 400", C),
    ("ice-agents", "about 2 000", C),
    ("ice-agents", "about 2 000 000", X),
]

#: A third of a long answer's meaningful words, exactly as the answer has them, is on the way.
PARTS: list[tuple[str, str, Outcome]] = [
    ("surge-act", "American Recovery and Reinvestment Act", C),
    ("surge-act", "Reinvestment Act", N),
    ("surge-act", "the Recovery Act", N),
    ("surge-act", "Recovery and Reinvestment", N),
    ("surge-act", "the Patriot Act", X),
    ("surge-act", "the act", X),
    ("surge-avoid", "competing independent efforts", C),
    ("surge-avoid", "competing", N),
    ("surge-avoid", "independent efforts", N),
    ("surge-avoid", "cooperating", X),
    ("surge-avoid", "joint efforts", X),
]

#: The answer, then the source the learner has it from.
SOURCED: list[tuple[str, str, Outcome]] = [
    ("rifles-when", "nearly a year, according to the CPI", C),
    ("rifles-when", "nearly a year (per the CPI)", C),
    ("rifles-when", "nearly a year, the Justice Department says", X),  # (not a closing source)
    ("rifles-when", "nearly a year according to the Justice Department", C),
    ("rifles-when", "two years, according to the CPI", X),
    ("rifles-when", "nearly a year, according to my notes", X),
    ("reviewer", "the DOJ inspector general, according to the GAO", X),  # a distractor
    ("acting-director", "Melson, according to Napolitano", X),  # a person, for a person
    ("acting-director", "Melson, according to the CPI", C),
]

PLACES: list[tuple[str, str, Outcome]] = [
    # a city with the state or country that holds it
    ("surge-city", "Houston, Texas", C),
    ("surge-city", "Houston TX", C),
    ("surge-city", "Houston, Tex.", C),
    ("surge-city", "Houston, Texas, USA", C),
    ("surge-city", "near Houston", C),
    ("surge-city", "around Houston", C),
    ("base-city", "Phoenix, Arizona", C),
    ("base-city", "Phoenix, Ariz.", C),
    ("summit-city", "San Diego, California", C),
    ("summit-city", "in San Diego, Calif.", C),
    ("consulate-city", "Ciudad Juarez, Chihuahua", C),
    ("consulate-city", "Juarez, Chihuahua, Mexico", C),
    ("consulate-city", "Juárez, Mexico", C),
    ("gun-state", "Michoacán, Mexico", C),
    ("killed-state", "in Arizona, USA", C),
    ("killed-state", "AZ", C),
    # never a place that does not hold it, nor a second city
    ("surge-city", "Houston, Arizona", X),
    ("surge-city", "Houston, Mexico", X),
    ("surge-city", "Houston, Dallas", X),
    ("surge-city", "Houston/Dallas", X),
    ("summit-city", "San Diego, Texas", X),
    ("consulate-city", "Juarez, Sonora", X),
    ("gun-state", "Michoacan, Texas", X),
    ("base-city", "Phoenix, Arizona, Mexico", X),
    ("base-city", "Phoenix, New Mexico", X),
    ("consulate-city", "Juarez, New Mexico", X),
    ("surge-city", "Houston, Texas or Dallas", X),
    ("surge-city", "Texas, Houston", X),
    ("surge-city", "near Dallas", X),
    # the larger place alone is on the way: which city?
    ("base-city", "Arizona", N),
    ("base-city", "the state of Arizona", N),
    ("surge-city", "southeast Texas", N),
    ("consulate-city", "Mexico", N),
    ("consulate-city", "Chihuahua", N),
    ("gun-state", "a state in Mexico", N),
    ("gun-state", "Mexico", N),
    ("base-city", "Texas", X),
    ("base-city", "Tucson", X),
    ("killed-state", "Mexico", X),
    ("killed-state", "USA", N),
    # the states' abbreviations count as the states
    ("office-states", "CA, NM, TX", C),
    ("office-states", "Calif., N.M. and Tex.", C),
    ("office-states", "CA, AZ, TX", X),
]


FULLER: list[tuple[str, str, Outcome]] = [
    # a surname answer: the full name of the one person the pack knows by it
    ("acting-director", "Melson", C),
    ("acting-director", "Kenneth Melson", C),
    ("acting-director", "Ken Melson", C),
    ("acting-director", "K. Melson", C),
    ("acting-director", "Kenneth Melsen", C),
    ("acting-director", "John Melson", X),
    ("acting-director", "Mark Melson", X),
    ("acting-director", "Janet Melson", X),
    ("acting-director", "Kenneth", X),
    ("acting-director", "Mark Chait", X),
    ("field-chief", "Mark Chait", C),
    ("field-chief", "Kenneth Chait", X),
    # the name with the post the source gives the person, before or after it
    ("acting-director", "Melson, the ATF head", C),
    ("acting-director", "Kenneth Melson, ATF's acting director", C),
    ("acting-director", "ATF's Kenneth Melson", C),
    ("acting-director", "ATF chief Kenneth Melson", C),
    ("acting-director", "Kenneth Melson of ATF", C),
    ("acting-director", "Melson, the ATF guy", C),
    ("field-chief", "Mark Chait, who ran field operations", C),
    # ... never a post the source gives someone else, another person, or a denial
    ("acting-director", "Melson, the Homeland Security head", X),
    ("acting-director", "Melson, head of field operations", X),
    ("acting-director", "Melson, the drug czar", X),
    ("acting-director", "Melson, Napolitano's deputy", X),
    ("acting-director", "Napolitano's Kenneth Melson", X),
    ("acting-director", "Melson, Chait", X),
    ("acting-director", "ATF's Melson and Chait", X),
    ("field-chief", "Chait, the ATF acting director", X),
    ("field-chief", "Mark Chait, Homeland Security chief", X),
    # the post from anywhere in the pack, beside the name (this fact's passage gives none)
    ("summit-visitor", "Morton, the ICE head", C),
    ("summit-visitor", "John Morton, head of Immigration and Customs Enforcement", C),
    ("summit-visitor", "ICE's John Morton", C),
    ("summit-visitor", "John Morton of ICE", C),
    ("summit-visitor", "Morton, the Homeland Security assistant secretary", C),
    ("summit-visitor", "Morton, the ATF head", X),
    ("summit-visitor", "Morton of the Border Patrol", X),
    ("summit-visitor", "Morton, Melson's deputy", X),
    ("summit-visitor", "ICE's Melson", X),
    # a word saying he leads something needs a post the source gives him ("ran" is none)
    ("field-chief", "Chait, the field operations chief", X),
    # the answer followed by a noun naming its kind
    ("tracing-database", "the eTrace system", C),
    ("tracing-database", "eTrace database", C),
    ("tracing-database", "the eTrace program", C),
    ("tracing-database", "the eTrace rifle", X),
    ("tracing-database", "the eTrace scandal", X),
    ("tracing-database", "the database", N),
    ("feared-weapon", "AK-47 rifles", C),
    ("feared-weapon", "AK-47 assault rifles", C),
    ("feared-weapon", "AK-47 weapons", C),
    ("feared-weapon", "AK-47 sniper rifles", X),
    ("feared-weapon", "AK-47 system", X),
    ("feared-weapon", "M-16 rifles", X),
    ("feared-weapon", "assault rifles", N),
    ("feared-weapon", "rifles", N),
    ("earlier-scandal", "the Iran-Contra scandal", C),
    ("earlier-scandal", "the Iran-Contra affair of the 1980s", C),
    ("earlier-scandal", "the Iran-Contra affair of the 80s", C),
    ("earlier-scandal", "the Iran-Contra affair of 1986", X),
    ("earlier-scandal", "the Iran-Contra system", X),
    # an office named the long way: "X's Y" is "the Y of/at/for X", with X in any of its names
    ("reviewer", "the inspector general at the Department of Justice", C),
    ("reviewer", "the inspector general of the Justice Department", C),
    ("reviewer", "inspector general for DOJ", C),
    ("reviewer", "the DOJ inspector general", C),
    ("reviewer", "the inspector general of the GAO", X),
    ("reviewer", "the inspector general at Homeland Security", X),
    ("reviewer", "the Department of Justice", X),
]

#: The ninth and tenth sets' rules (tests/data/checker_set9.csv and checker_set10.csv, each
#: scored blind first).
NINTH: list[tuple[str, str, Outcome]] = [
    # where in the month: "early November 2009" is a month and year, not the year alone
    ("visit-early", "early November 2009", C),
    ("visit-early", "November 2009", C),
    ("visit-early", "11/2009", C),
    ("visit-early", "Nov. 2009", C),
    ("visit-early", "October 2009", X),
    ("visit-early", "June 2009", X),
    ("visit-early", "2009", N),
    ("visit-early", "November", N),
    ("visit-early", "late November 2009", N),
    ("visit-early", "mid-November 2009", N),
    ("visit-early", "late October 2009", X),
    # a time of day beside the date is a detail the answer does not check
    ("chat-day", "March 4th 2011 at 3:53 PM", C),
    ("chat-day", "3/4/2011 at 15:40", C),
    ("chat-day", "March 5, 2011 at 3:40 PM", X),
    # a multiple goes one way
    ("catch-multiple", "four times as many", C),
    ("catch-multiple", "about four times more", C),
    ("catch-multiple", "about four times fewer", X),
    ("catch-multiple", "four times less", X),
    # halves and vague amounts written either way
    ("killing-span", "3.5 years", C),
    ("killing-span", "3 1/2 years", C),
    ("killing-span", "3\u00bd years", C),
    ("killing-span", "4 years", X),
    ("guns-let-go", "several hundred", C),
    ("guns-let-go", "thousands", X),
    # true or false, with a reason, or said twice
    ("single-counterpart", "False. ATF had no single counterpart", C),
    ("single-counterpart", "nope, false", C),
    ("single-counterpart", "yes and no", X),
    ("single-counterpart", "true, no", X),
    ("single-counterpart", "no, I mean yes", X),
    ("single-counterpart", "True. It had one", X),
    # a given name: the form a person goes by, or one the pack does not give
    ("speaker", "Ken Greer", C),
    ("speaker", "Kevin Greer", X),
    ("resigned", "Richard Nixon", C),
    ("resigned", "Watergate Nixon", X),
    ("acting-director", "John Melson", X),
    # spelt as it sounds
    ("panel-chair", "Westfal", C),
    ("panel-chair", "Westfield", X),
    # the tenth set's (tests/data/checker_set10.csv): a date written the ISO way
    ("chat-day", "2011-03-04", C),
    ("chat-day", "2011-03-05", X),
    ("chat-day", "2011-13-04", X),
    # a time of day, and a span of them: both ends, in any usual form; one end is close
    ("chat-times", "3:40 PM to 6:45 PM", C),
    ("chat-times", "15:40-18:45", C),
    ("chat-times", "between 3:40 and 6:45 pm", C),
    ("chat-times", "from 3:40 to 6:45 in the afternoon", C),
    ("chat-times", "from 3:40 in the afternoon to 6:45 in the evening", C),
    ("chat-times", "3:40 PM", N),
    ("chat-times", "6:45", N),
    ("chat-times", "3:40 PM to 6:50 PM", X),
    ("chat-times", "6:45 PM to 3:40 PM", X),
    ("chat-times", "3:40 AM to 6:45 AM", X),
    ("chat-times", "3:40 or 6:45 PM", X),
    ("chat-times", "not 3:40 to 6:45 PM", X),
    ("chat-times", "in the evening", X),
    ("posted-at", "11:43 a.m.", C),
    ("posted-at", "11:43", C),
    ("posted-at", "11:43 PM", X),
    ("posted-at", "11:34 AM", X),
]


@pytest.mark.parametrize(("fact_id", "response", "expected"), DATES + QUALIFIERS + BOUNDS + PARTS + SOURCED
                         + PLACES + FULLER + NINTH)
def test_rule(rules_pack: Pack, fact_id: str, response: str, expected: Outcome) -> None:
    verdict = check(rules_pack.facts_by_id[fact_id], response, rules_pack)
    assert verdict.outcome is expected, f"{fact_id}: {response!r} -> {verdict}"


def test_a_span_joined_any_way_reads_as_one_span() -> None:
    for text in ("2004 to 2008", "2004-2008", "from 2004 through 2008", "between 2004 and 2008",
                 "2004 until 2008", "2004 thru 2008", "2004 - 2008"):
        reading = read(text)
        assert len(reading.periods) == 1, text
        period = reading.periods[0]
        assert period.end is not None, text
        assert (period.start.year, period.end.year) == (2004, 2008), text


def test_the_span_answers_pass_study_check() -> None:
    """`study check` runs every answer and accepted form through the checker: a span answer
    ("2004 to 2008", "March 4 to March 7, 2011") and a month-year answer must pass it."""
    done = subprocess.run([sys.executable, "-m", "study", "check", "--content", str(RULES)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "ok: 1 sources" in done.stdout


@pytest.mark.parametrize(
    ("synonym", "same_as"),
    [("close to", "nearly"), ("almost", "nearly"), ("just under", "nearly"),
     ("not quite", "nearly"), ("upwards of", "more than"), ("in excess of", "more than"),
     ("over", "more than"), ("north of", "more than")],
)
def test_qualifier_synonyms_read_the_same(synonym: str, same_as: str) -> None:
    from study.checking.normalize import tokens
    from study.checking.numbers import quantities

    assert quantities(f"{synonym} 600")[0].qualifier == quantities(f"{same_as} 600")[0].qualifier
    assert tokens(f"{synonym} a year") == tokens(f"{same_as} a year")
    # before a place or a thing, not an amount, the words are left as they are
    assert tokens(f"{synonym} the border") != tokens(f"{same_as} the border")


# -- what the pack itself says: its glossary's places, its accepted forms ------------------------


def _rules_copy(tmp_path, glossary: str = "", facts: str = "", passage: str = "") -> Pack:
    import shutil

    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    if glossary:
        with (root / "corpus" / "glossary.yaml").open("a", encoding="utf-8") as handle:
            handle.write(glossary)
    if passage:
        with (root / "corpus" / "rules.md").open("a", encoding="utf-8") as handle:
            handle.write(passage)
    if facts:
        with (root / "questions" / "rules.yaml").open("a", encoding="utf-8") as handle:
            handle.write(facts)
    return load_pack(root)


def test_a_place_the_glossary_lists_keeps_its_abbreviations(tmp_path) -> None:
    pack = _rules_copy(tmp_path, glossary="- name: Texas\n  kind: place\n")
    fact = pack.facts_by_id["office-states"]
    assert check(fact, "CA, NM, TX", pack).outcome is C
    assert check(pack.facts_by_id["killed-state"], "TX", pack).outcome is X


def test_a_name_the_glossary_gives_to_something_else_gets_no_place_abbreviation(tmp_path) -> None:
    pack = _rules_copy(tmp_path, glossary="- name: Texas\n  kind: other\n")
    assert check(pack.facts_by_id["office-states"], "CA, NM, TX", pack).outcome is not C


def test_an_accepted_form_in_another_unit_is_accepted_in_that_unit(tmp_path) -> None:
    pack = _rules_copy(
        tmp_path, passage="\n## Surge {#surge}\n\nThe surge lasted 120 days, about four months.\n",
        facts='\n- id: surge-length\n  prompt: How long did the surge last?\n  answer: "120 days"\n'
              '  accept: ["four months"]\n  kind: number\n  cite: rules#surge\n  topic: figures\n')
    fact = pack.facts_by_id["surge-length"]
    for response, outcome in [("120 days", C), ("four months", C), ("4 months", C),
                              ("120 months", X), ("four days", X), ("4 weeks", X)]:
        assert check(fact, response, pack).outcome is outcome, response


def test_a_verdict_quotes_the_answer_without_its_question_mark(bundled_pack: Pack) -> None:
    fact = next(f for f in bundled_pack.facts if f.answer_text == "John Dodson")
    verdict = check(fact, "Dodson?", bundled_pack)
    assert verdict.outcome is C and verdict.reason == "accepted Dodson for John Dodson"


# -- an answer that names only the kind of thing asked -----------------------------------------

GENERIC: list[tuple[str, str, Outcome]] = [
    # the kind of one asked, as the question describes it: close, be more specific
    ("reader-case", "some reader", N),
    ("reader-case", "a Mexican commenter", N),
    ("reader-case", "Harley", C),
    ("reader-case", "the commenter Harley", C),  # what the pack calls him, before his name
    ("reader-case", "the commenter MF", X),
    ("news-source", "a TV network", N),
    ("news-source", "some news outlet", N),
    ("act-year", "the 1960s", N),
    ("act-year", "the late 1960s", N),
    ("act-year", "the early 1960s", X),  # 1968 is not early in its decade
    ("act-year", "the 1970s", X),
    ("firearms", "a lot", N),
    ("firearms", "a lot of firearms", N),
    ("firearms", "a lot of agents", X),  # not what the question counts
    # a kind the question does not describe, or a name, is an answer, and wrong
    ("acting-director", "a reader", X),
    ("acting-director", "some guy", X),
    ("news-source", "the State Department", X),
    ("news-source", "Congress", X),
]


ASIDES: list[tuple[str, str, Outcome]] = [
    # the answer with a detail beside it that names no one else
    ("reader-case", "Harley, on March 5", C),
    ("reader-case", "Harley, on March 9", X),  # a date the source never gives is no detail
    ("reader-case", "Harley (the one with the old case)", C),
    ("reader-case", "At the end of the post, Harley", C),
    ("news-source", "CNN, according to the item", C),
    # an aside naming another candidate, or taking the answer back, is no detail
    ("reader-case", "Harley, or maybe MF", X),
    ("reader-case", "Harley, Bill", X),
    ("news-source", "CNN, no wait, Fox News", X),
    ("news-source", "CNN; Reuters", X),
    # a sentence ending in the place
    ("base-city", "It was based in Phoenix.", C),
    ("base-city", "The operation was run out of Phoenix, Arizona", C),
    ("base-city", "they worked from Phoenix", C),
    ("base-city", "They met in Tucson", X),
    ("base-city", "Melson went to Phoenix", X),  # another name beside it
    # a phrase with a detail beside it
    ("mf-mocked", "the agency's name, in his comment", C),
    ("mf-mocked", "the agency's name, or maybe its budget", X),
]


ROUNDED: list[tuple[str, str, Outcome]] = [
    # an exact figure rounded, and said to be: close, the source gives it exactly
    ("cases-opened", "about 280", N),
    ("cases-opened", "roughly 300", X),  # two figures of three dropped: no longer the figure
    ("budget-set-aside", "about $6 million", N),
    ("cases-opened", "276", C),
    # not a rounding of it, or not said to be one
    ("cases-opened", "280", X),
    ("cases-opened", "about 400", X),
    ("cases-opened", "about 270", X),  # 276 rounds to 280, not 270
    ("budget-set-aside", "about $10 million", X),
]


WORKED: list[tuple[str, str, Outcome]] = [
    # the sum shown, ending in the answer
    ("cases-opened", "200 + 76 = 276", C),
    ("budget-set-aside", "$5 million + $0.9 million = $5.9 million", C),
    # a wrong sum, or a sum ending elsewhere
    ("cases-opened", "200 + 70 = 276", X),
    ("cases-opened", "200 + 76 = 286", X),
]


ITEMS: list[tuple[str, str, Outcome]] = [
    # a list item without the word for its kind: "prosecutors" for "federal prosecutors"
    ("who-let", "ATF and prosecutors", C),
    ("went-south", "cash and guns", C),
    ("who-let", "prosecutors", X),  # one of two
    ("went-south", "bulk guns and cash", X),  # "bulk" belongs to the cash
]


INNER_PLACES: list[tuple[str, str, Outcome]] = [
    # a place inside the one asked for: close, name the larger one
    ("surge-state", "Houston", N),
    ("surge-state", "Texas", C),
    ("surge-state", "Phoenix", X),  # in Arizona, not in Texas
    ("surge-state", "Mexico", X),
]


REASONS: list[tuple[str, str, Outcome]] = [
    # true or false with a reason: a figure the source does not give makes it close
    ("armas-start", "false", C),
    ("armas-start", "False, it was 2008", C),
    ("armas-start", "false, in '08", C),
    ("armas-start", "False, that's the one ICE started in 2008", C),
    ("armas-start", "False, it was 2006", N),
    ("armas-start", "false, in '06", N),
    ("armas-start", "True, it was 2005", X),
    # "really" in a reason takes nothing back; "not really" does
    ("single-counterpart", "false, it really had none", C),
    ("single-counterpart", "false, not really", X),
]


POSTS: list[tuple[str, str, Outcome]] = [
    # the post a source gives with a verb ("who directs national drug control policy"), said
    # with its noun
    ("profits-and-power", "Kerlikowske, the White House drug policy director", C),
    ("profits-and-power", "Gil Kerlikowske, the drug control policy director", C),
    ("profits-and-power", "Kerlikowske, the ATF director", X),
    ("profits-and-power", "Kerlikowske, the head of ICE", X),
    # a glossary's gloss is no name: "Westphal (under-secretary)" leaves "secretary" a post
    # (the FULLER cases of "Morton, the Homeland Security assistant secretary" too)
    ("panel-chair", "Westphal", C),
    ("summit-visitor", "Westphal", X),
]


DIRECTIONS: list[tuple[str, str, Outcome]] = [
    # the part of a place, in words the question leaves out
    ("killings-part", "the north", C),
    ("killings-part", "in the north", C),
    ("killings-part", "north", C),
    ("killings-part", "the south", X),
    ("killings-part", "southern Mexico", X),
    ("killings-part", "the north of the US", X),
    # an aside that is a place inside the answer
    ("surge-state", "Texas, mostly around Houston", C),
    ("surge-state", "Texas, mostly around Phoenix", X),
    # a sum in words
    ("cases-opened", "200 plus 76, so 276", C),
    ("budget-set-aside", "$5 million and $0.9 million makes $5.9 million", C),
    ("cases-opened", "200 plus 70, so 276", X),
]


ORDER: list[tuple[str, str, Outcome]] = [
    # a phrase's words in another order, with words of its question or passage besides
    ("watched-man", "an ATF agent, undercover", C),
    ("watched-man", "an agent from ATF who was undercover", C),
    ("watched-man", "It was an ATF agent undercover on his own case", C),
    ("watched-man", "an ICE agent, undercover", X),
    ("watched-man", "an agent, not undercover, from ATF", X),
    ("watched-man", "some agent from ATF, undercover", X),
    ("watched-man", "an ATF agent undercover at the Zetas", X),
    # an answer whose order is its meaning
    ("found-in-cars", "more guns than cash", C),
    ("found-in-cars", "more cash than guns", X),
]


SIZES: list[tuple[str, str, Outcome]] = [
    # the figure's size without the figure: close when the size fits
    ("surge-guns", "hundreds", N),
    ("surge-guns", "several hundred", N),
    ("surge-guns", "hundreds of guns", N),
    ("weapons", "a few hundred", N),
    ("firearms", "thousands", N),
    ("firearms", "a few hundred", X),
    ("firearms", "hundreds", X),
    ("cases-opened", "thousands", X),
    ("traced-share", "most of them", N),
    ("traced-share", "nearly all", N),
    ("traced-share", "a third", X),
    # a bound's figure rounded is close, as an exact one's is
    ("surge-guns", "about 700", N),
    ("firearms", "about 5,000", N),
    ("firearms", "about 4,000", X),
    # a lower bound's figure is rounded up as readily: "about 6,000" for "more than 5,400"
    ("firearms", "about 6,000", N),
    ("firearms", "about 7,000", X),
    # a "+" after the scale is the bound: "5.4k+" is "more than 5,400"
    ("firearms", "5.4k+", C),
    ("firearms", "5.4k", N),
    # a negator in a clause of its own telling something else denies no figure
    ("cases-opened", "276 cases, some never opened before", C),
    ("cases-opened", "276, none of them closed", C),
    ("cases-opened", "276? no", X),
    ("cases-opened", "not 276", X),
    ("cases-opened", "276, no wait, 270", X),
    # a model's number is no count: "two AK-47s"
    ("rifles-found", "two AK-47s", C),
    ("rifles-found", "2 M16s", C),
    ("rifles-found", "three AK-47s", X),
]


TOLD: list[tuple[str, str, Outcome]] = [
    # beside the answer, what its passage says beside it, names included
    ("hard-partner", "ICE, even though they signed an MOU", C),
    ("hard-partner", "ICE, even though they had signed an MOU with ATF", C),
    ("hard-partner", "ICE, even though they signed an NDA", X),
    ("hard-partner", "ICE, even though the GAO signed an MOU", X),
    ("hard-partner", "ICE, or maybe the MOU", X),
    ("armas-year", "2008, as Operation Armas Cruzadas", C),
    ("armas-year", "2008, or maybe 2009", X),
    # a hedge after the answer, with no comma
    ("acting-director", "Melson I'm pretty sure", C),
    ("acting-director", "Melson if I remember correctly", C),
    ("acting-director", "Chait I'm pretty sure", X),
    # a description of the person by the post the source gives them, without the name: close;
    # never another's post, nor the question given back
    ("profits-and-power", "the White House drug policy director", N),
    ("profits-and-power", "the ATF director", X),
    ("profits-and-power", "the man who said the cartels are after profits", X),
]


WORDS: list[tuple[str, str, Outcome]] = [
    # multiples in a word, and "a couple thousand"
    ("catch-multiple", "roughly quadruple", C),
    ("catch-multiple", "about fourfold", C),
    ("catch-multiple", "roughly triple", X),
    ("ice-agents", "a couple thousand", C),
    ("ice-agents", "a couple hundred", X),
    # the scale said once, at a worked sum's result
    ("budget-set-aside", "5 + 0.9 = 5.9 million dollars", C),
    ("budget-set-aside", "5 + 0.8 = 5.9 million dollars", X),
    # a decade in two digits takes the answer's century
    ("act-year", "the late 60s", N),
    ("act-year", "the '60s", N),
    ("act-year", "the early 60s", X),
    ("act-year", "the late 70s", X),
    # a list answered by the kind of its items, in the question's noun: close
    ("office-states", "the three states", N),
    ("office-states", "the border states", N),
    ("office-states", "the new offices", X),
    ("office-states", "states and offices", X),
    # a department's item by any of the department's names
    ("letter-departments", "DHS and DOJ", C),
    ("letter-departments", "the Justice Department and the Department of Homeland Security", C),
    ("letter-departments", "DHS and ICE", X),
    # an item's words in other forms and order
    ("six-month-count", "arrests, prosecutions, drug seizures", C),
    ("six-month-count", "arrests, prosecutions, seized guns", X),
    # a post with its word for the post swapped: close
    ("melson-post", "the acting chief", N),
    ("melson-post", "acting head", N),
    ("melson-post", "the assistant chief", X),
    # "IG" is an inspector general; "lol" after an answer is filler
    ("reviewer", "the Justice Department's IG", C),
    ("tracing-database", "eTrace lol", C),
]


@pytest.mark.parametrize(("fact_id", "response", "expected"), GENERIC + ASIDES + ROUNDED + WORKED
                         + ITEMS + INNER_PLACES + REASONS + POSTS + DIRECTIONS + ORDER + SIZES
                         + TOLD + WORDS)
def test_a_vague_answer_an_aside_or_a_rounded_figure(rules_pack: Pack, fact_id: str, response: str,
                                                     expected: Outcome) -> None:
    verdict = check(rules_pack.facts_by_id[fact_id], response, rules_pack)
    assert verdict.outcome is expected, f"{fact_id}: {response!r} -> {verdict}"
