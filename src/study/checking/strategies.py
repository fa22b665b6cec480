"""One checking strategy per answer kind; `STRATEGIES` maps each kind to its function."""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from study.checking.around import (
    SECOND_ANSWER,
    filler_words,
    known_names,
    only_category,
    with_apposition,
    with_aside,
    with_category_noun,
    with_owner_turned,
    with_post,
    without_attribution,
    without_context,
    without_echo,
    without_tail,
)
from study.checking.choices import choice_index as choice_index  # re-exported
from study.checking.choices import reason_of
from study.checking.choices import resolve_choice as resolve_choice  # re-exported
from study.checking.choices import truth_value as truth_value  # re-exported
from study.checking.context import Context, Entity, Tokens
from study.checking.dates import DateAnswer, date_answer, judge, read
from study.checking.given_names import SAME_GIVEN
from study.checking.matching import (
    GENERIC,
    LEAD_INS,
    NEGATORS,
    TITLES,
    Match,
    as_tokens,
    best_match,
    match_tokens,
)
from study.checking.normalize import is_dont_know, normalize
from study.checking.numbers import Quantity, is_bound, is_year, qualifiers_agree, quantities
from study.checking.surnames import is_surname
from study.checking.times import judge as judge_time
from study.checking.times import time_answer
from study.checking.vague import is_modified_part, is_vague_part
from study.checking.verdict import Outcome, Verdict
from study.pack.models import Fact, Kind

Strategy = Callable[[Fact, str, Context], Verdict]

_SEPARATORS = re.compile(r"\s*(?:\bor\b|\band/or\b|\band\b|/|,|;|&|\n)\s*")
#: Whether a text has one of `_SEPARATORS` (its spaces can be empty: found without them).
_HAS_SEPARATOR = re.compile(r"\bor\b|\band/or\b|\band\b|/|,|;|&|\n")


# -- text, agency, place, choice ----------------------------------------------------------------


def answer_forms(fact: Fact, ctx: Context, kind: Kind | None = None) -> list[Tokens]:
    return ctx.answer_forms(fact, kind or fact.kind)


def _best_rival(
    response: Tokens, fact: Fact, forms: list[Tokens], ctx: Context, kind: Kind, beat: int | None
) -> tuple[Entity, int] | None:
    """The other answer of the pack the response matches best, if it beats ``beat`` edits."""
    index = ctx.rivals.get(kind)
    if index is None:
        return None
    mine = set(forms)
    best: tuple[Entity, int] | None = None
    for entity, form in index.near(response):
        if entity.forms & mine:
            continue
        edits = match_tokens(response, form)
        if edits is None:
            stripped = tuple(t for t in response if t not in GENERIC)
            edits = match_tokens(stripped, form) if stripped and stripped != response else None
        if edits is not None and (best is None or edits < best[1]):
            best = (entity, edits)
    if best is None or (beat is not None and best[1] >= beat):
        return None
    return best


def check_text(fact: Fact, response: str, ctx: Context, kind: Kind | None = None) -> Verdict:
    """Names, agencies, places and free text: per-word typos, glossary, rivals, vagueness."""
    kind = kind or fact.kind
    said = as_tokens(response)
    forms, longest, negated, when, positions = _text_shape(fact, ctx, kind)
    if when is not None:
        return check_date(fact, response, ctx, when)
    if kind is Kind.TEXT:
        clock = ctx.memo(fact, "time-answer", lambda: time_answer([*fact.items, *fact.accept]))
        if clock is not None:
            return judge_time(clock, response, fact.answer_text,
                              bool(NEGATORS.intersection(said)))
    at = positions.get(said)
    # Worked out for the forms learners type, as they type them (not for every form at once).
    canonical_form = None if at is None else ctx.memo(
        fact, f"exact-{kind}-{at}", lambda: _exact_form(forms, at, fact, ctx, kind))
    if canonical_form is not None:
        # One of the answer's own forms, word for word (34% of real responses): the verdict
        # `_read` and the lines below give it, without reading it every other way first.
        if canonical_form or normalize(response) == normalize(fact.answer_text):
            return Verdict.right("correct")
        return Verdict.right(f"accepted {_as_said(response)} for {fact.answer_text}")
    if len(said) > 3 * longest + 20:
        return Verdict.wrong(f"too long for an answer; the answer is {fact.answer_text}")
    if len(negated) == 1 and (bool(NEGATORS.intersection(said)) not in negated):
        return Verdict.wrong(f"the answer is {fact.answer_text}")
    said, match = _read(said, response, forms, fact, ctx, kind)
    answer = fact.answer_text
    core = said
    if match is None:
        core = without_context(said, response, fact, ctx, kind)
        readings = (said,) if core == said else (said, core)
        if any(is_modified_part(r, forms) for r in readings):
            return _vague(response)
        if kind is not Kind.PERSON and any(is_vague_part(r, forms, exact=True) for r in readings):
            # Exactly part of this answer ("a bust" for "a scandalous bust"): not another
            # answer that happens to be a typo away.
            return _vague(response)
        if kind is Kind.PLACE and _names_a_holder(said, forms, ctx):
            return _vague(response)
        if kind is not Kind.PERSON and only_category(core, fact, ctx, kind):
            return _vague(response)
    if match is None or not match.exact:
        rival = _best_rival(said, fact, forms, ctx, kind, match.edits if match else None)
        if rival:
            return Verdict.wrong(f"{rival[0].label} is not {answer}")
    if match is not None:
        canonical = set(ctx.forms(fact.items[0], kind)[:1])
        if match.exact:
            if match.form in canonical or normalize(response) == normalize(answer):
                return Verdict.right("correct")
            return Verdict.right(f"accepted {_as_said(response)} for {answer}")
        return Verdict.right(f"typo forgiven: {answer}")
    several = _several_candidates(said, response, forms, ctx, fact, kind)
    if several:
        return several
    if kind is Kind.PERSON:
        verdict = _person_partial(said, fact, forms, ctx)
        if verdict:
            return verdict
    # Half of an answer's words is on the way; so is a third of a long answer's, in its order,
    # when it names nothing else the pack knows ("Reinvestment Act", "competing" for "competing
    # independent efforts"; in the pack, "the Department of Justice" is another thing than its
    # inspector general). Not a third for a person or an agency: a piece of its name
    # ("Customs") may be another's. (One call: a third is looser than a half.)
    share = 3 if kind is not Kind.AGENCY and core not in ctx.everyone else 2
    if is_vague_part(said, forms) or (kind is not Kind.PERSON and is_vague_part(core, forms,
                                                                               share=share)):
        return _vague(response)
    return Verdict.wrong(f"the answer is {answer}")


