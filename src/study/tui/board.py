"""`study board`: the teacher's live view of a drill, read from the store every second or two."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Label, Static

from study.classroom.board import Board
from study.quiz.scoring import format_score
from study.rounding import format_percent

#: Seconds between two reads of the store.
REFRESH = 1.5
BAR = 10


def _share(value: float | None) -> Text:
    if value is None:
        return Text("-", style="dim")
    filled = round(BAR * value)
    text = Text("█" * filled, style="green")
    text.append("░" * (BAR - filled), style="dim")
    text.append(f" {format_percent(100 * value):>4}")
    return text


class BoardApp(App[None]):
    """Read-only: shows what ``load`` (a read of the store) returns, every ``interval``."""

    CSS_PATH = "study.tcss"
    TITLE = "study board"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("r", "refresh_board", "Refresh now"),
        Binding("q,ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, load: Callable[[], Board], *, interval: float = REFRESH) -> None:
        super().__init__()
        self.load = load
        self.interval = interval
        self.board: Board | None = None
        self.reads = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="board-summary")
        with Horizontal(id="board"):
            with Vertical(id="board-left"):
                yield Label("Leaderboard", classes="panel-title")
                yield DataTable(id="leaderboard", cursor_type="none", zebra_stripes=True)
            with Vertical(id="board-right"):
                yield Label("Questions: share right so far", classes="panel-title")
                yield DataTable(id="questions", cursor_type="none", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#leaderboard", DataTable).add_columns("#", "Learner", "Points",
                                                              "Answered", "")
        self.query_one("#questions", DataTable).add_columns("Q", "Question", "Answered",
                                                            "Right")
        self.action_refresh_board()
        self.set_interval(self.interval, self.action_refresh_board)

    def action_refresh_board(self) -> None:
        self.read_board()

    @work(thread=True, exclusive=True)
    def read_board(self) -> None:
        board = self.load()  # its own read-only connection, in this thread
        self.call_from_thread(self.show_board, board)

    def show_board(self, board: Board) -> None:
        self.board = board
        self.reads += 1
        self.sub_title = board.title
        summary = Text(f"{board.title}", style="bold")
        summary.append(f"   {board.joined} joined, {board.finished} finished, "
                       f"{board.total} questions")
        self.query_one("#board-summary", Static).update(summary)
        leaders = self.query_one("#leaderboard", DataTable)
        leaders.clear()
        for place in board.places:
            result = place.result
            status = Text("finished", style="green") if result.finished else \
                Text("answering", style="yellow")
            leaders.add_row(Text(str(place.place)), Text(result.learner),
                            Text(format_score(result.points)),
                            Text(f"{result.answered}/{board.total}"), status)
        questions = self.query_one("#questions", DataTable)
        questions.clear()
        for line in board.questions:
            prompt = line.prompt if len(line.prompt) <= 60 else line.prompt[:59] + "…"
            questions.add_row(Text(str(line.number)), Text(prompt), Text(str(line.answered)),
                              _share(line.share))


def make_board_app(load: Callable[[], Board], *, interval: float = REFRESH) -> BoardApp:
    """The board, built from explicit parts: ``load`` reads the drill's board from the store."""
    return BoardApp(load, interval=interval)
