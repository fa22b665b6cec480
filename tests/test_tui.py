"""The Textual app, played through its pilot: the conversation, a quiz, its results, reading."""

from __future__ import annotations

from conftest import variant
from study.chat import Conversation
from study.quiz import Form
from study.tui.app import make_app
from study.tui.screens.chat import ChatScreen
from study.tui.screens.confirm import Confirm
from study.tui.screens.results import ResultsScreen
from study.tui.screens.sources import SourcesScreen
from study.tui.widgets.answer import AnswerBox
from study.tui.widgets.chat import ChatLog, ChatMessage
from study.tui.widgets.progress import ProgressPanel

SIZE = (110, 40)


def right_answer(chat: Conversation) -> str:
    assert chat.session is not None
    question = chat.session.current
    assert question is not None
    if question.form is Form.TRUEFALSE:
        return question.fact.items[0]
    if question.fact.kind == "list":
        return ", ".join(question.fact.items)
    return question.fact.items[0].replace("(", "").replace(")", "")


def quiz_app(pack, *, count: int = 3, form: str = "short", first: str | None = None,
             facts: list[str] | None = None, pause: bool = True, tutor=None):
    chat = Conversation(pack, learner="ana", pause_after_verdict=pause, tutor=tutor)

    def start():
        chosen = [pack.facts_by_id[f] for f in facts] if facts else None
        if first:
            chosen = sorted(pack.facts, key=lambda f: f.id != first)
        return chat.opening() + chat.start_quiz(count=count, seed=9, form=form, facts=chosen,
                                                shuffle=chosen is None)

    return make_app(conversation=chat, start=start), chat


def texts(app) -> list[str]:
    return [m.plain for m in app.screen.query_one(ChatLog).query(ChatMessage)]


def messages(app) -> list[ChatMessage]:
    return list(app.screen.query_one(ChatLog).query(ChatMessage))


async def send(pilot, text: str) -> None:
    box = pilot.app.screen.query_one(AnswerBox)
    box.value = text
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


def shown_keys(app) -> set[str]:
    return {b.binding.description for b in app.active_bindings.values() if b.binding.show}


