"""One checking strategy per answer kind; `STRATEGIES` maps each kind to its function."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from study.checking.context import GLOSSARY_KINDS, Context, Entity, Tokens
from study.checking.matching import (
    CONTRASTIVE,
    GENERIC,
    NEGATORS,
    TITLES,
    Match,
    as_tokens,
    best_match,
    match_tokens,
)
from study.checking.normalize import is_dont_know, normalize
from study.checking.numbers import Quantity, is_year, qualifiers_agree, quantities
from study.checking.verdict import Verdict
from study.pack.models import Fact, Kind

Strategy = Callable[[Fact, str, Context], Verdict]

_SEPARATORS = re.compile(r"\s*(?:\bor\b|\band/or\b|\band\b|/|,|;|&|\n)\s*")
_TRUE = frozenset({"true", "t", "yes", "y", "correct", "right", "yep", "yeah", "true statement"})
_FALSE = frozenset({"false", "f", "no", "n", "incorrect", "wrong", "nope", "false statement"})
#: Words that settle a true/false question when the response goes on to give a reason.
_TRUE_WORDS = frozenset({"true", "yes", "correct", "right", "yep", "yeah"})
_FALSE_WORDS = frozenset({"false", "no", "incorrect", "wrong", "nope"})
_NOT = frozenset({"not", "isnt", "wasnt"})


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
    forms = answer_forms(fact, ctx, kind)
    longest, negated = ctx.memo(fact, f"text-shape-{kind}", lambda: _shape(forms))
    if len(said) > 3 * longest + 20:
        return Verdict.wrong(f"too long for an answer; the answer is {fact.answer_text}")
    if len(negated) == 1 and (bool(NEGATORS.intersection(said)) not in negated):
        return Verdict.wrong(f"the answer is {fact.answer_text}")
    if kind is Kind.PERSON:
        # "Secretary Napolitano", "Rep. Bilbray": a title is not part of the name.
        said = _without_titles(said)
    elif kind is Kind.PLACE and len(said) > 1:
        said = _drop_trailing_place(said, response, forms, ctx)
    answer = fact.answer_text
    match = best_match(said, forms)
    if match is None and "(" in response:
        said, match = _with_aside(said, response, forms)
    if match is None and kind is Kind.PERSON and response.count(",") == 1:
        # "Melson, Kenneth": surname first, as on a class list.
        surname, first = response.split(",")
        turned = _without_titles(as_tokens(f"{first} {surname}"))
        turned_match = best_match(turned, forms)
        if turned_match is not None:
            said, match = turned, turned_match
    if match is None:
        said, match = _without_echo(said, response, forms, fact, ctx, kind)
    if match is None and ("," in response or "(" in response):
        said, match = _with_apposition(said, response, forms, fact, ctx, kind)
    vague = _vague(response)
    core = _core(said, response, fact, ctx, kind) if match is None else said
    if match is None and (_is_modified_part(said, forms) or _is_modified_part(core, forms)):
        return vague
    if match is None and kind is not Kind.PERSON and (
        _is_vague_part(said, forms, exact=True) or _is_vague_part(core, forms, exact=True)
    ):
        # Exactly part of this answer ("a bust" for "a scandalous bust"): not another answer
        # that happens to be a typo away.
        return vague
    if match is None or not match.exact:
        rival = _best_rival(said, fact, forms, ctx, kind, match.edits if match else None)
        if rival:
            return Verdict.wrong(f"{rival[0].label} is not {answer}")
    if match is not None:
        canonical = set(ctx.forms(fact.items[0], kind)[:1])
        if match.exact:
            if match.form in canonical or normalize(response) == normalize(answer):
                return Verdict.right("correct")
            return Verdict.right(f"accepted {response.strip()} for {answer}")
        return Verdict.right(f"typo forgiven: {answer}")
    several = _several_candidates(said, response, forms, ctx, fact, kind)
    if several:
        return several
    if kind is Kind.PERSON:
        verdict = _person_partial(said, fact, forms, ctx)
        if verdict:
            return verdict
    if _is_vague_part(said, forms) or (kind is not Kind.PERSON and _is_vague_part(core, forms)):
        return vague
    return Verdict.wrong(f"the answer is {answer}")


def _shape(forms: list[Tokens]) -> tuple[int, frozenset[bool]]:
    """The longest form's word count, and whether the forms are negated (all, none or mixed)."""
    return max(len(f) for f in forms), frozenset(bool(NEGATORS.intersection(f)) for f in forms)


