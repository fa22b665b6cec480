"""`study board` through its pilot: the teacher's live view follows what another connection
writes to the store."""

from __future__ import annotations

from pathlib import Path

from study.chat import Conversation
from study.classroom.drill import load_drill
from study.commands.board import board_reader
from study.commands.drill import remember
from study.store import Store
from study.tui.board import make_board_app

DRILL = "id: quick\ntitle: Quick\ntime_limit: 20\nscoring: speed\nform: short\n" \
        "questions: [melson, armas-year, cases]\n"


class FakeClock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def cells(app, table: str) -> list[list[str]]:
    from textual.widgets import DataTable

    data = app.query_one(table, DataTable)
    return [[str(getattr(c, "plain", c)) for c in data.get_row_at(i)] for i in range(data.row_count)]


async def until(pilot, condition, what: str) -> None:
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"the board never showed: {what}")


async def test_the_board_follows_the_class(small_pack, tmp_path: Path) -> None:
    path = tmp_path / "quick.yaml"
    path.write_text(DRILL, encoding="utf-8")
    drill = load_drill(path, small_pack)
    database = tmp_path / "data" / "study.db"
    app = make_board_app(board_reader(drill, database), interval=0.1)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.board is not None, "a first read")
        assert app.board is not None and app.board.joined == 0  # no database yet: nobody
        # A student starts, on another connection, in this test's thread.
        store = Store(database)
        clock = FakeClock()
        chat = Conversation(small_pack, learner="=ana<b>", clock=clock, pause_after_verdict=False)
        remember(chat, store, "plain")
        chat.start_drill(drill)
        await until(pilot, lambda: app.board is not None and app.board.joined == 1, "ana joined")
        assert cells(app, "#leaderboard") == [["1", "=ana<b>", "0", "0/3", "answering"]]
        clock.now += 4
        chat.send("Kenneth Melson")  # 900 points
        await until(pilot, lambda: cells(app, "#leaderboard")[0][2] == "900", "900 points")
        assert cells(app, "#questions")[0][2:] == ["1", "██████████ 100%"]
        chat.send("1999")
        chat.send("276")  # 1000 x (1 - 0/40)
        await until(pilot, lambda: app.board is not None and app.board.finished == 1,
                    "ana finished")
        assert cells(app, "#leaderboard") == [["1", "=ana<b>", "1900", "3/3", "finished"]]
        assert [row[2:] for row in cells(app, "#questions")] == [
            ["1", "██████████ 100%"], ["1", "░░░░░░░░░░   0%"], ["1", "██████████ 100%"]]
        summary = str(app.query_one("#board-summary").render())
        assert "1 joined, 1 finished, 3 questions" in summary
        store.close()
        await pilot.press("q")
    assert app.reads >= 3
