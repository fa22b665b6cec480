"""Reading mode: every source's passages, under their headings, one tab per source."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from study.pack.models import Pack
from study.quiz.citation import short_title


class SourcesScreen(Screen[None]):
    """The articles to read, before or during a quiz; Escape goes back."""

    BINDINGS = [
        Binding("escape,ctrl+r,q", "app.pop_screen", "Back"),
        Binding("pageup", "scroll('page_up')", "Scroll up", show=False),
        Binding("pagedown", "scroll('page_down')", "Scroll down", show=False),
    ]

    def __init__(self, pack: Pack, source: str | None = None) -> None:
        super().__init__()
        self.pack = pack
        self.source = source

    def compose(self) -> ComposeResult:
        yield Header()
        initial = f"source-{self.source}" if self.source else ""
        with TabbedContent(initial=initial, id="sources"):
            for source in self.pack.sources.values():
                with TabPane(short_title(source), id=f"source-{source.id}"):
                    with VerticalScroll(classes="reading"):
                        head = Text(source.title, style="bold")
                        head.append(f"\n{source.kind}; {source.period}", style="dim")
                        if source.credits:
                            head.append("\nCredits: " + ", ".join(source.credits), style="dim")
                        yield Static(head, classes="source-head")
                        for passage in self.pack.passages.values():
                            if passage.source.id != source.id:
                                continue
                            text = Text(passage.heading, style="bold")
                            text.append(f"  [{passage.id}]\n", style="dim")
                            text.append(passage.text)
                            yield Static(text, classes="passage")
        yield Footer()

    def action_scroll(self, where: str) -> None:
        tabs = self.query_one(TabbedContent)
        pane = tabs.active_pane
        if pane is None:
            return
        scroll = pane.query_one(VerticalScroll)
        (scroll.scroll_page_up if where == "page_up" else scroll.scroll_page_down)(animate=False)
