"""The chat screen: the conversation with the tutor, an answer box and the progress panel."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from study.chat.conversation import Conversation
from study.chat.messages import (
    AskAgain,
    Asked,
    Explained,
    Finished,
    Goodbye,
    HintGiven,
    Marked,
    OpenProgress,
    OpenSources,
    Overridden,
    Reply,
    Say,
    Topics,
    TutorAnswer,
)
from study.pack.topics import topic_title
from study.quiz.citation import short_title
from study.tui import render
from study.tui.widgets.answer import AnswerBox
from study.tui.widgets.chat import ChatLog, ChatMessage
from study.tui.widgets.countdown import Countdown
from study.tui.widgets.progress import ProgressPanel

_PLACEHOLDERS = {
    "answer": "Type your answer (start with ? to ask the tutor instead)",
    "next": "Enter: next question   why?: explain   Ctrl+O: I was right",
    "last": "Enter: your results   why?: explain   Ctrl+O: I was right",
    "idle": "Ask about the articles, or say \"quiz me\" (\"help\" for more)",
    "ask": "Ask the tutor (Esc to go back to answering)",
    "drill": "Type your answer before the time runs out (Ctrl+N skips)",
    "next-drill": "Enter: next question   why?: explain",
    "last-drill": "Enter: your results   why?: explain",
}


class ChatScreen(Screen[None]):
    """Renders the conversation's replies; every decision is the conversation's."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    BINDINGS = [
        Binding("ctrl+t", "hint", "Hint", priority=True),
        Binding("ctrl+n", "skip", "Skip", priority=True),
        Binding("ctrl+o", "override", "I was right", priority=True),
        Binding("ctrl+a", "ask", "Ask tutor", priority=True),
        Binding("ctrl+r", "read", "Read", priority=True),
        Binding("ctrl+g", "progress", "Progress", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("escape", "cancel_ask", "Back to answering", show=False),
        Binding("pageup", "scroll('page_up')", "Scroll up", show=False),
        Binding("pagedown", "scroll('page_down')", "Scroll down", show=False),
        Binding("ctrl+home", "scroll('home')", "Top", show=False),
        Binding("ctrl+end", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, conversation: Conversation,
                 start: Callable[[], list[Reply]] | None = None) -> None:
        super().__init__()
        self.conversation = conversation
        self.start = start or conversation.opening
        self.asking = False  # the next message goes to the tutor even in a quiz
        self._keys_shown: dict[str, bool] | None = None  # what the footer shows

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ChatLog(id="chat")
            yield ProgressPanel(id="side")
        yield Countdown(self.conversation.time_left, id="countdown")
        yield AnswerBox(id="answer")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(AnswerBox).focus()
        self.show(self.start())
        # The indexes behind the first answer and the first question to the tutor are built
        # while the learner reads the first screen: after it is drawn, since a thread started
        # sooner takes the interpreter from the drawing (~200 ms more to the first question).
        self.call_after_refresh(self.run_worker, self.conversation.warm_up, thread=True,
                                exclusive=True, group="warm-up")

    def on_resize(self, event: events.Resize) -> None:
        """A terminal resized reflows every message, and the view would stop at an older one:
        the newest (the open question, the verdict) is what the learner is working on. (The
        chat's own size changing, a countdown shown, leaves the view where it was.)"""
        for chat in self.query(ChatLog):  # (none yet while the screen is being built)
            chat.call_after_refresh(chat.scroll_end, animate=False)

    def on_key(self, event: events.Key) -> None:
        """A character that reached the screen, not the answer box (typed in the moment before
        the box had focus, or after a click elsewhere), goes into the box, not nowhere."""
        if event.is_printable and event.character:
            event.stop()
            box = self.query_one(AnswerBox)
            box.focus()
            box.insert_text_at_cursor(event.character)

    @property
    def chat(self) -> ChatLog:
        return self.query_one(ChatLog)

    # -- showing ----------------------------------------------------------------------------

    def show(self, replies: list[Reply]) -> None:
        """Add the replies to the chat; the first of them is scrolled into view."""
        first: ChatMessage | None = None
        for reply in replies:
            for message in self._view(reply):
                first = first or message
        if first is not None:
            self.chat.reveal(first)
        self.refresh_state()

    def _view(self, reply: Reply) -> list[ChatMessage]:
        say = self.chat.say
        if isinstance(reply, Say):
            return [say(Text(reply.text), reply.tone)]
        if isinstance(reply, Asked):
            if reply.timer is not None:
                self.query_one(Countdown).start(reply.timer)
            return [say(render.question_text(reply), "tutor")]
        if isinstance(reply, Marked):
            quote = reply.quote
            return [say(render.verdict_text(reply), render.ROLE[reply.mark]),
                    say(render.quote_text(quote.source, quote.heading, quote.passage,
                                          quote.text, quote.highlights), "citation")]
        if isinstance(reply, AskAgain):
            return [say(Text(reply.text), "close")]
        if isinstance(reply, HintGiven):
            return [say(Text(f"Hint: {reply.hint.text} (each hint halves this question's "
                             "score)"), "hint")]
        if isinstance(reply, Overridden):
            return [say(Text(reply.override.describe()), "correct")]
        if isinstance(reply, TutorAnswer):
            answer = reply.answer
            shown = [say(render.tutor_text(reply), "answer" if answer.found else "info")]
            for citation in answer.citations:
                passage = self.conversation.pack.passages.get(citation.passage)
                source = short_title(passage.source) if passage else citation.source
                # A passage sentence that is the answer itself is not quoted twice.
                body = "" if answer.says(citation) else citation.text
                shown.append(say(render.quote_text(source, citation.heading,
                                                   citation.passage, body,
                                                   citation.highlights if body else ()),
                                 "citation"))
            return shown
        if isinstance(reply, Explained):
            quote = reply.quote
            return [say(render.explained_text(reply), "tutor"),
                    say(render.quote_text(quote.source, quote.heading, quote.passage,
                                          quote.text, quote.highlights), "citation")]
        if isinstance(reply, Topics):
            return [say(render.topics_text(reply), "tutor")]
        if isinstance(reply, Finished):
            return [say(render.finished_text(reply), "tutor")]
        if isinstance(reply, OpenSources):
            self.app.action_read(reply.source)  # type: ignore[attr-defined]
            return []
        if isinstance(reply, OpenProgress):
            self.app.action_progress()  # type: ignore[attr-defined]
            return []
        if isinstance(reply, Goodbye):
            self.app.exit()
            return []
        raise AssertionError(f"no view for {type(reply).__name__}")  # pragma: no cover

    def refresh_state(self) -> None:
        """The panel, the box's hint and the footer's keys follow the conversation's state."""
        conversation = self.conversation
        session = conversation.session
        panel = self.query_one(ProgressPanel)
        if session is None:
            panel.show(done=0, total=0, score=0, correct=0, topic="none yet")
        else:
            question = session.current
            if conversation.paused and session.last is not None:
                question = session.last[0]  # the verdict on screen is about this one
            topic = topic_title(conversation.pack, question.fact.topic) if question else "done"
            panel.show(done=session.index, total=session.total, score=session.score,
                       correct=session.correct_count, topic=topic,
                       on_screen=session.index if conversation.paused else None)
        actions = conversation.actions()
        if self.asking:
            key = "ask"
        elif actions.answer:
            key = "answer"
        elif actions.next:
            key = "last" if session is not None and session.finished else "next"
        else:
            key = "idle"
        if conversation.drilling is not None and not self.asking:
            key = {"answer": "drill", "next": "next-drill", "last": "last-drill"}.get(key, key)
        self.query_one(AnswerBox).placeholder = _PLACEHOLDERS[key]
        # The footer is rebuilt whenever the bindings are refreshed (a few ms each time):
        # only when the keys that apply have changed.
        keys = self._available()
        if keys != self._keys_shown:
            self._keys_shown = keys
            self.refresh_bindings()

    def _available(self) -> dict[str, bool]:
        actions = self.conversation.actions()
        return {
            "hint": actions.hint,
            "skip": actions.skip,
            "override": actions.override,
            "ask": actions.answer and not self.asking and self.conversation.drilling is None,
        }

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that do nothing now are hidden from the footer."""
        return self._available().get(action, True)

    # -- the learner's side -------------------------------------------------------------------

    @on(AnswerBox.AnswerSubmitted)
    def send_message(self, event: AnswerBox.AnswerSubmitted) -> None:
        text = event.value
        conversation = self.conversation
        if not text.strip():
            if conversation.paused:
                finished_before = conversation.last_finished
                self.show(conversation.next())
                if conversation.last_finished is not finished_before:
                    self.app.action_results()  # type: ignore[attr-defined]
                return
            if not conversation.in_quiz and conversation.last_finished is not None:
                self.app.action_results()  # type: ignore[attr-defined]
                return
            self.notify("Type an answer first, or press Ctrl+N to skip."
                        if conversation.question_open else "Type a question, or \"help\".",
                        severity="warning")
            return
        if self.asking:
            self.asking = False
            self.chat.say(Text(f"? {text}"), "learner")
            self.show(conversation.send(f"/ask {text}"))
            return
        self.chat.say(Text(text), "learner")
        self.show(conversation.send(text))

    @on(Countdown.Expired)
    def time_is_up(self) -> None:
        replies = self.conversation.time_up()
        if replies:
            self.chat.say(Text("(time's up)", style="dim"), "learner")
            self.show(replies)

    @on(AnswerBox.ScrollRequested)
    def scroll_chat(self, event: AnswerBox.ScrollRequested) -> None:
        self.action_scroll(event.where)

    def action_scroll(self, where: str) -> None:
        chat = self.chat
        {"page_up": chat.scroll_page_up, "page_down": chat.scroll_page_down,
         "home": chat.scroll_home, "end": chat.scroll_end}[where](animate=False)

    def action_hint(self) -> None:
        self.show(self.conversation.hint())

    def action_skip(self) -> None:
        if self.conversation.question_open:
            self.chat.say(Text("(skipped)", style="dim"), "learner")
        self.show(self.conversation.skip())

    def action_override(self) -> None:
        self.show(self.conversation.override())

    def action_ask(self) -> None:
        self.asking = True
        self.refresh_state()

    def action_cancel_ask(self) -> None:
        if self.asking:
            self.asking = False
            self.refresh_state()

    def action_read(self) -> None:
        self.app.action_read(None)  # type: ignore[attr-defined]

    def action_progress(self) -> None:
        self.app.action_progress()  # type: ignore[attr-defined]

    def action_quit(self) -> None:
        self.app.action_leave()  # type: ignore[attr-defined]
