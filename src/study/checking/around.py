"""What may stand around an answer without changing it: words that echo the question, words
that place the answer ("Morton from ICE"), asides and appositions; and what may not (a rival)."""

from __future__ import annotations

import re
import weakref
from functools import lru_cache

from study.checking import places
from study.checking.context import STOPWORDS, Context, Rivals, Tokens, mention_forms, numbers_only
from study.checking.matching import (
    CONTRASTIVE,
    GENERIC,
    NEGATORS,
    TITLES,
    Match,
    as_tokens,
    best_match,
)
from study.checking.names import NameIndex
from study.pack.models import Fact, Kind, Passage

_ASIDE = re.compile(r"\(([^()]*)\)")
_DIGIT = re.compile(r"\d")


def with_aside(said: Tokens, response: str, forms: list[Tokens]) -> tuple[Tokens, Match | None]:
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
     "called", "named", "guy", "one", "1", "ones", "area", "region", "itself", "somewhere",
     "some", "something", "kind", "sort", "type", "stuff", "thing", "probably", "think"}
)
_FILLER = _ECHO | _CONTEXT
#: Words that are never an echo, even when the prompt uses them: they join or negate.
_NEVER_ECHO = NEGATORS | CONTRASTIVE | {"and", "or", "nor", "but", "also", "plus"}
_MAX_ECHO_SPAN = 12
#: Punctuation between two names: "ICE/ATF", "Texas, New Mexico", "Melson (Morton)". (Joining
#: and negating words are never cut, so they need no check here.)
_HEDGE = re.compile(r"[/,;()&]")


