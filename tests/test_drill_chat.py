"""A drill in the conversation and in plain mode: the timer first, points, no help, the end."""

from __future__ import annotations

import io

from conftest import QUICK_DRILL, FakeClock
from study.chat import Conversation
from study.chat.messages import Asked, Finished, Marked, Say
from study.classroom.drill import load_drill
from study.classroom.leaderboard import Result, ResultList
from study.plain import run_plain


def start(small_pack, drill, results=None, pause=False):
    clock = FakeClock()
    chat = Conversation(small_pack, learner="ana", clock=clock, pause_after_verdict=pause)
    return chat, clock, chat.start_drill(drill, results)


def test_a_drill_s_questions_are_timed(small_pack, drill) -> None:
    chat, clock, replies = start(small_pack, drill)
    assert isinstance(replies[0], Say) and "Drill 'Quick': 3 questions" in replies[0].text
    asked = replies[-1]
    assert isinstance(asked, Asked) and asked.timer == 20 and asked.question.fact.id == "melson"
    clock.advance(7.5)
    assert chat.time_left() == 12.5


def test_a_right_answer_earns_points_that_fall_with_the_time_taken(small_pack, drill) -> None:
    chat, clock, _ = start(small_pack, drill)
    clock.advance(5)
    replies = chat.send("Kenneth Melson")
    assert isinstance(replies[0], Marked) and replies[0].attempt.correct
    session = chat.session
    assert session is not None
    assert session.attempts[0].points == 875  # 1000 x (1 - 5/40)
    assert isinstance(replies[-1], Asked) and replies[-1].timer == 20
    clock.advance(1)
    chat.send("1999")  # wrong: no points however fast
    assert session.attempts[1].points == 0


def test_an_answer_after_the_limit_is_time_s_up(small_pack, drill) -> None:
    chat, clock, _ = start(small_pack, drill)
    clock.advance(20.5)
    replies = chat.send("Kenneth Melson")  # right, but late
    marked = replies[0]
    assert isinstance(marked, Marked)
    assert marked.headline == "Time's up: the answer is Kenneth Melson"
    attempt = marked.attempt
    assert attempt.timed_out and attempt.score == 0 and attempt.points == 0
    assert attempt.response == "Kenneth Melson"  # kept for the teacher's report


def test_the_timer_is_checked_before_the_answer_is_read(small_pack, tmp_path) -> None:
    path = tmp_path / "choice.yaml"
    path.write_text(QUICK_DRILL.replace("form: short", "form: choice"), encoding="utf-8")
    chat, clock, _ = start(small_pack, load_drill(path, small_pack))
    clock.advance(5)
    assert "not one of the options" in chat.send("H")[0].text  # type: ignore[attr-defined]
    clock.advance(20)
    marked = chat.send("H")[0]  # still no such option, but the time is up first
    assert isinstance(marked, Marked) and marked.attempt.timed_out


def test_time_up_from_the_screen_is_decided_by_the_domain(small_pack, drill) -> None:
    chat, clock, _ = start(small_pack, drill)
    clock.advance(19)
    assert chat.time_up() == []  # the screen thought so; the timer says one second is left
    session = chat.session
    assert session is not None and session.attempts == []
    clock.advance(1)
    marked = chat.time_up()[0]
    assert isinstance(marked, Marked) and marked.attempt.timed_out
    assert chat.time_up() == []  # the next question has just started
    assert session.index == 1


def test_no_hints_no_overrides_no_tutor_in_a_drill(small_pack, drill) -> None:
    chat, clock, _ = start(small_pack, drill)
    assert not chat.actions().hint
    [said] = chat.hint()
    assert isinstance(said, Say) and said.text == "No hints in this session."
    [said] = chat.send("?who is Melson")
    assert isinstance(said, Say) and "No questions to the tutor during a drill" in said.text
    chat.send("zebra")
    [said] = chat.override()
    assert isinstance(said, Say) and said.text == "Overrides are off in this session."
    session = chat.session
    assert session is not None and not session.attempts[0].overridden


def test_the_end_gives_the_score_and_the_place_so_far(small_pack, drill) -> None:
    results = ResultList([("quick", Result("bo", 2000, 2, 3)), ("quick", Result("cy", 900, 1, 3)),
                          ("other", Result("dee", 2900, 3, 3))])
    chat, clock, _ = start(small_pack, drill, results)
    clock.advance(10)
    chat.send("Kenneth Melson")  # 750
    clock.advance(4)
    chat.send("2008")  # 900
    clock.advance(30)
    replies = chat.send("276")  # late: 0
    finished = replies[-1]
    assert isinstance(finished, Finished) and finished.kind == "drill" and finished.complete
    standing = finished.standing
    assert standing is not None
    assert (standing.points, standing.place, standing.of) == (1650, 2, 3)
    assert chat.goodbye() == ("study: Drill 'Quick': 1650 of 3000 points, 2 of 3 correct. "
                              "Your answers are saved.")


def test_a_quiz_after_a_drill_is_an_ordinary_quiz(small_pack, drill) -> None:
    chat, clock, _ = start(small_pack, drill)
    for answer in ("a", "b", "c"):
        chat.send(answer)
    chat.send("quiz me")
    assert chat.drilling is None and chat.time_left() is None
    assert chat.actions().hint


class TimedInput(io.StringIO):
    """Stdin whose lines arrive after given delays on the fake clock."""

    def __init__(self, lines: list[tuple[float, str]], clock: FakeClock) -> None:
        super().__init__()
        self.lines = lines
        self.clock = clock

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        if not self.lines:
            return ""
        delay, line = self.lines.pop(0)
        self.clock.advance(delay)
        return line + "\n"


def test_plain_mode_shows_the_limit_and_applies_it(small_pack, drill) -> None:
    clock = FakeClock()
    chat = Conversation(small_pack, learner="ana", clock=clock, pause_after_verdict=False)
    stdin = TimedInput([(3, "Melson"), (21, "2008"), (2, "276")], clock)
    out = io.StringIO()
    run_plain(chat, stdin, out, start=lambda: chat.start_drill(drill), exit_after_quiz=True)
    text = out.getvalue()
    assert text.count("You have 20 seconds; a later answer scores nothing.") == 3
    assert "Time's up: the answer is 2008" in text
    assert "Drill 'Quick': 1875 of 3000 points. You are 1st of 1 so far." in text  # 925 + 950
