"""A class's journal: every session and attempt in the store under the learner's name; a
drill's session carries the drill's id, and its attempts their points and time-outs."""

from __future__ import annotations

from collections.abc import Callable

from study.learning import pack_key
from study.learning.plan import plan_of
from study.quiz.session import Attempt, Session
from study.store import Store


class ClassJournal:
    """Writes each session and attempt to ``store`` at once (a killed session loses nothing).

    ``learner`` is asked at the start of each session (a served tab names its learner after
    the app has started); ``drill_id`` is the drill that sessions of kind ``drill`` belong to.
    """

    def __init__(self, store: Store, mode: str, learner: Callable[[], str],
                 drill_id: str | None = None) -> None:
        self.store = store
        self.mode = mode
        self.learner = learner
        self.drill_id = drill_id
        self._ids: dict[int, int] = {}

    def begin(self, session: Session, kind: str) -> None:
        self._ids[id(session)] = self.store.start_session(
            pack_key(session.pack), session.seed, session.topic, session.total, self.mode,
            learner=self.learner() or None, kind=kind if kind in _KINDS else "quiz",
            plan=plan_of(session.questions), drill_id=self.drill_id if kind == "drill" else None)

    def record(self, session: Session, position: int, attempt: Attempt) -> str | None:
        session_id = self._ids.get(id(session))
        if session_id is None:
            self.begin(session, "quiz")
            session_id = self._ids[id(session)]
        self.store.record(session_id, position, attempt, timed_out=attempt.timed_out,
                          points=attempt.points)
        return self.store.problem if self.store.degraded else None

    def end(self, session: Session) -> None:
        session_id = self._ids.get(id(session))
        if session_id is not None:
            self.store.finish_session(session_id)


_KINDS = ("quiz", "practice", "review", "drill")
