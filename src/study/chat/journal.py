"""A conversation's journal in the progress database: sessions and attempts as they happen."""

from __future__ import annotations

from study.quiz.session import Attempt, Session
from study.store import Store


class StoreJournal:
    """Writes each session and attempt to ``store`` at once, so a killed session loses
    nothing."""

    def __init__(self, store: Store, mode: str) -> None:
        self.store = store
        self.mode = mode
        self._ids: dict[int, int] = {}

    def begin(self, session: Session, kind: str) -> None:
        self._ids[id(session)] = self.store.start_session(
            self.store_pack(session), session.seed, session.topic, session.total, self.mode
        )

    @staticmethod
    def store_pack(session: Session) -> str:
        return session.pack.root

    def record(self, session: Session, position: int, attempt: Attempt) -> str | None:
        session_id = self._ids.get(id(session))
        if session_id is None:
            self.begin(session, "quiz")
            session_id = self._ids[id(session)]
        self.store.record(session_id, position, attempt)
        return None

    def end(self, session: Session) -> None:
        session_id = self._ids.get(id(session))
        if session_id is not None:
            self.store.finish_session(session_id)
