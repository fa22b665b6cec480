"""The conversation: a learner's messages in, the tutor's replies out.

It owns the quiz session and the tutor; every interface (the TUI, plain mode, the browser)
sends it what the learner typed or pressed and renders the replies it returns, so they agree
by construction. It decides what a message means (an answer, a question for the tutor, "quiz
me on programs", "why?"), when "I was right" still applies, and when the next question comes.

    conversation = Conversation(pack, learner="ana")
    replies = conversation.opening()
    replies = conversation.send("quiz me on the IG report")
    replies = conversation.send("2006")
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from study.chat.intents import Act, Intent, parse
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
    TopicRow,
    Topics,
    TutorAnswer,
)
from study.checking import Outcome
from study.errors import UsageError
from study.pack.models import Fact, Pack
from study.pack.topics import topic_title
from study.quiz.citation import quote_for, short_title
from study.quiz.scoring import display_answer, format_score
from study.quiz.session import DEFAULT_COUNT, Attempt, Session

if TYPE_CHECKING:  # the tutor (~60 ms) and drills (YAML) are imported when first used
    from study.classroom.drill import Drill
    from study.classroom.leaderboard import Results
    from study.classroom.run import DrillRun
    from study.tutor.answer import Answer

#: A question put to the tutor: a question word, at least two more words, a question mark.
_QUESTION_TO_ME = re.compile(
    r"(?i)(?:who|what|when|where|why|how|which)(?:'s|\s)\S*(?:\s+\S+){1,}\s*\?$")


class Journal(Protocol):
    """Where a conversation writes what happens (the store, through the learning layer)."""

    def begin(self, session: Session, kind: str, drill_id: str | None = None) -> None: ...

    def record(self, session: Session, position: int, attempt: Attempt) -> str | None:
        """Write one attempt (again, after an override); a returned text is told the
        learner (the answer is kept elsewhere because the store is unavailable)."""
        ...

    def end(self, session: Session) -> None: ...


class Companion(Protocol):
    """What the conversation asks of the learner's history: what is due, what was missed,
    an unfinished session to resume."""

    def greeting(self) -> list[str]: ...

    def practice(self, count: int) -> tuple[list[Fact], str]:
        """The facts to practise, in order, and a line about what is due after."""
        ...

    def review(self, since: timedelta | None = None) -> list[Fact]:
        """What the learner got wrong in their last session (or in the span ``since``)."""
        ...

    def resume(self) -> tuple[Session, str] | None:
        """The newest unfinished session and its kind, restored with its answers."""
        ...

    def discard_unfinished(self) -> None: ...


class Tutoring(Protocol):
    def ask(self, question: str, withhold: Fact | None = None) -> Answer: ...


@dataclass(frozen=True)
class Actions:
    """Which of the learner's keys do something now (interfaces show only those)."""

    answer: bool  # a question is open
    hint: bool
    skip: bool
    override: bool
    next: bool  # a verdict is shown; Enter goes on
    results: bool  # the quiz ended; its results can be shown


HELP = """I answer your questions about the articles, with the passage behind every answer, \
and I quiz you on them.
Ask anything, for example "who started Armas Cruzadas?" or "what did the GAO find?".
Say "quiz me" to start ("quiz me on the IG report", "10 questions on programs", \
"5 true/false questions", "multiple choice on border surge").
Say "practice" for what is due for review, "review" to retry your recent mistakes, \
"progress" to see what you know.
Say "topics" to list the topics, "read" to open the articles, "quit" to leave.
During a quiz your messages are answers; start one with "?" (or "/ask") to ask me instead. \
After a verdict, "why?" shows the explanation and the whole passage."""


