"""The conversation between a learner and the tutor: messages in, replies out."""

from __future__ import annotations

from study.chat.conversation import Actions, Conversation
from study.chat.intents import Act, Intent, parse

__all__ = ["Act", "Actions", "Conversation", "Intent", "parse"]