def _exact_form(forms: list[Tokens], at: int, fact: Fact, ctx: Context, kind: Kind) -> bool | None:
    """Whether `_read` takes the answer form ``forms[at]`` as it is (None when not: a person's
    name that starts with a title, which `_read` drops, or a place of several words, after
    which `_read` may drop a larger place), and if so whether the form it matches first
    (`best_match`) is the canonical one."""
    form = forms[at]
    if (kind is Kind.PERSON and _without_titles(form) != form) or (
            kind is Kind.PLACE and len(form) > 1):
        return None
    # `best_match` stops at the first form the response matches exactly, and a form matches
    # itself exactly: the forms after it never count.
    match = best_match(form, forms[:at + 1])
    if match is None or not match.exact:
        return None
    return match.form in set(ctx.forms(fact.items[0], kind)[:1])


def _read(
    said: Tokens, response: str, forms: list[Tokens], fact: Fact, ctx: Context, kind: Kind
) -> tuple[Tokens, Match | None]:
    """The reading of the response that matches an answer form, trying in turn: as written;
    without a title or a larger place; without an aside in brackets; "Surname, First"; without
    words that echo the question; one part of an apposition; the answer before a phrase that
    places it; the answer before a noun naming its kind; "the Y of X" for "X's Y". The
    response's own words and None when no reading matches."""
    if kind is Kind.PERSON:
        # "Secretary Napolitano", "Rep. Bilbray": a title is not part of the name.
        said = _without_titles(said)
    elif kind is Kind.PLACE and len(said) > 1:
        if said[0] in _NEAR:
            said = said[1:]  # "near Houston", "around Phoenix"
        said = _drop_trailing_place(said, response, forms, ctx)
    match = best_match(said, forms)
    if match is not None:
        return said, match
    if "(" in response:
        said, match = with_aside(said, response, forms)
    if match is None and kind is Kind.PERSON and response.count(",") == 1:
        # "Melson, Kenneth": surname first, as on a class list.
        surname, first = response.split(",")
        turned = _without_titles(as_tokens(f"{first} {surname}"))
        turned_match = best_match(turned, forms)
        if turned_match is not None:
            return turned, turned_match
    if match is None:
        said, match = without_echo(said, response, forms, fact, ctx, kind)
    if match is None and ("," in response or "(" in response):
        said, match = with_apposition(said, response, forms, fact, ctx, kind)
    if match is None and kind is Kind.PERSON:
        # the surname no one else in the pack has counts as the name ("Kerlikowske, the drug
        # policy director")
        surnames = [form[-1:] for form in forms if len(form) >= 2
                    and len(ctx.surnames.get(form[-1], ())) <= 1 and form[-1:] not in forms]
        said, match = with_post(said, [*forms, *dict.fromkeys(surnames)], fact, ctx)
    if match is None:
        said, match = without_tail(said, response, forms, fact, ctx, kind)
    if match is None and kind is not Kind.PERSON:
        said, match = with_category_noun(said, response, forms, fact, ctx, kind)
    if match is None:
        said, match = with_owner_turned(said, response, forms, fact, ctx, kind)
    if match is None and (before := without_attribution(response, fact, ctx, kind)) is not None:
        # "hundreds, according to the CPI": the answer, read every way, before its source
        return _read(as_tokens(before), before, forms, fact, ctx, kind)
    return said, match


