"""What the checker knows about a pack: equivalent names, people, and the other answers."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from study.checking import places
from study.checking.forms import expand
from study.checking.given_names import given_name_forms
from study.checking.matching import GENERIC, allowed_edits, as_tokens
from study.checking.names import NameIndex
from study.checking.normalize import INVENTED, fold
from study.checking.verdict import Verdict
from study.pack.models import Fact, Kind, Pack

Tokens = tuple[str, ...]
T = TypeVar("T")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_DIGIT = re.compile(r"\d")
#: Words a name can lose and still be mentioned: "director of national drug control policy".
STOPWORDS = frozenset({"the", "and", "for", "of", "in", "on", "at", "to", "by", "a", "an"})

# Which glossary kinds can stand in for an answer of each fact kind.
GLOSSARY_KINDS: dict[Kind, frozenset[str]] = {
    Kind.AGENCY: frozenset({"agency", "program", "document", "other"}),
    Kind.PERSON: frozenset({"person"}),
    Kind.PLACE: frozenset({"place"}),
    Kind.TEXT: frozenset({"agency", "program", "document", "other", "place", "person"}),
    Kind.CHOICE: frozenset({"agency", "program", "document", "other", "place", "person"}),
    Kind.LIST: frozenset({"agency", "program", "document", "other", "place", "person"}),
}


@dataclass(frozen=True)
class Entity:
    """One answer of the pack with every form it may be written in."""

    label: str
    forms: frozenset[Tokens]


@dataclass
class RivalIndex:
    """The pack's answers of one kind, prefiltered by the edit distance of their letters.

    `match_tokens` only accepts a form whose letters, run together, are within the form's typo
    allowance of the response's letters: the words' edits add up, and a join or split costs one.
    So a response is compared word by word only with the forms that pass that test, which
    rapidfuzz's OSA distance decides in C; the forms whose length can pass are listed ahead of
    time for every response length. Comparing every form word by word ran at ~3,500 checks/s
    on the bundled pack; bucketing by length alone at 14,000 to 21,000.
    """

    entries: list[tuple[Entity, Tokens, str, int]] = field(default_factory=list)
    _by_length: dict[int, list[int]] = field(default_factory=dict)
    #: For each response length: the letters of the forms listed for it, and their largest
    #: allowance (one call into rapidfuzz compares a response with all of them).
    _letters: dict[int, list[str]] = field(default_factory=dict)
    _widest: dict[int, int] = field(default_factory=dict)

    def add(self, entity: Entity) -> None:
        for form in entity.forms:
            for variant in dict.fromkeys((form, tuple(t for t in form if t not in GENERIC) or form)):
                limit = max(sum(allowed_edits(w) for w in variant), 1)
                joined = "".join(variant)
                at = len(self.entries)
                self.entries.append((entity, variant, joined, limit))
                for n in range(max(len(joined) - limit, 0), len(joined) + limit + 1):
                    self._by_length.setdefault(n, []).append(at)
                    self._letters.setdefault(n, []).append(joined)
                    self._widest[n] = max(self._widest.get(n, 0), limit)

    def near(self, said: Tokens) -> list[tuple[Entity, Tokens]]:
        """Every form the response, or the response without generic words, could match."""
        extract, distance_of = _rapidfuzz()
        found: dict[int, None] = {}
        for variant in dict.fromkeys((said, tuple(t for t in said if t not in GENERIC) or said)):
            joined = "".join(variant)
            listed = self._by_length.get(len(joined))
            if not listed:
                continue
            # Every form within the largest allowance of the bucket, in one call into C (a
            # Python loop over the bucket cost a third of a wrong answer's check), then each
            # form held to its own allowance.
            for _, distance, position in extract(joined, self._letters[len(joined)],
                                                 scorer=distance_of, limit=None,
                                                 score_cutoff=self._widest[len(joined)]):
                at = listed[position]
                if distance <= self.entries[at][3]:
                    found[at] = None
        return [self.entries[at][:2] for at in sorted(found)]


def _rapidfuzz() -> tuple[Any, Any]:
    """rapidfuzz's `extract` and OSA distance, imported on first use (~15 ms: `study --help`
    does without) and then kept in this name's place (an import statement in `near` cost a
    fifth of its time)."""
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extract

    found = (extract, OSA.distance)
    globals()["_rapidfuzz"] = lambda: found
    return found


#: What `Context` builds only when first needed (`Context.prepare`): the answers of every
#: kind and their rivals, the passages' words and sentences, every name and its mentions.
_LATER = frozenset({"entities", "rivals", "containers", "passage_words", "passage_sentences",
                    "_same", "everyone", "mentionable", "mentions"})


@dataclass
class Context:
    """Pack-derived knowledge, built once per pack and shared by every check.

    Built in two steps: the glossary's names and the people at once (all that the answer forms
    of a fact need: a quiz's first question asks for them), the rest (`_LATER`, ~30 ms of the
    ~45 ms on the bundled pack) when first used or when `prepare` is called, which a worker does
    while the learner reads the first screen."""

    groups: list[tuple[str, frozenset[str], list[Tokens]]] = field(default_factory=list)
    people: list[tuple[str, Tokens]] = field(default_factory=list)
    surnames: dict[str, list[str]] = field(default_factory=dict)
    first_names: dict[str, list[str]] = field(default_factory=dict)
    entities: dict[Kind, list[Entity]] = field(init=False, repr=False, compare=False)
    rivals: dict[Kind, RivalIndex] = field(init=False, repr=False, compare=False)
    #: Larger places known to hold a place, from the pack's "Houston, Texas" answer forms.
    containers: dict[Tokens, set[Tokens]] = field(init=False, repr=False, compare=False)
    #: The words of each passage, by passage id: what may stand beside an answer as context.
    passage_words: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    #: Each passage's sentences as words, by passage id.
    passage_sentences: dict[str, list[Tokens]] = field(init=False, repr=False, compare=False)
    #: Every glossary name, with all the names of its entry.
    _same: dict[Tokens, list[Tokens]] = field(init=False, repr=False, compare=False)
    _forms: dict[tuple[str, Kind], list[Tokens]] = field(default_factory=dict)
    _answers: dict[tuple[str, Kind], tuple[Fact, list[Tokens]]] = field(default_factory=dict)
    _memo: dict[tuple[str, str], tuple[Fact, Any]] = field(default_factory=dict)
    _holders: dict[Tokens, frozenset[Tokens]] = field(default_factory=dict)
    #: Every glossary name -> the groups (indexes into ``groups``) that hold it.
    _group_index: NameIndex[int] = field(default_factory=NameIndex)
    _indexed_groups: int = 0
    #: Every name the pack knows (glossary names, people and their surnames, every answer and
    #: distractor), less those made only of numbers: what `around.known_names` starts from.
    everyone: frozenset[Tokens] = field(init=False, repr=False, compare=False)
    #: ``everyone`` and the forms of every fact's distractors (in the fact's kind).
    mentionable: frozenset[Tokens] = field(init=False, repr=False, compare=False)
    #: Every form that mentions one of ``mentionable`` (`mention_forms`) -> the names it mentions.
    mentions: NameIndex[Tokens] = field(init=False, repr=False, compare=False)
    #: The people's names and surnames, and every word of them.
    people_forms: frozenset[Tokens] = frozenset()
    people_words: frozenset[str] = frozenset()
    #: Surname -> the people of the pack with it, as (name, words), in the pack's order.
    by_surname: dict[str, list[tuple[str, Tokens]]] = field(default_factory=dict)
    _pools: dict[Kind, RivalPool] = field(default_factory=dict)
    _shared: dict[str, Any] = field(default_factory=dict)
    #: (fact id, response) -> (fact, verdict), least recently used first (`checking.check`).
    verdicts: OrderedDict[tuple[str, str], tuple[Fact, Verdict]] = field(default_factory=OrderedDict)
    _pack: Pack | None = field(default=None, repr=False, compare=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    def __getattr__(self, name: str) -> Any:
        # Only for what is not built yet (`_LATER`): once built, these are plain attributes.
        if name in _LATER:
            self.prepare()
            return object.__getattribute__(self, name)
        raise AttributeError(name)

    @classmethod
    def empty(cls) -> Context:
        return cls()

    @classmethod
    def from_pack(cls, pack: Pack) -> Context:
        ctx = cls(_pack=pack)
        for entry in pack.glossary:
            names = [t for name in entry.names for t in [as_tokens(_unglossed(name))] if t]
            ctx.groups.append((entry.name, frozenset({entry.kind}), names))
        ctx._add_abbreviated_places(pack)
        ctx._index_groups()
        for name in pack.people:
            toks = as_tokens(_unglossed(name))
            if len(toks) >= 2:
                ctx.people.append((name, toks))
        for name, toks in ctx.people:
            ctx.surnames.setdefault(toks[-1], [])
            if name not in ctx.surnames[toks[-1]] and not _same_person(ctx, name, ctx.surnames[toks[-1]]):
                ctx.surnames[toks[-1]].append(name)
            ctx.first_names.setdefault(toks[0], []).append(name)
            ctx.by_surname.setdefault(toks[-1], []).append((name, toks))
        ctx.people_forms = frozenset(
            form for _, toks in ctx.people for form in (toks, toks[-1:]))
        ctx.people_words = frozenset(word for _, toks in ctx.people for word in toks)
        return ctx

    def prepare(self) -> Context:
        """Build what is left to build (`_LATER`) now, once; returns the context. Safe to call
        from a worker while another thread checks an answer (that one waits for it)."""
        with self._lock:
            if "mentions" in self.__dict__:
                return self
            pack = self._pack
            # Each part is set only once whole, so another thread never sees half of one.
            containers: dict[Tokens, set[Tokens]] = {}
            entities: dict[Kind, list[Entity]] = {}
            if pack is not None:
                for entry in pack.glossary:
                    if entry.kind == "place":
                        for name in entry.names:
                            _add_container(containers, name)
                # The forms of the entities of each kind so far: a text sharing one is the same
                # entity (a set, not a scan of the bucket: the scan grew with the square of the
                # pack).
                seen: dict[Kind, set[Tokens]] = {}
                for fact in pack.facts:
                    kind = fact.kind
                    bucket = entities.setdefault(kind, [])
                    taken = seen.setdefault(kind, set())
                    for text in (*fact.items, *fact.distractors):
                        forms = frozenset(self.forms(text, kind))
                        if forms and taken.isdisjoint(forms):
                            bucket.append(Entity(text, forms))
                            taken.update(forms)
                for fact in pack.facts:
                    if fact.kind is not Kind.PLACE:
                        continue
                    for text in (*fact.items, *fact.accept):
                        for written in expand(text):
                            _add_container(containers, written)
            self.entities, self.containers = entities, containers
            passages = pack.passages.items() if pack is not None else ()
            self.passage_words = {pid: frozenset(as_tokens(p.text)) for pid, p in passages}
            self.passage_sentences = {
                pid: [toks for sentence in _SENTENCE.split(p.text) if (toks := as_tokens(sentence))]
                for pid, p in (pack.passages.items() if pack is not None else ())}
            same_names: dict[Tokens, list[Tokens]] = {}
            for _, _, group in self.groups:
                for member in group:
                    same = same_names.setdefault(member, [])
                    same.extend(other for other in group if other not in same)
            self._same = same_names
            rivals: dict[Kind, RivalIndex] = {}
            for kind, bucket in entities.items():
                index = rivals.setdefault(kind, RivalIndex())
                for entity in bucket:
                    index.add(entity)
            self.rivals = rivals
            self._index_names(pack)
            return self

    def _index_groups(self) -> None:
        for at in range(self._indexed_groups, len(self.groups)):
            for name in self.groups[at][2]:
                self._group_index.add(name, at)
        self._indexed_groups = len(self.groups)

    def _index_names(self, pack: Pack | None) -> None:
        """``everyone`` and ``mentions``: every name of the pack, and each form that mentions
        one of them or one of a fact's distractors, so that the names a text mentions are found
        by reading the text once."""
        names = {name for _, _, group in self.groups for name in group}
        names |= self.people_forms
        names |= {form for bucket in self.entities.values() for entity in bucket
                  for form in entity.forms}
        self.everyone = frozenset(name for name in names if name and not numbers_only(name))
        # A fact's distractors count among the names it knows (`around.known_names`), in the
        # forms of its own kind: computed above for the entities already.
        distractors = {form for fact in (pack.facts if pack is not None else ())
                       for text in fact.distractors for form in self.forms(text, fact.kind)}
        self.mentionable = self.everyone | {
            name for name in distractors if name and not numbers_only(name)}
        forms_of: dict[tuple[Tokens, ...], tuple[Tokens, ...]] = {}
        mentions: NameIndex[Tokens] = NameIndex()
        for name in sorted(self.mentionable):
            same = tuple(self.same_names(name))
            forms = forms_of.get(same)
            if forms is None:
                forms = forms_of[same] = mention_forms(same)
            for form in forms:
                mentions.add(form, name)
        self.mentions = mentions

    def pool(self, kind: Kind) -> RivalPool:
        """The pack's answers of ``kind`` in all their forms (and, for a person, every person's
        name and surname): what a fact's rivals are drawn from."""
        pool = self._pools.get(kind)
        if pool is None:
            forms = {form for entity in self.entities.get(kind, ()) for form in entity.forms}
            if kind is Kind.PERSON:
                forms |= self.people_forms
            pool = self._pools[kind] = RivalPool.of(forms)
        return pool


    def _add_abbreviated_places(self, pack: Pack) -> None:
        """The states and countries the pack names, with the abbreviations people write for
        them ("Calif.", "TX"), unless its glossary gives one of those names to something else
        (an entry for the place itself only adds its own forms: "Texas" listed is still "TX")."""
        listed: dict[Tokens, set[str]] = {}
        for _, kinds, group in self.groups:
            for name in group:
                listed.setdefault(name, set()).update(kinds)
        raw = [p.text for p in pack.passages.values()]
        raw += [t for f in pack.facts for t in (*f.items, *f.accept)]
        # A text's words are its folded letters less punctuation, so a text whose folded
        # letters lack a word of a place's name (other than a word normalising can make up)
        # does not name it: only the texts that may are read word by word (reading every
        # passage cost two thirds of this step).
        letters = [fold(text).replace(".", "").replace("'", "") for text in raw]
        every = "\n".join(letters)
        words: dict[int, Tokens] = {}
        for full, written in places.abbreviated():
            names = [as_tokens(w) for w in written]
            if any("place" not in listed.get(name, {"place"}) for name in names):
                continue
            spelled = [word for word in names[0] if word not in INVENTED]
            if not all(word in every for word in spelled):
                continue
            for at, text in enumerate(letters):
                if all(word in text for word in spelled):
                    if at not in words:
                        words[at] = as_tokens(raw[at])
                    if _find(words[at], names[0]) >= 0:
                        self.groups.append((full, frozenset({"place"}), names))
                        break

    def holders(self, place: Tokens) -> frozenset[Tokens]:
        """Every written name of a larger place that holds ``place``, from the pack's own "City,
        State" forms and glossary and from the checker's list of places."""
        cached = self._holders.get(place)
        if cached is not None:
            return cached
        above = set(places.holders(place))
        for region in self.containers.get(place, ()):
            above.add(places.place_named(region) or region)
            above |= places.holders(region)
        out: set[Tokens] = set()
        for larger in above:
            out.update(places.names_of(larger) or (larger,))
            out.update(self.same_names(larger))
        result = frozenset(out)
        self._holders[place] = result
        return result

    def passage_text(self, passage_id: str) -> str:
        """The text of a passage of the pack, empty when there is no such passage."""
        passage = self._pack.passages.get(passage_id) if self._pack is not None else None
        return passage.text if passage is not None else ""

    def same_names(self, name: Tokens) -> list[Tokens]:
        """``name`` and every other name of its glossary entries."""
        return self._same.get(name) or [name]

    def memo(self, fact: Fact, name: str, build: Callable[[], T]) -> T:
        """What ``build`` derives from ``fact`` alone, computed once per pack and fact."""
        key = (fact.id, name)
        hit = self._memo.get(key)
        if hit is not None and hit[0] is fact:
            return cast(T, hit[1])
        value = build()
        self._memo[key] = (fact, value)
        return value

    def shared(self, name: str, build: Callable[[], T]) -> T:
        """What ``build`` derives from the pack alone, computed once per pack on first use."""
        if name not in self._shared:
            self._shared[name] = build()
        return cast(T, self._shared[name])

    def answer_forms(self, fact: Fact, kind: Kind) -> list[Tokens]:
        """Every token form of the fact's answers and accepted forms, in order, without repeats."""
        cached = self._answers.get((fact.id, kind))
        if cached is not None and cached[0] is fact:
            return cached[1]
        forms: dict[Tokens, None] = {}
        for text in (*fact.items, *fact.accept):
            forms.update(dict.fromkeys(self.forms(text, kind)))
        if kind is Kind.PERSON:
            forms.update(dict.fromkeys(self._full_names(list(forms))))
            # "Ken Melson" for Kenneth Melson: the given name in the form the person goes by
            forms.update(dict.fromkeys(
                other for form in list(forms) for other in given_name_forms(form)))
        result = list(forms)
        self._answers[(fact.id, kind)] = (fact, result)
        return result

    def _full_names(self, forms: list[Tokens]) -> list[Tokens]:
        """"Kenneth Melson" for the surname "Melson": the full name of the one person of the
        pack (its glossary and person list) with that surname, in all its written forms."""
        out: list[Tokens] = []
        for form in forms:
            if len(form) == 1 and len(self.surnames.get(form[0], ())) == 1:
                for name, _ in self.by_surname.get(form[0], ()):
                    out.extend(self.forms(name, Kind.PERSON))
        return out

    def forms(self, text: str, kind: Kind) -> list[Tokens]:
        """Every token form of ``text``: its written alternatives and glossary equivalents."""
        key = (text, kind)
        cached = self._forms.get(key)
        if cached is not None:
            return cached
        out: dict[Tokens, None] = {}
        allowed = GLOSSARY_KINDS.get(kind, frozenset())
        if self._indexed_groups != len(self.groups):
            self._index_groups()
        for written in expand(text):
            toks = as_tokens(written)
            if not toks:
                continue
            out[toks] = None
            # Only the groups one of whose names the text holds can change it: found by the
            # index, then taken in the groups' order as a scan of every group would.
            for at in sorted(self._group_index.values_in(toks)):
                _, kinds, names = self.groups[at]
                if not (kinds & allowed):
                    continue
                for name in names:
                    if toks == name:
                        out.update(dict.fromkeys(names))
                    elif len(name) < len(toks):
                        at = _find(toks, name)
                        if at >= 0:
                            for other in names:
                                if other != name:
                                    out[toks[:at] + other + toks[at + len(name):]] = None
        result = list(out)
        self._forms[key] = result
        return result


