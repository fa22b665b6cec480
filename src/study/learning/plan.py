"""A session's questions as a stored plan, and back: a killed session resumes the same way."""

from __future__ import annotations

from collections.abc import Sequence

from study.pack.models import Pack
from study.quiz.forms import Form, Question
from study.store.rows import PlanItem


def plan_of(questions: Sequence[Question]) -> list[PlanItem]:
    """The plan to store with a session: each question's fact, form, prompt and choices."""
    return [PlanItem(q.fact.id, str(q.form), q.prompt, tuple(q.choices)) for q in questions]


def questions_from_plan(plan: Sequence[PlanItem], pack: Pack) -> tuple[list[Question], list[str]]:
    """The questions of ``plan`` on ``pack``, in order and as first asked, and the fact ids
    the pack no longer has (those questions are left out)."""
    questions: list[Question] = []
    missing: list[str] = []
    for item in plan:
        fact = pack.facts_by_id.get(item.fact_id)
        try:
            form = Form(item.form)
        except ValueError:
            fact = None
        if fact is None:
            missing.append(item.fact_id)
            continue
        questions.append(Question(fact, form, item.prompt, tuple(item.choices)))
    return questions, missing
