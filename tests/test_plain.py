"""Plain mode on text streams: what a learner at a screen reader or a script sees."""

from __future__ import annotations

import io

from study.chat import Conversation
from study.plain import run_plain
from study.quiz import Session


def play(pack, lines: list[str], *, first: str | None = None, form: str = "mix",
         count: int = 1, quiz: bool = True) -> tuple[str, Conversation]:
    chat = Conversation(pack, pause_after_verdict=False)

    def start():
        if not quiz:
            return chat.opening()
        replies = chat.start_quiz(count=len(pack.facts), seed=1, form=form)
        session = chat.session
        assert session is not None
        if first:
            session.questions.sort(key=lambda q: q.fact.id != first)
            del session.questions[count:]
            replies = chat.start_quiz(facts=[q.fact for q in session.questions], seed=1,
                                      form=form, shuffle=False, count=count)
        return replies

    out = io.StringIO()
    stdin = io.StringIO("".join(f"{line}\n" for line in lines))
    assert run_plain(chat, stdin, out, start=start, exit_after_quiz=quiz) == 0
    return out.getvalue(), chat


def flat(text: str) -> str:
    return " ".join(text.split())


def session_of(chat: Conversation) -> Session:
    assert chat.session is not None
    return chat.session


def test_a_letter_with_no_option_is_asked_again_not_marked(small_pack) -> None:
    out, chat = play(small_pack, ["E", "Armas Cruzadas", ""], first="program-name")
    assert "'E' is not one of the options" in out
    attempts = session_of(chat).attempts
    assert len(attempts) == 1 and attempts[0].correct
    assert out.count("Question 1 of 1") == 1  # asked again without repeating the question


def test_true_or_false_wanted_and_maybe_is_no_answer(small_pack) -> None:
    out, chat = play(small_pack, ["ATF", "maybe", "false", ""], first="gunrunner-tf")
    assert out.count("Answer true or false") == 2
    assert [a.response for a in session_of(chat).attempts] == ["false"]


def test_an_empty_line_is_asked_again(small_pack) -> None:
    out, chat = play(small_pack, ["", "Kenneth Melson", ""], first="melson", form="short")
    assert "Type an answer first" in out
    assert "you said ''" not in out
    assert [a.response for a in session_of(chat).attempts] == ["Kenneth Melson"]


def test_right_after_the_last_question_and_the_results(small_pack) -> None:
    out, chat = play(small_pack, ["zebra", "/right", ""], first="melson", form="short")
    assert "That was the last question" in out
    assert "is now marked right, flagged as your override" in flat(out)
    assert "Score 1 of 1 (100%): 1 correct, 0 missed (1 marked right by your override)" in out
    assert "Marked right by your override" in out and "you said 'zebra'" in out


def test_right_applies_to_the_verdict_just_given_only(small_pack) -> None:
    out, chat = play(small_pack, ["zebra", "giraffe", "/right", "/right", "Kenneth Melson",
                                  "/right"], first="melson", form="short", count=3)
    attempts = session_of(chat).attempts
    # The first was never overridden: "giraffe" was answered after it. The third, wrong
    # ("Kenneth Melson" names no state), was: it was the verdict just given.
    assert [a.overridden for a in attempts] == [False, True, True]
    assert "There is no verdict to override" in flat(out)


def test_asking_the_tutor_mid_quiz_is_not_an_answer(small_pack) -> None:
    out, chat = play(small_pack, ["/topics", "Kenneth Melson", ""], first="melson", form="short")
    assert "Agencies (3 facts)" in out
    assert [a.response for a in session_of(chat).attempts] == ["Kenneth Melson"]


def test_stdin_ending_early_stops_with_the_results(small_pack) -> None:
    out, chat = play(small_pack, ["zebra"], first="melson", form="short", count=3)
    assert "(input ended)" in out
    assert "Score 0 of 1 (0%): 0 correct, 1 missed; 2 not reached" in out


def test_the_conversation_in_plain_mode(small_pack) -> None:
    out, _ = play(small_pack, ["help", "topics", "read border", "quit"], quiz=False)
    assert "I answer your questions about the articles" in out
    assert "Figures (4 facts)" in out
    assert "## Programs (border#programs)" in out
    assert out.rstrip().endswith("see you next time.")


def test_control_characters_typed_are_dropped(small_pack) -> None:
    out, chat = play(small_pack, ["\x1b[2JKenneth \x1b]2;x\x07Melson", ""], first="melson",
                     form="short")
    assert "\x1b" not in out
    assert session_of(chat).attempts[0].response == "Kenneth Melson"
