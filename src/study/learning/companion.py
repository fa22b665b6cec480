"""The learner's companion: what a conversation writes to the store and asks of it.

It is the conversation's journal (every session with its plan, every attempt with its FSRS
review, in one transaction each) and its memory (what is due, what was missed, an unfinished
session to resume), for one learner on one pack. The conversation stays free of storage; the
store stays free of quiz logic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from study.checking.normalize import normalize
from study.learning import pack_key
from study.learning.plan import plan_of, questions_from_plan
from study.learning.practice import outlook, pick
from study.learning.ratings import rating_for, usual_seconds
from study.pack.models import Fact, Pack
from study.quiz.session import Attempt, Session
from study.store import Store


def accepted_forms(store: Store, key: str) -> dict[str, frozenset[str]]:
    """The responses teachers accepted on the pack ``key`` (`study overrides --accept`),
    normalised, by fact id: right in a quiz and on an answer sheet alike."""
    return {fact_id: frozenset(normalize(r) for r in responses)
            for fact_id, responses in store.accepted(key).items()}


class Companion:
    """One learner's history on one pack, through ``store``."""

    def __init__(self, store: Store, pack: Pack, learner: str, mode: str, *,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 seed: int | None = None) -> None:
        self.store = store
        self.pack = pack
        self.learner = learner
        self.mode = mode
        self.now = now
        self.key = pack_key(pack)
        self.seed = seed
        self._ids: dict[int, int] = {}
        self._usual: float | None = None
        self._usual_known = False
        self._told_degraded = False

    # -- the journal ---------------------------------------------------------------------------

    def begin(self, session: Session, kind: str, drill_id: str | None = None) -> None:
        self._ids[id(session)] = self.store.start_session(
            self.key, session.seed, session.topic, session.total, self.mode,
            learner=self.learner, kind=kind, plan=plan_of(session.questions),
            drill_id=drill_id, now=self.now())

    def adopt(self, session: Session, session_id: int) -> None:
        """Go on writing ``session`` under its stored id (a resumed session)."""
        self._ids[id(session)] = session_id

    def record(self, session: Session, position: int, attempt: Attempt) -> str | None:
        session_id = self._ids.get(id(session))
        if session_id is None:
            self.begin(session, "quiz")
            session_id = self._ids[id(session)]
        rating = rating_for(attempt, self._usual_pace(), timed_out=attempt.timed_out)
        self.store.record(session_id, position, attempt, rating=rating, now=self.now(),
                          timed_out=attempt.timed_out, points=attempt.points)
        if self.store.degraded:
            self._told_degraded = True
            return self.store.problem
        if self._told_degraded:
            self._told_degraded = False
            return "The database is writable again: every answer you gave is saved."
        return None

    def end(self, session: Session) -> None:
        session_id = self._ids.get(id(session))
        if session_id is not None:
            if session.finished:
                self.store.finish_session(session_id, now=self.now())
            # A session stopped half-way stays open: the next start offers to resume it.

    def _usual_pace(self) -> float | None:
        if not self._usual_known:
            self._usual = usual_seconds(self.store.recent_right_seconds(self.learner))
            self._usual_known = True
        return self._usual

    # -- the memory ----------------------------------------------------------------------------

    def accepted(self) -> dict[str, frozenset[str]]:
        """The responses teachers accepted, normalised, by fact id."""
        return accepted_forms(self.store, self.key)

    def greeting(self) -> list[str]:
        lines = []
        unfinished = self.store.resumable(self.learner, self.key)
        if unfinished is not None and unfinished.attempts:  # one left before its first answer
            row = unfinished.session                           # holds nothing to offer
            lines.append(f"You have an unfinished {row.kind} from {row.started_at[:10]}: "
                         f"{unfinished.next_position} of {row.total} answered. Say \"resume\" "
                         "to go on, or \"new\" for a new quiz.")
        due = self.due_line()
        if due:
            lines.append(due)
        return lines

    def due_line(self) -> str:
        dues = self.store.dues(self.learner, self.key)
        known = {f for f in dues if f in self.pack.facts_by_id}
        view = outlook((dues[f] for f in known), self.now())
        if view.due_now:
            return (f"{view.due_now} card{'s are' if view.due_now != 1 else ' is'} due for "
                    "review: say \"practice\".")
        return ""

    def practice(self, count: int) -> tuple[list[Fact], str]:
        dues = self.store.dues(self.learner, self.key)
        now = self.now()
        chosen = pick(self.pack, dues, now, count, seed=self._seed()) if count else None
        after = outlook((d for f, d in self.store.dues(self.learner, self.key).items()
                         if f in self.pack.facts_by_id), now)
        line = (f"Due tomorrow: {after.due_tomorrow - after.due_today}; "
                f"this week: {after.due_week}.")
        facts = [self.pack.facts_by_id[f] for f in chosen.fact_ids] if chosen else []
        return facts, line

    def review(self, since: timedelta | None = None) -> list[Fact]:
        """The facts answered wrong in the learner's last session (or since ``since``), in the
        order they were asked, each once."""
        history = [row for row in self.store.history(self.learner, self.key)]
        if not history:
            return []
        if since is not None:
            cutoff = self.now() - since
            rows = [r for r in history if datetime.fromisoformat(r.answered_at) >= cutoff]
        else:
            last = history[-1].session_id
            rows = [r for r in history if r.session_id == last]
        missed: dict[str, None] = {}
        for row in rows:
            if row.outcome != "correct" or row.skipped:
                missed[row.fact_id] = None
            else:
                missed.pop(row.fact_id, None)  # right later in the same span: learned
        return [self.pack.facts_by_id[f] for f in missed if f in self.pack.facts_by_id]

    def resume(self) -> tuple[Session, str] | None:
        unfinished = self.store.resumable(self.learner, self.key)
        if unfinished is None:
            return None
        row = unfinished.session
        questions, _missing = questions_from_plan(row.plan, self.pack)
        attempts = [replace(a.to_attempt(), timed_out=a.timed_out, points=a.points)
                    for a in unfinished.attempts]
        session = Session(self.pack, questions, row.seed, row.topic)
        kept = {q.fact.id for q in questions}
        session.attempts = [a for a in attempts if a.fact_id in kept][: len(questions)]
        session.restart_clock()
        self.adopt(session, row.id)
        return session, row.kind

    def discard_unfinished(self) -> None:
        unfinished = self.store.resumable(self.learner, self.key)
        if unfinished is not None:
            self.store.abandon_session(unfinished.session.id, now=self.now())

    def _seed(self) -> int:
        if self.seed is not None:
            return self.seed
        import random

        return random.SystemRandom().randrange(1, 1_000_000)
