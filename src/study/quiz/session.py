"""The quiz session engine: picks facts, records attempts, computes the score and breakdown."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from study.checking import Outcome, Verdict, check
from study.checking.normalize import is_dont_know, normalize
from study.errors import UsageError
from study.pack.models import Fact, Kind, Pack
from study.pack.topics import resolve_topic
from study.quiz.forms import (
    FORM_CHOICES,
    Form,
    Question,
    can_ask,
    make_question,
    not_an_answer,
    split_choice,
)
from study.quiz.hints import Hint, hint_for
from study.quiz.scoring import Mark, display_answer, format_score, mark_of
from study.rounding import format_percent

#: A hint halves what the answer can earn; a vague answer that stays vague earns half.
HINT_FACTOR = 0.5
CLOSE_SCORE = 0.5
DEFAULT_COUNT = 10


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
    timed_out: bool = False
    points: float | None = None

    @property
    def score(self) -> float:
        if self.skipped or self.timed_out:
            return 0.0
        base = self.verdict.score
        if self.verdict.outcome is Outcome.CLOSE:
            base = CLOSE_SCORE
        return base * (HINT_FACTOR**self.hints)

    @property
    def correct(self) -> bool:
        return self.verdict.outcome is Outcome.CORRECT and not self.skipped

    @property
    def mark(self) -> Mark:
        return mark_of(self.verdict, skipped=self.skipped)


@dataclass(frozen=True)
class TopicScore:
    topic: str
    asked: int
    correct: int
    score: float

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.asked if self.asked else 0.0


@dataclass(frozen=True)
class Override:
    """What "I was right" changed, said back to the learner in full."""

    number: int  # the question's number in the session, from 1
    question: Question
    response: str
    attempt: Attempt

    def describe(self) -> str:
        said = self.response
        if self.question.choices:
            index = _chosen_index(self.question, self.response)
            if index is not None:
                said = self.question.option(index)
        return (f"Question {self.number} ({self.question.prompt}): your answer {said!r} is now "
                "marked right, flagged as your override for a teacher to review.")


def _without_giveaways(pack: Pack, chosen: list[Fact]) -> list[Fact]:
    """``chosen`` in order, less every fact whose give-away partner (one question stating the
    other's answer, `study.quiz.giveaways`) comes earlier: the next fact takes its place."""
    from study.quiz.giveaways import partners

    pairs = partners(pack)
    if not pairs:
        return chosen
    kept: list[Fact] = []
    ids: set[str] = set()
    for fact in chosen:
        if ids.isdisjoint(pairs.get(fact.id, ())):
            kept.append(fact)
            ids.add(fact.id)
    return kept


def _chosen_index(question: Question, response: str) -> int | None:
    from study.checking.strategies import choice_index

    index = choice_index(response, question.choices)
    if index is not None and 0 <= index < len(question.choices):
        return index
    said = normalize(response)
    for i, option in enumerate(question.choices):
        if normalize(option) == said:
            return i
    return None


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
    #: Said to the learner before the first question ("only 12 facts have that topic").
    notes: list[str] = field(default_factory=list)
    form: str = "mix"
    #: Responses a teacher accepted for a fact (normalised), from `study overrides --accept`.
    accepted: Mapping[str, frozenset[str]] = field(default_factory=dict)
    hints_allowed: bool = True
    overrides_allowed: bool = True
    _hints: int = 0
    _retrying: bool = False
    _started: float = 0.0
    #: Whether the last attempt's verdict is the newest thing the learner was told, so that
    #: "I was right" may still apply to it.
    _override_open: bool = False

    @classmethod
    def build(
        cls,
        pack: Pack,
        *,
        count: int | None = None,
        topic: str | None = None,
        seed: int | None = None,
        form: str = "mix",
        facts: Iterable[Fact] | None = None,
        clock: Callable[[], float] = time.monotonic,
        shuffle: bool = True,
    ) -> Session:
        """Choose facts (topic filter, form, count, seeded shuffle) and their question forms.

        ``facts`` gives the facts in order (practice and review pick them); otherwise the
        pack's facts are shuffled by ``seed``.
        """
        if form not in FORM_CHOICES:
            raise UsageError(f"--form must be one of {', '.join(FORM_CHOICES)}, not {form!r}")
        if count is not None and count < 1:
            raise UsageError(f"--count must be at least 1, not {count}")
        if seed is None:
            seed = random.SystemRandom().randrange(1, 1_000_000)
        notes: list[str] = []
        chosen: list[Fact] = list(pack.facts if facts is None else facts)
        slug = None
        if topic:
            slug = resolve_topic(pack, topic)
            chosen = [f for f in chosen if f.topic == slug]
        if form != "mix":
            chosen = [f for f in chosen if can_ask(f, pack, Form(form))]
            if not chosen:
                where = f" in the topic {slug!r}" if slug else ""
                raise UsageError(f"no fact{where} can be asked as {form}")
        rng = random.Random(seed)
        if shuffle and facts is None:
            rng.shuffle(chosen)
        before = len(chosen)
        chosen = _without_giveaways(pack, chosen)
        if count is not None and count > len(chosen):
            what = f"{len(chosen)} facts" if len(chosen) != 1 else "1 fact"
            scope = f" on {slug}" if slug else ""
            scope += f" as {form}" if form != "mix" else ""
            left = before - len(chosen)
            if left:
                scope += (f" that can be asked together ({left} left out: their questions would "
                          "give away the answers of others)")
            notes.append(f"There are only {what}{scope}: asking all {len(chosen)}.")
        pool = chosen
        if count is not None:
            chosen = chosen[:count]
        if form == "cloze":  # every question a fill-in-the-blank: one that would tell is left out
            questions = _clozes_that_tell_nothing(pool, pack, rng, count)
        else:
            questions = _no_cloze_giveaways([make_question(f, pack, rng, form) for f in chosen])
        session = cls(pack, questions, seed, slug, clock, notes=notes, form=form)
        session._started = clock()
        return session

    # -- plans: a session written down, to be resumed -----------------------------------------

    def plan(self) -> list[dict[str, Any]]:
        """The questions as plain data (fact, form, prompt, choices), in order."""
        return [{"fact": q.fact.id, "form": str(q.form), "prompt": q.prompt,
                 "choices": list(q.choices)} for q in self.questions]

    @classmethod
    def from_plan(
        cls,
        pack: Pack,
        plan: list[dict[str, Any]],
        seed: int,
        *,
        topic: str | None = None,
        attempts: Iterable[Attempt] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> Session:
        """The session ``plan`` describes, with ``attempts`` already answered. A fact the pack
        no longer has is dropped from the plan (its attempts stay in the store)."""
        questions = []
        for entry in plan:
            fact = pack.facts_by_id.get(str(entry["fact"]))
            if fact is None:
                continue
            questions.append(Question(fact, Form(entry["form"]), str(entry["prompt"]),
                                      tuple(str(c) for c in entry.get("choices", ()))))
        session = cls(pack, questions, seed, topic, clock)
        kept = {q.fact.id for q in questions}
        session.attempts = [a for a in attempts if a.fact_id in kept][: len(questions)]
        session._started = clock()
        return session

    def retry_missed(self, seed: int | None = None) -> Session:
        """A new session of the questions not answered fully right, in the same forms."""
        questions = [q for q, _ in self.missed()]
        if not questions:
            raise UsageError("there are no missed questions to retry")
        session = Session(self.pack, questions, self.seed if seed is None else seed, self.topic,
                          self.clock, accepted=self.accepted)
        session._started = self.clock()
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
    def last(self) -> tuple[Question, Attempt] | None:
        """The question answered last, with its attempt."""
        if not self.attempts:
            return None
        return self.questions[self.index - 1], self.attempts[-1]

    @property
    def awaiting_retry(self) -> bool:
        """True after a vague answer: the learner is asked once to be more specific."""
        return self._retrying

    @property
    def hints_used(self) -> int:
        """Hints taken on the current question."""
        return self._hints

    @property
    def score(self) -> float:
        return sum(a.score for a in self.attempts)

    @property
    def correct_count(self) -> int:
        return sum(a.correct for a in self.attempts)

    def count(self, mark: Mark) -> int:
        return sum(a.mark is mark for a in self.attempts)

    @property
    def overridden_count(self) -> int:
        return sum(a.overridden for a in self.attempts)

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.index if self.index else 0.0

    def score_line(self) -> str:
        """"Score 5.5 of 7 (79%): 4 correct, 2 partly right, 1 missed", rounded for people."""
        parts = [f"{self.correct_count} correct"]
        partial = self.count(Mark.PARTIAL) + self.count(Mark.CLOSE)
        if partial:
            parts.append(f"{partial} partly right")
        missed = self.count(Mark.INCORRECT)
        skipped = self.count(Mark.SKIPPED)
        parts.append(f"{missed} missed")
        if skipped:
            parts.append(f"{skipped} skipped")
        line = (f"Score {format_score(self.score)} of {self.index} ({format_percent(self.percent)}): "
                + ", ".join(parts))
        if self.overridden_count:
            line += f" ({self.overridden_count} marked right by your override)"
        if self.index < self.total:
            line += f"; {self.total - self.index} not reached"
        return line

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
        """Every question not answered fully right (an override counts as right), with its
        attempt."""
        return [
            (q, a) for q, a in zip(self.questions, self.attempts, strict=False) if not a.correct
        ]

    def overridden(self) -> list[tuple[Question, Attempt]]:
        return [(q, a) for q, a in zip(self.questions, self.attempts, strict=False)
                if a.overridden]

    # -- actions ----------------------------------------------------------------------------

    def _require_current(self) -> Question:
        question = self.current
        if question is None:
            raise RuntimeError("the session is finished")
        return question

    def hint(self) -> Hint | None:
        """The next hint for the current question; each halves what the answer earns. None
        when hints are off (a drill) or every hint has been given."""
        question = self._require_current()
        if not self.hints_allowed:
            return None
        previous = hint_for(question, self._hints) if self._hints else None
        if previous is not None and previous.last:
            return None
        self._hints += 1
        return hint_for(question, self._hints)

    def not_an_answer(self, response: str) -> str | None:
        """Why ``response`` cannot be taken as an answer to the current question (nothing
        typed, an option letter that was not shown, neither true nor false), or None; nothing
        is recorded."""
        return not_an_answer(self._require_current(), response)

    def answer(self, response: str) -> Verdict:
        """Check ``response`` to the current question; a first vague answer is not recorded."""
        question = self._require_current()
        verdict = self._judge(question, response)
        if verdict.outcome is Outcome.CLOSE and not self._retrying:
            self._retrying = True
            self._override_open = False
            return verdict
        self._record(question, response, verdict, skipped=False)
        return verdict

    def _judge(self, question: Question, response: str) -> Verdict:
        accepted = self.accepted.get(question.fact.id)
        if accepted and normalize(response) in accepted:
            return Verdict.right("accepted by your teacher")
        if not question.choices:
            return check(question.fact, response, self.pack)
        return self._judge_choice(question, response)

    def _judge_choice(self, question: Question, response: str) -> Verdict:
        """A choice answered by letter, by text, or both ("B) Twitter"): both must agree."""
        fact = question.fact
        lettered = split_choice(question, response)
        if lettered is not None and 0 <= lettered[0] < len(question.choices):
            index, text = lettered
            by_letter = check(fact, question.choices[index], self.pack)
            by_text = check(fact, text, self.pack, question.choices)
            named = _chosen_index(question, text)
            if named is not None and named != index:
                return Verdict.wrong(
                    f"{question.option(index)} and {question.option(named)} are two different "
                    f"options; the answer is {self._right_option(question)}")
            if by_letter.correct != by_text.correct:
                return Verdict.wrong(f"you chose {question.option(index)} but wrote {text!r}; "
                                     f"the answer is {self._right_option(question)}")
            verdict = by_letter
            chosen: int | None = index
        else:
            verdict = check(fact, response, self.pack, question.choices)
            chosen = _chosen_index(question, response)
        if verdict.correct or verdict.outcome is Outcome.CLOSE:
            return verdict
        said = f"{question.option(chosen)} is not the answer" if chosen is not None else \
            verdict.reason.split(";")[0]
        answer = f"the answer is {self._right_option(question)}"
        if said.startswith("the answer is"):  # the checker said only that: say it once
            return Verdict.wrong(answer, verdict.score)
        return Verdict.wrong(f"{said}; {answer}", verdict.score)

    def _right_option(self, question: Question) -> str:
        for i, option in enumerate(question.choices):
            if check(question.fact, option, self.pack).correct:
                return question.option(i)
        return display_answer(question.fact)

    def skip(self) -> Verdict:
        question = self._require_current()
        verdict = Verdict.wrong(f"the answer is {display_answer(question.fact)}")
        self._record(question, "", verdict, skipped=True)
        return verdict

    def time_out(self, response: str = "") -> Verdict:
        """The time limit passed (a drill): the answer scores nothing, whatever it was."""
        question = self._require_current()
        verdict = Verdict.wrong(f"time's up; the answer is {display_answer(question.fact)}")
        self._record(question, response, verdict, skipped=False, timed_out=True)
        return verdict

    def can_override(self) -> str | None:
        """Why "I was right" cannot apply now, or None when it can: it applies only to the
        verdict just given, before anything else is answered, and only to a real answer."""
        if not self.overrides_allowed:
            return "Overrides are off in this session."
        if not self.attempts or not self._override_open:
            return "There is no verdict to override: it applies only to the answer just marked."
        last = self.attempts[-1]
        if last.correct:
            return "That answer was already marked right."
        if last.skipped or last.timed_out:
            return "A skipped or timed-out question cannot be marked right."
        if last.overridden:
            return "That answer is already marked right by your override."
        if is_dont_know(last.response):
            return "No answer was given, so there is nothing to mark right."
        return None

    def override(self) -> Override | None:
        """"I was right": rescore the answer just marked as correct, flagged as overridden."""
        if self.can_override() is not None:
            return None
        position = len(self.attempts) - 1
        last = self.attempts[position]
        verdict = Verdict.right(f"marked right by you (the checker said: {last.verdict.reason})")
        updated = replace(last, verdict=verdict, overridden=True)
        self.attempts[position] = updated
        self._override_open = False
        if self.on_attempt:
            self.on_attempt(updated, position)
        return Override(position + 1, self.questions[position], last.response, updated)

    def _record(self, question: Question, response: str, verdict: Verdict, skipped: bool,
                timed_out: bool = False) -> None:
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
            timed_out=timed_out,
        )
        self.attempts.append(attempt)
        self._hints = 0
        self._retrying = False
        self._started = now
        self._override_open = True
        if self.on_attempt:
            self.on_attempt(attempt, len(self.attempts) - 1)

    def restart_clock(self) -> None:
        """Start timing the current question now (when it is shown, after a pause)."""
        self._started = self.clock()
        self._override_open = self._override_open and bool(self.attempts)

    def close_override(self) -> None:
        """The learner moved on: "I was right" no longer applies to the last verdict."""
        self._override_open = False


def _tells(question: Question, fact: Fact) -> bool:
    """Whether a fill-in-the-blank's sentence states another fact's answer: a passage sentence
    is not a vetted prompt (`giveaways` checks the prompts)."""
    from study.pack.validate import states_answer

    return (question.form is Form.CLOZE and question.fact.id != fact.id
            and fact.kind is not Kind.TRUEFALSE and states_answer(question.prompt, fact))


def _no_cloze_giveaways(questions: list[Question]) -> list[Question]:
    """A fill-in-the-blank whose sentence states another question's answer ("... _____ of
    stimulus money, together with $5.9 million from its 2009 budget" beside "how much from its
    own budget?") is asked as short answer instead, from its vetted prompt."""
    return [Question(q.fact, Form.SHORT, q.fact.prompt)
            if any(_tells(q, other.fact) for other in questions) else q for q in questions]


def _clozes_that_tell_nothing(pool: list[Fact], pack: Pack, rng: random.Random,
                              count: int | None) -> list[Question]:
    """Fill-in-the-blanks in ``pool``'s order, leaving out one whose sentence states the answer
    of one already taken, or whose answer a taken one's sentence states."""
    out: list[Question] = []
    for fact in pool:
        if count is not None and len(out) >= count:
            break
        question = make_question(fact, pack, rng, "cloze")
        if any(_tells(question, q.fact) or _tells(q, fact) for q in out):
            continue
        out.append(question)
    return out
