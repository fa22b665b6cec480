"""The pack's vocabulary for the tutor: glossary names and synonym groups as concepts.

Every name of a glossary entry ("ICE", "Immigration and Customs Enforcement") and every word of a
synonym group ("guns", "firearms", "weapons") stands for one concept. A question and a sentence
that name the same concept in different words match on the concept's term (``@3``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from study.checking.forms import expand
from study.pack.models import Kind, Pack
from study.tutor.text import STOPWORDS, Token, tokenize

_NAME_KINDS = {Kind.PERSON: "person", Kind.AGENCY: "agency", Kind.PLACE: "place"}
#: Glossary kinds that name someone or something a "who" question can be answered with.
WHO_KINDS = frozenset({"person", "agency", "other"})


@dataclass(frozen=True)
class Concept:
    """One thing the pack names in several ways."""

    term: str
    names: tuple[str, ...]
    kinds: frozenset[str]  # glossary kinds ("person", "agency", ...); "synonym" for word groups

    @property
    def label(self) -> str:
        return self.names[0]

    @property
    def is_name(self) -> bool:
        return "synonym" not in self.kinds or len(self.kinds) > 1


@dataclass(frozen=True, slots=True)
class Mention:
    """A concept named in a text, over tokens ``first`` to ``last`` (inclusive)."""

    concept: Concept
    first: int
    last: int


@dataclass
class Lexicon:
    """Forms (stem sequences) of every concept, looked up by their first stem."""

    concepts: list[Concept] = field(default_factory=list)
    # first stem -> [(form stems, concept index, case-sensitive surface or "")], longest first
    _forms: dict[str, list[tuple[tuple[str, ...], int, str]]] = field(default_factory=dict)

    @classmethod
    def from_pack(cls, pack: Pack) -> Lexicon:
        groups: list[tuple[list[str], set[str]]] = []
        for entry in pack.glossary:
            groups.append((entry.names, {entry.kind}))
        people = [entry for entry in pack.glossary if entry.kind == "person"]
        surnames: dict[str, list[int]] = {}
        for index, entry in enumerate(people):
            for name in entry.names:
                words = name.split()
                if len(words) >= 2:
                    surnames.setdefault(words[-1], []).append(index)
        for surname, owners in surnames.items():
            if len(set(owners)) == 1:  # "Melson" alone names Kenneth Melson: no one else has it
                entry = people[owners[0]]
                groups[pack.glossary.index(entry)][0].append(surname)
        # The names the facts give as answers are names too ("Phoenix", "Guzman", "CBS News").
        for fact in pack.facts:
            kind = _NAME_KINDS.get(fact.kind)
            if kind is None:
                continue
            texts = [*fact.items, *fact.accept] + (list(fact.distractors) if kind == "person" else [])
            for text in texts:
                forms = [f for f in expand(text) if f.strip()]
                if forms:
                    groups.append((forms, {kind}))
        for group in pack.synonyms:
            groups.append((list(group.words), {"synonym"}))
        for names, kinds in groups:
            if "place" in kinds:
                # "the Mexican government" is about Mexico
                names.extend(d for d in (demonym(n) for n in list(names)) if d and d not in names)
        return cls.from_groups(groups)

    @classmethod
    def from_groups(cls, groups: Iterable[tuple[Sequence[str], set[str]]]) -> Lexicon:
        """Concepts from groups of names; groups sharing a form become one concept."""
        parent: list[int] = []
        forms_of: list[list[tuple[tuple[str, ...], str]]] = []
        kinds_of: list[set[str]] = []
        names_of: list[list[str]] = []
        owner: dict[tuple[str, ...], int] = {}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for names, kinds in groups:
            index = len(parent)
            parent.append(index)
            kinds_of.append(set(kinds))
            names_of.append(list(names))
            forms_of.append([])
            for name in names:
                toks = tokenize(name)
                while len(toks) > 1 and toks[0].norm in ("the", "a", "an"):
                    toks = toks[1:]  # "the Southwest border" is named without its article too
                stems = tuple(t.light for t in toks)
                # An acronym that is also an everyday word ("US", "BEST") counts only in capitals.
                exact = name if _needs_case(name, toks) else ""
                if not stems or (len(toks) == 1 and toks[0].stop and not exact):
                    continue
                forms_of[index].append((stems, exact))
                if not exact:
                    other = owner.get(stems)
                    if other is not None:
                        parent[find(index)] = find(other)
                    else:
                        owner[stems] = index
        lexicon = cls()
        root_concept: dict[int, int] = {}
        for index in range(len(parent)):
            root = find(index)
            if root not in root_concept:
                root_concept[root] = len(root_concept)
        merged_names: dict[int, list[str]] = {}
        merged_kinds: dict[int, set[str]] = {}
        for index in range(len(parent)):
            concept = root_concept[find(index)]
            merged_names.setdefault(concept, []).extend(
                n for n in names_of[index] if n not in merged_names.get(concept, [])
            )
            merged_kinds.setdefault(concept, set()).update(kinds_of[index])
        for concept in range(len(root_concept)):
            lexicon.concepts.append(
                Concept(f"@{concept}", tuple(merged_names[concept]), frozenset(merged_kinds[concept]))
            )
        seen: set[tuple[tuple[str, ...], int, str]] = set()
        for index in range(len(parent)):
            concept = root_concept[find(index)]
            for stems, exact in forms_of[index]:
                key = (stems, concept, exact)
                if key not in seen:
                    seen.add(key)
                    lexicon._forms.setdefault(stems[0], []).append(key)
        for bucket in lexicon._forms.values():
            bucket.sort(key=lambda item: -len(item[0]))
        return lexicon

    def mentions(self, tokens: Sequence[Token]) -> list[Mention]:
        """The concepts named in ``tokens``, longest names first, never overlapping, except a
        person's name inside a longer name ("Brian Bilbray" in "Rep. Brian Bilbray")."""
        out: list[Mention] = []
        i = 0
        n = len(tokens)
        while i < n:
            found = self._match(tokens, i, n)
            if found is None:
                i += 1
                continue
            out.append(found)
            for j in range(i + 1, found.last + 1):
                inner = self._match(tokens, j, found.last + 1)
                if inner is not None and "person" in inner.concept.kinds \
                        and inner.concept is not found.concept:
                    out.append(inner)
                    break
            i = found.last + 1
        return out

    def all_mentions(self, tokens: Sequence[Token]) -> list[Mention]:
        """Every concept named in ``tokens``, names inside longer names included: an index
        term for "Southwest border" where the text says "National Southwest Border
        Counternarcotics Strategy"."""
        out: list[Mention] = []
        n = len(tokens)
        seen: set[str] = set()
        forms = self._forms
        for i in range(n):
            bucket = forms.get(tokens[i].light)
            if bucket is None:
                continue
            for stems, concept, exact in bucket:
                size = len(stems)
                if size > 1 and (size > n - i or not _follows(tokens, i, stems)):
                    continue
                if exact and not _same_case(tokens[i:i + size], exact):
                    continue
                term = self.concepts[concept].term
                if term not in seen:
                    seen.add(term)
                    out.append(Mention(self.concepts[concept], i, i + size - 1))
        return out

    def _match(self, tokens: Sequence[Token], i: int, n: int) -> Mention | None:
        bucket = self._forms.get(tokens[i].light)
        if not bucket:
            return None
        for stems, concept, exact in bucket:
            size = len(stems)
            if size > 1 and (size > n - i or not _follows(tokens, i, stems)):
                continue
            if exact and not _same_case(tokens[i:i + size], exact):
                continue
            return Mention(self.concepts[concept], i, i + size - 1)
        return None