def is_candidate(fact: Fact, text: str, ctx: Context) -> bool:
    """Whether ``text`` reads as one other candidate answer to ``fact``, ruled out: a short
    phrase, not a hedge ("not sure", "not just CBP"), or a bare number for a number question."""
    if fact.kind in _DATE_KINDS and _date_answer(fact, ctx) is not None:
        reading = read(text)  # "June 2009, not July"
        return len(reading.periods) == 1 and not (
            reading.stray_numbers or reading.alternatives or reading.negated or reading.words)
    if fact.kind.numeric:
        return bool(_BARE_NUMBER.fullmatch(normalize(text))) and len(quantities(text)) == 1
    said = as_tokens(text)
    return (0 < len(said) <= 5 and said[0] not in _NOT_A_CANDIDATE
            and not (NEGATORS | {"or", "maybe", "but"}).intersection(said))


#: Words after "not" that hedge rather than rule out: "ICE, not sure", "ICE, not just CBP".
_NOT_A_CANDIDATE = frozenset(
    {"sure", "certain", "just", "only", "really", "quite", "necessarily", "exactly", "entirely",
     "positive", "completely", "totally", "so", "too", "very", "that", "100", "confident"}
)


_BARE_NUMBER = re.compile(
    r"(?:more than|over|about|nearly|almost|around|less than|under|exactly)?\s*\$?\s*"
    r"[\d.,]+\s*(?:%|percent|million|thousand|billion|hundred|dollars|m|k|"
    r"(?:decade|year|month|week|day|hour|minute)s?)?"
)


_Shape = tuple[list[Tokens], int, frozenset[bool], DateAnswer | None, dict[Tokens, int]]
#: The memo's name of each kind's `_text_shape` (made once: a name per check cost a little).
_SHAPE_NAMES = {kind: f"text-shape-{kind}" for kind in Kind}


def _text_shape(fact: Fact, ctx: Context, kind: Kind) -> _Shape:
    """What every check of ``fact`` as ``kind`` starts from, in one look-up: its answer forms,
    the longest form's word count, whether the forms are negated (all, none or mixed), the date
    or span the answer is, if it is one, and each form's position among the forms."""
    return ctx.memo(fact, _SHAPE_NAMES[kind], lambda: _shape(answer_forms(fact, ctx, kind), fact,
                                                             kind))


def _shape(forms: list[Tokens], fact: Fact, kind: Kind) -> _Shape:
    when = date_answer([*fact.items, *fact.accept]) if kind in _DATE_KINDS else None
    return (forms, max(len(f) for f in forms),
            frozenset(bool(NEGATORS.intersection(f)) for f in forms), when,
            {f: i for i, f in enumerate(forms)})


def _vague(response: str) -> Verdict:
    return Verdict.close(f"on the right track, but be more specific than {response.strip()!r}")


def _without_titles(said: Tokens) -> Tokens:
    """Without the titles before a name ("Secretary Napolitano"); a title after it names
    someone else ("Melson's deputy")."""
    at = 0
    while at < len(said) - 1 and said[at] in TITLES:
        at += 1
    return said[at:]


_NEAR = frozenset({"near", "around"})


def _drop_trailing_place(said: Tokens, response: str, forms: list[Tokens], ctx: Context) -> Tokens:
    """"Houston, Texas", "Ciudad Juarez, Chihuahua, Mexico" for the city: larger places after
    the answer only locate it, when each really holds it (the pack's own "City, State" forms,
    its glossary, the checker's list of places: `Context.holders`). "Phoenix, San Diego",
    "Houston, Arizona" and "Phoenix/Tucson" are not one place located."""
    if SECOND_ANSWER.search(response) or "(" in response:
        return said
    body = said[1:] if said[0] in LEAD_INS else said  # "in San Diego, Calif."
    for form in forms:
        n = len(form)
        if len(body) > n and match_tokens(body[:n], form) is not None:
            if _all_holders(body[n:], ctx.holders(form)):
                return body[:n]
    return said


def _all_holders(rest: Tokens, holders: frozenset[Tokens]) -> bool:
    """Whether ``rest`` is one or more of ``holders`` in a row ("chihuahua mexico")."""
    at = 0
    while at < len(rest):
        end = next((end for end in range(len(rest), at, -1) if rest[at:end] in holders), None)
        if end is None:
            return False
        at = end
    return True