def _vague(response: str) -> Verdict:
    return Verdict.close(f"on the right track, but be more specific than {response.strip()!r}")


def _without_titles(said: Tokens) -> Tokens:
    return tuple(t for t in said if t not in TITLES) or said


_ASIDE = re.compile(r"\(([^()]*)\)")


def _with_aside(said: Tokens, response: str, forms: list[Tokens]) -> tuple[Tokens, Match | None]:
    """"Memorandum of Understanding (MOU)": an aside in brackets that only restates the answer."""
    outside = as_tokens(_ASIDE.sub(" ", response))
    match = best_match(outside, forms)
    asides = [as_tokens(text) for text in _ASIDE.findall(response)]
    if match is not None and all(best_match(aside, forms) for aside in asides if aside):
        return outside, match
    return said, None


#: Words around an answer that add nothing to it: "they didn't inform ICE", "it was because ...".
_ECHO = frozenset(
    {"i", "he", "she", "it", "we", "they", "them", "him", "her", "its", "their", "his", "was",
     "were", "is", "are", "did", "do", "does", "had", "has", "have", "be", "been", "would", "will",
     "because", "just", "only", "simply", "basically"}
)
#: Words that place or wrap an answer without adding to it: "Melson from ATF", "somewhere in
#: Arizona", "the Houston area", "a symbiotic one", "some kind of letter".
_CONTEXT = frozenset(
    {"of", "from", "at", "for", "in", "with", "per", "according", "to", "by", "on", "within",
     "called", "named", "guy", "one", "1", "ones", "area",
     "region", "itself", "somewhere", "some", "something", "kind", "sort", "type", "stuff",
     "thing", "probably", "think"}
)
#: Words that are never an echo, even when the prompt uses them: they join or negate.
_NEVER_ECHO = NEGATORS | CONTRASTIVE | {"and", "or", "nor", "but", "also", "plus"}
_MAX_ECHO_SPAN = 12
#: Punctuation between two names: "ICE/ATF", "Texas, New Mexico", "Melson (Morton)". (Joining
#: and negating words are never cut, so they need no check here.)
_HEDGE = re.compile(r"[/,;()&]")


def _without_echo(
    said: Tokens, response: str, forms: list[Tokens], fact: Fact, ctx: Context, kind: Kind
) -> tuple[Tokens, Match | None]:
    """The response without leading or trailing words that only echo the question or the
    speaker ("ATF's eTrace database" when asked which ATF database), if what is left matches.

    Only whole runs at either end are dropped, never a word that joins, negates or contrasts,
    and never a word of one of the fact's distractors.
    """
    if len(said) < 2 or len(said) > _MAX_ECHO_SPAN or _HEDGE.search(response):
        # "ICE/ATF", "Texas, New Mexico", "Melson (Morton)": two names, not an echo and one.
        return said, None
    echo = ctx.memo(fact, f"echo-{kind}", lambda: _echo_words(fact, kind, ctx))
    lead = 0
    while lead < len(said) - 1 and said[lead] in echo:
        lead += 1
    trail = 0
    while trail < len(said) - lead - 1 and said[len(said) - 1 - trail] in echo:
        trail += 1
    for cut_lead in range(lead + 1):
        for cut_trail in range(trail + 1):
            if not (cut_lead or cut_trail) or cut_lead + cut_trail >= len(said):
                continue
            rest = said[cut_lead : len(said) - cut_trail]
            if rest[0] in _NEVER_ECHO or rest[-1] in _NEVER_ECHO:
                continue  # "ATF and eTrace" is two answers, not an echo and one
            match = best_match(rest, forms)
            if match is not None:
                cut = (said[:cut_lead], said[len(said) - cut_trail:])
                if any(_names_a_rival(part, fact, ctx, kind) for part in cut if part):
                    continue
                return rest, match
    return said, None


def _core(said: Tokens, response: str, fact: Fact, ctx: Context, kind: Kind) -> Tokens:
    """The response without the words around it that only place it ("somewhere in Arizona"
    -> "arizona", "the Armas one" -> "armas"), to judge whether it is a vague part."""
    if len(said) < 2 or _HEDGE.search(response):
        return said
    # Only words that never carry content: a word of the question may be the part that
    # makes a vague answer a different one ("memorandum of agreement").
    echo = _ECHO | _CONTEXT
    lead, trail = 0, len(said)
    while lead < trail - 1 and said[lead] in echo:
        lead += 1
    while trail - 1 > lead and said[trail - 1] in echo:
        trail -= 1
    return said[lead:trail]