def _find(haystack: Tokens, needle: Tokens) -> int:
    n = len(needle)
    for i in range(len(haystack) - n + 1):
        if haystack[i : i + n] == needle:
            return i
    return -1


def _add_container(containers: dict[Tokens, set[Tokens]], written: str) -> None:
    """"Houston, Texas": Texas holds Houston."""
    place, _, region = written.partition(",")
    if region.strip() and as_tokens(place) and as_tokens(region):
        containers.setdefault(as_tokens(place), set()).add(as_tokens(region))


def _same_person(ctx: Context, name: str, others: list[str]) -> bool:
    """Whether ``name`` is another written form of someone already listed (via the glossary)."""
    toks = as_tokens(name)
    for at in ctx._group_index.get(toks):
        _, kinds, names = ctx.groups[at]
        if "person" in kinds:
            return any(as_tokens(o) in names for o in others)
    return False


def numbers_only(name: Tokens) -> bool:
    """Whether every word of ``name`` has a digit ("2008", "$5.9 million" has one that has not)."""
    return all(_DIGIT.search(word) for word in name)


def mention_forms(names: tuple[Tokens, ...]) -> tuple[Tokens, ...]:
    """The names, and each without its generic words when two or more words are left: the
    question "director of national drug control policy" mentions the Office of National Drug
    Control Policy (ONDCP)."""
    out = dict.fromkeys(names)
    for name in names:
        core = tuple(word for word in name if word not in GENERIC and word not in STOPWORDS)
        if len(core) >= 2:
            out[core] = None
    return tuple(out)


