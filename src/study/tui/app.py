"""The Textual app and `make_app`, the one factory the CLI, the tests and `study serve` use."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from study.chat.conversation import Conversation
from study.chat.messages import Reply
from study.tui.screens.chat import ChatScreen

if TYPE_CHECKING:  # progress (the store, FSRS: ~50 ms to import) only when it is opened
    from study.learning.progress import Progress

# The other screens are imported when first opened: each Textual screen class costs 5-10 ms to
# define, and the first screen is the chat.


class StudyApp(App[None]):
    """The conversation with the tutor, and the screens it opens."""

    CSS_PATH = "study.tcss"
    TITLE = "study"
    ENABLE_COMMAND_PALETTE = False
    #: Ctrl+C, the key every terminal user quits with, does what Ctrl+Q does (asking first in
    #: a quiz) instead of Textual's "press Ctrl+Q" notice; with text selected in a box, it
    #: still copies it.
    BINDINGS = [Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True)]

    def __init__(self, conversation: Conversation,
                 start: Callable[[], list[Reply]] | None = None,
                 progress: Callable[[], Progress] | None = None,
                 ask_name: str | None = None) -> None:
        super().__init__()
        self.conversation = conversation
        self.start = start or conversation.opening
        self.progress = progress
        self.ask_name = ask_name
        if conversation.learner:
            self.sub_title = f"{conversation.learner} studying"

    def get_default_screen(self) -> Screen[None]:
        # The chat is the first screen itself, not pushed over an empty one: one screen to
        # style and lay out before the first question is drawn, not two.
        if self.ask_name is None:
            return ChatScreen(self.conversation, self.start)
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self.ask_name is not None:
            from study.tui.screens.name import NameScreen

            self.push_screen(NameScreen(self.ask_name), self.named)

    def named(self, name: str | None) -> None:
        """The learner gave their name (the name screen): the conversation starts."""
        if not name:
            self.exit()
            return
        self.conversation.learner = name
        self.sub_title = f"{name} studying"
        self.push_screen(ChatScreen(self.conversation, self.start))

    @property
    def chat_screen(self) -> ChatScreen:
        return next(s for s in self.screen_stack if isinstance(s, ChatScreen))

    def action_results(self) -> None:
        session = self.conversation.last_finished
        if session is None:
            return

        from study.tui.screens.results import ResultsScreen

        def chosen(choice: str | None) -> None:
            if choice == "quit":
                self.exit()
            elif choice in ("new", "retry"):
                self.chat_screen.show(self.conversation.send(
                    "again" if choice == "new" else "retry"))

        run = self.conversation.drill_run
        standing = run.standing() if run is not None and run.session is session else None
        self.push_screen(ResultsScreen(session, standing), chosen)

    def action_read(self, source: str | None = None) -> None:
        from study.tui.screens.sources import SourcesScreen

        self.push_screen(SourcesScreen(self.conversation.pack, source))

    def action_progress(self) -> None:
        if self.progress is None:
            self.notify("Progress is not kept in this session.", severity="warning")
            return
        from study.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen(self.conversation.pack, self.progress()))

    def action_interrupt(self) -> None:
        from textual.widgets import Input

        from study.tui.screens.confirm import Confirm

        focused = self.focused
        if isinstance(focused, Input) and focused.selected_text:
            focused.action_copy()
            return
        if isinstance(self.screen, Confirm):  # a second Ctrl+C at "Leave the quiz?": yes
            self.screen.dismiss(True)
            return
        self.action_leave()

    async def action_quit(self) -> None:
        """Ctrl+Q anywhere: leave, asking first when a quiz is under way."""
        self.action_leave()

    def action_leave(self) -> None:
        """Quit, after asking when a quiz is under way (its answers are saved either way)."""
        if not self.conversation.in_quiz:
            self.exit()
            return

        from study.tui.screens.confirm import Confirm

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit()

        session = self.conversation.session
        done = f"{session.index} of {session.total}" if session else ""
        self.push_screen(Confirm(f"Leave the quiz? You have answered {done}; your answers are "
                                 "saved."), answered)


def make_app(*, conversation: Conversation,
             start: Callable[[], list[Reply]] | None = None,
             progress: Callable[[], Progress] | None = None,
             ask_name: str | None = None) -> StudyApp:
    """Build the app from explicit parts; nothing is read from globals. ``start`` says the
    first replies (default: the greeting); ``progress`` reports the learner's progress. With
    ``ask_name`` (a heading, possibly empty) the app opens on the name screen (`study serve`),
    and the conversation starts once the learner has given a name."""
    return StudyApp(conversation, start, progress, ask_name)
