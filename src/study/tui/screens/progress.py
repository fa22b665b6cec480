"""The progress screen: mastery per topic as bars, accuracy by day as a sparkline, what is due."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ProgressBar, Sparkline, Static

from study.learning.progress import Progress
from study.pack.models import Pack
from study.pack.topics import topic_title
from study.rounding import format_percent


class ProgressScreen(Screen[None]):
    """A learner's progress on the pack; Escape goes back."""

    BINDINGS = [Binding("escape,q,ctrl+g", "app.pop_screen", "Back")]

    def __init__(self, pack: Pack, report: Progress) -> None:
        super().__init__()
        self.pack = pack
        self.report = report

    def compose(self) -> ComposeResult:
        r = self.report
        yield Header()
        with VerticalScroll(id="progress"):
            days = "day" if r.streak == 1 else "days"
            head = Text(f"{r.learner}: ", style="bold")
            head.append(f"{r.seen} of {r.facts} facts seen, mastery {format_percent(100 * r.mastery)}. "
                        f"Streak: {r.streak} {days}.\n")
            head.append(f"Due: {r.due_now} now, {r.due_today} today, {r.due_week} this week.")
            yield Static(head, id="progress-head")
            yield Label("Mastery by topic (mean recall today; unseen facts count 0)",
                        classes="panel-title")
            for slug, topic in r.topics.items():
                with Horizontal(classes="topic-row"):
                    yield Label(Text(topic_title(self.pack, slug)), classes="topic-name")
                    bar = ProgressBar(total=100, show_eta=False, show_percentage=True,
                                      classes="topic-bar", id=f"mastery-{slug}")
                    yield bar
                    yield Label(Text(f"{topic.seen} of {topic.facts} seen"), classes="topic-seen")
            yield Label("Accuracy by day", classes="panel-title")
            if r.days:
                yield Sparkline([100 * d.accuracy for d in r.days], id="accuracy")
                first, last = r.days[0], r.days[-1]
                yield Static(Text(f"{first.day.isoformat()} to {last.day.isoformat()}: "
                                  f"{sum(d.correct for d in r.days)} of "
                                  f"{sum(d.answered for d in r.days)} right", style="dim"))
            else:
                yield Static(Text("No answers on this pack yet.", style="dim"), id="accuracy-none")
        yield Footer()

    def on_mount(self) -> None:
        for slug, topic in self.report.topics.items():
            self.query_one(f"#mastery-{slug}", ProgressBar).update(progress=100 * topic.mastery)
