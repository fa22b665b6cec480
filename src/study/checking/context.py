"""What the checker knows about a pack: equivalent names, people, and the other answers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from rapidfuzz.distance import OSA

from study.checking import places
from study.checking.forms import expand
from study.checking.matching import GENERIC, allowed_edits, as_tokens
from study.pack.models import Fact, Kind, Pack

Tokens = tuple[str, ...]
T = TypeVar("T")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n")

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

    def add(self, entity: Entity) -> None:
        for form in entity.forms:
            for variant in dict.fromkeys((form, tuple(t for t in form if t not in GENERIC) or form)):
                limit = max(sum(allowed_edits(w) for w in variant), 1)
                joined = "".join(variant)
                at = len(self.entries)
                self.entries.append((entity, variant, joined, limit))
                for n in range(max(len(joined) - limit, 0), len(joined) + limit + 1):
                    self._by_length.setdefault(n, []).append(at)

    def near(self, said: Tokens) -> list[tuple[Entity, Tokens]]:
        """Every form the response, or the response without generic words, could match."""
        found: dict[int, None] = {}
        for variant in dict.fromkeys((said, tuple(t for t in said if t not in GENERIC) or said)):
            joined = "".join(variant)
            for at in self._by_length.get(len(joined), ()):
                _, _, form, limit = self.entries[at]
                if OSA.distance(joined, form, score_cutoff=limit) <= limit:
                    found[at] = None
        return [self.entries[at][:2] for at in sorted(found)]


@dataclass
class Context:
    """Pack-derived knowledge, built once per pack and shared by every check."""

    groups: list[tuple[str, frozenset[str], list[Tokens]]] = field(default_factory=list)
    people: list[tuple[str, Tokens]] = field(default_factory=list)
    surnames: dict[str, list[str]] = field(default_factory=dict)
    first_names: dict[str, list[str]] = field(default_factory=dict)
    entities: dict[Kind, list[Entity]] = field(default_factory=dict)
    rivals: dict[Kind, RivalIndex] = field(default_factory=dict)
    #: Larger places known to hold a place, from the pack's "Houston, Texas" answer forms.
    containers: dict[Tokens, set[Tokens]] = field(default_factory=dict)
    #: The words of each passage, by passage id: what may stand beside an answer as context.
    passage_words: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Each passage's sentences as words, by passage id.
    passage_sentences: dict[str, list[Tokens]] = field(default_factory=dict)
    #: Every glossary name, with all the names of its entry.
    _same: dict[Tokens, list[Tokens]] = field(default_factory=dict)
    _forms: dict[tuple[str, Kind], list[Tokens]] = field(default_factory=dict)
    _answers: dict[tuple[str, Kind], tuple[Fact, list[Tokens]]] = field(default_factory=dict)
    _memo: dict[tuple[str, str], tuple[Fact, Any]] = field(default_factory=dict)
    _holders: dict[Tokens, frozenset[Tokens]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Context:
        return cls()

    @classmethod
    def from_pack(cls, pack: Pack) -> Context:
        ctx = cls()
        for entry in pack.glossary:
            names = [t for name in entry.names for t in [as_tokens(name)] if t]
            ctx.groups.append((entry.name, frozenset({entry.kind}), names))
            if entry.kind == "place":
                for name in entry.names:
                    ctx._add_container(name)
        ctx._add_abbreviated_places(pack)
        for name in pack.people:
            toks = as_tokens(name)
            if len(toks) >= 2:
                ctx.people.append((name, toks))
        for name, toks in ctx.people:
            ctx.surnames.setdefault(toks[-1], [])
            if name not in ctx.surnames[toks[-1]] and not _same_person(ctx, name, ctx.surnames[toks[-1]]):
                ctx.surnames[toks[-1]].append(name)
            ctx.first_names.setdefault(toks[0], []).append(name)
        for fact in pack.facts:
            kind = fact.kind
            bucket = ctx.entities.setdefault(kind, [])
            for text in (*fact.items, *fact.distractors):
                forms = frozenset(ctx.forms(text, kind))
                if forms and not any(e.forms & forms for e in bucket):
                    bucket.append(Entity(text, forms))
        for fact in pack.facts:
            if fact.kind is not Kind.PLACE:
                continue
            for text in (*fact.items, *fact.accept):
                for written in expand(text):
                    ctx._add_container(written)
        for passage_id, passage in pack.passages.items():
            ctx.passage_words[passage_id] = frozenset(as_tokens(passage.text))
            ctx.passage_sentences[passage_id] = [
                toks for sentence in _SENTENCE.split(passage.text) if (toks := as_tokens(sentence))
            ]
        for _, _, group in ctx.groups:
            for member in group:
                same = ctx._same.setdefault(member, [])
                same.extend(other for other in group if other not in same)
        for kind, bucket in ctx.entities.items():
            index = ctx.rivals.setdefault(kind, RivalIndex())
            for entity in bucket:
                index.add(entity)
        return ctx

    def _add_container(self, written: str) -> None:
        """"Houston, Texas": Texas holds Houston."""
        place, _, region = written.partition(",")
        if region.strip() and as_tokens(place) and as_tokens(region):
            self.containers.setdefault(as_tokens(place), set()).add(as_tokens(region))

    def _add_abbreviated_places(self, pack: Pack) -> None:
        """The states and countries the pack names, with the abbreviations people write for
        them ("Calif.", "TX"), unless its glossary already has an entry for them."""
        listed = {name for _, _, group in self.groups for name in group}
        texts = [as_tokens(p.text) for p in pack.passages.values()]
        texts += [as_tokens(t) for f in pack.facts for t in (*f.items, *f.accept)]
        for full, written in places.abbreviated():
            names = [as_tokens(w) for w in written]
            if listed.intersection(names) or not any(_find(t, names[0]) >= 0 for t in texts):
                continue
            self.groups.append((full, frozenset({"place"}), names))

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
        result = list(forms)
        self._answers[(fact.id, kind)] = (fact, result)
        return result

    def _full_names(self, forms: list[Tokens]) -> list[Tokens]:
        """"Kenneth Melson" for the surname "Melson": the full name of the one person of the
        pack (its glossary and person list) with that surname, in all its written forms."""
        out: list[Tokens] = []
        for form in forms:
            if len(form) == 1 and len(self.surnames.get(form[0], ())) == 1:
                for name, toks in self.people:
                    if toks[-1] == form[0]:
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
        for written in expand(text):
            toks = as_tokens(written)
            if not toks:
                continue
            out[toks] = None
            for _, kinds, names in self.groups:
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


def _same_person(ctx: Context, name: str, others: list[str]) -> bool:
    """Whether ``name`` is another written form of someone already listed (via the glossary)."""
    toks = as_tokens(name)
    for _, kinds, names in ctx.groups:
        if "person" in kinds and toks in names:
            return any(as_tokens(o) in names for o in others)
    return False