#: Words around a larger place that leave it a place: "the state of Arizona", "southeast
#: Texas", "somewhere in Mexico".
_AROUND_A_PLACE = frozenset(
    "in the state of somewhere city country region area part parts some near around north "
    "south east west northeast northwest southeast southwest northern southern eastern western "
    "northeastern northwestern southeastern southwestern central upper lower".split()
)


def _names_a_holder(said: Tokens, forms: list[Tokens], ctx: Context) -> bool:
    """"Arizona" for Phoenix, "a state in Mexico" for Michoacan: only a larger place that holds
    the answer (on the way, but which city?)."""
    for at in range(len(said)):
        if at and said[at - 1] not in _AROUND_A_PLACE:
            return False
        if any(said[at:] in ctx.holders(form) for form in forms):
            return True
    return False


def _several_candidates(
    said: Tokens, response: str, forms: list[Tokens], ctx: Context, fact: Fact, kind: Kind
) -> Verdict | None:
    said_normalized = normalize(response)
    if not _HAS_SEPARATOR.search(said_normalized):
        return None  # one part (a tenth of a wrong answer's check: it was read again)
    parts = [as_tokens(p) for p in _SEPARATORS.split(said_normalized) if p.strip()]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    if any(best_match(p, forms) for p in parts):
        return Verdict.wrong(f"names several candidates; the answer is {fact.answer_text}")
    return None


def _person_partial(said: Tokens, fact: Fact, forms: list[Tokens], ctx: Context) -> Verdict | None:
    full_names = [f for f in forms if len(f) >= 2]
    if not said:
        return None
    if len(said) >= 2:
        # "Thomas Shipley", "K. Melson": other parts of the name, or their initials, and the
        # surname count as the surname alone would.
        for form in full_names:
            if len(said) <= len(form) and all(_name_part(t, form[:-1]) for t in said[:-1]):
                said = said[-1:]
                break
        else:
            return None
    word = said[0]
    for form in full_names:
        if match_tokens((word,), (form[-1],)) is not None:
            holders = ctx.surnames.get(form[-1], [])
            if len(holders) > 1:
                return Verdict.close(
                    f"more than one person in the pack is called {form[-1].title()}: "
                    "give the full name"
                )
            exact = word == form[-1]
            return Verdict.right("surname accepted" if exact else f"typo forgiven: {fact.answer_text}")
        if match_tokens((word,), (form[0],)) is not None:
            return Verdict.wrong(f"a first name alone is not enough: {fact.answer_text}")
    return None


def _name_part(word: str, names: Tokens) -> bool:
    return word in names or (len(word) == 1 and any(n.startswith(word) for n in names))


# -- people ----------------------------------------------------------------------------------


def check_person(fact: Fact, response: str, ctx: Context) -> Verdict:
    """A person: full name, or the surname alone when nobody else in the pack shares it. A
    typo is forgiven only when the word typed is not itself another real surname: "Dobson" is
    another person, not a misspelt Dodson."""
    verdict = check_text(fact, response, ctx, Kind.PERSON)
    if verdict.outcome is Outcome.INCORRECT and _given_name_before(fact, response, ctx):
        return Verdict.right(f"accepted {response.strip()} for {fact.answer_text}")
    if verdict.correct and verdict.reason.startswith("typo forgiven"):
        written = {t for form in answer_forms(fact, ctx) for t in form}
        # The surname: the last word ("John Dobson"), or the last before a comma ("Dobson,
        # John"); first names are left alone ("Allan Bersin" is a typo of Alan).
        said = as_tokens(response.split(",", 1)[0])
        last = said[-1] if said else ""
        other = last if last and last not in written and is_surname(last) else None
        if other is not None:
            return Verdict.wrong(f"{other.capitalize()} is another name; the answer is "
                                 f"{fact.answer_text}")
    return verdict


def _given_name_before(fact: Fact, response: str, ctx: Context) -> bool:
    """"Richard Nixon" for "Nixon": a given name before the surname the answer is, when the
    pack names nobody with that surname by a full name (else "John Melson" would pass for
    Kenneth Melson) and no other person shares it."""
    said = as_tokens(response)
    if len(said) != 2 or said[0] not in SAME_GIVEN:
        return False
    surname = said[1]
    if not any(form == (surname,) for form in answer_forms(fact, ctx)):
        return False
    return not ctx.by_surname.get(surname)


# -- dates and spans ---------------------------------------------------------------------------

#: Kinds whose answer may be a date with its month or a span ("July 2009", "2004 to 2008").
_DATE_KINDS = frozenset({Kind.TEXT, Kind.CHOICE, Kind.YEAR, Kind.NUMBER})


def _date_answer(fact: Fact, ctx: Context) -> DateAnswer | None:
    if fact.kind.numeric:
        return ctx.memo(fact, "quantity", lambda: _targets(fact))[2]
    return _text_shape(fact, ctx, fact.kind)[3]


