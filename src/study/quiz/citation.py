"""Where a passage states a fact's answer: spans to highlight, and the sentences to quote."""

from __future__ import annotations

import re
from dataclasses import dataclass

from study.checking.forms import expand
from study.checking.normalize import fold
from study.checking.numbers import quantities
from study.pack.models import Fact, Kind, Pack, Source


def _pattern(form: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in fold(form).split()]
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(words) + r"(?!\w)")


def answer_spans(text: str, fact: Fact) -> list[tuple[int, int]]:
    """Character spans of ``text`` that state the answer (every item, for a list)."""
    if fact.kind is Kind.TRUEFALSE:
        return []
    folded = fold(text)  # same length as text for the Latin text of the pack
    if len(folded) != len(text):
        folded = text.lower()
    spans: list[tuple[int, int]] = []
    for item in fact.items:
        forms = sorted({*expand(item), *(f for a in fact.accept for f in expand(a))},
                       key=len, reverse=True)
        candidates = list(forms)
        for q in quantities(item)[:1]:
            if q.value.is_integer():
                candidates += [f"{int(q.value):,}", str(int(q.value))]
            if q.unit == "money" and q.value >= 1e6:
                candidates.append(f"${q.value / 1e6:g} million")
        for form in candidates:
            if not form.strip():
                continue
            match = _pattern(form).search(folded)
            if match:
                spans.append(match.span())
                break
    return sorted(set(spans))


@dataclass(frozen=True)
class Quote:
    """Words quoted from a passage, with the spans that state the answer: what a verdict (and
    the tutor) cites. ``source`` is the source's short title."""

    passage: str
    source: str
    heading: str
    text: str
    highlights: tuple[tuple[int, int], ...] = ()


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z\"'(])|\n\n")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``."""
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.start() + len(match.group(0).rstrip())))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def quote_for(fact: Fact, pack: Pack, *, whole: bool = False) -> Quote:
    """The cited passage's sentences that state ``fact``'s answer (the whole passage when
    ``whole``, when no sentence states it, or when the passage is short)."""
    passage = pack.passage_for(fact)
    text = passage.text
    spans = answer_spans(text, fact)
    title = short_title(passage.source)
    if whole or not spans or len(text) <= 320:
        return Quote(passage.id, title, passage.heading, text, tuple(spans))
    keep = [(s, e) for s, e in sentence_bounds(text)
            if any(s <= a < e for a, _ in spans)]
    first, last = keep[0][0], keep[-1][1]
    shown = text[first:last]
    shifted = tuple((a - first, b - first) for a, b in spans if first <= a and b <= last)
    return Quote(passage.id, title, passage.heading, shown, shifted)


def short_title(source: Source) -> str:
    """A source's short display title, e.g. "Fast and Furious (blog post)"."""
    return source.short or source.title
