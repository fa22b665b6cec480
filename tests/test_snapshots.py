"""Snapshot of the quiz screen after one turn, built from the small deterministic pack."""

from __future__ import annotations

from conftest import SMALL_PACK
from study.pack.loader import load_pack
from study.quiz import Session
from study.tui.app import make_app
from study.tui.widgets.answer import AnswerBox


def build_app():  # noqa: ANN201 - the snapshot plugin takes any App
    session = Session.build(load_pack(SMALL_PACK), count=3, seed=9, mix_forms=False)
    return make_app(session=session)


def test_quiz_screen_after_one_turn(snap_compare) -> None:
    async def answer_one(pilot) -> None:
        pilot.app.screen.query_one(AnswerBox).cursor_blink = False
        await pilot.press(*"Caldreon")
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(build_app(), terminal_size=(110, 36), run_before=answer_one)