def _with_apposition(
    said: Tokens, response: str, forms: list[Tokens], fact: Fact, ctx: Context, kind: Kind
) -> tuple[Tokens, Match | None]:
    """"Kerlikowske, the White House drug policy director", "Morton (ICE)": one part between
    commas or brackets is the answer, and no other part names a rival, a distractor or a
    negation ("ATF, ICE" and "Melson (Morton)" stay two answers)."""
    if _SECOND_ANSWER.search(response):
        return said, None
    parts = [as_tokens(part) for part in _APPOSITION.split(response)]
    parts = [part for part in parts if part]
    found: tuple[Tokens, Match] | None = None
    for part in parts:
        match = best_match(part, forms)
        if match is None:
            part, match = _without_echo(part, "", forms, fact, ctx, kind)
        if match is not None:
            if found is not None:
                return said, None
            found = (part, match)
        elif (NEGATORS.intersection(part) or _names_a_rival(part, fact, ctx, kind)
              or not _is_context(part, fact, ctx, kind)):
            return said, None
    return found if found is not None else (said, None)


_APPOSITION = re.compile(r"[,;()]")
_SECOND_ANSWER = re.compile(r"[/&]|\bor\b|\bnot\b", re.IGNORECASE)


def _is_context(part: Tokens, fact: Fact, ctx: Context, kind: Kind) -> bool:
    """Whether every word of ``part`` comes from the question, its source passage or the
    words that place an answer: context, not a new claim ("(NAFTA)")."""
    known = ctx.passage_words.get(fact.cite, frozenset())
    echo = ctx.memo(fact, f"echo-{kind}", lambda: _echo_words(fact, kind, ctx))
    return all(word in known or word in echo or len(word) <= 2 for word in part)


def _names_a_rival(part: Tokens, fact: Fact, ctx: Context, kind: Kind) -> bool:
    """Whether some run of words in ``part`` is another answer of this kind or a distractor."""
    rivals = ctx.memo(fact, f"rival-forms-{kind}", lambda: _rival_forms(fact, ctx, kind))
    return any(part[i:j] in rivals for i in range(len(part))
               for j in range(i + 1, min(len(part), i + 6) + 1))


def _rival_forms(fact: Fact, ctx: Context, kind: Kind) -> frozenset[Tokens]:
    mine = set(ctx.answer_forms(fact, kind))
    forms = {form for entity in ctx.entities.get(kind, ()) for form in entity.forms}
    forms |= {form for text in fact.distractors for form in ctx.forms(text, kind)}
    if kind is Kind.PERSON:
        forms |= {toks for _, toks in ctx.people} | {toks[-1:] for _, toks in ctx.people}
    return frozenset(forms - mine)


def _echo_words(fact: Fact, kind: Kind, ctx: Context) -> frozenset[str]:
    """Words that may stand around an answer without changing it: the question's own words and
    the speaker's, less any that join or negate, and less any word that is by itself a name the
    pack knows (another answer of this kind, a glossary name, a person's name)."""
    distractor_words = {t for text in fact.distractors for t in as_tokens(text)}
    allowed = GLOSSARY_KINDS.get(kind, frozenset())
    # Names of other kinds of thing place the answer ("Morton of ICE" for a person); another
    # answer of its own kind would be a second answer.
    others = {t for _, kinds, group in ctx.groups if not kinds & allowed
              for name in group for t in name}
    rivals = {form[0] for form in _rival_forms(fact, ctx, kind) if len(form) == 1}
    if kind is Kind.PERSON:
        rivals |= {word for _, toks in ctx.people for word in toks}
    words = _ECHO | _CONTEXT | others | set(as_tokens(fact.prompt))
    if kind is Kind.PERSON:
        words |= TITLES  # a title is context for a name, but may be the answer to other kinds
    return frozenset(words - _NEVER_ECHO - distractor_words - rivals)


def _drop_trailing_place(said: Tokens, response: str, forms: list[Tokens], ctx: Context) -> Tokens:
    """"Houston, Texas" for "Houston": a larger place after the answer only locates it. Which
    place holds which is read from the pack's own "City, State" answers; "Phoenix, San Diego"
    and "Phoenix/Tucson" are two places, not one located."""
    if _SECOND_ANSWER.search(response) or "(" in response:
        return said
    for form in forms:
        n = len(form)
        if len(said) > n and match_tokens(said[:n], form) is not None:
            if said[n:] in ctx.containers.get(form, ()):
                return said[:n]
    return said


