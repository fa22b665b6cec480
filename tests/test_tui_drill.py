"""A whole drill in the Textual app, through its pilot: the name screen, the countdown ticking,
a time-out, the points and the place at the end. Time is the fake clock's, never slept."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import QUICK_DRILL, FakeClock
from study.chat import Conversation
from study.classroom.drill import load_drill
from study.classroom.leaderboard import Result, ResultList
from study.tui.app import make_app
from study.tui.screens.chat import ChatScreen
from study.tui.screens.name import NameScreen
from study.tui.screens.results import ResultsScreen
from study.tui.widgets import countdown
from study.tui.widgets.answer import AnswerBox
from study.tui.widgets.chat import ChatLog, ChatMessage
from study.tui.widgets.countdown import Countdown

SIZE = (110, 40)


@pytest.fixture(autouse=True)
def _quick_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The countdown reads the fake clock at each tick: ticks of 50 ms instead of 250 show the
    same times, five times sooner (the test waited a second for them)."""
    monkeypatch.setattr(countdown, "TICK", 0.05)


def texts(app) -> list[str]:
    return [m.plain for m in app.screen.query_one(ChatLog).query(ChatMessage)]


async def send(pilot, text: str) -> None:
    pilot.app.screen.query_one(AnswerBox).value = text
    await pilot.press("enter")
    await pilot.pause()


async def until(pilot, condition, what: str) -> None:
    """Let the app run (its countdown ticks every 0.25 s) until ``condition`` holds."""
    for _ in range(60):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


async def test_a_whole_drill_with_a_time_out(small_pack, tmp_path: Path) -> None:
    path = tmp_path / "quick.yaml"
    path.write_text(QUICK_DRILL, encoding="utf-8")
    drill = load_drill(path, small_pack)
    clock = FakeClock()
    chat = Conversation(small_pack, clock=clock)
    board = ResultList([("quick", Result("bo", 1000, 1, 3))])
    app = make_app(conversation=chat, start=lambda: chat.opening() + chat.start_drill(drill, board),
                   ask_name="Drill 'Quick'")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        await pilot.press("space", "enter")
        await pilot.pause()
        assert "at least one letter" in str(app.screen.query_one("#name-problem").render())
        await pilot.press(*"Ana", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and chat.learner == "Ana"
        assert app.sub_title == "Ana studying"
        countdown = app.screen.query_one(Countdown)
        assert countdown.has_class("-running")
        assert "Time left:  20 s" in str(countdown.render())
        shown = {b.binding.description for b in app.active_bindings.values() if b.binding.show}
        assert not {"Hint", "I was right", "Ask tutor"} & shown
        assert "before the time runs out" in app.screen.query_one(AnswerBox).placeholder
        # Question 1: the countdown ticks as the clock moves; a right answer after 4 s.
        clock.advance(4)
        await until(pilot, lambda: "Time left:  16 s" in str(countdown.render()), "16 s shown")
        await send(pilot, "Kenneth Melson")
        session = chat.session
        assert session is not None and session.attempts[0].points == 900  # 1000 x (1 - 4/40)
        await until(pilot, lambda: not countdown.has_class("-running"), "countdown hidden")
        await send(pilot, "")  # Enter: the next question, its timer starts now
        # Question 2: nobody answers; the countdown reaches zero and the drill says time's up.
        clock.advance(19)
        await until(pilot, lambda: countdown.has_class("-low"), "the last seconds stand out")
        assert session.index == 1
        clock.advance(1.5)
        await until(pilot, lambda: session.index == 2, "the time-out")
        assert session.attempts[1].timed_out and session.attempts[1].points == 0
        assert "Time's up: the answer is 2008" in "\n".join(texts(app))
        await send(pilot, "")
        # Question 3: wrong, at once.
        await send(pilot, "12")
        await send(pilot, "")
        assert isinstance(app.screen, ResultsScreen)
        standing = str(app.screen.query_one("#standing").render())
        assert "Drill 'Quick': 900 of 3000 points. You are 2nd of 2 so far." in standing
        assert "1. bo: 1000 points" in standing
        await pilot.press("b")
        await pilot.pause()
        assert any("You are 2nd of 2 so far." in t for t in texts(app))
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_the_name_screen_takes_keys_typed_beside_the_box(small_pack) -> None:
    chat = Conversation(small_pack)
    app = make_app(conversation=chat, ask_name="")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NameScreen)
        screen.set_focus(None)  # a click beside the box, or a tab that has just opened
        await pilot.press("B", "x", "backspace", "o")
        await pilot.pause()
        assert screen.query_one("#name").has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and chat.learner == "Bo"
        assert any(t.startswith("Hello Bo.") for t in texts(app))
