"""The session engine: picking facts, recording attempts, scoring and the breakdown."""

from __future__ import annotations

import pytest

from study.checking import Outcome
from study.errors import UsageError
from study.quiz import Form, Session
from study.quiz.session import CLOSE_SCORE, HINT_FACTOR


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def right_answer(session: Session) -> str:
    question = session.current
    assert question is not None
    fact = question.fact
    if fact.kind == "list":
        return ", ".join(fact.items)
    return fact.items[0].replace("(", "").replace(")", "")


def test_seeded_sessions_repeat(small_pack) -> None:
    a = Session.build(small_pack, seed=7)
    b = Session.build(small_pack, seed=7)
    c = Session.build(small_pack, seed=8)
    assert [q.fact.id for q in a.questions] == [q.fact.id for q in b.questions]
    assert [(q.form, q.choices) for q in a.questions] == [(q.form, q.choices) for q in b.questions]
    assert [q.fact.id for q in a.questions] != [q.fact.id for q in c.questions]


def test_count_and_topic_filter(small_pack) -> None:
    session = Session.build(small_pack, count=2, topic="figures", seed=1)
    assert session.total == 2
    assert {q.fact.topic for q in session.questions} == {"figures"}


def test_unknown_topic_is_a_usage_error(small_pack) -> None:
    with pytest.raises(UsageError, match="topics are: agencies, figures, programs"):
        Session.build(small_pack, topic="nope")


def test_truefalse_and_choice_facts_get_their_forms(small_pack) -> None:
    session = Session.build(small_pack, seed=3)
    forms = {q.fact.id: q for q in session.questions}
    assert forms["gunrunner-tf"].form is Form.TRUEFALSE
    assert forms["program-name"].form is Form.CHOICE
    assert "Armas Cruzadas" in forms["program-name"].choices[0:4] or (
        "Operation Armas Cruzadas" in forms["program-name"].choices
    )


def test_scoring_right_wrong_hint_skip(small_pack) -> None:
    clock = FakeClock()
    session = Session.build(small_pack, count=4, seed=11, mix_forms=False, clock=clock)
    clock.now += 3
    assert session.answer(right_answer(session)).outcome is Outcome.CORRECT
    assert session.answer("completely wrong zebra").outcome is Outcome.INCORRECT
    hint = session.hint()
    assert hint.startswith("starts with") or "items" in hint or "claim" in hint
    session.answer(right_answer(session))
    session.skip()
    assert session.finished
    scores = [a.score for a in session.attempts]
    assert scores == [1.0, 0.0, HINT_FACTOR, 0.0]
    assert session.score == 1.0 + HINT_FACTOR
    assert session.attempts[0].seconds == 3.0
    assert session.attempts[2].hints == 1
    assert session.attempts[3].skipped
    assert session.correct_count == 2
    total = sum(row.asked for row in session.breakdown())
    assert total == 4
    missed_ids = [q.fact.id for q, _ in session.missed()]
    assert missed_ids == [session.questions[1].fact.id, session.questions[3].fact.id]


def test_vague_answer_is_asked_again_once(small_pack) -> None:
    session = Session.build(small_pack, topic="programs", seed=1, mix_forms=False)
    while session.current and session.current.fact.id != "program-name":
        session.skip()
    first = session.answer("Armas")
    assert first.outcome is Outcome.CLOSE
    assert session.awaiting_retry and session.index == session.attempts.__len__()
    assert not any(a.fact_id == "program-name" for a in session.attempts)
    second = session.answer("Armas")
    assert second.outcome is Outcome.CLOSE
    attempt = session.attempts[-1]
    assert attempt.fact_id == "program-name" and attempt.retried
    assert attempt.score == CLOSE_SCORE


def test_override_rescores_last_wrong_attempt(small_pack) -> None:
    seen = []
    session = Session.build(small_pack, count=2, seed=5, mix_forms=False)
    session.on_attempt = lambda attempt, position: seen.append((position, attempt.overridden))
    session.answer("zebra")
    updated = session.override()
    assert updated is not None and updated.overridden and updated.correct
    assert session.score == 1.0
    assert seen == [(0, False), (0, True)]
    assert session.override() is None  # only once


def test_breakdown_per_topic(small_pack) -> None:
    session = Session.build(small_pack, seed=2, mix_forms=False)
    while not session.finished:
        question = session.current
        assert question is not None
        if question.fact.topic == "figures":
            session.answer(right_answer(session))
        else:
            session.skip()
    rows = {row.topic: row for row in session.breakdown()}
    assert rows["figures"].percent == 100.0
    assert rows["figures"].asked == 4
    assert rows["agencies"].correct == 0 and rows["programs"].score == 0.0


@pytest.mark.parametrize(
    ("fact_id", "response", "problem"),
    [
        ("program-name", "E", "'E' is not one of the options: answer with a letter (A-"),
        ("program-name", "9", "'9' is not one of the options"),
        ("gunrunner-tf", "ICE", "Answer true or false"),
        ("gunrunner-tf", "Mexico", "Answer true or false"),
    ],
)
def test_a_response_that_fits_no_option_is_not_an_answer(
    small_pack, fact_id: str, response: str, problem: str
) -> None:
    session = Session.build(small_pack, seed=1)
    while session.current and session.current.fact.id != fact_id:
        session.skip()
    assert session.current is not None and session.current.form in (Form.CHOICE, Form.TRUEFALSE)
    found = session.not_an_answer(response)
    assert found is not None and problem in found
    assert all(a.fact_id != fact_id for a in session.attempts)  # nothing recorded


@pytest.mark.parametrize(("fact_id", "response"), [("program-name", "b"), ("program-name", "A"),
                                                   ("program-name", "Armas Cruzadas"),
                                                   ("gunrunner-tf", "no"), ("gunrunner-tf", "T"),
                                                   ("gunrunner-tf", "I don't know")])
def test_letters_shown_and_true_or_false_are_answers(small_pack, fact_id: str, response: str) -> None:
    session = Session.build(small_pack, seed=1)
    while session.current and session.current.fact.id != fact_id:
        session.skip()
    assert session.not_an_answer(response) is None
