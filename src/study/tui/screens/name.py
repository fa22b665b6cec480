"""The name screen: a student gives their name before a served drill or study session."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from study.classroom.names import MAX_NAME, learner_name
from study.errors import UsageError


class NameScreen(Screen[str]):
    """Asks for the learner's name; dismissed with the name, cleaned, once it is valid."""

    DEFAULT_CSS = """
    NameScreen { align: center middle; }
    NameScreen > Vertical {
        width: 64; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    NameScreen #name-problem { color: $error; height: auto; }
    """
    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", priority=True)]

    def __init__(self, title: str = "") -> None:
        super().__init__()
        self.heading = title

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            if self.heading:
                yield Static(Text(self.heading, style="bold"))
            yield Static(Text("Your name, as your teacher will see it on the leaderboard and in "
                              "the report. Type it and press Enter."))
            yield Input(placeholder="Your name", max_length=MAX_NAME * 2, id="name",
                        select_on_focus=False)
            yield Static(id="name-problem")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    async def on_key(self, event: events.Key) -> None:
        """Keys that reach the screen while the name box lacks focus (a browser tab that has
        just opened, a click beside the box) still type the name, in order."""
        box = self.query_one(Input)
        if box.has_focus:
            return
        if event.is_printable and event.character:
            box.insert_text_at_cursor(event.character)
        elif event.key == "backspace":
            box.action_delete_left()
        elif event.key == "enter":
            await box.action_submit()
        else:
            return
        event.stop()
        box.focus()

    @on(Input.Submitted)
    def take_name(self, event: Input.Submitted) -> None:
        try:
            name = learner_name(event.value)
        except UsageError as exc:
            self.query_one("#name-problem", Static).update(Text(str(exc).capitalize() + "."))
            return
        self.dismiss(name)
