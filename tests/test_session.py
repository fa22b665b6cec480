"""The session engine: picking facts, recording attempts, scoring, overrides and plans."""

from __future__ import annotations

import random

import pytest

from conftest import FakeClock
from study.checking import Outcome
from study.checking.normalize import normalize
from study.errors import UsageError
from study.quiz import Form, Mark, Session, format_score
from study.quiz.forms import LETTERS, make_question
from study.quiz.session import CLOSE_SCORE, HINT_FACTOR


def right_answer(session: Session) -> str:
    question = session.current
    assert question is not None
    fact = question.fact
    if fact.kind == "list":
        return ", ".join(fact.items)
    return fact.items[0].replace("(", "").replace(")", "")


def starting_with(pack, fact_id: str, form: str = "mix") -> Session:
    session = Session.build(pack, seed=1, form=form)
    session.questions.sort(key=lambda q: q.fact.id != fact_id)
    return session


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


@pytest.mark.parametrize("spelling", ["border surge", "Border-Surge", "BORDER_SURGE", " border surge "])
def test_a_topic_may_be_written_any_way(bundled_pack, spelling: str) -> None:
    session = Session.build(bundled_pack, count=3, topic=spelling, seed=1)
    assert session.topic == "border-surge"
    assert {q.fact.topic for q in session.questions} == {"border-surge"}


def test_unknown_topic_is_a_usage_error(small_pack) -> None:
    with pytest.raises(UsageError, match="topics are: agencies, figures, programs"):
        Session.build(small_pack, topic="nope")


def test_a_count_beyond_the_pack_is_said(bundled_pack) -> None:
    session = Session.build(bundled_pack, count=1000, seed=1)
    assert session.total == len(bundled_pack.facts)
    assert session.notes == [f"There are only {session.total} facts: asking all {session.total}."]
    topical = Session.build(bundled_pack, count=1000, topic="programs", seed=1)
    assert topical.notes[0].startswith(f"There are only {topical.total} facts on programs")
    assert Session.build(bundled_pack, count=5, seed=1).notes == []


@pytest.mark.parametrize("form", ["short", "choice", "truefalse", "cloze"])
def test_one_form_for_every_question(bundled_pack, form: str) -> None:
    session = Session.build(bundled_pack, count=40, seed=3, form=form)
    assert session.total >= 10
    assert {q.form for q in session.questions} == {Form(form)}


def test_a_form_no_fact_can_take_is_a_usage_error(small_pack) -> None:
    with pytest.raises(UsageError, match="in the topic 'figures' can be asked as truefalse"):
        Session.build(small_pack, topic="figures", form="truefalse", seed=1)
    with pytest.raises(UsageError, match="--form must be one of"):
        Session.build(small_pack, form="essay")


def test_truefalse_and_choice_facts_get_their_forms(small_pack) -> None:
    session = Session.build(small_pack, seed=3)
    forms = {q.fact.id: q for q in session.questions}
    assert forms["gunrunner-tf"].form is Form.TRUEFALSE
    assert forms["program-name"].form is Form.CHOICE


def test_scoring_right_wrong_hint_skip(small_pack) -> None:
    clock = FakeClock()
    session = Session.build(small_pack, count=4, seed=11, form="short", clock=clock)
    clock.now += 3
    assert session.answer(right_answer(session)).outcome is Outcome.CORRECT
    assert session.answer("completely wrong zebra").outcome is Outcome.INCORRECT
    assert session.hint() is not None
    session.answer(right_answer(session))
    session.skip()
    assert session.finished
    scores = [a.score for a in session.attempts]
    assert scores == [1.0, 0.0, HINT_FACTOR, 0.0]
    assert session.attempts[0].seconds == 3.0
    assert session.attempts[2].hints == 1
    assert session.attempts[3].skipped and session.attempts[3].mark is Mark.SKIPPED
    assert session.correct_count == 2
    assert sum(row.asked for row in session.breakdown()) == 4
    missed_ids = [q.fact.id for q, _ in session.missed()]
    assert missed_ids == [session.questions[1].fact.id, session.questions[3].fact.id]