class Conversation:
    """One learner's conversation with the tutor over a pack."""

    def __init__(
        self,
        pack: Pack,
        *,
        learner: str = "",
        tutor: Tutoring | None = None,
        journal: Journal | None = None,
        companion: Companion | None = None,
        pause_after_verdict: bool = True,
        accepted: dict[str, frozenset[str]] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.pack = pack
        self.learner = learner
        self.journal = journal
        self.companion = companion
        self.pause_after_verdict = pause_after_verdict
        self.accepted = accepted or {}
        self.clock = clock
        self._tutor = tutor
        self.session: Session | None = None
        self.kind = "quiz"
        self._paused = False  # a verdict is shown and the next question waits for Enter
        self._last_marked: Marked | None = None
        self._pending: list[Reply] = []  # said by the journal while recording
        self.last_finished: Session | None = None
        self.default_count = DEFAULT_COUNT
        self.default_form = "mix"

    # -- state ------------------------------------------------------------------------------

    @property
    def question_open(self) -> bool:
        return self.session is not None and not self.session.finished and not self._paused

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def in_quiz(self) -> bool:
        """A quiz is under way (a question is open, or a verdict waits for Enter)."""
        return self.session is not None and (not self.session.finished or self._paused)

    def actions(self) -> Actions:
        session = self.session
        open_ = self.question_open
        return Actions(
            answer=open_,
            hint=open_ and session is not None and session.hints_allowed,
            skip=open_,
            override=session is not None and session.can_override() is None,
            next=self._paused,
            results=self.last_finished is not None and not self.in_quiz,
        )

    @property
    def tutor(self) -> Tutoring:
        if self._tutor is None:
            from study.tutor import Tutor  # cheap: its index is built on first use

            self._tutor = Tutor(self.pack)
        return self._tutor

    def warm_up(self) -> None:
        """Build what the first answer and the first question to the tutor need (the checker's
        and the tutor's indexes), so that neither waits; interfaces run it in a worker."""
        from study.checking import prepare

        prepare(self.pack)
        build = getattr(self.tutor, "build", None)
        if build is not None:
            build()

    # -- the learner's side ---------------------------------------------------------------------

    def opening(self) -> list[Reply]:
        """The greeting: what the tutor can do, and what is waiting for this learner."""
        names = ", ".join(short_title(s) for s in self.pack.sources.values())
        who = f"Hello {self.learner}. " if self.learner else "Hello. "
        count = len(self.pack.sources)
        replies: list[Reply] = [Say(
            f"{who}I am your tutor for {count} article{'s' if count != 1 else ''}: {names}. "
            f"Ask me anything about {'them' if count != 1 else 'it'}, or say \"quiz me\". "
            "Say \"help\" for more, "
            "\"topics\" for the topics, \"read\" to open the articles.")]
        if self.companion is not None:
            replies += [Say(line, "info") for line in self.companion.greeting()]
        return replies

    def send(self, text: str) -> list[Reply]:
        """Everything the learner types goes here."""
        intent = parse(text, self.pack, in_quiz=self.question_open)
        return self._flush(self._handle(intent))

    def hint(self) -> list[Reply]:
        return self._flush(self._handle(Intent(Act.HINT)))

    def skip(self) -> list[Reply]:
        return self._flush(self._handle(Intent(Act.SKIP)))

    def override(self) -> list[Reply]:
        return self._flush(self._handle(Intent(Act.RIGHT)))

    def next(self) -> list[Reply]:
        return self._flush(self._handle(Intent(Act.NEXT)))

    def stop(self) -> list[Reply]:
        return self._flush(self._handle(Intent(Act.STOP)))

    def goodbye(self) -> str:
        """What to print when the learner leaves: the last quiz's score and how to replay it."""
        session = self.session or self.last_finished
        if session is None or not session.attempts:
            return "study: see you next time."
        if self.drill_run is not None and session is self.drill_run.session:
            return f"study: {self.drill_run.summary()}. Your answers are saved."
        replay = f"study quiz --seed {session.seed} --count {session.total}"
        if session.topic:
            replay += f" --topic {session.topic}"
        if session.form != "mix":
            replay += f" --form {session.form}"
        return (f"study: {session.score_line()}. Your answers are saved. "
                f"Replay this quiz with: {replay}")

    def start_quiz(
        self,
        *,
        count: int | None = None,
        topic: str | None = None,
        source: str | None = None,
        seed: int | None = None,
        form: str | None = None,
        kind: str = "quiz",
        facts: Iterable[Fact] | None = None,
        shuffle: bool = True,
    ) -> list[Reply]:
        """Start a quiz (replacing any under way); a bad request is said, not raised."""
        try:
            chosen = facts
            if source is not None:
                chosen = [f for f in self.pack.facts if self.pack.passage_for(f).source.id == source]
            session = Session.build(
                self.pack, count=count or self.default_count, topic=topic, seed=seed,
                form=form or self.default_form, facts=chosen, clock=self.clock,
                shuffle=shuffle,
            )
        except UsageError as exc:
            return [Say(str(exc), "warning")]
        return self._flush(self._begin(session, kind, source=source))

    def resume(self, session: Session, kind: str = "quiz") -> list[Reply]:
        """Go on with ``session`` (restored from the store): the next unanswered question."""
        self.session, self.kind, self._paused = session, kind, False
        session.accepted = self.accepted
        session.on_attempt = self._on_attempt
        replies: list[Reply] = [Say(
            f"Resuming your {kind}: {session.index} of {session.total} answered, "
            f"{format_score(session.score)} points so far.", "info")]
        return self._flush(replies + self._ask())

    # -- handling -------------------------------------------------------------------------------

    def _handle(self, intent: Intent) -> list[Reply]:
        act = intent.act
        handler = getattr(self, f"_on_{act.value}", None)
        if handler is None:  # pragma: no cover - every act has a handler
            raise AssertionError(f"no handler for {act}")
        result: list[Reply] = handler(intent)
        return result

    def _on_answer(self, intent: Intent) -> list[Reply]:
        session = self.session
        if session is None or session.current is None or self._paused:
            return self._on_ask(Intent(Act.ASK, intent.text))
        if self.drilling is not None and self.drilling.late:
            session.time_out(intent.text)  # the timer first: a late answer scores nothing
            return self._after_attempt()
        problem = session.not_an_answer(intent.text)
        if problem:
            return [AskAgain(problem)]
        if self.drilling is None and _QUESTION_TO_ME.match(intent.text.strip()):
            # "who started Project Gunrunner?" mid-quiz: a question for the tutor, not an
            # answer; marked wrong, it would cost the learner the question for a slip.
            return [AskAgain("That looks like a question for me, not an answer: start it with ? "
                             "to ask it, or type your answer.")]
        verdict = session.answer(intent.text)
        if verdict.outcome is Outcome.CLOSE and session.awaiting_retry:
            return [AskAgain(f"Almost: {verdict.reason}. Try once more.", vague=True)]
        return self._after_attempt()

    def _after_attempt(self) -> list[Reply]:
        session = self.session
        assert session is not None and session.last is not None
        question, attempt = session.last
        fact = question.fact
        verdict = attempt.verdict
        answer = display_answer(fact)
        reason = verdict.reason
        marked = Marked(
            number=session.index,
            question=question,
            attempt=attempt,
            reason=reason,
            answer=None if attempt.correct or answer in reason else answer,
            explain=None if attempt.correct else fact.explain,
            quote=quote_for(fact, self.pack),
            last=session.finished,
        )
        self._last_marked = marked
        replies: list[Reply] = [marked]
        overridable = session.can_override() is None
        if self.pause_after_verdict or (session.finished and overridable):
            self._paused = True
            return replies
        return replies + self._ask()

    def _ask(self) -> list[Reply]:
        """The next question, or the end of the quiz."""
        session = self.session
        assert session is not None
        self._paused = False
        if self.pause_after_verdict:
            # The verdict was on screen until now; from here "I was right" would silently
            # reach back to it. Plain mode keeps it open until the next answer: its verdict
            # is the line just above, and the override says what it changes.
            session.close_override()
        question = session.current
        if question is None:
            return self._finish()
        session.restart_clock()
        timer = self.drilling.question_shown() if self.drilling is not None else None
        return [Asked(question, session.index + 1, session.total,
                      topic_title(self.pack, question.fact.topic), timer)]

    def _finish(self) -> list[Reply]:
        session = self.session
        assert session is not None
        if self.journal is not None:
            self.journal.end(session)
        self.last_finished = session
        if self.drilling is not None:
            return [Finished(session, "drill", complete=session.finished,
                             standing=self.drilling.standing())]
        footnote = ""
        if self.kind == "practice" and self.companion is not None:
            footnote = self.companion.practice(0)[1]
        return [Finished(session, self.kind, complete=session.finished, footnote=footnote)]

    def _on_next(self, intent: Intent) -> list[Reply]:
        if self._paused:
            return self._ask()
        if self.question_open:
            return [AskAgain("Type an answer first, or skip the question.")]
        return []

    def _on_hint(self, intent: Intent) -> list[Reply]:
        session = self.session
        if not self.question_open or session is None:
            return [Say("There is no question open to give a hint for.", "warning")]
        hint = session.hint()
        if hint is None:
            if not session.hints_allowed:
                return [Say("No hints in this session.", "warning")]
            return [Say("That was the last hint for this question.", "warning")]
        return [HintGiven(hint)]

    def _on_skip(self, intent: Intent) -> list[Reply]:
        session = self.session
        if not self.question_open or session is None:
            return [Say("There is no question open to skip.", "warning")]
        session.skip()
        return self._after_attempt()

    def _on_right(self, intent: Intent) -> list[Reply]:
        session = self.session
        why = "There is no verdict to override." if session is None else session.can_override()
        if why is not None or session is None:
            return [Say(why or "There is no verdict to override.", "warning")]
        done = session.override()
        assert done is not None
        return [Overridden(done)]

    def _on_why(self, intent: Intent) -> list[Reply]:
        marked = self._last_marked
        if marked is None:
            return [Say("Ask \"why?\" after a verdict, to see its explanation and passage.",
                        "warning")]
        fact = marked.question.fact
        return [Explained(fact.prompt, display_answer(fact), fact.explain,
                          quote_for(fact, self.pack, whole=True))]

    def _on_ask(self, intent: Intent) -> list[Reply]:
        if self.drilling is not None and self.question_open:
            return [Say("No questions to the tutor during a drill: answer, or skip.",
                        "warning")]
        if not intent.text:
            return [Say("Ask me a question about the articles, e.g. \"/ask who is Melson?\".",
                        "warning")]
        withhold = None
        if self.question_open and self.session is not None and self.session.current:
            withhold = self.session.current.fact
        return [TutorAnswer(self.tutor.ask(intent.text, withhold=withhold))]

    def _on_quiz(self, intent: Intent) -> list[Reply]:
        if intent.unknown:
            titles = ", ".join(topic_title(self.pack, t) for t in self.pack.topics)
            sources = ", ".join(short_title(s) for s in self.pack.sources.values())
            return [Say(f"I don't know a topic or article called {intent.unknown!r}. "
                        f"Topics: {titles}. Articles: {sources}.", "warning")]
        return self.start_quiz(count=intent.count, topic=intent.topic, source=intent.source,
                               form=intent.form)

    def _on_retry(self, intent: Intent) -> list[Reply]:
        previous = self.last_finished
        if previous is None:
            return [Say("There is no finished quiz to retry yet. Say \"quiz me\".", "warning")]
        try:
            session = previous.retry_missed()
        except UsageError:
            return [Say("You missed nothing in your last quiz: there is nothing to retry.",
                        "info")]
        return self._begin(session, "review")

    def _on_practice(self, intent: Intent) -> list[Reply]:
        if self.companion is None:
            return [Say("Practice needs your history, which this session does not keep. "
                        "Say \"quiz me\" instead.", "warning")]
        facts, _ = self.companion.practice(intent.count or self.default_count)
        if not facts:
            return [Say("Nothing to practise: every fact is learned and none is due.", "info")]
        return self.start_quiz(facts=facts, kind="practice", shuffle=False,
                               count=len(facts), form=intent.form)

    def _on_review(self, intent: Intent) -> list[Reply]:
        if self.companion is None:
            return self._on_retry(intent)
        facts = self.companion.review()
        if not facts:
            return [Say("No mistakes to review from your last session. Well done.", "info")]
        return self.start_quiz(facts=facts, kind="review", shuffle=False, count=len(facts))

    def _on_resume(self, intent: Intent) -> list[Reply]:
        if self.in_quiz:
            return [Say("A quiz is already under way.", "warning")]
        found = self.companion.resume() if self.companion is not None else None
        if found is None:
            return [Say("There is no unfinished quiz to resume. Say \"quiz me\".", "info")]
        return self.resume(*found)

    def _on_new(self, intent: Intent) -> list[Reply]:
        if self.companion is not None:
            self.companion.discard_unfinished()
        return self.start_quiz(count=intent.count, form=intent.form)

    def _on_stop(self, intent: Intent) -> list[Reply]:
        if not self.in_quiz or self.session is None:
            return [Say("No quiz is under way.", "warning")]
        self._paused = False
        session = self.session
        self.last_finished = session
        if self.journal is not None:
            self.journal.end(session)
        return [Finished(session, self.kind, complete=session.finished)]

    def _on_topics(self, intent: Intent) -> list[Reply]:
        return [Topics([TopicRow(slug, topic_title(self.pack, slug), count)
                        for slug, count in self.pack.topics.items()])]

    def _on_help(self, intent: Intent) -> list[Reply]:
        return [Say(HELP)]

    def _on_sources(self, intent: Intent) -> list[Reply]:
        return [OpenSources(intent.source)]

    def _on_progress(self, intent: Intent) -> list[Reply]:
        return [OpenProgress()]

    def _on_quit(self, intent: Intent) -> list[Reply]:
        return [Goodbye(self.goodbye())]

    # -- drills (study.classroom) ----------------------------------------------------------------

    #: The drill last started; it is under way while its session is the conversation's.
    drill_run: DrillRun | None = None

    @property
    def drilling(self) -> DrillRun | None:
        """The drill under way, or None."""
        run = self.drill_run
        return run if run is not None and run.session is self.session else None

    def start_drill(self, drill: Drill, results: Results | None = None) -> list[Reply]:
        """Start ``drill`` (replacing any quiz under way): its questions in order, each timed;
        no hints, no overrides, no questions to the tutor. ``results`` gives the drill's
        results so far, for the learner's place at the end."""
        from study.classroom.run import DrillRun  # drill files need YAML: only drills pay it

        run = DrillRun(drill, self.pack, learner=self.learner, clock=self.clock,
                       results=results)
        session = run.session
        session.accepted = self.accepted
        run.attach(self._on_attempt)
        self.drill_run = run
        self.session, self.kind, self._paused = session, "drill", False
        self._last_marked = None
        if self.journal is not None:
            self.journal.begin(session, "drill", drill_id=drill.id)
        scoring = ("the faster a right answer, the more points (1000 at once, 500 at the "
                   "buzzer)" if drill.scoring == "speed" else "a point for each right answer")
        replies: list[Reply] = [Say(
            f"Drill {drill.title!r}: {drill.total} question{'s' if drill.total != 1 else ''}, "
            f"{run.limits_text()}; {scoring}. "
            "No hints and no overrides; an answer after the time limit scores nothing. "
            "Ctrl+N or /skip skips a question.", "info")]
        return self._flush(replies + self._ask())

    def time_left(self) -> float | None:
        """Seconds left on the drill question open now, or None when nothing is timed."""
        run = self.drilling
        if run is None or not self.question_open or not run.timer.running:
            return None
        return run.timer.remaining

    def time_up(self) -> list[Reply]:
        """The countdown on screen reached zero: when the drill's timer agrees, the open
        question is marked "time's up" and scores nothing; otherwise nothing happens."""
        run = self.drilling
        if run is None or not self.question_open or not run.late or self.session is None:
            return []
        self.session.time_out("")
        return self._flush(self._after_attempt())

    # -- plumbing -----------------------------------------------------------------------------

    def _begin(self, session: Session, kind: str, source: str | None = None) -> list[Reply]:
        session.accepted = self.accepted
        session.on_attempt = self._on_attempt
        self.session, self.kind, self._paused = session, kind, False
        self._last_marked = None
        if self.journal is not None:
            self.journal.begin(session, kind)
        what = {"practice": "Practice", "review": "Review"}.get(kind, "Quiz")
        scope = ""
        if session.topic:
            scope = f" on {topic_title(self.pack, session.topic)}"
        elif source:
            scope = f" on {short_title(self.pack.sources[source])}"
        n = session.total
        replies: list[Reply] = [Say(
            f"{what}{scope}: {n} question{'s' if n != 1 else ''} (seed {session.seed}). "
            "Ctrl+T or /hint for a hint, Ctrl+N or /skip to skip, \"?question\" to ask me.",
            "info")]
        replies += [Say(note, "info") for note in session.notes]
        return replies + self._ask()

    def _on_attempt(self, attempt: Attempt, position: int) -> None:
        if self.journal is None or self.session is None:
            return
        warning = self.journal.record(self.session, position, attempt)
        if warning:
            self._pending.append(Say(warning, "warning"))

    def _flush(self, replies: list[Reply]) -> list[Reply]:
        if self._pending:
            replies = [*replies, *self._pending]
            self._pending = []
        return replies
