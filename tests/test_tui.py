"""The Textual app, played through its pilot: answers, hints, skips and the results screen."""

from __future__ import annotations

from random import Random

from study.quiz import Form, Session, make_question
from study.tui.app import make_app
from study.tui.screens.quiz import QuizScreen
from study.tui.screens.results import ResultsScreen
from study.tui.widgets.answer import AnswerBox
from study.tui.widgets.chat import ChatLog, ChatMessage

SIZE = (110, 40)


def right_answer(session: Session) -> str:
    question = session.current
    assert question is not None
    if question.form is Form.TRUEFALSE:
        return question.fact.items[0]
    if question.fact.kind == "list":
        return ", ".join(question.fact.items)
    return question.fact.items[0].replace("(", "").replace(")", "")


def chat_texts(app) -> list[str]:
    return [m.plain for m in app.screen.query_one(ChatLog).query(ChatMessage)]


def session_starting_with(pack, fact_id: str) -> Session:
    """A session over the whole small pack whose first question is ``fact_id``."""
    session = Session.build(pack, seed=1, mix_forms=False)
    session.questions.sort(key=lambda q: q.fact.id != fact_id)
    return session


async def type_answer(pilot, text: str) -> None:
    box = pilot.app.screen.query_one(AnswerBox)
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_play_a_whole_quiz(small_pack) -> None:
    session = Session.build(small_pack, count=4, seed=9, mix_forms=False)
    finished = []
    app = make_app(session=session, on_finish=lambda: finished.append(True))
    posted: list[str] = []
    async with app.run_test(size=SIZE, message_hook=lambda m: posted.append(type(m).__name__)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert any("Question 1 of 4" in t for t in chat_texts(app))
        # 1: right
        await type_answer(pilot, right_answer(session))
        assert session.attempts[0].correct
        assert "Correct." in chat_texts(app)  # not "Correct: correct"
        # 2: wrong
        await type_answer(pilot, "zebra crossing")
        assert not session.attempts[1].correct
        [verdict] = [t for t in chat_texts(app) if t.startswith("Not quite")]
        assert verdict.count(session.questions[1].fact.answer_text) == 1  # named once, not twice
        # 3: hint, then right
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert any(t.startswith("Hint:") for t in chat_texts(app))
        await type_answer(pilot, right_answer(session))
        assert session.attempts[2].hints == 1 and session.attempts[2].score == 0.5
        # 4: skip
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.pause()
        assert session.attempts[3].skipped
        # the last verdict stays on screen until Enter; the session is already finished
        assert isinstance(app.screen, QuizScreen)
        assert finished == [True]
        assert "That was the last question. Press Enter for your results." in chat_texts(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert finished == [True]
        total = app.screen.query_one("#total").render()
        assert "Score 1.5 of 4" in str(total)
        missed = [str(w.render()) for w in app.screen.query(".missed")]
        assert len(missed) == 2
        assert "AnswerSubmitted" in posted
        await pilot.press("q")
    assert app.return_code == 0


async def test_empty_answer_is_not_marked(small_pack) -> None:
    session = Session.build(small_pack, count=2, seed=1, mix_forms=False)
    app = make_app(session=session)
    async with app.run_test(size=SIZE) as pilot:
        await type_answer(pilot, "   ")
        assert session.attempts == []
        assert session.index == 0


async def test_override_key_marks_last_answer_right(small_pack) -> None:
    session = Session.build(small_pack, count=2, seed=1, mix_forms=False)
    app = make_app(session=session)
    async with app.run_test(size=SIZE) as pilot:
        await type_answer(pilot, "zebra")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert session.attempts[0].overridden and session.attempts[0].correct
        assert any("Marked as right" in t for t in chat_texts(app))


async def test_the_last_answer_can_be_overridden_before_the_results(small_pack) -> None:
    session = Session.build(small_pack, count=1, seed=1, mix_forms=False)
    app = make_app(session=session)
    async with app.run_test(size=SIZE) as pilot:
        await type_answer(pilot, "zebra")
        assert not session.attempts[0].correct
        assert any("Ctrl+O first if you were right" in t for t in chat_texts(app))
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert session.attempts[0].overridden
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "Score 1 of 1" in str(app.screen.query_one("#total").render())


async def test_markup_in_content_and_answers_is_shown_literally(small_pack) -> None:
    session = session_starting_with(small_pack, "markup")
    app = make_app(session=session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("[bold]Not markup[/]" in t for t in chat_texts(app))
        await type_answer(pilot, "[bold]wrong[/]")
        texts = chat_texts(app)
        assert "[bold]wrong[/]" in texts
        assert any("[bold]literal brackets[/]" in t for t in texts)
        assert any("A test article [bold]about[/] the border" in t for t in texts)
        heading = "Markup [red]trap[/]"
        assert any(heading in t for t in texts)


async def test_vague_answer_asks_again(small_pack) -> None:
    session = session_starting_with(small_pack, "program-name")
    app = make_app(session=session)
    async with app.run_test(size=SIZE) as pilot:
        await type_answer(pilot, "Armas")
        assert session.attempts == [] and session.awaiting_retry
        assert any(t.startswith("Almost") for t in chat_texts(app))
        await type_answer(pilot, "Armas Cruzadas")
        assert session.attempts[0].correct


async def test_a_letter_with_no_option_is_asked_again_not_marked(small_pack) -> None:
    session = session_starting_with(small_pack, "program-name")
    session.questions[0] = make_question(session.questions[0].fact, small_pack, Random(1))
    assert session.current is not None and session.current.form is Form.CHOICE
    app = make_app(session=session)
    async with app.run_test(size=SIZE) as pilot:
        await type_answer(pilot, "E")
        assert session.attempts == []
        assert any("'E' is not one of the options" in t for t in chat_texts(app))
        await type_answer(pilot, "Armas Cruzadas")
        assert session.attempts[0].correct


async def test_footer_shows_every_key(small_pack) -> None:
    session = Session.build(small_pack, count=1, seed=1)
    app = make_app(session=session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = {b.binding.description for b in app.active_bindings.values() if b.binding.show}
        assert {"Submit answer", "Hint", "Skip", "I was right", "Quit"} <= shown


async def test_quit_key_exits_mid_quiz(small_pack) -> None:
    session = Session.build(small_pack, count=3, seed=1)
    app = make_app(session=session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert session.index == 0
    assert app.return_code == 0