def check_date(fact: Fact, response: str, ctx: Context, answer: DateAnswer) -> Verdict:
    """A date with its month, or a span: every part the answer gives, both ends of a span."""
    if as_tokens(response) in answer_forms(fact, ctx):
        return Verdict.right("correct")
    return judge(answer, response, fact.answer_text)


# -- numbers, years, money, percents -------------------------------------------------------------


def _fmt(q: Quantity) -> str:
    value = int(q.value) if q.value.is_integer() else q.value
    if q.unit == "money":
        if q.value >= 1e6:
            millions = q.value / 1e6
            return f"${millions:g} million"
        return f"${value:,}"
    if q.unit == "percent":
        return f"{value} percent"
    return f"{value}" if is_year(q) else f"{value:,}"


_TIME_UNIT = re.compile(r"\b(decade|year|month|week|day|hour|minute)s?\b")


def _time_unit(text: str) -> str:
    found = _TIME_UNIT.search(normalize(text))
    return found.group(1) if found else ""


#: Words that join two numbers as alternatives or a range: neither is the answer.
_HEDGED_NUMBERS = re.compile(
    r"\b(?:or|to|through|until|maybe|perhaps|possibly|if|either|between|and|vs|versus)\b|[/-]"
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)


def _of_the_kind_asked(
    said: tuple[Quantity, ...], kind: Kind, response: str
) -> tuple[Quantity, ...]:
    """The numbers of the kind asked when every other one is plainly something else: the day
    of a date beside a month ("March 4, 2011" for a year), or a year ("$5.9 million from the
    2009 budget" for a sum). Otherwise all of them, and the caller refuses the lot."""
    if kind is Kind.YEAR:
        wanted = tuple(q for q in said if is_year(q))
        others_plain = bool(_MONTHS.intersection(normalize(response).split())) and all(
            q.unit == "" and q.value.is_integer() and 1 <= q.value <= 31
            for q in said if not is_year(q)
        )
    elif kind in (Kind.MONEY, Kind.PERCENT):
        unit = "money" if kind is Kind.MONEY else "percent"
        wanted = tuple(q for q in said if q.unit == unit)
        others_plain = all(is_year(q) for q in said if q.unit != unit)
    else:
        return said
    return wanted if wanted and others_plain else said


_TWO_DIGITS = re.compile(r"(?<![\d.,])\d{2}$")


def _two_digits(q: Quantity) -> bool:
    return q.unit == "" and q.value < 100 and bool(_TWO_DIGITS.search(q.text))


def _as_said(response: str) -> str:
    """The response as a verdict quotes it: without the "?" or "!" a learner types after it
    ("accepted Dodson for John Dodson", not "Dodson?")."""
    return response.strip().rstrip("?!").strip()


#: A number written negative: a minus sign (not a range's dash, "2004-2008") or the word.
#: A multiple or a share goes one way: "four times as many" is not "four times fewer".
_DIRECTION = re.compile(r"\b(?:times|percent)\s+(?:as\s+)?(?P<way>more|many|much|greater|higher|"
                        r"larger|bigger|fewer|less|smaller|lower)\b")
_DOWN = frozenset({"fewer", "less", "smaller", "lower"})


def _direction(text: str) -> str:
    """"up" or "down" for a multiple or share that says which way ("four times fewer"), or ""."""
    found = {("down" if m["way"] in _DOWN else "up") for m in _DIRECTION.finditer(normalize(text))}
    return found.pop() if len(found) == 1 else ""


_NEGATIVE = re.compile(r"(?:^|[\s(])(?:[-\u2212]\s*|minus\s+|negative\s+)\$?\d", re.IGNORECASE)


def _targets(fact: Fact) -> tuple[list[Quantity], str, DateAnswer | None, list[str]]:
    """The values the answer and its accepted forms state, the time unit they count in, the
    date or span the answer is, if it is one, and each value's own time unit (an accepted
    "four months" for "120 days" counts in months)."""
    texts = (*fact.items, *fact.accept)
    stated = [(q, _time_unit(text)) for text in texts for q in quantities(text)[:1]]
    when = date_answer(list(texts)) if fact.kind in _DATE_KINDS else None
    return ([q for q, _ in stated], next((unit for text in texts if (unit := _time_unit(text))), ""),
            when, [unit for _, unit in stated])


def _scale_left_out(got: Quantity, target: Quantity, response: str) -> bool:
    """Whether ``got`` is ``target``'s figure in millions or billions, with no word of any
    unit or scale in the response ("5.9" for "$5.9 million"; "5900" is another sum)."""
    if got.value >= 1000 or _LETTER_OR_SIGN.search(normalize(response)):
        return False
    return any(abs(got.value * scale - target.value) <= 1e-9 * target.value
               for scale in (1e6, 1e9))


