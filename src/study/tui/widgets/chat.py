"""The chat log: tutor and learner messages, built from `rich.text.Text`, never from markup."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static


class ChatMessage(Static):
    """One message in the chat; ``role`` is tutor, learner, info, warning, correct, close,
    incorrect, hint, citation or answer."""

    def __init__(self, content: Text, role: str) -> None:
        super().__init__(content, classes=f"message {role}")
        self.role = role
        self.plain = content.plain


class ChatLog(VerticalScroll):
    """A scrolling column of messages. After each batch of new messages the view shows the
    first of them at the top (or everything, when it fits), so a verdict is never scrolled
    out of sight by the passage below it."""

    can_focus = False

    def say(self, content: Text | str, role: str) -> ChatMessage:
        """Add a message; plain strings are taken literally, never as markup."""
        text = content if isinstance(content, Text) else Text(content)
        message = ChatMessage(text, role)
        self.mount(message)
        return message

    def reveal(self, first: ChatMessage) -> None:
        """Scroll so that ``first`` (the start of what was just said) is in view, at the top
        if what follows it is taller than the view."""
        self.call_after_refresh(self._reveal_when_placed, first, 10)

    def _reveal_when_placed(self, first: ChatMessage, tries: int) -> None:
        # A message mounted a moment ago may not be laid out after the next refresh (a new
        # scrollbar narrows the log and lays it out again): scrolled to then, the view stops
        # short of it. Wait for its place, a few refreshes at most.
        if first.virtual_region.height == 0 and tries > 0:
            self.call_after_refresh(self._reveal_when_placed, first, tries - 1)
            return
        self.scroll_to_widget(first, animate=False, top=True)

    @property
    def messages(self) -> list[ChatMessage]:
        return list(self.query(ChatMessage))