def test_each_hint_halves_again(small_pack) -> None:
    session = starting_with(small_pack, "melson", form="short")
    first, second = session.hint(), session.hint()
    assert first is not None and second is not None and first.text != second.text
    session.answer("Kenneth Melson")
    assert session.attempts[0].hints == 2
    assert session.attempts[0].score == HINT_FACTOR**2


def test_a_skip_says_skipped_and_gives_the_answer(small_pack) -> None:
    session = starting_with(small_pack, "melson", form="short")
    verdict = session.skip()
    assert session.attempts[0].mark.label == "Skipped"
    assert verdict.reason == "the answer is Kenneth Melson"


def test_vague_answer_is_asked_again_once(small_pack) -> None:
    session = starting_with(small_pack, "program-name")
    first = session.answer("Armas")
    assert first.outcome is Outcome.CLOSE
    assert session.awaiting_retry and not session.attempts
    second = session.answer("Armas")
    assert second.outcome is Outcome.CLOSE
    attempt = session.attempts[-1]
    assert attempt.fact_id == "program-name" and attempt.retried
    assert attempt.score == CLOSE_SCORE


def test_part_credit_on_a_list_is_partly_right(small_pack) -> None:
    session = starting_with(small_pack, "states", form="short")
    fact = session.current.fact  # type: ignore[union-attr]
    session.answer(fact.items[0])
    attempt = session.attempts[0]
    assert attempt.mark is Mark.PARTIAL and 0 < attempt.score < 1
    assert "partly right" in session.score_line()
    assert "0 missed" in session.score_line()


def test_scores_are_rounded_for_people() -> None:
    assert format_score(10 / 3) == "3.3"
    assert format_score(5.5) == "5.5"
    assert format_score(4.0) == "4"
    assert format_score(16 / 3) == "5.3"
    assert format_score(0.25) == "0.2" or format_score(0.25) == "0.3"


def test_the_score_line_never_shows_raw_floats(small_pack) -> None:
    session = starting_with(small_pack, "states", form="short")
    fact = session.current.fact  # type: ignore[union-attr]
    session.answer(fact.items[0])  # one of three: 0.333...
    assert "0.3 of 1" in session.score_line()
    assert "0.333" not in session.score_line()


# -- overrides ---------------------------------------------------------------------------------


def test_override_rescores_the_verdict_just_given(small_pack) -> None:
    seen = []
    session = Session.build(small_pack, count=2, seed=5, form="short")
    session.on_attempt = lambda attempt, position: seen.append((position, attempt.overridden))
    session.answer("zebra")
    done = session.override()
    assert done is not None and done.attempt.overridden and done.attempt.correct
    assert session.score == 1.0 and session.overridden_count == 1
    assert "marked right by your override" in session.score_line()
    assert seen == [(0, False), (0, True)]
    assert session.override() is None  # only once
    assert "zebra" in done.describe() and session.questions[0].prompt in done.describe()


def test_override_never_reaches_back_past_the_next_answer(small_pack) -> None:
    session = Session.build(small_pack, count=3, seed=5, form="short")
    session.answer("zebra")
    session.answer("giraffe")
    assert session.override() is not None  # the second, just given
    assert not session.attempts[0].overridden
    session.close_override()  # the learner moved on to the next question
    assert session.can_override() is not None


@pytest.mark.parametrize("response", ["I don't know", "idk"])
def test_no_override_for_an_answer_never_given(small_pack, response: str) -> None:
    session = Session.build(small_pack, count=2, seed=5, form="short")
    session.answer(response)
    assert session.can_override() == "No answer was given, so there is nothing to mark right."
    assert session.override() is None


