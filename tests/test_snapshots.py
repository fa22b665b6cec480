"""Snapshots of the chat screen after one turn, built from the small deterministic pack."""

from __future__ import annotations

from conftest import SMALL_PACK
from study.chat import Conversation
from study.pack.loader import load_pack
from study.tui.app import make_app
from study.tui.widgets.answer import AnswerBox


def build_app():  # noqa: ANN201 - the snapshot plugin takes any App
    chat = Conversation(load_pack(SMALL_PACK), learner="ana")
    return make_app(conversation=chat,
                    start=lambda: chat.opening() + chat.start_quiz(count=3, seed=9, form="short"))


async def answer_one(pilot) -> None:
    pilot.app.screen.query_one(AnswerBox).cursor_blink = False
    await pilot.press(*"Caldreon")
    await pilot.press("enter")
    await pilot.pause()


def test_chat_screen_after_one_turn(snap_compare) -> None:
    assert snap_compare(build_app(), terminal_size=(110, 36), run_before=answer_one)


def test_chat_screen_after_one_turn_at_80x24(snap_compare) -> None:
    assert snap_compare(build_app(), terminal_size=(80, 24), run_before=answer_one)