def _several_candidates(
    said: Tokens, response: str, forms: list[Tokens], ctx: Context, fact: Fact, kind: Kind
) -> Verdict | None:
    parts = [as_tokens(p) for p in _SEPARATORS.split(normalize(response)) if p.strip()]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    if any(best_match(p, forms) for p in parts):
        return Verdict.wrong(f"names several candidates; the answer is {fact.answer_text}")
    return None


_MODIFIERS = frozenset({"northern", "southern", "eastern", "western", "northeastern",
                        "northwestern", "southeastern", "southwestern", "upper", "lower",
                        "central"})


def _is_modified_part(said: Tokens, forms: list[Tokens]) -> bool:
    """"Mexico" for "northern Mexico": the answer without the word that narrows it down."""
    for form in forms:
        if len(form) > len(said) and form[-len(said):] == said:
            if all(t in _MODIFIERS for t in form[: len(form) - len(said)]):
                return True
    return False


def _is_vague_part(said: Tokens, forms: list[Tokens], exact: bool = False) -> bool:
    """A response that is a proper, meaningful part of an answer form ("Armas" for the program):
    at least half of some form's meaningful words; ``exact`` allows no typos."""
    meaningful = [t for t in said if _meaningful(t)]
    if not meaningful:
        return False
    for form in forms:
        core = _meaningful_count(form)
        if len(said) >= len(form) or core < 2 or 2 * len(meaningful) < core:
            continue
        for start in range(len(form) - len(said) + 1):
            if start and form[start - 1] in _RANKS:
                continue  # "secretary of Homeland Security" is another post than its assistant's
            window = form[start : start + len(said)]
            if said == window if exact else match_tokens(said, window) is not None:
                return True
        if not exact and _gapped_part(said, form):
            return True
    return False


def _gapped_part(said: Tokens, form: Tokens) -> bool:
    """The response's words, in order, with words of the form left out between or before
    them ("Border Security Task Forces" for "Border Enforcement Security Task Forces"); never
    when a left-out word changes the meaning (a rank, a negation)."""
    at = 0
    skipped: list[str] = []
    for word in said:
        while at < len(form) and form[at] != word:
            skipped.append(form[at])
            at += 1
        if at == len(form):
            return False
        at += 1
    return bool(skipped) and not any(w in _RANKS or w in NEGATORS for w in skipped)


_RANKS = frozenset({"assistant", "deputy", "under", "vice", "associate"})


@lru_cache(maxsize=65536)
def _meaningful_count(form: Tokens) -> int:
    return sum(_meaningful(t) for t in form)


def _meaningful(word: str) -> bool:
    return word not in GENERIC and len(word) >= 4


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
    """A person: full name, or the surname alone when nobody else in the pack shares it."""
    return check_text(fact, response, ctx, Kind.PERSON)


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


_TIME_UNIT = re.compile(r"\b(year|month|week|day|hour|minute)s?\b")


def _time_unit(text: str) -> str:
    found = _TIME_UNIT.search(normalize(text))
    return found.group(1) if found else ""


def _of_the_kind_asked(said: tuple[Quantity, ...], kind: Kind) -> tuple[Quantity, ...]:
    if kind is Kind.YEAR:
        return tuple(q for q in said if is_year(q))
    if kind is Kind.MONEY:
        return tuple(q for q in said if q.unit == "money")
    if kind is Kind.PERCENT:
        return tuple(q for q in said if q.unit == "percent")
    return said


def _targets(fact: Fact) -> tuple[list[Quantity], str]:
    """The values the answer and its accepted forms state, and the time unit they count in."""
    texts = (*fact.items, *fact.accept)
    targets = [q for text in texts for q in quantities(text)[:1]]
    return targets, next((unit for text in texts if (unit := _time_unit(text))), "")


