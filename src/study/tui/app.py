"""The Textual app and `make_app`, the one factory the CLI and the tests build it with."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from study.quiz import Session
from study.tui.screens.quiz import QuizScreen
from study.tui.screens.results import ResultsScreen


class StudyApp(App[None]):
    """A chat-style quiz over one session."""

    CSS_PATH = "study.tcss"
    TITLE = "study"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, session: Session, on_finish: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.session = session
        self.on_finish = on_finish
        self.sub_title = f"{session.total} questions"

    def on_mount(self) -> None:
        self.push_screen(QuizScreen(self.session))

    def finish(self) -> None:
        """Mark the session finished (once), as soon as its last question is answered."""
        if self.on_finish:
            self.on_finish()
            self.on_finish = None

    def action_show_results(self) -> None:
        self.finish()
        self.push_screen(ResultsScreen(self.session))


def make_app(*, session: Session, on_finish: Callable[[], None] | None = None) -> StudyApp:
    """Build the app from explicit parts; nothing is read from globals."""
    return StudyApp(session, on_finish)
