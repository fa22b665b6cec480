"""Content-quality checks beyond the schema: what `study check` holds a pack to.

Errors are what breaks a quiz (the checker refuses a fact's own answer, or accepts one of its
distractors); warnings are advice (too few distractors for multiple choice, a passage no fact
cites, a small topic), printed and passed unless `study check --strict`."""

from __future__ import annotations

from collections import Counter

from study.checking import check, context_for
from study.checking.forms import expand
from study.checking.matching import as_tokens
from study.checking.normalize import normalize
from study.errors import Problem
from study.pack.models import CHOICE_KINDS, Fact, Kind, Pack

MIN_TOPIC_FACTS = 5
MIN_DISTRACTORS = 3


def audit(pack: Pack, min_topic_facts: int = MIN_TOPIC_FACTS) -> list[Problem]:
    """Every content-quality problem of ``pack``, each located at the fact or passage, each an
    error or a warning (``Problem.severity``)."""
    problems: list[Problem] = []
    ctx = context_for(pack)

    def at(fact: Fact, message: str, field: str, severity: str = "error") -> None:
        problems.append(Problem(fact.path, fact.line, f"fact {fact.id!r}: {message}", field,
                                severity))

    for fact in pack.facts:
        answer_forms = {f for text in (*fact.items, *fact.accept) for f in ctx.forms(text, fact.kind)}
        if fact.kind in CHOICE_KINDS and len(fact.distractors) < MIN_DISTRACTORS:
            at(fact, f"a {fact.kind} fact needs at least {MIN_DISTRACTORS} distractors to be asked "
               f"as multiple choice (has {len(fact.distractors)})", "distractors", "warning")
        for distractor in fact.distractors:
            if set(ctx.forms(distractor, fact.kind)) & answer_forms:
                at(fact, f"distractor {distractor!r} means the same as the answer", "distractors")
            elif check(fact, distractor, pack).correct:
                at(fact, f"the checker accepts distractor {distractor!r} as correct", "distractors")
        for form in (*fact.items, *fact.accept):
            if fact.kind is Kind.LIST and form in fact.items:
                continue
            verdict = check(fact, ", ".join(expand(form)[:1]), pack)
            if not verdict.correct:
                field = "answer" if form in fact.items else "accept"
                at(fact, f"the checker does not accept {form!r} ({verdict.reason})", field)
        if fact.kind is Kind.LIST and len(fact.items) > 1:
            # an accepted form of a list is a whole answer: one item alone gets full marks
            for form in fact.accept:
                said = set(as_tokens(form))
                held = [item for item in fact.items if any(
                    said <= set(toks) or set(toks) <= said for toks in ctx.forms(item, fact.kind))]
                if said and len(held) == 1:
                    at(fact, f"accepted form {form!r} is one item of the list's "
                       f"{len(fact.items)}: a learner naming only it is marked right (write "
                       f"an item's other forms in the item itself: 'federal prosecutors / "
                       f"prosecutors')", "accept", "warning")
        if fact.kind is Kind.LIST:
            listed = ", ".join(expand(item)[0] for item in fact.items)
            verdict = check(fact, listed, pack)
            if not verdict.correct:
                at(fact, f"the checker does not accept the full list ({verdict.reason})", "answer")
        if _gives_itself_away(fact):
            at(fact, "the prompt contains its own answer", "prompt", "warning")

    cited = Counter(f.cite for f in pack.facts)
    for passage in pack.passages.values():
        if not cited[passage.id]:
            problems.append(Problem(passage.path, passage.line,
                                    f"passage {passage.id!r} is cited by no fact", "", "warning"))
    for topic, count in pack.topics.items():
        if count < min_topic_facts:
            first = next(f for f in pack.facts if f.topic == topic)
            at(first, f"topic {topic!r} has only {count} fact{'s' if count != 1 else ''} "
               f"(at least {min_topic_facts} wanted)", "topic", "warning")
    problems += _giveaway_warnings(pack)
    return sorted(problems)


def _giveaway_warnings(pack: Pack) -> list[Problem]:
    """A warning at each fact whose prompt gives away another fact's answer, naming both facts
    with their files and lines (see `study.quiz.giveaways`; a quiz never asks both)."""
    from study.quiz.giveaways import giveaways

    return [
        Problem(g.revealer.path, g.revealer.line,
                f"fact {g.revealer.id!r}: the prompt gives away the answer of fact "
                f"{g.revealed.id!r} ({g.revealed.path}:{g.revealed.line}): {g.said!r}; "
                "a quiz never asks both", "prompt", "warning")
        for g in giveaways(pack)
    ]


def _gives_itself_away(fact: Fact) -> bool:
    if fact.kind is Kind.TRUEFALSE:
        return False
    prompt = f" {normalize(fact.prompt)} "
    if fact.kind is Kind.LIST:
        items = [normalize(expand(i)[0]) for i in fact.items]
        return all(f" {i} " in prompt for i in items if i)
    forms = [normalize(f) for f in expand(fact.items[0])]
    return any(len(f) >= 3 and f" {f} " in prompt for f in forms)