def check_quantity(fact: Fact, response: str, ctx: Context) -> Verdict:
    """Numbers, years, money and percents, compared by value, never by fuzzy ratio."""
    targets, want_unit = ctx.memo(fact, "quantity", lambda: _targets(fact))
    if not targets:
        return check_text(fact, response, ctx, Kind.TEXT)
    target = targets[0]
    if NEGATORS.intersection(as_tokens(response)):
        # "2010?? no, not 2010": a number and its denial (the answer with a wrong one ruled
        # out, "2010, not 2008", is taken before a strategy runs).
        return Verdict.wrong(f"that negates an answer; the answer is {fact.answer_text}")
    said = quantities(response)
    if not said:
        return Verdict.wrong(f"no number in the answer; the answer is {fact.answer_text}")
    if len({q.value for q in said}) > 1:
        # "March 4, 2011" for a year, "$5.9 million from the 2009 budget" for a sum: the one
        # number of the kind asked for, when there is exactly one.
        said = _of_the_kind_asked(said, fact.kind)
    if len({q.value for q in said}) != 1:
        return Verdict.wrong(f"names several numbers; the answer is {fact.answer_text}")
    got = said[0]
    said_unit = _time_unit(response)
    if want_unit and said_unit and want_unit != said_unit:
        return Verdict.wrong(f"{said_unit}s are not {want_unit}s; the answer is {fact.answer_text}")
    if not any(got.same_value(t) for t in targets):
        return Verdict.wrong(f"{_fmt(got)} is not {fact.answer_text}")
    if got.unit and target.unit and got.unit != target.unit:
        return Verdict.wrong(f"{_fmt(got)} is not {fact.answer_text}")
    if not qualifiers_agree(target.qualifier, got.qualifier):
        return Verdict.wrong(f"the source says {fact.answer_text}, not {got.text}")
    if target.qualifier and target.qualifier != got.qualifier and target.qualifier != "exact":
        return Verdict.right(f"correct: the source says {fact.answer_text}")
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
    extras = _leftover_runs(said, used)
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
            if any(form == toks for _, toks in ctx.people):
                forms.append((form[-1],))
        elif len(form) == 1 and len(ctx.surnames.get(form[0], ())) == 1:
            # "Westphal" in the answer, "Janet Napolitano" in the response: the full name too.
            forms.extend(toks for _, toks in ctx.people if toks[-1] == form[0])
    return forms


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
    return None


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


def truth_value(response: str) -> bool | None:
    """What yes/no/true/false/t/f says, or None when the response says neither. A reason after
    it is not graded ("no, they were overruled"); "not true" is false; "yes and no" is neither."""
    said = normalize(response)
    if said in _TRUE:
        return True
    if said in _FALSE:
        return False
    words = said.split()
    if len(words) >= 2 and words[0] in _NOT and words[1] in _TRUE | _FALSE:
        return words[1] in _FALSE
    if not words or words[0] not in _TRUE_WORDS | _FALSE_WORDS:
        return None
    value = words[0] in _TRUE_WORDS
    opposite = _FALSE_WORDS if value else _TRUE_WORDS
    if any(w in opposite for w in words[1:3]):
        return None  # "yes and no", "true or false"
    return value


def check_truefalse(fact: Fact, response: str, ctx: Context) -> Verdict:
    """yes/no/true/false/t/f."""
    want = truth_value(fact.items[0])
    got = truth_value(response)
    if got is None:
        if is_dont_know(response):
            return Verdict.wrong(f"no answer given; the statement is {str(want).lower()}")
        return Verdict.wrong(f"answer true or false; the statement is {str(want).lower()}")
    if got == want:
        return Verdict.right("correct")
    return Verdict.wrong(f"the statement is {str(want).lower()}")


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


_OPTION_WORD = re.compile(r"^(?:option|choice|answer)\s+")


def choice_index(response: str, choices: Sequence[str]) -> int | None:
    """The option a response names by letter ("b", "option B") or position ("2"), counted from
    0 whether or not there is such an option; None when it names none that way.

    A response that is an option's own text ("16" among 16, 18, 14, 21) names no position, and
    digits are read as positions only when no option is a number.
    """
    key = normalize(response)
    if any(key == normalize(option) for option in choices):
        return None
    key = _OPTION_WORD.sub("", key)
    if len(key) == 1 and "a" <= key <= "z":
        return ord(key) - ord("a")
    if len(key) == 1 and key.isdigit() and not any(quantities(option) for option in choices):
        return int(key) - 1
    return None


def resolve_choice(response: str, choices: Sequence[str] | None) -> str:
    """A choice's letter (A-D) or number (1-4) as the option's text; other responses unchanged."""
    if not choices:
        return response
    index = choice_index(response, choices)
    return choices[index] if index is not None and 0 <= index < len(choices) else response
