"""Where a passage states a fact's answer, so interfaces can highlight it."""

from __future__ import annotations

import re

from study.checking.forms import expand
from study.checking.normalize import fold
from study.checking.numbers import quantities
from study.pack.models import Fact, Kind


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