async def test_play_a_whole_quiz(small_pack) -> None:
    app, chat = quiz_app(small_pack, count=4)
    posted: list[str] = []
    async with app.run_test(size=SIZE, message_hook=lambda m: posted.append(type(m).__name__)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert app.sub_title == "ana studying"
        assert any("Question 1 of 4" in t for t in texts(app))
        await send(pilot, right_answer(chat))
        assert "Correct." in texts(app)
        await send(pilot, "")  # Enter: the next question
        await send(pilot, "zebra crossing")
        session = chat.session
        assert session is not None and not session.attempts[1].correct
        [verdict] = [t for t in texts(app) if t.startswith("Not quite")]
        assert verdict.count(session.questions[1].fact.answer_text) == 1  # named once
        await send(pilot, "")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert any(t.startswith("Hint:") for t in texts(app))
        await send(pilot, right_answer(chat))
        assert session.attempts[2].hints == 1 and session.attempts[2].score == 0.5
        await send(pilot, "")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert session.attempts[3].skipped
        assert any(t.startswith("Skipped: the answer is") for t in texts(app))
        # The last verdict stays on screen until Enter; Hint and Skip are gone from the footer.
        assert isinstance(app.screen, ChatScreen)
        assert not {"Hint", "Skip"} & shown_keys(app)
        await send(pilot, "")
        assert isinstance(app.screen, ResultsScreen)
        assert "Score 1.5 of 4" in str(app.screen.query_one("#total").render())
        assert len(app.screen.query(".missed")) == 2
        assert f"--seed {session.seed}" in str(app.screen.query_one("#seed").render())
        assert {"New quiz", "Retry missed", "Back to chat", "Quit"} <= shown_keys(app)
        assert "AnswerSubmitted" in posted
        await pilot.press("r")  # retry the missed ones
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert chat.session is not session and chat.session is not None
        assert chat.session.total == 2
        await pilot.press("ctrl+q")  # a quiz is under way: asked first
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_an_empty_answer_is_not_marked(small_pack) -> None:
    app, chat = quiz_app(small_pack, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, "   ")
        assert chat.session is not None and chat.session.attempts == []


async def test_i_was_right_applies_only_to_the_verdict_on_screen(small_pack) -> None:
    app, chat = quiz_app(small_pack, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, "zebra")
        assert "I was right" in shown_keys(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        session = chat.session
        assert session is not None and session.attempts[0].overridden
        [said] = [t for t in texts(app) if "is now marked right" in t]
        assert session.questions[0].prompt in said and "'zebra'" in said
        await send(pilot, "")  # the next question is on screen
        await send(pilot, "giraffe")
        await send(pilot, "")
        await pilot.press("ctrl+o")  # after the results came: nothing to override
        await pilot.pause()
        assert not session.attempts[1].overridden


async def test_the_next_question_closes_the_override(small_pack) -> None:
    app, chat = quiz_app(small_pack, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, "zebra")
        await send(pilot, "")
        assert "I was right" not in shown_keys(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert chat.session is not None and not chat.session.attempts[0].overridden


async def test_the_verdict_is_on_screen_at_80x24(bundled_pack, bundled_tutor) -> None:
    facts = [f.id for f in bundled_pack.facts
             if len(bundled_pack.passage_for(f).text) > 600 and f.kind not in ("choice", "truefalse")][:4]
    app, chat = quiz_app(bundled_pack, count=4, facts=facts, tutor=variant(bundled_tutor))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#side").display is False  # the panel gives way
        log = app.screen.query_one(ChatLog)
        for number in range(4):
            await send(pilot, "zebra")
            await pilot.pause()
            verdict = next(m for m in reversed(messages(app)) if m.plain.startswith("Not quite"))
            assert log.region.y <= verdict.region.y < log.region.bottom, "verdict scrolled away"
            if number == 3:
                break
            await send(pilot, "")
            question = next(m for m in reversed(messages(app)) if m.plain.startswith("Question"))
            assert log.region.y <= question.region.y < log.region.bottom


async def test_the_side_panel_shows_when_there_is_room(small_pack) -> None:
    app, chat = quiz_app(small_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one("#side", ProgressPanel)
        assert panel.display is True
        assert "1 of 3" in panel.render().plain and "no quiz" not in panel.render().plain
        await send(pilot, right_answer(chat))  # the verdict on screen is still question 1's
        shown = panel.render().plain
        assert "1 of 3" in shown and "1 / 1  (100%)" in shown and "1 correct" in shown
        assert "33%" in shown and "Figures" in shown
        await send(pilot, "")
        assert "2 of 3" in panel.render().plain


async def test_the_chat_scrolls_from_the_keyboard(bundled_pack, bundled_tutor) -> None:
    app, _ = quiz_app(bundled_pack, count=5, tutor=variant(bundled_tutor))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await send(pilot, "zebra")
            await send(pilot, "")
        log = app.screen.query_one(ChatLog)
        await pilot.press("ctrl+end")
        await pilot.pause()
        bottom = log.scroll_y
        assert bottom > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert log.scroll_y < bottom
        await pilot.press("home")  # the box is empty: Home scrolls the chat
        await pilot.pause()
        assert log.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert log.scroll_y > 0


async def test_markup_in_content_and_answers_is_shown_literally(small_pack) -> None:
    app, _ = quiz_app(small_pack, first="markup", count=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("[bold]Not markup[/]" in t for t in texts(app))
        await send(pilot, "[bold]wrong[/]")
        shown = texts(app)
        assert "[bold]wrong[/]" in shown
        assert any("[bold]literal brackets[/]" in t for t in shown)
        assert any("Markup [red]trap[/]" in t for t in shown)


async def test_vague_answer_asks_again(small_pack) -> None:
    app, chat = quiz_app(small_pack, first="program-name", count=1, form="choice")
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, "Armas")
        assert chat.session is not None and chat.session.awaiting_retry
        assert any(t.startswith("Almost") for t in texts(app))
        await send(pilot, "Armas Cruzadas")
        assert chat.session.attempts[0].correct


async def test_a_letter_with_no_option_is_asked_again_not_marked(small_pack) -> None:
    app, chat = quiz_app(small_pack, first="program-name", count=1, form="choice")
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, "E")
        assert chat.session is not None and chat.session.attempts == []
        assert any("'E' is not one of the options" in t for t in texts(app))


async def test_footer_shows_the_keys_that_apply(small_pack) -> None:
    app, _ = quiz_app(small_pack, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert {"Send", "Hint", "Skip", "Ask tutor", "Read", "Quit"} <= shown_keys(app)
        assert "I was right" not in shown_keys(app)


async def test_quitting_mid_quiz_asks_first(small_pack) -> None:
    app, chat = quiz_app(small_pack, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, "zebra")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert "Score 0 of 1" in chat.goodbye() and "--seed 9" in chat.goodbye()


async def test_the_articles_can_be_read(small_pack) -> None:
    app, _ = quiz_app(small_pack, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        passages = [str(w.render()) for w in app.screen.query(".passage")]
        assert len(passages) == len(small_pack.passages)
        assert any("Markup [red]trap[/]" in p for p in passages)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)


async def test_the_conversation_starts_a_quiz_when_asked(small_pack) -> None:
    chat = Conversation(small_pack)
    app = make_app(conversation=chat)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any(t.startswith("Hello.") for t in texts(app))
        await send(pilot, "quiz me on figures with 2 questions")
        assert chat.session is not None and chat.session.total == 2
        assert {q.fact.topic for q in chat.session.questions} == {"figures"}
        assert any("Question 1 of 2" in t for t in texts(app))


async def test_an_unfinished_quiz_is_offered_and_resumed(small_pack, tmp_path) -> None:
    from study.learning.companion import Companion
    from study.store import Store

    store = Store(tmp_path / "s.db")
    companion = Companion(store, small_pack, "ana", "tui", seed=1)
    first = Conversation(small_pack, learner="ana", journal=companion, companion=companion)
    first.start_quiz(count=3, seed=4, form="short")
    first.send("zebra")
    companion2 = Companion(store, small_pack, "ana", "tui", seed=1)
    chat = Conversation(small_pack, learner="ana", journal=companion2, companion=companion2)
    app = make_app(conversation=chat)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("unfinished quiz" in t and "1 of 3 answered" in t for t in texts(app))
        await send(pilot, "resume")
        assert any(t.startswith("Question 2 of 3") for t in texts(app))
        assert chat.session is not None and chat.session.index == 1


async def test_the_progress_screen(small_pack, tmp_path) -> None:
    from datetime import UTC, datetime

    from study.learning import pack_key
    from study.learning.companion import Companion
    from study.learning.progress import progress
    from study.store import Store
    from study.tui.screens.progress import ProgressScreen

    store = Store(tmp_path / "s.db")
    companion = Companion(store, small_pack, "ana", "tui", seed=1)
    chat = Conversation(small_pack, learner="ana", journal=companion, companion=companion)
    chat.start_quiz(facts=[small_pack.facts_by_id["melson"]], count=1, seed=1, form="short")
    chat.send("Kenneth Melson")
    key = pack_key(small_pack)
    app = make_app(conversation=chat, progress=lambda: progress(
        small_pack, "ana", store.cards("ana", key), store.history("ana", key), datetime.now(UTC)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        head = str(app.screen.query_one("#progress-head").render())
        assert "1 of 10 facts seen" in head
        bar = app.screen.query_one("#mastery-agencies")
        assert 0 < bar.progress <= 100 / 3 + 1  # one of three agency facts, nearly certain
        assert app.screen.query_one("#accuracy") is not None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)


async def test_asking_the_tutor_shows_the_cited_answer(bundled_pack) -> None:
    chat = Conversation(bundled_pack)  # its own tutor: the index is built by the warm-up worker
    app = make_app(conversation=chat)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await send(pilot, "who started Armas Cruzadas?")
        shown = texts(app)
        answer = next(t for t in shown if "ICE" in t or "Immigration" in t)
        cited = [m for m in messages(app) if m.role == "citation"]
        assert cited, shown
        assert "armas-cruzadas" in cited[0].plain or "[guns-and-drugs#" in cited[0].plain
        assert answer
        # An abstention names the closest passage once: its citation is not quoted again.
        await send(pilot, "who replaced Melson?")
        closest = "Kenneth Melson was the acting director of ATF."
        said = [t for t in texts(app) if "who replaced Melson" not in t or "don't say" in t]
        assert any("don't say" in t and closest in t for t in said)
        assert sum(t.count(closest) for t in said) == 1, said


async def test_asking_mid_quiz_never_gives_the_open_answer(bundled_pack, bundled_tutor) -> None:
    app, chat = quiz_app(bundled_pack, facts=["gd-armas-year"], count=1, tutor=variant(bundled_tutor))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+a")
        await pilot.pause()
        await send(pilot, "when did ICE start Operation Armas Cruzadas?")
        assert any(t.startswith("Answer the question first") for t in texts(app))
        assert chat.session is not None and chat.session.attempts == []  # not an answer
        assert not any("2008" in t for t in texts(app)[-2:])


def test_keys_typed_before_the_box_has_focus_are_not_lost(small_pack) -> None:
    # app.run's autopilot starts the moment the app is ready, before the chat screen has
    # mounted and focused its answer box: the first key then reaches the screen, not the box.
    app, _ = quiz_app(small_pack)
    seen: list[str] = []

    async def type_at_once(pilot) -> None:
        await pilot.press(*"Cal")
        seen.append(pilot.app.screen.query_one(AnswerBox).value)
        pilot.app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=type_at_once)
    assert seen == ["Cal"]


async def test_typing_after_a_click_elsewhere_goes_into_the_answer_box(small_pack) -> None:
    app, _ = quiz_app(small_pack)
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one(AnswerBox)
        app.screen.set_focus(None)
        await pilot.press(*"Ca")
        assert box.has_focus and box.value == "Ca"


async def test_ctrl_c_leaves_like_ctrl_q(small_pack) -> None:
    app, _ = quiz_app(small_pack, count=3)
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one(AnswerBox)
        box.value = "Caldreon"
        box.select_all()
        await pilot.press("ctrl+c")  # text selected in the box: copied, nothing else
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and app.clipboard == "Caldreon"
        box.value = ""
        await pilot.press("ctrl+c")  # a quiz is under way: asked first
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        await pilot.press("ctrl+c", "ctrl+c")  # twice: yes
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_c_outside_a_quiz_leaves_at_once(small_pack) -> None:
    chat = Conversation(small_pack, learner="ana")
    app = make_app(conversation=chat)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running


async def test_the_open_question_is_in_view_after_the_terminal_shrinks(bundled_pack, bundled_tutor) -> None:
    app, _ = quiz_app(bundled_pack, count=5, tutor=variant(bundled_tutor))
    async with app.run_test(size=(120, 40)) as pilot:
        for question in ("who started Armas Cruzadas?", "what did the GAO find?",
                         "why did ATF let guns walk?"):
            await send(pilot, f"?{question}")
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        log = app.screen.query_one(ChatLog)
        last = messages(app)[-1]
        assert log.region.y <= last.region.y < log.region.bottom, "the newest message scrolled away"
