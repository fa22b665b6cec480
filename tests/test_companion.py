"""The companion: learners, FSRS reviews of every answer, practice, review, resume and progress,
through the conversation and the real store; a real process killed mid-quiz, then resumed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import SMALL_PACK
from study.chat import Conversation
from study.chat.messages import Asked, Finished, Say
from study.learning import pack_key
from study.learning.companion import Companion
from study.store import Store


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def chat_for(pack, store: Store, learner: str = "ana", clock: Clock | None = None) -> Conversation:
    companion = Companion(store, pack, learner, "plain", now=clock or Clock(), seed=1)
    return Conversation(pack, learner=learner, journal=companion, companion=companion,
                        pause_after_verdict=False, accepted=companion.accepted())


def asked(replies) -> list[Asked]:
    return [r for r in replies if isinstance(r, Asked)]


def test_every_answer_reviews_its_card_for_that_learner(small_pack, tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    chat = chat_for(small_pack, store)
    chat.start_quiz(count=3, seed=2, form="short")
    session = chat.session
    assert session is not None
    first = session.current
    assert first is not None
    chat.send("zebra")
    chat.send("/skip")
    cards = store.cards("ana", pack_key(small_pack))
    assert set(cards) == {session.questions[0].fact.id, session.questions[1].fact.id}
    assert store.cards("bea", pack_key(small_pack)) == {}
    rows = store.history("ana", pack_key(small_pack))
    assert [r.fact_id for r in rows] == [q.fact.id for q in session.questions[:2]]
    db = sqlite3.connect(tmp_path / "s.db")
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 2
    assert db.execute("SELECT kind, plan IS NOT NULL FROM sessions").fetchone() == ("quiz", 1)


def test_an_override_re_rates_the_card(small_pack, tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    chat = chat_for(small_pack, store)
    chat.start_quiz(count=2, seed=2, form="short")
    session = chat.session
    assert session is not None
    fact_id = session.questions[0].fact.id
    chat.send("zebra")
    due_wrong = store.dues("ana", pack_key(small_pack))[fact_id]
    chat.send("/right")
    due_right = store.dues("ana", pack_key(small_pack))[fact_id]
    assert due_right > due_wrong  # Good schedules it later than Again
    db = sqlite3.connect(tmp_path / "s.db")
    assert db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 1  # rewritten, not added


def test_practice_asks_what_is_due_first_and_says_what_comes(small_pack, tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    clock = Clock()
    chat = chat_for(small_pack, store, clock=clock)
    chat.start_quiz(count=3, seed=2, form="short")
    session = chat.session
    assert session is not None
    missed = session.questions[0].fact.id
    chat.send("zebra")  # Again: due again in minutes
    chat.stop()
    clock.now += timedelta(hours=1)
    again = chat_for(small_pack, store, clock=clock)
    greeting = [r.text for r in again.opening() if isinstance(r, Say)]
    assert any("due for review" in line for line in greeting)
    replies = again.send("practice")
    first = asked(replies)[0]
    assert first.question.fact.id == missed
    assert again.session is not None and again.kind == "practice"
    while again.session.current is not None:
        replies = again.send("/skip")
    replies += again.send("")
    finished = next(r for r in replies if isinstance(r, Finished))
    assert finished.footnote.startswith("Due tomorrow: ") and "this week: " in finished.footnote


def test_review_re_asks_last_sessions_mistakes(small_pack, tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    chat = chat_for(small_pack, store)
    chat.start_quiz(count=3, seed=2, form="short")
    session = chat.session
    assert session is not None
    ids = [q.fact.id for q in session.questions]
    right = session.questions[1].fact
    chat.send("zebra")
    chat.send(right.items[0] if right.kind != "list" else ", ".join(right.items))
    chat.send("/skip")
    chat.send("")
    later = chat_for(small_pack, store)
    later.send("review")
    assert later.session is not None and later.kind == "review"
    assert [q.fact.id for q in later.session.questions] == [ids[0], ids[2]]


def test_a_quiz_left_before_its_first_answer_is_not_offered(small_pack, tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    chat_for(small_pack, store).start_quiz(count=4, seed=5)  # and left at once
    offer = [r.text for r in chat_for(small_pack, store).opening() if isinstance(r, Say)]
    assert not any("unfinished" in line for line in offer)


def test_a_stopped_quiz_is_offered_and_resumed_as_it_was(small_pack, tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    chat = chat_for(small_pack, store)
    chat.start_quiz(count=4, seed=5)
    session = chat.session
    assert session is not None
    plan = [(q.fact.id, q.form, q.prompt, q.choices) for q in session.questions]
    chat.send("/skip")
    chat.send("/skip")
    store.close()  # the learner closed study mid-quiz
    store = Store(tmp_path / "s.db")
    again = chat_for(small_pack, store)
    offer = [r.text for r in again.opening() if isinstance(r, Say)]
    assert any("unfinished quiz" in line and "2 of 4 answered" in line for line in offer)
    replies = again.send("resume")
    resumed = again.session
    assert resumed is not None
    assert [(q.fact.id, q.form, q.prompt, q.choices) for q in resumed.questions] == plan
    assert asked(replies)[0].number == 3
    again.send("/skip")
    again.send("/skip")
    again.send("")
    rows = store.history("ana", pack_key(small_pack))
    assert [r.position for r in rows] == [0, 1, 2, 3]  # nothing lost, nothing twice
    assert again.opening()[1:] == [] or not any(
        "unfinished" in r.text for r in again.opening() if isinstance(r, Say))


def test_new_sets_the_unfinished_quiz_aside(small_pack, tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    chat = chat_for(small_pack, store)
    chat.start_quiz(count=4, seed=5)
    chat.send("/skip")
    again = chat_for(small_pack, store)
    again.send("new")
    assert store.resumable("ana", pack_key(small_pack)) is not None  # the new one, now open
    third = chat_for(small_pack, store)
    found = third.companion.resume() if third.companion else None  # type: ignore[union-attr]
    assert found is not None and found[0].index == 0  # the set-aside one is never offered


def test_a_teachers_accepted_form_is_taken(small_pack, tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    chat = chat_for(small_pack, store)
    chat.start_quiz(facts=[small_pack.facts_by_id["melson"]], count=1, seed=1, form="short")
    chat.send("the boss at ATF")
    chat.send("/right")
    [override] = store.overrides()
    store.accept(override.id)
    later = chat_for(small_pack, store)
    later.start_quiz(facts=[small_pack.facts_by_id["melson"]], count=1, seed=1, form="short")
    later.send("The boss at ATF")
    assert later.session is not None and later.session.attempts[0].correct


# -- real processes -------------------------------------------------------------------------------


def study(*args: str, data: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDY_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, "-m", "study", *args], input=stdin, text=True,
                          capture_output=True, env=env, timeout=60, check=False)


def test_a_killed_quiz_resumes_with_every_answer_once(tmp_path: Path) -> None:
    """A plain quiz fed by a pipe, killed at random moments (STUDY_KILL_ROUNDS times, default
    3), each time resumed with --resume."""
    data = tmp_path / "data"
    env = {**os.environ, "STUDY_DATA_DIR": str(data), "STUDY_CACHE_DIR": str(tmp_path / "c")}
    rng = random.Random(7)
    shown = 0
    for round_ in range(int(os.environ.get("STUDY_KILL_ROUNDS", "3"))):
        args = [sys.executable, "-m", "study", "quiz", "--plain", "--content", str(SMALL_PACK),
                "--learner", f"k{round_}", "--count", "8", "--seed", str(round_)]
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                env=env)
        assert proc.stdin and proc.stdout
        answered = 0
        for _ in range(rng.randint(2, 5)):
            proc.stdin.write("/skip\n")
            proc.stdin.flush()
            # wait until the verdict is printed: then it is recorded
            while "Skipped" not in (line := proc.stdout.readline()):
                assert line, "the quiz ended early"
            answered += 1
        time.sleep(rng.random() / 20)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        shown += answered
        result = study("quiz", "--plain", "--content", str(SMALL_PACK), "--learner",
                       f"k{round_}", "--resume", data=data, stdin="/skip\n" * 8 + "\n")
        assert result.returncode == 0, result.stderr
        assert f"Resuming your quiz: {answered} of 8 answered" in result.stdout
        db = sqlite3.connect(data / "study.db")
        positions = [r[0] for r in db.execute(
            "SELECT a.position FROM attempts a JOIN learners l ON l.id = a.learner_id "
            "WHERE l.name = ? ORDER BY a.position", (f"k{round_}",))]
        assert positions == list(range(8)), positions  # each once, none lost
    assert shown >= 6


def test_study_practice_and_review_commands(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = study("quiz", "--plain", "--content", str(SMALL_PACK), "--count", "3", "--seed", "1",
                  "--learner", "cy", data=data, stdin="zebra\nzebra\nzebra\n\n")
    assert first.returncode == 0, first.stderr
    review = study("review", "--plain", "--content", str(SMALL_PACK), "--learner", "cy",
                   data=data, stdin="/skip\n" * 3 + "\n")
    assert review.returncode == 0, review.stderr
    assert "Review: 3 questions" in review.stdout
    practice = study("practice", "--plain", "--content", str(SMALL_PACK), "--learner", "cy",
                     "--count", "4", data=data, stdin="/skip\n" * 4 + "\n")
    assert practice.returncode == 0, practice.stderr
    assert "Practice: 4 questions" in practice.stdout
    assert "Due tomorrow: " in practice.stdout
    nothing = study("review", "--plain", "--content", str(SMALL_PACK), "--learner", "new",
                    data=data)
    assert "Nothing to review" in nothing.stdout


def test_a_drill_left_half_way_is_never_offered_to_resume(small_pack, tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    session_id = store.start_session(pack_key(small_pack), 1, None, 3, "plain", learner="ana",
                                     kind="drill", plan=[], drill_id="d1")
    from study.learning.plan import plan_of
    from study.quiz import Session

    session = Session.build(small_pack, count=3, seed=1, form="short")
    store.abandon_session(session_id)
    drill = store.start_session(pack_key(small_pack), 1, None, 3, "plain", learner="ana",
                                kind="drill", plan=plan_of(session.questions), drill_id="d1")
    store.record(drill, 0, session.answer("zebra") and session.attempts[0])
    assert store.resumable("ana", pack_key(small_pack)) is None
    quiz = store.start_session(pack_key(small_pack), 1, None, 3, "plain", learner="ana",
                               kind="quiz", plan=plan_of(session.questions))
    found = store.resumable("ana", pack_key(small_pack))
    assert found is not None and found.session.id == quiz