_LETTER_OR_SIGN = re.compile(r"[a-z$%]")


_CLAUSE = re.compile(r"[,;:?!()]|\s[-\u2013\u2014]\s|\.(?:\s|$)")


def _denies(response: str) -> bool:
    """Whether a negator in ``response`` denies a figure: it stands in a clause with a number
    ("not 2010") or makes a clause of its own ("2010? no"). One in a clause that tells
    something else, "1,100 licences, some never checked before", denies nothing."""
    for clause in _CLAUSE.split(response):
        words = as_tokens(clause)
        if NEGATORS.intersection(words) and (len(words) <= 2 or quantities(clause)):
            return True
    return False


def check_quantity(fact: Fact, response: str, ctx: Context) -> Verdict:
    """Numbers, years, money and percents, compared by value, never by fuzzy ratio."""
    targets, want_unit, when, units = ctx.memo(fact, "quantity", lambda: _targets(fact))
    if when is not None:
        return check_date(fact, response, ctx, when)
    if not targets:
        return check_text(fact, response, ctx, Kind.TEXT)
    target = targets[0]
    # (the response's words only when its normalised text has a negator: reading them costs a
    # tenth of a number's check, and they never hold one the text lacks)
    if not NEGATORS.isdisjoint(normalize(response).split()) and NEGATORS.intersection(
            as_tokens(response)) and _denies(response):
        # "2010?? no, not 2010": a number and its denial (the answer with a wrong one ruled
        # out, "2010, not 2008", is taken before a strategy runs).
        return Verdict.wrong(f"that negates an answer; the answer is {fact.answer_text}")
    said = quantities(response)
    if not said:
        return Verdict.wrong(f"no number in the answer; the answer is {fact.answer_text}")
    if _NEGATIVE.search(response) and not any(_NEGATIVE.search(t)
                                                for t in (*fact.items, *fact.accept)):
        # "-20", "minus 20" for 20: the number is read without its sign, which changes it
        return Verdict.wrong(f"a negative number is not {fact.answer_text}")
    if fact.kind is Kind.YEAR and is_year(target):
        # "'08", "in '08", "08": a year of the answer's own century (the pack's are 19xx/20xx)
        century = int(target.value) // 100 * 100
        said = tuple(Quantity(century + q.value, "", q.qualifier, q.text) if _two_digits(q) else q
                     for q in said)
    if len({q.value for q in said}) > 1 and not _HEDGED_NUMBERS.search(normalize(response)):
        # "March 4, 2011" for a year, "$5.9 million from the 2009 budget" for a sum: the one
        # number of the kind asked for, when the others are plainly something else.
        said = _of_the_kind_asked(said, fact.kind, response)
    if len({q.value for q in said}) != 1 or len({q.qualifier for q in said}) != 1:
        # "2010 or 11", "more than 90 percent, maybe less than 90"
        return Verdict.wrong(f"names several numbers; the answer is {fact.answer_text}")
    got = said[0]
    said_unit = _time_unit(response)
    # Each value in its own unit ("four months" accepted for "120 days" is not "four days"); a
    # value written without one counts in the unit its fact's other forms give ("six" beside
    # "six months" is not "six weeks").
    in_unit = [t for t, unit in zip(targets, units, strict=True)
               if not said_unit or (unit or want_unit) in ("", said_unit)]
    if not any(got.same_value(t) for t in in_unit):
        if want_unit and said_unit and said_unit not in units:
            return Verdict.wrong(f"{said_unit}s are not {want_unit}s; the answer is "
                                 f"{fact.answer_text}")
        if target.unit == "money" and not got.unit and _scale_left_out(got, target, response):
            # "5.9" for "$5.9 million": the figure, without saying what it counts
            return Verdict.close(f"{got.text} what? Say what it counts, with its unit")
        if is_bound(target.qualifier):
            # ("70 percent is not more than 65 percent" would read as a false sum)
            return Verdict.wrong(f"the source says {fact.answer_text}, not {_fmt(got)}")
        return Verdict.wrong(f"{_fmt(got)} is not {fact.answer_text}")
    if got.unit and target.unit and got.unit != target.unit:
        return Verdict.wrong(f"{_fmt(got)} is not {fact.answer_text}")
    if not qualifiers_agree(target.qualifier, got.qualifier):
        return Verdict.wrong(f"the source says {fact.answer_text}, not {got.text}")
    way = _direction(response)
    if way and way != _direction(fact.answer_text) != "":
        return Verdict.wrong(f"the other way round: the source says {fact.answer_text}")
    if is_bound(target.qualifier) and not is_bound(got.qualifier) and not any(
        t.qualifier == got.qualifier and got.same_value(t) for t in targets[1:]
    ):
        # "11,000" or "about 11,000" for "more than 11,000": the number, without the bound
        # that is half the claim (an accepted form saying the bare number is taken as written).
        return Verdict.close(f"the right number, but the source says {fact.answer_text}")
    if target.qualifier and target.qualifier != got.qualifier and target.qualifier != "exact":
        return Verdict.right(f"the source says {fact.answer_text}")
    return Verdict.right("correct")


