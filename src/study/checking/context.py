"""What the checker knows about a pack: equivalent names, people, and the other answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from study.checking.forms import expand
from study.checking.matching import GENERIC, allowed_edits, as_tokens
from study.pack.models import Kind, Pack

Tokens = tuple[str, ...]

# Which glossary kinds can stand in for an answer of each fact kind.
_GLOSSARY_KINDS: dict[Kind, frozenset[str]] = {
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
    """The pack's answers of one kind, bucketed by letter count so a check looks at few.

    Scanning every answer of a kind for every response ran at ~3,500 checks/s on the bundled
    pack; looking only at forms whose length is within the typo allowance is what makes the
    checker fast enough for a class's answer sheet.
    """

    by_length: dict[int, list[tuple[Entity, Tokens, int]]] = field(default_factory=dict)
    spread: int = 0

    def add(self, entity: Entity) -> None:
        for form in entity.forms:
            for variant in {form, tuple(t for t in form if t not in GENERIC) or form}:
                length = len("".join(variant))
                limit = min(sum(allowed_edits(w) for w in variant), 6)
                self.by_length.setdefault(length, []).append((entity, variant, limit))
                self.spread = max(self.spread, limit)

    def near(self, said: Tokens) -> list[tuple[Entity, Tokens]]:
        out: list[tuple[Entity, Tokens]] = []
        for variant in {said, tuple(t for t in said if t not in GENERIC) or said}:
            length = len("".join(variant))
            for n in range(length - self.spread, length + self.spread + 1):
                gap = abs(n - length)
                out.extend((e, f) for e, f, limit in self.by_length.get(n, ()) if gap <= max(limit, 1))
        return out


@dataclass
class Context:
    """Pack-derived knowledge, built once per pack and shared by every check."""

    groups: list[tuple[str, frozenset[str], list[Tokens]]] = field(default_factory=list)
    people: list[tuple[str, Tokens]] = field(default_factory=list)
    surnames: dict[str, list[str]] = field(default_factory=dict)
    first_names: dict[str, list[str]] = field(default_factory=dict)
    entities: dict[Kind, list[Entity]] = field(default_factory=dict)
    rivals: dict[Kind, RivalIndex] = field(default_factory=dict)
    _forms: dict[tuple[str, Kind], list[Tokens]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Context:
        return cls()

    @classmethod
    def from_pack(cls, pack: Pack) -> Context:
        ctx = cls()
        for entry in pack.glossary:
            names = [t for name in entry.names for t in [as_tokens(name)] if t]
            ctx.groups.append((entry.name, frozenset({entry.kind}), names))
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
        for kind, bucket in ctx.entities.items():
            index = ctx.rivals.setdefault(kind, RivalIndex())
            for entity in bucket:
                index.add(entity)
        return ctx

    def forms(self, text: str, kind: Kind) -> list[Tokens]:
        """Every token form of ``text``: its written alternatives and glossary equivalents."""
        key = (text, kind)
        cached = self._forms.get(key)
        if cached is not None:
            return cached
        out: dict[Tokens, None] = {}
        allowed = _GLOSSARY_KINDS.get(kind, frozenset())
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
