"""The quiz session engine: picks facts, records attempts, computes the score and breakdown."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from study.checking import Outcome, Verdict, check
from study.checking.forms import expand
from study.errors import UsageError
from study.pack.models import Fact, Kind, Pack
from study.quiz.forms import Form, Question, make_question, not_an_answer

#: A hint halves what the answer can earn; a vague answer that stays vague earns half.
HINT_FACTOR = 0.5
CLOSE_SCORE = 0.5


@dataclass(frozen=True)
class Attempt:
    """One answered (or skipped) question."""

    fact_id: str
    topic: str
    form: Form
    response: str
    verdict: Verdict
    seconds: float
    hints: int = 0
    skipped: bool = False
    overridden: bool = False
    retried: bool = False

    @property
    def score(self) -> float:
        if self.skipped:
            return 0.0
        base = self.verdict.score
        if self.verdict.outcome is Outcome.CLOSE:
            base = CLOSE_SCORE
        return base * (HINT_FACTOR**self.hints)

    @property
    def correct(self) -> bool:
        return self.verdict.outcome is Outcome.CORRECT and not self.skipped


@dataclass(frozen=True)
class TopicScore:
    topic: str
    asked: int
    correct: int
    score: float

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.asked if self.asked else 0.0


@dataclass
class Session:
    """A run through a list of questions. Pure: no I/O, no clock unless one is given."""

    pack: Pack
    questions: list[Question]
    seed: int
    topic: str | None = None
    clock: Callable[[], float] = time.monotonic
    on_attempt: Callable[[Attempt, int], None] | None = None
    attempts: list[Attempt] = field(default_factory=list)
    _hints: int = 0
    _retrying: bool = False
    _started: float = 0.0

    @classmethod
    def build(
        cls,
        pack: Pack,
        *,
        count: int | None = None,
        topic: str | None = None,
        seed: int | None = None,
        mix_forms: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> Session:
        """Choose facts (topic filter, count, seeded shuffle) and their question forms."""
        if seed is None:
            seed = random.SystemRandom().randrange(1, 1_000_000)
        facts: list[Fact] = list(pack.facts)
        if topic:
            facts = [f for f in facts if f.topic == topic]
            if not facts:
                known = ", ".join(sorted(pack.topics))
                raise UsageError(f"no facts have the topic {topic!r}; topics are: {known}")
        if count is not None and count < 1:
            raise UsageError(f"--count must be at least 1, not {count}")
        rng = random.Random(seed)
        rng.shuffle(facts)
        if count is not None:
            facts = facts[:count]
        questions = [make_question(f, pack, rng, mix_forms) for f in facts]
        session = cls(pack, questions, seed, topic, clock)
        session._started = clock()
        return session

    # -- state ------------------------------------------------------------------------------

    @property
    def index(self) -> int:
        return len(self.attempts)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def finished(self) -> bool:
        return self.index >= self.total

    @property
    def current(self) -> Question | None:
        return None if self.finished else self.questions[self.index]

    @property
    def awaiting_retry(self) -> bool:
        """True after a vague answer: the learner is asked once to be more specific."""
        return self._retrying

    @property
    def score(self) -> float:
        return sum(a.score for a in self.attempts)

    @property
    def correct_count(self) -> int:
        return sum(a.correct for a in self.attempts)

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.index if self.index else 0.0

    def breakdown(self) -> list[TopicScore]:
        """Per-topic results in the order topics were first asked."""
        rows: dict[str, list[float]] = {}
        for a in self.attempts:
            row = rows.setdefault(a.topic, [0, 0, 0.0])
            row[0] += 1
            row[1] += a.correct
            row[2] += a.score
        return [TopicScore(t, int(r[0]), int(r[1]), r[2]) for t, r in rows.items()]

    def missed(self) -> list[tuple[Question, Attempt]]:
        """Every question not answered fully right, with its attempt."""
        return [
            (q, a) for q, a in zip(self.questions, self.attempts, strict=False) if not a.correct
        ]

    # -- actions ----------------------------------------------------------------------------

    def _require_current(self) -> Question:
        question = self.current
        if question is None:
            raise RuntimeError("the session is finished")
        return question

    def hint(self) -> str:
        """The answer's first letter and length; using it halves what the answer earns."""
        question = self._require_current()
        if self._hints == 0:
            self._hints = 1
        return hint_text(question)

    def not_an_answer(self, response: str) -> str | None:
        """Why ``response`` cannot be taken as an answer to the current question (an option
        letter that was not shown, neither true nor false), or None; nothing is recorded."""
        return not_an_answer(self._require_current(), response)

    def answer(self, response: str) -> Verdict:
        """Check ``response`` to the current question; a first vague answer is not recorded."""
        question = self._require_current()
        verdict = check(question.fact, response, self.pack, question.choices or None)
        if verdict.outcome is Outcome.CLOSE and not self._retrying:
            self._retrying = True
            return verdict
        self._record(question, response, verdict, skipped=False)
        return verdict

    def skip(self) -> Verdict:
        question = self._require_current()
        verdict = Verdict.wrong(f"skipped; the answer is {question.fact.answer_text}")
        self._record(question, "", verdict, skipped=True)
        return verdict

    def override(self) -> Attempt | None:
        """"I was right": rescore the last incorrect attempt as correct, marked as overridden."""
        if not self.attempts:
            return None
        last = self.attempts[-1]
        if last.correct or last.skipped or last.overridden:
            return None
        verdict = Verdict.right(f"overridden by the learner (was: {last.verdict.reason})")
        updated = replace(last, verdict=verdict, overridden=True)
        self.attempts[-1] = updated
        if self.on_attempt:
            self.on_attempt(updated, len(self.attempts) - 1)
        return updated

    def _record(self, question: Question, response: str, verdict: Verdict, skipped: bool) -> None:
        now = self.clock()
        attempt = Attempt(
            fact_id=question.fact.id,
            topic=question.fact.topic,
            form=question.form,
            response=response,
            verdict=verdict,
            seconds=round(now - self._started, 3),
            hints=self._hints,
            skipped=skipped,
            retried=self._retrying,
        )
        self.attempts.append(attempt)
        self._hints = 0
        self._retrying = False
        self._started = now
        if self.on_attempt:
            self.on_attempt(attempt, len(self.attempts) - 1)


def hint_text(question: Question) -> str:
    """First letter and length of the answer, e.g. "starts with M, 6 letters"."""
    fact = question.fact
    if question.form is Form.TRUEFALSE:
        return "think about who made the claim and what exactly it says"
    if fact.kind is Kind.LIST:
        firsts = ", ".join(expand(item)[0][:1].upper() for item in fact.items)
        return f"{len(fact.items)} items, starting with {firsts}"
    answer = expand(fact.items[0])[0]
    letters = sum(ch.isalnum() for ch in answer)
    words = len(answer.split())
    shape = f"{letters} letters" if words == 1 else f"{words} words, {letters} letters"
    if fact.kind.numeric:
        shape = f"{words} word{'s' if words > 1 else ''}, {letters} characters"
    return f"starts with {answer[0]!r}, {shape}"