def test_no_override_for_a_skip(small_pack) -> None:
    session = Session.build(small_pack, count=2, seed=5, form="short")
    session.skip()
    assert session.override() is None


def test_a_choice_override_names_the_option(small_pack) -> None:
    session = starting_with(small_pack, "program-name")
    question = session.current
    assert question is not None and question.form is Form.CHOICE
    wrong = next(i for i, o in enumerate(question.choices) if "Armas" not in o)
    session.answer(LETTERS[wrong])
    done = session.override()
    assert done is not None
    assert f"{LETTERS[wrong]}) {question.choices[wrong]}" in done.describe()


def test_overrides_can_be_switched_off(small_pack) -> None:
    session = Session.build(small_pack, count=2, seed=5, form="short")
    session.overrides_allowed = False
    session.answer("zebra")
    assert session.override() is None


def test_a_teachers_accepted_response_is_right(small_pack) -> None:
    session = starting_with(small_pack, "melson", form="short")
    session.accepted = {"melson": frozenset({normalize("the acting boss")})}
    assert session.answer("The acting boss!").correct


# -- choices ---------------------------------------------------------------------------------


def choice_session(pack, fact_id: str, seed: int = 1) -> Session:
    fact = pack.facts_by_id[fact_id]
    question = make_question(fact, pack, random.Random(seed), "choice")
    assert question.form is Form.CHOICE
    return Session(pack, [question], 1)


def test_every_choice_answered_as_it_is_shown_is_right(bundled_pack) -> None:
    """Letter, text, or both as displayed ("B) Twitter", "b. Twitter", "(B) Twitter")."""
    rejected = []
    asked = 0
    for fact in bundled_pack.facts:
        session = Session.build(bundled_pack, facts=[fact], form="choice", seed=2) \
            if fact.kind != "truefalse" and len(fact.distractors) >= 3 else None
        if session is None or session.current is None or session.current.form is not Form.CHOICE:
            continue
        question = session.current
        right = [i for i, o in enumerate(question.choices) if session._judge(question, o).correct]
        assert len(right) == 1, (fact.id, question.choices)
        i = right[0]
        asked += 1
        for shown in (f"{LETTERS[i]}) {question.choices[i]}", f"{LETTERS[i]}. {question.choices[i]}",
                      f"({LETTERS[i].lower()}) {question.choices[i]}", LETTERS[i],
                      question.choices[i]):
            if not session._judge(question, shown).correct:
                rejected.append((fact.id, shown))
        other = (i + 1) % len(question.choices)
        assert not session._judge(question, f"{LETTERS[other]}) {question.choices[i]}").correct
        assert not session._judge(question, f"{LETTERS[i]}) {question.choices[other]}").correct
    assert asked >= 100
    assert rejected == []


def test_a_leading_a_is_the_article_unless_it_is_option_a(bundled_pack) -> None:
    session = choice_session(bundled_pack, "ff-cpi-outlet")
    question = session.current
    assert question is not None
    i = next(i for i, o in enumerate(question.choices) if session._judge(question, o).correct)
    assert session._judge(question, f"a {question.choices[i]}").correct


def test_a_wrong_choice_names_both_options_with_letters(small_pack) -> None:
    session = choice_session(small_pack, "program-name")
    question = session.current
    assert question is not None
    wrong = next(i for i, o in enumerate(question.choices) if not session._judge(question, o).correct)
    verdict = session.answer(LETTERS[wrong])
    assert verdict.reason.startswith(f"{LETTERS[wrong]}) {question.choices[wrong]} is not the answer")
    assert "the answer is " in verdict.reason and ") " in verdict.reason.split("the answer is ")[1]


# -- plans and retries ---------------------------------------------------------------------------