def demonym(place: str) -> str | None:
    """The adjective of a one-word place name: Mexico -> Mexican, America -> American, Texas ->
    Texan, Arizona -> Arizonan; None for other names."""
    if " " in place or not place[:1].isupper() or len(place) < 4 or not place.isalpha():
        return None
    if place.endswith("a"):
        return place + "n"
    if place.endswith("o"):
        return place[:-1] + "an"
    if place.endswith("as"):
        return place[:-1] + "n"
    return None


def _follows(tokens: Sequence[Token], i: int, stems: tuple[str, ...]) -> bool:
    """Whether the tokens from ``i`` on spell ``stems`` (its first already matched)."""
    for k in range(1, len(stems)):
        if tokens[i + k].light != stems[k]:
            return False
    return True


def _needs_case(name: str, toks: Sequence[Token]) -> bool:
    """Whether an all-capitals name is also an everyday word once lowercased (US, BEST)."""
    if len(toks) != 1 or not name.replace(".", "").isupper():
        return False
    word = toks[0].norm
    return word in STOPWORDS or word in _EVERYDAY


def _same_case(toks: Sequence[Token], exact: str) -> bool:
    written = " ".join(t.surface.replace(".", "") for t in toks)
    return written == exact.replace(".", "") or written.rstrip("s") == exact.replace(".", "")


#: Lowercased acronyms that are common English words: they name the concept only in capitals.
_EVERYDAY = frozenset({"best", "us", "ca", "nm", "am", "id", "it", "or", "in", "me", "ok"})