# -- lists -------------------------------------------------------------------------------------


def check_list(fact: Fact, response: str, ctx: Context) -> Verdict:
    """Every item present, in any order; missing items give partial credit and are named."""
    said = as_tokens(response)
    for text in fact.accept:
        if said == as_tokens(text):
            return Verdict.right("correct")
    used = [False] * len(said)
    found: list[str] = []
    for item, forms, value in ctx.memo(fact, "list", lambda: _list_plan(fact, ctx)):
        span = _find_span(said, used, forms, value)
        if span:
            found.append(item)
            for i in range(*span):
                used[i] = True
    missing = [item for item in fact.items if item not in found]
    extras: list[str] = []
    leftover = _leftover_runs(said, used)
    if leftover:
        # (a fact's filler words are worked out only for a response with words left over: a
        # class's usual answers to a list often have none)
        echo = filler_words(fact, ctx, Kind.LIST)
        names = known_names(fact, ctx, Kind.LIST)
        extras = [run for run in leftover
                  if (not all(word in echo for word in run.split())
                      # ("the Department of" before a department's name)
                      and not all(word in _DEPARTMENT for word in run.split()))
                  or _has_name(tuple(run.split()), names)]
    total = len(fact.items)
    if not missing and not extras:
        return Verdict.right("correct")
    score = max(0.0, (len(found) - len(extras)) / total)
    if not missing:
        return Verdict.wrong(f"all {total} named, but {', '.join(extras)} is not one of them", score)
    reason = f"{len(found)} of {total}; missing: {', '.join(missing)}"
    if extras:
        reason += f"; not one of them: {', '.join(extras)}"
    return Verdict.wrong(reason, score)


def _has_name(words: Tokens, names: Container[Tokens]) -> bool:
    return any(words[i:j] in names for i in range(len(words)) for j in range(i + 1, len(words) + 1))


def _list_plan(fact: Fact, ctx: Context) -> list[tuple[str, list[Tokens], Quantity | None]]:
    """Each item with its forms, longest first, and its value if it is a number; items with
    longer forms come first, so "New Mexico" is taken before "Mexico" could be."""
    items = sorted(
        fact.items, key=lambda item: -max(len(f) for f in ctx.forms(item, Kind.LIST) or [()])
    )
    plan = []
    for item in items:
        value = quantities(item)
        forms = sorted(_item_forms(item, ctx), key=len, reverse=True)
        plan.append((item, forms, value[0] if value else None))
    return plan


def _item_forms(item: str, ctx: Context) -> list[Tokens]:
    """A list item's forms, plus the surname alone for a person nobody else shares it with."""
    forms = list(ctx.forms(item, Kind.LIST))
    for form in list(forms):
        if len(form) >= 2 and len(ctx.surnames.get(form[-1], ())) == 1:
            if any(form == toks for _, toks in ctx.by_surname.get(form[-1], ())):
                forms.append((form[-1],))
        elif len(form) == 1 and len(ctx.surnames.get(form[0], ())) == 1:
            # "Westphal" in the answer, "Janet Napolitano" in the response: the full name too.
            forms.extend(toks for _, toks in ctx.by_surname.get(form[0], ()))
        for _, _, group in ctx.shared("department-groups", lambda: _department_groups(ctx)).get(
                form, ()):
            # "Homeland Security" for the Homeland Security Department: its names ("DHS")
            forms.extend(name for name in group if name not in forms)
        if len(form) == 2 and form[0] in _ITEM_MODIFIERS and len(form[1]) >= 4:
            # "prosecutors" for the item "federal prosecutors", "cash" for "bulk cash": the
            # thing itself, its kind left out (a list names several things: the kind rarely
            # tells them apart)
            forms.append((form[1],))
    return forms


#: The words of a department's name that its item may leave out: "Justice" for the Justice
#: Department.
_DEPARTMENT = frozenset({"department", "dept", "of", "the", "us", "u.s"})


def _department_groups(ctx: Context) -> dict[Tokens, list[tuple[str, frozenset[str], list[Tokens]]]]:
    """The glossary groups with a department's name, by that name without "department"."""
    out: dict[Tokens, list[tuple[str, frozenset[str], list[Tokens]]]] = {}
    for entry in ctx.groups:
        for name in entry[2]:
            if "department" in name:
                short = tuple(w for w in name if w not in _DEPARTMENT)
                if short and short != name:
                    out.setdefault(short, []).append(entry)
    return out


#: Words that say what kind of a thing a list item is, which a learner may leave out.
_ITEM_MODIFIERS = frozenset("federal bulk illegal local special senior major small-time small big "
                            "former assault top key criminal".split())