def test_a_plan_rebuilds_the_same_session(small_pack) -> None:
    session = Session.build(small_pack, count=5, seed=4)
    session.answer("zebra")
    again = Session.from_plan(small_pack, session.plan(), session.seed, attempts=session.attempts)
    assert [(q.fact.id, q.form, q.prompt, q.choices) for q in again.questions] == \
        [(q.fact.id, q.form, q.prompt, q.choices) for q in session.questions]
    assert again.index == 1 and again.current == session.current


def test_retry_asks_the_missed_questions_again(small_pack) -> None:
    session = Session.build(small_pack, count=3, seed=4, form="short")
    session.answer(right_answer(session))
    session.answer("zebra")
    session.skip()
    retry = session.retry_missed()
    assert [q.fact.id for q in retry.questions] == [q.fact.id for q, _ in session.missed()]
    assert retry.index == 0


def test_breakdown_per_topic(small_pack) -> None:
    session = Session.build(small_pack, seed=2, form="short")
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
        ("program-name", "  ", "Type an answer first"),
        ("gunrunner-tf", "ICE", "Answer true or false"),
        ("gunrunner-tf", "Mexico", "Answer true or false"),
        ("gunrunner-tf", "maybe", "Answer true or false"),
        ("melson", "", "Type an answer first"),
    ],
)
def test_a_response_that_answers_nothing_is_asked_again(
    small_pack, fact_id: str, response: str, problem: str
) -> None:
    session = starting_with(small_pack, fact_id)
    found = session.not_an_answer(response)
    assert found is not None and problem in found
    assert session.attempts == []


@pytest.mark.parametrize(("fact_id", "response"), [("program-name", "b"), ("program-name", "A"),
                                                   ("program-name", "Armas Cruzadas"),
                                                   ("gunrunner-tf", "no"), ("gunrunner-tf", "T"),
                                                   ("gunrunner-tf", "I don't know")])
def test_letters_shown_and_true_or_false_are_answers(small_pack, fact_id: str, response: str) -> None:
    session = starting_with(small_pack, fact_id)
    assert session.not_an_answer(response) is None


def test_a_fact_without_three_distractors_is_never_multiple_choice(small_pack) -> None:
    fact = small_pack.facts_by_id["program-name"].model_copy(update={"distractors": ["eTrace"]})
    for seed in range(20):
        question = make_question(fact, small_pack, random.Random(seed), "choice")
        assert question.form is not Form.CHOICE


def test_a_wrong_choice_says_the_answer_once(bundled_pack) -> None:
    # Nonsense, a wrong option's text, an unrelated phrase: "the answer is" once in each verdict.
    twice = []
    for fact in bundled_pack.facts:
        if fact.kind == "truefalse" or len(fact.distractors) < 3:
            continue
        session = Session.build(bundled_pack, facts=[fact], form="choice", seed=2)
        question = session.current
        if question is None or question.form is not Form.CHOICE:
            continue
        for response in ("quiz me on programs", "zebra crossing"):
            reason = session._judge(question, response).reason
            if reason.count("the answer is") != 1:
                twice.append((fact.id, response, reason))
    assert twice == []


def test_a_fill_in_the_blank_never_shows_another_questions_answer(bundled_pack) -> None:
    from study.pack.validate import states

    def shown(text: str, fact) -> bool:
        if fact.kind == "truefalse":
            return False
        if fact.kind == "list":
            return all(states(text, item, fact.kind) for item in fact.items)
        return any(states(text, form, fact.kind) for form in (*fact.items, *fact.accept))

    cloze = 0
    for seed in range(60):
        session = Session.build(bundled_pack, count=12, seed=seed, topic="border-surge",
                                form="cloze" if seed % 2 else "mix")
        for question in session.questions:
            if question.form is not Form.CLOZE:
                continue
            cloze += 1
            others = [q.fact for q in session.questions if q.fact.id != question.fact.id]
            assert not [f.id for f in others if shown(question.prompt, f)], question.prompt
    assert cloze > 50  # the rule leaves most fill-in-the-blanks as they are