def without_echo(
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
    while trail < len(said) - 1 and said[len(said) - 1 - trail] in echo:
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
                if any(names_a_rival(part, fact, ctx, kind) or _competing_number(part, fact, ctx)
                       for part in cut if part):
                    continue
                return rest, match
    return said, None


def without_context(said: Tokens, response: str, fact: Fact, ctx: Context, kind: Kind) -> Tokens:
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


def with_apposition(
    said: Tokens, response: str, forms: list[Tokens], fact: Fact, ctx: Context, kind: Kind
) -> tuple[Tokens, Match | None]:
    """"Kerlikowske, the White House drug policy director", "Morton (ICE)": one part between
    commas or brackets is the answer, and no other part names a rival, a distractor or a
    negation ("ATF, ICE" and "Melson (Morton)" stay two answers)."""
    if SECOND_ANSWER.search(response):
        return said, None
    parts = [as_tokens(part) for part in _APPOSITION.split(response)]
    parts = [part for part in parts if part]
    found: tuple[Tokens, Match] | None = None
    for part in parts:
        match = best_match(part, forms)
        if match is None:
            part, match = without_echo(part, "", forms, fact, ctx, kind)
        if match is not None:
            if found is not None:
                return said, None
            found = (part, match)
        elif ((NEGATORS.intersection(part) or names_a_rival(part, fact, ctx, kind)
               or (kind is Kind.PERSON and not _LEADS.isdisjoint(part))
               # (a post the source does not give this person: "Chait, the ATF acting
               # director" though the passage calls Melson that)
               or not _is_context(part, fact, ctx, kind)
               or _competing_number(part, fact, ctx)
               or (kind is Kind.PLACE and _another_place(part, forms, ctx)))
              # "Kerlikowske, the drug czar", "Morton, head of ICE" (asked second: reading a
              # person's posts costs ~0.5 ms)
              and not (kind is Kind.PERSON and describes_person(part, fact, ctx))):
            return said, None
    return found if found is not None else (said, None)


def with_post(
    said: Tokens, forms: list[Tokens], fact: Fact, ctx: Context
) -> tuple[Tokens, Match | None]:
    """"ICE's John Morton", "ATF chief Kenneth Melson", "Morton from ICE": the person's name
    with words before or after it that describe the post the source gives them
    (`describes_person`)."""
    if len(said) < 2 or NEGATORS.intersection(said):
        return said, None
    # the name exactly as one of the answer's forms (a set lookup per run of words: this runs
    # for every response to a person that no other reading takes)
    for size in sorted({len(form) for form in forms if len(form) < len(said)}, reverse=True):
        for start in range(len(said) - size + 1):
            name = said[start:start + size]
            if name not in forms:
                continue
            before, after = said[:start], said[start + size:]
            if all(not rest or describes_person(rest, fact, ctx) for rest in (before, after)):
                return name, Match(0, name)
    return said, None


#: Words for a post that a description of a person may use though the source does not:
#: "the ICE guy", "the drug czar", "the head of ATF" (the source's own words are taken too).
_POSTS = frozenset(
    {"head", "chief", "boss", "leader", "czar", "official", "guy", "man", "woman", "top", "then",
     "former", "who", "was", "is", "s", "from", "with", "its", "their"}
)
#: Words that say a person leads something: beside a name, only where the source says so.
_LEADS = frozenset({"head", "chief", "boss", "leader", "czar", "director", "secretary",
                    "commissioner", "administrator", "president", "governor"})
_CLAUSE_JOINS = frozenset({"and", "but", "or", "while", "whereas", "nor"})


def describes_person(part: Tokens, fact: Fact, ctx: Context) -> bool:
    """Whether ``part`` only describes the person who is the answer, as the source does: every
    name it holds is one the source puts beside theirs (never another person's), and every other
    word is one the source uses there, a word for a post (`_POSTS`) or a small joining word. "the
    ICE head" for Morton, whom the source calls ICE's; not "the ATF head", nor "Melson's boss"."""
    if not part or NEGATORS.intersection(part):
        return False
    names, words = ctx.memo(fact, "person-post", lambda: _posts_of(fact, ctx))
    used = [False] * len(part)
    for start, end, found in ctx.mentions.find(part):
        if not any(name in names for name in found):
            if any(name in ctx.people_forms for name in found):
                return False  # another person, by any part of their name
            continue  # a shorter name inside a longer one ("security" in "homeland security")
        used[start:end] = [True] * (end - start)
    # a joining word only inside a name ("Immigration and Customs Enforcement")
    return all(used[i] or (word not in _NEVER_ECHO and (
        word in words or word in _POSTS or word in STOPWORDS)) for i, word in enumerate(part))


def _posts_of(fact: Fact, ctx: Context) -> tuple[frozenset[Tokens], frozenset[str]]:
    """`_person_post`, once per person however many facts ask for them."""
    own = tuple(sorted(ctx.answer_forms(fact, Kind.PERSON)))
    return ctx.shared(f"person-post-{own}", lambda: _person_post(fact, ctx))


def _person_post(fact: Fact, ctx: Context) -> tuple[frozenset[Tokens], frozenset[str]]:
    """The names (other than people) and the words of the posts the pack gives the answer's
    person, anywhere in the pack: the run of words beside their name that only names things and
    posts ("ATF's acting director Kenneth Melson", "John Morton, the Homeland Security assistant
    secretary for Immigration and Customs Enforcement"). It ends at a word of another kind (a
    verb: "Melson said ATF was cooperating with CBP" gives Melson no post at CBP), at a joining
    word outside a name, or at another person's name."""
    forms: NameIndex[None] = NameIndex()
    own = frozenset(ctx.answer_forms(fact, Kind.PERSON))
    for form in own:
        forms.add(form, None)
    names: set[Tokens] = set()
    words: set[str] = set()
    named = re.compile("|".join(re.escape(form[-1]) for form in own)).search
    surnames = frozenset(form[-1] for form in own)
    phrases: dict[int, tuple[list[str], list[str]]] = ctx.shared("passage-phrases", dict)
    for number, (passage, lowered) in enumerate(ctx.shared("passages-lowered",
                                                           lambda: _lowered(ctx))):
        if not named(lowered):
            continue  # (most passages never name the person)
        # phrases, each with the punctuation before and after it; only those that hold the
        # name (and the one after each) are read, as reading them all cost ~1.5 ms a person
        # (each passage split once, for every person it names: a fifth of a person's posts)
        split = phrases.get(number)
        if split is None:
            split = phrases[number] = (_PHRASE.split(passage.text), _PHRASE.split(lowered))
        pieces, low = split
        texts, before, after = pieces[::2], ["."] + pieces[1::2], [*pieces[1::2], "."]
        for at, text in enumerate(texts):
            if not named(low[2 * at]):
                continue
            phrase = as_tokens(text)
            mentioned = list(forms.find(phrase))
            if not mentioned:
                continue  # (the surname's letters inside another word)
            proper = _capitalised(text, first=not before[at].strip() or before[at] == ".")
            spans = {i: found for i, found in _spans(phrase, ctx).items()
                     if not _names_own(found, own, surnames)}
            for start, end, _ in mentioned:
                _post_beside(phrase, spans, proper, start, end, own, ctx, names, words, left=True)
                if _post_beside(phrase, spans, proper, start, end, own, ctx, names, words) and (
                        after[at] in (",", "(")) and at + 1 < len(texts):
                    # the name ends its phrase: an apposition may follow ("Morton, the ...")
                    following = as_tokens(texts[at + 1])
                    _post_beside(following, _spans(following, ctx),
                                 _capitalised(texts[at + 1], first=False), -1, 0, own, ctx, names,
                                 words)
    return frozenset(names), frozenset(words - ctx.people_words)


def _lowered(ctx: Context) -> list[tuple[Passage, str]]:
    pack = ctx._pack
    return [(p, p.text.lower()) for p in pack.passages.values()] if pack is not None else []


def _names_own(found: list[Tokens], own: frozenset[Tokens], surnames: frozenset[str]) -> bool:
    """Whether ``found`` is the answer's person however written ("R. Gil Kerlikowske");
    ``surnames`` are the last words of ``own``."""
    return any(name in own or name[-1:][0] in surnames for name in found if name)


#: Where a phrase of a source ends: punctuation, and the end of a sentence.
#: (One character class first, which the search tests fastest, then which of them it was: the
#: same splits as ``([,;:()\u2014\u2013"\u201c\u201d]|(?<=[.!?])\s+|\s-\s)`` in half the time.)
_PHRASE = re.compile(r"([,;:()\u2014\u2013\"\u201c\u201d\s](?:(?<=[,;:()\u2014\u2013\"\u201c\u201d])"
                     r"|(?<=[.!?]\s)\s*|(?<=\s)-\s))")
_CAPITALISED = re.compile(r"\b[A-Z][\w'\u2019-]*")
#: Words a run naming a post may hold besides names and capitalised words.
_POST_RUN = STOPWORDS | TITLES | {"was", "is", "s", "who", "former", "then", "charge", "head",
                                  "chief", "top"}


#: Verbs with which a source gives a person's post ("Kerlikowske, who directs national drug
#: policy"), each with the post's noun a learner says instead ("the drug policy director").
#: ("ran" is none: a person runs a sting as well as an office.)
_LEAD_VERBS = {"directs": "director", "directed": "director", "heads": "head", "headed": "head",
               "leads": "leader", "led": "leader", "oversees": "head", "oversaw": "head",
               "commands": "commander", "commanded": "commander", "chairs": "chairman",
               "chaired": "chairman"}


def _capitalised(text: str, first: bool) -> frozenset[str]:
    """The words written with a capital, less the first when it opens a sentence ("He")."""
    found = _CAPITALISED.findall(text)
    if first and found and text.lstrip().startswith(found[0]):
        found = found[1:]
    return frozenset(word for written in found for word in as_tokens(written))


def _spans(phrase: Tokens, ctx: Context) -> dict[int, list[Tokens]]:
    """Per word of ``phrase``, the names the pack knows that hold it."""
    named: dict[int, list[Tokens]] = {}
    for at, stop, found in ctx.mentions.find(phrase):
        for i in range(at, stop):
            named.setdefault(i, []).extend(found)
    return named


def _post_beside(phrase: Tokens, spans: dict[int, list[Tokens]], proper: frozenset[str],
                 start: int, end: int, own: frozenset[Tokens], ctx: Context, names: set[Tokens],
                 words: set[str], left: bool = False) -> bool:
    """Add to ``names`` and ``words`` the run beside ``phrase[start:end]`` (to its left, or
    its right) that names things and posts; whether the run reaches the end of the phrase.
    ``spans`` are the names at each word (`_spans`)."""
    people = ctx.people_forms
    step = -1 if left else 1
    i = start - 1 if left else end
    of = False  # past "of"/"for" to the right, the post's object: "director of national policy"
    while 0 <= i < len(phrase):
        found = spans.get(i)
        word = phrase[i]
        if found:
            if any(name in people and name not in own for name in found):
                return False  # another person: what follows is theirs
            names.update(name for name in found if name not in people)
        elif word in _CLAUSE_JOINS or not (of or word in proper or word in _POST_RUN or (
                not left and word in _LEAD_VERBS)):
            return False
        # past "of"/"for" to the right, or a verb of leading ("who directs national drug
        # policy"), the post's object; the verb gives the post's noun ("director")
        of = of or (not left and (word in ("of", "for") or word in _LEAD_VERBS))
        words.add(word)
        if not left and word in _LEAD_VERBS:
            words.add(_LEAD_VERBS[word])
        i += step
    return True


def _another_place(part: Tokens, forms: list[Tokens], ctx: Context) -> bool:
    """"Houston, Mexico": a place beside the answer that does not hold it."""
    if places.place_named(part) is None and not any(
            part in entity.forms for entity in ctx.entities.get(Kind.PLACE, ())):
        return False
    return not any(part in ctx.holders(form) for form in forms)


_APPOSITION = re.compile(r"[,;()]")
SECOND_ANSWER = re.compile(r"[/&]|\bor\b|\bnot\b", re.IGNORECASE)


def _is_context(part: Tokens, fact: Fact, ctx: Context, kind: Kind) -> bool:
    """Whether every word of ``part`` comes from the question, its source passage, the names
    the answer's own sentence mentions, or the words that place an answer: context, not a new
    claim ("(NAFTA)")."""
    known = ctx.passage_words.get(fact.cite, frozenset())
    echo = ctx.memo(fact, f"echo-{kind}", lambda: _echo_words(fact, kind, ctx))
    return all(word in known or word in echo or len(word) <= 2 for word in part)


def _mentioned_name_words(fact: Fact, ctx: Context, kind: Kind) -> frozenset[str]:
    """The words of every name, other than a rival, that the question or the answer's sentence
    mentions in some form: "ICE" beside John Morton when the source calls him ICE's head."""
    rivals = _rivals(fact, ctx, kind)
    known = known_names(fact, ctx, kind)
    # The pack's names are found by reading the texts once (`Context.mentions`); only the
    # fact's own few names that the pack does not index are looked for one by one.
    found = _mentioned_names(fact, ctx, kind)
    extra = frozenset(name for name in known.extra - ctx.mentionable
                      if _mentioned(name, fact, ctx, kind))
    kept = rivals.drop_forms(known.keep(found | extra))
    return frozenset(word for name in kept for word in name
                     if word.isalpha() or not _DIGIT.search(word))


def names_a_rival(part: Tokens, fact: Fact, ctx: Context, kind: Kind) -> bool:
    """Whether some run of words in ``part`` is another answer of this kind or a distractor,
    or another name the pack knows that neither the question nor the source's sentence
    stating the answer mentions ("Melson from ICE" when both speak only of ATF)."""
    rivals = _rivals(fact, ctx, kind)
    names = known_names(fact, ctx, kind)
    for i in range(len(part)):
        for j in range(i + 1, len(part) + 1):
            window = part[i:j]
            if window in rivals or (window in names and not _mentioned(window, fact, ctx, kind)):
                return True
    return False


def _mentioned(name: Tokens, fact: Fact, ctx: Context, kind: Kind) -> bool:
    """Whether the question or the source sentence that states the answer names ``name``, in
    any of its glossary forms ("DHS" when the sentence says "Homeland Security")."""
    if name in ctx.mentionable:
        return name in _mentioned_names(fact, ctx, kind)
    texts = ctx.memo(fact, f"answer-context-{kind}", lambda: _answer_context(fact, ctx, kind))
    return any(_find(text, other) for other in _mention_forms(tuple(ctx.same_names(name)))
               for text in texts)


def _mentioned_names(fact: Fact, ctx: Context, kind: Kind) -> frozenset[Tokens]:
    """Every name of the pack (`Context.mentionable`) that the question or the source sentence
    stating the answer mentions in some form."""
    def build() -> frozenset[Tokens]:
        texts = ctx.memo(fact, f"answer-context-{kind}", lambda: _answer_context(fact, ctx, kind))
        found: set[Tokens] = set()
        for text in texts:
            found |= ctx.mentions.values_in(text)
        return frozenset(found)

    return ctx.memo(fact, f"mentioned-names-{kind}", build)


@lru_cache(maxsize=4096)
def _mention_forms(names: tuple[Tokens, ...]) -> tuple[Tokens, ...]:
    return mention_forms(names)


def mention_forms_cache_clear() -> None:
    """Forget the names' forms worked out one by one (`checking.clear_caches(packs=True)`)."""
    _mention_forms.cache_clear()


def _answer_context(fact: Fact, ctx: Context, kind: Kind) -> list[Tokens]:
    """The question's words, and the words of each sentence of the cited passage that states
    one of the answer's forms."""
    out = [as_tokens(fact.prompt)]
    sentences = ctx.passage_sentences.get(fact.cite, ())
    if not sentences:
        return out
    # The forms by their first word (a sentence with none of those words holds no form: tested
    # in C, not walked; building a trie of the forms cost more than the few sentences' walks).
    by_first: dict[str, list[Tokens]] = {}
    for form in ctx.answer_forms(fact, kind):
        if form:
            by_first.setdefault(form[0], []).append(form)
    for sentence in sentences:
        if by_first.keys().isdisjoint(sentence):
            continue
        if any(sentence[at:at + len(form)] == form for at, word in enumerate(sentence)
               for form in by_first.get(word, ())):
            out.append(sentence)
    return out


def _find(text: Tokens, words: Tokens) -> bool:
    n = len(words)
    return n > 0 and any(text[i:i + n] == words for i in range(len(text) - n + 1))


class KnownNames:
    """Every name the pack knows (glossary names, people, every answer and distractor of every
    kind), less the fact's own answer forms: the pack's set and the fact's few others, asked
    for membership only (a set built per fact grew the audit with the square of the pack)."""

    def __init__(self, everyone: frozenset[Tokens], extra: frozenset[Tokens],
                 own: frozenset[Tokens]) -> None:
        self.everyone, self.own = everyone, own
        #: The fact's names that the pack's set lacks (forms of its distractors).
        self.extra = extra - everyone - own

    def __contains__(self, name: object) -> bool:
        return (name in self.everyone or name in self.extra) and name not in self.own

    def keep(self, names: frozenset[Tokens]) -> frozenset[Tokens]:
        """The known names among ``names``, in set operations (no call per name)."""
        return ((names & self.everyone) | (names & self.extra)) - self.own


def known_names(fact: Fact, ctx: Context, kind: Kind) -> KnownNames:
    """Every name the pack knows (glossary names, people, every answer and distractor of every
    kind), less the fact's own answer forms."""
    return ctx.memo(fact, f"known-names-{kind}", lambda: _known_names(fact, ctx, kind))


def _known_names(fact: Fact, ctx: Context, kind: Kind) -> KnownNames:
    extra = frozenset(form for text in fact.distractors for form in ctx.forms(text, kind)
                      if form and not numbers_only(form))
    return KnownNames(ctx.everyone, extra, frozenset(ctx.answer_forms(fact, kind)))


def _rivals(fact: Fact, ctx: Context, kind: Kind) -> Rivals:
    return ctx.memo(fact, f"rival-forms-{kind}", lambda: _rival_forms(fact, ctx, kind))


def _rival_forms(fact: Fact, ctx: Context, kind: Kind) -> Rivals:
    """The other answers of this kind and the fact's distractors (for a person, everyone's name
    and surname), less the fact's own answer forms."""
    mine = set(ctx.answer_forms(fact, kind))
    extra = {form for text in fact.distractors for form in ctx.forms(text, kind)}
    return Rivals(ctx.pool(kind), extra, mine)


def _echo_words(fact: Fact, kind: Kind, ctx: Context) -> EchoWords:
    """Words that may stand around an answer without changing it: the question's own words and
    the speaker's, less any that join or negate, and less any word that is by itself another
    answer of this kind (or, for a person, part of anyone's name)."""
    return EchoWords(fact, kind, ctx)


class EchoWords:
    """`_echo_words`, asked one word at a time: only a few words of a response are asked about
    (those at its ends), so each is worked out when asked, never the whole set (building it
    cost ~0.03 ms a fact); the names' words only when a word needs them."""

    __slots__ = ("_fact", "_kind", "_ctx", "_asked", "_never", "_distractors", "_rivals",
                 "_people", "_names")

    def __init__(self, fact: Fact, kind: Kind, ctx: Context) -> None:
        # (the context by a weak reference: it keeps this, and a cycle would leave a dropped
        # pack's whole context to the garbage collector)
        self._fact, self._kind, self._ctx = fact, kind, weakref.ref(ctx)
        asked = frozenset(as_tokens(fact.prompt))
        self._asked = asked
        # "nearly a year before" when asked how long before: the question's own direction in
        # time (never the other one: "a year after" still says something else).
        self._never = _NEVER_ECHO - (asked & _ASKED_DIRECTION)
        self._distractors = frozenset(t for text in fact.distractors for t in as_tokens(text))
        self._rivals: Rivals | None = None
        self._people = ctx.people_words if kind is Kind.PERSON else frozenset()
        self._names: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if not (word in _FILLER or word in self._asked):
            if self._names is None:
                self._names = _mentioned_name_words(self._fact, self._context(), self._kind)
            if word not in self._names:
                return False
        if word in self._never or word in self._distractors or word in self._people:
            return False
        # A name the question mentions may place the answer ("Morton of ICE" when the question
        # is about ICE); another answer of its own kind would be a second answer.
        if self._rivals is None:
            self._rivals = _rivals(self._fact, self._context(), self._kind)
        return not self._rivals.drops_word(word)

    def _context(self) -> Context:
        ctx = self._ctx()
        assert ctx is not None, "asked about a pack whose context is gone"
        return ctx


_ASKED_DIRECTION = frozenset({"before", "after"})


#: Words that open a phrase placing an answer: "a cover-up from the top", "the Iran-Contra
#: affair of the 1980s". Not words of direction or range ("to", "until", "before", "after"):
#: "nearly a year after the murder" and "March until May" say something else.
_PREPOSITIONS = frozenset({"of", "from", "for", "on", "in", "at", "with", "by", "during"})
_DECADE = re.compile(r"(?:1[0-9]|20)?[0-9]0s")


#: "hundreds, according to the CPI", "internal memos (per the CPI)": the source the learner has
#: the answer from, after it.
_ATTRIBUTION = re.compile(
    r"^(?P<answer>.+?)[\s,;(\u2014-]+(?:according to|per|as reported by|reported by|says|said)"
    r"\s+(?P<source>[^,;()]+?)[\s).]*$",
    re.IGNORECASE,
)
_ATTRIBUTING = re.compile(r"accord|per |report|says|said", re.IGNORECASE).search
#: Kinds whose answers are names: a source of the same kind may be a second answer.
_NAME_KINDS = frozenset({Kind.PERSON, Kind.AGENCY, Kind.PLACE})


def without_attribution(response: str, fact: Fact, ctx: Context, kind: Kind) -> str | None:
    """The response before a closing attribution to a name the pack knows ("hundreds,
    according to the CPI"), or None. Never when the source is one of the fact's distractors, a
    name of the kind asked ("ICE, according to the GAO" for an agency), or a denial."""
    if not _ATTRIBUTING(response):
        return None  # (a quick search before the pattern: it runs for most wrong answers)
    found = _ATTRIBUTION.match(response.strip())
    if found is None:
        return None
    source = as_tokens(found["source"])
    if not source or source not in ctx.everyone or NEGATORS.intersection(as_tokens(response)):
        return None
    if source in known_names(fact, ctx, kind).extra or (
            kind in _NAME_KINDS and source in _rivals(fact, ctx, kind)):
        return None
    return found["answer"]


def without_tail(
    said: Tokens, response: str, forms: list[Tokens], fact: Fact, ctx: Context, kind: Kind
) -> tuple[Tokens, Match | None]:
    """The answer followed by a phrase that only places it ("a boost in funding for the
    growing problem"): accepted when the answer comes first, exactly, and the phrase names no
    number, rival, distractor or negation, and no more of the answer itself."""
    if _HEDGE.search(response) or kind is Kind.PLACE:
        return said, None  # a place after a place is located by containment, not here
    for at in range(1, len(said)):
        if said[at] not in _PREPOSITIONS:
            continue
        head, tail = said[:at], said[at:]
        if head not in forms:
            continue  # the whole answer exactly as written, nothing less
        # (the fact's words worked out only for a response that has the answer before a
        # phrase: most have none)
        own, rival_words = ctx.memo(fact, f"tail-words-{kind}",
                                    lambda: _tail_words(fact, ctx, kind))
        if own.intersection(tail):
            continue
        # A number after an answer that has one competes with it ("the 1968 act of 1986");
        # after one that has none it only places it ("the Iran-Contra affair of the 1980s").
        numbered = ctx.memo(fact, f"numbered-{kind}",
                            lambda: any(_DIGIT.search(word) for form in forms for word in form))
        if not numbered:
            # "of the 1980s" places an answer that has no number; a year would be a claim
            tail = tuple(word for word in tail if not _DECADE.fullmatch(word))
        numbers_compete = numbered and any(_DIGIT.search(w) for w in tail)
        if (NEGATORS.intersection(tail) or {"or", "nor", "but"}.intersection(tail)
                or rival_words.any_in(tail) or numbers_compete
                or names_a_rival(tail, fact, ctx, kind)
                or not _is_context(tail[1:], fact, ctx, kind)
                or _competing_number(tail, fact, ctx)):
            # "Gun Control Act of 1986", "the Center for ... CNN", "acting director of the FBI"
            return said, None
        return head, Match(0, head)
    return said, None


#: Nouns that name what kind of thing an answer is, in classes of nouns that say the same:
#: "the eTrace system" when asked for a database, "AK-47 rifles" when asked for a weapon, "the
#: Iran-Contra scandal" for the Iran-Contra affair.
_CATEGORY_CLASSES = (
    frozenset("system systems database databases program programs tool tools software network "
              "platform".split()),
    frozenset("rifle rifles gun guns weapon weapons firearm firearms pistol pistols".split()),
    frozenset("scandal scandals affair affairs controversy".split()),
)
_CATEGORY_OF = {noun: nouns for nouns in _CATEGORY_CLASSES for noun in nouns}


def with_category_noun(
    said: Tokens, response: str, forms: list[Tokens], fact: Fact, ctx: Context, kind: Kind
) -> tuple[Tokens, Match | None]:
    """The answer followed by a noun naming its kind: "the eTrace system", "AK-47 (assault)
    rifles" for "AK-47s", "the Iran-Contra scandal" for "the Iran-Contra affair". The noun must
    say what the question asks for or what the source calls the answer (`_asked_kinds`); a
    word before it must come from the question or the pack's passages."""
    if len(said) < 2 or said[-1] not in _CATEGORY_OF or _HEDGE.search(response):
        return said, None
    nouns = _CATEGORY_OF[said[-1]]
    asked = ctx.memo(fact, f"asked-kinds-{kind}", lambda: _asked_kinds(fact, ctx, kind))
    for cut in (1, 2):
        head, extra = said[:-cut], said[-cut:-1]
        if not head or (extra and not _pack_word(extra[0], said[-1], fact, ctx)):
            continue
        for form in forms:
            # "AK-47 rifles" for "AK-47s": the plural moves from the name to the noun.
            plural = head[:-1] + (head[-1] + "s",)
            own_noun = len(form) > 1 and form[-1] in nouns
            if head == form or plural == form or (own_noun and head == form[:-1]):
                if own_noun or nouns in asked:
                    return head, Match(0, form)
    return said, None


def only_category(said: Tokens, fact: Fact, ctx: Context, kind: Kind) -> bool:
    """"assault rifles" for "AK-47s": only the kind of thing asked for, not which one."""
    if not said or said[-1] not in _CATEGORY_OF or len(said) > 2:
        return False
    asked = ctx.memo(fact, f"asked-kinds-{kind}", lambda: _asked_kinds(fact, ctx, kind))
    return _CATEGORY_OF[said[-1]] in asked and all(
        _pack_word(w, said[-1], fact, ctx) for w in said[:-1])


def _asked_kinds(fact: Fact, ctx: Context, kind: Kind) -> frozenset[frozenset[str]]:
    """The classes of nouns that say what the answer is: the first such noun after "what" or
    "which" in the question ("what kind of weapon"), and those within three words of the
    answer in the source's sentences that state it ("its electronic database, eTrace")."""
    out: set[frozenset[str]] = set()
    prompt = as_tokens(fact.prompt)
    for at, word in enumerate(prompt):
        if word in ("what", "which"):
            noun = next((w for w in prompt[at + 1:at + 9] if w in _CATEGORY_OF), None)
            if noun:
                out.add(_CATEGORY_OF[noun])
            break
    forms = ctx.answer_forms(fact, kind)
    for sentence in ctx.passage_sentences.get(fact.cite, ()):
        for form in forms:
            n = len(form)
            for at in range(len(sentence) - n + 1):
                if sentence[at:at + n] == form:
                    near = sentence[max(at - 3, 0):at] + sentence[at + n:at + n + 3]
                    out.update(_CATEGORY_OF[w] for w in near if w in _CATEGORY_OF)
    return frozenset(out)


def _pack_word(word: str, noun: str, fact: Fact, ctx: Context) -> bool:
    """Whether the question or a passage writes ``word`` before a noun of ``noun``'s class
    ("assault rifles"; never "Barrett rifles" when the pack only speaks of "a Barrett")."""
    nouns = _CATEGORY_OF[noun]
    asked = ctx.memo(fact, "before-category", lambda: _words_before_categories([as_tokens(fact.prompt)]))
    if word in asked.get(nouns, ()):
        return True
    # The passages' part is the same for every fact: found once per pack, not once per fact
    # (reading every passage for each fact grew the audit with the square of the pack).
    passages = ctx.shared("before-category", lambda: _words_before_categories(
        [s for ss in ctx.passage_sentences.values() for s in ss]))
    return word in passages.get(nouns, ())


def _words_before_categories(texts: list[Tokens]) -> dict[frozenset[str], set[str]]:
    out: dict[frozenset[str], set[str]] = {}
    for text in texts:
        for at in range(1, len(text)):
            if text[at] in _CATEGORY_OF:
                out.setdefault(_CATEGORY_OF[text[at]], set()).add(text[at - 1])
    return out


#: Words that join an office to the body that holds it: "the inspector general of/at/for DOJ".
_OWNER_WORDS = frozenset({"of", "at", "for"})
_TURNED_KINDS = frozenset({Kind.AGENCY, Kind.TEXT, Kind.CHOICE})


def with_owner_turned(
    said: Tokens, response: str, forms: list[Tokens], fact: Fact, ctx: Context, kind: Kind
) -> tuple[Tokens, Match | None]:
    """"The inspector general at the Department of Justice" for "the Justice Department's
    inspector general": "the Y of/at/for X" is "X's Y" (whose "'s" the words have lost), either
    way round, with X in any of its glossary names."""
    if kind not in _TURNED_KINDS or len(said) < 3 or _HEDGE.search(response):
        return said, None
    if _OWNER_WORDS.isdisjoint(said):
        long_way = ctx.memo(fact, f"turned-forms-{kind}", lambda: _turned_forms(forms))
        match = best_match(said, list(long_way)) if long_way else None
        return (said, Match(match.edits, long_way[match.form])) if match else (said, None)
    turned = _turned(said)
    return (said, best_match(turned, forms)) if turned is not None else (said, None)


def _turned(words: Tokens) -> Tokens | None:
    """"inspector general at department of justice" -> "department of justice inspector
    general": the words after the first owner word, then those before it."""
    at = next((i for i, word in enumerate(words) if word in _OWNER_WORDS), None)
    if at is None or not 0 < at < len(words) - 1 or "and" in words:
        return None
    return words[at + 1:] + words[:at]


def _turned_forms(forms: list[Tokens]) -> dict[Tokens, Tokens]:
    """The forms written "Y of X", turned to "X Y", each mapped back to its form."""
    out: dict[Tokens, Tokens] = {}
    for form in forms:
        turned = _turned(form)
        if turned is not None:
            out.setdefault(turned, form)
    return out


def filler_words(fact: Fact, ctx: Context, kind: Kind) -> EchoWords:
    """Words that may stand beside an answer as echo or context, for ``fact`` and ``kind``."""
    return ctx.memo(fact, f"echo-{kind}", lambda: _echo_words(fact, kind, ctx))



def _tail_words(fact: Fact, ctx: Context, kind: Kind) -> tuple[frozenset[str], _RivalWords]:
    """The telling words of the fact's own answer, and those of other answers of this kind and
    of its distractors (less its own)."""
    own = frozenset({w for form in ctx.answer_forms(fact, kind) for w in form} - STOPWORDS - GENERIC)
    return own, _RivalWords(_rivals(fact, ctx, kind), own)


class _RivalWords:
    """The telling words of the rivals' forms (`_rival_forms`), less the fact's own."""

    def __init__(self, rivals: Rivals, own: frozenset[str]) -> None:
        self._rivals, self._own = rivals, own

    def any_in(self, words: Tokens) -> bool:
        return any(word not in STOPWORDS and word not in GENERIC and word not in self._own
                   and self._rivals.has_word(word) for word in words)


def _competing_number(part: Tokens, fact: Fact, ctx: Context) -> bool:
    """A number beside the answer that neither the question nor the answer contains: a second
    claim ("April through September of 2008"), not a restatement ("the Gun Control Act
    (1968)")."""
    known = ctx.memo(fact, "own-numbers", lambda: frozenset(
        word for text in (fact.prompt, *fact.items, *fact.accept) for word in as_tokens(text)
        if _DIGIT.search(word)))
    # "1" is "one", most often a pronoun: "the Armas one", "a symbiotic one".
    return any(_DIGIT.search(word) and word not in known and word != "1" for word in part)