class RivalPool:
    """Forms of one kind of answer, with how many of them hold each word."""

    __slots__ = ("forms", "single_words", "_word_counts")

    def __init__(self, forms: frozenset[Tokens], single_words: frozenset[str]) -> None:
        self.forms = forms
        #: The words that are a form by themselves.
        self.single_words = single_words
        self._word_counts: dict[str, int] | None = None

    @classmethod
    def of(cls, forms: set[Tokens]) -> RivalPool:
        return cls(frozenset(forms), frozenset(f[0] for f in forms if len(f) == 1))

    @property
    def word_counts(self) -> dict[str, int]:
        """How many of the forms hold each word (counted when first asked: few checks ask)."""
        counts = self._word_counts
        if counts is None:
            counts = {}
            for form in self.forms:
                for word in set(form):
                    counts[word] = counts.get(word, 0) + 1
            self._word_counts = counts
        return counts


class Rivals:
    """A fact's rivals of one kind, without copying the pack's: the pool's forms and the fact's
    distractors' forms, less the fact's own answer forms. Asked for membership only, each
    question costs the same however large the pack (a set built per fact made the audit grow
    with the square of the pack)."""

    def __init__(self, pool: RivalPool, extra: set[Tokens], own: set[Tokens]) -> None:
        self._pool = pool
        self._own = frozenset(own)
        self._extra = frozenset(extra - own)
        self._extra_singles = frozenset(f[0] for f in self._extra if len(f) == 1)
        self._own_singles = frozenset(f[0] for f in self._own if len(f) == 1)
        # What only `has_word` needs, counted when it is first asked.
        self._own_counts: dict[str, int] | None = None
        self._extra_words: frozenset[str] = frozenset()

    def __contains__(self, form: object) -> bool:
        return (form in self._pool.forms or form in self._extra) and form not in self._own

    def drop_forms(self, names: frozenset[Tokens]) -> frozenset[Tokens]:
        """``names`` less the rivals among them, in set operations (no call per name)."""
        return names - ((names & self._pool.forms) - self._own) - self._extra

    def drops_word(self, word: str) -> bool:
        """Whether ``word`` is a rival form by itself."""
        return ((word in self._pool.single_words or word in self._extra_singles)
                and word not in self._own_singles)

    def has_word(self, word: str) -> bool:
        """Whether some rival form holds ``word``."""
        own_counts = self._own_counts
        if own_counts is None:
            # Per word, how many of the pool's forms that hold it are the fact's own.
            own_counts = {}
            for form in self._own & self._pool.forms:
                for held in set(form):
                    own_counts[held] = own_counts.get(held, 0) + 1
            # (the words first: another thread that sees the counts sees them too)
            self._extra_words = frozenset(held for form in self._extra for held in form)
            self._own_counts = own_counts
        return (word in self._extra_words
                or self._pool.word_counts.get(word, 0) > own_counts.get(word, 0))


#: A gloss in brackets after a name: "Westphal (under-secretary)" is Westphal; the gloss is no
#: part of their name ("secretary" would otherwise count as a person's surname).
_GLOSS = re.compile(r"\s*\([^()]*\)")


def _unglossed(name: str) -> str:
    return _GLOSS.sub("", name) if "(" in name else name

