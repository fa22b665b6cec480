"""Plain mode on text streams: what a learner at a screen reader or a script sees."""

from __future__ import annotations

import io

from study.plain import run_plain
from study.quiz import Form, Session


def play(session: Session, lines: list[str]) -> str:
    out = io.StringIO()
    assert run_plain(session, io.StringIO("".join(f"{line}\n" for line in lines)), out) == 0
    return out.getvalue()


def test_a_letter_with_no_option_is_asked_again_not_marked(small_pack) -> None:
    session = Session.build(small_pack, seed=1)
    session.questions.sort(key=lambda q: q.fact.id != "program-name")
    del session.questions[1:]
    assert session.questions[0].form is Form.CHOICE
    out = play(session, ["E", "Armas Cruzadas"])
    assert "'E' is not one of the options" in out
    assert len(session.attempts) == 1 and session.attempts[0].correct
    assert out.count("Question 1 of 1") == 1  # asked again without repeating the question


def test_true_or_false_wanted(small_pack) -> None:
    session = Session.build(small_pack, seed=1)
    session.questions.sort(key=lambda q: q.fact.id != "gunrunner-tf")
    del session.questions[1:]
    out = play(session, ["ATF", "false"])
    assert "Answer true or false" in out
    assert [a.response for a in session.attempts] == ["false"]