#: Words between list items that name nothing: "its database, its expertise", "from X to Y".
_LIST_GLUE = frozenset({"and", "or", "plus", "also", "as", "well", "both", "its", "their", "his",
                        "her", "from", "to"})


def _find_span(
    said: Tokens, used: list[bool], forms: list[Tokens], value: Quantity | None
) -> tuple[int, int] | None:
    for form in forms:
        n = len(form)
        for start in range(len(said) - n + 1):
            if any(used[start : start + n]):
                continue
            window = said[start : start + n]
            if value is not None:
                if any(q.same_value(value) for q in quantities(" ".join(window))):
                    return start, start + n
            elif match_tokens(window, form) is not None:
                return start, start + n
    if value is None:
        # the item's words in other forms and order: "drug seizures" for "drugs seized"
        for form in forms:
            n = len(form)
            if n < 2:
                continue
            want = sorted(_stem(w) for w in form)
            for start in range(len(said) - n + 1):
                if not any(used[start:start + n]) and sorted(
                        _stem(w) for w in said[start:start + n]) == want:
                    return start, start + n
    return None


_SUFFIX = re.compile(r"(?:ures?|ing|ions?|ed|es|s)$")


def _stem(word: str) -> str:
    """A word without its ending, where enough is left: "seizures", "seized" -> "seiz"."""
    stem = _SUFFIX.sub("", word)
    return stem if len(stem) >= 4 else word


def _leftover_runs(said: Tokens, used: list[bool]) -> list[str]:
    runs: list[list[str]] = [[]]
    for token, taken in zip(said, used, strict=True):
        if taken or token in _LIST_GLUE:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(token)
    return [" ".join(r) for r in runs if r]


# -- true/false ---------------------------------------------------------------------------------


def check_truefalse(fact: Fact, response: str, ctx: Context) -> Verdict:
    """yes/no/true/false/t/f."""
    want = truth_value(fact.items[0])
    got = truth_value(response)
    if got is None:
        if is_dont_know(response):
            return Verdict.wrong(f"no answer given; the statement is {str(want).lower()}")
        return Verdict.wrong(f"answer true or false; the statement is {str(want).lower()}")
    if got != want:
        return Verdict.wrong(f"the statement is {str(want).lower()}")
    unsourced = _unsourced_figures(fact, reason_of(response), ctx, want)
    if unsourced:
        # "False, it was 2006" when the source says 2008: the verdict is right, its reason not
        return Verdict.close(f"{str(want).lower()} is right, but the source does not give "
                             f"{unsourced[0].text.strip()}")
    return Verdict.right("correct")


def _unsourced_figures(fact: Fact, reason: str, ctx: Context, want: bool) -> list[Quantity]:
    """The figures of a true/false answer's reason that neither its cited passage nor its
    explanation gives (nor, for a true statement, the statement itself)."""
    if not reason or not any(ch.isdigit() for ch in reason) and not _NUMBER_WORD.search(reason):
        return []
    def build() -> tuple[Quantity, ...]:
        texts = [ctx.passage_text(fact.cite), fact.explain or ""]
        return quantities(" ".join(texts))
    given = ctx.memo(fact, "sourced figures", build)
    stated = quantities(fact.prompt) if want else ()
    return [q for q in quantities(reason) if not _sourced(q, (*given, *stated))]


#: A year written with two digits: "'06", "06".
_TWO_DIGIT_YEAR = re.compile(r"^'?0\d$|^'\d\d$")


def _sourced(q: Quantity, given: tuple[Quantity, ...]) -> bool:
    """Whether a reason's figure is one of the source's: "one" is no figure ("the one in
    2008"), and "'08" is a year the source gives."""
    if q.value == 1 and not q.unit:
        return True
    if _TWO_DIGIT_YEAR.match(q.text.strip()):
        given = tuple(g for g in given if 1900 <= g.value < 2100 and not g.unit)
    if any(q.same_value(g) for g in given):
        return True
    return q.value < 100 and any(1900 <= g.value < 2100 and g.value % 100 == q.value
                                 for g in given if not g.unit)


#: A figure in words ("it was two"): the reason is read for its figures only when it has one.
_NUMBER_WORD = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                          r"thousand|million|billion|half|dozen)\b")


STRATEGIES: dict[Kind, Strategy] = {
    Kind.TEXT: check_text,
    Kind.AGENCY: check_text,
    Kind.PLACE: check_text,
    Kind.CHOICE: check_text,
    Kind.PERSON: check_person,
    Kind.NUMBER: check_quantity,
    Kind.YEAR: check_quantity,
    Kind.MONEY: check_quantity,
    Kind.PERCENT: check_quantity,
    Kind.LIST: check_list,
    Kind.TRUEFALSE: check_truefalse,
}
