"""The chat log: tutor and learner messages, built from `rich.text.Text`, never from markup."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static


class ChatMessage(Static):
    """One message in the chat; ``role`` is tutor, learner, correct, close or incorrect."""

    def __init__(self, content: Text, role: str) -> None:
        super().__init__(content, classes=f"message {role}")
        self.role = role
        self.plain = content.plain


class ChatLog(VerticalScroll):
    """A scrolling column of messages that follows the newest one."""

    can_focus = False

    def say(self, content: Text | str, role: str) -> ChatMessage:
        """Add a message; plain strings are taken literally, never as markup."""
        text = content if isinstance(content, Text) else Text(content)
        message = ChatMessage(text, role)
        self.mount(message)
        self.call_after_refresh(self.scroll_end, animate=False)
        return message

    @property
    def messages(self) -> list[ChatMessage]:
        return list(self.query(ChatMessage))
